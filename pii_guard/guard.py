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

import datetime as _dt
import math
import numbers
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Final, Sequence

from pii_guard.detect import Detector, Finding
from pii_guard.edits import Edit, apply_edits
from pii_guard.entities import CN_PHONE_NUMBER
from pii_guard.io import jsontext
from pii_guard.keys import Keyring, keyring_from
from pii_guard.operators import Operator, TokenError, reveal_token, tokens
from pii_guard.operators.base import operator_context
from pii_guard.policy import CompiledPolicy, Policy, load
from pii_guard.validators import cn_phone
from pii_guard.walk import DEFAULT_MAX_DEPTH, DepthError, last_name, transform


@dataclass
class Stats:
    """Counts of what a call did: never values, only entity names, actions and key ids."""

    protected: Counter[tuple[str, str]] = field(default_factory=Counter)  # (entity, action)
    revealed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (entity, key id)
    fields: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (path, entity, action)
    kept_tokens: int = 0  # tokens already present in the input
    one_way: int = 0  # hash tokens seen by reveal; by rekey, those keyed by an older key (no value to move)

    def merge(self, other: "Stats") -> None:
        self.protected.update(other.protected)
        self.fields.update(other.fields)
        self.revealed.update(other.revealed)
        self.kept_tokens += other.kept_tokens
        self.one_way += other.one_way

    def total_protected(self) -> int:
        """How many findings were counted, whatever was done with them."""
        return sum(self.protected.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "protected": [{"entity": e, "action": a, "count": n} for (e, a), n in sorted(self.protected.items())],
            "revealed": [{"entity": e, "key_id": k, "count": n} for (e, k), n in sorted(self.revealed.items())],
            "tokens_already_present": self.kept_tokens,
            "one_way_tokens": self.one_way,
        }


class PIIInNameError(ValueError):
    """A key, field name, file name or path holds personal data. Fixed text, no content."""


#: Seven digits in a token's payload, joined as the detector joins them (base64url has only - and _).
_SEVEN_DIGITS = re.compile(r"[0-9](?:[-_]{0,3}[0-9]){6}")
_UNKNOWN: Any = object()
#: Eleven digits or more in a row in a token's payload (joined by base64url's - or _ too).
_PAYLOAD_DIGIT_RUN: Final = re.compile(r"[0-9](?:[-_]?[0-9]){10,}")
#: A token payload read for the numbers it could hide: digits kept, base64url's - and _ as the
#: hyphen that joins groups, every letter a character that is neither a letter nor joins digits: a
#: Chinese character in no word list (not "。", which speech-to-text puts between a number's
#: groups, so that 148。4。6917702 reads as a mobile: one genuine payload in 10^9 was distrusted).
_DIGITS_READING = str.maketrans({**{c: "甲" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}, "_": "-"})
#: Seven digits a value still shows (separators, a decimal point or spaces between), or a number
#: of ten digits and more a spreadsheet formatted with thousands separators (18,676,538,159: not
#: a count, 3,000,000, nor a list, 2,3,4,5,6,7,8).
_LEFT_DIGITS = re.compile("[0-9\uff10-\uff19](?:[ .\\-]?[0-9\uff10-\uff19]){6}|[0-9]{1,3}(?:,[0-9]{3}){3,}")


def _digits_read(payload: str) -> str:
    """``payload`` as :data:`_DIGITS_READING` reads it, one character for one (offsets hold)."""
    return payload.translate(_DIGITS_READING)


def unread_digits(text: str, spans: Sequence[tuple[int, int]], entity: str | None = None) -> bool:
    """Whether ``text`` shows seven digits outside ``spans`` (what the detector read) and outside
    tokens: in a column named for ``entity``, such digits are that entity (:meth:`Guard.value_edits`
    protects them, the scanner counts them), unless :func:`_not_personal` says otherwise."""
    if entity is not None and not spans and _not_personal(text, entity):
        return False
    rest = apply_edits(text, [(s, e, " ") for s, e in spans]) if spans else text
    if "pg1." in rest:
        rest = tokens.TOKEN_PATTERN.sub(" ", rest)
    return _LEFT_DIGITS.search(rest) is not None


