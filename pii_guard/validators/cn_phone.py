"""中国大陆电话号码 (mainland China mobile and landline numbers), and those of Hong Kong, Macau
and Taiwan written with their country code.

Mobiles have 11 digits: a three-digit network segment from the numbering plan
of the Ministry of Industry and Information Technology (13x–19x, including
virtual-operator ranges such as 170/171/162/165/167) and an eight-digit
subscriber number. People add ``+86``, ``0086``, ``86`` or ``(+86)`` and group
3-4-4.

Landlines are a trunk ``0``, an area code (``10`` and ``2x`` for the largest
cities, three digits elsewhere: ``755`` is Shenzhen) and a seven- or
eight-digit subscriber number (opening with 2–8: a local call that starts with 1
reaches a short service number, 110, 114, 12345, so no subscriber's number opens with 1, and
none with the trunk 0), optionally followed by an extension
(``转8123``, ``轉123``, ``分机12``, ``內線12``, ``#12``, ``ext. 12``). From abroad the trunk ``0`` is
dropped after ``+86``. A bare ``75512345678`` is therefore not a phone number.

Service numbers are not personal data and are rejected: 400/800 numbers, 95xxx
and 96xxx numbers (also behind an area code: ``025-96096``, and the eight-digit local ones such
as ``0755-95105555``: a subscriber number opening with 95 or 96 is a service's), 12xxx
government hotlines and 110/119/120 all fail the length or segment checks here. The carriers' own
numbers in mobile ranges are rejected too (:func:`carrier_service`): China Mobile's service
line 13800138000 and the SMS centres 13800…500 and 13010…500.

The area-code set below is every code for which Google's libphonenumber (the
``phonenumbers`` 9.0 package) accepts a fixed-line number, less 400, 800 and
950, which are service prefixes there; a test keeps it in step with that
library, which is too slow (~14 µs a number) to
sit on the detector's hot path.

>>> check('+86 138-1234-5678')
'mobile'
>>> check('(0755)2234 5678')
'landline'
>>> check('075522345678')
'landline_plain'
>>> check('010-62345678转8123')
'landline'
>>> check('75512345678') is None
True
>>> check('025-96096') is None
True
>>> check('0755-95105555') is None
True
>>> check('4001666333') is None
True
>>> check('13800138000') is None
True
>>> validate('+86 13812345678')
'13812345678'
"""

from __future__ import annotations

import re
from typing import Any, Final, Mapping, Union

from pii_guard.normalise import fold
from pii_guard.validators.exceptions import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

#: Mobile network segments (MIIT numbering plan): 13x, 145–149, 15x (not 154),
#: 162/165/166/167 (virtual operators), 17x without the unassigned 179, 18x,
#: 19x without 194. This is libphonenumber's CN mobile list plus 146/148/149
#: (data cards) and 174 (satellite phones): numbers still issued to people,
#: and a leak costs more than a rare false positive on an 11-digit run.
MOBILE_SEGMENTS: Final[frozenset[str]] = frozenset(
    [f"13{d}" for d in range(10)]
    + ["145", "146", "147", "148", "149"]
    + [f"15{d}" for d in range(10) if d != 4]
    + ["162", "165", "166", "167"]
    + ["170", "171", "172", "173", "174", "175", "176", "177", "178"]
    + [f"18{d}" for d in range(10)]
    + [f"19{d}" for d in range(10) if d != 4]
)

#: Two-digit area codes (after the trunk 0): Beijing 10, and 20–29 but 26.
AREA_CODES_2: Final[frozenset[str]] = frozenset({"10", "20", "21", "22", "23", "24", "25", "27", "28", "29"})

