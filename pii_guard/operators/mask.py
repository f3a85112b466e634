"""Mask a value character by character, keeping its shape.

Masking replaces digits and letters (the *significant* characters) with a
mask character but keeps separators where they were, so ``138 1234 5678``
becomes ``138 **** 5678`` and a full-width ``１３８１２３４５６７８`` gets a
full-width ``＊``. ``keep_first``/``keep_last`` count significant characters,
not positions, so grouping never changes what is revealed.

>>> mask('13812345678', keep_first=3, keep_last=4)
'138****5678'
>>> mask('138-1234-5678', keep_first=3, keep_last=4)
'138-****-5678'
>>> mask('１３８１２３４５６７８', keep_first=3, keep_last=4)
'１３８＊＊＊＊５６７８'
"""

from __future__ import annotations


def _significant(ch: str) -> bool:
    # Digits and Latin letters, ASCII or full-width; never Han characters such
    # as the 转 of an extension, which are structure, not data.
    return ch.isascii() and ch.isalnum() or "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"


def mask(value: str, keep_first: int = 0, keep_last: int = 0, char: str = "*") -> str:
    """Replace significant characters except the first/last ones kept."""
    if keep_first < 0 or keep_last < 0:
        raise ValueError("keep_first and keep_last must not be negative")
    if len(char) != 1:
        raise ValueError("the mask character must be a single character")
    total = sum(1 for ch in value if _significant(ch))
    wide = chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char
    out = []
    seen = 0
    for ch in value:
        if not _significant(ch):
            out.append(ch)
            continue
        seen += 1
        if seen <= keep_first or seen > total - keep_last:
            out.append(ch)
        else:
            out.append(wide if "\uff01" <= ch <= "\uff5e" else char)
    return "".join(out)