def _count_tokens(text: str, stats: Stats | None) -> None:
    """Count every token header in ``text``, whole or broken, as a token that came in: an app that
    stores the text must check them all."""
    if stats is not None and tokens.may_hold(text):  # another format version's (pg2.…) too
        # whole headers only: "截图pg1.png" holds no token
        stats.kept_tokens += sum(1 for _ in tokens.HEADER_PATTERN.finditer(text))


def _not_personal(text: str, entity: str) -> bool:
    """Whether a value the detector read nothing in is no personal data though its column is named
    for ``entity``: a service number in a phone column (客服热线: 400-820-8820)."""
    return entity == CN_PHONE_NUMBER and cn_phone.service_number(text)


def masked_name(name: str, detector: Detector | None = None) -> str:
    """``name`` (a field path, a file name, a purpose, a table.column) with every finding replaced
    by ``*``: for messages, audit records and reports, which must never carry plaintext PII. Part by
    part too, so that a dot between two numbers does not hide the second one. ``detector``: the
    recognizers in use (default: the shipped ones)."""
    detector = detector or Detector.default()
    chars = list(name)
    pos = 0
    for part in name.split("."):
        for f in detector.analyze(part, 0.3):
            chars[pos + f.start : pos + f.end] = "*" * (f.end - f.start)
        pos += len(part) + 1
    whole = "".join(chars)
    for f in detector.analyze(whole, 0.3):
        whole = whole[: f.start] + "*" * (f.end - f.start) + whole[f.end :]
    # A run of eleven digits or more left in a name is masked whatever the detector made of it (a
    # table s13812345678, glued to a letter, is an identifier to the detector but still a number)
    return _LONG_DIGIT_RUN.sub(lambda m: "*" * len(m.group()), whole)


def inspectable_number(value: Any) -> Any:
    """``value`` as a detector reads a number: an integral float or decimal as the integer it
    holds (13812345678.0, as pandas writes integers beside a NaN, is still a phone), another
    library's integer (numpy's int64) as an int and its real number (a Fraction) as a float,
    anything else as it is."""
    if isinstance(value, numbers.Real) and not isinstance(value, (int, float)):
        value = int(value) if isinstance(value, numbers.Integral) else float(value)
    if isinstance(value, (float, Decimal)) and finite(value) and 0 <= value < _LARGEST_NUMBER and value == int(value):
        return int(value)
    return value


def finite(value: float | Decimal) -> bool:
    """Whether a float or a decimal is a number (not infinity, not NaN)."""
    return math.isfinite(value) if isinstance(value, float) else value.is_finite()


def refuse_opaque_pii(guard: "Guard", where: str, value: bytes) -> None:
    """Bytes that are not UTF-8 (a GBK BLOB, a binary field around text): read as GB18030, else
    byte by byte. Personal data there cannot be protected in place (the value stays bytes, and a
    token in them would not read back), so it is refused rather than passed on as it is."""
    try:
        text = value.decode("gb18030")
    except UnicodeDecodeError:
        text = value.decode("latin-1")
    if guard.findings(text):
        raise ValueError(f"{where} holds personal data in bytes that are not UTF-8 text; "
                         "they cannot be protected in place (convert them to text first)")


#: Numbers past this hold no number of ours (the longest card has 19 digits; an ID 18).
_LARGEST_NUMBER: Final = 10**24
#: Values that cannot carry an ID, card or phone, passed as they are by :meth:`Guard.protect_value`.
_NO_NUMBER_TYPES: Final = (_dt.date, _dt.time, _dt.timedelta)
#: A run of digits as long as a mobile or longer, ASCII or full-width.
_LONG_DIGIT_RUN: Final = re.compile("[0-9\uff10-\uff19]{11,}")
#: A revealed integer (a protected int in a document becomes one again).
_INTEGER: Final = re.compile(r"-?[0-9]+")
#: A revealed number with a fraction or an exponent, as ``str(float)`` writes one.
_FRACTION: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?")


class RevealError(ValueError):
    """A token could not be revealed. Says where (offset, path), never what."""

    def __init__(self, reason: str, offset: int, path: str | None) -> None:
        path = masked_name(path) if path else path  # a path is made of the input's own keys
        self.reason, self.offset, self.path = reason, offset, path
        where = f"{path} " if path else ""
        super().__init__(f"{where}character {offset + 1}: {reason}")


