"""Labelled synthetic complaint corpus for the Chinese PII detector.

Builds realistic bank / insurance complaint texts (代理退保, 扣款, 理赔, 盗刷,
催收, 销售误导, 贷款 ...) in simplified and traditional Chinese, embeds the
synthetic identifiers of :mod:`benchmarks.synth` in the surface forms seen in
real complaint data (grouped digits, ``+86`` prefixes, full-width digits,
zero-width characters, ideographic spaces, extensions ...) and records gold
spans for them, plus spans of *hard negatives* (hotlines, timestamps, order and
policy numbers, masked numbers, bad checksums ...).

Two template families exist so that the detector can be measured on text it
was not tuned on:

``dev``
    Narrative complaints: opening, entity clauses, details, closing.
``holdout``
    Different document shapes (call-centre tickets, agent/customer
    transcripts where the number is in the *next* turn after the question,
    formal letters, social-media posts), different context phrasings
    (incl. Hong Kong / Taiwan usage such as 手提電話, 戶口號碼, 室內電話) and a
    different mix of surface forms.

The context phrasings are deliberately the benchmark author's own, independent
of the detector's word lists; the test-suite checks that the two families do
not share context phrases.

Record schema (one JSON object per line)::

    {"id": "dev-1-00042", "text": "...", "variant": "zh-Hans" | "zh-Hant",
     "family": "dev" | "holdout",
     "entities": [{"entity_type": "CN_RESIDENT_ID" | "CN_BANK_CARD" |
                   "CN_PHONE_NUMBER" | "EMAIL_ADDRESS",
                   "start": int, "end": int, "form": str, "context": bool}],
     "negatives": [{"kind": str, "start": int, "end": int}]}

Offsets are Python code-point offsets.  A gold span starts at the first
significant character (``+`` / ``(`` of a prefix, or the first digit) and ends
after the last digit / check character; a landline extension is part of the
span.  ``context`` says whether a context phrase is near the mention (False
for a bare number).

CLI::

    python -m benchmarks.corpus -n 3000 --seed 1 --family dev -o benchmarks/out/dev.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from benchmarks import synth
from benchmarks.synth import choose_weighted

ENTITY_TYPES: dict[str, str] = {
    "id": "CN_RESIDENT_ID",
    "id15": "CN_RESIDENT_ID",
    "card": "CN_BANK_CARD",
    "card_bad": "CN_BANK_CARD",
    "mobile": "CN_PHONE_NUMBER",
    "landline": "CN_PHONE_NUMBER",
    "email": "EMAIL_ADDRESS",
}

NEGATIVE_KINDS: tuple[str, ...] = (
    "service_number", "timestamp", "epoch", "order_number", "policy_number",
    "icp", "amount", "masked", "bad_checksum", "other",
)

THEMES: tuple[str, ...] = ("surrender", "debit", "claim", "fraud", "collection", "policy", "loan")

ZERO_WIDTH: tuple[str, ...] = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
IDEOGRAPHIC_SPACE = "\u3000"

_FULLWIDTH = str.maketrans("0123456789Xx-+() ", "０１２３４５６７８９Ｘｘ－＋（）\u3000")

# ---------------------------------------------------------------------------
# Shared vocabulary (not PII context; just realism)
# ---------------------------------------------------------------------------

_SURNAMES = {
    "zh-Hans": "张王李刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁",
    "zh-Hant": "張王李劉陳楊黃趙吳周徐孫馬朱胡郭何林羅高鄭梁謝宋唐許鄧馮韓曹曾彭蕭蔡潘田董袁",
}
_TITLES = ("先生", "女士", "某", "某某", "小姐")
_BANKS = {
    "zh-Hans": ("工商银行", "农业银行", "建设银行", "中国银行", "招商银行", "交通银行",
                "邮储银行", "平安银行", "兴业银行", "民生银行", "某城商行", "某农商行"),
    "zh-Hant": ("工商銀行", "農業銀行", "建設銀行", "中國銀行", "招商銀行", "交通銀行",
                "郵儲銀行", "平安銀行", "興業銀行", "民生銀行", "某商業銀行"),
}
_INSURERS = {
    "zh-Hans": ("平安人寿", "中国人寿", "太平洋保险", "新华保险", "泰康人寿", "人保财险",
                "友邦保险", "太平人寿", "阳光保险", "某寿险公司"),
    "zh-Hant": ("平安人壽", "中國人壽", "太平洋保險", "新華保險", "泰康人壽", "人保財險",
                "友邦保險", "太平人壽", "陽光保險", "某壽險公司"),
}
_EXT_MARKERS = {
    "zh-Hans": ("转", "转", " 转 ", "分机", " ext. ", "ext."),
    "zh-Hant": ("轉", "轉", "#", " 內線", "分機", " ext. "),
}


# ---------------------------------------------------------------------------
# Lexicons: everything that differs between families and scripts
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Phrases for one (family, script) pair.

    ``ctx_nouns`` are context phrases after which a number follows with a
    separator (``身份证号：…``); ``ctx_verbs`` are verbs that take the number
    directly (``致电…``).  ``clauses`` are entity clause templates,
    ``bare`` templates carry an entity with no context word at all (``*`` is
    replaced by the entity key).  Templates use ``{C:x}`` (noun context +
    separator), ``{V:x}`` (verb context), ``{E:x}`` (entity), ``{N:kind}``
    (hard negative), ``{NAME}``, ``{BANK}``, ``{INS}``.
    """

    ctx_nouns: dict[str, tuple[str, ...]]
    ctx_verbs: dict[str, tuple[str, ...]]
    clauses: dict[str, tuple[str, ...]]
    bare: tuple[str, ...]
    openings: dict[str, tuple[str, ...]]
    bodies: dict[str, tuple[str, ...]]
    generic: tuple[str, ...]
    plain: tuple[str, ...]
    closings: tuple[str, ...]
    # holdout-only document shapes
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    asks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answers: tuple[str, ...] = ()
    shapes: dict[str, Any] = field(default_factory=dict)


