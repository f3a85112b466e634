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

from typing import Final

_DOUBLED: Final = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


#: Maps an ASCII digit byte to the byte of its doubled digit sum, for ``bytes.translate``.
_DOUBLE_BYTES: Final = bytes.maketrans(b"0123456789", bytes([48 + d for d in _DOUBLED]))


def checksum(number: str) -> int:
    """Luhn sum of an ASCII digit string, mod 10 (0 means valid).

    Works on the bytes so that everything runs in C: the doubled digits are
    mapped with ``bytes.translate`` and both halves summed with ``sum``
    (about 3x faster than a ``map`` over a lookup table).
    """
    raw = number.encode("ascii")
    return (sum(raw[-1::-2]) + sum(raw[-2::-2].translate(_DOUBLE_BYTES)) - 48 * len(raw)) % 10


def is_valid(number: str) -> bool:
    """Whether the digit string passes Luhn."""
    return checksum(number) == 0


def calc_check_digit(number: str) -> str:
    """The digit to append to ``number`` so that it passes Luhn."""
    return str((10 - checksum(number + "0")) % 10)
