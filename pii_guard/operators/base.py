"""The operator contract: validate parameters once, operate per value.

As in presidio-anonymizer, an operator's parameters are checked when a policy
is loaded (``configure``), not per value, so a typo in a policy fails at start
and deciding is a dict lookup. Unlike Presidio, ``configure`` returns a
configured instance that keeps what it needs (keyring, algorithm, mask rule),
so ``operate`` does no set-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Any, Callable, ClassVar, Mapping, Protocol, TypeVar

from pii_guard.keys import Keyring


class OperatorConfigError(ValueError):
    """Operator parameters are invalid. The policy loader adds file and line."""


@dataclass(frozen=True)
class OperatorContext:
    """What an operator may know about the value it transforms."""

    entity: str
    path: str | None = None  # the field path, when the value came from a structured document
    outcome: str | None = None  # the validator's outcome label (``mobile``, ``landline`` …)
    number: bool = False  # the value was a JSON number


_CONTEXTS: dict[tuple[str, "str | None", "str | None", bool], OperatorContext] = {}


def operator_context(entity: str, path: str | None = None, outcome: str | None = None, number: bool = False) -> OperatorContext:
    """The context for these values: one shared object per distinct context, since it is frozen.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` in Python
    code (about 0.5 µs); a scrub makes one for every value it protects, from a few distinct
    (entity, column) pairs. Only short paths that cannot hold an entity's value are kept (no
    digit, no "@", ASCII: ``$.phone``, ``$.complainant.id_number``): a key may itself be personal
    data (``{"138…": …}`` under ``uninspectable: protect``), and a cache must not keep it after
    the request. Bounded: past 4,096 contexts the cache starts over.
    """
    key = (entity, path, outcome, number)
    ctx = _CONTEXTS.get(key)
    if ctx is None:
        ctx = OperatorContext(entity, path, outcome, number)
        if path is None or cacheable_path(path):
            if len(_CONTEXTS) >= 4096:
                _CONTEXTS.clear()
            _CONTEXTS[key] = ctx
    return ctx


def cacheable_path(path: str) -> bool:
    """Whether a path is short, ASCII, and holds no digit and no "@" (so no ID, card, phone,
    number spelt in numerals or e-mail address)."""
    if len(path) > 80 or not path.isascii() or "@" in path:
        return False
    for ch in path:
        if "0" <= ch <= "9":
            return False
    return True


_Cipher = TypeVar("_Cipher")


def per_key(made: dict[bytes, _Cipher], key: bytes, make: Callable[[bytes], _Cipher]) -> _Cipher:
    """The cipher object ``make`` builds for ``key``, built once and kept in ``made`` (building one
    costs as much as encrypting a value); bounded: past 64 keys the cache starts over."""
    cipher = made.get(key)
    if cipher is None:
        if len(made) > 64:
            made.clear()
        cipher = made[key] = make(key)
    return cipher


class Operator(Protocol):
    """A configured operator."""

    name: ClassVar[str]
    #: whether :meth:`reveal` can give the original back
    reversible: ClassVar[bool]
    #: whether :meth:`operate` reads ``ctx.outcome``: knowing it costs a validator run for a value
    #: protected whole, so it is found only for operators that read it
    uses_outcome: bool

    def operate(self, value: str, ctx: OperatorContext) -> str:
        """Transform one value."""


def check_params(params: Mapping[str, Any], allowed: AbstractSet[str]) -> None:
    """Reject unknown parameter names (one spelling per key)."""
    unknown = set(params) - allowed
    if unknown:
        names = ", ".join(sorted(allowed)) or "none"
        raise OperatorConfigError(f"unknown parameter(s) {', '.join(sorted(unknown))} (allowed: {names})")


def require_keyring(keyring: Keyring | None, operator: str) -> Keyring:
    if keyring is None:
        raise OperatorConfigError(f"the {operator} operator needs a keyring (pass one, e.g. --keyring, or set PII_GUARD_KEYRING or PII_GUARD_KEYS)")
    return keyring


def pinned_key(params: Mapping[str, Any], keyring: Keyring) -> str | None:
    """An optional ``key_id`` parameter, checked against the keyring at load."""
    key_id = params.get("key_id")
    if key_id is None:
        return None
    if not isinstance(key_id, str) or not keyring.has(key_id):
        raise OperatorConfigError("unknown key id (not in the keyring)")
    return key_id