DEV_HANS = Lexicon(
    ctx_nouns={
        "id": ("身份证号", "身份证号码", "证件号码", "本人身份证", "公民身份号码", "身份证件号",
               "投保人身份证号", "被保险人证件号", "开户证件号", "居民身份证", "证件号"),
        "id15": ("旧身份证号", "15位身份证号", "老身份证号码", "一代身份证", "以前的15位证件号",
                 "旧版身份证号码"),
        "card": ("卡号", "银行卡号", "借记卡号", "信用卡卡号", "扣款账户", "还款卡", "储蓄卡",
                 "工资卡卡号", "收款账号", "绑定的银行卡", "代扣卡号", "被盗刷的卡", "账号"),
        "mobile": ("手机号", "手机号码", "本人手机", "联系电话", "预留手机号", "注册手机号", "电话",
                   "手机"),
        "landline": ("座机", "单位电话", "办公电话", "家里电话", "固话", "公司座机"),
        "phone": ("联系方式", "联系电话", "电话"),
        "email": ("邮箱", "电子邮箱", "邮件地址", "E-mail"),
    },
    ctx_verbs={
        "mobile": ("致电", "回拨", "拨打", "打", "联系"),
        "landline": ("致电", "回拨", "拨打"),
        "phone": ("致电", "回拨", "拨打"),
    },
    clauses={
        "id": ("{C:id}{E:id}", "{C:id}{E:id}", "本人{NAME}，{C:id}{E:id}",
               "对方拿着我的{C:id}{E:id}去办了业务", "投保资料上{C:id}{E:id}",
               "核对了一下，{C:id}{E:id}没有错"),
        "id15": ("{C:id15}{E:id15}", "系统里登记的还是我的{C:id15}{E:id15}",
                 "{C:id15}{E:id15}，后来换了二代证"),
        "card": ("{C:card}{E:card}", "我在{BANK}的{C:card}{E:card}被扣了{N:amount}",
                 "{C:card}{E:card}在{N:date}出现了几笔异常交易", "{E:card}这张卡是我的工资卡",
                 "请把钱退回到{C:card}{E:card}"),
        "card_bad": ("{C:card}{E:card_bad}", "我的{BANK}{C:card}{E:card_bad}"),
        "mobile": ("{C:mobile}{E:mobile}", "有事请{V:mobile}{E:mobile}",
                   "我的{C:mobile}{E:mobile}每天接到骚扰", "{E:mobile}是本人手机号",
                   "对方用我的{C:mobile}{E:mobile}注册了各种平台"),
        "landline": ("{C:landline}{E:landline}", "催收员还打到我{C:landline}{E:landline}",
                     "工作日可{V:landline}{E:landline}"),
        "phone": ("{C:phone}{E:phone}", "请{V:phone}{E:phone}与我联系"),
        "email": ("{C:email}{E:email}", "材料已发至{C:email}{E:email}",
                  "书面回复请寄到{C:email}{E:email}"),
        "multi": ("{C:mobile}{E:mobile}、{E:mobile}", "{C:phone}{E:mobile}或{E:landline}"),
    },
    bare=("{E:*}", "{E:*}", "{NAME} {E:*}", "{NAME}{E:*}", "盼复 {E:*}", "谢谢！{E:*}"),
    openings={
        "surrender": ("我在{INS}投保的年金险被一家所谓的“维权公司”代理退保，对方收走了{N:amount}的服务费",
                      "{N:date}有人自称是保险公司内部人员，说可以帮我全额退保，我把资料都给了他们",
                      "本人经朋友介绍找了代理退保中介，退保后不但没拿回本金，还被要求购买理财产品"),
        "debit": ("{BANK}在未通知我的情况下从我账户扣款{N:amount}",
                  "我的账户每个月都被自动扣一笔会员费，我从来没有开通过",
                  "{N:date}我发现卡里少了{N:amount}，查询后说是代扣保费"),
        "claim": ("我母亲去年住院，向{INS}申请理赔至今没有结果",
                  "出险后我按要求提交了全部理赔材料，等了两个多月仍未结案",
                  "{INS}以既往症为由拒赔，但投保时业务员根本没有询问健康状况"),
        "fraud": ("{N:date}凌晨我的信用卡在境外被盗刷了{N:amount}",
                  "手机连续收到多条消费短信，但我本人并没有消费",
                  "我的卡一直在身上，却被人在网上消费了好几笔"),
        "collection": ("{BANK}委托的催收人员频繁骚扰我的家人和同事",
                       "网贷逾期后，催收公司每天打几十个电话威胁我",
                       "催收员冒充律师，说要去我单位和老家张贴告示"),
        "policy": ("业务员销售时说是存款，保本保息，后来才知道买的是分红险",
                   "保单到期后{INS}不按合同约定给付满期金",
                   "我在银行网点存钱，被柜台人员推销了一份十年期的保险"),
        "loan": ("我在{BANK}办理的消费贷实际年化利率远超合同约定",
                 "贷款已经提前结清，但征信上仍显示逾期"),
    },
    bodies={
        "surrender": ("后来才知道他们是非法代理退保组织",
                      "对方让我把保单原件、银行卡和身份证复印件都寄过去",
                      "现在对方电话打不通，微信也把我拉黑了"),
        "debit": ("扣款记录显示交易时间是{N:timestamp}", "打{N:service_number}客服，只说是系统自动扣款",
                  "银行说要我自己联系商户，商户订单号是{N:order_number}"),
        "claim": ("保单号{N:policy_number}，出险时间{N:date}", "理赔员一直让我补材料，前后补了五次",
                  "申请理赔金额为{N:amount}"),
        "fraud": ("交易流水号{N:bad_luhn}，商户在国外", "短信显示的卡号是{N:masked_card}",
                  "我第一时间打{N:service_number}冻结了卡片"),
        "collection": ("对方用不同号码轮番打电话，还发短信辱骂", "我已经向{N:service_number}反映过，没有任何效果",
                       "借款合同编号{N:order_number}，欠款{N:amount}"),
        "policy": ("保单号为{N:policy_number}，年缴保费{N:amount}", "当时的录音录像都是业务员教我怎么回答的",
                   "我要求全额退还已缴保费"),
        "loan": ("合同编号{N:order_number}，每月还款{N:amount}", "客服电话{N:service_number}永远是排队中"),
    },
    generic=("我多次拨打{N:service_number}均无人处理", "相关截图的时间戳为{N:epoch}",
             "对方的网站备案号是{N:icp}，看起来很正规", "系统生成的受理编号是{N:bad_id}",
             "App显示的绑定手机为{N:masked_mobile}", "我于{N:date}已经提交过一次投诉",
             "短信验证码{N:code}也被对方骗走了", "涉及金额合计{N:amount}", "凭证号{N:bad_luhn}",
             "接口日志里的时间是{N:epoch_s}", "受理回执上证件号显示为{N:masked_id}", "致电{N:service_number}后对方承诺三个工作日内回复"),
    plain=("我是一名普通工薪阶层，这些钱是我的养老钱", "多次沟通无果，只能向贵局投诉",
           "客服态度极其恶劣，一直推诿", "我对此非常不满", "希望监管部门能够重视",
           "家里老人不会用手机，全靠我代为办理"),
    closings=("恳请监管部门介入，督促其退还全部款项", "请尽快核实处理并给予书面答复",
              "要求停止一切骚扰行为并赔礼道歉", "希望{INS}能按合同约定履行理赔义务",
              "请求撤销不实的征信记录", "望贵单位主持公道"),
)