#: Three-digit area codes (after the trunk 0); see the module docstring.
AREA_CODES_3: Final[frozenset[str]] = frozenset(
    """
    310 311 312 313 314 315 316 317 318 319 335 349 350 351 352 353 354 355 356 357 358 359 370
    371 372 373 374 375 376 377 379 391 392 393 394 395 396 398 411 412 415 416 417 418 419 421
    427 429 431 432 433 434 435 436 437 438 439 451 452 453 454 455 456 457 458 459 464 467 468
    469 470 471 472 473 474 475 476 477 478 479 482 483 510 511 512 513 514 515 516 517 518 519
    523 527 530 531 532 533 534 535 536 537 538 539 543 546 550 551 552 553 554 555 556 557 558
    559 561 562 563 564 566 570 571 572 573 574 575 576 577 578 579 580 591 592 593 594 595 596
    597 598 599 631 632 633 635 660 662 663 668 691 692 701 710 711 712 713 714 715 716 717 718
    719 722 724 728 730 731 734 735 736 737 738 739 743 744 745 746 750 751 752 753 754 755 756
    757 758 759 760 762 763 766 768 769 770 771 772 773 774 775 776 777 778 779 790 791 792 793
    794 795 796 797 798 799 812 813 816 817 818 825 826 827 830 831 832 833 834 835 836 837 838
    839 851 854 855 856 857 858 859 870 871 872 873 874 875 876 877 878 879 883 886 887 888 891
    892 893 894 895 896 897 898 901 902 903 906 908 909 911 912 913 914 915 916 917 919 930 931
    932 933 934 935 936 937 938 939 941 943 951 952 953 954 955 970 971 972 973 974 975 976 977
    978 979 990 991 992 993 994 995 996 997 998 999
    """.split()
)


#: What service numbers open with (95xxx national, 96xxx local hotlines), alone or after an area code.
_SERVICE_PREFIXES: Final = ("95", "96")


def carrier_service(digits: str) -> bool:
    """Whether 11 digits in a mobile range are a carrier's own service number, not a subscriber's:
    China Mobile's service line 13800138000, and the SMS centres, a prefix (China Mobile 13800,
    China Unicom 13010), the area code in three digits and 500 (13800100500 is Beijing's)."""
    return digits == "13800138000" or (digits[:5] in ("13800", "13010") and digits[8:] == "500")


#: Words and marks that introduce an extension, lower-cased and folded.
EXTENSION_MARKS: Final[tuple[str, ...]] = ("转", "轉", "分机", "分機", "内线", "內線", "ext.", "ext", "x", "#", "*")
_MAX_EXTENSION: Final = 6


#: A 400/800 service number grouped as one (400-754-0091, 800 146 7583, 4009-422-404) and a gap after
#: it: what follows is another value (…，2022年的事), not the rest of one long number read across the gap.
_SERVICE_NUMBER_HEAD: Final = re.compile("[48]00(?:[ -]?[0-9]{3}[ -]?[0-9]{4}|[0-9][ -][0-9]{3}[ -][0-9]{3})[ \u3000，,、-]")
#: A mobile grouped 3-4-4 with one separator, right after a 400 or 800 and a space or nothing (房租
#: 800 138 5736 8193, 退款800 138-5736-8193: an amount, then a phone); not a hyphen, which joins
#: a hotline's groups (客服电话：400-172-0121-4904: the hotline and its extension).
_MOBILE_AFTER_PREFIX: Final = re.compile("[48]00[ \u3000]?1[3-9][0-9]([ \u3000-]?)[0-9]{4}\\1[0-9]{4}(?![0-9])")


def service_number_head(value: str) -> re.Match[str] | None:
    """The 400/800 service number grouped as one that opens ``value`` and the gap after it (see
    :data:`_SERVICE_NUMBER_HEAD`), or None; None too where the digits after its 400 or 800 read as
    a mobile grouped evenly (800 138 5736 8193): an amount and a phone, and a leak is worse."""
    head = _SERVICE_NUMBER_HEAD.match(value)
    if head is None or _MOBILE_AFTER_PREFIX.match(value) is not None:
        return None
    return head


