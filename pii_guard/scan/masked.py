"""Recognise values that were masked already (``138****5678``, ``6222 02** **** ***0 123``).

A scan reports them apart from plaintext: a masked number is no longer PII,
but it shows where PII flowed. The shape decides the entity: the count of
digits and mask characters together, and where the digits sit.

>>> [m[0] for m in find("手机138****5678，证件1***************73，邮箱z**********@*q.com")]
['CN_PHONE_NUMBER', 'CN_RESIDENT_ID', 'EMAIL_ADDRESS']
>>> [m[0] for m in find("+86 138 **** 5670，0086 139****5678")]
['CN_PHONE_NUMBER', 'CN_PHONE_NUMBER']
"""

from __future__ import annotations

import re
import string
from typing import Iterator

from pii_guard import entities
from pii_guard.normalise import fold
from pii_guard.validators.cn_resident_id import PROVINCES

#: The symbols a mask is written with, anywhere in a number or an address.
_SYMBOL_MASKS = "*＊•●"
#: … and the letters (a number's only: as a run, see :data:`_LETTER_MASKS`).
_MASK = _SYMBOL_MASKS + "xX"
#: The characters a mask is written with (a scan looks for masked values only in text holding one).
MASK_CHARS = _MASK
_RUN = re.compile(rf"(?<![0-9０-９{_MASK}])[0-9０-９][0-9０-９{_MASK} \-]{{9,30}}[0-9０-９{_MASK}Xx](?![0-9０-９{_MASK}])")
_DIGIT = re.compile("[0-9０-９]")
#: China's country code before a masked number (after a "+", or as 0086).
_COUNTRY_CODE = re.compile("(?:00)?86[ \\-]?(?=[0-9０-９])")
_MASKED = re.compile(f"[{_MASK}]")
#: Letters mask a number only as a run of three or more (the symbols anywhere).
_LETTER_MASKS = re.compile("[xX]{3,}")
#: An e-mail address with masked characters in it (z**********@*q.com, as the display policy
#: masks one; zh***@qq.com): an "@" between address characters, at least three masked ones.
_ADDRESS_MASK = _SYMBOL_MASKS
_ALNUM = string.ascii_letters + string.digits
#: The characters of a masked address's local part and of its domain: the regex below and the
#: windows around each "@" (see :func:`find`) are built from these.
_LOCAL_CHARS = frozenset(_ALNUM + "._%+-" + _ADDRESS_MASK)
_DOMAIN_CHARS = frozenset(_ALNUM + ".-" + _ADDRESS_MASK)
_ADDRESS = re.compile(f"[{re.escape(''.join(sorted(_LOCAL_CHARS)))}]+@[{re.escape(''.join(sorted(_DOMAIN_CHARS)))}]+"
                      r"\.[A-Za-z]{2,24}(?![A-Za-z0-9])")
_ADDRESS_MASKS = re.compile(f"[{re.escape(_ADDRESS_MASK)}]")
_LONGEST_LOCAL, _LONGEST_DOMAIN = 64, 255
#: The most digits and mask characters a masked account may hold (a company's: 20–25 digits).
_LONGEST_MASKED_ACCOUNT = 25


def digits_shown(value: str) -> int:
    """How many digits a masked value still shows."""
    return len(_DIGIT.findall(value))


def find(text: str) -> Iterator[tuple[str, int, int]]:
    """``(entity, start, end)`` for each masked-number shape in ``text``."""
    for m in _RUN.finditer(text):
        value, begin = m.group(), m.start()
        code = _COUNTRY_CODE.match(value)
        if code is not None and (value.startswith("00") or text[m.start() - 1 : m.start()] in ("+", "＋")):
            # +86 138 **** 5670, as the display policy masks one: the code is shown, and is no digit of the number
            value, begin = value[code.end() :], m.start() + code.end()
        digits = len(_DIGIT.findall(value))
        stars = len(_MASKED.findall(value))
        if stars < 3 or digits < 2:
            continue
        if _LETTER_MASKS.search(value) is None and not any(ch in value for ch in _SYMBOL_MASKS):
            continue  # x or X alone mask a number as a run (150xxxx6193), not between digits (1920x1080x1280)
        total = digits + stars
        compact = value.replace(" ", "").replace("-", "")
        if total == 11 and compact[0] == "1":
            entity = entities.CN_PHONE_NUMBER
        elif total in (15, 18) and (fold(compact[:2]) in PROVINCES or not compact[:2].isdigit()):
            entity = entities.CN_RESIDENT_ID  # an ID opens with its province (91…: a credit code, no ID)
        elif 14 <= total <= _LONGEST_MASKED_ACCOUNT and total != 18:
            # a card, or an account as long as a company's (20–25 digits) that a column named for
            # cards had masked whole (对公账户 110012**********0123): masked either way
            entity = entities.CN_BANK_CARD
        elif total in (11, 12) and compact[0] == "0":
            entity = entities.CN_PHONE_NUMBER
        else:
            continue
        yield entity, begin, m.end()
    at = text.find("@")
    last = 0  # where the last address found ends: an "@" inside it was read with it
    while at >= 0:
        # The run of address characters around each "@" only (at most a local part's and a
        # domain's length): the regex scanned from every place would be quadratic on a long
        # line of address characters.
        lo, hi = at, at + 1
        while lo > last and at - lo < _LONGEST_LOCAL and text[lo - 1] in _LOCAL_CHARS:
            lo -= 1
        while hi < len(text) and hi - at < _LONGEST_DOMAIN and text[hi] in _DOMAIN_CHARS:
            hi += 1
        m = _ADDRESS.match(text, lo, hi)  # the longest local part: a later start meets the same domain
        if m is not None and len(_ADDRESS_MASKS.findall(m.group())) >= 3:
            yield entities.EMAIL_ADDRESS, m.start(), m.end()
            last = m.end()
        at = text.find("@", max(at + 1, last))
