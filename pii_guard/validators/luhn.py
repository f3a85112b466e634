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


#: Indexed by the byte value of an ASCII digit: the digit doubled, digits summed.
_DOUBLED_BY_BYTE = (0,) * 48 + _DOUBLED


def checksum(number: str) -> int:
    """Luhn sum of an ASCII digit string, mod 10 (0 means valid).

    Works on the bytes so both sums run in C (``sum`` over slices).
    """
    raw = number.encode("ascii")
    plain = raw[-1::-2]
    doubled = raw[-2::-2]
    return (sum(plain) - 48 * len(plain) + sum(map(_DOUBLED_BY_BYTE.__getitem__, doubled))) % 10


def is_valid(number: str) -> bool:
    """Whether the digit string passes Luhn."""
    return checksum(number) == 0


def calc_check_digit(number: str) -> str:
    """The digit to append to ``number`` so that it passes Luhn."""
    return str((10 - checksum(number + "0")) % 10)