def service_number(value: str) -> bool:
    """Whether ``value`` as a whole is a service number, not a subscriber's: 400/800 numbers,
    95xxx/96xxx hotlines (with an area code or an extension too: 025-96096, 021-962888, 95511-3), 12xxx and
    the short numbers. For a value a column's name says is a phone (客服热线, 联系电话) and whose
    digits the detector rightly did not read: it is still not personal data."""
    digits = _digits(value)
    for code in ("0086", "86"):
        if digits.startswith(code) and len(digits) > 9 + len(code):
            digits = digits[len(code):]
    if len(digits) == 10 and digits[:3] in ("400", "800"):
        return True
    if 5 <= len(digits) <= 8 and digits[:2] in _SERVICE_PREFIXES:
        return True
    if digits[:1] == "0" and len(digits) in (8, 9) and digits[-5:-3] in _SERVICE_PREFIXES:
        return True
    if digits[:1] == "0" and len(digits) in (9, 10) and digits[-6:-4] in _SERVICE_PREFIXES and (
            digits[1:3] in AREA_CODES_2 if len(digits) == 9 else digits[1:4] in AREA_CODES_3):
        return True  # 021-962888: a six-digit local hotline behind its area code
    if digits[:1] == "0" and len(digits) in (11, 12) and digits[-8:-6] in _SERVICE_PREFIXES and (
            digits[1:3] in AREA_CODES_2 if len(digits) == 11 else digits[1:4] in AREA_CODES_3):
        return True  # 0755-95105555: an eight-digit local service number behind its area code
    return 3 <= len(digits) <= 6 and digits[:1] == "1"


def compact(number: str) -> str:
    """Fold full-width forms and keep only digits and a leading ``+``."""
    number = fold(number).strip()
    return ("+" if number.lstrip("(").startswith("+") else "") + _digits(number)


_EXTENSION: Final = re.compile("|".join(re.escape(m) for m in EXTENSION_MARKS), re.IGNORECASE)
#: The first characters of the ASCII marks, in either case: ASCII text with none holds no mark.
_ASCII_MARK_FIRSTS: Final = "".join(sorted({c for m in EXTENSION_MARKS if m.isascii() for c in (m[0].lower(), m[0].upper())}))


#: An extension after a hyphen (010-62345678-123): the last group, when what comes before it is a
#: whole landline (see :func:`_read_number`).
_DASH_EXTENSION: Final = re.compile(r"(.*[0-9])[ ]?-[ ]?([0-9]{1,5})")


def _split_extension(number: str) -> tuple[str, str]:
    if number.isascii():
        for first in _ASCII_MARK_FIRSTS:
            if first in number:
                break
        else:  # no ASCII mark can start here (the common case: digits and separators)
            return number, ""
    m = _EXTENSION.search(number, 1)
    if m is None:
        return number, ""
    return number[: m.start()], number[m.end() :]


_NON_DIGIT: Final = re.compile("[^0-9]+")
_ASCII_DIGITS: Final = "0123456789"
_DIGIT_GROUP: Final = re.compile("[0-9]+")
#: How a mobile's eleven digits are grouped, as a landline's may be typed too.
_MOBILE_RHYTHMS: Final = frozenset(((3, 4, 4), (3, 8)))


def _digits(text: str) -> str:
    grouped = text.replace(" ", "").replace("-", "")  # the common case: digits grouped with these
    if grouped.isdigit() and grouped.isascii():
        return grouped
    return _NON_DIGIT.sub("", text)


#: A parsed number, ``(kind, national_number, extension)``, or the class of what is wrong with it.
_Read = Union[tuple[str, str, str], type[ValidationError]]


def parse(number: str) -> tuple[str, str, str]:
    """Split into ``(kind, national_number, extension)``; raise if invalid.

    ``kind`` is ``'mobile'`` or ``'landline'``, or for a number with the code of Hong Kong, Macau
    or Taiwan the region's name (:data:`REGIONS`); ``national_number`` has no
    country code and no trunk ``0``. An extension follows a mark (转, ext., x, #) or, after a
    whole landline, a hyphen (``010-62345678-123``).
    """
    read = _read_number(number)
    if isinstance(read, tuple):
        return read
    raise read()


def _read_number(number: str) -> _Read:
    """:func:`parse` returning what is wrong instead of raising it: the detector's hook sees
    mostly numbers that are no phone, and an exception for each cost several times the checks."""
    main, ext = _split_extension(fold(number))
    read = _read(main, ext)
    if isinstance(read, tuple):
        return read
    dashed = _DASH_EXTENSION.fullmatch(main) if not ext else None
    if dashed is None:
        return read
    again = _read(dashed.group(1), "")
    if not isinstance(again, tuple):
        return again
    kind, national, _ = again
    ext = dashed.group(2)
    if kind != "landline":
        return InvalidFormat
    return kind, national, ext