DEV_HANT = Lexicon(
    ctx_nouns={
        "id": ("身份證字號", "身分證號碼", "證件號碼", "本人身份證", "身份證號", "證件號",
               "要保人身分證", "被保險人證件號碼", "開戶證件號碼"),
        "id15": ("舊身份證號", "15位身份證號", "舊版身分證號碼", "第一代身份證"),
        "card": ("卡號", "銀行卡號", "還款卡", "信用卡卡號", "扣款帳戶", "金融卡", "提款卡", "帳號",
                 "轉帳帳號", "被盜刷的卡"),
        "mobile": ("手機號碼", "手機", "聯絡電話", "聯繫電話", "本人手機"),
        "landline": ("市話", "公司電話", "辦公室電話", "住家電話", "座機"),
        "phone": ("聯絡方式", "電話"),
        "email": ("電郵", "電子郵件", "電子信箱", "Email"),
    },
    ctx_verbs={
        "mobile": ("致電", "回撥", "請撥", "撥打"),
        "landline": ("致電", "回撥"),
        "phone": ("致電", "回撥", "撥打"),
    },
    clauses={
        "id": ("{C:id}{E:id}", "{C:id}{E:id}", "本人{NAME}，{C:id}{E:id}",
               "對方拿我的{C:id}{E:id}去辦了業務", "投保資料上的{C:id}{E:id}",
               "核對過了，{C:id}{E:id}沒有錯"),
        "id15": ("{C:id15}{E:id15}", "系統裡登記的還是我的{C:id15}{E:id15}",
                 "{C:id15}{E:id15}，後來換了新證"),
        "card": ("{C:card}{E:card}", "我在{BANK}的{C:card}{E:card}被扣了{N:amount}",
                 "{C:card}{E:card}在{N:date}出現好幾筆異常交易", "{E:card}這張是我的薪轉卡",
                 "請把款項退回{C:card}{E:card}"),
        "card_bad": ("{C:card}{E:card_bad}", "我的{BANK}{C:card}{E:card_bad}"),
        "mobile": ("{C:mobile}{E:mobile}", "有事請{V:mobile}{E:mobile}",
                   "我的{C:mobile}{E:mobile}每天接到騷擾電話", "{E:mobile}是本人的手機",
                   "對方用我的{C:mobile}{E:mobile}註冊了各種平台"),
        "landline": ("{C:landline}{E:landline}", "催收人員還打到我{C:landline}{E:landline}",
                     "上班時間可{V:landline}{E:landline}"),
        "phone": ("{C:phone}{E:phone}", "請{V:phone}{E:phone}與我聯繫"),
        "email": ("{C:email}{E:email}", "文件已寄到{C:email}{E:email}",
                  "書面回覆請寄至{C:email}{E:email}"),
        "multi": ("{C:mobile}{E:mobile}、{E:mobile}", "{C:phone}{E:mobile}或{E:landline}"),
    },
    bare=("{E:*}", "{E:*}", "{NAME} {E:*}", "{NAME}{E:*}", "靜候回覆 {E:*}", "謝謝！{E:*}"),
    openings={
        "surrender": ("我在{INS}投保的年金險被一家所謂的「維權公司」代辦退保，對方收取了{N:amount}的服務費",
                      "{N:date}有人自稱是保險公司內部人員，說可以幫我全額退保，我就把資料都交給了他們"),
        "debit": ("{BANK}在沒有通知我的情況下從我的帳戶扣款{N:amount}",
                  "我的帳戶每個月都被自動扣一筆會員費，我從來沒有申請過"),
        "claim": ("家母去年住院，向{INS}申請理賠至今沒有下文",
                  "事故發生後我依規定遞交了全部理賠文件，等了兩個多月仍未結案"),
        "fraud": ("{N:date}凌晨我的信用卡在海外被盜刷了{N:amount}",
                  "手機連續收到好幾則消費簡訊，但我本人根本沒有消費"),
        "collection": ("{BANK}委外的催收人員不斷騷擾我的家人和同事",
                       "貸款逾期之後，催收公司每天打幾十通電話恐嚇我"),
        "policy": ("業務員推銷時說是存款，保本保息，後來才知道買的是分紅保險",
                   "保單期滿後{INS}遲遲不按合約給付滿期金"),
        "loan": ("我在{BANK}辦理的信用貸款實際年利率遠高於合約約定",
                 "貸款早已提前清償，但信用紀錄上仍顯示逾期"),
    },
    bodies={
        "surrender": ("後來才發現他們是非法代理退保集團", "對方要求我把保單正本、銀行卡和身分證影本都寄過去",
                      "現在對方電話打不通，LINE也把我封鎖了"),
        "debit": ("扣款紀錄顯示交易時間為{N:timestamp}", "打{N:service_number}客服，只說是系統自動扣款",
                  "銀行要我自己聯繫商家，訂單編號是{N:order_number}"),
        "claim": ("保單號碼{N:policy_number}，事故日期{N:date}", "理賠人員一直要我補件，前後補了五次",
                  "申請理賠金額為{N:amount}"),
        "fraud": ("交易序號{N:bad_luhn}，商家在國外", "簡訊上顯示的卡號是{N:masked_card}",
                  "我第一時間打{N:service_number}掛失停卡"),
        "collection": ("對方用不同號碼輪流打電話，還傳簡訊辱罵", "我已經向{N:service_number}反映過，完全沒有改善",
                       "借款合約編號{N:order_number}，欠款{N:amount}"),
        "policy": ("保單號碼為{N:policy_number}，年繳保費{N:amount}", "當時的錄音錄影都是業務員教我怎麼回答的",
                   "我要求全額退還已繳保費"),
        "loan": ("合約編號{N:order_number}，每月還款{N:amount}", "客服專線{N:service_number}永遠在排隊"),
    },
    generic=("我多次撥打{N:service_number}都沒有人處理", "相關截圖的時間戳記為{N:epoch}",
             "對方網站的備案號是{N:icp}，看起來很正規", "系統產生的受理編號是{N:bad_id}",
             "App上顯示綁定的手機為{N:masked_mobile}", "我在{N:date}已經投訴過一次",
             "簡訊驗證碼{N:code}也被對方騙走了", "涉及金額合計{N:amount}", "憑證號碼{N:bad_luhn}",
             "系統日誌裡的時間是{N:epoch_s}", "受理回執上的證件號顯示為{N:masked_id}", "致電{N:service_number}後對方承諾三個工作天內回覆"),
    plain=("我只是一般上班族，這些錢是我的養老金", "多次溝通無果，只好向貴單位投訴",
           "客服態度非常惡劣，一直推託", "我對此感到非常不滿", "希望主管機關能夠重視",
           "家中長輩不會用手機，都是由我代為辦理"),
    closings=("懇請主管機關介入，督促對方退還全部款項", "請儘快查明處理並給予書面回覆",
              "要求立即停止一切騷擾行為並公開道歉", "希望{INS}依照合約履行理賠責任",
              "請求更正錯誤的信用紀錄", "望貴單位主持公道"),
)

HOLDOUT_HANS = Lexicon(
    ctx_nouns={
        "id": ("身份证明号码", "申请人身份证", "借款人身份证", "持卡人证件", "身份证上的号码", "证件信息",
               "证件（身份证）", "客户证件号"),
        "id15": ("十五位的老证号", "换证前的证号", "一代证号码", "旧证号码"),
        "card": ("账户卡号", "银行账户", "卡片号码", "结算账户", "银联卡", "收款卡", "还贷账户",
                 "那张卡的号码"),
        "mobile": ("联系手机", "常用号码", "接收验证码的手机", "本机号码", "微信同号手机", "通讯号码",
                   "Mobile"),
        "landline": ("固定电话", "办公座机", "家庭座机", "单位总机", "前台电话"),
        "phone": ("联系号码", "通讯方式", "Tel"),
        "email": ("联系邮箱", "回复邮箱", "邮件"),
    },
    ctx_verbs={
        "mobile": ("打我电话", "拨打本人", "短信联系", "呼叫"),
        "landline": ("打到单位", "拨打办公室"),
        "phone": ("来电请拨", "回电"),
    },
    clauses={
        "id": ("{C:id}{E:id}", "我的{C:id}{E:id}被他们拿去做了别的用途", "{C:id}{E:id}，复印件已附后"),
        "id15": ("{C:id15}{E:id15}也被登记在案", "{C:id15}{E:id15}"),
        "card": ("{C:card}{E:card}", "钱是从{C:card}{E:card}划走的", "{C:card}{E:card}目前已冻结"),
        "card_bad": ("{C:card}{E:card_bad}", "钱是从{C:card}{E:card_bad}划走的"),
        "mobile": ("{C:mobile}{E:mobile}", "可以{V:mobile}{E:mobile}", "{C:mobile}{E:mobile}，24小时开机"),
        "landline": ("{C:landline}{E:landline}", "白天可以{V:landline}{E:landline}"),
        "phone": ("{C:phone}{E:phone}", "{V:phone}{E:phone}"),
        "email": ("{C:email}{E:email}", "回复可发{C:email}{E:email}"),
        "multi": ("{C:mobile}{E:mobile}，备用{E:mobile}",),
    },
    bare=("{E:*}", "{NAME}，{E:*}", "急！{E:*}", "{E:*} 多谢"),
    openings={
        "surrender": ("去年接到陌生来电，说我的保单可以“无损退保”，结果被收了{N:amount}手续费",
                      "中介教我以销售误导为由投诉{INS}，帮我退保后却卷款消失了"),
        "debit": ("工资卡莫名其妙被划走{N:amount}，银行说是第三方支付代扣", "每个月固定被扣一笔所谓的账户管理费"),
        "claim": ("意外险出险半年了，{INS}一直拖着不赔", "重疾险确诊后申请赔付，保险公司说材料不全要重新鉴定"),
        "fraud": ("半夜收到短信提醒，信用卡在外地ATM被取现{N:amount}", "卡没丢也没告诉别人密码，却被刷走好几笔"),
        "collection": ("催收电话打到我八十岁的父亲那里，老人被吓得住了院", "催收方在微信群里公开我的欠款信息"),
        "policy": ("老人去银行买理财，被换成了二十年缴费的保险", "代理人承诺的收益率和合同完全对不上"),
        "loan": ("借款时被强制搭售了一份意外险，保费直接从放款里扣了", "明明按时还款，征信却出现了逾期记录"),
    },
    bodies={
        "surrender": ("那家公司的网站挂着{N:icp}，现在已经打不开了", "前后给对方转了三次钱"),
        "debit": ("查到的交易单号是{N:order_number}", "扣款时间{N:timestamp}，我当时在睡觉"),
        "claim": ("报案号{N:policy_number}", "理赔申请书是{N:date}提交的"),
        "fraud": ("流水号{N:bad_luhn}", "短信里写的是{N:masked_card}的卡"),
        "collection": ("我主动联系过{N:service_number}协商还款", "欠款本金只有{N:amount}"),
        "policy": ("合同号{N:policy_number}", "退保只能拿回{N:amount}"),
        "loan": ("放款单号{N:order_number}", "客服{N:service_number}始终不给解释"),
    },
    generic=("向{N:service_number}打过两次电话", "截图上的时间是{N:epoch}", "登记号{N:bad_id}",
             "客户端只显示{N:masked}", "动账短信里的金额是{N:amount}", "收到的动态码{N:code}",
             "回执编号{N:bad_luhn}", "报警电话{N:service_number}也打过了", "日志记录{N:epoch_s}", "保单上印的证件号是{N:masked_id}",
             "打{N:service_number}转人工要等半小时"),
    plain=("实在没有办法了", "这是我们全家的积蓄", "拜托你们管一管", "前后沟通了不下十次",
           "对方总是让我等通知"),
    closings=("请求依法查处并退还费用", "希望尽快给个说法", "请督促对方删除我的个人信息",
              "要求赔偿全部损失", "请将处理结果书面告知本人"),
    fields={
        "id": ("客户证件", "证件（身份证）", "身份证件号码", "证照号码"),
        "id15": ("旧版证件号（15位）",),
        "card": ("涉及账户", "涉诉卡号", "交易卡号"),
        "mobile": ("联系手机", "手机（已核实）", "移动电话", "来电号码"),
        "landline": ("固定电话", "单位座机"),
        "phone": ("回访号码",),
        "email": ("电子信箱",),
    },
    asks={
        "id": ("为核实身份，请您报一下身份证件上的号码。", "麻烦说一下办卡时用的证件。",
               "请提供一下投保人的身份信息。"),
        "id15": ("系统里查不到，您以前是不是用过十五位的老证？",),
        "card": ("请问是哪张卡？麻烦报一下卡号。", "被扣款的是哪个账户？", "请提供一下涉及的银行卡。"),
        "mobile": ("方便留一个联系手机吗？", "后续我们怎么联系您？", "请问回访打哪个号码？"),
        "landline": ("有固定电话吗？", "白天打哪个电话能找到您？"),
        "phone": ("请留一个回访号码。",),
        "email": ("需要书面回复的话留个邮箱吧。",),
    },
    answers=("{E:*}", "好的，{E:*}", "{E:*}，你们记一下", "是{E:*}", "嗯，{E:*}。"),
    shapes={
        "agent": ("坐席", "客服"), "customer": ("客户", "来电人"),
        "greet": ("您好，{ORG}客服中心，请问有什么可以帮您？", "您好，这里是{ORG}，请讲。"),
        "agent_close": ("已为您登记，会在三个工作日内回复。", "好的，我们会尽快核实处理。"),
        "extra_prefix": ("另外，", "还有，", "对了，"),
        "ticket_head": ("【客户投诉工单】", "投诉登记表", "工单详情"),
        "ticket_fields": {"number": "工单编号", "time": "受理时间", "target": "投诉对象",
                          "name": "客户姓名", "desc": "问题描述", "ask": "客户诉求", "note": "备注",
                          "channel": ("受理渠道：电话", "受理渠道：网络", "来源：监管转办")},
        "letter_open": ("尊敬的{ORG}领导：", "{ORG}：", "致{ORG}消费者权益保护部门："),
        "letter_me": ("您好！我是{NAME}，", "本人{NAME}，"),
        "letter_end": ("此致\n敬礼", "特此投诉。"),
        "signer": "投诉人",
        "post_head": ("#{INS}理赔难# ", "【曝光】", "@{ORG} ", "避雷！"),
        "post_tail": ("有同样遭遇的朋友可以联系我", "求扩散", "大家评评理"),
    },
)

