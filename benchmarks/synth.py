"""Synthetic identifiers for the PII benchmark.

Everything here is *synthetic*: numbers are assembled from real structural
parts (region codes, issuer BINs, mobile segments, area codes) so that they
look and validate exactly like real ones, but the individual-specific parts
(birth date, sequence number, account number, subscriber number) are random.
They therefore belong to no real person, yet a detector cannot tell them apart
from real data by structure or check digit -- which is the point of the
benchmark.

All generators are pure functions of the ``random.Random`` instance passed in,
so a corpus (or a test) is reproducible from its seed.  Nothing here uses the
module-level ``random`` functions.

Hard negatives (service numbers, timestamps, order numbers, ...) live here too:
they are the strings a naive digit-run detector confuses with PII, and they are
built so that they are *not* valid PII (e.g. a random "transaction number" is
forced to fail Luhn and never starts with a card BIN).
"""

from __future__ import annotations

import datetime as _dt
import random
import string
from dataclasses import dataclass
from typing import Hashable, Sequence, TypeVar

__all__ = [
    "REGION_CODES",
    "HMT_REGION_CODES",
    "CARD_BINS",
    "MOBILE_SEGMENTS",
    "AREA_CODES_2",
    "AREA_CODES_3",
    "Landline",
    "id_check_char",
    "is_valid_resident_id",
    "resident_id",
    "resident_id_legacy15",
    "resident_id_bad_check",
    "luhn_check_digit",
    "luhn_valid",
    "bank_card",
    "bank_card_bad_luhn",
    "mobile_number",
    "landline",
    "email_address",
    "service_number",
    "timestamp14",
    "epoch_millis",
    "epoch_seconds",
    "order_number",
    "policy_number",
    "icp_licence",
    "amount",
    "date_string",
    "masked_number",
    "non_luhn_digits",
    "choose_weighted",
]

# ---------------------------------------------------------------------------
# Resident identity numbers (GB 11643-1999)
# ---------------------------------------------------------------------------

#: Real county-level administrative division codes (GB/T 2260), two or three
#: per provincial-level division so that every province prefix 11-65 occurs.
#: Using real codes matters: a detector may validate the province/prefecture.
REGION_CODES: tuple[str, ...] = (
    "110101", "110105", "110108",  # 北京 东城 / 朝阳 / 海淀
    "120101", "120104",  # 天津 和平 / 南开
    "130102", "130203", "130602",  # 石家庄长安 / 唐山路北 / 保定竞秀
    "140105", "140202",  # 太原小店 / 大同
    "150102", "150203",  # 呼和浩特新城 / 包头昆都仑
    "210102", "210202",  # 沈阳和平 / 大连中山
    "220102", "220202",  # 长春南关 / 吉林昌邑
    "230102", "230202",  # 哈尔滨道里 / 齐齐哈尔龙沙
    "310101", "310104", "310115",  # 上海黄浦 / 徐汇 / 浦东
    "320102", "320211", "320506",  # 南京玄武 / 无锡滨湖 / 苏州吴中
    "330106", "330203", "330302",  # 杭州西湖 / 宁波海曙 / 温州鹿城
    "340104", "340202",  # 合肥蜀山 / 芜湖镜湖
    "350102", "350203",  # 福州鼓楼 / 厦门思明
    "360102", "360702",  # 南昌东湖 / 赣州章贡
    "370102", "370202", "370602",  # 济南历下 / 青岛市南 / 烟台芝罘
    "410102", "410305",  # 郑州中原 / 洛阳涧西
    "420102", "420106",  # 武汉江岸 / 武昌
    "430102", "430202",  # 长沙芙蓉 / 株洲荷塘
    "440103", "440106", "440304", "440305", "440604",  # 广州 / 深圳 / 佛山
    "450102", "450302",  # 南宁兴宁 / 桂林秀峰
    "460105", "460202",  # 海口秀英 / 三亚海棠
    "500103", "500106",  # 重庆渝中 / 沙坪坝
    "510104", "510107", "510302",  # 成都锦江 / 武侯 / 自贡自流井
    "520102", "520302",  # 贵阳南明 / 遵义红花岗
    "530102", "530402",  # 昆明五华 / 玉溪红塔
    "540102",  # 拉萨城关
    "610103", "610113",  # 西安碑林 / 雁塔
    "620102", "620402",  # 兰州城关 / 白银
    "630102",  # 西宁城东
    "640104",  # 银川兴庆
    "650102", "650202",  # 乌鲁木齐天山 / 克拉玛依独山子
)

