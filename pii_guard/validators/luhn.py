"""The Luhn (mod 10) checksum, table-driven.

Same algorithm as ``stdnum.luhn`` (which the tests use as the oracle); this
version works on a clean digit string with a precomputed doubling table
because the detector calls it on every card-shaped candidate.

>>> is_valid('6222021234567890124')
False
>>> calc_check_digit('622202123456789012')
'8'
"""

from __future__ import annotations

_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def checksum(number: str) -> int:
    """Luhn sum of a digit string, mod 10 (0 means valid)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        total += _DOUBLED[d] if i & 1 else d
    return total % 10


def is_valid(number: str) -> bool:
    """Whether the digit string passes Luhn."""
    return checksum(number) == 0


def calc_check_digit(number: str) -> str:
    """The digit to append to ``number`` so that it passes Luhn."""
    return str((10 - checksum(number + "0")) % 10)