def _read(main: str, ext: str) -> _Read:
    """:func:`_read_number` on a folded number already split from its extension."""
    ext_digits = _digits(ext) if ext else ""
    if ext and not (0 < len(ext_digits) <= _MAX_EXTENSION):
        return InvalidFormat
    digits = main if main.isdigit() and main.isascii() else _digits(main)
    opening = main.lstrip(" (")
    # "+86…", or a bare "86" set off by a separator (86-10-6234…, 86 21 6234…)
    international = opening.startswith("+") or (opening[:2] == "86" and opening[2:3] in (" ", "-", "(", ")"))
    if digits.startswith("0086"):
        digits, international = digits[4:], True
    elif digits.startswith("86") and (international or len(digits) == 13):
        digits, international = digits[2:], True
    elif (international or digits[:5] in _REGIONS_DIALLED or (opening != main and digits[:3] in REGIONS)
          or (opening[:3] in REGIONS and opening[3:4] in (" ", "-"))):
        # +852 …, 00853 …, (886) …, 852-9123 4567: Hong Kong, Macau, Taiwan; any other country code is not read
        return _regional(digits[2:] if digits[:2] == "00" else digits, ext_digits)
    if len(digits) == 11 and digits[0] == "1":
        if digits[:3] not in MOBILE_SEGMENTS or carrier_service(digits):
            return InvalidComponent
        if ext or (digits != main and _no_mobile_grouping(main)):
            return InvalidFormat
        return "mobile", digits, ""
    if digits.startswith("0"):
        digits = digits[1:]
    elif not international:
        return InvalidFormat  # a landline needs its trunk 0 or +86
    if digits[:2] in AREA_CODES_2:
        lengths: tuple[int, ...]
        subscriber, lengths = digits[2:], (8,)
    elif digits[:3] in AREA_CODES_3:
        subscriber, lengths = digits[3:], (7, 8)
    else:
        return InvalidComponent
    if (not international and opening[:1] == "0" and 1 < len(opening) - len(opening.lstrip(_ASCII_DIGITS)) <= len(digits) - len(subscriber)
            and tuple(len(group) for group in _DIGIT_GROUP.findall(opening)) not in _MOBILE_RHYTHMS):
        # a separator inside the area code as typed (059-953893-519, a Hong Kong account's 3-6-3: no
        # 059, no 0599); not eleven digits typed as a mobile is (059-2546-0778: 0592-5460778)
        return InvalidFormat
    if len(subscriber) not in lengths:
        return InvalidLength
    if subscriber[0] in "01" or subscriber[:2] in _SERVICE_PREFIXES:
        # a trunk 0 again; a 1, which opens no subscriber's number (the plan gives them 2–8: 1 opens
        # the short service numbers, 110, 12345; 0510-12100111 is an invoice's code); a service
        # number dialled with its area code
        return InvalidComponent
    return "landline", digits, ext_digits


#: What a group that is a service number opens with (95533, 96110, 10000, 12315).
_SERVICE_GROUP_OPENINGS: Final = ("95", "96", "100", "123")


def _no_mobile_grouping(main: str) -> bool:
    """Whether eleven digits of a mobile's shape are grouped as no mobile is: two digits, a service
    number and four (a call list's columns run together: …01:54:14 95533 1324, the seconds, the
    number called, the duration; 18⇥10000⇥1725)."""
    groups = _DIGIT_GROUP.findall(main)
    return (len(groups) >= 3 and len(groups[-3]) == 2 and len(groups[-2]) == 5 and len(groups[-1]) == 4
            and groups[-2].startswith(_SERVICE_GROUP_OPENINGS))


#: The regions of Greater China with their own numbering plans, by country calling code, as
#: :func:`parse` names them. Their numbers are read only with the code (+852 9123 4567, 00853 …,
#: (886) 2 2712 3456): eight digits alone are any number.
REGIONS: Final[Mapping[str, str]] = {"852": "hong_kong", "853": "macau", "886": "taiwan"}
_REGIONS_DIALLED: Final = frozenset("00" + code for code in REGIONS)
_CODES: Final[Mapping[str, str]] = {kind: code for code, kind in REGIONS.items()}


