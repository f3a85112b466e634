"""居民身份证号码 (Resident Identity Card number of the People's Republic of China).

An 18-character number defined by GB 11643-1999: a six-digit administrative
division code (the first two digits are the province), the birth date as
YYYYMMDD, a three-digit sequence (odd for men, even for women) and an
ISO 7064 MOD 11-2 check character, which is ``X`` when its value is 10. People
write the check character as ``x`` or full-width ``Ｘ`` and group the number
6-8-4 (``110101 19900307 4573``). Residence permits for Hong Kong, Macau and
Taiwan residents use the same format with the prefixes 810000, 820000, 830000.
Cards issued before 1999 carry a legacy 15-digit number: a two-digit year and
no check character.

Why not ``stdnum.cn.ric``: it looks every county up in a table that misses
real codes (and the permit prefixes) and can raise ``KeyError``. A county
table ages as counties merge; the province and the check character are what
a detector can rely on, so those are checked here (cheap checks first).

>>> validate('110101 19900307 4573')
'110101199003074573'
>>> validate('11010119900307457X')
Traceback (most recent call last):
    ...
pii_guard.validators.exceptions.InvalidChecksum: the number's checksum or check digit does not match
>>> check('110101199003074573')
'valid'
>>> check('110101900307457')
'legacy'
>>> format('110101199003074573')
'110101 19900307 4573'
"""

from __future__ import annotations

import operator
import time
from typing import Any, Mapping

from pii_guard.normalise import fold
from pii_guard.validators.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

#: Province-level codes of GB/T 2260, plus 71 (Taiwan) and the residence-permit
#: codes 81 (Hong Kong), 82 (Macau), 83 (Taiwan residents).
PROVINCES: frozenset[str] = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {str(n) for n in range(31, 38)}
    | {str(n) for n in range(41, 47)}
    | {str(n) for n in range(50, 55)}
    | {str(n) for n in range(61, 66)}
    | {"71", "81", "82", "83"}
)
#: Residence permits are issued under one region code per territory.
PERMIT_REGIONS: frozenset[str] = frozenset({"810000", "820000", "830000"})

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ZERO_SUM = 48 * sum(_WEIGHTS)
_CHECK_CHARS = "10X98765432"
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SEPARATORS = str.maketrans("", "", " -")


def compact(number: str) -> str:
    """Strip separators, fold full-width forms and upper-case the ``X``."""
    return fold(number).translate(_SEPARATORS).upper()


def calc_check_digit(number: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits.

    >>> calc_check_digit('11010119900307457')
    '3'
    """
    # Bytes iterate as ints: the weighted sum runs in C. 48 is ord("0").
    total = sum(map(operator.mul, number[:17].encode("ascii"), _WEIGHTS)) - _ZERO_SUM
    return _CHECK_CHARS[total % 11]


_today_cache: tuple[int, str] = (-1, "")


def _today() -> str:
    """Today's date as YYYYMMDD (local time), recomputed once a minute."""
    global _today_cache
    minute = int(time.time()) // 60
    if _today_cache[0] != minute:
        _today_cache = (minute, time.strftime("%Y%m%d"))
    return _today_cache[1]


def _valid_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if year < 1900 or not 1 <= month <= 12 or day < 1 or day > _DAYS[month]:
        return False
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return False
    return yyyymmdd <= _today()


def _validate_compact(number: str) -> str:
    # Cheap to dear: the province is one set lookup and rejects most order
    # numbers and timestamps before the checksum runs.
    if number[:2] not in PROVINCES:
        raise InvalidComponent()
    if len(number) == 18:
        if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
            raise InvalidFormat()
        if calc_check_digit(number) != number[17]:
            raise InvalidChecksum()
        birth = number[6:14]
    elif len(number) == 15:
        if not number.isdigit():
            raise InvalidFormat()
        birth = "19" + number[6:12]
    else:
        raise InvalidLength()
    if number[:2] in ("81", "82", "83") and number[:6] not in PERMIT_REGIONS:
        raise InvalidComponent()
    if not _valid_date(birth):
        raise InvalidComponent()
    return number


def validate(number: str) -> str:
    """Return the compact number, or raise a :class:`ValidationError`."""
    return _validate_compact(compact(number))


def is_valid(number: str) -> bool:
    """Whether ``number`` is a valid 18- or 15-character ID number."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:  # noqa: A001 - python-stdnum's name
    """Present the number grouped 6-8-4 (6-6-3 for the legacy form)."""
    number = compact(number)
    if len(number) == 15:
        return " ".join((number[:6], number[6:12], number[12:]))
    return " ".join((number[:6], number[6:14], number[14:]))


def check(candidate: str, params: Mapping[str, Any] | None = None) -> str | None:
    """Detector hook: ``'valid'`` (18), ``'legacy'`` (15) or ``None``.

    ``candidate`` is already folded by the detector (ASCII digits, ``-`` and
    spaces), so only separators and the case of ``x`` remain to undo.
    """
    number = candidate.translate(_SEPARATORS).upper()
    try:
        _validate_compact(number)
    except ValidationError:
        return None
    return "valid" if len(number) == 18 else "legacy"
