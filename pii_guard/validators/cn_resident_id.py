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

Seventeen digits whose region and birth date hold are an ID whose check character was typed
apart or left off (``…457，X``, ``…457(X)``, ``…457，最后一位是X``): the check character follows
from the seventeen, so they identify the person as the whole number does. The detector reports
them only where an ID word labels them right before (``check_missing``).

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
>>> check('11010119900307457')
'check_missing'
>>> check('110101199003074000')
'spreadsheet_zeroed'
>>> format('110101199003074573')
'110101 19900307 4573'
"""

from __future__ import annotations

import time
from typing import Any, Final, Mapping

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
PROVINCES: Final[frozenset[str]] = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {str(n) for n in range(31, 38)}
    | {str(n) for n in range(41, 47)}
    | {str(n) for n in range(50, 55)}
    | {str(n) for n in range(61, 66)}
    | {"71", "81", "82", "83"}
)
#: The provinces that issue the Foreign Permanent Resident ID Card of 2023 (外国人永久居留身份证),
#: whose 18 characters follow GB 11643: 9, the issuing province, the holder's nationality (ISO
#: 3166-1 numeric), the birth date, a sequence number and the same check character.
FOREIGN_PERMANENT_PROVINCES: Final[frozenset[str]] = PROVINCES - {"71", "81", "82", "83"}
#: Residence permits are issued under one region code per territory.
PERMIT_REGIONS: Final[frozenset[str]] = frozenset({"810000", "820000", "830000"})

_CHECK_CHARS: Final = "10X98765432"
_DAYS: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SEPARATORS: Final = str.maketrans("", "", " -")


def compact(number: str) -> str:
    """Strip separators, fold full-width forms and upper-case the ``X``."""
    return fold(number).translate(_SEPARATORS).upper()


def calc_check_digit(number: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits.

    >>> calc_check_digit('11010119900307457')
    '3'
    """
    # The weights are 2**(18-i) mod 11, so the weighted sum is 2 * P(2) mod 11, where P is the
    # polynomial whose coefficients are the digits. int(…, 13) evaluates P at 13, and
    # 13 ≡ 2 (mod 11): one C call instead of seventeen multiplications.
    return _CHECK_CHARS[2 * int(number[:17], 13) % 11]


_today_cache: tuple[int, str] = (-1, "")


def _today() -> str:
    """Today's date as YYYYMMDD (local time), recomputed once a minute."""
    global _today_cache
    minute = int(time.time()) // 60
    if _today_cache[0] != minute:
        _today_cache = (minute, time.strftime("%Y%m%d"))
    return _today_cache[1]


#: Every MMDD of a leap year; 0229 is checked against the year separately.
_MONTH_DAYS: Final = frozenset(f"{m:02d}{d:02d}" for m in range(1, 13) for d in range(1, _DAYS[m] + 1))


def _valid_date(yyyymmdd: str) -> bool:
    # String comparisons and one set lookup: the eight characters are digits here.
    if yyyymmdd[4:] not in _MONTH_DAYS or yyyymmdd < "1900":
        return False
    if yyyymmdd[4:] == "0229":
        year = int(yyyymmdd[:4])
        if not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
            return False
    return yyyymmdd <= _today()


def opens_as_id(digits: str) -> bool:
    """Whether the first fourteen of ``digits`` (ASCII) are an ID's region and birth date: the
    visible head of a masked ID (35010219510219****), which no card or phone opens as."""
    return len(digits) >= 14 and digits[:2] in PROVINCES and _valid_date(digits[6:14])


def _fault(number: str) -> type[ValidationError] | None:
    """What is wrong with a compact number, or None: a class, not a raised exception, so that the
    detector's hook, which sees mostly order numbers and timestamps, pays no exception for each
    (raising and catching one cost several times the checks themselves)."""
    # Cheap to dear: the province is one set lookup and rejects most order
    # numbers and timestamps before the checksum runs.
    if number[:2] not in PROVINCES and not (
            number[0] == "9" and len(number) == 18 and number[1:3] in FOREIGN_PERMANENT_PROVINCES and "004" <= number[3:6] <= "894"):
        return InvalidComponent
    if not number.isascii():  # other scripts' digits pass isdigit() and int()
        return InvalidFormat
    if len(number) == 18:
        if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
            return InvalidFormat
        if calc_check_digit(number) != number[17]:
            return InvalidChecksum
        birth = number[6:14]
    elif len(number) == 15:
        if not number.isdigit():
            return InvalidFormat
        birth = "19" + number[6:12]
    else:
        return InvalidLength
    if number[:2] in ("81", "82", "83") and number[:6] not in PERMIT_REGIONS:
        return InvalidComponent
    if not _valid_date(birth):
        return InvalidComponent
    return None