HOLDOUT_HANT = Lexicon(
    ctx_nouns={
        "id": ("大陸身份證號碼", "居民身份證", "內地身份證", "證件（身份證）", "客戶證件號", "身分證明文件號碼"),
        "id15": ("舊版十五碼身份證", "換證前的舊號碼", "十五位數舊證號"),
        "card": ("戶口號碼", "銀聯卡號", "扣帳卡", "信用咭號碼", "卡片號碼", "帳戶卡號", "還款帳戶",
                 "提款卡號碼"),
        "mobile": ("手提電話", "行動電話", "流動電話", "手機聯絡", "Mobile"),
        "landline": ("室內電話", "住宅電話", "辦公電話", "公司總機"),
        "phone": ("聯絡號碼", "電話號碼", "Tel"),
        "email": ("電郵地址", "回覆信箱", "郵箱"),
    },
    ctx_verbs={
        "mobile": ("打給我", "撥打本人", "聯絡我"),
        "landline": ("打去公司",),
        "phone": ("來電請撥", "回電"),
    },
    clauses={
        "id": ("{C:id}{E:id}", "我的{C:id}{E:id}被他們拿去另作他用", "{C:id}{E:id}，影本附後"),
        "id15": ("{C:id15}{E:id15}也被登錄在案", "{C:id15}{E:id15}"),
        "card": ("{C:card}{E:card}", "錢是從{C:card}{E:card}被轉走的", "{C:card}{E:card}目前已凍結"),
        "card_bad": ("{C:card}{E:card_bad}", "錢是從{C:card}{E:card_bad}被轉走的"),
        "mobile": ("{C:mobile}{E:mobile}", "可以{V:mobile}{E:mobile}", "{C:mobile}{E:mobile}，24小時開機"),
        "landline": ("{C:landline}{E:landline}", "白天可以{V:landline}{E:landline}"),
        "phone": ("{C:phone}{E:phone}", "{V:phone}{E:phone}"),
        "email": ("{C:email}{E:email}", "回覆可寄{C:email}{E:email}"),
        "multi": ("{C:mobile}{E:mobile}，備用{E:mobile}",),
    },
    bare=("{E:*}", "{NAME}，{E:*}", "急！{E:*}", "{E:*} 多謝"),
    openings={
        "surrender": ("去年接到陌生電話，說我的保單可以「零損失解約」，結果被收了{N:amount}手續費",
                      "仲介教我以銷售誤導為由客訴{INS}，幫我解約後卻捲款潛逃"),
        "debit": ("薪轉帳戶無故被扣走{N:amount}，銀行說是第三方支付代扣", "每個月固定被扣一筆所謂的帳戶管理費"),
        "claim": ("意外險出險半年，{INS}一直拖延不賠", "重大疾病確診後申請理賠，保險公司說文件不齊要重新鑑定"),
        "fraud": ("半夜收到簡訊通知，信用卡在外地提款機被預借現金{N:amount}", "卡片沒有遺失也沒有告訴別人密碼，卻被刷了好幾筆"),
        "collection": ("催收電話打到我八十歲的父親那裡，老人家嚇到住院", "催收人員在群組裡公開我的欠款資料"),
        "policy": ("長輩到銀行買理財，被換成了二十年期繳費的保險", "保險業務員承諾的報酬率跟合約完全不一樣"),
        "loan": ("借款時被強迫搭售一份意外險，保費直接從撥款中扣除", "明明準時還款，信用報告卻出現逾期紀錄"),
    },
    bodies={
        "surrender": ("那家公司網站掛著{N:icp}，現在已經打不開", "前後匯款給對方三次"),
        "debit": ("查到的交易單號是{N:order_number}", "扣款時間{N:timestamp}，我當時在睡覺"),
        "claim": ("報案編號{N:policy_number}", "理賠申請書是{N:date}送出的"),
        "fraud": ("交易流水號{N:bad_luhn}", "簡訊寫的是{N:masked_card}的卡"),
        "collection": ("我主動聯絡過{N:service_number}協商還款", "欠款本金只有{N:amount}"),
        "policy": ("合約號碼{N:policy_number}", "解約只能拿回{N:amount}"),
        "loan": ("撥款單號{N:order_number}", "客服{N:service_number}始終不給解釋"),
    },
    generic=("打過兩次{N:service_number}", "截圖上的時間是{N:epoch}", "登記編號{N:bad_id}",
             "網銀只顯示{N:masked}", "簡訊裡的金額是{N:amount}", "收到的動態密碼{N:code}",
             "回執編號{N:bad_luhn}", "也打了{N:service_number}報案", "紀錄時間{N:epoch_s}", "保單上印的證件號是{N:masked_id}",
             "打{N:service_number}轉真人要等半小時"),
    plain=("真的沒有辦法了", "這是我們全家的積蓄", "拜託你們管一管", "前後溝通不下十次",
           "對方總是叫我等通知"),
    closings=("請依法查處並退還費用", "希望儘快給個交代", "請督促對方刪除我的個人資料",
              "要求賠償全部損失", "請將處理結果以書面通知本人"),
    fields={
        "id": ("證件號碼（身份證）", "客戶證件", "身份證明文件"),
        "id15": ("舊版證號（15碼）",),
        "card": ("涉及帳戶", "交易卡號", "爭議卡號"),
        "mobile": ("手提電話", "行動電話", "聯絡手機"),
        "landline": ("室內電話", "辦公專線"),
        "phone": ("回訪電話",),
        "email": ("電郵（回覆用）",),
    },
    asks={
        "id": ("為了核對身分，請您提供證件上的號碼。", "麻煩報一下開戶時使用的證件。", "請問要保人的身分資料是？"),
        "id15": ("系統查不到，您以前是不是用過十五碼的舊證？",),
        "card": ("請問是哪一張卡？麻煩報一下卡號。", "被扣款的是哪個帳戶呢？", "請提供涉及的銀行卡。"),
        "mobile": ("方便留一支聯絡手機嗎？", "後續要怎麼聯繫您呢？", "回訪打哪個號碼比較方便？"),
        "landline": ("有室內電話嗎？", "白天打哪支電話找得到您？"),
        "phone": ("請留一個回訪號碼。",),
        "email": ("需要書面回覆的話請留個電郵。",),
    },
    answers=("{E:*}", "好，{E:*}", "{E:*}，麻煩記一下", "是{E:*}", "嗯，{E:*}。"),
    shapes={
        "agent": ("專員", "客服"), "customer": ("客戶", "來電者"),
        "greet": ("您好，{ORG}客服中心，請問有什麼可以為您服務？", "您好，這裡是{ORG}，請說。"),
        "agent_close": ("已為您登記，將於三個工作天內回覆。", "好的，我們會儘快查核處理。"),
        "extra_prefix": ("另外，", "還有，", "對了，"),
        "ticket_head": ("【客戶申訴案件】", "申訴登記表", "案件明細"),
        "ticket_fields": {"number": "案件編號", "time": "受理時間", "target": "申訴對象",
                          "name": "客戶姓名", "desc": "問題描述", "ask": "客戶訴求", "note": "備註",
                          "channel": ("受理管道：電話", "受理管道：網路", "來源：主管機關轉介")},
        "letter_open": ("敬啟者：", "{ORG}　鈞鑒：", "致{ORG}消費者保護部門："),
        "letter_me": ("您好，我是{NAME}，", "本人{NAME}，"),
        "letter_end": ("此致\n敬禮", "特此申訴。"),
        "signer": "申訴人",
        "post_head": ("#{INS}理賠難 ", "【爆料】", "@{ORG} ", "避雷！"),
        "post_tail": ("有相同遭遇的朋友可以私訊我", "請幫忙分享", "大家評評理"),
    },
)

