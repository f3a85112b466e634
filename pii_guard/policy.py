"""Policies: what to do with each entity and each field, checked at load.

A policy file (``policies/*.yaml``) says, per entity type, which action
(``encrypt``, ``tokenize``, ``mask``, ``redact``, ``hash``, ``keep``) applies
above which score; per field path whether the field is protected whole,
scanned as free text, or kept; and what the guard does with a payload it
cannot inspect (``reject`` or ``protect``). Every mistake — an unknown entity,
action, parameter or key id — is a :class:`~pii_guard.config.ConfigError`
with file, line and key, raised when the policy is loaded (:func:`load`) or
bound to a keyring (:meth:`Policy.compile`), never at request time.

Compiled, deciding is a dict lookup: entity → operator, and path → field rule
(memoised per concrete path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

from pii_guard import config
from pii_guard.config import ConfigError, Document
from pii_guard.keys import FAMILIES, Keyring
from pii_guard.operators import OPERATORS, Operator, OperatorConfigError, configure
from pii_guard.walk import compile_rule, trimmed

FieldMode = Literal["protect", "scan", "keep"]
FIELD_MODES = ("protect", "scan", "keep")
_STRICTNESS = {"protect": 0, "scan": 1, "keep": 2}
UNINSPECTABLE = ("reject", "protect")


@dataclass(frozen=True)
class EntityRule:
    entity: str
    action: str
    params: Mapping[str, Any]
    threshold: float


@dataclass(frozen=True)
class FieldRule:
    path: str
    mode: FieldMode
    entity: str | None
    pattern: re.Pattern[str] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Policy:
    """A validated policy (not yet bound to keys)."""

    name: str
    source: str
    threshold: float
    family: str | None
    uninspectable: str
    default_mode: FieldMode
    default_action: str
    entities: Mapping[str, EntityRule]
    fields: tuple[FieldRule, ...]
    document: Document = field(repr=False, compare=False)

    def compile(self, keyring: Keyring | None) -> "CompiledPolicy":
        """Configure every operator with ``keyring``; errors carry file and line."""
        operators: dict[str, Operator] = {}
        for entity, rule in self.entities.items():
            try:
                operators[entity] = configure(rule.action, rule.params, keyring, self.family)
            except OperatorConfigError as exc:
                raise self.document.error(("entities", entity), str(exc)) from None
        default = None
        if self.default_action != "keep":
            try:
                default = configure(self.default_action, {}, keyring, self.family)
            except OperatorConfigError as exc:
                raise self.document.error(("default_action",), str(exc)) from None
        return CompiledPolicy(self, operators, default)


class CompiledPolicy:
    """A policy bound to a keyring: operators configured, decisions memoised."""

    def __init__(self, policy: Policy, operators: Mapping[str, Operator], default: Operator | None) -> None:
        self.policy = policy
        self._operators = dict(operators)
        self._default = default
        self._field_cache: dict[str, FieldRule | None] = {}

    def operator(self, entity: str) -> Operator | None:
        """The operator for ``entity`` (``None``: keep)."""
        op = self._operators.get(entity, self._default)
        return None if op is not None and op.name == "keep" else op

    def action(self, entity: str) -> str:
        rule = self.policy.entities.get(entity)
        return rule.action if rule else self.policy.default_action

    def threshold(self, entity: str) -> float:
        rule = self.policy.entities.get(entity)
        return rule.threshold if rule else self.policy.threshold

    def field_rule(self, path: str) -> FieldRule | None:
        """The first field rule matching ``path`` (memoised for short paths; bounded cache)."""
        if not self.policy.fields:
            return None
        try:
            return self._field_cache[path]
        except KeyError:
            pass
        found = None
        exact: list[FieldRule] = []
        below: list[FieldRule] = []
        bare = trimmed(path)
        for rule in self.policy.fields:
            m = rule.pattern.match(path) or (rule.pattern.match(bare) if bare != path else None)
            if m is None:
                continue
            (exact if m.group("below") is None else below).append(rule)
        # Rules that name this very path decide, else its ancestors'. Among several, the strictest
        # wins (the first of equals): a "keep" on $.phone never shadows a "protect" on the bare
        # name phone, a "keep" on $.case never a "protect" on $.case.id_number, and nothing keeps
        # what a "scan" rule would scan.
        if exact or below:
            found = min(exact or below, key=lambda r: _STRICTNESS[r.mode])
        if len(path) <= 256:  # client-chosen keys must not fill memory
            if len(self._field_cache) >= 4096:
                self._field_cache.clear()
            self._field_cache[path] = found
        return found

    def field_mode(self, path: str) -> tuple[FieldMode, str | None]:
        rule = self.field_rule(path)
        if rule is None:
            return self.policy.default_mode, None
        return rule.mode, rule.entity


_TOP = {"name", "description", "version", "threshold", "crypto", "uninspectable", "default_field_mode",
        "default_action", "entities", "fields"}


def parse(doc: Document, known_entities: Iterable[str], outcomes: Mapping[str, Iterable[str]] | None = None) -> Policy:
    """Validate a parsed policy document."""
    raw = doc.data
    doc.check_keys((), raw, _TOP, {"name", "entities"})
    known = set(known_entities)
    if not isinstance(raw["name"], str) or not raw["name"]:
        raise doc.error(("name",), "expected a non-empty string")
    threshold = config.number(doc, ("threshold",), raw.get("threshold", 0.5), 0, 1)
    family = raw.get("crypto")
    if family is not None and family not in FAMILIES:
        raise doc.error(("crypto",), f"expected one of {', '.join(FAMILIES)}")
    uninspectable = raw.get("uninspectable", "reject")
    if uninspectable not in UNINSPECTABLE:
        raise doc.error(("uninspectable",), "expected 'reject' or 'protect'")
    default_mode = raw.get("default_field_mode", "scan")
    if default_mode not in ("scan", "keep"):
        raise doc.error(("default_field_mode",), "expected 'scan' or 'keep'")
    default_action = raw.get("default_action", "redact")
    if default_action not in OPERATORS:
        raise doc.error(("default_action",), f"unknown action (allowed: {', '.join(OPERATORS)})")
    entities: dict[str, EntityRule] = {}
    if not isinstance(raw["entities"], dict) or not raw["entities"]:
        raise doc.error(("entities",), "expected a mapping of entity type to rule")
    for entity, rule in raw["entities"].items():
        path = ("entities", entity)
        if entity not in known:
            raise doc.error(path, f"unknown entity (known: {', '.join(sorted(known))})")
        doc.check_keys(path, rule, {"action", "params", "threshold", "source"}, {"action"})
        if rule["action"] not in OPERATORS:
            raise doc.error((*path, "action"), f"unknown action {rule['action']!r} (allowed: {', '.join(OPERATORS)})")
        params = rule.get("params") or {}
        if not isinstance(params, dict):
            raise doc.error((*path, "params"), "expected a mapping")
        entity_threshold = config.number(doc, (*path, "threshold"), rule.get("threshold", threshold), 0, 1)
        try:  # parameter check without keys; key-dependent checks come in compile()
            if rule["action"] in ("mask", "redact", "keep"):
                configure(rule["action"], params, None)
        except OperatorConfigError as exc:
            raise doc.error((*path, "params"), str(exc)) from None
        variants = params.get("variants") if rule["action"] == "mask" else None
        if outcomes is not None and isinstance(variants, dict):  # a misspelt outcome would never apply
            allowed = set(outcomes.get(entity, ()))
            for outcome in variants:
                if outcome not in allowed:
                    raise doc.error((*path, "params", "variants", outcome),
                                    f"unknown outcome of {entity} (known: {', '.join(sorted(allowed))})")
        entities[entity] = EntityRule(entity, rule["action"], config.freeze(params), entity_threshold)
    fields: list[FieldRule] = []
    raw_fields = raw.get("fields") or []
    if not isinstance(raw_fields, list):
        raise doc.error(("fields",), "expected a list of field rules")
    for i, item in enumerate(raw_fields):
        path = ("fields", i)
        doc.check_keys(path, item, {"path", "mode", "entity"}, {"path", "mode"})
        if not isinstance(item["path"], str) or not item["path"]:
            raise doc.error((*path, "path"), "expected a JSON path such as $.complainant.id_number, or a column name")
        try:
            pattern = compile_rule(item["path"])
        except ValueError as bad_path:  # not "exc": compiled, one name keeps the first except's type
            raise doc.error((*path, "path"), str(bad_path)) from None
        if item["mode"] not in FIELD_MODES:
            raise doc.error((*path, "mode"), f"expected one of {', '.join(FIELD_MODES)}")
        entity = item.get("entity")
        if item["mode"] == "protect":
            if entity is None:
                raise doc.error(path, "a 'protect' field needs the 'entity' whose action applies")
            if entity not in known:
                raise doc.error((*path, "entity"), "unknown entity")
        elif entity is not None:
            raise doc.error((*path, "entity"), "only 'protect' fields take an entity")
        earlier = next((f for f in fields if _same_rule_path(f.path, item["path"])), None)
        if earlier is not None and (earlier.mode, earlier.entity) != (item["mode"], entity):
            raise doc.error(path, f"conflicts with an earlier rule for the same path ({earlier.mode}"
                                  f"{' ' + earlier.entity if earlier.entity else ''}); give each path one rule")
        fields.append(FieldRule(item["path"], item["mode"], entity, pattern))
    return Policy(raw["name"], doc.source, threshold, family, uninspectable, default_mode, default_action,
                  entities, tuple(fields), doc)


def _same_rule_path(a: str, b: str) -> bool:
    """Whether two field rules name the same path as written: bare names match any case."""
    if a.startswith("$") or b.startswith("$"):
        return a == b
    return a.casefold() == b.casefold()


def default_directory() -> Path:
    """``policies/`` of a source checkout, or the copy inside an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / "policies", here.parent / "policies"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no policies directory found next to the pii_guard package")


def load(path: str | Path, known_entities: Iterable[str] | None = None,
         outcomes: Mapping[str, Iterable[str]] | None = None) -> Policy:
    """Load a policy file. A bare name (``display``) means a shipped policy. ``outcomes`` (entity
    → its validator's outcome labels) lets mask ``variants`` be checked against them."""
    candidate = Path(path)
    if not candidate.is_file() and candidate.suffix == "" and "/" not in str(path):
        # a bare name: the shipped policy, even where the working directory holds a folder or
        # another file of that name (an "audit" folder beside the default --policy audit)
        candidate = default_directory() / f"{path}.yaml"
    if known_entities is None:
        from pii_guard.detect import Detector

        known_entities = Detector.default().entities
        outcomes = {spec.entity: tuple(spec.outcomes) for spec in Detector.default().specs}
    return parse(config.load(candidate), known_entities, outcomes)


__all__ = ["CompiledPolicy", "ConfigError", "EntityRule", "FieldRule", "Policy", "load", "parse"]
