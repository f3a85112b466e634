"""银行卡号 (bank card number issued in China).

Debit and credit cards carry 14 to 19 digits: an issuer identification
number (BIN, the first six digits: UnionPay ``62…`` and ``81…``, the big
banks' domestic BINs, Visa/Mastercard co-brands such as CCB's ``436742``) and
a Luhn check digit. People group the digits in fours (``6222 0212 3456 7890
123``) or split the BIN off (``436742 0000000000001``).

Some real debit cards fail Luhn (reported for cards of several Jiangsu Bank,
BOCOM and ICBC BINs), so :func:`check` reports a known-BIN number whose
checksum fails as ``luhn_fail_known_bin``; the recognizer file gives that
outcome a low score and requires card context before it is reported.

The BIN lists are data, not code: they come from the recognizer file
(``recognizers/cn_bank_card.yaml``) as ``params`` so a compliance engineer
can extend them.

>>> check('6222021234567890128', {'known_prefixes': ['62']})
'valid_known_bin'
>>> check('6222021234567890123', {'known_prefixes': ['62'], 'luhn_fail_prefixes': ['622202']})
'luhn_fail_known_bin'
>>> check('2022121515364312', {'known_prefixes': ['62']}) is None
True
"""

from __future__ import annotations

import re
from typing import Any, Final, Mapping

from pii_guard.normalise import fold
from pii_guard.validators import luhn
from pii_guard.validators.cn_phone import service_number_head
from pii_guard.validators.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

MIN_LENGTH: Final = 14
MAX_LENGTH: Final = 19
#: First digits of card numbers in circulation in China: 3 (JCB, Amex),
#: 4 (Visa), 5 (Mastercard), 6 (UnionPay, Discover), 8 (UnionPay 81…),
#: 9 (pre-UnionPay domestic cards such as 9558…). Timestamps, dates and most
#: order numbers start with 1 or 2 and are rejected by this alone; :func:`check` reads
#: Mastercard's 2-series (2221–2720) from the recognizer file's network ranges, next to a card word only.
ISSUER_FIRST_DIGITS: Final = frozenset("345689")
_SEPARATORS: Final = str.maketrans("", "", " -")


def compact(number: str) -> str:
    """Strip spaces and hyphens and fold full-width digits."""
    return fold(number).translate(_SEPARATORS)


def validate(number: str) -> str:
    """Return the compact card number, or raise a :class:`ValidationError`."""
    number = compact(number)
    if not (number.isdigit() and number.isascii()):
        raise InvalidFormat()
    if not MIN_LENGTH <= len(number) <= MAX_LENGTH:
        raise InvalidLength()
    if number[0] not in ISSUER_FIRST_DIGITS:
        raise InvalidComponent()
    if not luhn.is_valid(number):
        raise InvalidChecksum()
    return number


def is_valid(number: str) -> bool:
    """Whether ``number`` is a plausible card number passing Luhn."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:  # noqa: A001 - python-stdnum's name
    """Present the number in groups of four."""
    number = compact(number)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def _prefixes(params: Mapping[str, Any] | None, key: str) -> tuple[str, ...]:
    return tuple(params.get(key, ())) if params else ()


def _in_network_range(number: str, params: Mapping[str, Any] | None) -> bool:
    for network in params.get("network_ranges", ()) if params else ():
        if len(number) in network["lengths"] and number.startswith(tuple(network["prefixes"])):
            return True
    return False


#: A date opening digits (19 or 20, a month, a day): a serial's or a timestamp's head, no account's.
_DATE_OPENING: Final = re.compile("(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
#: Every outcome label :func:`check` returns (the recognizer loader checks a file's outcomes against them).
OUTCOMES: Final[frozenset[str]] = frozenset({"valid", "valid_known_bin", "valid_network", "luhn_fail_known_bin", "account"})


def check(candidate: str, params: Mapping[str, Any] | None = None) -> str | None:
    """Detector hook.

    Returns ``'valid_known_bin'`` (Luhn passes, prefix in ``known_prefixes`` and not in
    ``ambiguous_prefixes``), ``'valid_network'`` (Luhn passes, in one of ``network_ranges``
    with a length that network issues),
    ``'valid'`` (Luhn passes, plausible issuer digit), ``'luhn_fail_known_bin'``
    (Luhn fails but the prefix is in ``luhn_fail_prefixes`` and not in ``ambiguous_prefixes``),
    ``'account'`` (none of those, and of one of ``account_lengths``: a bank account no card
    number, which the recognizer file reports under its label only) or ``None`` (also for a
    prefix in ``excluded_prefixes``: a SIM card's 89…).

    >>> visa = {'network_ranges': [{'prefixes': ['4'], 'lengths': [16]}]}
    >>> check('4111111111111111', visa), check('411111291417776317', visa)  # 16 and 18 digits, both Luhn-valid
    ('valid_network', 'valid')
    >>> check('2221000000000009', {'network_ranges': [{'prefixes': ['2221'], 'lengths': [16]}]})  # Mastercard 2-series
    'valid'
    >>> check('2010223390899806700', {'account_lengths': [18, 19]}), check('2010223390899806700', {})  # a passbook's
    ('account', None)
    >>> check('2024100196690911114', {'account_lengths': [19]}) is None  # a serial that opens with a date
    True
    """
    number = candidate if candidate.isdigit() else candidate.translate(_SEPARATORS)
    if not (MIN_LENGTH <= len(number) <= MAX_LENGTH and number.isdigit() and number.isascii()):
        return None
    outcome = _card(candidate, number, params)
    if (outcome is None and len(number) in (params.get("account_lengths", ()) if params else ())
            and _DATE_OPENING.match(number) is None
            and not (number[0] in "48" and number[1:3] == "00" and service_number_head(candidate))):
        # a bank account's number that is no card's (a passbook's, 存折账号：2010 2233 9089 9806 700;
        # a rural co-operative's 7001…): no issuer's digit nor a check proves it, so the recognizer
        # file reports it only under its label (``account``'s labelled_by); not one that opens with
        # a date (存折⇥2024100196…⇥取款: a statement's serial, a timestamp)
        return "account"
    return outcome


def _card(candidate: str, number: str, params: Mapping[str, Any] | None) -> str | None:
    """:func:`check`'s card outcomes for ``number`` (digits only) as typed ``candidate``."""
    if number[0] not in ISSUER_FIRST_DIGITS:
        # Mastercard's 2-series (2221–2720, in the file's network ranges) opens as dates, order
        # numbers and timestamps do: a Luhn-valid one there is a card of an unknown issuer, which
        # needs a card word to be reported
        return "valid" if number[0] == "2" and _in_network_range(number, params) and luhn.is_valid(number) else None
    if number.startswith(_prefixes(params, "excluded_prefixes")):
        return None
    if number[0] in "48" and number[1:3] == "00" and service_number_head(candidate):
        return None  # a hotline grouped as one and what follows it: cards are grouped in fours, or six and the rest
    if luhn.is_valid(number):
        if number.startswith(_prefixes(params, "known_prefixes")) and not number.startswith(_prefixes(params, "ambiguous_prefixes")):
            return "valid_known_bin"
        return "valid_network" if _in_network_range(number, params) else "valid"
    if number.startswith(_prefixes(params, "luhn_fail_prefixes")) and not number.startswith(_prefixes(params, "ambiguous_prefixes")):
        return "luhn_fail_known_bin"
    return None
