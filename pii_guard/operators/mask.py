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


#: Markup inside a value (a number split by inline tags, 173</span>7763…): kept as it is, not data.
_TAG: Final = re.compile(r"<[^<>]*>")


def mask(value: str, keep_first: int = 0, keep_last: int = 0, char: str = "*") -> str:
    """Replace significant characters except the first/last ones kept."""
    if keep_first < 0 or keep_last < 0:
        raise ValueError("keep_first and keep_last must not be negative")
    if len(char) != 1:
        raise ValueError("the mask character must be a single character")
    markup = [False] * len(value)
    if "<" in value:
        for m in _TAG.finditer(value):
            markup[m.start() : m.end()] = [True] * (m.end() - m.start())
    total = sum(1 for i, ch in enumerate(value) if not markup[i] and _significant(ch))
    hidden = -(-total // 3)  # a third of the characters, rounded up, are always masked
    if keep_first + keep_last > total - hidden:
        # A value shorter than its rule expects (an 8-digit number under a card's 6 + 4) would show
        # all or nearly all of itself: the kept ends shrink in proportion. The usual masks
        # (138****5678, 622202*********0123, 1***************78) are within the bound.
        budget = total - hidden
        first = keep_first * budget // max(keep_first + keep_last, 1)
        keep_first, keep_last = first, budget - first
    wide = chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char
    out = []
    seen = 0
    for i, ch in enumerate(value):
        if markup[i] or not _significant(ch):
            out.append(ch)
            continue
        seen += 1
        if seen <= keep_first or seen > total - keep_last:
            out.append(ch)
        else:
            out.append(wide if "\uff01" <= ch <= "\uff5e" else char)
    return "".join(out)


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
