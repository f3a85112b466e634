"""Checksum and format validators, one module per format (python-stdnum shape).

Each module offers ``compact``, ``validate`` (returns the compact form or raises
a :class:`~pii_guard.validators.exceptions.ValidationError`), ``is_valid`` and
``format`` for library users, plus ``check(candidate, params)`` for the
detector: it returns an *outcome label* (``'valid'``, ``'legacy'``,
``'luhn_fail_known_bin'`` …) or ``None``. Recognizer files map outcome labels to
scores, so the numbers live in ``recognizers/`` and the logic lives here.

A recognizer file names its validator either by a key of :data:`VALIDATORS` or
by a dotted path ``package.module:function`` for validators that live outside
pii-guard, so a new entity needs no change to engine code.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping, Optional

from pii_guard import entities
from pii_guard.normalise import fold
from pii_guard.validators import cn_bank_card, cn_phone, cn_resident_id, email_address

#: ``check(candidate, params) -> outcome label or None``
CheckFunction = Callable[[str, Optional[Mapping[str, Any]]], Optional[str]]

VALIDATORS: dict[str, CheckFunction] = {
    "cn_resident_id": cn_resident_id.check,
    "cn_bank_card": cn_bank_card.check,
    "cn_phone": cn_phone.check,
    "email_address": email_address.check,
}


#: The outcome labels each built-in validator returns, by its name. A validator from outside
#: (``module:function``) may declare its own as the function's ``outcomes`` attribute
#: (``check.outcomes = {"valid"}``); the loader then checks the file's outcomes against them.
OUTCOMES: dict[str, frozenset[str]] = {
    "cn_resident_id": cn_resident_id.OUTCOMES,
    "cn_bank_card": cn_bank_card.OUTCOMES,
    "cn_phone": cn_phone.OUTCOMES,
    "email_address": email_address.OUTCOMES,
}


class ValidatorError(RuntimeError):
    """A validator from outside pii-guard failed on a candidate, or answered with something that
    is no outcome label of its recognizer. The message names the validator, never the value."""


def outcome_labels(name: str, check: CheckFunction) -> frozenset[str] | None:
    """The labels validator ``name`` can return, where it says (None: unknown)."""
    if name in OUTCOMES:
        return OUTCOMES[name]
    declared = getattr(check, "outcomes", None)
    return frozenset(declared) if isinstance(declared, (set, frozenset, list, tuple)) else None


def guarded(name: str, check: CheckFunction, labels: frozenset[str]) -> CheckFunction:
    """``check`` from outside pii-guard wrapped so that whatever goes wrong in it is a
    :class:`ValidatorError` that names it and never the candidate (its own message may quote the
    value, and a traceback would print it), and so that an answer that is no label of ``labels``
    (``True``, a misspelt label) is an error, not a finding silently dropped."""

    outside: Any = check  # untyped: compiled, a typed call would check the answer before this does

    def checked(candidate: str, params: Optional[Mapping[str, Any]] = None) -> Optional[str]:
        try:
            label: object = outside(candidate, params)
        except Exception as exc:  # noqa: BLE001 - any failure of outside code, reported without its message
            raise ValidatorError(f"validator {name!r} raised {type(exc).__name__} on a candidate") from None
        if label is not None and (not isinstance(label, str) or label not in labels):
            # never quoted: a validator shaped like python-stdnum's validate() returns the value
            raise ValidatorError(f"validator {name!r} returned a {type(label).__name__} that is no outcome of its "
                                 f"recognizer (outcomes: {', '.join(sorted(labels))}); a validator returns one of them or None")
        return label if isinstance(label, str) else None

    return checked


def resolve(name: str) -> CheckFunction:
    """Return the check function registered as ``name`` or at ``module:function``.

    Raises ``LookupError`` with a message that names the validator.
    """
    if name in VALIDATORS:
        return VALIDATORS[name]
    module_name, sep, attr = name.partition(":")
    if not sep:
        known = ", ".join(sorted(VALIDATORS))
        raise LookupError(f"unknown validator {name!r} (known: {known}; or use 'module:function')")
    try:
        func = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise LookupError(f"cannot import validator {name!r}: {exc}") from exc
    if not callable(func):
        raise LookupError(f"validator {name!r} is not callable")
    return func


#: entity → canonical form, so that one person's number written two ways
#: tokenizes and hashes to one value (``138 1234 5678`` = ``+86 13812345678``).
CANONICAL: dict[str, Callable[[str], str]] = {
    entities.CN_RESIDENT_ID: cn_resident_id.compact,
    entities.CN_BANK_CARD: cn_bank_card.compact,
    entities.CN_PHONE_NUMBER: cn_phone.canonical,
    entities.EMAIL_ADDRESS: email_address.compact,
}


#: The canonical forms a recognizer file of a custom entity may name (``canonical: alphanumeric``):
#: folded and trimmed (the default), its letters and digits alone upper-cased (a passport number
#: typed ``e 1234 5678`` is ``E12345678``), or its digits alone.
CANONICAL_FORMS: dict[str, Callable[[str], str]] = {
    "folded": lambda value: fold(value).strip(),
    "alphanumeric": lambda value: "".join(ch for ch in fold(value) if ch.isascii() and ch.isalnum()).upper(),
    "digits": lambda value: "".join(ch for ch in fold(value) if ch in "0123456789"),
}


def register_canonical(entity: str, form: str) -> None:
    """Use canonical form ``form`` (a key of :data:`CANONICAL_FORMS`) for a custom ``entity``, as
    its recognizer file says; the built-in entities keep their own."""
    if entity not in entities.BUILTIN_ENTITIES:
        CANONICAL[entity] = CANONICAL_FORMS[form]


def canonical(entity: str, value: str) -> str:
    """The canonical form of ``value`` for ``entity`` (folded and trimmed if unknown)."""
    func = CANONICAL.get(entity)
    return func(value) if func is not None else fold(value).strip()