LEXICONS: dict[str, dict[str, Lexicon]] = {
    "dev": {"zh-Hans": DEV_HANS, "zh-Hant": DEV_HANT},
    "holdout": {"zh-Hans": HOLDOUT_HANS, "zh-Hant": HOLDOUT_HANT},
}

#: Separators between a noun context phrase and the number: (before, after).
_NOUN_SEPS = {
    "dev": {("", ""): 6, ("：", ""): 4, (":", ""): 1, (" ", ""): 1, ("为", ""): 1, ("是", ""): 1,
            ("（", "）"): 0.5, ("【", "】"): 0.5},
    "holdout": {("：", ""): 4, ("", ""): 3, (": ", ""): 1.5, (" ", ""): 2, ("是", ""): 0.5,
                ("（", "）"): 0.7, ("「", "」"): 0.7, ("(", ")"): 0.5},
}

#: Mix of surface forms per family.  ``holdout`` leans towards the awkward ones.
FORM_WEIGHTS: dict[str, dict[str, dict[str, float]]] = {
    "dev": {
        "id": {"id18": 30, "id18_X": 4, "id18_684sp": 10, "id18_684hy": 3, "id18_ideo": 4,
               "id18_fw": 6, "id18_fwX": 3, "id18_lx": 5, "id18_zw": 8},
        "card": {"card": 35, "card_g4": 20, "card_g4hy": 5, "card_g6": 6, "card_ideo": 4,
                 "card_fw": 6, "card_zw": 8},
        "card_bad": {"card_bad": 3, "card_bad_g4": 1},
        "mobile": {"mob": 35, "mob_344sp": 8, "mob_344hy": 6, "mob_p86": 6, "mob_p86sp": 5,
                   "mob_p86hy": 2, "mob_0086": 3, "mob_0086sp": 2, "mob_86": 3, "mob_86sp": 2,
                   "mob_paren86": 4, "mob_fw": 6, "mob_zw": 7, "mob_ideo": 3},
        "landline": {"tel_hy": 30, "tel_paren": 12, "tel_fwparen": 4, "tel_sp": 8, "tel_intl": 6,
                     "tel_intlhy": 5, "tel_concat": 8, "tel_ext": 12, "tel_fw": 4, "tel_zw": 4},
    },
    "holdout": {
        "id": {"id18": 22, "id18_X": 4, "id18_684sp": 8, "id18_684hy": 5, "id18_ideo": 6,
               "id18_fw": 7, "id18_fwX": 5, "id18_fw684": 3, "id18_lx": 6, "id18_zw": 10},
        "card": {"card": 28, "card_g4": 18, "card_g4hy": 7, "card_g6": 7, "card_ideo": 6,
                 "card_fw": 8, "card_zw": 10},
        "card_bad": {"card_bad": 1, "card_bad_g4": 1},
        "mobile": {"mob": 25, "mob_344sp": 8, "mob_344hy": 8, "mob_p86": 5, "mob_p86sp": 6,
                   "mob_p86hy": 4, "mob_0086": 4, "mob_0086sp": 4, "mob_86": 4, "mob_86sp": 3,
                   "mob_paren86": 6, "mob_fw": 7, "mob_zw": 9, "mob_ideo": 5},
        "landline": {"tel_hy": 22, "tel_paren": 10, "tel_fwparen": 6, "tel_sp": 8, "tel_intl": 7,
                     "tel_intlhy": 6, "tel_intl0": 4, "tel_concat": 6, "tel_ext": 16, "tel_fw": 6,
                     "tel_zw": 6},
    },
}

#: How often each entity kind is picked for a mention.
_ENTITY_MIX = {
    "dev": {"id": 26, "card": 24, "mobile": 28, "landline": 12, "email": 6, "phone": 4},
    "holdout": {"id": 24, "card": 24, "mobile": 26, "landline": 14, "email": 7, "phone": 5},
}
#: Share of mentions without any context word, of legacy IDs, of bad-Luhn
#: cards and of two-number clauses.
_RATES = {
    "dev": {"bare": 0.15, "id15": 0.12, "card_bad": 0.08, "multi": 0.05},
    "holdout": {"bare": 0.2, "id15": 0.1, "card_bad": 0.1, "multi": 0.05},
}

_NEG_KIND = {
    "service_number": "service_number", "timestamp": "timestamp", "epoch": "epoch",
    "epoch_s": "epoch", "order_number": "order_number", "policy_number": "policy_number",
    "icp": "icp", "amount": "amount", "masked": "masked", "masked_card": "masked",
    "masked_mobile": "masked", "masked_id": "masked", "bad_id": "bad_checksum",
    "bad_luhn": "bad_checksum", "date": "other", "code": "other",
}

_PLACEHOLDER = re.compile(r"\{([A-Z]+)(?::([a-z0-9_*]+))?\}")


# ---------------------------------------------------------------------------
# Surface forms
# ---------------------------------------------------------------------------


def fullwidth(s: str) -> str:
    """Full-width digits/X/hyphen/plus/parentheses; spaces become U+3000."""
    return s.translate(_FULLWIDTH)


def insert_zero_width(rng: random.Random, s: str) -> str:
    """Insert one (sometimes two) zero-width characters between two digits.

    This is what copy-paste from web pages and chat apps does to numbers, and
    it defeats any regex written over ``\\d{n}``.
    """
    slots = [i for i in range(1, len(s)) if s[i - 1].isdecimal() and s[i].isdecimal()]
    for pos in sorted(rng.sample(slots, k=1 if rng.random() < 0.8 else 2), reverse=True):
        s = s[:pos] + rng.choice(ZERO_WIDTH) + s[pos:]
    return s


def _groups(s: str, sizes: Sequence[int]) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return out


def _render_id(rng: random.Random, form: str) -> str:
    if form == "id15":
        return synth.resident_id_legacy15(rng)
    check = "X" if form in ("id18_X", "id18_lx", "id18_fwX") else None
    v = synth.resident_id(rng, check=check)
    g = _groups(v, (6, 8, 4))
    if form in ("id18", "id18_X"):
        return v
    if form == "id18_lx":
        return v[:-1] + "x"
    if form == "id18_684sp":
        return " ".join(g)
    if form == "id18_684hy":
        return "-".join(g)
    if form == "id18_ideo":
        return IDEOGRAPHIC_SPACE.join(g)
    if form in ("id18_fw", "id18_fwX"):
        return fullwidth(v)
    if form == "id18_fw684":
        return fullwidth(" ".join(g))
    if form == "id18_zw":
        return insert_zero_width(rng, v)
    raise ValueError(form)


