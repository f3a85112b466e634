"""Operators: what happens to a value once the policy has decided.

``OPERATORS`` maps the action names a policy may use to operator classes;
each has ``configure(params, keyring, family)`` (run once, at policy load)
returning an instance with ``operate(value, context)``. :func:`reveal_token`
is the way back for the reversible ones, used by ``pii-guard reveal`` and the
guard alike.
"""

from __future__ import annotations

from typing import Any, Mapping

from pii_guard.keys import Keyring
from pii_guard.operators.base import Operator, OperatorConfigError, OperatorContext
from pii_guard.operators.encrypt import EncryptOperator, decrypt
from pii_guard.operators.hash import HashOperator
from pii_guard.operators.mask import MaskOperator
from pii_guard.operators.redact import KeepOperator, RedactOperator
from pii_guard.operators.tokenize import TokenizeOperator, detokenize
from pii_guard.operators.tokens import Token, TokenError

OPERATORS: dict[str, Any] = {
    "encrypt": EncryptOperator,
    "tokenize": TokenizeOperator,
    "mask": MaskOperator,
    "redact": RedactOperator,
    "hash": HashOperator,
    "keep": KeepOperator,
}


def configure(action: str, params: Mapping[str, Any], keyring: Keyring | None, family: str | None = None) -> Operator:
    """Configure the operator for ``action``; raises :class:`OperatorConfigError`."""
    cls = OPERATORS.get(action)
    if cls is None:
        raise OperatorConfigError(f"unknown action {action!r} (allowed: {', '.join(OPERATORS)})")
    return cls.configure(params, keyring, family)


def reveal_token(token: Token, keyring: Keyring, path: str | None = None) -> str:
    """The original (``encrypt``) or canonical (``tokenize``) value of a token.

    Raises :class:`TokenError` for hash tokens (one-way) and for every failure.
    """
    if token.kind == "e":
        return decrypt(token, keyring, path)
    if token.kind == "t":
        return detokenize(token, keyring)
    raise TokenError("hash tokens are one-way and cannot be revealed")


__all__ = ["OPERATORS", "Operator", "OperatorConfigError", "OperatorContext", "Token", "TokenError", "configure", "reveal_token"]
