"""Blind evaluation corpus for the Chinese PII detector.

Written independently of the detector's recognizers and of ``benchmarks/corpus.py``:
only the number generators of :mod:`benchmarks.synth` are reused.  Texts imitate
the way complainants, call-centre agents and regulators' intake forms write, in
simplified Chinese (about 60%) and traditional Chinese (about 40%, mainland,
Taiwan and Hong Kong phrasing).

Each record::

    {"id": str, "text": str, "variant": "zh-Hans" | "zh-Hant",
     "entities": [{"entity_type", "start", "end", "form"}],
     "negatives": [{"kind", "start", "end"}]}

Offsets are Python code-point offsets.  A phone / card / ID span starts at its
first significant character (the ``+`` or ``(`` of a prefix, or the first
digit) and ends after its last digit / check character; a landline span
includes its extension.

Usage::

    python -m benchmarks.corpus_blind -n 2000 --seed 7 -o benchmarks/out/blind.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from benchmarks import synth

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

_FW = str.maketrans("0123456789Xx+()-", "０１２３４５６７８９ＸＸ＋（）－")
_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def fullwidth(s: str) -> str:
    return s.translate(_FW)


def fw_digits(s: str) -> str:
    return s.translate(_FW_DIGITS)


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def pick(rng: random.Random, weighted: dict[str, float]) -> str:
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys], k=1)[0]


@dataclass
class Span:
    surface: str
    entity_type: str | None = None  # None -> negative
    form: str | None = None
    kind: str | None = None


# ---------------------------------------------------------------------------
# Entity surface generators
# ---------------------------------------------------------------------------


def gen_resident_id(rng: random.Random, hant: bool) -> Span:
    form = pick(rng, {
        "id18_plain": 26, "id18_x_upper": 8, "id18_x_lower": 6, "id18_x_fullwidth": 4,
        "id18_grouped_space": 8, "id18_grouped_hyphen": 6, "id18_grouped_ideographic": 5,
        "id18_fullwidth": 8, "id18_zero_width": 10,
    })
    if form.startswith("id18_x"):
        v = synth.resident_id(rng, check="X", hmt_share=0.0)
    else:
        v = synth.resident_id(rng, hmt_share=0.0)
    if form == "id18_x_lower":
        v = v[:-1] + "x"
    elif form == "id18_x_fullwidth":
        v = v[:-1] + "Ｘ"
    elif form == "id18_grouped_space":
        v = f"{v[:6]} {v[6:14]} {v[14:]}"
    elif form == "id18_grouped_hyphen":
        v = f"{v[:6]}-{v[6:14]}-{v[14:]}"
    elif form == "id18_grouped_ideographic":
        v = f"{v[:6]}\u3000{v[6:14]}\u3000{v[14:]}"
    elif form == "id18_fullwidth":
        if rng.random() < 0.3:
            v = synth.resident_id(rng, check="X", hmt_share=0.0)
        v = fullwidth(v)
    elif form == "id18_zero_width":
        chars = list(v)
        for pos in sorted(rng.sample(range(1, 18), rng.randint(1, 3)), reverse=True):
            chars.insert(pos, rng.choice(ZERO_WIDTH))
        v = "".join(chars)
    if form == "id18_plain" and v.endswith("X"):
        form = "id18_x_upper"
    return Span(v, "CN_RESIDENT_ID", form)


def gen_hmt_id(rng: random.Random, hant: bool) -> Span:
    v = synth.resident_id(rng, hmt_share=1.0)
    r = rng.random()
    if r < 0.15:
        v = f"{v[:6]} {v[6:14]} {v[14:]}"
        return Span(v, "CN_RESIDENT_ID", "id18_hmt_grouped")
    if r < 0.25 and v[-1] == "X":
        v = v[:-1] + "x"
    return Span(v, "CN_RESIDENT_ID", "id18_hmt_permit")


def gen_id15(rng: random.Random, hant: bool) -> Span:
    return Span(synth.resident_id_legacy15(rng), "CN_RESIDENT_ID", "id15_legacy")


def _group(s: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(p for p in out if p)


def gen_card(rng: random.Random, hant: bool) -> Span:
    c = synth.bank_card(rng)
    form = pick(rng, {
        "card_plain": 34, "card_4444_space": 20, "card_4444_hyphen": 10,
        "card_6_rest": 10, "card_fullwidth": 10, "card_fullwidth_grouped": 5,
        "card_4444_double_space": 3,
    })
    if form == "card_4444_space":
        v = _group(c, [4, 4, 4, 4], " ")
    elif form == "card_4444_double_space":
        v = _group(c, [4, 4, 4, 4], "  ")
    elif form == "card_4444_hyphen":
        v = _group(c, [4, 4, 4, 4], "-")
    elif form == "card_6_rest":
        v = f"{c[:6]} {c[6:]}"
    elif form == "card_fullwidth":
        v = fw_digits(c)
    elif form == "card_fullwidth_grouped":
        v = _group(fw_digits(c), [4, 4, 4, 4], rng.choice((" ", "\u3000")))
    else:
        v = c
    return Span(v, "CN_BANK_CARD", form)


def gen_card_bad(rng: random.Random, hant: bool) -> Span:
    c = synth.bank_card_bad_luhn(rng)
    if rng.random() < 0.3:
        return Span(_group(c, [4, 4, 4, 4], " "), "CN_BANK_CARD", "card_bad_luhn_grouped")
    return Span(c, "CN_BANK_CARD", "card_bad_luhn")


def gen_mobile(rng: random.Random, hant: bool) -> Span:
    m = synth.mobile_number(rng)
    form = pick(rng, {
        "mobile_plain": 34, "mobile_344_space": 10, "mobile_344_hyphen": 8,
        "mobile_+86": 8, "mobile_+86_344": 5, "mobile_0086": 5, "mobile_86": 4,
        "mobile_86_concat": 2, "mobile_(+86)": 5, "mobile_fw_prefix": 4,
        "mobile_fullwidth": 8, "mobile_+86_hyphen": 3,
    })
    g344 = f"{m[:3]} {m[3:7]} {m[7:]}"
    if form == "mobile_344_space":
        v = g344
    elif form == "mobile_344_hyphen":
        v = f"{m[:3]}-{m[3:7]}-{m[7:]}"
    elif form == "mobile_+86":
        v = rng.choice((f"+86 {m}", f"+86{m}"))
    elif form == "mobile_+86_344":
        v = f"+86 {g344}"
    elif form == "mobile_+86_hyphen":
        v = f"+86-{m}"
    elif form == "mobile_0086":
        v = rng.choice((f"0086 {m}", f"0086-{m}", f"0086{m}"))
    elif form == "mobile_86":
        v = rng.choice((f"86 {m}", f"86-{m}"))
    elif form == "mobile_86_concat":
        v = f"86{m}"
    elif form == "mobile_(+86)":
        v = rng.choice((f"(+86){m}", f"(+86) {m}", f"（+86）{m}", f"(+86) {g344}"))
    elif form == "mobile_fw_prefix":
        v = rng.choice((f"＋８６ {fw_digits(m)}", f"＋８６{fw_digits(m)}", f"＋８６ {m}"))
    elif form == "mobile_fullwidth":
        v = rng.choice((fw_digits(m), fw_digits(g344), fw_digits(f"{m[:3]}-{m[3:7]}-{m[7:]}").replace("-", "－")))
    else:
        v = m
    return Span(v, "CN_PHONE_NUMBER", form)


def _extension(rng: random.Random, hant: bool) -> str:
    n = str(rng.randint(1, 9)) + digits(rng, rng.randint(0, 3))
    if hant:
        return rng.choice((f"轉{n}", f"轉 {n}", f" 分機 {n}", f"分機{n}", f" 內線 {n}", f"#{n}", f" ext. {n}"))
    return rng.choice((f"转{n}", f"转 {n}", f" 分机 {n}", f"分机{n}", f" ext. {n}", f" ext {n}", f"-转-{n}"))


def gen_landline(rng: random.Random, hant: bool) -> Span:
    ll = synth.landline(rng)
    a, s = ll.area_code, ll.subscriber
    split = f"{s[:4]} {s[4:]}" if len(s) == 8 else f"{s[:3]} {s[3:]}"
    form = pick(rng, {
        "landline_area_hyphen": 30, "landline_area_paren": 14, "landline_area_fwparen": 6,
        "landline_area_space_split": 10, "landline_intl": 8, "landline_intl_trunk": 6,
        "landline_area_concat": 4, "landline_fullwidth": 5, "landline_area_hyphen_split": 4,
    })
    if form == "landline_area_hyphen":
        v = f"{a}-{s}"
    elif form == "landline_area_paren":
        v = rng.choice((f"({a}){s}", f"({a}) {s}", f"({a}){s[:4]}-{s[4:]}"))
    elif form == "landline_area_fwparen":
        v = f"（{a}）{s}"
    elif form == "landline_area_space_split":
        v = f"{a} {split}"
    elif form == "landline_intl":
        v = rng.choice((f"+86 {a[1:]} {s}", f"+86-{a[1:]}-{s}", f"0086 {a[1:]} {s}"))
    elif form == "landline_intl_trunk":
        v = f"+86 (0){a[1:]} {split}"
    elif form == "landline_area_concat":
        v = a + s
    elif form == "landline_fullwidth":
        v = fw_digits(f"{a}-{s}").replace("-", rng.choice(("-", "－")))
    else:  # landline_area_hyphen_split
        v = f"{a}-{s[:4]}-{s[4:]}"
    if rng.random() < 0.3:
        v += _extension(rng, hant)
        form += "+ext"
    return Span(v, "CN_PHONE_NUMBER", form)


def gen_phone(rng: random.Random, hant: bool) -> Span:
    return gen_mobile(rng, hant) if rng.random() < 0.65 else gen_landline(rng, hant)


def gen_email(rng: random.Random, hant: bool) -> Span:
    e = synth.email_address(rng)
    form = "email_qq_digits" if e.split("@")[0].isdigit() else "email_plain"
    if rng.random() < 0.08:
        e = e.upper() if rng.random() < 0.3 else e.split("@")[0] + "@" + e.split("@")[1].upper()
        form = "email_uppercase"
    return Span(e, "EMAIL_ADDRESS", form)


# ---------------------------------------------------------------------------
# Hard-negative generators
# ---------------------------------------------------------------------------

_SVC_95 = ("95588", "95599", "95533", "95566", "95580", "95559", "95555", "95595", "95568",
           "95528", "95561", "95577", "95558", "95526", "95519", "95511", "95500", "95522",
           "95589", "95567", "95510", "95585", "95596")
_SVC_12 = ("12378", "12363", "12315", "12345", "12348", "12381", "12368", "12366")
_SVC_400 = ("4008208820", "4006695599", "4008895558", "4008205555", "4006695566",
            "4001010101", "4008308300", "4006888888", "4008109998", "4000095555")
_SVC_800 = ("8008208820", "8008303811", "8009990000", "8008105555", "8008200666")


def gen_service(rng: random.Random, hant: bool) -> Span:
    r = rng.random()
    if r < 0.33:
        v = rng.choice(_SVC_95)
        if rng.random() < 0.15:
            v += rng.choice(("转1", "转0", "转2")) if not hant else rng.choice(("轉1", "轉0", "轉9"))
    elif r < 0.43:
        v = rng.choice(("96", "962")) + digits(rng, 3)
    elif r < 0.55:
        v = rng.choice(_SVC_12)
    elif r < 0.8:
        n = rng.choice(_SVC_400 + _SVC_800)
        v = rng.choice((
            n, f"{n[:3]}-{n[3:6]}-{n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:4]}-{n[4:7]}-{n[7:]}",
            f"{n[:3]}-{n[3:7]}-{n[7:]}", f"{n[:3]}{n[3:6]}{n[6:]}", fw_digits(f"{n[:3]}-{n[3:6]}-{n[6:]}"),
            f"{n[:4]} {n[4:7]} {n[7:]}",
        ))
    elif r < 0.88:
        v = rng.choice(("110", "120", "119", "122", "12110"))
    else:
        area = rng.choice(("010", "021", "020", "0755", "025", "0571", "028", "027"))
        v = rng.choice((f"{area}-", f"{area}", f"({area})")) + rng.choice(("96096", "96333", "96777", "12345", "96567", "95105"))
    if rng.random() < 0.06:
        v = fw_digits(v)
    return Span(v, kind="service_number")


def gen_timestamp(rng: random.Random, hant: bool) -> Span:
    return Span(synth.timestamp14(rng), kind="timestamp")


def gen_epoch(rng: random.Random, hant: bool) -> Span:
    return Span(synth.epoch_millis(rng) if rng.random() < 0.6 else synth.epoch_seconds(rng), kind="epoch")


def _no_card_like(s: str) -> bool:
    return not (16 <= len(s) <= 19 and s.isdigit() and synth.luhn_valid(s))


def gen_order(rng: random.Random, hant: bool) -> Span:
    while True:
        r = rng.random()
        if r < 0.6:
            v = synth.order_number(rng)
        elif r < 0.75:
            v = rng.choice(("HT", "JK", "XD", "CON-", "LN")) + str(rng.randint(2016, 2024)) + digits(rng, rng.randint(6, 10))
        elif r < 0.88:
            v = rng.choice(("TS", "GD", "WO", "CP")) + str(rng.randint(2019, 2024)) + digits(rng, 8)
        else:
            v = synth.non_luhn_digits(rng, rng.choice((12, 14, 20, 22)))
        if _no_card_like(v):
            return Span(v, kind="order_number")


def gen_policy(rng: random.Random, hant: bool) -> Span:
    while True:
        v = synth.policy_number(rng)
        if rng.random() < 0.15:
            v = rng.choice(("8", "2", "1")) + digits(rng, rng.choice((12, 13)))  # short all-digit policy no.
        if _no_card_like(v) and not synth.is_valid_resident_id(v):
            return Span(v, kind="policy_number")


def gen_icp(rng: random.Random, hant: bool) -> Span:
    return Span(synth.icp_licence(rng, hant=hant), kind="icp")


def gen_amount(rng: random.Random, hant: bool) -> Span:
    return Span(synth.amount(rng, hant=hant), kind="amount")


def gen_bignum(rng: random.Random, hant: bool) -> Span:
    v = rng.choice((rng.randint(1, 99) * 100000, rng.randint(100, 9999) * 1000, rng.randint(1000000, 99999999)))
    s = f"{v:,}"
    if rng.random() < 0.4:
        s += f".{rng.randint(0, 99):02d}"
    return Span(s, kind="amount")


def gen_date(rng: random.Random, hant: bool) -> Span:
    return Span(synth.date_string(rng, hant=hant), kind="other")


def gen_masked(rng: random.Random, hant: bool) -> Span:
    return Span(synth.masked_number(rng), kind="masked")


def gen_bad_id(rng: random.Random, hant: bool) -> Span:
    while True:  # wrong ID check char, and not a Luhn-valid card-length run either
        v = synth.resident_id_bad_check(rng)
        if not synth.luhn_valid(v):
            return Span(v, kind="bad_checksum")


def gen_non_luhn(rng: random.Random, hant: bool) -> Span:
    return Span(synth.non_luhn_digits(rng), kind="bad_checksum")


def gen_qq(rng: random.Random, hant: bool) -> Span:
    n = rng.randint(5, 11)
    first = rng.choice("23456789") if n >= 11 else rng.choice("123456789")
    return Span(first + digits(rng, n - 1), kind="other")


def gen_code(rng: random.Random, hant: bool) -> Span:
    return Span(digits(rng, 6) if rng.random() < 0.85 else digits(rng, 4), kind="other")


def gen_wechat(rng: random.Random, hant: bool) -> Span:
    r = rng.random()
    if r < 0.4:
        v = "wxid_" + "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(10, 14)))
    elif r < 0.8:
        v = rng.choice(("zhang", "xiaoli", "ah_mei", "lucky", "kk", "tom", "daidai", "jinrong")) + rng.choice(("_", "", "-")) + str(rng.randint(1, 99999))
    else:
        v = rng.choice(("Hy", "Xd", "Dk", "Kf")) + "".join(rng.choice(string.ascii_letters) for _ in range(4)) + str(rng.randint(10, 999))
    return Span(v, kind="other")


_PLATE_PROV = "京沪粤浙苏川鲁闽鄂湘豫冀辽吉黑皖赣晋陕甘云贵桂琼渝津"
_PLATE_HANT = str.maketrans("沪粤苏鲁闽辽赣晋陕云贵琼", "滬粵蘇魯閩遼贛晉陝雲貴瓊")


def gen_plate(rng: random.Random, hant: bool) -> Span:
    prov = rng.choice(_PLATE_PROV)
    if hant:
        prov = prov.translate(_PLATE_HANT)
    p = prov + rng.choice("ABCDEFGHJK")
    tail = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
    if rng.random() < 0.25:
        tail = rng.choice("DF") + digits(rng, 5)  # new-energy plates
    sep = rng.choice(("", "", "·", " "))
    return Span(p + sep + tail, kind="other")


def gen_chat_ts(rng: random.Random, hant: bool) -> Span:
    d = synth._random_datetime(rng, 2021, 2024)  # noqa: SLF001 - reuse calendar helper
    fmt = rng.choice(("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"))
    return Span(d.strftime(fmt), kind="timestamp")


GENERATORS: dict[str, Callable[[random.Random, bool], Span]] = {
    "ID": gen_resident_id, "IDHMT": gen_hmt_id, "ID15": gen_id15,
    "CARD": gen_card, "CARDBAD": gen_card_bad,
    "MOB": gen_mobile, "TEL": gen_landline, "PHONE": gen_phone, "EMAIL": gen_email,
    "SVC": gen_service, "TS": gen_timestamp, "EPOCH": gen_epoch, "ORDER": gen_order,
    "POLICY": gen_policy, "ICP": gen_icp, "AMT": gen_amount, "BIGNUM": gen_bignum,
    "DATE": gen_date, "MASK": gen_masked, "BADID": gen_bad_id, "NOLUHN": gen_non_luhn,
    "HOTLINE12378": lambda rng, hant: Span("12378", kind="service_number"),
    "QQ": gen_qq, "CODE": gen_code, "WX": gen_wechat, "PLATE": gen_plate, "CTS": gen_chat_ts,
}

# ---------------------------------------------------------------------------
# Filler vocabulary (no digits of length >= 5 anywhere)
# ---------------------------------------------------------------------------

FILL = {
    "hans": {
        "name": ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏", "徐强", "孙悦",
                 "马超", "朱婷", "胡斌", "何欣", "林涛", "高翔", "罗敏", "郑海燕", "谢志刚", "宋雨桐", "韩冬", "冯晓梅"),
        "bank": ("工商银行", "农业银行", "建设银行", "中国银行", "邮储银行", "交通银行", "招商银行", "兴业银行",
                 "平安银行", "民生银行", "浦发银行", "中信银行", "光大银行", "广发银行", "某城商行"),
        "ins": ("中国人寿", "平安人寿", "太平洋保险", "新华保险", "泰康人寿", "人保财险", "友邦保险", "太平人寿",
                "阳光保险", "大地保险", "众安保险"),
        "app": ("借呗", "某网贷平台", "分期乐", "某消费金融公司", "京东金条", "美团借钱", "某小贷APP"),
        "city": ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "郑州", "长沙", "沈阳"),
        "rel": ("我爱人", "我父亲", "我母亲", "我儿子", "我女儿", "我同事", "我姐姐"),
        "last4": None,
    },
    "hant": {
        "name": ("陳怡君", "林志明", "張家豪", "黃淑芬", "李宗翰", "王美玲", "吳俊傑", "蔡佩珊", "劉建宏", "楊雅婷",
                 "陳大文", "李嘉欣", "張偉強", "何美儀", "周子軒", "鄭秀英", "梁家輝", "許雅雯", "謝國樑", "馮嘉儀"),
        "bank": ("工商銀行", "建設銀行", "中國銀行", "招商銀行", "交通銀行", "中信銀行", "農業銀行", "郵儲銀行",
                 "平安銀行", "廣發銀行", "浦發銀行", "光大銀行"),
        "ins": ("中國人壽", "平安人壽", "友邦保險", "保誠", "富邦人壽", "國泰人壽", "新光人壽", "宏利",
                "太平洋保險", "泰康人壽", "中國太平"),
        "app": ("某網貸平台", "某消費金融公司", "某小額貸款APP", "某分期平台"),
        "city": ("深圳", "廣州", "上海", "廈門", "北京", "珠海", "東莞", "福州", "杭州", "昆山"),
        "rel": ("我太太", "我先生", "我爸爸", "我媽媽", "我兒子", "我女兒", "我同事", "我老闆"),
        "last4": None,
    },
}

# ---------------------------------------------------------------------------
# Sentence pools.  Upper-case {KEY} -> span generator, lower-case -> filler.
# ---------------------------------------------------------------------------

HANS = {
    "intro": (
        "本人{name}，是{bank}的持卡人。", "我叫{name}，是{ins}的投保人。", "投诉人{name}，现反映{bank}的问题。",
        "你好，我是{name}。", "尊敬的工作人员：", "领导您好，", "我要投诉{bank}！", "您好，我想反映一个情况。",
        "我是{city}的{name}，", "",
    ),
    "issue": (
        "{DATE}我的信用卡在外地被盗刷了{AMT}，当时我人在家里，卡一直在身上。",
        "{DATE}申请的理赔，材料都交齐了，到现在快两个月还说在审核，打客服电话{SVC}一直转人工转不进去。",
        "去年在{bank}柜台被理财经理推荐买了{ins}的分红险，说是存款，现在要退保只能退{AMT}。",
        "{app}的催收天天打电话给{rel}和我单位，还威胁要上门，严重影响我的生活。",
        "我从来没申请过这笔网贷，却被自动扣款{AMT}，订单号{ORDER}。",
        "办分期的时候业务员根本没说手续费，一年下来多付了{AMT}。",
        "保单号{POLICY}的重疾险，确诊后申请理赔被拒，说我没如实告知，可投保时根本没人问过。",
        "信用卡逾期几天就收了高额违约金，账单从{AMT}变成了{AMT}。",
        "手机银行莫名开通了一笔{AMT}的消费贷，我本人完全不知情。",
        "{DATE}收到短信说我的账户被冻结了，去网点问也说不清楚原因。",
        "车险出险后（车牌{PLATE}），定损员一直拖着不来，报案号{POLICY}。",
        "贷款合同编号{ORDER}，合同里写的年化利率和宣传的根本不一样。",
        "我在{app}借了{AMT}，到手只有一部分，砍头息太狠了。",
        "{DATE}有人冒充{bank}客服让我把钱转到安全账户，我损失了{BIGNUM}元，银行说跟他们无关。",
        "保险公司说我的住院不符合条件，拒赔{AMT}，我觉得很不合理。",
    ),
    "id": (
        "身份证号：{ID}", "我的身份证号码是{ID}，可以核实。", "证件号码{ID}", "本人身份证{ID}，名下就这一张卡。",
        "身份证号 {ID}（本人）", "公民身份号码：{ID}", "被保险人身份证号为{ID}。", "{ID}是我的身份证号",
        "【身份证】{ID}", "居民身份证号：「{ID}」", "{rel}的身份证是{ID}，也被他们骚扰了。",
        "投保人{name}，证件号{ID}。", "开户时登记的身份证号码{ID}，请查询。", "我的证件号是{ID}",
        "身份证：{ID}，手机：{MOB}", "{name}（{ID}）", "身份证号码{ID}、{ID}分别是我和{rel}的",
    ),
    "hmt": (
        "港澳居民居住证号码：{IDHMT}", "我是台湾居民，居住证号{IDHMT}。", "本人持港澳台居民居住证，号码{IDHMT}。",
        "证件类型：台湾居民居住证，证件号码：{IDHMT}", "我是香港人在深圳工作，居住证号码是{IDHMT}",
        "{IDHMT}", "居住证{IDHMT}",
    ),
    "id15": (
        "我用的还是老的15位身份证号{ID15}", "一代身份证号码：{ID15}", "当年开户登记的是旧身份证号{ID15}，后来换成了{ID}。",
        "投保单上填的身份证号是十五位的{ID15}。", "老身份证号（15位）：{ID15}", "旧版身份证号码为{ID15}，请一并核查。",
        "我父亲的身份证号{ID15}是老证，系统里一直没更新。",
    ),
    "card": (
        "卡号{CARD}", "银行卡号：{CARD}", "被盗刷的信用卡卡号是{CARD}。", "扣款账户：{bank}{CARD}",
        "请把理赔款打到我{bank}的卡上，卡号{CARD}，户名{name}。", "我名下两张卡{CARD}、{CARD}都被冻结了。",
        "退款请退回原卡（{CARD}）", "{CARD} 这张卡一直在我手上", "收款账号 {CARD}", "信用卡：{CARD}",
        "还款卡是{CARD}，每个月都按时还的。", "账号：{CARD}", "{bank}储蓄卡{CARD}于{DATE}被转走{AMT}",
        "我的卡{CARD}被扣了{AMT}", "卡号【{CARD}】", "借记卡号「{CARD}」",
    ),
    "cardbad": (
        "银行卡号：{CARDBAD}", "扣款的那张储蓄卡卡号是{CARDBAD}", "工资卡卡号{CARDBAD}，是老的存折卡。",
        "我的{bank}借记卡号{CARDBAD}被冻结了", "卡号（{CARDBAD}）", "信用卡卡号 {CARDBAD}",
    ),
    "phone": (
        "联系电话：{MOB}", "手机{MOB}（微信同号）", "我的手机号是{MOB}，有事打这个。", "有问题请联系我{MOB}或者{TEL}",
        "电话{PHONE}", "家里座机{TEL}，白天一般没人。", "单位电话：{TEL}", "联系方式：{MOB} / {MOB}",
        "催收员用{MOB}、{MOB}、{MOB}轮流给我打电话。", "回电请拨{MOB}", "号码【{MOB}】是我本人的",
        "我在国外，请打{MOB}", "手机：{MOB}", "联系人：{name} {MOB}", "{MOB}{name}", "预留手机号{MOB}，一直没收到短信。",
        "座机：{TEL}", "办公室电话{TEL}", "有人用{MOB}冒充银行给我打电话。", "电话：{MOB}或{MOB}",
        "联系我：{PHONE}", "手机号码：{MOB}。", "我的号码是{MOB}", "打{TEL}找{name}就行",
    ),
    "email": (
        "邮箱：{EMAIL}", "材料已经发到你们邮箱了，我的邮箱是{EMAIL}。", "回复请发送至{EMAIL}", "E-mail: {EMAIL}",
        "有进展请邮件通知我（{EMAIL}）", "电子邮箱{EMAIL}", "我的邮箱{EMAIL}，随时可以联系",
        "账单一直寄到{EMAIL}，我早就不用了", "邮箱：<{EMAIL}>", "{EMAIL}",
    ),
    "neg": (
        "客服热线{SVC}根本打不通。", "我已经打过{SVC}投诉三次了。", "交易时间{TS}，金额{AMT}。", "订单号：{ORDER}",
        "交易流水号{NOLUHN}", "保单号：{POLICY}", "报案号{POLICY}", "验证码{CODE}我没有告诉任何人。",
        "对方加我QQ{QQ}说可以帮我消除逾期记录。", "对方微信号{WX}，现在把我拉黑了。", "车牌号{PLATE}的车出险了",
        "那个网站底部写着{ICP}，看起来很正规。", "短信里显示的卡号是{MASK}", "页面链接是https://m.loan-app.cn/repay?t={EPOCH}",
        "贷款金额{BIGNUM}元", "业务编号{BADID}", "我还打了{SVC}和{SVC}，都说不归他们管。", "合同编号{ORDER}",
        "工单号{ORDER}", "我已经报警了，{SVC}也打过了。", "{DATE}又扣了{AMT}", "银保监投诉热线{SVC}", "凭证号：{NOLUHN}",
        "通知书编号{BADID}", "短信说尾号{last4}的卡消费{AMT}", "客服说会在{DATE}前回电", "已向{SVC}反映，受理编号{ORDER}",
        "APP显示的手机号是{MASK}", "他们给我的回执上身份证号只显示{MASK}", "订单创建时间{TS}", "批单号{POLICY}",
        "收到的验证码是{CODE}", "QQ号：{QQ}", "加了对方QQ {QQ}", "请求编号{EPOCH}", "退保金额{BIGNUM}元",
    ),
    "closing": (
        "请监管部门尽快处理！", "希望尽快给我一个答复。", "要求退还全部费用。", "恳请帮忙协调，谢谢！",
        "请尽快核实处理，谢谢。", "要求赔偿我的损失。", "如不处理我将起诉。", "谢谢！", "",
    ),
    # chat lines (short, colloquial)
    "chat": (
        "在吗", "我的卡又被扣钱了", "你们到底什么时候处理", "{MOB}", "卡号{CARD}", "身份证{ID}", "这是我身份证号 {ID}",
        "我手机{MOB}", "打我电话{PHONE}", "邮箱{EMAIL}", "客服{SVC}打不通啊", "订单号{ORDER}", "收到了，谢谢",
        "验证码{CODE}是不是你们发的", "他加我QQ {QQ}", "好的", "还是没到账", "流水号{NOLUHN}", "我发你截图",
        "他说是{bank}的，让我加微信{WX}", "{CARD}", "{ID}", "转了{AMT}过去", "短信显示{MASK}",
        "我老婆手机{MOB}，我的{MOB}", "你打{TEL}找我", "保单号{POLICY}", "我在{city}，明天去网点",
    ),
    "agent_q": (
        ("请问您的身份证号码是多少？", "id"), ("麻烦报一下您的卡号。", "card"), ("您的预留手机号是多少？", "mobile"),
        ("请留一个方便联系的电话。", "phone"), ("方便留个邮箱吗？我们把处理结果发给您。", "email"),
        ("请提供一下被保险人的证件号码。", "id"), ("请问扣款的是哪张卡？", "card"),
    ),
    "cust_a": {
        "id": ("{ID}", "是{ID}", "身份证{ID}", "嗯，{ID}"),
        "card": ("{CARD}", "卡号是{CARD}", "{bank}的，{CARD}", "就是这张{CARD}"),
        "mobile": ("{MOB}", "手机{MOB}", "是{MOB}，就这个号", "{MOB}，微信同号"),
        "phone": ("{PHONE}", "打我手机{MOB}，不行就打家里{TEL}", "单位的{TEL}", "{MOB}或者{MOB}都行"),
        "email": ("{EMAIL}", "邮箱是{EMAIL}", "发到{EMAIL}吧"),
    },
    "agent_misc": (
        "您好，这里是客服中心，请问有什么可以帮您？", "好的，我这边帮您登记一下。", "您也可以拨打{SVC}查询进度。",
        "系统查到您尾号{last4}的卡在{DATE}有一笔{AMT}的交易。", "为您核实一下，{MASK}是您本人吗？",
        "工单号是{ORDER}，请您记一下。", "我们会在三个工作日内回复您。", "请不要把验证码告诉任何人。",
        "您的保单号{POLICY}已经登记。", "好的，还有其他问题吗？",
    ),
    "cust_misc": (
        "我要投诉，你们乱扣钱！", "我卡被盗刷了。", "我要退保。", "理赔怎么还没下来？", "你们催收太过分了。",
        "上次打{SVC}说会回电话，一直没人联系我。", "好的，谢谢。", "扣了我{AMT}", "没有了。",
    ),
    "form": {
        "name": ("投诉人姓名：", "姓名：", "客户姓名：", "申请人："),
        "id": ("证件号码：", "身份证号码：", "证件号：", "投诉人证件号码："),
        "id_type": ("证件类型：居民身份证", "证件类型：身份证", "证件类型：港澳台居民居住证"),
        "mobile": ("联系电话：", "手机号码：", "移动电话：", "手机："),
        "tel": ("固定电话：", "座机：", "其他联系电话：", "单位电话："),
        "email": ("电子邮箱：", "邮箱：", "Email："),
        "card": ("涉及账户：", "银行卡号：", "涉及卡号：", "账号："),
        "org": ("被投诉机构：", "被投诉单位："),
        "policy": ("保单号：", "保险合同号："),
        "ticket": ("投诉编号：", "受理编号：", "工单号："),
        "date": ("投诉日期：", "受理时间：", "事发时间："),
        "amount": ("涉及金额：", "争议金额："),
        "issue": ("投诉事项：", "问题描述：", "投诉内容："),
        "demand": ("诉求：", "投诉请求：", "诉求内容："),
        "header": ("金融消费者投诉登记表", "{HOTLINE12378}银行保险消费投诉登记", "消费者投诉受理单", "客户投诉记录"),
    },
    "email_hdr": ("发件人：", "收件人：客服中心", "主题：", "日期："),
    "subject": ("关于信用卡盗刷的投诉", "理赔申请进度查询", "投诉：暴力催收", "要求退保退费", "请核实扣款问题"),
    "sms": (
        "【{bank}】您尾号{last4}的卡于{DATE}消费{AMT}，如非本人操作请致电{SVC}。",
        "【{ins}】尊敬的客户，您的保单{POLICY}已生效，详询{SVC}。",
        "【{app}】您的借款已逾期，请尽快还款，否则将影响征信。客服电话{SVC}",
        "【{bank}】验证码{CODE}，您正在进行转账操作，切勿告知他人。",
    ),
    "sms_lead": ("收到这条短信：", "今天收到短信：", "短信原文：", ""),
    "bare_label": ("补充：", "附：", "信息如下", "", "", "附件信息"),
}

HANT = {
    "intro": (
        "本人{name}，是{bank}的持卡人。", "您好，我是{name}，", "申訴人{name}，", "敬啟者：", "我要投訴{ins}！",
        "你好，我想反映一件事。", "我是住在{city}的台灣人{name}，", "我係香港人{name}，", "",
    ),
    "issue": (
        "{DATE}發現信用卡遭盜刷{AMT}，當時卡片一直在我身上。",
        "{DATE}提出理賠申請，資料都補齊了，到現在還說在審核，打客服專線{SVC}都沒人接。",
        "業務員當初說這張保單是儲蓄，結果解約只拿回{AMT}，根本是誤導。",
        "{app}的催收人員一直打電話騷擾{rel}和公司同事，還說要到家裡來。",
        "我從來沒有申請這筆貸款，帳戶卻被自動扣款{AMT}，訂單編號{ORDER}。",
        "辦分期時完全沒有告知手續費，一年多付了{AMT}。",
        "保單號碼{POLICY}的醫療險，住院後申請理賠被拒，理由是未如實告知。",
        "張卡俾人盜用咗，銀行話要我自己負責{AMT}，完全冇道理。",
        "我喺{city}返工，個戶口突然被凍結，打咗幾次熱線{SVC}都冇人理。",
        "{DATE}接到自稱{bank}客服的電話，要我把錢轉到安全帳戶，損失{BIGNUM}元。",
        "車險出險（車牌{PLATE}）後，理賠一直拖，報案號{POLICY}。",
        "信用卡逾期幾天就被收高額違約金，帳單從{AMT}變成{AMT}。",
        "保險公司以不符合條款為由拒賠{AMT}，我認為非常不合理。",
    ),
    "id": (
        "身分證字號：{ID}", "身份證號碼：{ID}", "我的身分證號是{ID}，請核對。", "證件號碼{ID}", "本人身份證{ID}",
        "被保險人身分證號碼為{ID}。", "{ID}是我的身份證號", "【身分證】{ID}", "證件號：「{ID}」", "投保人{name}，證件號{ID}。",
        "{rel}的身份證是{ID}", "{name}（{ID}）", "居民身份證號碼：{ID}",
    ),
    "hmt": (
        "台灣居民居住證號碼：{IDHMT}", "我是台胞，居住證號碼是{IDHMT}。", "港澳居民居住證：{IDHMT}",
        "本人持有居住證，號碼{IDHMT}，請查詢。", "證件類型：港澳台居民居住證，證件號碼：{IDHMT}", "我個居住證號碼係{IDHMT}",
        "{IDHMT}", "居住證{IDHMT}",
    ),
    "id15": (
        "舊式身分證號碼（15碼）：{ID15}", "我用的是舊的十五位身份證號{ID15}", "當年登記的舊身份證號碼{ID15}，後來換發成{ID}。",
        "第一代身份證號碼為{ID15}，請一併查核。", "我爸的身份證號{ID15}是舊證",
    ),
    "card": (
        "卡號{CARD}", "信用卡卡號：{CARD}", "被盜刷的卡號是{CARD}。", "扣款帳號：{bank}{CARD}", "帳號：{CARD}",
        "請將理賠款匯入我的{bank}帳戶，卡號{CARD}，戶名{name}。", "我名下兩張卡{CARD}、{CARD}都被凍結。",
        "退款請退回原卡（{CARD}）", "{CARD} 這張卡一直在我手上", "收款帳號 {CARD}", "戶口號碼：{CARD}",
        "我張卡{CARD}俾人扣咗{AMT}", "卡號【{CARD}】", "金融卡號「{CARD}」",
    ),
    "cardbad": (
        "銀行卡號：{CARDBAD}", "扣款的那張金融卡卡號是{CARDBAD}", "薪資帳戶卡號{CARDBAD}，是舊的存摺卡。",
        "信用卡卡號 {CARDBAD}", "卡號（{CARDBAD}）",
    ),
    "phone": (
        "行動電話：{MOB}", "室內電話：{TEL}", "聯絡電話：{PHONE}", "手機{MOB}（微信同號）", "我的手機是{MOB}，有事請打這支。",
        "有問題請聯絡我{MOB}或{TEL}", "電話{PHONE}", "家裡電話{TEL}，白天沒人接。", "公司電話：{TEL}",
        "聯絡方式：{MOB} / {MOB}", "催收用{MOB}、{MOB}輪流打給我。", "回電請撥{MOB}", "號碼【{MOB}】是本人的",
        "我個電話係{MOB}，有咩事打俾我", "聯絡人：{name} {MOB}", "{MOB}{name}", "預留手機號碼{MOB}，一直收不到簡訊。",
        "辦公室電話{TEL}", "手機：{MOB}", "電話：{MOB}或{MOB}",
    ),
    "email": (
        "電子信箱：{EMAIL}", "電郵：{EMAIL}", "郵箱：{EMAIL}", "資料已寄到你們信箱，我的信箱是{EMAIL}。", "回覆請寄至{EMAIL}",
        "E-mail: {EMAIL}", "有進度請以電郵通知（{EMAIL}）", "{EMAIL}",
    ),
    "neg": (
        "客服專線{SVC}一直打不通。", "已經打過{SVC}投訴三次。", "交易時間{TS}，金額{AMT}。", "訂單編號：{ORDER}",
        "交易序號{NOLUHN}", "保單號碼：{POLICY}", "報案號{POLICY}", "驗證碼{CODE}我沒有告訴任何人。",
        "對方加我QQ{QQ}說可以幫我消除逾期紀錄。", "對方微信號{WX}", "車牌{PLATE}的車輛出險",
        "網站底部寫著{ICP}，看起來很正規。", "簡訊顯示的卡號是{MASK}", "網址是https://m.loan-app.cn/pay?ts={EPOCH}",
        "貸款金額{BIGNUM}元", "業務編號{BADID}", "也打過{SVC}和{SVC}，都說不歸他們管。", "合約編號{ORDER}",
        "案件編號{ORDER}", "已經報警（{SVC}）", "{DATE}又扣了{AMT}", "簡訊說尾號{last4}的卡消費{AMT}",
        "客服說會在{DATE}前回電", "回執上身分證號只顯示{MASK}", "憑證號碼：{NOLUHN}", "退保金額{BIGNUM}元",
        "收到的驗證碼是{CODE}", "索償編號{POLICY}", "訂單建立時間{TS}",
    ),
    "closing": (
        "請儘速處理！", "希望盡快給我答覆。", "要求退還全部費用。", "懇請協助，謝謝！", "唔該盡快處理。",
        "麻煩盡快處理，謝謝。", "要求賠償損失。", "",
    ),
    "chat": (
        "在嗎", "我的卡又被扣錢了", "你們到底什麼時候處理", "{MOB}", "卡號{CARD}", "身分證{ID}", "我手機{MOB}",
        "打我電話{PHONE}", "信箱{EMAIL}", "客服{SVC}打不通", "訂單編號{ORDER}", "收到，謝謝", "驗證碼{CODE}是你們發的嗎",
        "好的", "還是沒入帳", "我傳截圖給你", "{CARD}", "{ID}", "轉了{AMT}過去", "簡訊顯示{MASK}", "你打{TEL}找我",
        "保單號碼{POLICY}", "好，聽日去分行", "我個電話{MOB}", "佢話係{bank}嘅，叫我加微信{WX}",
    ),
    "agent_q": (
        ("請問您的身分證號碼？", "id"), ("麻煩提供您的卡號。", "card"), ("請問您的行動電話？", "mobile"),
        ("請留一個方便聯絡的電話。", "phone"), ("方便留個電子信箱嗎？", "email"), ("請問被保險人的證件號碼？", "id"),
        ("請問扣款的是哪一張卡？", "card"), ("唔該講低你個聯絡電話。", "phone"),
    ),
    "cust_a": {
        "id": ("{ID}", "是{ID}", "身分證{ID}", "係{ID}"),
        "card": ("{CARD}", "卡號是{CARD}", "{bank}的，{CARD}"),
        "mobile": ("{MOB}", "手機{MOB}", "是{MOB}"),
        "phone": ("{PHONE}", "打我手機{MOB}，不然打家裡{TEL}", "公司的{TEL}", "{MOB}或者{MOB}都可以"),
        "email": ("{EMAIL}", "信箱是{EMAIL}", "寄到{EMAIL}"),
    },
    "agent_misc": (
        "您好，這裡是客服中心，請問有什麼可以為您服務？", "好的，我幫您登記。", "您也可以撥打{SVC}查詢進度。",
        "系統查到您尾號{last4}的卡在{DATE}有一筆{AMT}的交易。", "跟您確認一下，{MASK}是您本人嗎？",
        "案件編號是{ORDER}，請您記下。", "我們會在三個工作天內回覆。", "請勿將驗證碼告訴他人。", "還有其他問題嗎？",
    ),
    "cust_misc": (
        "我要投訴，你們亂扣款！", "我的卡被盜刷了。", "我要解約。", "理賠怎麼還沒下來？", "你們催收太過分了。",
        "上次打{SVC}說會回電，到現在都沒人聯絡。", "好，謝謝。", "扣了我{AMT}", "沒有了。",
    ),
    "form": {
        "name": ("申訴人姓名：", "姓名：", "客戶姓名：", "申請人："),
        "id": ("身分證字號：", "證件號碼：", "身份證號碼：", "居住證號碼："),
        "id_type": ("證件類型：居民身份證", "證件類型：港澳台居民居住證", "證件類別：身分證"),
        "mobile": ("行動電話：", "手機號碼：", "聯絡電話：", "手提電話："),
        "tel": ("室內電話：", "住宅電話：", "公司電話：", "辦公室電話："),
        "email": ("電子信箱：", "電郵地址：", "E-mail："),
        "card": ("帳號：", "卡號：", "戶口號碼：", "扣款帳號："),
        "org": ("被申訴機構：", "被投訴機構："),
        "policy": ("保單號碼：", "保險契約號碼："),
        "ticket": ("案件編號：", "受理編號：", "申訴編號："),
        "date": ("申訴日期：", "受理日期：", "事發日期："),
        "amount": ("爭議金額：", "涉及金額："),
        "issue": ("申訴事由：", "問題描述：", "投訴內容："),
        "demand": ("請求事項：", "訴求：", "要求："),
        "header": ("金融消費爭議申訴書", "客戶申訴登記表", "投訴受理單", "消費者投訴表格"),
    },
    "email_hdr": ("寄件者：", "收件者：客服中心", "主旨：", "日期："),
    "subject": ("信用卡盜刷申訴", "理賠進度查詢", "投訴：催收騷擾", "要求解約退費", "請核實扣款"),
    "sms": (
        "【{bank}】您尾號{last4}的卡於{DATE}消費{AMT}，如非本人交易請致電{SVC}。",
        "【{ins}】親愛的客戶，您的保單{POLICY}已生效，詳情請洽{SVC}。",
        "【{bank}】驗證碼{CODE}，請勿告知他人。",
    ),
    "sms_lead": ("收到這則簡訊：", "簡訊原文：", ""),
    "bare_label": ("補充：", "附：", "資料如下", "", ""),
}

POOLS = {"zh-Hans": HANS, "zh-Hant": HANT}

# ---------------------------------------------------------------------------
# Document builder
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass
class Doc:
    rng: random.Random
    variant: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    entities: list[dict] = field(default_factory=list)
    negatives: list[dict] = field(default_factory=list)
    _checks: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def hant(self) -> bool:
        return self.variant == "zh-Hant"

    @property
    def pool(self) -> dict:
        return POOLS[self.variant]

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def span(self, sp: Span) -> None:
        start = self.length
        self.add(sp.surface)
        end = self.length
        self._checks.append((start, end, sp.surface))
        if sp.entity_type:
            self.entities.append({"entity_type": sp.entity_type, "start": start, "end": end, "form": sp.form})
        else:
            self.negatives.append({"kind": sp.kind, "start": start, "end": end})

    def filler(self, key: str) -> str:
        if key == "last4":
            return digits(self.rng, 4)
        vals = FILL["hant" if self.hant else "hans"].get(key)
        if vals is None:
            raise KeyError(key)
        return self.rng.choice(vals)

    def render(self, template: str) -> None:
        pos = 0
        for m in _PLACEHOLDER.finditer(template):
            self.add(template[pos:m.start()])
            key = m.group(1)
            if key in GENERATORS:
                self.span(GENERATORS[key](self.rng, self.hant))
            else:
                self.add(self.filler(key))
            pos = m.end()
        self.add(template[pos:])

    def say(self, pool_key: str) -> None:
        self.render(self.rng.choice(self.pool[pool_key]))

    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------
# Document frames
# ---------------------------------------------------------------------------

_PII_KEYS = {"id": 24, "hmt": 4, "id15": 3, "card": 20, "cardbad": 3, "phone": 30, "email": 10}


def _pii_key(rng: random.Random) -> str:
    return pick(rng, _PII_KEYS)


def _sep(doc: Doc) -> str:
    last = next((p[-1] for p in reversed(doc.parts) if p), "")
    if not last or last in "。！？；，：\n":
        return doc.rng.choice(("", "", "\n", " "))
    return doc.rng.choice(("，", "。", "。", "\n", "；", " ", "！"))


def frame_narrative(doc: Doc) -> None:
    rng = doc.rng
    doc.say("intro")
    doc.say("issue")
    items = [_pii_key(rng) for _ in range(rng.randint(1, 4))] + ["neg"] * rng.randint(0, 3)
    rng.shuffle(items)
    for key in items:
        doc.add(_sep(doc))
        doc.say(key)
    doc.add(_sep(doc) if rng.random() < 0.6 else "")
    doc.say("closing")


def frame_form(doc: Doc) -> None:
    rng = doc.rng
    f = doc.pool["form"]
    lines: list[Callable[[], None]] = []
    colon_space = rng.choice(("", "", " "))
    nl = rng.choice(("\n", "\n", "\r\n", "\n\n"))

    def field_line(label_key: str, tmpl: str) -> Callable[[], None]:
        def go() -> None:
            doc.add(rng.choice(f[label_key]) + colon_space)
            doc.render(tmpl)
        return go

    if rng.random() < 0.6:
        doc.render(rng.choice(f["header"]))
        doc.add(nl)
    lines.append(field_line("name", "{name}"))
    hmt = rng.random() < 0.15
    if rng.random() < 0.5:
        id_type = next(t for t in f["id_type"] if ("港澳台" in t) == hmt)
        lines.append(lambda: doc.add(id_type))
    if rng.random() < 0.85:
        idt = "{IDHMT}" if hmt else ("{ID15}" if rng.random() < 0.05 else "{ID}")
        lines.append(field_line("id", idt))
    lines.append(field_line("mobile", rng.choice(("{MOB}", "{MOB}", "{MOB}、{MOB}", "{MOB} / {TEL}", "{MOB}或{MOB}"))))
    if rng.random() < 0.4:
        lines.append(field_line("tel", "{TEL}"))
    if rng.random() < 0.5:
        lines.append(field_line("email", "{EMAIL}"))
    if rng.random() < 0.5:
        lines.append(field_line("card", "{CARDBAD}" if rng.random() < 0.08 else "{CARD}"))
    lines.append(field_line("org", rng.choice(("{bank}", "{ins}", "{bank}{city}分行", "{ins}{city}分公司"))))
    if rng.random() < 0.5:
        lines.append(field_line("policy", "{POLICY}"))
    if rng.random() < 0.6:
        lines.append(field_line("ticket", "{ORDER}"))
    if rng.random() < 0.6:
        lines.append(field_line("date", rng.choice(("{DATE}", "{CTS}"))))
    if rng.random() < 0.5:
        lines.append(field_line("amount", "{AMT}"))
    lines.append(field_line("issue", rng.choice(doc.pool["issue"])))
    lines.append(field_line("demand", rng.choice(doc.pool["closing"][:-1])))
    # intake forms keep a fixed order, but some agencies put contact details last
    if rng.random() < 0.3:
        head, tail = lines[:1], lines[1:]
        rng.shuffle(tail)
        lines = head + tail
    for i, go in enumerate(lines):
        if i:
            doc.add(nl)
        go()
    if rng.random() < 0.3:
        doc.add(nl)
        doc.say("neg")


def frame_chat(doc: Doc) -> None:
    rng = doc.rng
    me = doc.filler("name")
    other = rng.choice(("客服", "客服小美", "理赔专员", "催收员")) if not doc.hant else rng.choice(("客服", "專員", "業務員", "阿May"))
    style = rng.choice(("full", "short", "bracket"))
    for i in range(rng.randint(3, 9)):
        if i:
            doc.add("\n")
        speaker = me if rng.random() < 0.65 else other
        if style == "full":
            doc.span(gen_chat_ts(rng, doc.hant))
            doc.add(f" {speaker}：" if rng.random() < 0.5 else f" {speaker}\n")
        elif style == "bracket":
            doc.add("[")
            doc.span(gen_chat_ts(rng, doc.hant))
            doc.add(f"] {speaker}: ")
        else:
            doc.add(f"{speaker} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}\n")
        if speaker == me:
            doc.say("chat")
        else:
            doc.say("agent_misc")


def frame_transcript(doc: Doc) -> None:
    rng = doc.rng
    if doc.hant:
        a_lbl, c_lbl = rng.choice((("客服", "客戶"), ("職員", "客人"), ("專員", "來電者"), ("A", "C")))
    else:
        a_lbl, c_lbl = rng.choice((("坐席", "客户"), ("客服", "来电人"), ("座席", "客户"), ("A", "B")))
    turns: list[tuple[str, str | None]] = [("agent_misc", None), ("cust_misc", None)]
    for q, kind in rng.sample(doc.pool["agent_q"], rng.randint(1, 4)):
        turns.append((q, kind))
    if rng.random() < 0.6:
        turns.append(("agent_misc", None))
    if rng.random() < 0.4:
        turns.append(("cust_misc", None))
    colon = rng.choice(("：", ": ", "："))
    for i, (t, kind) in enumerate(turns):
        if i:
            doc.add("\n")
        if t == "agent_misc":
            doc.add(a_lbl + colon)
            doc.render(rng.choice(doc.pool["agent_misc"]) if i else doc.pool["agent_misc"][0])
        elif t == "cust_misc":
            doc.add(c_lbl + colon)
            doc.say("cust_misc")
        else:
            doc.add(a_lbl + colon + t + "\n" + c_lbl + colon)
            doc.render(rng.choice(doc.pool["cust_a"][kind]))
            if rng.random() < 0.3:
                doc.add("\n" + a_lbl + colon + ("好的，跟您確認一下。" if doc.hant else "好的，跟您确认一下。"))


def frame_email(doc: Doc) -> None:
    rng = doc.rng
    hdr = doc.pool["email_hdr"]
    name = doc.filler("name")
    doc.add(f"{hdr[0]}{name} <")
    doc.span(gen_email(rng, doc.hant))
    doc.add(f">\n{hdr[1]}\n{hdr[2]}{rng.choice(doc.pool['subject'])}\n{hdr[3]}")
    doc.span(gen_date(rng, doc.hant))
    doc.add("\n\n" + ("您好：\n" if not doc.hant else rng.choice(("您好：\n", "敬啟者：\n", "Dear Sir/Madam,\n"))))
    doc.say("issue")
    for _ in range(rng.randint(1, 3)):
        doc.add(_sep(doc))
        doc.say(rng.choice(("id", "card", "phone", "neg", "neg")))
    doc.add("\n" + rng.choice(doc.pool["closing"]) + "\n\n" + name + "\n")
    sig = rng.random()
    if sig < 0.4:
        doc.render("手機：{MOB}" if not doc.hant else rng.choice(("行動電話：{MOB}", "手提：{MOB}", "Mobile: {MOB}")))
    elif sig < 0.6:
        doc.render("Tel: {TEL}\nMobile: {MOB}")
    elif sig < 0.7:
        doc.render("{MOB}")
    doc.add("\n")
    if rng.random() < 0.15:
        doc.render("\n—— 发自我的手机" if not doc.hant else "\n—— 從我的iPhone傳送")


def frame_sms(doc: Doc) -> None:
    rng = doc.rng
    doc.say("sms_lead")
    doc.say("sms")
    doc.add(rng.choice(("\n", " ")) if doc.text()[-1:].isdigit() else rng.choice(("\n", "", " ")))
    if rng.random() < 0.5:
        doc.say("issue")
    if rng.random() < 0.6:
        doc.add(_sep(doc))
        doc.say(_pii_key(rng))
    if rng.random() < 0.5:
        doc.add(_sep(doc))
        doc.say("neg")


def frame_bare(doc: Doc) -> None:
    """Numbers with no context word at all: lists, line starts / ends."""
    rng = doc.rng
    doc.say("bare_label")
    if doc.parts and doc.parts[-1]:
        doc.add("\n")
    keys = rng.sample(["ID", "CARD", "MOB", "MOB", "TEL", "EMAIL", "TS", "NOLUHN", "BADID", "ORDER", "POLICY", "SVC", "EPOCH", "MASK", "AMT"],
                      rng.randint(2, 6))
    style = rng.choice(("lines", "joined", "name_lines", "tabbed"))
    sep = {"lines": "\n", "joined": rng.choice(("、", " / ", "，", "；", " 或 ", "/")), "name_lines": "\n", "tabbed": "\t"}[style]
    for i, k in enumerate(keys):
        if i:
            doc.add(sep)
        if style == "name_lines" and rng.random() < 0.5:
            doc.add(doc.filler("name") + " ")
        br = rng.random()
        if br < 0.12:
            open_, close = rng.choice((("【", "】"), ("「", "」"), ("（", "）"), ("(", ")"), ("[", "]"), ("『", "』")))
            doc.add(open_)
            doc.render("{" + k + "}")
            doc.add(close)
        else:
            doc.render("{" + k + "}")
    if rng.random() < 0.4:
        doc.add("\n")
        doc.say("closing")


FRAMES: dict[str, Callable[[Doc], None]] = {
    "narrative": frame_narrative, "form": frame_form, "chat": frame_chat, "transcript": frame_transcript,
    "email": frame_email, "sms": frame_sms, "bare": frame_bare,
}
FRAME_WEIGHTS = {"narrative": 30, "form": 18, "chat": 14, "transcript": 14, "email": 8, "sms": 7, "bare": 9}

# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

_LONG_DIGITS = re.compile(r"[0-9０-９]{5,}")
_DIGIT = re.compile(r"[0-9０-９]")


def _validate(text: str, doc: Doc) -> None:
    for start, end, surface in doc._checks:  # noqa: SLF001
        assert text[start:end] == surface, (text, start, end, surface)
    spans = sorted([(e["start"], e["end"]) for e in doc.entities] + [(n["start"], n["end"]) for n in doc.negatives])
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, ("overlap", text, s1, e1, s2, e2)
    for e in doc.entities:
        s = text[e["start"]:e["end"]]
        assert s == s.strip() and s[0] in "+(（＋0123456789０１２３４５６７８９" or e["entity_type"] == "EMAIL_ADDRESS", s
    # no span may touch a digit outside it (that would silently change the number)
    for s, e in spans:
        assert not (s > 0 and _DIGIT.match(text[s - 1])), ("digit before span", text[s - 1:e])
        assert not (e < len(text) and _DIGIT.match(text[e])), ("digit after span", text[s:e + 1])
    # every digit run of 5+ must be labelled (entity or negative): no unlabelled PII-like numbers
    for m in _LONG_DIGITS.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            raise AssertionError(f"unlabelled digit run {m.group()!r} in {text!r}")


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        variant = "zh-Hans" if rng.random() < 0.6 else "zh-Hant"
        frame = pick(rng, FRAME_WEIGHTS)
        doc = Doc(rng, variant)
        FRAMES[frame](doc)
        text = doc.text()
        _validate(text, doc)
        out.append({
            "id": f"blind-{seed}-{i:05d}-{frame}",
            "text": text,
            "variant": variant,
            "entities": doc.entities,
            "negatives": doc.negatives,
        })
    return out


def _summary(records: list[dict]) -> str:
    ents = collections.Counter(e["entity_type"] for r in records for e in r["entities"])
    forms = collections.Counter((e["entity_type"], e["form"]) for r in records for e in r["entities"])
    negs = collections.Counter(n["kind"] for r in records for n in r["negatives"])
    var = collections.Counter(r["variant"] for r in records)
    lines = [f"records: {len(records)}  variants: {dict(var)}", "entities:"]
    for t, c in sorted(ents.items()):
        lines.append(f"  {t}: {c}")
        for (tt, f), fc in sorted(forms.items()):
            if tt == t:
                lines.append(f"      {f}: {fc}")
    lines.append("negatives:")
    for k, c in sorted(negs.items()):
        lines.append(f"  {k}: {c}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", type=Path, default=Path("benchmarks/out/blind.jsonl"))
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    records = generate(args.n, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if not args.quiet:
        print(_summary(records), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
