"""Replacements in a string, as ``(start, end, new)`` triples: the one way values are rewritten."""

from __future__ import annotations

Edit = tuple[int, int, str]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping ``(start, end, new)`` replacements.

    >>> apply_edits("手机13812345678", [(2, 13, "138****5678")])
    '手机138****5678'
    """
    if not edits:
        return text
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)
