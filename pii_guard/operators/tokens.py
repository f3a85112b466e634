"""The token grammar: the one place that builds, parses and finds tokens.

A protected value becomes one ASCII token that survives JSON, CSV and log lines
unchanged (no quotes, commas, spaces or backslashes) and that a scanner can
tell from plaintext::

    pg1.e.a256gcm.k1.CN_PHONE_NUMBER.p.8fQ2…~

    pg1              format version 1
    e|t|h            kind: e = encrypt (random nonce, reversible),
                           t = tokenize (deterministic, reversible),
                           h = keyed hash (deterministic, one-way)
    a256gcm …        algorithm (see ALGORITHMS)
    k1               key id in the keyring (rotation: old ids still decrypt)
    CN_PHONE_NUMBER  entity type, also bound into the associated data
    p|n|pn|-         flags: p = the field path is bound into the associated
                     data, n = the original was a JSON number
    8fQ2…            payload, base64url without padding
    ~                end mark: base64url holds '-' and '_', so without it a token followed by
                     "-张先生" or "_2" would swallow them; '~' is safe in JSON, CSV, URLs and logs

The whole header is authenticated as associated data, so a token cannot be
moved to another entity, algorithm or key id. Parsing never echoes a token
back in an error.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Iterator

from pii_guard.keys import KEY_ID_SYNTAX

VERSION = "pg1"

#: kind → algorithms allowed for it.
ALGORITHMS: dict[str, frozenset[str]] = {
    "e": frozenset({"a256gcm", "sm4gcm"}),
    "t": frozenset({"a256siv"}),
    "h": frozenset({"hs256", "hsm3"}),
}
FLAGS = frozenset("pn")
#: The kinds no key gives back the value of (a keyed hash): reveal leaves such a token as it is.
ONE_WAY_KINDS = frozenset({"h"})

_KEY_ID = KEY_ID_SYNTAX
_ENTITY = r"[A-Z][A-Z0-9_]{0,47}"
#: Anywhere, glued to what comes before: a label typed glued to a number (sj13812345678,
#: sfz1101…) is glued to its token once the number is protected, and so are digits the detector
#: left before a number it read (an extension's last digits run on into a mobile: 分机123456138…).
TOKEN_PATTERN = re.compile(
    rf"{VERSION}\.([eth])\.([a-z0-9]{{2,12}})\.({_KEY_ID})\.({_ENTITY})\.(-|p|n|pn)\.([A-Za-z0-9_-]{{8,}})~"
)
#: A whole token header: reveal refuses such text when it is not followed by a well-formed payload
#: and end mark (a damaged token must not silently stay encrypted), and a header of another format
#: version (pg2.…, from a newer pii-guard) too, which this one cannot read. Text that merely starts like
#: one ("pg1.e." typed by a complainant) is not a header and stays text.
HEADER_PATTERN = re.compile(rf"pg[0-9]{{1,3}}\.([eth])\.([a-z0-9]{{2,12}})\.({_KEY_ID})\.({_ENTITY})\.(-|p|n|pn)\.")
#: smallest payload per kind: nonce + tag (+1 byte), SIV tag (+1 byte), an HMAC
MIN_PAYLOAD = {"e": 29, "t": 17, "h": 32}


class TokenError(ValueError):
    """A token is malformed, tampered with, truncated or for an unknown key.

    One class and fixed messages for every failure, as Fernet's InvalidToken:
    callers learn *that* a token failed (and where, from the caller), never
    anything about its content.
    """


@dataclass(frozen=True)
class Token:
    """A parsed token. ``header`` is the authenticated prefix."""

    kind: str
    algorithm: str
    key_id: str
    entity: str
    path_bound: bool
    number: bool
    payload: bytes

    @property
    def header(self) -> str:
        return header(self.kind, self.algorithm, self.key_id, self.entity, self.path_bound, self.number)


def header(kind: str, algorithm: str, key_id: str, entity: str, path_bound: bool, number: bool) -> str:
    """The token prefix up to (not including) the payload."""
    flags = ("p" if path_bound else "") + ("n" if number else "")
    return f"{VERSION}.{kind}.{algorithm}.{key_id}.{entity}.{flags or '-'}"


def build(kind: str, algorithm: str, key_id: str, entity: str, payload: bytes, *, path_bound: bool = False, number: bool = False) -> str:
    """Assemble a token string."""
    if algorithm not in ALGORITHMS.get(kind, ()):
        raise ValueError("algorithm does not belong to this token kind")
    return with_payload(header(kind, algorithm, key_id, entity, path_bound, number), payload)


def with_payload(head: str, payload: bytes) -> str:
    """A token from its :func:`header` (of a kind and algorithm already checked) and payload."""
    body = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
    return f"{head}.{body}~"


def parse(text: str) -> Token:
    """Parse one whole token or raise :class:`TokenError`."""
    m = TOKEN_PATTERN.fullmatch(text)
    if m is None:
        raise TokenError("malformed token")
    return _from_match(m)


def _from_match(m: re.Match[str]) -> Token:
    kind, algorithm, key_id, entity, flags, body = m.groups()
    if algorithm not in ALGORITHMS[kind]:
        raise TokenError("unknown algorithm for this token kind")
    try:
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise TokenError("malformed token payload") from None
    if base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii") != body:
        # the last character's unused bits set: another spelling of the same bytes. One token has
        # one spelling, so that tokens compare as the values they stand for (joins, blocklists).
        raise TokenError("malformed token payload")
    if len(payload) < MIN_PAYLOAD[kind]:
        raise TokenError("token is truncated")
    return Token(kind, algorithm, key_id, entity, "p" in flags, "n" in flags, payload)


def may_hold(text: str) -> bool:
    """Whether ``text`` may hold a token, of this format version or another (which reveal must
    refuse, not pass over): the cheap test before any reveal-side walk."""
    return f"{VERSION}." in text or ("pg" in text and HEADER_PATTERN.search(text) is not None)


def find(text: str) -> Iterator[re.Match[str]]:
    """Every token-shaped substring of ``text`` (not yet verified)."""
    return TOKEN_PATTERN.finditer(text)


def parse_match(m: re.Match[str]) -> Token:
    """Parse a match from :func:`find`; raises :class:`TokenError`."""
    return _from_match(m)


def looks_like_token(text: str) -> bool:
    """Whether ``text`` is exactly one token-shaped string."""
    return TOKEN_PATTERN.fullmatch(text) is not None


#: What a JSON number literal may hold around the tokens protecting parts of it.
_NUMBER_REST = re.compile(r"[0-9.eE+-]*")


def from_number(text: str) -> bool:
    """Whether ``text`` is what protecting a JSON number left: tokens that all carry the number
    flag, with nothing around or between them but what a number literal holds (a sign, digits,
    ``.``, an exponent). Reveal turns such a string back into a number when the revealed text is
    one (``"<card token><card token>"`` from a 38-digit number, ``"<phone token>.5"``)."""
    pos = 0
    seen = False
    for m in TOKEN_PATTERN.finditer(text):
        if "n" not in m.group(5) or _NUMBER_REST.fullmatch(text, pos, m.start()) is None:
            return False
        pos = m.end()
        seen = True
    return seen and _NUMBER_REST.fullmatch(text, pos) is not None


def plausible(m: re.Match[str]) -> bool:
    """Whether a token-shaped match has a payload long enough for its kind (cheap, no keys)."""
    kind, body = m.group(1), m.group(6)
    return len(body) * 3 // 4 >= MIN_PAYLOAD[kind]
