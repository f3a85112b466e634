"""Fold the ways people type digits into one canonical form, keeping offsets.

Complaint text arrives with full-width digits (``１３８``), a full-width check
character (``Ｘ``), ideographic spaces, full-width or typographic hyphens and,
from copy-paste out of chat apps, zero-width characters inside a number. The
detector matches on a canonical form and reports offsets into the *original*
string, so folding must keep a map back.

Why not ``unicodedata.normalize("NFKC", …)``: NFKC changes lengths (``⒈`` →
``1.``), so every offset would need a map, and it costs a full pass over the
text. Everything a person types inside a number folds one code point to one
code point here (the full-width block is exactly what NFKC does for it), so the
map is the identity except for zero-width characters, which are dropped and
recorded. Folding runs only on candidate spans, never on the whole text.
"""

from __future__ import annotations

#: Code points that vanish: zero-width space/non-joiner/joiner, word joiner,
#: BOM used as ZWNBSP, soft hyphen, Mongolian vowel separator.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
#: Space-like characters folded to ``" "``.
SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"
#: Hyphen- and dash-like characters folded to ``"-"``.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u30fc\u2500"
#: Full-width digits, for character classes that must see both forms.
FULLWIDTH_DIGITS = "".join(chr(0xFF10 + i) for i in range(10))

_DROP = "\x00"  # placeholder for dropped characters; never occurs in real text


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(c): " " for c in SPACES})
    table.update({ord(c): "-" for c in DASHES})
    table.update({ord(c): _DROP for c in ZERO_WIDTH})
    table[ord(_DROP)] = _DROP
    return table


FOLD_TABLE: dict[int, str] = _build_table()


def fold(text: str) -> str:
    """Fold full-width forms, spaces, dashes; drop zero-width characters.

    >>> fold("１３８\u3000１２３４－５６７８\u200b")
    '138 1234-5678'
    """
    return text.translate(FOLD_TABLE).replace(_DROP, "")


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` and return ``(folded, index)``.

    ``index[i]`` is the position in ``text`` of folded character ``i``; it is
    ``None`` when nothing was dropped, meaning the map is the identity (the
    common case, which then costs one ``str.translate``).

    >>> fold_with_offsets("13\u200b8")
    ('138', [0, 1, 3])
    >>> fold_with_offsets("１３８")
    ('138', None)
    """
    folded = text.translate(FOLD_TABLE)
    if _DROP not in folded:
        return folded, None
    index = [i for i, ch in enumerate(folded) if ch != _DROP]
    return folded.replace(_DROP, ""), index