def _regional(digits: str, ext: str) -> _Read:
    """:func:`parse` for ``digits`` that open with a code of :data:`REGIONS` (the plans as
    libphonenumber has them, which a test holds these to). Hong Kong: eight digits, 2–3 fixed, 4–9
    mobile (800 and 900 numbers have nine). Macau: eight, 28 and 8 fixed, 6 mobile. Taiwan: the
    trunk 0 after the code or not, then eight or nine digits, 9 and eight more a mobile; nine that
    open with 80 are toll-free (0800), a service."""
    kind = REGIONS.get(digits[:3])
    if kind is None:
        return InvalidComponent  # a country code other than 86 and these
    national = digits[3:]
    if kind == "taiwan" and national[:1] == "0":
        national = national[1:]
    if kind == "hong_kong":
        ok = len(national) == 8 and national[0] in "23456789"
    elif kind == "macau":
        ok = len(national) == 8 and (national[0] == "6" or national[:2] == "28" or national[0] == "8")
    else:
        ok = ((len(national) == 8 or (len(national) == 9 and national[:2] != "80")) and national[0] in "2345678"
              or (len(national) == 9 and national[0] == "9"))  # 0800 …: toll-free, a service
    if not ok:
        return InvalidLength
    return kind, national, ext


def validate(number: str) -> str:
    """Return the national number (no country code, no trunk 0, no extension)."""
    return parse(number)[1]


