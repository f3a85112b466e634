"""``tokenize``: deterministic, keyed and reversible (AES-SIV, RFC 5297).

The same value under the same key always gives the same token, so complaints
still group per person and scrubbed tables still join, without revealing
anyone. The value is first brought to its canonical form (``138 1234 5678``
and ``+86 13812345678`` are one person), so reveal returns the canonical
form, not the original spacing. The associated data is the token header,
which includes the entity type: never empty (OpenSSL's AES-SIV once ignored
empty associated data, CVE-2023-2975) and distinct per entity, so an ID and a
card with equal digits do not share a token.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from pii_guard.keys import Keyring, KeyringError
from pii_guard.operators import tokens
from pii_guard.operators.base import OperatorContext, check_params, per_key, pinned_key, require_keyring
from pii_guard.operators.tokens import Token, TokenError
from pii_guard.validators import canonical

ALGORITHM = "a256siv"

_SIVS: dict[bytes, AESSIV] = {}


def _siv(key: bytes) -> AESSIV:
    return per_key(_SIVS, key, AESSIV)


class TokenizeOperator:
    """Configured ``tokenize`` (no parameters)."""

    name: ClassVar[str] = "tokenize"
    reversible: ClassVar[bool] = True
    uses_outcome: ClassVar[bool] = False

    def __init__(self, keyring: Keyring, key_id: str | None = None) -> None:
        self.keyring = keyring
        self.key_id = key_id

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: Keyring | None, family: str | None = None) -> "TokenizeOperator":
        check_params(params, {"key_id"})
        ring = require_keyring(keyring, cls.name)
        return cls(ring, pinned_key(params, ring))

    def operate(self, value: str, ctx: OperatorContext) -> str:
        # No "was a JSON number" flag: the same phone stored as a number in one table and as text
        # in another must give the same token, or the tables no longer join.
        kid = self.key_id or self.keyring.primary_id
        head = tokens.header("t", ALGORITHM, kid, ctx.entity, False, False)
        payload = _siv(self.keyring.derived(kid, ALGORITHM)).encrypt(canonical(ctx.entity, value).encode("utf-8", "surrogatepass"),
                                                                      [head.encode("ascii")])
        return tokens.with_payload(head, payload)


def detokenize(token: Token, keyring: Keyring) -> str:
    """Reveal a ``t`` token (its canonical value)."""
    if token.kind != "t" or len(token.payload) < 16:
        raise TokenError("token is truncated or not a tokenization token")
    try:
        siv = _siv(keyring.derived(token.key_id, ALGORITHM))
    except KeyringError:
        raise TokenError("token names a key id this keyring does not hold") from None
    try:
        return siv.decrypt(token.payload, [token.header.encode("ascii")]).decode("utf-8", "surrogatepass")
    except (InvalidTag, UnicodeDecodeError):
        raise TokenError("token does not verify (tampered, truncated or another key)") from None
