"""``name=value&…`` text (a query string, an ``application/x-www-form-urlencoded`` body) edited
in place, pair by pair.

Only the characters of what is replaced change: every other byte — the separators, the
percent-encoding the client chose (``%3b`` or ``;``, ``+`` or ``%20``, lower- or upper-case hex),
pairs with nothing to protect — goes on as it came. Re-encoding the pairs instead would turn a
``;`` a legacy parser splits on (``a=1;m=138…``: Java servlet containers and old PHP read two
fields) into ``%3B``, one field, and the app would lose one.

Pairs are split on ``&`` (:func:`urllib.parse.parse_qsl`), and read a second time split on ``;``
too (python-multipart, Starlette's form parser, servlet containers and old PHP split there): a
field rule (protect ``id_number`` whole) must apply to the field those readers see. Names and
values are decoded as urllib decodes them (``+`` is a space, ``%XX`` runs are bytes in the form's
charset), each with an offset map back to the raw text, as
:func:`pii_guard.normalise.decode_escapes` keeps one. The decoding reads every stretch of ASCII as
bytes, so it holds only for charsets in which ASCII is one byte a character (not UTF-16 or 32).
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import quote_plus, unquote_plus, unquote_to_bytes

from pii_guard.edits import Edit

_HEX_CHARS = frozenset("0123456789abcdefABCDEF")
_SEPARATORS = re.compile("([&;])")
_AMPERSAND = re.compile("(&)")


def decode(raw: str, charset: str = "utf-8") -> tuple[str, list[int]]:
    """``raw`` decoded as :func:`urllib.parse.unquote_plus` decodes it, with ``index[i]`` the
    offset in ``raw`` where decoded character ``i`` starts and ``index[len(decoded)] == len(raw)``.

    As urllib does, each stretch of ASCII (escapes and the characters a client left unescaped
    alike: a GBK character's second byte may be a letter, ``%B0A``) is read as bytes in
    ``charset``; other characters stand for themselves. Raises :class:`UnicodeDecodeError` where
    the bytes are not text in ``charset`` (as ``parse_qsl(errors="strict")`` does)."""
    out: list[str] = []
    index: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        if not raw[i].isascii():
            out.append(raw[i])
            index.append(i)
            i += 1
            continue
        data = bytearray()
        starts: list[int] = []  # where each byte of the stretch begins in raw
        while i < n and raw[i].isascii():
            starts.append(i)
            if raw[i] == "%" and i + 2 < n and raw[i + 1] in _HEX_CHARS and raw[i + 2] in _HEX_CHARS:
                data.append(int(raw[i + 1 : i + 3], 16))
                i += 3
            else:
                data.append(32 if raw[i] == "+" else ord(raw[i]))
                i += 1
        text = bytes(data).decode(charset)  # strict: undecodable bytes are the caller's refusal
        byte = 0
        for char in text:
            out.append(char)
            index.append(starts[byte])
            byte += len(char.encode(charset))
    index.append(n)
    return "".join(out), index


def rewrite(raw: str, charset: str, value_edits: Callable[[str, str], list[Edit]],
            name_edits: Callable[[str], list[Edit]], semicolons: bool = False) -> str | None:
    """``raw`` with each pair's name and value edited (``value_edits(name, value)``,
    ``name_edits(name)``, both on the decoded text), or ``None`` when nothing changed. What
    replaces a span is percent-encoded in ``charset``; nothing else is touched.

    Pairs are split on ``&``, as :func:`urllib.parse.parse_qsl` and Starlette's query_params split
    them (a label and its number in one value: ``note=身份证号;<15 digits>``), or with
    ``semicolons`` on ``;`` too, as python-multipart and servlet containers split them (a field
    rule applies to ``id_number`` in ``x=1;id_number=…``); there a piece with no ``=`` is a value
    of the name before it (``mobiles=138…;139…``), not a name."""
    pieces: list[str] = []
    changed = False
    name = ""
    for pair in (_SEPARATORS if semicolons else _AMPERSAND).split(raw):
        if pair in ("&", ";"):
            pieces.append(pair)
            continue
        name_raw, sep, value_raw = pair.partition("=")
        if not sep and semicolons and pieces and pieces[-1] == ";":
            name_raw, sep, value_raw = "", "", pair  # the next item of a list: a value
            value, value_index = decode(value_raw, charset)
            new_value = _edited(value_raw, value_index, value_edits(name, value), charset)
            changed = changed or new_value is not None
            pieces.append(pair if new_value is None else new_value)
            continue
        name, name_index = decode(name_raw, charset)
        new_name = _edited(name_raw, name_index, name_edits(name), charset)
        new_value = None
        if sep:
            value, value_index = decode(value_raw, charset)
            new_value = _edited(value_raw, value_index, value_edits(name, value), charset)
        if new_name is None and new_value is None:
            pieces.append(pair)
            continue
        changed = True
        pieces.append((name_raw if new_name is None else new_name) + sep
                      + (value_raw if new_value is None else new_value))
    return "".join(pieces) if changed else None


def _edited(raw: str, index: list[int], edits: list[Edit], charset: str) -> str | None:
    """``raw`` with decoded ``edits`` applied at the raw offsets they map to, or ``None``."""
    if not edits:
        return None
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        out.append(raw[pos : index[start]])
        out.append(quote_plus(replacement, safe="*", encoding=charset))
        pos = index[end]
    out.append(raw[pos:])
    return "".join(out)


def app_reading(raw: bytes) -> str:
    """``raw`` (a query string, a form body) as Starlette reads it whatever charset it is labelled
    with: bytes as Latin-1, then every escape as UTF-8 (bad bytes replaced), ``+`` as a space. The
    guard checks that this reading too holds no personal data where it read another charset."""
    return unquote_plus(raw.decode("latin-1"), encoding="utf-8", errors="replace")


def unquoted(raw: bytes) -> bytes:
    """The bytes ``raw`` (a query string, a form body) stands for: every escape undone, ``+`` a space."""
    return unquote_to_bytes(raw.decode("latin-1").replace("+", " "))


def is_utf8(raw: bytes) -> bool:
    """Whether ``raw`` (a query string, a form body), its escapes decoded, is UTF-8 text."""
    try:
        unquote_to_bytes(raw.decode("latin-1").replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def pairs(raw: str) -> list[tuple[str, str]]:
    """``(name, value)`` of ``name=value`` text as Starlette reads it (escapes as UTF-8, bad bytes
    replaced), split on ``&`` and ``;`` (a piece with no ``=`` after a ``;`` is a value of the name
    before it, as in a list ``a=1;2``)."""
    out: list[tuple[str, str]] = []
    previous = ""
    for piece in _SEPARATORS.split(raw):
        if piece in ("&", ";"):
            previous = piece
            continue
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        read = lambda part: unquote_plus(part, encoding="utf-8", errors="replace")  # noqa: E731
        if not sep and previous == ";" and out:
            out.append((out[-1][0], read(piece)))
        else:
            out.append((read(name), read(value)))
    return out