def _map_tokens(text: str, on_token: Callable[[re.Match[str]], str], on_gap: Callable[[int, int], str]) -> str:
    """Rebuild ``text`` with every token replaced by ``on_token(match)`` and every stretch
    between tokens by ``on_gap(start, end)``: the one walk reveal, mask and rekey share."""
    pieces: list[str] = []
    pos = 0
    for m in tokens.find(text):
        pieces.append(on_gap(pos, m.start()))
        pieces.append(on_token(m))
        pos = m.end()
    pieces.append(on_gap(pos, len(text)))
    return "".join(pieces)


def _refuse_broken(text: str, start: int, end: int, path: str | None) -> None:
    """Raise if ``text[start:end]`` (between whole tokens) holds the start of a token."""
    m = tokens.HEADER_PATTERN.search(text, start, end)
    if m is not None:
        raise RevealError("malformed or truncated token", m.start(), path)


class Guard:
    """Protect and reveal text and documents by one policy and one keyring."""

    def __init__(
        self,
        policy: Policy | str | Path,
        keyring: Keyring | str | os.PathLike[str] | None = None,
        detector: Detector | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> None:
        keyring = keyring_from(keyring)  # a key file's path is loaded
        self.detector = detector or Detector.default()
        if not isinstance(policy, Policy):
            policy = load(policy, self.detector.entities, {spec.entity: tuple(spec.outcomes) for spec in self.detector.specs})
        self.policy: Policy = policy
        self.keyring = keyring
        self.compiled: CompiledPolicy = policy.compile(keyring)
        self.max_depth = max_depth
        self._rekey_operators: dict[tuple[str, str], Operator] = {}
        self._path_labels: dict[str, str | None] = {}  # field path → the entity its name labels
        self._min_threshold = min([policy.threshold, *[r.threshold for r in policy.entities.values()]])

    # -- detect ---------------------------------------------------------------------------

    def findings(self, text: str) -> list[Finding]:
        """Findings in ``text`` that pass their entity's threshold, tokens excluded."""
        compiled = self.compiled
        if "pg1." not in text:  # the common case: no tokens to step around
            return self._detect(text, 0, compiled)
        out: list[Finding] = []
        hidden: list[Finding] = []
        pos = 0
        for m in tokens.find(text):
            if not self._trusted(m):
                # token-shaped but not a token: scanned like text, and its payload read for a
                # number glued between letters (…AAAA13812345678BBBB…), which text scanning
                # takes for an identifier's digits
                hidden.extend(self._hidden_numbers(m, compiled))
                continue
            out.extend(self._detect(text[pos : m.start()], pos, compiled))
            pos = m.end()
        out.extend(self._detect(text[pos:] if pos else text, pos, compiled))
        if hidden:
            out.extend(f for f in hidden if all(f.end <= g.start or f.start >= g.end for g in out))
            out.sort(key=lambda f: f.start)
        return out

    def _trusted(self, m: re.Match[str]) -> bool:
        """Whether a token-shaped match is stepped around as already protected.

        Its payload must be long enough for its kind, and must not read as a number: a real
        payload is random base64url, in which the detector finds nothing, while a forged
        "token" could carry a phone inside it (``pg1.e.….138-1234-5678AAAA…~``) past the guard.
        """
        if not tokens.plausible(m):
            return False
        try:
            tokens.parse_match(m)  # a payload in base64url's one spelling, long enough for its kind
        except tokens.TokenError:
            return False
        # The header is no place for a number either: a key id of this keyring (or, with none to
        # ask, no seven digits), an entity the detector knows (pg1.h.hs256.13812345678.CN_…).
        if m.group(4) not in self.detector.entities:
            return False
        ring = self.keyring
        if (ring is not None and not ring.has(m.group(3))) or (ring is None and _SEVEN_DIGITS.search(m.group(3)) is not None):
            return False
        payload = m.group(6)
        if _PAYLOAD_DIGIT_RUN.search(payload) is not None:
            return False  # eleven digits in a row: as long as a mobile, in random base64url one time in 10^7
        # the detector only where seven digits could be a number (base64url joins them with - or
        # _), on the digits alone: read as text, digits between letters are an identifier's
        return _SEVEN_DIGITS.search(payload) is None or not self.detector.analyze(_digits_read(payload), 0.0)

    def _hidden_numbers(self, m: re.Match[str], compiled: CompiledPolicy) -> list[Finding]:
        """The numbers a token-shaped match that is no token may hide: what the detector reads in
        the digits alone of its key id (``pg1.h.hs256.13812345678.…``: read as text, a fraction
        after ``hs256.``) and of its payload (…AAAA13812345678BBBB…), and in the payload every run
        of eleven digits or more it does not read (a digit glued on: …Zz913812345678…), as the
        entity its header names (or the detector's first). Not such runs in a key id: another
        keyring's genuine token may be named ``kms-20240601120000``, and editing it would leave
        its owner a token that no longer reveals."""
        key_id, payload = m.group(3), m.group(6)
        found = self._detect(_digits_read(key_id), m.start(3), compiled)
        offset = m.start(6)
        read = self._detect(_digits_read(payload), offset, compiled)
        for run in _PAYLOAD_DIGIT_RUN.finditer(payload):
            start, end = run.start() + offset, run.end() + offset
            if all(end <= f.start or start >= f.end for f in read):
                entity = m.group(4) if m.group(4) in self.detector.entities else self.detector.entities[0]
                read.append(Finding(entity, start, end, 1.0, "token_payload", "", None, 1.0))
        return found + read

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

    def text_edits(self, text: str, path: str | None = None, stats: Stats | None = None, *, number: bool = False) -> list[Edit]:
        """The replacements the policy makes in free text, as ``(start, end, new)``."""
        _count_tokens(text, stats)
        found = self.findings(text)
        if not found:
            return []
        return self.edits_for(text, found, path, stats, number=number)

    def edits_for(self, text: str, found: list[Finding], path: str | None = None, stats: Stats | None = None, *,
                  number: bool = False) -> list[Edit]:
        """The replacements for ``found``, findings of ``text`` (:meth:`findings`): for a caller that
        decides from the findings first which of them to act on (a stream cut before a finding)."""
        compiled = self.compiled
        edits: list[Edit] = []
        for f in found:
            if stats is not None:
                action = compiled.action(f.entity_type)
                stats.protected[(f.entity_type, action)] += 1
                if path is not None:
                    stats.fields[(path, f.entity_type, action)] += 1
            op = compiled.operator(f.entity_type)
            if op is None:
                continue
            # every token cut from a JSON number carries the number flag, so that reveal can give
            # back a number (two cards in one 38-digit number, a phone with a fraction after it)
            ctx = operator_context(f.entity_type, path, f.outcome, number)
            edits.append((f.start, f.end, op.operate(text[f.start : f.end], ctx)))
        return edits

    def value_edits(self, path: str, text: str, number: bool = False, stats: Stats | None = None) -> list[Edit]:
        """The replacements for one scalar at ``path`` (field rule: scan, protect whole, keep)."""
        mode, entity = self.compiled.field_mode(path)
        if mode == "keep" or not text:
            if stats is not None and tokens.HEADER_PATTERN.search(text) is not None:
                stats.kept_tokens += 1  # kept as it came, token-shaped text included
            return []
        if mode == "scan":
            _count_tokens(text, stats)
            found = self.value_findings(path, text)
            edits = self.edits_for(text, found, path, stats, number=number) if found else []
            # Seven digits the findings and tokens leave, under a name that labels an entity, are
            # that entity. A path already known to label nothing costs one lookup; a new path is
            # looked up only when such digits are there (a body of thousands of distinct keys).
            # (the findings' spans, not the edits': an entity this policy keeps, as audit keeps
            # all, is read all the same, and counted once)
            labelled = self._path_labels.get(path, _UNKNOWN)
            if labelled is None or not unread_digits(text, [(f.start, f.end) for f in found]):
                return edits
            if labelled is _UNKNOWN:
                labelled = self.detector.labelled_entity(last_name(path))
                if len(self._path_labels) >= 4096:
                    self._path_labels.clear()
                self._path_labels[path] = labelled
            if labelled is None or (not found and _not_personal(text, labelled)):
                return edits
            # A column or field named for an entity (银行卡号, 证件号码, lxdh, cardNo) whose value
            # still holds seven digits the detector did not read — a card Excel cut to 15
            # significant digits, a legacy 15-digit ID, a local 8-digit landline, 1.3812345678E+10 —
            # is that entity, protected whole: the name is the context a cell has.
            entity = labelled
        whole = tokens.TOKEN_PATTERN.fullmatch(text)
        if whole is not None and self._trusted(whole):
            if stats is not None:
                stats.kept_tokens += 1
            return []
        entity = entity or ""
        compiled = self.compiled
        if stats is not None:
            stats.protected[(entity, compiled.action(entity))] += 1
            stats.fields[(path, entity, compiled.action(entity))] += 1
        op = compiled.operator(entity)
        if op is None:
            return []
        outcome = self.detector.outcome(entity, text) if op.uses_outcome else None
        return [(0, len(text), op.operate(text, operator_context(entity, path, outcome, number)))]

    def value_findings(self, path: str, text: str) -> list[Finding]:
        """:meth:`findings` of one field's or cell's value. Under a name that labels an identifier
        that is no entity here (订单号, 流水号, Order ID) the value is read as if the name stood
        before it (``订单号：4532…``), as in text: a Visa-range serial there is an order number,
        not a card. Scrub and scan read values alike through this."""
        found = self.findings(text)
        if not found:
            return found
        name = last_name(path)
        if not self.detector.labels_another_identifier(name):
            return found
        label = name + "："
        return [f._replace(start=f.start - len(label), end=f.end - len(label))
                for f in self.findings(label + text) if f.start >= len(label)]

    def name_edits(self, name: str, stats: Stats | None = None) -> list[Edit]:
        """Edits for a *name* (a JSON key, a query or form field name, a file name, a URL path).

        Names are structure the app relies on, so PII in one makes the payload uninspectable:
        :class:`PIIInNameError` under ``uninspectable: reject``; protected in place otherwise.
        """
        if stats is not None and tokens.HEADER_PATTERN.search(name) is not None:
            stats.kept_tokens += 1
        found = [f for f in self.findings(name) if self.compiled.operator(f.entity_type) is not None]
        if not found:  # nothing, or only entities this policy keeps (audit): names pass
            return []
        if self.policy.uninspectable != "protect":
            raise PIIInNameError("personal data in a name (key, field name, file name or path)")
        return self.text_edits(name, None, stats)

    def protect_text(self, text: str, path: str | None = None, stats: Stats | None = None, *, number: bool = False) -> str:
        """Replace every finding in ``text`` as the policy says."""
        return apply_edits(text, self.text_edits(text, path, stats, number=number))

    def protect_json_text(self, text: str, stats: Stats | None = None) -> str:
        """A JSON document's text, edited value by value: a number that held a phone becomes a
        string ("186****9791"), so the text stays JSON. Raises :class:`jsontext.JSONTextError`
        (or :class:`DepthError`) where it is not JSON."""
        return jsontext.rewrite(text, lambda p, t, n: self.value_edits(p, t, n, stats), self.max_depth,
                                key_edit=lambda k: self.text_edits(k, None, stats))

    def protect_lines(self, text: str, stats: Stats | None = None) -> str:
        """Text whose lines may each be a JSON document (JSON Lines, a log line a JSON renderer
        wrote): a line that is JSON is edited as JSON, so it stays JSON a parser or a log pipeline
        can read; any other line is protected as text."""
        if "{" not in text and "[" not in text:
            return self.protect_text(text, None, stats)
        out: list[str] = []
        plain: list[str] = []  # consecutive lines that are no JSON: protected together, so that a
        # number wrapped onto the next line, or labelled on the line before, is read as one
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.lstrip()[:1] in ("{", "["):
                try:
                    edited = self.protect_json_text(body, stats) + line[len(body):]
                except (jsontext.JSONTextError, DepthError):
                    pass  # not JSON after all
                else:
                    if plain:
                        out.append(self.protect_text("".join(plain), None, stats))
                        plain = []
                    out.append(edited)
                    continue
            plain.append(line)
        if plain:
            out.append(self.protect_text("".join(plain), None, stats))
        return "".join(out)

    def protect_value(self, value: Any, path: str, stats: Stats | None = None) -> Any:
        """Protect one scalar at ``path``; a number that holds PII becomes a token string.

        Fails closed: a value of a type it cannot read (an object whose text it would have to
        guess) raises :class:`TypeError` naming the type, never passes as it is. Bytes are read
        as UTF-8 text and stay bytes; bytes that are no UTF-8 and hold a number raise.
        """
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (bytes, bytearray)):
            try:
                text = bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                refuse_opaque_pii(self, f"bytes at {masked_name(path, self.detector)}", bytes(value))
                return value
            new = self.protect_value(text, path, stats)
            return value if new == text else type(value)(new.encode("utf-8"))
        scalar = inspectable_number(value)
        if isinstance(scalar, (float, Decimal)) and not finite(scalar):
            return value  # infinity, NaN
        if isinstance(scalar, (int, str, float, Decimal)):
            # a fraction is read as its text, as a JSON number's is (a field the policy protects
            # whole takes a token for 13812345678.5 too)
            text = str(scalar)
            edits = self.value_edits(path, text, not isinstance(scalar, str), stats)
            return apply_edits(text, edits) if edits else value  # 100.0 stays 100.0
        if isinstance(value, _NO_NUMBER_TYPES):
            return value  # a date or a time (no ID, card or phone in it)
        raise TypeError(f"cannot inspect a value of type {type(value).__name__} at {masked_name(path, self.detector)}: "
                        "give strings, numbers, bytes or containers of them")


    def protect_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        """A copy of a JSON-like document with every value protected by policy, and every key read
        as a name (:meth:`name_edits`: personal data in one is refused, or protected where the
        policy protects what it cannot pass). Raises :class:`TypeError` for a value it cannot read."""
        return transform(doc, lambda p, v: self.protect_value(v, p, stats), root, self.max_depth,
                         key=lambda k: self._protected_key(k, stats))

    def _protected_key(self, key: Any, stats: Stats | None) -> Any:
        """A mapping key read as a name: a number key (``{13812345678: …}``) by its digits, bytes
        as UTF-8 text; a key of another type (a tuple, a frozenset) raises, as a value would."""
        if key is None or isinstance(key, bool):
            return key
        if isinstance(key, bytes):
            text = key.decode("utf-8", "surrogateescape")
            edits = self.name_edits(text, stats)
            return apply_edits(text, edits).encode("utf-8", "surrogateescape") if edits else key
        if isinstance(key, str):
            name = key
        elif isinstance(key, numbers.Number) and not isinstance(key, complex):
            name = str(inspectable_number(key))
        else:
            raise TypeError(f"cannot inspect a key of type {type(key).__name__}: give strings or numbers as keys")
        edits = self.name_edits(name, stats)
        return apply_edits(name, edits) if edits else key

    # -- reveal ---------------------------------------------------------------------------

    def reveal_token(self, raw: str, path: str | None, offset: int = 0, stats: Stats | None = None) -> str | None:
        """The value of one token string, or ``None`` for a one-way (hash) token."""
        if self.keyring is None:
            raise RevealError("no keyring to reveal with", offset, path)
        try:
            token = tokens.parse(raw)
            if token.kind in tokens.ONE_WAY_KINDS:
                if stats is not None:
                    stats.one_way += 1
                return None
            value = reveal_token(token, self.keyring, path)
        except TokenError as exc:
            raise RevealError(str(exc), offset, path) from None
        if stats is not None:
            stats.revealed[(token.entity, token.key_id)] += 1
        return value

    def reveal_text(self, text: str, path: str | None = None, stats: Stats | None = None) -> str:
        """Replace every reversible token in ``text`` by its value.

        Raises :class:`RevealError` (with the offset) at the first token that
        does not verify; hash tokens stay as they are and are counted.
        """
        if not tokens.may_hold(text):
            return text

        def gap(start: int, end: int) -> str:
            _refuse_broken(text, start, end, path)
            return text[start:end]

        def token(m: re.Match[str]) -> str:
            value = self.reveal_token(m.group(), path, m.start(), stats)
            return m.group() if value is None else value  # a one-way hash stays

        return _map_tokens(text, token, gap)

    def reveal_value(self, value: Any, path: str, stats: Stats | None = None) -> Any:
        """Reveal one scalar; a whole-value token of a JSON number becomes a number again, and
        bytes (which :meth:`protect_document` read as UTF-8 and kept bytes) stay bytes."""
        if isinstance(value, (bytes, bytearray)):
            return _in_bytes(value, lambda text: self.reveal_text(text, path, stats))
        if not isinstance(value, str):
            return value
        out = self.reveal_text(value, path, stats)
        if out != value and tokens.from_number(value):
            if _INTEGER.fullmatch(out):
                return int(out)
            if _FRACTION.fullmatch(out):
                return float(out)  # a number with a fraction (13812345678.5) protected whole
        return out

    def mask_tokens(self, text: str, display: "Guard", path: str | None = None) -> str:
        """Replace each token by its value *masked* with ``display``'s operator for the token's
        entity, whatever the value looks like (a malformed ID protected whole stays masked),
        then mask any plaintext the detector finds in the rest."""
        if not tokens.may_hold(text):
            return display.protect_text(text, path)

        def token(m: re.Match[str]) -> str:
            value = self.reveal_token(m.group(), path, m.start())
            if value is None:
                return m.group()
            entity = tokens.parse(m.group()).entity
            operator = display.compiled.operator(entity)
            outcome = display.detector.outcome(entity, value)
            return operator.operate(value, operator_context(entity, path, outcome)) if operator else f"[{entity}]"

        return _map_tokens(text, token, lambda start, end: display.protect_text(text[start:end], path))

    def mask_document(self, doc: Any, display: "Guard", root: str = "$") -> Any:
        """A copy of ``doc`` for display: every token masked by entity (see :meth:`mask_tokens`)."""
        def masked(p: str, v: Any) -> Any:
            if isinstance(v, (bytes, bytearray)):
                v = _in_bytes(v, lambda text: self.mask_tokens(text, display, p))
            return self.mask_tokens(v, display, p) if isinstance(v, str) else display.protect_value(v, p)

        return transform(doc, masked, root, self.max_depth)

    def reveal_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        """A copy of a JSON-like document with every token revealed."""
        return transform(doc, lambda p, v: self.reveal_value(v, p, stats), root, self.max_depth)

    def rekey_text(self, text: str, path: str | None = None, stats: Stats | None = None) -> str:
        """Re-encrypt every reversible token to the keyring's current primary key."""
        if not tokens.may_hold(text):
            return text
        if self.keyring is None:
            raise RevealError("no keyring", 0, path)
        keyring = self.keyring

        def rekeyed(m: re.Match[str]) -> str:
            try:
                token = tokens.parse_match(m)
                if token.kind in tokens.ONE_WAY_KINDS:
                    if stats is not None and token.key_id != keyring.primary_id:
                        stats.one_way += 1  # stays keyed by its old key: said at the end of the run
                    return m.group()
                if token.key_id == keyring.primary_id:
                    return m.group()
                value = reveal_token(token, keyring, path)
            except TokenError as exc:
                raise RevealError(str(exc), m.start(), path) from None
            ctx = operator_context(token.entity, path if token.path_bound else None, None, token.number)
            if stats is not None:
                stats.revealed[(token.entity, token.key_id)] += 1
            return self._rekey_operator(token.kind, token.algorithm).operate(value, ctx)

        return _map_tokens(text, rekeyed, lambda start, end: text[start:end])

    def _rekey_operator(self, kind: str, algorithm: str) -> Operator:
        """The operator that re-protects a token of ``kind`` under the primary key (configured once)."""
        key = (kind, algorithm)
        op = self._rekey_operators.get(key)
        if op is None:
            from pii_guard.operators import configure

            action, params = ("encrypt", {"algorithm": algorithm}) if kind == "e" else ("tokenize", {})
            op = self._rekey_operators[key] = configure(action, params, self.keyring)
        return op

    def rekey_document(self, doc: Any, stats: Stats | None = None, root: str = "$") -> Any:
        def rekeyed(p: str, v: Any) -> Any:
            if isinstance(v, (bytes, bytearray)):
                return _in_bytes(v, lambda text: self.rekey_text(text, p, stats))
            return self.rekey_text(v, p, stats) if isinstance(v, str) else v

        return transform(doc, rekeyed, root, self.max_depth)


def _in_bytes(value: bytes | bytearray, change: Callable[[str], str]) -> bytes | bytearray:
    """``value`` read as UTF-8 text, changed by ``change`` and written back as bytes of its own
    type: how a document's bytes are protected (:meth:`Guard.protect_value`), so how their tokens
    are revealed, masked and moved to a new key. Bytes that are no UTF-8 hold no token of ours."""
    try:
        text = bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        return value
    new = change(text)
    return value if new == text else type(value)(new.encode("utf-8"))
