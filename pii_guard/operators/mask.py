"""Mask a value character by character, keeping its shape.

Masking replaces digits and letters (the *significant* characters) with a
mask character but keeps separators where they were, so ``138 1234 5678``
becomes ``138 **** 5678`` and a full-width ``１３８１２３４５６７８`` gets a
full-width ``＊``. ``keep_first``/``keep_last`` count significant characters,
not positions, so grouping never changes what is revealed.

>>> mask('13812345678', keep_first=3, keep_last=4)
'138****5678'
>>> mask('138-1234-5678', keep_first=3, keep_last=4)
'138-****-5678'
>>> mask('１３８１２３４５６７８', keep_first=3, keep_last=4)
'１３８＊＊＊＊５６７８'
>>> mask('173</span>77631706', keep_first=3, keep_last=4)
'173</span>****1706'
>>> mask('&#49;&#51;&#56;12345678', keep_first=3, keep_last=4)
'&#49;&#51;&#56;****5678'
>>> mask('&#49;&#51;&#56;&#49;&#50;345678', keep_first=3, keep_last=4)
'&#49;&#51;&#56;****5678'
>>> mask('%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%91%EF%BC%92345678', keep_first=3, keep_last=4)
'%EF%BC%91%EF%BC%93%EF%BC%98****5678'
>>> mask('%2531%2533%2538%2531%2532345678', keep_first=3, keep_last=4)
'%2531%2533%2538****5678'
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar, Final, Mapping, NamedTuple

from pii_guard.normalise import CHECK_X, CHINESE_NUMERALS, SPOKEN_X

if TYPE_CHECKING:
    from pii_guard.operators.base import OperatorContext


def _significant(ch: str) -> bool:
    # Digits and Latin letters, ASCII or full-width, every other digit (circled ①, mathematical 𝟏,
    # Arabic-Indic ٣ …: a number written in look-alikes is masked as one), the Chinese numerals and
    # the ways an ID's check X is written (一三八…五六七叉, …艾克斯: a number spoken and transcribed
    # is masked as one; found only inside a number's span); never other Han characters such as the
    # 转 of an extension, which are structure, not data.
    if ch.isascii():
        return ch.isalnum()
    return ("\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"
            or ch in _NUMERALS_AND_X or unicodedata.digit(ch, None) is not None)


_NUMERALS_AND_X: Final = frozenset(CHINESE_NUMERALS + CHECK_X + SPOKEN_X)


#: Markup inside a value (a number split by inline tags, 173</span>7763…), kept as it is, not data;
#: and the escapes a number's characters may be written in (&#49;, &#x31;, \u0031, \x31,
#: %31, &nbsp;): each is one unit, masked whole — "&#5*;" would be no entity a browser shows, and
#: would tell which digits it could stand for.
_UNITS: Final = re.compile(r"<[^<>]*>|&#[0-9]{1,7};?|&#[xX][0-9a-fA-F]{1,6};?|&[A-Za-z][A-Za-z0-9]{1,31};"
                           r"|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|%[uU][0-9a-fA-F]{4}"
                           r"|%25[eE][0-9a-fA-F](?:%25[89abAB][0-9a-fA-F]){2}|%25[c-dC-D][0-9a-fA-F]%25[89abAB][0-9a-fA-F]|%25[0-9a-fA-F]{2}"
                           r"|%[eE][0-9a-fA-F](?:%[89abAB][0-9a-fA-F]){2}|%[c-dC-D][0-9a-fA-F]%[89abAB][0-9a-fA-F]|%[0-9a-fA-F]{2}")


def _unit_is_significant(unit: str) -> bool:
    """Whether an escape stands for a significant character (a tag never does)."""
    if unit[0] == "<":
        return False
    if unit[0] == "&":
        import html

        decoded = html.unescape(unit)
    elif unit[0] == "%" and unit[1] in "uU":
        decoded = chr(int(unit[2:], 16))  # %u0031
    elif unit[0] == "%":
        # one character's UTF-8 bytes (a full-width digit is %EF%BC%91), escaped once or twice (%2531)
        twice = unit.startswith("%25") and len(unit) % 5 == 0 and unit.count("%") == len(unit) // 5
        data = bytes.fromhex(unit.replace("%25" if twice else "%", ""))
        decoded = data.decode("utf-8", "replace")
    elif unit[1] == "x":
        decoded = chr(int(unit[-2:], 16))
    else:
        decoded = chr(int(unit[2:], 16))
    return len(decoded) == 1 and _significant(decoded)


def _units(value: str) -> list[tuple[str, bool]]:
    """A value holding markup or escapes as units, each with whether it is significant: every
    tag and escape one unit, masked or kept whole."""
    units: list[tuple[str, bool]] = []
    pos = 0
    for m in _UNITS.finditer(value):
        units.extend((ch, _significant(ch)) for ch in value[pos : m.start()])
        units.append((m.group(), _unit_is_significant(m.group())))
        pos = m.end()
    units.extend((ch, _significant(ch)) for ch in value[pos:])
    return units


def _masked(units: list[tuple[str, bool]], keep_first: int, keep_last: int, char: str) -> str:
    """The units with the significant ones masked but the first and last kept. A finding with no
    unit read as significant (written in a way this reader does not know) is masked whole, unit
    by unit, markup kept: the detector read a number there, and it must not go out as it came."""
    total = sum(1 for _unit, significant in units if significant)
    if not total:
        return "".join(unit if unit[0] == "<" and len(unit) > 1 else char for unit, _significant in units)
    keep_first, keep_last = _kept(total, keep_first, keep_last)
    wide = chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char
    out = []
    seen = 0
    for unit, significant in units:
        if not significant:
            out.append(unit)
            continue
        seen += 1
        if seen <= keep_first or seen > total - keep_last:
            out.append(unit)
        else:
            out.append(wide if len(unit) == 1 and "\uff01" <= unit <= "\uff5e" else char)
    return "".join(out)


def _kept(total: int, keep_first: int, keep_last: int) -> tuple[int, int]:
    """How many significant characters stay visible at each end of a value of ``total``: a third
    of them, rounded up, are always masked. A value shorter than its rule expects (an 8-digit
    number under a card's 6 + 4) would show all or nearly all of itself: the kept ends shrink in
    proportion. The usual masks (138****5678, 622202*********0123, 1***************78) are within
    the bound."""
    hidden = -(-total // 3)
    if keep_first + keep_last > total - hidden:
        budget = total - hidden
        first = keep_first * budget // max(keep_first + keep_last, 1)
        return first, budget - first
    return keep_first, keep_last


def mask(value: str, keep_first: int = 0, keep_last: int = 0, char: str = "*") -> str:
    """Replace significant characters except the first/last ones kept."""
    if keep_first < 0 or keep_last < 0:
        raise ValueError("keep_first and keep_last must not be negative")
    if len(char) != 1:
        raise ValueError("the mask character must be a single character")
    markup = "<" in value or "&" in value or "\\" in value or "%" in value
    return _masked(_units(value) if markup else [(ch, _significant(ch)) for ch in value], keep_first, keep_last, char)


class MaskOperator:
    """Configured ``mask``.

    Parameters: ``keep_first``, ``keep_last`` (significant characters shown),
    ``char`` (default ``*``), ``skip_country_code`` (count from the national
    number of a phone: ``+86 138****5678``), and ``variants``: the same
    parameters per validator outcome, e.g. ``landline: {keep_first: 4,
    keep_last: 2}`` next to a mobile rule.
    """

    name: ClassVar[str] = "mask"
    reversible: ClassVar[bool] = False
    _KEYS: ClassVar[frozenset[str]] = frozenset({"keep_first", "keep_last", "char", "skip_country_code"})

    def __init__(self, rule: "_Rule", variants: Mapping[str, "_Rule"]) -> None:
        self.rule = rule
        self.variants = dict(variants)
        self.uses_outcome = bool(self.variants)  # a rule per outcome needs the outcome

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: object = None, family: str | None = None) -> "MaskOperator":
        from pii_guard.operators.base import OperatorConfigError, check_params

        check_params(params, cls._KEYS | {"variants"})
        base = _Rule.parse(params)
        variants_raw = params.get("variants") or {}
        if not isinstance(variants_raw, Mapping):
            raise OperatorConfigError("variants must map a validator outcome to mask parameters")
        variants = {}
        for outcome, sub in variants_raw.items():
            if not isinstance(sub, Mapping):
                raise OperatorConfigError(f"variants.{outcome} must be a mapping")
            check_params(sub, cls._KEYS)
            variants[str(outcome)] = _Rule.parse({**{k: v for k, v in params.items() if k != "variants"}, **sub})
        return cls(base, variants)

    def most_shown(self) -> int:
        """The most significant characters any of its rules shows (a scan judges found masks by it)."""
        return max(r.keep_first + r.keep_last for r in (self.rule, *self.variants.values()))

    def operate(self, value: str, ctx: "OperatorContext") -> str:
        rule = self.variants.get(ctx.outcome or "", self.rule)
        prefix = ""
        if rule.skip_country_code:
            m = _COUNTRY_CODE.match(value)
            if m:
                prefix, value = value[: m.end()], value[m.end() :]
        return prefix + mask(value, rule.keep_first, rule.keep_last, rule.char)


class _Rule(NamedTuple):
    keep_first: int
    keep_last: int
    char: str
    skip_country_code: bool

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> "_Rule":
        from pii_guard.operators.base import OperatorConfigError

        keep_first, keep_last = params.get("keep_first", 0), params.get("keep_last", 0)
        char = params.get("char", "*")
        skip = params.get("skip_country_code", False)
        for name, v in (("keep_first", keep_first), ("keep_last", keep_last)):
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 32:
                raise OperatorConfigError(f"{name} must be an integer from 0 to 32")
        if not isinstance(char, str) or len(char) != 1 or char.isalnum():
            raise OperatorConfigError("char must be one character that is not a letter or digit")
        if not isinstance(skip, bool):
            raise OperatorConfigError("skip_country_code must be true or false")
        return cls(keep_first, keep_last, char, skip)


#: +86 / 0086 / (+86) / ＋８６ with following separators, as typed before a national number
_COUNTRY_CODE = re.compile(r"^\s*(?:[(（]?[+＋]\s*[8８][6６][)）]?|[0０][0０][8８][6６])[\s\-－]*")