def is_valid(number: str) -> bool:
    """Whether ``number`` is a personal mainland mobile or landline number."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def canonical(number: str) -> str:
    """One spelling per line: the national number, trunk ``0`` for landlines,
    ``#`` and the extension; digits only when the number does not parse.

    >>> canonical('+86 138-1234-5678') == canonical('13812345678')
    True
    >>> canonical('(0755)2234 5678转8123')
    '075522345678#8123'
    """
    try:
        kind, national, ext = parse(number)
    except ValidationError:
        # a mobile with a dialled head (013812345678, 17951 138…) is that mobile: one person, one token
        return _trunk_national(number) or _digits(fold(number))
    if kind == "mobile":
        out = national
    elif kind in _CODES:
        out = f"+{_CODES[kind]}{national}"
    else:
        out = "0" + national
    return f"{out}#{ext}" if ext else out


def format(number: str) -> str:  # noqa: A001 - python-stdnum's name
    """Present as ``138 1234 5678`` or ``0755 1234 5678``."""
    kind, national, ext = parse(number)
    if kind == "mobile":
        return " ".join((national[:3], national[3:7], national[7:]))
    if kind in _CODES:
        return f"+{_CODES[kind]} {national[:-4]} {national[-4:]}"
    area = 2 if national[:2] in AREA_CODES_2 else 3
    out = f"0{national[:area]} {national[area:]}"
    return f"{out} 转{ext}" if ext else out


_GROUPING: Final = frozenset(" -()+")


def _trunk_mobile(candidate: str) -> str | None:
    """``'mobile_trunk'`` for a mobile written with what was once dialled before it, else ``None``:
    the long-distance 0 from another city (013812345678, 0138-1234-5678), also after the country
    code (+86 013812345678, which no one dials but people write), or a carrier's IP-call prefix
    (17951 138…, a caller id logged with it: 来电号码：1795113812345678). Not a valid number for
    :func:`parse`: only the detector reads it, next to a phone word."""
    return "mobile_trunk" if _trunk_national(candidate) is not None else None


def _trunk_national(candidate: str) -> str | None:
    """The mobile a number written with a dialled head is (:func:`_trunk_mobile`), or ``None``."""
    head = candidate.lstrip(" (（")
    if head[:2] not in ("01", "０１") and head[:1] not in ("+", "＋", "8") and head[:2] != "00" and head[:5] not in IP_CALL_PREFIXES:
        return None  # the common failure: no dialled head before a mobile's 1
    folded = fold(candidate)
    if _EXTENSION.search(folded) is not None:
        return None
    digits = _digits(folded)
    if digits[:5] in IP_CALL_PREFIXES and head[:5] == digits[:5]:
        digits = "0" + digits[5:]  # as the trunk 0 stands before the mobile
    elif digits.startswith("0086") and len(digits) == 16:
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 14 and candidate.lstrip(" ")[:1] in "+＋(（":
        digits = digits[2:]  # +86, (86), (+86)
    if len(digits) == 12 and digits[0] == "0" and digits[1:4] in MOBILE_SEGMENTS and not carrier_service(digits[1:]):
        return digits[1:]
    return None


#: The carriers' IP-call prefixes dialled before a number (China Mobile 17951 and 12593, China
#: Unicom 17911 and 10193, China Telecom 17901 and 17909): a caller id may be logged with one.
IP_CALL_PREFIXES: Final[frozenset[str]] = frozenset({"17951", "12593", "17911", "10193", "17901", "17909"})


#: Every outcome label :func:`check` returns (the recognizer loader checks a file's outcomes against them).
OUTCOMES: Final[frozenset[str]] = frozenset({"mobile", "mobile_trunk", "mobile_unallocated", "landline", "landline_plain",
                                              *REGIONS.values()})


def _unallocated_mobile(candidate: str) -> str | None:
    """``'mobile_unallocated'`` for eleven digits shaped as a mobile (1, then 3–9) in a segment
    the plan has not given out (194, 140, 179 …), else None. The recognizer file reports it only
    next to a phone word: a segment given out after this list was written, or a number mistyped
    by one digit, is still what the writer calls their phone."""
    if not (candidate.isdigit() and candidate.isascii()):
        # most candidates that reach here are no mobile (a card, an ID grouped): the shape first
        shape = candidate if candidate.isascii() else fold(candidate)
        if _MOBILE_SHAPE.fullmatch(shape) is None:
            return None
        candidate = _digits(shape)[-11:]
    elif len(candidate) in (13, 15) and candidate.startswith(("86", "0086")[len(candidate) == 15]):
        candidate = candidate[-11:]  # the country code glued on (手机号码:008619412345678), as a mobile's is read
    if (len(candidate) == 11 and candidate[0] == "1" and candidate[1] in "3456789" and candidate[:3] not in MOBILE_SEGMENTS
            and not carrier_service(candidate)):
        return "mobile_unallocated"
    return None


#: A mobile's shape, its country code before it or not: the segment written together, as a
#: mobile's is (not a North American number, 1 415-555-0190).
_MOBILE_SHAPE: Final = re.compile(r"(?:(?:\+|00[ -]?)?86[ -]{0,2}|\(\+?86\)[ -]{0,2})?1[3-9][0-9](?:[ -]{0,3}[0-9]){8}")


def check(candidate: str, params: Mapping[str, Any] | None = None) -> str | None:
    """Detector hook: ``'mobile'``, ``'mobile_trunk'`` (a mobile written with a dialled head:
    a leading 0, +86 0, an IP-call prefix), ``'mobile_unallocated'`` (:func:`_unallocated_mobile`),
    ``'landline'``, ``'landline_plain'``, a region of :data:`REGIONS` or ``None``.

    ``landline_plain`` is a landline written as one run of digits with no
    prefix, separator or parenthesis: such a run is as likely an order number,
    so the recognizer file scores it low unless phone context is near.
    """
    if len(candidate) == 11 and candidate[0] == "1" and candidate.isdigit():  # the common case: a bare mobile
        if candidate[:3] in MOBILE_SEGMENTS:
            return None if carrier_service(candidate) else "mobile"
        return _unallocated_mobile(candidate)
    plain = candidate.isdigit() and candidate.isascii()
    # one run of ASCII digits has nothing to fold and no extension (the common case)
    read = _read(candidate, "") if plain else _read_number(candidate)
    if not isinstance(read, tuple):
        return _trunk_mobile(candidate) or _unallocated_mobile(candidate)
    kind = read[0]
    if kind == "landline" and (plain or not _GROUPING.intersection(candidate)):
        return "landline_plain"
    return kind