def _validate_compact(number: str) -> str:
    fault = _fault(number)
    if fault is not None:
        raise fault()
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


#: Every outcome label :func:`check` returns (the recognizer loader checks a file's outcomes against them).
OUTCOMES: Final[frozenset[str]] = frozenset({"valid", "born_recently", "company_code_shaped", "legacy", "check_missing",
                                             "foreign_permanent", "spreadsheet_zeroed"})
#: The first characters of a 统一社会信用代码 (GB 32100-2015) that are digits an ID can open with:
#: the registering authority and the kind of body (11 机关, 12 事业单位, 13 编办直管, 21 外交, 31–35
#: 司法行政, 41 文化, 51–53 民政, 61–62 旅游, 71 宗教, 81 工会). The code's next two digits open the
#: region it was registered in, a province's code; an ID's are its prefecture's, which only some
#: provinces number that high.
COMPANY_CODE_KINDS: Final[frozenset[str]] = frozenset(
    {"11", "12", "13", "21", "31", "32", "33", "34", "35", "41", "51", "52", "53", "61", "62", "71", "81"})
#: How many years before today a birth date makes an ID ``born_recently``: a child's, or as often a
#: document's number made of a region, the day it was issued and a serial, whose check holds one
#: time in eleven (受理编号：4601052022052473…).
RECENT_YEARS: Final = 10


_recent_cache: tuple[str, str] = ("", "")


def _recent_since() -> str:
    """The first birth date (YYYYMMDD) that :data:`RECENT_YEARS` counts as recent (worked out once
    a day: every valid ID asks)."""
    global _recent_cache
    today = _today()
    if _recent_cache[0] != today:
        _recent_cache = (today, f"{int(today[:4]) - RECENT_YEARS:04d}{today[4:]}")
    return _recent_cache[1]


def check(candidate: str, params: Mapping[str, Any] | None = None) -> str | None:
    """Detector hook: ``'valid'`` (18), ``'foreign_permanent'`` (18, a Foreign Permanent Resident
    ID: its own outcome, since a bank's serial of 9, a branch and a date passes one time in eleven),
    ``'company_code_shaped'`` (a valid 18 that also reads as a company's 统一社会信用代码 of digits:
    a kind from :data:`COMPANY_CODE_KINDS`, then a province's code; under that code's label it is
    the code, anywhere else an ID), ``'legacy'`` (15), ``'check_missing'`` (the first 17 of an 18-character number, whatever check
    character it would take), ``'spreadsheet_zeroed'``, ``'born_recently'`` (a valid 18 whose birth
    date lies within :data:`RECENT_YEARS`) or ``None``. Eighteen whose check character
    does not hold are ``None``: the check is what makes the number an ID. But for one kind: a
    spreadsheet keeps 15 significant digits of a number, so an ID column saved from Excel holds
    ``110101199003074000``, its last three digits zeroed (the check character with them, which
    then holds one time in eleven). Its region, birth date and first sequence digits still point
    at the person, so fifteen digits whose region and date hold followed by ``000`` are
    ``'spreadsheet_zeroed'`` (the recognizer reports it only under an ID's label or column).

    ``candidate`` is already folded by the detector (ASCII digits, ``-`` and
    spaces), so only separators and the case of ``x`` remain to undo.
    """
    number = candidate if candidate.isdigit() else candidate.translate(_SEPARATORS).upper()
    if len(number) == 17:
        if not (number.isascii() and number.isdigit()):
            return None
        return "check_missing" if _fault(number + calc_check_digit(number)) is None else None
    fault = _fault(number)
    if fault is not None:
        if (fault is InvalidChecksum and number.endswith("000")
                and _fault(number[:17] + calc_check_digit(number)) is None):
            return "spreadsheet_zeroed"
        return None
    if len(number) == 15:
        return "legacy"
    if number[0] == "9":
        return "foreign_permanent"
    if number[:2] in COMPANY_CODE_KINDS and number[2:4] in PROVINCES:
        return "company_code_shaped"
    return "born_recently" if number[6:14] >= _recent_since() else "valid"
