"""International Bank Account Numbers (ISO 13616), as a foreign account pasted into a complaint.

Not an entity of pii-guard: a remittance's beneficiary account (DE89 3704 0044 0532 0130 00,
written whole as often: DE89370400440532013000) is a foreign bank's account, and its digits read
as a Chinese card or phone (a 19-digit tail passing Luhn one time in ten) are false findings. The
detector leaves the digits of a valid IBAN alone: a country that issues them, its length, and the
ISO 7064 MOD 97-10 check digits (two of them: a random string passes one time in 97, a Chinese
ID after the label ``ID`` never, no IBAN country being ``ID``).

Same algorithm as ``stdnum.iban`` (which the tests use as the oracle), without its per-country
account checks, which a detector that only leaves digits alone has no use for.

>>> is_valid('DE89370400440532013000')
True
>>> is_valid('DE89370400440532013001')
False
>>> is_valid('ID110101199003074578')
False
"""

from __future__ import annotations

from typing import Final

#: The IBAN's length in each country that issues them (SWIFT's registry, as python-stdnum holds it).
LENGTHS: Final = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
    "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
    "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
    "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

#: What an IBAN is written in: digits and capitals.
CHARACTERS: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def is_valid(value: str) -> bool:
    """Whether ``value`` (no spaces, capitals) is an IBAN: a country's length and its check digits."""
    if LENGTHS.get(value[:2]) != len(value) or not value[2:4].isdigit() or not all(ch in CHARACTERS for ch in value):
        return False
    # the first four characters moved to the end, each letter read as two digits (A = 10 … Z = 35)
    rearranged = value[4:] + value[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1
