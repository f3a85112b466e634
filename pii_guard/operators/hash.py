"""``hash``: a keyed, one-way pseudonym (HMAC-SHA256, or HMAC-SM3 for 国密).

Never a bare hash: an 18-digit resident ID has a few billion plausible values
(region × birth date × sequence, and the check digit is computed), so an
unsalted SHA-256 of it is reversed by enumeration in minutes on one GPU. The
HMAC key lives in the keyring; without it the pseudonym cannot be recomputed.
Like ``tokenize`` it hashes the canonical form, so equal numbers join.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from cryptography.hazmat.primitives import hashes, hmac

from pii_guard.keys import Keyring
from pii_guard.operators import tokens
from pii_guard.operators.base import OperatorConfigError, OperatorContext, check_params, pinned_key, require_keyring
from pii_guard.validators import canonical

ALGORITHMS = ("hs256", "hsm3")


class HashOperator:
    """Configured ``hash``: ``algorithm`` (default: the keyring family's)."""

    name: ClassVar[str] = "hash"
    reversible: ClassVar[bool] = False
    uses_outcome: ClassVar[bool] = False

    def __init__(self, keyring: Keyring, algorithm: str, key_id: str | None = None) -> None:
        self.keyring = keyring
        self.algorithm = algorithm
        self.key_id = key_id

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: Keyring | None, family: str | None = None) -> "HashOperator":
        check_params(params, {"algorithm", "key_id"})
        ring = require_keyring(keyring, cls.name)
        key_id = pinned_key(params, ring)
        algorithm = params.get("algorithm") or ring.algorithm("hash", family)
        if algorithm not in ALGORITHMS:
            raise OperatorConfigError(f"unknown hash algorithm {algorithm!r} (allowed: {', '.join(ALGORITHMS)})")
        return cls(ring, algorithm, key_id)

    def operate(self, value: str, ctx: OperatorContext) -> str:
        kid = self.key_id or self.keyring.primary_id
        mac = hmac.HMAC(self.keyring.derived(kid, self.algorithm), hashes.SM3() if self.algorithm == "hsm3" else hashes.SHA256())
        mac.update(ctx.entity.encode("ascii") + b"\x1f" + canonical(ctx.entity, value).encode("utf-8", "surrogatepass"))
        return tokens.build("h", self.algorithm, kid, ctx.entity, mac.finalize(), number=ctx.number)