def _render_card(rng: random.Random, form: str) -> str:
    v = synth.bank_card_bad_luhn(rng) if form.startswith("card_bad") else synth.bank_card(rng)
    g4 = _groups(v, [4] * 4)
    if form in ("card", "card_bad"):
        return v
    if form in ("card_g4", "card_bad_g4"):
        return " ".join(g4)
    if form == "card_g4hy":
        return "-".join(g4)
    if form == "card_g6":
        return f"{v[:6]} {v[6:]}"
    if form == "card_ideo":
        return IDEOGRAPHIC_SPACE.join(g4)
    if form == "card_fw":
        return fullwidth(rng.choice((v, " ".join(g4))))
    if form == "card_zw":
        return insert_zero_width(rng, rng.choice((v, v, " ".join(g4))))
    raise ValueError(form)


def _render_mobile(rng: random.Random, form: str) -> str:
    m = synth.mobile_number(rng)
    sp = f"{m[:3]} {m[3:7]} {m[7:]}"
    hy = f"{m[:3]}-{m[3:7]}-{m[7:]}"
    if form == "mob":
        return m
    if form == "mob_344sp":
        return sp
    if form == "mob_344hy":
        return hy
    if form == "mob_p86":
        return "+86" + m
    if form == "mob_p86sp":
        return "+86 " + rng.choice((m, sp))
    if form == "mob_p86hy":
        return "+86-" + hy
    if form == "mob_0086":
        return "0086" + m
    if form == "mob_0086sp":
        return "0086 " + rng.choice((m, sp))
    if form == "mob_86":
        return "86" + m
    if form == "mob_86sp":
        return rng.choice(("86 ", "86-")) + m
    if form == "mob_paren86":
        return rng.choice(("(+86)", "(+86) ", "（+86）", "(86)")) + rng.choice((m, sp))
    if form == "mob_fw":
        return fullwidth(rng.choice((m, m, sp)))
    if form == "mob_zw":
        return insert_zero_width(rng, rng.choice((m, m, sp, "+86" + m)))
    if form == "mob_ideo":
        return f"{m[:3]}{IDEOGRAPHIC_SPACE}{m[3:7]}{IDEOGRAPHIC_SPACE}{m[7:]}"
    raise ValueError(form)


def _render_landline(rng: random.Random, form: str, variant: str) -> str:
    ln = synth.landline(rng)
    a, s = ln.area_code, ln.subscriber
    s_sp = f"{s[:4]} {s[4:]}" if len(s) == 8 else f"{s[:3]} {s[3:]}"
    if form == "tel_hy":
        return f"{a}-{s}"
    if form == "tel_paren":
        return rng.choice((f"({a}){s}", f"({a}) {s}", f"({a}){s[:4]}-{s[4:]}"))
    if form == "tel_fwparen":
        return f"（{a}）{s}"
    if form == "tel_sp":
        return f"{a} {s_sp}"
    if form == "tel_intl":
        return f"+86 {a[1:]} {rng.choice((s, s_sp))}"
    if form == "tel_intlhy":
        return f"+86-{a[1:]}-{s}"
    if form == "tel_intl0":
        return f"+86 (0){a[1:]} {s_sp}"
    if form == "tel_concat":
        return a + s
    if form == "tel_ext":
        base = rng.choice((f"{a}-{s}", f"{a}-{s}", f"({a}){s}", a + s))
        ext = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 3)))
        return base + rng.choice(_EXT_MARKERS[variant]) + ext
    if form == "tel_fw":
        return fullwidth(f"{a}-{s}")
    if form == "tel_zw":
        return insert_zero_width(rng, rng.choice((f"{a}-{s}", a + s)))
    raise ValueError(form)


# ---------------------------------------------------------------------------
# Document builder
# ---------------------------------------------------------------------------


def _is_sig(ch: str) -> bool:
    """Digit (any width) or ID check character -- what a span must not touch."""
    return ch.isdecimal() or ch in "XxＸｘ"


_EMAIL_CHARS = re.compile(r"[A-Za-z0-9._%+\-]")


