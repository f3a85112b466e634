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


def canonical(entity: str, value: str) -> str:
    """The canonical form of ``value`` for ``entity`` (folded and trimmed if unknown)."""
    func = CANONICAL.get(entity)
    return func(value) if func is not None else fold(value).strip()
