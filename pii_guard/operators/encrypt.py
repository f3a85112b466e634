"""``encrypt``: AES-256-GCM or SM4-GCM with a random 96-bit nonce, reversible.

A recipe over ``cryptography``'s primitives, in the manner of Fernet: callers
never choose a mode, nonce or padding. The nonce comes from ``os.urandom``;
the associated data is the token header (version, kind, algorithm, key id,
entity, flags) plus the field path when the policy binds it, so a token cannot
be replayed into another field or entity. Every failure on the way back —
malformed, truncated, tampered, wrong key — is one :class:`TokenError`.

SM4-GCM (GB/T 32907 block cipher in GCM) uses ``cryptography``'s ``SM4``
algorithm with the ``GCM`` mode object: OpenSSL's implementation, no Python
cipher code.
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pii_guard.keys import Keyring, KeyringError
from pii_guard.operators import tokens
from pii_guard.operators.base import (
    OperatorConfigError,
    OperatorContext,
    cacheable_path,
    check_params,
    per_key,
    pinned_key,
    require_keyring,
)
from pii_guard.operators.tokens import Token, TokenError

NONCE_BYTES = 12
TAG_BYTES = 16
ALGORITHMS = ("a256gcm", "sm4gcm")


_INDEX = re.compile(r"\[\d+\]")


def associated_data(header: str, path: str | None) -> bytes:
    """Header and (optional) field path, separated by a byte no header holds.

    Array indices are bound as ``[*]``: reordering a list must not make its
    values unrevealable; moving a value to another field still does.

    Paths and values are encoded with ``surrogatepass``: either may hold a lone surrogate (a
    JSON ``\\ud83d`` escape, a form's GBK field name kept by ``surrogateescape``), sealed and
    revealed as it is rather than failing the request.
    """
    bound = _INDEX.sub("[*]", path) if path and "[" in path else (path or "")
    return header.encode("ascii") + b"\x1f" + bound.encode("utf-8", "surrogatepass")


_AEADS: dict[bytes, AESGCM] = {}


def _aesgcm(key: bytes) -> AESGCM:
    return per_key(_AEADS, key, AESGCM)


def seal(algorithm: str, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Ciphertext with the 16-byte tag appended."""
    if algorithm == "a256gcm":
        return _aesgcm(key).encrypt(nonce, plaintext, aad)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag


def open_(algorithm: str, key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    """Verify and decrypt; raises :class:`TokenError` on any failure."""
    if len(sealed) < TAG_BYTES:
        raise TokenError("token is truncated")
    try:
        if algorithm == "a256gcm":
            return _aesgcm(key).decrypt(nonce, sealed, aad)
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, sealed[-TAG_BYTES:])).decryptor()
        decryptor.authenticate_additional_data(aad)
        return decryptor.update(sealed[:-TAG_BYTES]) + decryptor.finalize()
    except InvalidTag:
        raise TokenError("token does not verify (tampered, truncated or another key)") from None


class EncryptOperator:
    """Configured ``encrypt``: ``algorithm`` (default: the keyring family's), ``bind_path``."""

    name: ClassVar[str] = "encrypt"
    reversible: ClassVar[bool] = True
    uses_outcome: ClassVar[bool] = False

    def __init__(self, keyring: Keyring, algorithm: str, bind_path: bool, key_id: str | None = None) -> None:
        self.keyring = keyring
        self.algorithm = algorithm
        self.bind_path = bind_path
        self.key_id = key_id
        #: (key id, entity, bound path, number) → (token header, associated data): both are the
        #: same for every value of a column, and building them cost as much as the encryption
        self._headers: dict[tuple[str, str, str | None, bool], tuple[str, bytes]] = {}

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: Keyring | None, family: str | None = None) -> "EncryptOperator":
        check_params(params, {"algorithm", "bind_path", "key_id"})
        ring = require_keyring(keyring, cls.name)
        key_id = pinned_key(params, ring)
        algorithm = params.get("algorithm") or ring.algorithm("encrypt", family)
        if algorithm not in ALGORITHMS:
            raise OperatorConfigError(f"unknown encrypt algorithm {algorithm!r} (allowed: {', '.join(ALGORITHMS)})")
        bind_path = params.get("bind_path", True)
        if not isinstance(bind_path, bool):
            raise OperatorConfigError("bind_path must be true or false")
        return cls(ring, algorithm, bind_path, key_id)

    def operate(self, value: str, ctx: OperatorContext) -> str:
        path = ctx.path if self.bind_path else None
        kid = self.key_id or self.keyring.primary_id
        cache_key = (kid, ctx.entity, path, ctx.number)
        prepared = self._headers.get(cache_key)
        if prepared is None:
            head = tokens.header("e", self.algorithm, kid, ctx.entity, path is not None, ctx.number)
            prepared = (head, associated_data(head, path))
            if path is None or cacheable_path(path):  # a path that may hold personal data is not kept
                if len(self._headers) >= 4096:
                    self._headers.clear()
                self._headers[cache_key] = prepared
        head, aad = prepared
        key = self.keyring.derived(kid, self.algorithm)
        plaintext = value.encode("utf-8", "surrogatepass")
        while True:
            nonce = os.urandom(NONCE_BYTES)
            token = tokens.with_payload(head, nonce + seal(self.algorithm, key, nonce, plaintext, aad))  # the algorithm was checked by configure
            # A token may stand inside an XML or HTML comment (<!-- 身份证… -->), where "--" ends the
            # document's well-formedness; base64url writes it about one time in a hundred. Another
            # nonce, another payload: no token of this operator holds it.
            if "--" not in token:
                return token


def decrypt(token: Token, keyring: Keyring, path: str | None) -> str:
    """Reveal an ``e`` token. ``path`` must be the field path it was bound to."""
    if token.kind != "e" or len(token.payload) < NONCE_BYTES + TAG_BYTES:
        raise TokenError("token is truncated or not an encryption token")
    if token.path_bound and path is None:
        raise TokenError("token is bound to a field path; reveal it within its document")
    try:
        key = keyring.derived(token.key_id, token.algorithm)
    except KeyringError:
        raise TokenError("token names a key id this keyring does not hold") from None
    aad = associated_data(token.header, path if token.path_bound else None)
    plaintext = open_(token.algorithm, key, token.payload[:NONCE_BYTES], token.payload[NONCE_BYTES:], aad)
    try:
        return plaintext.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # pragma: no cover - authenticated, so only with a forged key
        raise TokenError("token does not verify") from None