#: Prefixes of residence permits for Hong Kong, Macau and Taiwan residents
#: (港澳台居民居住证, issued since 2018).  Same 18-character layout and check
#: digit as a resident ID; detectors that whitelist province codes miss them.
HMT_REGION_CODES: tuple[str, ...] = ("810000", "820000", "830000")

#: Weights of the MOD 11-2 check: 2**(17-i) mod 11 for positions i = 0..16.
_ID_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)


def id_check_char(body17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of 17 digits."""
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError("expected 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(body17, _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11]


def is_valid_resident_id(value: str) -> bool:
    """Structural + check-digit validity of an 18-char ID (uppercase X only).

    Used to make sure a hard negative never happens to be a valid ID.
    """
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        _dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return id_check_char(value[:17]) == value[17]


def _random_date(rng: random.Random, first_year: int, last_year: int) -> _dt.date:
    """Uniform real calendar date in [first_year-01-01, last_year-12-31]."""
    lo = _dt.date(first_year, 1, 1).toordinal()
    hi = _dt.date(last_year, 12, 31).toordinal()
    return _dt.date.fromordinal(rng.randint(lo, hi))


def _region(rng: random.Random, hmt_share: float) -> str:
    if rng.random() < hmt_share:
        return rng.choice(HMT_REGION_CODES)
    return rng.choice(REGION_CODES)


def resident_id(
    rng: random.Random,
    *,
    check: str | None = None,
    hmt_share: float = 0.04,
    first_year: int = 1940,
    last_year: int = 2008,
) -> str:
    """An 18-character resident ID with a correct check character.

    ``check='X'`` forces the check character to be 'X' (about 1 in 11 real IDs
    end in X, and the X variants -- lowercase, full-width -- are a classic
    detector failure, so the corpus asks for them explicitly).  Any other
    ``check`` value forces a digit check character.  ``hmt_share`` is the share
    of Hong Kong / Macau / Taiwan residence-permit numbers.
    """
    region = _region(rng, hmt_share)
    birth = _random_date(rng, first_year, last_year).strftime("%Y%m%d")
    while True:
        body = f"{region}{birth}{rng.randint(1, 999):03d}"
        c = id_check_char(body)
        if check is None or (check == "X") == (c == "X"):
            return body + c


def resident_id_legacy15(rng: random.Random) -> str:
    """A first-generation 15-digit ID: region + YYMMDD + 3-digit sequence.

    These have no check digit at all, so they are only recognisable from
    context; holders were born in the 1900s (issued 1984-2004).
    """
    region = rng.choice(REGION_CODES)
    birth = _random_date(rng, 1940, 1985).strftime("%y%m%d")
    return f"{region}{birth}{rng.randint(1, 999):03d}"


def resident_id_bad_check(rng: random.Random) -> str:
    """An 18-character ID-shaped string whose check character is WRONG."""
    good = resident_id(rng, hmt_share=0.0)
    wrong = rng.choice([c for c in _ID_CHECK_CHARS if c != good[-1]])
    return good[:-1] + wrong


# ---------------------------------------------------------------------------
# Bank cards
# ---------------------------------------------------------------------------

#: (issuer BIN prefix, possible total lengths, issuer) -- prefixes of real
#: Chinese issuers; lengths follow what those products use in practice.
CARD_BINS: tuple[tuple[str, tuple[int, ...], str], ...] = (
    ("622202", (19,), "ICBC debit"),
    ("621226", (19,), "ICBC debit"),
    ("955880", (19,), "ICBC legacy 9558"),
    ("955888", (19,), "ICBC legacy 9558"),
    ("427020", (16,), "ICBC Visa"),
    ("622848", (19,), "ABC debit"),
    ("955990", (19,), "ABC legacy"),
    ("621700", (19,), "CCB debit"),
    ("622700", (19,), "CCB debit"),
    ("436742", (19,), "CCB Visa debit"),
    ("601382", (19,), "BOC debit"),
    ("621799", (19,), "PSBC debit"),
    ("622260", (19,), "BOCOM debit"),
    ("622588", (16,), "CMB debit"),
    ("621483", (16,), "CMB debit"),
    ("622575", (16,), "CMB credit"),
    ("524091", (16,), "CMB Mastercard"),
    ("622909", (18,), "CIB debit"),
    ("622155", (16,), "Ping An debit"),
    ("622622", (16, 17), "CMBC"),
    ("625965", (16,), "UnionPay credit"),
    ("623668", (19,), "UnionPay debit"),
    ("810126", (16, 19), "UnionPay 81 range"),
    ("812101", (19,), "UnionPay 81 range"),
    ("815516", (16,), "UnionPay 81 range"),
    ("817199", (19,), "UnionPay 81 range"),
)


def luhn_check_digit(payload: str) -> str:
    """The Luhn check digit to append to ``payload`` (ASCII digits)."""
    total = 0
    # Once the check digit is appended, the rightmost payload digit is in an
    # even position from the right, i.e. it is the one that gets doubled.
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    """True if an all-digit ``number`` passes the Luhn check."""
    return number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def bank_card(rng: random.Random, *, prefix: str | None = None, length: int | None = None) -> str:
    """A Luhn-valid card number on a real Chinese issuer BIN (16-19 digits)."""
    if prefix is None:
        prefix, lengths, _ = rng.choice(CARD_BINS)
        length = length or rng.choice(lengths)
    length = length or 19
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body)


def bank_card_bad_luhn(rng: random.Random) -> str:
    """A known-BIN card number that FAILS Luhn.

    Some genuine Chinese debit cards (old 9558 ICBC, some passbook-linked
    accounts) do not satisfy Luhn, so a detector that *requires* Luhn leaks
    them.  The corpus only uses these next to card context.
    """
    good = bank_card(rng)
    wrong = rng.choice([d for d in string.digits if d != good[-1]])
    return good[:-1] + wrong


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------

#: Mainland mobile number segments (first three digits) in public use.
MOBILE_SEGMENTS: tuple[str, ...] = tuple(
    [str(n) for n in range(130, 140)]
    + [str(n) for n in range(145, 150)]
    + ["150", "151", "152", "153"]
    + [str(n) for n in range(155, 160)]
    + ["162", "165", "166", "167"]
    + [str(n) for n in range(170, 179)]
    + [str(n) for n in range(180, 190)]
    + ["190", "191", "192", "193"]
    + [str(n) for n in range(195, 200)]
)


def mobile_number(rng: random.Random) -> str:
    """An 11-digit mainland mobile number (segment + 8 random digits)."""
    return rng.choice(MOBILE_SEGMENTS) + "".join(rng.choice(string.digits) for _ in range(8))


#: Area codes (with trunk prefix 0) whose subscriber numbers have 8 digits.
AREA_CODES_2: tuple[str, ...] = (
    "010", "020", "021", "022", "023", "024", "025", "027", "028", "029",
)

#: Real three-digit area codes (written with trunk 0): subscribers 7-8 digits.
AREA_CODES_3: tuple[str, ...] = (
    "0310", "0311", "0312", "0315", "0335", "0351", "0354", "0370", "0371",
    "0379", "0411", "0415", "0427", "0431", "0432", "0451", "0459", "0471",
    "0472", "0510", "0512", "0513", "0516", "0519", "0523", "0531", "0532",
    "0535", "0536", "0550", "0551", "0553", "0570", "0571", "0573", "0574",
    "0575", "0576", "0577", "0579", "0580", "0591", "0592", "0595", "0598",
    "0631", "0660", "0662", "0663", "0668", "0701", "0710", "0716", "0730",
    "0731", "0734", "0750", "0752", "0754", "0755", "0756", "0757", "0758",
    "0760", "0763", "0769", "0771", "0772", "0773", "0791", "0813", "0816",
    "0833", "0838", "0851", "0871", "0872", "0888", "0891", "0898", "0917",
    "0931", "0951", "0971", "0991",
)


@dataclass(frozen=True)
class Landline:
    """A fixed-line number: area code with trunk '0' and subscriber number."""

    area_code: str  # e.g. "0755" / "010"
    subscriber: str  # 7 or 8 digits, first digit 2-8

    @property
    def national(self) -> str:
        """Area code and subscriber run together, e.g. ``075512345678``."""
        return self.area_code + self.subscriber


def landline(rng: random.Random) -> Landline:
    """A fixed-line number on a real area code.

    Subscriber numbers start with 2-8 (0 is the trunk prefix, 1 is reserved
    for service numbers, 9 for 95xxx/96xxx services).
    """
    if rng.random() < 0.35:
        area, length = rng.choice(AREA_CODES_2), 8
    else:
        area, length = rng.choice(AREA_CODES_3), rng.choice((7, 8, 8))
    sub = str(rng.randint(2, 8)) + "".join(rng.choice(string.digits) for _ in range(length - 1))
    return Landline(area, sub)


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

_SYLLABLES = (
    "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
    "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "wei",
    "jun", "hong", "mei", "xiao", "ling", "yu", "hao", "jie", "ting", "qiang",
    "fang", "yan", "lei", "tao", "bin", "kai", "xin", "yi", "chun", "wing",
    "kwok", "chan", "cheung", "lam", "tsai", "hsu",
)
_DOMAINS = (
    "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "foxmail.com",
    "yeah.net", "139.com", "aliyun.com", "outlook.com", "hotmail.com",
    "gmail.com", "yahoo.com.hk", "netvigator.com", "gmail.com.tw",
)


def email_address(rng: random.Random) -> str:
    """A plausible personal address (pinyin-ish local part, or a QQ number).

    QQ addresses are all digits before the '@', which tempts phone/number
    detectors into reporting part of the address as something else.
    """
    if rng.random() < 0.2:
        local = str(rng.randint(1, 9)) + "".join(
            rng.choice(string.digits) for _ in range(rng.randint(5, 9))
        )
        return f"{local}@qq.com"
    parts = [rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))]
    sep = rng.choice(("", "", ".", "_"))
    local = sep.join(parts)
    if rng.random() < 0.6:
        local += str(rng.randint(1, 9999))
    if rng.random() < 0.1:
        local = local.capitalize()
    return f"{local}@{rng.choice(_DOMAINS)}"


# ---------------------------------------------------------------------------
# Hard negatives
# ---------------------------------------------------------------------------

_SERVICE_95 = (
    "95511", "95588", "95599", "95555", "95566", "95533", "95559", "95568",
    "95561", "95528", "95595", "95519", "95500", "95518", "95589", "95522",
)
_SERVICE_12 = ("12378", "12315", "12345", "12363", "12386", "12323", "12368")
_SERVICE_400 = ("4001666333", "4008208820", "4006695566", "4008895558", "4008205555")
_SERVICE_800 = ("8008208820", "8009995555", "8008303811")


def service_number(rng: random.Random) -> str:
    """A customer-service / hotline / emergency number, as commonly written.

    These are the most frequent false positives for phone detectors in
    complaint text (customers quote the bank's hotline constantly).
    """
    r = rng.random()
    if r < 0.35:
        return rng.choice(_SERVICE_95)
    if r < 0.45:
        # 96xxx municipal / utility services, sometimes six digits (962xxx)
        if rng.random() < 0.7:
            return "96" + "".join(rng.choice(string.digits) for _ in range(3))
        return "962" + "".join(rng.choice(string.digits) for _ in range(3))
    if r < 0.6:
        return rng.choice(_SERVICE_12)
    if r < 0.8:
        n = rng.choice(_SERVICE_400 + _SERVICE_800)
        style = rng.random()
        if style < 0.4:
            return n
        if style < 0.8:
            return f"{n[:3]}-{n[3:6]}-{n[6:]}"
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if r < 0.9:
        return rng.choice(("110", "120", "119", "122"))
    # area code + short municipal service number (e.g. 025-96096)
    area = rng.choice(("025", "021", "0571", "020", "0755", "028"))
    svc = rng.choice(("96096", "962288", "96345", "96333", "96777", "12345"))
    return f"{area}-{svc}"


def _random_datetime(rng: random.Random, first_year: int = 2016, last_year: int = 2024) -> _dt.datetime:
    day = _random_date(rng, first_year, last_year)
    return _dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))


def timestamp14(rng: random.Random) -> str:
    """A compact YYYYMMDDHHMMSS timestamp, e.g. ``20221215153643``."""
    return _random_datetime(rng).strftime("%Y%m%d%H%M%S")


def epoch_millis(rng: random.Random) -> str:
    """A 13-digit Unix epoch in milliseconds (2016-2024).

    Starts with 14-17, so an unanchored mobile regex finds a "mobile number"
    such as ``16710898031`` inside it.
    """
    stamp = _random_datetime(rng).replace(tzinfo=_dt.timezone.utc).timestamp()
    return f"{int(stamp) * 1000 + rng.randint(0, 999):013d}"


def epoch_seconds(rng: random.Random) -> str:
    """A 10-digit Unix epoch in seconds (2016-2024)."""
    stamp = _random_datetime(rng).replace(tzinfo=_dt.timezone.utc).timestamp()
    return f"{int(stamp):010d}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def order_number(rng: random.Random) -> str:
    """An e-commerce / payment / ticket order number.

    Long all-digit order numbers usually begin with a date, so they are
    16-20 digit runs that no card BIN or ID region starts with.
    """
    r = rng.random()
    if r < 0.45:
        return _random_datetime(rng).strftime("%Y%m%d%H%M%S")[: rng.choice((8, 12, 14))] + _digits(rng, rng.randint(4, 8))
    if r < 0.7:
        return rng.choice(("DD", "JD", "TB", "E", "T", "SO", "WX", "ZFB")) + _digits(rng, rng.randint(10, 16))
    if r < 0.85:
        # payment-channel trade numbers: date + channel code + sequence
        return _random_date(rng, 2018, 2024).strftime("%Y%m%d") + rng.choice(("2001", "1100", "4200")) + _digits(rng, rng.randint(8, 10))
    return "GD" + _random_date(rng, 2019, 2024).strftime("%Y%m%d") + _digits(rng, 6)


def policy_number(rng: random.Random) -> str:
    """An insurance policy / claim number.

    Either letter-prefixed (``P`` + digits, PICC-style ``PDAA...``) or a long
    all-digit string of 20-22 digits -- longer than any card, but a naive
    card regex will happily match a 16-19 digit window inside it.
    """
    r = rng.random()
    if r < 0.35:
        return "P" + _digits(rng, rng.randint(12, 18))
    if r < 0.55:
        return rng.choice(("PDAA", "PDZA", "PEBS", "PZAA")) + _random_date(rng, 2015, 2024).strftime("%Y") + _digits(rng, 14)
    if r < 0.7:
        return rng.choice(("BD", "LP", "RA")) + _digits(rng, rng.randint(10, 14))
    n = str(rng.randint(1, 9)) + _digits(rng, rng.randint(19, 21))
    return n


_ICP_PROVINCES = ("京", "沪", "粤", "浙", "苏", "川", "鲁", "闽", "鄂", "津")


def icp_licence(rng: random.Random, *, hant: bool = False) -> str:
    """A website ICP filing number such as ``京ICP备12345678号`` (or ``-1``)."""
    bei, hao = ("備", "號") if hant else ("备", "号")
    num = rng.choice((_digits(rng, 8), str(rng.randint(2010, 2023)) + _digits(rng, 6)))
    suffix = f"-{rng.randint(1, 9)}" if rng.random() < 0.3 else ""
    prov = rng.choice(_ICP_PROVINCES)
    return f"{prov}ICP{bei}{num}{hao}{suffix}"


def amount(rng: random.Random, *, hant: bool = False) -> str:
    """A money amount as written in complaints (``¥12,345.67``, ``3万元``...)."""
    yuan = "元"
    wan = "萬" if hant else "万"
    value = rng.choice((rng.randint(10, 999), rng.randint(1000, 99999), rng.randint(100000, 2000000)))
    r = rng.random()
    if r < 0.2:
        return f"¥{value:,}.{rng.randint(0, 99):02d}"
    if r < 0.35:
        return f"￥{value:,}"
    if r < 0.55:
        return f"{value}{yuan}"
    if r < 0.7:
        return f"{value}.{rng.randint(0, 99):02d}{yuan}"
    if r < 0.85:
        return f"{rng.randint(1, 80)}{wan}{yuan}"
    if r < 0.93:
        return f"人民幣{value:,}{yuan}" if hant else f"人民币{value:,}{yuan}"
    return f"RMB {value:,}.00"


def date_string(rng: random.Random, *, hant: bool = False) -> str:
    """A calendar date in one of the usual Chinese written forms."""
    d = _random_date(rng, 2016, 2024)
    r = rng.random()
    if r < 0.45:
        return f"{d.year}年{d.month}月{d.day}日"
    if r < 0.65:
        return d.strftime("%Y-%m-%d")
    if r < 0.8:
        return d.strftime("%Y/%m/%d")
    if r < 0.9:
        return d.strftime("%Y.%m.%d")
    return f"{d.month}月{d.day}日"


def masked_number(rng: random.Random, kind: str | None = None) -> str:
    """An already-masked identifier (``138****5678``, ``6222 **** **** 1234``...).

    These reveal at most a prefix and the last four digits and must not be
    reported (or, if reported, at least are not a leak).  ``kind`` ('mobile',
    'card' or 'id') picks what was masked, so that templates can put the
    masked value after a matching word (``卡号是6222****1234``); default random.
    """
    r = {"mobile": 0.0, "card": 0.5, "id": 0.9}[kind] if kind else rng.random()
    if r < 0.3:
        m = mobile_number(rng)
        return rng.choice((f"{m[:3]}****{m[7:]}", f"{m[:3]} **** {m[7:]}", f"{m[:3]}*****{m[8:]}"))
    if r < 0.6:
        c = bank_card(rng)
        return rng.choice((
            f"{c[:4]} **** **** {c[-4:]}",
            f"{c[:4]}{'*' * (len(c) - 8)}{c[-4:]}",
            f"{c[:6]}******{c[-4:]}",
            f"****{c[-4:]}",
        ))
    i = resident_id(rng, hmt_share=0.0)
    return rng.choice((f"{i[:6]}********{i[-4:]}", f"{i[:3]}***********{i[-4:]}", f"{i[:1]}****************{i[-1]}"))


#: Leading two digits a random digit string must avoid: card BINs (4x/5x/6x,
#: 81, 95) and resident-ID province codes.
_PII_LIKE_PREFIXES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35",
     "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
     "61", "62", "63", "64", "65", "81", "82", "83", "95"]
    + [f"{a}{b}" for a in "456" for b in string.digits]
)


def non_luhn_digits(rng: random.Random, length: int | None = None) -> str:
    """A random 16-19 digit run that fails Luhn and looks like no card or ID.

    Stands in for transaction serials, voucher numbers and the like: the
    right length for a card, but neither a known BIN nor a valid checksum.
    """
    length = length or rng.randint(16, 19)
    while True:
        s = str(rng.randint(1, 9)) + _digits(rng, length - 1)
        if s[:2] in _PII_LIKE_PREFIXES or luhn_valid(s) or is_valid_resident_id(s):
            continue  # (a valid date + check digit alone can fool an ID detector)
        return s


K = TypeVar("K", bound=Hashable)


def choose_weighted(rng: random.Random, weights: dict[K, float]) -> K:
    """Pick a key of ``weights`` with probability proportional to its value.

    Dicts keep insertion order, so the result is deterministic per seed.
    """
    keys: Sequence[K] = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]

