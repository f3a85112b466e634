"""The Guard: one engine that detects, decides and transforms, for every face.

``Guard(policy, keyring)`` protects a string, a value at a field path, or a
whole JSON document, and reveals tokens again for key holders. The
middleware, the log filter, the file scrubber and the scanner all call it;
none of them re-implements detection, policy lookup or token parsing.

Data walks detect → decide → transform once:

* **detect**: existing tokens are cut out first (protecting twice would bury
  a value under two layers), then the detector runs on the text between;
* **decide**: the compiled policy maps the entity (and field path) to an
  operator, with the entity's score threshold;
* **transform**: the operator replaces the finding, right to left so offsets
  stay valid.

Counts (per entity and action, per key id on reveal) go into an optional
:class:`Stats`; values never do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pii_guard.detect import Detector, Finding
from pii_guard.keys import Keyring
from pii_guard.operators import OperatorContext, TokenError, reveal_token, tokens
from pii_guard.policy import CompiledPolicy, Policy, load
from pii_guard.walk import DEFAULT_MAX_DEPTH, transform


@dataclass
class Stats:
    """Counts of what a call did: never values, only entity names, actions and key ids."""

    protected: Counter[tuple[str, str]] = field(default_factory=Counter)  # (entity, action)
    revealed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (entity, key id)
    kept_tokens: int = 0  # tokens already present in the input
    one_way: int = 0  # hash tokens seen by reveal

    def merge(self, other: "Stats") -> None:
        self.protected.update(other.protected)
        self.revealed.update(other.revealed)
        self.kept_tokens += other.kept_tokens
        self.one_way += other.one_way

    def as_dict(self) -> dict[str, Any]:
        return {
            "protected": [{"entity": e, "action": a, "count": n} for (e, a), n in sorted(self.protected.items())],
            "revealed": [{"entity": e, "key_id": k, "count": n} for (e, k), n in sorted(self.revealed.items())],
            "tokens_already_present": self.kept_tokens,
            "one_way_tokens": self.one_way,
        }


class RevealError(ValueError):
    """A token could not be revealed. Says where (offset, path), never what."""

    def __init__(self, reason: str, offset: int, path: str | None) -> None:
        self.reason, self.offset, self.path = reason, offset, path
        where = f"{path} " if path else ""
        super().__init__(f"{where}character {offset + 1}: {reason}")


class Guard:
    """Protect and reveal text and documents by one policy and one keyring."""

    def __init__(
        self,
        policy: Policy | str | Path,
        keyring: Keyring | None = None,
        detector: Detector | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> None:
        self.detector = detector or Detector.default()
        if not isinstance(policy, Policy):
            policy = load(policy, self.detector.entities)
        self.policy: Policy = policy
        self.keyring = keyring
        self.compiled: CompiledPolicy = policy.compile(keyring)
        self.max_depth = max_depth
        self._min_threshold = min([policy.threshold, *(r.threshold for r in policy.entities.values())])

    # -- detect ---------------------------------------------------------------------------

    def findings(self, text: str) -> list[Finding]:
        """Findings in ``text`` that pass their entity's threshold, tokens excluded."""
        out: list[Finding] = []
        compiled = self.compiled
        pos = 0
        for m in tokens.find(text):
            out.extend(self._detect(text[pos : m.start()], pos, compiled))
            pos = m.end()
        out.extend(self._detect(text[pos:] if pos else text, pos, compiled))
        return out

    def _detect(self, segment: str, offset: int, compiled: CompiledPolicy) -> list[Finding]:
        if not segment:
            return []
        found = self.detector.analyze(segment, self._min_threshold)
        out = []
        for f in found:
            if f.score >= compiled.threshold(f.entity_type):
                out.append(f._replace(start=f.start + offset, end=f.end + offset) if offset else f)
        return out

    # -- protect --------------------------------------------------------------------------

    def protect_text(self, text: str, path: str | None = None, stats: Stats | None = None, *, number: bool = False) -> str:
        """Replace every finding in ``text`` as the policy says."""
        if "pg1." in text and stats is not None:
            stats.kept_tokens += sum(1 for _ in tokens.find(text))
        found = self.findings(text)
        if not found:
            return text
        compiled = self.compiled
        pieces: list[str] = []
        last = len(text)
        for f in reversed(found):
            op = compiled.operator(f.entity_type)
            if stats is not None:
                stats.protected[(f.entity_type, compiled.action(f.entity_type))] += 1
            if op is None:
                continue
            whole = number and f.start == 0 and f.end == len(text)
            ctx = OperatorContext(f.entity_type, path, f.outcome, whole)
            pieces.append(text[f.end : last])
            pieces.append(op.operate(text[f.start : f.end], ctx))
            last = f.start
        pieces.append(text[:last])
        return "".join(reversed(pieces))

    def protect_value(self, value: Any, path: str, stats: Stats | None = None) -> Any:
        """Protect one scalar at ``path`` by the field rules (scan, protect whole, keep)."""
        if isinstance(value, bool) or value is None or isinstance(value, float):
            return value  # no ID, card or phone survives as a float or a boolean
        is_number = isinstance(value, int)
        if not is_number and not isinstance(value, str):
            return value
        text = str(value)
        mode, entity = self.compiled.field_mode(path)
        if mode == "keep":
            return value
        if mode == "protect":
            return self._protect_whole(text, path, entity or "", is_number, stats)
        out = self.protect_text(text, path, stats, number=is_number)
        return value if out == text else out

    def _protect_whole(self, text: str, path: str, entity: str, number: bool, stats: Stats | None) -> Any:
        if not text or tokens.looks_like_token(text):
            return text
        compiled = self.compiled
        if stats is not None:
            stats.protected[(entity, compiled.action(entity))] += 1
        op = compiled.operator(entity)
        if op is None:
            return int(text) if number else text
        outcome = self._outcome(entity, text)
        return op.operate(text, OperatorContext(entity, path, outcome, number))

    def _outcome(self, entity: str, text: str) -> str | None:
        for spec in self.detector.specs:
            if spec.entity == entity:
                return spec.check(text.strip(), spec.params)
        return None

    def protect_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        """A copy of a JSON-like document with every value protected by policy."""
        return transform(doc, lambda p, v: self.protect_value(v, p, stats), root, self.max_depth)

    # -- reveal ---------------------------------------------------------------------------

    def reveal_text(self, text: str, path: str | None = None, stats: Stats | None = None) -> str:
        """Replace every reversible token in ``text`` by its value.

        Raises :class:`RevealError` (with the offset) at the first token that
        does not verify; hash tokens stay as they are and are counted.
        """
        if "pg1." not in text:
            return text
        if self.keyring is None:
            raise RevealError("no keyring to reveal with", 0, path)
        pieces: list[str] = []
        pos = 0
        for m in tokens.find(text):
            try:
                token = tokens.parse_match(m)
                if token.kind == "h":
                    if stats is not None:
                        stats.one_way += 1
                    continue
                value = reveal_token(token, self.keyring, path)
            except TokenError as exc:
                raise RevealError(str(exc), m.start(), path) from None
            if stats is not None:
                stats.revealed[(token.entity, token.key_id)] += 1
            pieces.append(text[pos : m.start()])
            pieces.append(value)
            pos = m.end()
        pieces.append(text[pos:])
        return "".join(pieces)

    def reveal_value(self, value: Any, path: str, stats: Stats | None = None) -> Any:
        """Reveal one scalar; a whole-value token of a JSON number becomes a number again."""
        if not isinstance(value, str):
            return value
        out = self.reveal_text(value, path, stats)
        if out != value and tokens.looks_like_token(value):
            try:
                if tokens.parse(value).number and out.isdigit():
                    return int(out)
            except TokenError:  # pragma: no cover - reveal_text already verified it
                pass
        return out

    def reveal_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        """A copy of a JSON-like document with every token revealed."""
        return transform(doc, lambda p, v: self.reveal_value(v, p, stats), root, self.max_depth)

    def rekey_text(self, text: str, path: str | None = None, stats: Stats | None = None) -> str:
        """Re-encrypt every reversible token to the keyring's current primary key."""
        if "pg1." not in text:
            return text
        if self.keyring is None:
            raise RevealError("no keyring", 0, path)
        from pii_guard.operators import configure

        pieces: list[str] = []
        pos = 0
        for m in tokens.find(text):
            try:
                token = tokens.parse_match(m)
                if token.kind == "h" or token.key_id == self.keyring.primary_id:
                    continue
                value = reveal_token(token, self.keyring, path)
            except TokenError as exc:
                raise RevealError(str(exc), m.start(), path) from None
            action = "encrypt" if token.kind == "e" else "tokenize"
            params = {"algorithm": token.algorithm} if token.kind == "e" else {}
            op = configure(action, params, self.keyring)
            ctx = OperatorContext(token.entity, path if token.path_bound else None, None, token.number)
            pieces.append(text[pos : m.start()])
            pieces.append(op.operate(value, ctx))
            if stats is not None:
                stats.revealed[(token.entity, token.key_id)] += 1
            pos = m.end()
        pieces.append(text[pos:])
        return "".join(pieces)

    def rekey_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        return transform(doc, lambda p, v: self.rekey_text(v, p, stats) if isinstance(v, str) else v, root, self.max_depth)