class _Doc:
    """Accumulates text while recording the spans of what it inserts."""

    def __init__(self, rng: random.Random, family: str, variant: str):
        self.rng = rng
        self.family = family
        self.variant = variant
        self.lex = LEXICONS[family][variant]
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict[str, Any]] = []
        self.negatives: list[dict[str, Any]] = []
        self._inserted: list[tuple[int, int, str]] = []
        self._pending_close = ""
        self._name: str | None = None

    @property
    def name(self) -> str:
        """The complainant: one name per document, so letters stay coherent."""
        if self._name is None:
            self._name = self.rng.choice(_SURNAMES[self.variant]) + self.rng.choice(_TITLES)
        return self._name

    # -- low level -----------------------------------------------------------
    def lit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def _span(self, s: str) -> tuple[int, int]:
        start = self.pos
        self.lit(s)
        self._inserted.append((start, self.pos, s))
        return start, self.pos

    def entity(self, key: str, *, context: bool) -> None:
        """Insert a mention of entity ``key`` (see :data:`ENTITY_TYPES`)."""
        rng = self.rng
        if key == "phone":
            key = "mobile" if rng.random() < 0.7 else "landline"
        weights = FORM_WEIGHTS[self.family]
        if key == "id":
            form = choose_weighted(rng, weights["id"])
            s = _render_id(rng, form)
        elif key == "id15":
            form, s = "id15", _render_id(rng, "id15")
        elif key in ("card", "card_bad"):
            form = choose_weighted(rng, weights[key])
            s = _render_card(rng, form)
        elif key == "mobile":
            form = choose_weighted(rng, weights["mobile"])
            s = _render_mobile(rng, form)
        elif key == "landline":
            form = choose_weighted(rng, weights["landline"])
            s = _render_landline(rng, form, self.variant)
        elif key == "email":
            s = synth.email_address(rng)
            form = "email_qq" if s.split("@")[0].isdigit() else "email"
        else:
            raise ValueError(key)
        start, end = self._span(s)
        self.entities.append({"entity_type": ENTITY_TYPES[key], "start": start, "end": end,
                              "form": form, "context": context})
        if self._pending_close:
            self.lit(self._pending_close)
            self._pending_close = ""

    def negative(self, name: str) -> None:
        """Insert a hard negative (``name`` is a key of :data:`_NEG_KIND`)."""
        rng, hant = self.rng, self.variant == "zh-Hant"
        if name == "service_number":
            s = synth.service_number(rng)
        elif name == "timestamp":
            s = synth.timestamp14(rng)
        elif name == "epoch":
            s = synth.epoch_millis(rng)
        elif name == "epoch_s":
            s = synth.epoch_seconds(rng)
        elif name == "order_number":
            s = synth.order_number(rng)
        elif name == "policy_number":
            s = synth.policy_number(rng)
        elif name == "icp":
            s = synth.icp_licence(rng, hant=hant)
        elif name == "amount":
            s = synth.amount(rng, hant=hant)
        elif name.startswith("masked"):
            s = synth.masked_number(rng, name.partition("_")[2] or None)
        elif name == "bad_id":
            s = synth.resident_id_bad_check(rng)
        elif name == "bad_luhn":
            s = synth.non_luhn_digits(rng)
        elif name == "date":
            s = synth.date_string(rng, hant=hant)
        elif name == "code":
            s = "".join(rng.choice("0123456789") for _ in range(rng.choice((4, 6, 6))))
        else:
            raise ValueError(name)
        start, end = self._span(s)
        self.negatives.append({"kind": _NEG_KIND[name], "start": start, "end": end})

    def context(self, key: str) -> None:
        """Noun context phrase + separator; a bracket separator closes after the entity."""
        rng = self.rng
        phrase = rng.choice(self.lex.ctx_nouns[key])
        before, after = choose_weighted(rng, _NOUN_SEPS[self.family])
        if self.variant == "zh-Hant" and before == "为":
            before = "為"
        if phrase[-1].isascii() and phrase[-1].isalnum() and before in ("", "为", "為", "是"):
            before = rng.choice((":", ": ", " ", "："))  # never glue Latin letters to the value
        self.lit(phrase + before)
        self._pending_close = after

    def verb(self, key: str) -> None:
        phrase = self.rng.choice(self.lex.ctx_verbs[key])
        self.lit(phrase + self.rng.choice(("", "", " ")))

    # -- templates -----------------------------------------------------------
    def render(self, template: str, *, context: bool = True) -> None:
        """Render a template (see :class:`Lexicon`) into the document."""
        rng, variant = self.rng, self.variant
        i = 0
        for m in _PLACEHOLDER.finditer(template):
            if m.start() > i:
                self.lit(template[i:m.start()])
            tag, arg = m.group(1), m.group(2)
            if tag == "C":
                self.context(arg)
            elif tag == "V":
                self.verb(arg)
            elif tag == "E":
                self.entity(arg, context=context)
            elif tag == "N":
                self.negative(arg)
            elif tag == "NAME":
                self.lit(self.name)
            elif tag == "BANK":
                self.lit(rng.choice(_BANKS[variant]))
            elif tag == "INS":
                self.lit(rng.choice(_INSURERS[variant]))
            elif tag == "ORG":
                self.lit(rng.choice(_BANKS[variant] + _INSURERS[variant]))
            else:
                raise ValueError(f"unknown placeholder {m.group(0)!r}")
            i = m.end()
        if i < len(template):
            self.lit(template[i:])

    # -- output --------------------------------------------------------------
    def record(self, rid: str) -> dict[str, Any]:
        """Finish the document, asserting every span is exactly what was inserted."""
        text = "".join(self.parts)
        assert len(text) == self.pos
        for start, end, s in self._inserted:
            assert text[start:end] == s, (start, end)
        spans = sorted((e["start"], e["end"], e.get("entity_type", "NEG")) for e in self.entities + self.negatives)
        for (s1, e1, _), (s2, _e2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, "overlapping spans"
        for start, end, etype in spans:
            prev = text[start - 1] if start else ""
            nxt = text[end] if end < len(text) else ""
            if etype == "EMAIL_ADDRESS":
                assert not (prev and _EMAIL_CHARS.match(prev)) and not (nxt and _EMAIL_CHARS.match(nxt))
            else:
                # Gold must be unambiguous: no digit glued to either end.
                assert not (prev and (prev.isdecimal() or prev in "+＋")), "digit before span"
                assert not (nxt and _is_sig(nxt)), "digit after span"
        return {"id": rid, "text": text, "variant": self.variant, "family": self.family,
                "entities": self.entities, "negatives": self.negatives}


# ---------------------------------------------------------------------------
# Text plans
# ---------------------------------------------------------------------------


@dataclass
class _Mention:
    key: str  # entity key, or "multi"
    bare: bool


def _plan_mentions(rng: random.Random, family: str) -> list[_Mention]:
    """Choose how many and which entity mentions a text carries."""
    rates = _RATES[family]
    n = rng.choices((1, 2, 3, 4), weights=(45, 30, 17, 8), k=1)[0]
    out: list[_Mention] = []
    for _ in range(n):
        key = choose_weighted(rng, _ENTITY_MIX[family])
        bare = rng.random() < rates["bare"]
        if key == "id" and rng.random() < rates["id15"]:
            key, bare = "id15", False  # legacy IDs only ever appear with context
        elif key == "card" and rng.random() < rates["card_bad"]:
            key, bare = "card_bad", False  # so do Luhn-failing cards
        elif not bare and rng.random() < rates["multi"]:
            key = "multi"
        out.append(_Mention(key, bare))
    return out


def _mode(rng: random.Random) -> str:
    return rng.choices(("entities", "negatives", "nothing"), weights=(78, 13, 9), k=1)[0]


def _no_neg(templates: Sequence[str]) -> list[str]:
    return [t for t in templates if "{N:" not in t]


def _join(doc: _Doc, pieces: list[tuple[str, bool]], *, end_bare: bool) -> None:
    """Render pieces as sentences separated by Chinese punctuation."""
    rng = doc.rng
    for k, (tpl, ctx) in enumerate(pieces):
        doc.render(tpl, context=ctx)
        last = k == len(pieces) - 1
        if not last:
            doc.lit(rng.choices(("。", "，", "；"), weights=(60, 35, 5), k=1)[0])
        elif not (end_bare and rng.random() < 0.5):
            doc.lit(rng.choice(("。", "。", "！")))


def _mention_template(rng: random.Random, lex: Lexicon, m: _Mention) -> str:
    if m.bare:
        return rng.choice(lex.bare).replace("*", m.key)
    return rng.choice(lex.clauses[m.key])


def _dev_text(doc: _Doc) -> None:
    """Narrative complaint: opening, shuffled clauses and details, closing."""
    rng, lex = doc.rng, doc.lex
    theme = rng.choice(THEMES)
    mode = _mode(rng)
    openings = lex.openings[theme] if mode != "nothing" else _no_neg(lex.openings[theme])
    pieces: list[tuple[str, bool]] = [(rng.choice(openings or lex.plain), True)]
    middle: list[tuple[str, bool]] = []
    bare_tail: list[tuple[str, bool]] = []
    if mode == "entities":
        for m in _plan_mentions(rng, doc.family):
            tpl = _mention_template(rng, lex, m)
            (bare_tail if m.bare and rng.random() < 0.5 else middle).append((tpl, not m.bare))
    if mode == "nothing":
        middle += [(t, True) for t in rng.sample(_no_neg(lex.bodies[theme]) + list(lex.plain), k=2)]
    else:
        middle += [(t, True) for t in rng.sample(lex.bodies[theme], k=rng.randint(1, 2))]
        middle += [(t, True) for t in rng.sample(lex.generic, k=rng.choice((0, 1, 1, 2)))]
        if rng.random() < 0.4:
            middle.append((rng.choice(lex.plain), True))
    rng.shuffle(middle)
    pieces += middle
    if bare_tail:
        pieces += bare_tail  # the number ends the text (maybe without a full stop)
    elif rng.random() < 0.8:
        pieces.append((rng.choice(lex.closings), True))
    _join(doc, pieces, end_bare=bool(bare_tail))


def _holdout_ticket(doc: _Doc, mentions: list[_Mention], mode: str, theme: str) -> None:
    """Call-centre ticket: one ``label：value`` line per field."""
    rng, lex, sh = doc.rng, doc.lex, doc.lex.shapes
    f = sh["ticket_fields"]
    doc.lit(rng.choice(sh["ticket_head"]) + "\n")
    if mode != "nothing" and rng.random() < 0.7:
        doc.lit(f"{f['number']}：")
        doc.negative("order_number")
        doc.lit("\n")
    if mode != "nothing" and rng.random() < 0.6:
        doc.lit(f"{f['time']}：")
        doc.negative(rng.choice(("date", "timestamp")))
        doc.lit("\n")
    doc.lit(rng.choice(f["channel"]) + "\n")
    doc.render(f"{f['target']}：{{ORG}}\n{f['name']}：{{NAME}}\n")
    notes: list[_Mention] = []
    for m in mentions:
        if m.bare or m.key == "id15":
            notes.append(m)
        elif m.key == "multi":
            doc.lit(rng.choice(lex.fields["mobile"]) + "：")
            doc.render(f"{{E:mobile}}{rng.choice(('/', '、', '；', ' / '))}{{E:mobile}}\n")
        else:
            doc.lit(rng.choice(lex.fields["card" if m.key == "card_bad" else m.key]) + "：")
            doc.render(f"{{E:{m.key}}}\n")
    body = lex.openings[theme] if mode != "nothing" else _no_neg(lex.openings[theme]) or lex.plain
    doc.lit(f"{f['desc']}：")
    doc.render(rng.choice(body))
    if mode != "nothing":
        doc.lit("，")
        doc.render(rng.choice(lex.bodies[theme]))
    doc.lit("。\n")
    doc.lit(f"{f['ask']}：")
    doc.render(rng.choice(lex.closings))
    doc.lit("。")
    if notes:
        doc.lit(f"\n{f['note']}：")
        for k, m in enumerate(notes):
            if k:
                doc.lit("；")
            if m.key == "id15":
                doc.render(rng.choice(lex.clauses["id15"]))
            else:
                doc.render(rng.choice(lex.bare).replace("*", m.key), context=False)


def _holdout_dialogue(doc: _Doc, mentions: list[_Mention], mode: str, theme: str) -> None:
    """Agent/customer transcript: the number is the answer to the previous turn."""
    rng, lex, sh = doc.rng, doc.lex, doc.lex.shapes
    agent, cust = rng.choice(sh["agent"]), rng.choice(sh["customer"])
    doc.render(f"{agent}：{rng.choice(sh['greet'])}\n")
    openings = lex.openings[theme] if mode != "nothing" else _no_neg(lex.openings[theme]) or lex.plain
    doc.lit(f"{cust}：")
    doc.render(rng.choice(openings))
    doc.lit("。\n")
    if mode != "nothing":
        doc.lit(f"{cust}：")
        doc.render(rng.choice(lex.bodies[theme] + lex.generic))
        doc.lit("。\n")
    asked: set[str] = set()
    for m in mentions:
        if m.bare:
            # Volunteered with no question and no keyword.
            doc.lit(f"{cust}：{rng.choice(sh['extra_prefix'])}")
            doc.render(f"{{E:{m.key}}}", context=False)
            doc.lit(rng.choice(("。\n", "\n")))
            continue
        if m.key == "multi":
            ask = rng.choice(lex.asks["mobile"])
            asked.add(ask)
            doc.lit(f"{agent}：{ask}\n{cust}：")
            doc.render("{E:mobile}，或者{E:mobile}")
            doc.lit("\n")
            continue
        ask_key = "card" if m.key == "card_bad" else m.key
        fresh = [a for a in lex.asks[ask_key] if a not in asked]
        if not fresh:
            # Question already used: the customer volunteers it with context.
            doc.lit(f"{cust}：{rng.choice(sh['extra_prefix'])}")
            doc.render(rng.choice(lex.clauses[m.key]))
            doc.lit("。\n")
            continue
        ask = rng.choice(fresh)
        asked.add(ask)
        doc.lit(f"{agent}：{ask}\n{cust}：")
        doc.render(rng.choice(lex.answers).replace("*", m.key))
        doc.lit("\n")
    doc.lit(f"{agent}：{rng.choice(sh['agent_close'])}")


def _holdout_letter(doc: _Doc, mentions: list[_Mention], mode: str, theme: str) -> None:
    """Formal complaint letter with the sender's details under the signature."""
    rng, lex, sh = doc.rng, doc.lex, doc.lex.shapes
    doc.render(rng.choice(sh["letter_open"]) + "\n")
    doc.render(rng.choice(sh["letter_me"]))
    openings = lex.openings[theme] if mode != "nothing" else _no_neg(lex.openings[theme]) or lex.plain
    pieces: list[tuple[str, bool]] = [(rng.choice(openings), True)]
    sig: list[_Mention] = []
    for m in mentions:
        if not m.bare and m.key in ("mobile", "landline", "phone", "email") and rng.random() < 0.5:
            sig.append(m)
        else:
            pieces.append((_mention_template(rng, lex, m), not m.bare))
    if mode != "nothing":
        pieces.append((rng.choice(lex.bodies[theme]), True))
        if rng.random() < 0.5:
            pieces.append((rng.choice(lex.generic), True))
    else:
        pieces.append((rng.choice(lex.plain), True))
    pieces.append((rng.choice(lex.closings), True))
    _join(doc, pieces, end_bare=False)
    doc.lit("\n" + rng.choice(sh["letter_end"]) + "\n")
    doc.render(f"{sh['signer']}：{{NAME}}")
    for m in sig:
        doc.lit("\n" + rng.choice(lex.fields[m.key]) + "：")
        doc.render(f"{{E:{m.key}}}")
    if mode != "nothing" and rng.random() < 0.7:
        doc.lit("\n")
        doc.negative("date")


def _holdout_post(doc: _Doc, mentions: list[_Mention], mode: str, theme: str) -> None:
    """Short social-media post; numbers often trail at the very end."""
    rng, lex, sh = doc.rng, doc.lex, doc.lex.shapes
    doc.render(rng.choice(sh["post_head"]))
    openings = lex.openings[theme] if mode != "nothing" else _no_neg(lex.openings[theme]) or lex.plain
    pieces: list[tuple[str, bool]] = [(rng.choice(openings), True)]
    if mode != "nothing":
        pieces.append((rng.choice(lex.bodies[theme]), True))
    pieces.append((rng.choice(lex.plain), True))
    tail: list[tuple[str, bool]] = []
    for m in mentions:
        (tail if m.bare else pieces).append((_mention_template(rng, lex, m), not m.bare))
    if not tail:
        pieces.append((rng.choice(sh["post_tail"]), True))
    _join(doc, pieces + tail, end_bare=bool(tail))


_HOLDOUT_SHAPES = {"ticket": _holdout_ticket, "dialogue": _holdout_dialogue,
                   "letter": _holdout_letter, "post": _holdout_post}


def _holdout_text(doc: _Doc) -> None:
    rng = doc.rng
    theme = rng.choice(THEMES)
    mode = _mode(rng)
    mentions = _plan_mentions(rng, doc.family) if mode == "entities" else []
    shape = rng.choices(list(_HOLDOUT_SHAPES), weights=(30, 30, 25, 15), k=1)[0]
    _HOLDOUT_SHAPES[shape](doc, mentions, mode, theme)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

FAMILIES = ("dev", "holdout")


def iter_records(n: int, seed: int = 1, family: str = "dev") -> Iterator[dict[str, Any]]:
    """Yield ``n`` labelled records; identical output for identical arguments."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    rng = random.Random(f"pii-corpus/{family}/{seed}")
    build = _dev_text if family == "dev" else _holdout_text
    for i in range(n):
        variant = "zh-Hans" if rng.random() < 0.6 else "zh-Hant"
        doc = _Doc(rng, family, variant)
        build(doc)
        yield doc.record(f"{family}-{seed}-{i:05d}")


def generate(n: int, seed: int = 1, family: str = "dev") -> list[dict[str, Any]]:
    """List version of :func:`iter_records`."""
    return list(iter_records(n, seed, family))


_DIGITS = re.compile("[0-9\uff10-\uff19]")


def strip_digits(text: str) -> str:
    """``text`` without its ASCII and full-width digits (the filler of a complaint narrative)."""
    return _DIGITS.sub("", text)


def complaint_narrative(rng: random.Random, texts: Sequence[str], size: int, *, dense: bool = False) -> str:
    """One complaint-length narrative of at least ``size`` UTF-8 bytes, on one line.

    Real complaint tickets run to several hundred characters with a few numbers in them; the
    corpus texts are short and dense. The narrative opens with one corpus text, numbers and all,
    and goes on with other corpus texts whose digits are removed (``dense``: kept), so it holds
    one to four numbers and hard negatives the way a ticket does.
    """
    text = rng.choice(texts)
    while len(text.encode("utf-8")) < size:
        extra = rng.choice(texts)
        text += extra if dense else strip_digits(extra)
    return text.replace("\n", " ")


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts per entity type, form, context flag, variant and negative kind."""
    ents: collections.Counter[str] = collections.Counter()
    forms: collections.Counter[str] = collections.Counter()
    ctx: collections.Counter[str] = collections.Counter()
    negs: collections.Counter[str] = collections.Counter()
    variants: collections.Counter[str] = collections.Counter()
    empty = only_neg = 0
    for r in records:
        variants[r["variant"]] += 1
        for e in r["entities"]:
            ents[e["entity_type"]] += 1
            forms[f"{e['entity_type']}:{e['form']}"] += 1
            ctx["context" if e["context"] else "bare"] += 1
        for ng in r["negatives"]:
            negs[ng["kind"]] += 1
        if not r["entities"]:
            if r["negatives"]:
                only_neg += 1
            else:
                empty += 1
    return {"records": len(records), "variants": dict(variants), "entities": dict(ents),
            "forms": dict(sorted(forms.items())), "context": dict(ctx), "negatives": dict(negs),
            "records_only_negatives": only_neg, "records_empty": empty}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=3000, help="number of texts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--family", choices=FAMILIES, default="dev")
    ap.add_argument("-o", "--output", default=None, help="JSONL path (default: stdout)")
    ap.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    records = generate(args.n, args.seed, args.family)
    elapsed = time.perf_counter() - t0
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    if not args.quiet:
        s = summarize(records)
        print(f"{s['records']} records ({args.family}, seed {args.seed}) in {elapsed:.2f}s", file=sys.stderr)
        print(json.dumps(s, ensure_ascii=False, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
