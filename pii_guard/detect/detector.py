"""The detector: one prefilter pass, validation on candidates only.

Per text, the work is:

1. **Candidates** — one compiled regex finds digit-bearing runs: ASCII or
   full-width digits joined by the separators people type (spaces, hyphens,
   ideographic spaces, parentheses, zero-width characters), with the check
   characters and tails (``X``, ``转8123``) the recognizer files declare, and at
   least as many digits as the smallest entity needs. The C scanner
   (:mod:`pii_guard._scan`) finds the chains of digits that hold enough of them
   in one pass over the text, together with the gates of the rarer readings, and
   the regex is matched only where such a chain opens; without it, the regex and
   the gates scan the text themselves. A ``+`` or ``(`` just before a run is
   taken in afterwards.
2. **Fold** — only the candidate is folded (:mod:`pii_guard.normalise`), with
   an offset map when zero-width characters were dropped.
3. **Patterns and validators** — each ``digits`` recognizer's patterns run on
   the folded candidate (digit lookarounds, never ``\\b``); a match is proved
   by the validator, which names an outcome; the outcome gives the score.
4. **Context** — words in a character window of the *original* text move the
   score (:mod:`pii_guard.detect.context`).
5. **Resolve** — of overlapping findings the longest reading wins, then the
   higher score.

``text`` recognizers (e-mail) run their own regex only when their trigger
literal occurs in the text. Nothing is compiled per call.
"""

from __future__ import annotations

import os
import re
import sys
import time
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Final, Iterable, Iterator, Sequence

from pii_guard.detect.context import ANY_DIGIT, REPORT_LINES, SCANNER, THOUSANDS_COMMA, ContextSpec, column_header, is_dash_rule, spelled, table_column
from pii_guard.detect.finding import Finding, Spans, outranked, overlaps, resolve
from pii_guard.detect.recognizers import ENV_RECOGNIZERS, PatternSpec, RecognizerSpec, load_directory
from pii_guard.detect.regex_shapes import digits_can_match, every_digit_run, match_alphabet, width
from pii_guard.detect.text_scans import (
    ADDRESS_PIECE_MARGIN,
    ADDRESS_TRIGGER,
    LOOKBEHIND_MARGIN,
    address_wraps,
    domain_dots_read,
    in_message_id_header,
    trigger_windows,
    wide_spellings,
    zero_width_near,
)
from pii_guard import rtf
from pii_guard.entities import CN_BANK_CARD, CN_PHONE_NUMBER, CN_RESIDENT_ID
from pii_guard.normalise import (
    CHECK_X,
    CHINESE_NUMERALS,
    CLOSE_BRACKETS,
    COMPAT_HAN,
    DASHES,
    FOLD_TABLE,
    FULLWIDTH_DIGITS,
    INLINE_TAG_NAMES,
    VOID_TAG_NAMES,
    OPEN_BRACKETS,
    SPACES,
    SPOKEN_X,
    TRAILING_NOTHING,
    inside_markup,
    ZERO_WIDTH,
    char_ranges as _ranges,
    decode_escapes,
    fold,
    fold_with_offsets,
    folds_unchanged,
)
from pii_guard.validators import cn_bank_card, iban, luhn
from pii_guard.validators.cn_phone import AREA_CODES_2, AREA_CODES_3, EXTENSION_MARKS, service_number, service_number_head
from pii_guard.validators.cn_resident_id import calc_check_digit, opens_as_id

DEFAULT_THRESHOLD: Final = 0.5
MAX_CANDIDATE_DIGITS: Final = 256


_DIGIT: Final = f"[0-9{FULLWIDTH_DIGITS}]"
#: An ID's check character as typed: X in either case or full width, or a look-alike (CHECK_X).
_CHECK_CHARS: Final = "XxＸ" + CHECK_X
#: What people type between the digits of one number. Not a tab: in TSV and Excel pastes a tab ends
#: a cell, and the next cell's digits are another value (400-198-1234⇥2024/05/08). Not a line
#: break either: both are read as seams in a pass of their own (``_across_seams``).
_SEPARATOR_CHARS: Final = " -()（）－+" + OPEN_BRACKETS + CLOSE_BRACKETS + SPACES.replace("\t", "") + DASHES + ZERO_WIDTH
_SEPARATOR: Final = "[" + _ranges(_SEPARATOR_CHARS) + "]"
#: How many separators may sit between two digits of one number.
_MAX_GAP: Final = 3
#: Every character one number may hold as the candidate scan reads it: the digits and what
#: people type between them (a caller that cuts text into pieces must not cut inside a run of them).
NUMBER_CHARS: Final = "0123456789" + FULLWIDTH_DIGITS + _SEPARATOR_CHARS
#: What a caller that cuts text into pieces (a streamed response, a line of megabytes) keeps on the
#: far side of a cut: what may still be a number or an address running on (digits and their
#: separators, numerals and the ways an X is written, an extension's marks, an address's letters).
CUT_AVOIDS: Final = (NUMBER_CHARS + "＋" + CHINESE_NUMERALS + CHECK_X + "\t\r\n#转轉分机機内內线線.@_%"
                     + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: Digits grouped with dots (138.1234.5678, 6222.0212.3456.7890.123): groups of three or four
#: digits, at least three groups, nothing digit-like or dotted on either side. Versions, IP
#: addresses (groups of one to three, so twelve digits at most in 3-3-3-3), decimals and dates
#: (a group of two) do not have this shape or cannot hold a number of the entities' lengths.
_DOTS: Final = ".．·・･•"  # ・ and ･: the middle dot of Japanese input methods, used in Chinese text too; • a bullet
_WIDE_DOTS: Final = tuple(_DOTS[1:])
#: The marks between groups read out on a call and written down by speech-to-text (see below).
_COMMA_MARKS: Final = "，、。"  # and the full stop speech-to-text puts after each group it hears as a phrase
#: It opens with the digit class (the lookbehind follows the first digit) so that the regex engine
#: scans with its fast character-set loop; a leading lookbehind would cost ~7 µs per kilobyte.
_DOTTED: Final = re.compile(
    # an ID grouped 6-8-4 whose check character is X (110105.19880516.212X)
    f"{_DIGIT}(?<![0-9{FULLWIDTH_DIGITS}{_DOTS}]{_DIGIT}){_DIGIT}{{5}}(?P<dot>[{_DOTS}]){_DIGIT}{{8}}(?P=dot){_DIGIT}{{3}}[XxＸｘ]"
    f"(?![A-Za-z0-9{FULLWIDTH_DIGITS}]|[{_DOTS}]{_DIGIT})"
    # (after a label's dot too, a digit before neither: Tel.135.9019.7892, not 2.135.9019.7892)
    f"|{_DIGIT}(?<![0-9{FULLWIDTH_DIGITS}]{_DIGIT})(?<![0-9{FULLWIDTH_DIGITS}{_DOTS}][{_DOTS}]{_DIGIT}){_DIGIT}{{2,5}}(?:[{_DOTS}]{_DIGIT}{{3,8}}){{2,4}}(?!{_DIGIT}|[{_DOTS}]{_DIGIT})"
    # four groups of four and a short last one: a card of 17 or 18 digits, an ID grouped so
    # (6229·0934·1672·1106·82, 6301.0219.9204.3024.2X)
    f"|{_DIGIT}(?<![0-9{FULLWIDTH_DIGITS}{_DOTS}]{_DIGIT}){_DIGIT}{{3}}(?:[{_DOTS}]{_DIGIT}{{4}}){{3}}[{_DOTS}]"
    f"(?:{_DIGIT}{{1,2}}|{_DIGIT}?[XxＸｘ])(?![A-Za-z0-9{FULLWIDTH_DIGITS}]|[{_DOTS}]{_DIGIT})"
    # the country code dotted off as well, as business cards print it (+86.21.6234.5678, +86.159.9363.3030)
    f"|(?<![0-9{FULLWIDTH_DIGITS}])(?:\\+|00)86[{_DOTS}]{_DIGIT}{{2,5}}(?:[{_DOTS}]{_DIGIT}{{3,8}}){{1,3}}(?!{_DIGIT}|[{_DOTS}]{_DIGIT})"
)
#: A landline's area code dotted or slashed off from its subscriber number and nothing more, as
#: business cards and forms print it (029.63723724, 0871.27414495, 020/82807346; a middle dot, a
#: bar or 、 too: 020·56401984, 022|38617924 as an export's area-code and number fields): a trunk 0, two or
#: three more digits, one such mark, seven or eight digits; the validator then wants a real area
#: code. A mark may stand before it (张三|0571|8888…; a slash or a dot only after a space or a
#: bracket: （白天）/0531/7551641), not after a digit nor inside a path (files/0532/2552…,
#: /附件/0532/…), nor an amount's unit after it (转账、0571、88889999元). It opens with the
#: literal 0, which re skips to.
_AREA_MARKS: Final = ".．／/·|｜、"
_AREA_DOTTED: Final = re.compile(f"0(?<![0-9]0)(?<![0-9A-Za-z_~%/.-][{re.escape(_AREA_MARKS)}]0)(?<![^\\s)）\\]】][./／．]0)[1-9][0-9]{{1,2}}[{re.escape(_AREA_MARKS)}][1-9][0-9]{{6,7}}"
                                 f"(?![0-9]|[{re.escape(_AREA_MARKS)}][0-9])")
_AREA_MARKS_TO_SPACES: Final = str.maketrans(_AREA_MARKS, " " * len(_AREA_MARKS))
#: Words that name the last digits of a number (尾号1474, 后四位是6035); each holds 尾 or 位,
#: looked for first: most candidates have neither before them.
_TAIL_WORD_BEFORE: Final = re.compile("(?:尾号|尾號|尾数|尾數|[后後末尾][四4]位)(?:是|为|為)?[:：]?[ \u3000]?\\Z")
_TAIL_WORD_REACH: Final = 8


def _tail_word_before(text: str, begin: int) -> bool:
    """Whether a word that names a number's last digits ends right before ``text[begin]``."""
    lo = max(0, begin - _TAIL_WORD_REACH)
    return ((text.find("尾", lo, begin) >= 0 or text.find("位", lo, begin) >= 0)
            and _TAIL_WORD_BEFORE.search(text, lo, begin) is not None)
_GROUP_OF: Final = re.compile("[0-9]*")
#: An extension after such a landline (0431/62932877 x21, 0371/58261895#5250, 0311/38046342转分机3839).
_EXTENSION_AFTER: Final = re.compile(
    f"[ ]{{0,2}}(?:{'|'.join(re.escape(m) for m in sorted(EXTENSION_MARKS, key=len, reverse=True))})(?:分机|分機)?号?[:：]?"
    "[ -]{0,2}[0-9]{1,6}(?![0-9])", re.IGNORECASE)
#: Digits grouped with full-width commas or enumeration commas, as speech-to-text writes a number
#: read out on a hotline call (138，1234，5678; 138、1234、5678; 430102，19900307，4578): a first
#: group of three to six digits, then two to five groups of one to eight (the shape its gates look
#: for). A comma before or after is punctuation. Amounts (1，234，567) open with a shorter group;
#: dates (2023，11，15) and lists of small numbers hold too few digits.
_COMMA_GROUPED: Final = re.compile(f"{_DIGIT}(?<!{_DIGIT}{_DIGIT}){_DIGIT}{{2,5}}(?:[{_COMMA_MARKS}]{_DIGIT}{{1,8}}){{2,5}}[{_CHECK_CHARS}]?(?!{_DIGIT})")
#: The same read out with ASCII commas, a space after each or none (138,1234,5678; 189, 1416, 8810;
#: 530,102,1974,0102,0146), which also group
#: amounts (1,234,567): groups of three to eight digits, not inside a longer comma list, and one
#: group after the first not of three (:meth:`Detector._ascii_comma_groups`), which an amount's
#: never are. Its gate is the comma gate's (an ASCII comma, four to eight digits, a comma, a digit; or
#: the same with a space after each comma).
_ASCII_COMMA_GROUPED: Final = re.compile(
    f"{_DIGIT}(?<![0-9{FULLWIDTH_DIGITS}]{_DIGIT})"
    f"(?:(?<![0-9{FULLWIDTH_DIGITS}],{_DIGIT}){_DIGIT}{{2,5}}(?:,{_DIGIT}{{3,8}}){{2,5}}[XxＸ]?(?!{_DIGIT}|,{_DIGIT})"
    f"|(?<![0-9{FULLWIDTH_DIGITS}], {_DIGIT}){_DIGIT}{{2,5}}(?:, {_DIGIT}{{3,8}}){{2,5}}[XxＸ]?(?!{_DIGIT}|, {_DIGIT}))")
_ASCII_COMMAS_TO_SPACES: Final = str.maketrans(",", " ")
#: A number of eleven digits or more formatted with thousands separators (18,676,538,159), not
#: inside a longer comma list nor before a decimal point; its gate, three groups after a comma.
_THOUSANDS_GROUPED: Final = re.compile("[0-9](?<![0-9,.][0-9])[0-9]{0,2}(?:,[0-9]{3}){3,6}(?![0-9]|[.,][0-9])")
_THOUSANDS_GATE: Final = re.compile(",[0-9]{3},[0-9]{3},[0-9]{3}")
#: A count's unit after such a number (13,800,000,000台, 户, 部, 条): a count, no number.
_COUNT_UNIT_AFTER: Final = re.compile("[ \u3000]*[台户戶部条條人个個件张張只隻名家座]")
#: What may stand between a label and its value: spaces, a colon, 号/码, 是/为.
_LABEL_GAP_CHARS: Final = " \u3000:：#＃=.是为為"
#: A label's "number" at its end (号码, 號碼, 号): 手机号码 is 手机's label too.
_NUMBER_SUFFIX_CHARS: Final = "号號码碼"
_LATIN_NUMBER_SUFFIX: Final = re.compile("[ _.]*(?:no|number|num|nr)\\Z")


def _bare_label(word: str) -> str:
    """A context word without the word for "number" it ends in (手机号 and 手机, Mobile No and
    mobile, alike), lower case; the word itself where that is all it holds."""
    lowered = word.lower()
    return _LATIN_NUMBER_SUFFIX.sub("", lowered.rstrip(_NUMBER_SUFFIX_CHARS)) or lowered

#: An amount's unit or currency, or a count's, right after a list of numbers (138,2000,1500元;
#: 159，2999，3999 元) or a round number (注册资本15000000000元, 累计13800000000份: no phone, no card).
_AMOUNT_AFTER: Final = re.compile("[ \u3000]*(?:[元块塊圆圓角](?![旦宵])|人民币|RMB|CNY|USD|美元|港元|万元|萬元|积分|積分|[份笔筆]|次(?!日))")  # not 分钟, 元旦, 万一, 次日
#: An e-mail's label glued before a QQ mailbox's digits (Email2244622119@qq.com, E-mail:1234567@qq.com):
#: no part of it. Before letters it may be (Emailer@163.com, emailservice@…): the address stays whole.
_GLUED_MAIL_LABEL: Final = re.compile("(?:E-?[Mm]ail|EMAIL|E-MAIL|email)[:：]?(?=[0-9])")
#: A mail's word right before such an address (我的邮箱是email888@163.com): the label is the word, the
#: address stays whole.
_MAIL_WORD_BEFORE: Final = re.compile("(?:邮箱|郵箱|邮件|郵件|mail|Mail|MAIL)[:： ]*(?:是|为|為)?[:： ]*\\Z")
_MAIL_WORD_REACH: Final = 8
#: A disability certificate's number (第二代残疾人证: the ID's eighteen characters, then one digit of
#: the disability's kind and one of its grade), and its word a label's reach before it.
_DISABILITY_CERTIFICATE_WORD: Final = re.compile("(?:残疾人证|殘疾人證|残疾证|殘疾證)(?:号码|號碼|号|號|编号|編號)?[^0-9\n]{0,6}\\Z")
_DISABILITY_WORD_REACH: Final = 16
#: What an amount's value opens after its word (累计结余17701608674元, 余额：13492702281元): the word
#: right before the digits, a colon or 为/是 between.
_AMOUNT_WORD_BEFORE: Final = re.compile("(?:结余|結餘|余额|餘額|金额|金額|合计|合計|总计|總計|总额|總額|共计|共計|累计|累計|"
                                        "收入|支出|资产|資產|负债|負債|保费|保費|赔款|賠款|价款|價款|本金|利息)[:：]?[为為是]?[ \u3000]*\\Z")
_AMOUNT_WORD_REACH: Final = 8
#: Digits grouped with slashes (138/1234/5678, 110101/19900307/457X), as some people type them:
#: the shape of the dotted groups. Dates (2023/12/15) have a group of two; a list of whole numbers
#: (13812345678/13912345678) opens with a group longer than six. A slash may stand before the
#: first group (a number split across a URL's path segments, /p/138/1234/5678), not a group of
#: digits and a slash (the run would be longer).
#: What folding changes in a text recognizer's matches: full-width digits and Latin letters and the
#: zero-width characters (a custom entity's patterns are written for the folded text); not the
#: full-width punctuation every Chinese text holds (，：), whose folding no match needs.
_FOLDED_AWAY: Final = re.compile(f"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a{_ranges(ZERO_WIDTH)}]")
#: A run of digits and the separators between them (what follows a tail: 转153 5308 9894).
_DIGIT_RUN: Final = re.compile(f"{_DIGIT}(?:{_SEPARATOR}{{0,{_MAX_GAP}}}{_DIGIT})*")
_NOT_ASCII_DIGIT: Final = re.compile("[^0-9]")
#: Where a group of a folded run ends: a separator after a digit.
_GROUP_END: Final = re.compile("(?<=[0-9])[^0-9]")
def _parted_by(marks: str) -> re.Pattern[str]:
    """Three to six digits, then two to four groups of three to eight, each after one of
    ``marks``, an ID's check character last; the last group may be one of two digits after three
    or more (6229/0890/6692/3787/81, an 18-digit card 4-4-4-4-2); not inside a longer run so parted."""
    mark = f"[{re.escape(marks)}]"
    return re.compile(
        f"{_DIGIT}(?<![0-9{FULLWIDTH_DIGITS}]{_DIGIT})(?<![0-9{FULLWIDTH_DIGITS}]{mark}{_DIGIT}){_DIGIT}{{2,5}}"
        f"(?:(?:{mark}{_DIGIT}{{3,8}}){{2,4}}|(?:{mark}{_DIGIT}{{3,8}}){{3}}{mark}{_DIGIT}{{2}})[XxＸ]?(?!{_DIGIT}|{mark}{_DIGIT})")


_SLASHES: Final = "/／"
_SLASHED: Final = _parted_by(_SLASHES)
#: The same with bars or stars (6258|0918|2596|7933, 110101｜19501202｜6225, 196*2115*8716), kept
#: only next to the entity's word: a row of a bar-delimited export parts numbers of their own so
#: (张三|150|1200|3000). A masked number's stars come several together (138****5678). The
#: ideograph 丨 (U+4E28) stands for a bar where an input method types no "|".
_WORD_GROUP_MARKS: Final = "|｜丨*＊"
_MARK_GROUPED: Final = _parted_by(_WORD_GROUP_MARKS)
_WORD_GROUP_MARKS_TO_SPACES: Final = str.maketrans(_WORD_GROUP_MARKS, " " * len(_WORD_GROUP_MARKS))
#: What the slash gate opens at: a slash or such a mark.
_GROUP_SLASHES: Final = _SLASHES + _WORD_GROUP_MARKS
_SLASH_GATE: Final = re.compile(f"[{_GROUP_SLASHES}]{_DIGIT}{{3,8}}[{_GROUP_SLASHES}]{_DIGIT}")  # what _slash_gate tests
#: An area code in brackets set off from the subscriber number by a spaced dash ((0531) - 88979384,
#: （021）－ 6234 5678): a wider gap than the candidate scan joins (_MAX_GAP), read with the gap as one
#: hyphen. Only after a bracketed area code: "1234 - 5678" joins nothing it should not.
_BRACKETED_AREA: Final = re.compile(
    f"[(（][0０][1-9１-９]{_DIGIT}{{1,2}}[)）](?P<gap> {{0,2}}[-－{_ranges(DASHES)}] {{1,2}}){_DIGIT}{{3,4}}[ -]?{_DIGIT}{{3,4}}(?!{_DIGIT})")
#: Labels of an area code given apart from its number, as a form has two fields for them
#: (区号：0769，号码：58582096; Area code 0769, Tel 58582096). Gate: one of them occurs.
_AREA_LABELS: Final = ("区号", "區號", "区码", "區碼", "Area code", "area code", "Area Code", "AREA CODE")
#: A list's next item after a line break: its number of one or two digits, then a list mark (⏎2、邮箱,
#: ⏎4. 邮箱; not a decimal point), or a SWIFT field's numbered line (:50F:/6217…⏎1/WANG PENG⏎2/…).
_LIST_ITEM_MARK: Final = re.compile("[、．)）]|\\.(?![0-9])|/(?=[A-Z])")
#: One digit as the last group of a reading, after a group of five digits or more: not how a number
#: is grouped, a count or the next number of a list after it (QQ 1994046646 2).
_LONE_LAST_DIGIT: Final = re.compile("[0-9]{5}[ -][0-9]\\Z")
#: The most digits such a reading may hold to be refused: a phone's. A card or an ID with a stray
#: space before its last digit is still one (518710818451274 2: its check digit holds).
_LONE_DIGIT_MOST: Final = 12
#: Groups of four, one space or one hyphen apart, as many as a card's sixteen digits or more: a landline read
#: from the first three of them (0936 5315 6663 8364, a lottery ticket's or a voucher's serial; 0713-5064-2887-8555,
#: a gift card's PIN) is
#: a chance reading of a longer number, believed next to a phone's word only. Not where the last
#: group is a date's year (0451 6328 8165 2024-02-24: a call log's landline and its date).
_FOUR_GROUPS_OF_FOUR: Final = re.compile("[0-9]{4}([ -])[0-9]{4}(?:\\1[0-9]{4}){2,}(?![0-9])")
#: What makes a number's last group an amount's: its two decimals (a unit alone, 8364元, may be a
#: voucher's worth after its serial).
_AMOUNT_AFTER_GROUP: Final = re.compile("\\.[0-9]{2}(?![0-9])")
#: A piece of each label that a text must hold to hold the label: the first character of a Han one
#: (``in`` finds one character at memchr speed; a two-character Han word is several times slower),
#: three letters of a Latin one (its first letter, an a, is in most Latin text).
#: Each key with the labels that hold it, so that a text holding 区 (most addresses) is searched for
#: 区号 and 区码 only.
_AREA_LABEL_KEYS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = tuple((key, tuple(label for label in _AREA_LABELS if key in label))
                                for key in sorted({label[1:4] if label.isascii() else label[0] for label in _AREA_LABELS}))
#: An area-code label right before a value (区号024、…), and the most characters it and its colon take.
_AREA_LABEL_BEFORE: Final = re.compile(f"(?:{'|'.join(_AREA_LABELS)})[:： \u3000]{{0,2}}\\Z")
_LONGEST_AREA_LABEL: Final = max(len(label) for label in _AREA_LABELS) + 2
#: A subscriber number, then its area code in a bracket after it (40696541（区号0411）).
_NUMBER_THEN_AREA: Final = re.compile(f"(?<![0-9０-９])(?P<number>[2-9２-９]{_DIGIT}{{6,7}})[(（](?:{'|'.join(_AREA_LABELS)})[:：]?[ \u3000]?"
                                      f"(?P<area>[0０]{_DIGIT}{{2,3}})[)）]")
#: The labels of the number's own field after it (号码, 电话号码, 本地號碼, Tel): no other word
#: (区号0769，金额58582096元 is an amount).
_SUBSCRIBER_LABELS: Final = ("电话号码", "電話號碼", "座机号码", "座機號碼", "本地号码", "本地號碼", "号码", "號碼", "电话",
                             "電話", "座机", "座機", "固话", "固話", "Tel.", "Tel", "TEL", "tel", "Phone", "phone", "PHONE",
                             "Number", "number", "No.",
                             # said on a call, as an agent's note takes it down (区号0592，后面是5460778)
                             "号码是", "號碼是", "电话是", "電話是", "后面是", "後面是", "后面", "後面", "然后是", "然後是")
#: The two labelled parts: the area code after its label, then, after a mark and the number's own
#: label if any, the 7–8 digit subscriber number. A paper form's labels may stand in brackets
#: before their boxes: （区号）024（号码）21180818（分机）440; the label and the area code in one
#: bracket before the number, its closing bracket the gap: 网点电话（区号0531）46925320.
_AREA_LABELLED: Final = re.compile(
    f"(?:{'|'.join(_AREA_LABELS)})[)）】]?[:：]?[ \u3000]{{0,2}}[(（]?(?P<area>[0０]{_DIGIT}{{2,3}})"
    f"(?P<gap>[)）]?[ \u3000]{{0,2}}[,，;；、/／]?[ \u3000]{{0,2}}"
    f"(?:[(（【]?(?:{'|'.join(re.escape(w) for w in _SUBSCRIBER_LABELS)})[)）】]?[:：]?[ \u3000]{{0,2}})?)"
    f"(?P<number>{_DIGIT}{{3,4}}[ -]?{_DIGIT}{{3,4}})(?!{_DIGIT})")
#: The same with the area code's label after it (0431（区号）20322448), or with none but the
#: number's own label between the two (专线0571，座机号24924588, 0738 电话3910392: a scam SMS
#: parts them to pass a filter).
_AREA_THEN_NUMBER: Final = re.compile(
    f"(?<![0-9０-９])(?P<area>[0０]{_DIGIT}{{2,3}})"
    f"(?P<gap>[(（](?:{'|'.join(_AREA_LABELS)})[)）][:：]?[ \u3000]{{0,2}}"
    f"|[ \u3000]{{0,2}}[,，、]?[ \u3000]{{0,2}}(?:座机号码|座機號碼|座机号|座機號|号码|號碼|电话|電話)[:：]?[ \u3000]{{0,2}})"
    f"(?P<number>[2-9２-９]{_DIGIT}{{6,7}})(?!{_DIGIT})")
#: It is searched for only around these words, found by their first character (a search of the
#: whole text from every character cost as much as the rest of a complaint's reading; one search
#: for each word, a tenth of it): the area code ends at most _AREA_BEFORE_WORD characters before
#: one, and the number ends well within _AREA_AFTER_WORD after it.
_AREA_THEN_NUMBER_WORDS: Final = ("号码", "號碼", "电话", "電話", "座机", "座機", "区号", "區號", "区码", "區碼")
_AREA_THEN_NUMBER_FIRSTS: Final = tuple(sorted({word[0] for word in _AREA_THEN_NUMBER_WORDS}))
_AREA_BEFORE_WORD: Final = 10
_AREA_AFTER_WORD: Final = 30
_AREA_GAP_CHARS: Final = frozenset(" \u3000,，、(（")
_AREA_GAP_MARKS: Final = 6
#: What follows the closing bracket where :data:`_BRACKETED_AREA` can match (see _bracket_gate).
_AFTER_AREA_BRACKET: Final = frozenset(" -－" + DASHES)
#: The brackets that close an area code there.
_CLOSING_AREA_BRACKETS: Final = ")）"
_GROUP_MARKS_TO_SPACES: Final = str.maketrans(_DOTS + _COMMA_MARKS + _SLASHES, " " * (len(_DOTS) + len(_COMMA_MARKS) + len(_SLASHES)))
#: A mark, an inner group and a mark: the cheap tests that gate the two passes above, each run
#: from the first place it matches. The C scanner finds them in its one pass over the text
#: (``Detector._wide_scans``); without it these regexes run, the one for every dot only when a
#: full-width dot or a middle dot occurs (a class of all the dots cost ~10 % of the detector).
_DOTTED_GATE: Final = re.compile(f"\\.{_DIGIT}{{3,8}}[{_DOTS}]{_DIGIT}")
_DOTTED_GATE_WIDE: Final = re.compile(f"[{_DOTS}]{_DIGIT}{{3,8}}[{_DOTS}]{_DIGIT}")
_COMMA_GATE: Final = re.compile(f"(?:[{_COMMA_MARKS}]{_DIGIT}{{3,8}}|,{_DIGIT}{{4,8}})[{_COMMA_MARKS},]{_DIGIT}|, {_DIGIT}{{4,8}}, {_DIGIT}")


#: Past the Basic Multilingual Plane only the digits fonts are made of: mathematical (𝟏, 𝟙, 𝟷 …),
#: enclosed (🄂) and segmented (🯱). A character class holding astral characters of other
#: scripts as well scans 40 times slower, and no one writes a Chinese number in Brahmi digits.
_ASTRAL_DIGIT_BLOCKS: Final = (*range(0x1D7CE, 0x1D800), *range(0x1F100, 0x1F10B), *range(0x1FBF0, 0x1FBFA))


def _lookalike_digits() -> dict[str, str]:
    """Every character Unicode gives a digit value but an ASCII or full-width digit: circled and
    parenthesised (①③⑧, ⑴), superscript and subscript, mathematical (𝟏𝟑𝟖) and segmented digits,
    other scripts' digits (٣, ३). Agents' ads write numbers so to slip past platform filters; a
    reader sees the number, and NFKC or int() gives it back. Read like the numerals: a run of them."""
    out: dict[str, str] = {}
    for code in [*range(0xA0, 0x10000), *_ASTRAL_DIGIT_BLOCKS]:
        value = unicodedata.digit(chr(code), None)
        if value is not None and chr(code) not in FULLWIDTH_DIGITS:
            out[chr(code)] = str(value)
    out.update(_ZEROS_WITHOUT_VALUE)
    return out


#: Circled zeros Unicode gives no digit value, though they stand in a row of circled digits that
#: have one (🄋 beside ➀…➈): a reader sees a 0.
_ZEROS_WITHOUT_VALUE: Final = {"🄋": "0", "🄌": "0"}


_LOOKALIKE_DIGITS: Final = _lookalike_digits()
#: The hyphen as speech-to-text writes it when a caller says it (一五六杠二六零一…, 156杠2601杠8159):
#: between numerals a mark like any other, between digits a pause (below).
_SPOKEN_HYPHENS: Final = "杠槓"
#: Digits written as Chinese numerals (normalise.CHINESE_NUMERALS, also mixed: 138一二三四5678)
#: or in look-alikes. Each is one character, so a run is read one for one as digits. A run opens
#: with a numeral, or with digits and then a numeral (a run of digits only is the main pass's),
#: and holds at least seven characters; the marks between groups are read as spaces. No word of
#: ordinary text holds seven numerals in a row.
_NUMERALS: Final = CHINESE_NUMERALS + "".join(_LOOKALIKE_DIGITS)
_NUMERAL_CLASS: Final = _ranges(_NUMERALS)
#: The spoken X (normalise.SPOKEN_X) reads as two characters of nothing and an X (only at a
#: numeral run's end: 艾, 克 and 斯 are no numerals).
_NUMERAL_DIGITS: Final = str.maketrans({**dict(zip(CHINESE_NUMERALS, "00123456789120" + "122334566789" + "79" + "2" + "1", strict=True)),
                                        **_LOOKALIKE_DIGITS,
                                        "，": " ", "、": " ", "。": " ", ",": " ", "·": " ", "・": " ", "･": " ", **dict.fromkeys(_SPOKEN_HYPHENS, "-"),
                                        **dict(zip(SPOKEN_X, "\u200b\u200bX")), "叉": "X"})  # 叉: a spoken X
#: What may stand between two numerals: a space, a comma, a hyphen and 杠, the hyphen spoken
#: (零二八杠二三七幺杠五零八五), a middle dot, and the full stop speech-to-text puts after each group
#: it hears as a phrase (一四五。八六二零。八九二五, as between groups of digits: _COMMA_MARKS).
_NUMERAL_SEP_CHARS: Final = " \u3000,，、。-·・･" + _SPOKEN_HYPHENS
_NUMERAL_SEP: Final = f"[{re.escape(_NUMERAL_SEP_CHARS)}]?"
#: A digit said twice or three times as speech-to-text writes it: 双九 (two nines), 两个九 (two of
#: nine), 俩九, 三个四 (three of four).
_REPEATED: Final = f"(?=[双雙两兩俩倆三])(?:双|雙|两个|兩個|俩|倆|三个|三個)[{_NUMERAL_CLASS}0-9]"  # (the look-ahead: see _PAUSE)
#: The same among ASCII digits (138两个0341899, 1380三个41899: an agent's note of a number read
#: out), three times too; gate: one of the words next to a digit (see _repeated_gate).
_REPEAT_WORDS: Final = ("两个", "兩個", "俩", "倆", "双", "雙", "三个", "三個")
_SAID_REPEATED: Final = f"(?:{'|'.join(_REPEAT_WORDS)})[0-9]"
_REPEATED_AMONG_DIGITS: Final = re.compile(f"(?<![0-9])(?:[0-9]|{_SAID_REPEATED})(?:[0-9]|{_SAID_REPEATED}){{6,}}[Xx]?(?![0-9])")
_NUMERAL_RUN: Final = re.compile(f"(?=[{_NUMERAL_CLASS}]|{_DIGIT}(?:{_NUMERAL_SEP}{_DIGIT}){{0,17}}{_NUMERAL_SEP}[{_NUMERAL_CLASS}])"
                          f"[{_NUMERAL_CLASS}0-9{FULLWIDTH_DIGITS}]"
                          f"(?:{_NUMERAL_SEP}(?:{_REPEATED}|[{_NUMERAL_CLASS}0-9{FULLWIDTH_DIGITS}])){{6,}}"  # 三个四 before 三
                          f"(?:{_NUMERAL_SEP}(?:[XxＸ{CHECK_X}]|{SPOKEN_X}))?")
#: The same run read with its marks as nothing: where digits and numerals meet with no mark
#: between them (六二二五8887 三七一八 0277) the groups are not the number's own (an 8-4-4 card).
_NUMERAL_DIGITS_JOINED: Final[dict[int, str]] = {**_NUMERAL_DIGITS, **{ord(sep): "\u200b" for sep in _NUMERAL_SEP_CHARS}}
#: A number typed or OCR'd one digit per box of a paper form, the boxes drawn as bars or read as
#: box characters (1│1│0│1│0│1│…, 1|3|8|…, 1丨3丨8丨…, 2□1□0□3…): read with spaces for them, one character per box.
_BARS: Final = "|│┃｜丨□☐▢"
#: An OCR'd table's export sets its cells' bars apart with a space or two (2 | 3 | 0 | 8 …, 3 ｜ 7 ｜ 2):
#: read so only where its entity's word labels it right before (a markdown table's row of counts
#: has them too). Bars spaced alike between every two boxes (OCR may read one bar as │, the next
#: as |): a tight run of boxes is not read into the next cell of a row (1|3|9|…|8 | 2024-05-01).
_BAR_BOXES: Final = re.compile(f"{_DIGIT}(?P<a>[ \u3000]?)[{_BARS}](?P<b>[ \u3000]?){_DIGIT}(?:(?P=a)[{_BARS}](?P=b){_DIGIT}){{9,17}}"
                               f"(?:(?P=a)[{_BARS}](?P=b)[XxＸ])?")
_BAR_GATE: Final = re.compile(f"{_DIGIT}[ \u3000]?[{_BARS}][ \u3000]?{_DIGIT}[ \u3000]?[{_BARS}][ \u3000]?{_DIGIT}")
#: One digit in brackets per box (证件号 [3][7][0][1]…), from the first digit to the last.
_BRACKET_BOXES_KEY: Final = "]["
_BRACKET_BOXES: Final = re.compile(f"(?<=[\\[［]){_DIGIT}(?:[\\]］][\\[［]{_DIGIT}){{10,18}}(?:[\\]］][\\[［][XxＸ])?(?=[\\]］])")
_BRACKETS_TO_SPACES: Final = str.maketrans("[]［］", "    ")
#: The most characters a landline in boxes takes (twelve digits, a space after each but the last),
#: and the field labels of a phone number it must follow (not 电话 alone: a channel's counts).
_LANDLINE_BOXES_LONGEST: Final = 23
_NUMBER_FIELD_BEFORE: Final = re.compile("(?:(?:联系|聯繫|聯絡|联系人|單位|单位|工作|办公|辦公|家庭|住宅|固定)(?:电话|電話)|电话号码|電話號碼|"
                                         "座机号码|座機號碼|座机号|座機號|座机|座機|固话|固話|联系方式|聯繫方式)"
                                         "(?:[（(]座机[)）])?[:：]?[ \u3000]*\Z"
                                         "|(?:电话|電話|电 话|Tel|TEL|tel)[:：.][ \u3000]*\Z")  # (a field's colon: not 电话 0 3 5 4 …, counts)
_NUMBER_FIELD_REACH: Final = 12
_BARS_TO_SPACES: Final = str.maketrans(_BARS, " " * len(_BARS))
#: One digit at a time with a spaced dot or slash between (联繫手機：1 . 5 . 8 . 6 …, an ad's way past
#: a filter): read with spaces for the marks, only under the entity's label right before it (a
#: version's or a score's digits are written so too).
_SPACED_MARK_KEYS: Final = (" . ", " / ")
_SPACED_MARK_BOXES: Final = re.compile(f"(?<![0-9]){_DIGIT}(?P<mark> [./] ){_DIGIT}(?:(?P=mark){_DIGIT}){{9,17}}(?:(?P=mark)[XxＸ])?(?![0-9])")
_SPACED_MARKS_TO_SPACES: Final = str.maketrans("./", "  ")
#: A pause as speech-to-text or a chat writes it between the groups of a number: a filler word (159
#: 啊 0370 9899, 180 那个 4210 0488), a spoken hyphen (156杠2601杠8159), an emoji (196🌹1815🌹9323: one pictograph of the Misc Symbols
#: and Dingbats blocks or the astral emoji blocks), an ellipsis (103……1973) or a chat app's picture
#: placeholder (420106[动画表情]19850512, 6225[图片]8804), a space or a comma around it or not.
#: A caller also confirms or stalls between groups (对, 好, 是, 这个, 稍等, 再往后是, 我看一下), and
#: says a filler twice or two together (呃呃, 那个那个, 嗯对, 我看一下啊): up to three in a row.
_FILLERS: Final = ("那个", "那個", "就是", "然后是", "然後是", "然后", "然後", "啊", "呃", "嗯", "额", "額", "哦", "唔", *_SPOKEN_HYPHENS)
#: Words of assent or stalling: ordinary speech says them between numbers as often (每期还款158，
#: 是，2022 2023 这两年; 是 150 这个 1000 1200 的额度吗), so a mobile's shape read over them alone
#: stands only next to a phone word.
#: Words that go on to the next part of a number said past a post's filter (138再加1234再5678); an
#: instalment plan's amounts are said so as often (先付150再1000再2000, 先还150后面2000后面3000).
_CONNECTORS: Final = ("再加", "接着", "接著", "后面", "後面", "再")
#: Words that name a number's middle or last part as it is said (电话187，中间3237，最后9237): read as
#: pauses only right after the number's word (see Detector._paused_run); not 最后四位 and the
#: words of _ASSENT_FILLERS, read as they were.
_PART_WORDS: Final = ("最后是", "最後是", "最后", "最後", "中间", "中間")
_PART_WORD: Final = re.compile("最[后後](?![四八]位)|中[间間](?![四八]位|是)")
#: … so a run whose group after a connector is round (ends in 00) is amounts, not a mobile.
_CONNECTED_ROUND: Final = re.compile("(?:" + "|".join(_CONNECTORS) + ")[^0-9]{0,3}[0-9]*00(?![0-9])")
_ASSENT_FILLERS: Final = ("我看一下", "再往后是", "再往後是", "就是说", "就是說", "这个", "這個", "稍等", "好的", "对的", "對的",
                          "对", "對", "好", "是",
                          # what introduces a number's last part (140105 19881113，最后四位是3443): 后 and 最
                          # open many sentences after a number too (…3后对方承诺, …8，后来)
                          "最后四位是", "最後四位是", "后四位是", "後四位是", "最后四位", "最後四位", "后四位", "後四位",
                          "后八位是", "後八位是", "后八位", "後八位", "后面是", "後面是",
                          # and its middle part (138，中间四位1234，后四位5678)
                          "中间四位是", "中間四位是", "中间四位", "中間四位", "中间是", "中間是",
                          # … and its middle and last parts said so (电话187，中间3237，最后9237; …，后面是4777，
                          # 最后5661): no connector of amounts (最后四位是2200 is a number's end, not a round amount)
                          *_PART_WORDS,
                          # what goes on to the next part as a number is said past a post's filter
                          # (138再加1234再5678, 147后面6101然后0670, 188接着6557再6840): see _CONNECTED_ROUND
                          *_CONNECTORS)
_ALL_FILLERS: Final = tuple(sorted(_FILLERS + _ASSENT_FILLERS, key=len, reverse=True))  # longest first: 然后是 before 然后
#: The first characters of those that ordinary sentences open with right after a number (…5678，我
#: 对此…, …5678是本人手机号): the gate opens there only where a pause and a digit follow (the gate
#: scan asks for filler characters and marks, then an ASCII digit, within _WEAK_REACH characters;
#: _pause_gate for the rest).
_WEAK_OPENERS: Final = "".join(sorted({word[0] for word in _ASSENT_FILLERS} - {word[0] for word in _FILLERS}))
_WEAK_REACH: Final = 15  # three fillers of four characters, the marks between and after them
#: … too: a filler may trail into an ellipsis (是…1, see _PAUSE_WORD).
_FILLER_CHARS: Final = "".join(sorted({ch for word in _ALL_FILLERS for ch in word} | {"…"}))
#: ⭐ is U+2B50; the regional indicators make flags (🇨🇳: two of them); 🈶 is U+1F236
_EMOJI_BLOCKS: Final = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F1E6, 0x1F1FF), (0x1F200, 0x1F2FF), (0x1F300, 0x1FAFF))
_EMOJI_RANGES: Final = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _EMOJI_BLOCKS)  # for a character class
_EMOJI: Final = f"[{_EMOJI_RANGES}]\ufe0f?"
_PAUSE_MARKS: Final = " \u3000，,、。"  # what stands around a pause: a space, a comma or a full stop (138，嗯，1234。5678)
_FILLER: Final = "(?:" + "|".join(_ALL_FILLERS) + ")"
#: A pause that is no word: an emoji, an ellipsis (typed as dots too: 138... 1234... 5678, as a
#: chatbot's speech-to-text writes one), a chat's picture placeholder.
_WORDLESS_PLAIN: Final = _EMOJI + "|…{1,2}|\\[[^\\[\\]0-9\\s]{1,6}\\]"
_WORDLESS_PAUSE: Final = _WORDLESS_PLAIN + "|\\.{3,6}"
#: Fillers may trail off into ellipses as speech-to-text writes a hesitation (192……嗯……1769): an
#: ellipsis opens its own branch, so that other pauses try no ellipsis first.
_FILLERS_SAID: Final = f"{_FILLER}(?:[{_PAUSE_MARKS}]?{_FILLER}){{0,2}}(?:…{{1,2}})?"
_PAUSE_WORD: Final = f"(?:{_FILLERS_SAID}|…{{1,2}}(?:{_FILLERS_SAID})?|{_WORDLESS_PAUSE})"
#: A pause that is no word of assent: a filler of _FILLERS or a wordless one.
_PLAIN_PAUSE: Final = re.compile("|".join(_FILLERS) + "|" + _WORDLESS_PLAIN)  # (dots read only next to a phone word: 价格158...1200...3400)
#: ... or a hyphen, as the groups' own separator kept around the pause (147-⭐-5624-⭐-0024)
_PAUSE_SIDES: Final = _PAUSE_MARKS + "-"
_FILLER_MARK: Final = f"[{re.escape(_PAUSE_SIDES)}]?"
#: The look-ahead costs one test of a character class where no pause can open, where ``re`` would
#: try each word of the alternation in turn (sixty of them): the same matches, at a third of the
#: cost where a run of digits ends in none (_SPOKEN_GROUPS gives back a digit at a time).
_PAUSE_FIRSTS: Final = f"[{re.escape(_PAUSE_SIDES + ''.join(sorted({word[0] for word in _ALL_FILLERS})) + '…[.')}{_EMOJI_RANGES}]"
_PAUSE: Final = f"(?={_PAUSE_FIRSTS})" + _FILLER_MARK + _PAUSE_WORD + _FILLER_MARK
#: The characters that open a pause, for the gate (an ASCII digit, a mark or not, one of these; the
#: emoji's blocks as well): every reading below needs it, and it is rare.
_PAUSE_OPENERS: Final = "".join(sorted({word[0] for word in _ALL_FILLERS})) + "…["
_PAUSE_GATE: Final = re.compile(f"[0-9]{_FILLER_MARK}(?:[{re.escape(''.join(sorted(set(_PAUSE_OPENERS) - set(_WEAK_OPENERS))))}{_EMOJI_RANGES}]"
                                 f"|[{_WEAK_OPENERS}](?=[{_FILLER_CHARS}{re.escape(_PAUSE_SIDES)}]{{0,{_WEAK_REACH - 1}}}[0-9]))")
_PAUSE_THEN_DIGIT: Final = re.compile(f"{_PAUSE_WORD}{_FILLER_MARK}[0-9]")
#: A mobile read so: the 3-4-4 shape and a mobile's first digits, read with the pauses as
#: zero-width characters, anywhere. The digit before it is checked in the loop.
_FILLED_MOBILE: Final = re.compile(f"1[3-9][0-9]{_PAUSE}[0-9]{{4}}[ \u3000\\-，,、]?(?:{_PAUSE_WORD}{_FILLER_MARK})?[0-9]{{4}}(?![0-9])")
#: Everything but the digits and the spaces of such a match reads as zero-width (one for one).
_NOT_DIGIT_OR_SPACE: Final = re.compile("[^0-9 \u3000-]")
#: Digits with an emoji between groups of any size, one digit a group at the least
#: (1🍀7🌸7·3🔥6💰8🔥4⭐3💰4❤️5🍀8, 18🈶926🈶372❤️924): how an agent's ad slips a number past a
#: platform's filter. Nobody writes an order number or an amount so: with two emoji or more
#: between its groups (a middle dot may part others), a run that reads as a number of its own whole
#: length is one, with or without a word.
#: An emoji between two groups: one, or a few (a skin tone, a flag's two letters, a sequence joined
#: by U+200D, 🔥🔥); or a middle dot.
_EMOJI_GAP: Final = f"(?:(?:{_EMOJI}\u200d?){{1,4}}|[·•])"
_EMOJI_SEPARATOR: Final = re.compile(f"(?:{_EMOJI}\u200d?)+")
_EMOJI_JOINED: Final = re.compile(f"(?<![0-9])[0-9]{{1,6}}(?:{_EMOJI_GAP}[0-9]{{1,6}}){{2,20}}(?:{_EMOJI_GAP}?[XxＸ])?(?![0-9])")
#: A mobile's eleven digits with one or two emoji gaps anywhere among them (and spaces, dots).
_EMOJI_IN_MOBILE: Final = re.compile(f"(?<![0-9])1(?:(?:{_EMOJI_GAP}|[ \u3000])?[0-9]){{10}}(?![0-9])")
#: How far before the first emoji after a digit such a run may start (twenty dot-parted groups).
_EMOJI_JOINED_REACH: Final = 140
_DIGIT_GROUPS: Final = re.compile("[0-9]+")
#: A run of digits that goes on past such a run, parted by a pause, a comma or a space, and by emoji
#: again (150102🈶198🍀50，8183🈶459): the emoji-parted stretch is part of a longer number, not one
#: of its own. (A time, a count or another number beside it is none: 12:30 1🍀3🌸8…, …5678，8点后.)
_RUN_GOES_ON: Final = re.compile(f"(?:{_PAUSE}|[{_PAUSE_MARKS}-])[0-9]{{1,6}}{_EMOJI_GAP}[0-9]")
_RUN_CAME_FROM: Final = re.compile(f"[0-9]{_EMOJI_GAP}[0-9]{{1,6}}(?:{_PAUSE}|[{_PAUSE_MARKS}-])\\Z")
#: Groups of digits read out with pauses between some of them and spaces or commas between the
#: others (6217，呃，0083 那个 3043 那个 5655，嗯，078; 510107，嗯，1974 那个 1025，呃，9069): read as
#: one run of digits, kept only whole and next to the entity's word (the groups of a list read out
#: so are numbers of their own). Digits read out one at a time are groups of one (1 3 8 嗯 1 2 3 4 …),
#: three of them at least first, or one or two before a pause (1，呃，38…): a false start (1 嗯 110101
#: 嗯 …) is read without them where the run read with them is no number (:meth:`Detector._paused_groups`).
_PAUSED_GROUPS: Final = re.compile(f"(?=[0-9])(?<![0-9])(?:[0-9]{{3,17}}|[0-9](?: [0-9]){{2,}}|[0-9]{{1,2}}(?={_PAUSE}))(?:(?:{_PAUSE}|[{_PAUSE_MARKS}-])[0-9]{{1,17}}){{1,20}}[{_CHECK_CHARS}]?(?![0-9])")
#: How far before the gate a run of paused groups may start (seven groups and their pauses).
_PAUSED_REACH: Final = 160
#: The fewest characters of a first group that may be a whole number (a card's fourteen; an ID's
#: first thirteen said as one phrase are none).
_LONG_HEAD: Final = 14
#: The most characters of a first group that is read again without it (one or two digits).
_SHORT_HEAD: Final = 2
#: The commas that part a number's groups as speech-to-text writes a number read out (138，1234 5678).
_GROUP_COMMAS: Final = "，、"
#: ... and the full stop it writes for a longer pause, between two groups (手机号187。89436900): the
#: comma gate finds it too, but only the two groups' reading follows from it (complaint text puts a
#: full stop after a number and the next sentence often opens with one: the comma gate's other
#: readings cost 4 % more on dense text when it opened there).
_FULL_STOP: Final = "。"
_TWO_GROUP_MARKS: Final = _GROUP_COMMAS + _FULL_STOP
#: The digits before such a full stop: a number's head said as one phrase (a mobile's 3 or 4, an
#: ID's region of 6), after its label, not after cents, stars or another group (¥3,116.13。157…,
#: 220***7314。3205…: a sentence's end and the next one's number).
_FULL_STOP_HEAD: Final = (3, 7)
#: How far around such a full stop groups read out are looked for (a spoken ID's groups and
#: fillers before it, the rest of a mobile or a card after it).
_STOP_REACH_BEFORE: Final = 40
_STOP_REACH_AFTER: Final = 32
_NOT_BEFORE_FULL_STOP_HEAD: Final = frozenset(".．,，、。*＊-/")
#: A unit of days, items or counts after such a list (1、3、5、11、13日; 18、26、37件).
_COUNT_AFTER: Final = re.compile("[ \u3000]*[日号號期题題件个個户戶人名条條]")
#: Two groups of digits parted by one full-width or enumeration comma, as speech-to-text
#: punctuates a pause in a number said aloud (手机号157，69498112; 座机0755，83451234; 卡号622202，
#: 1749196088653): read whole, next to its entity's word only (:meth:`Detector._two_comma_groups`);
#: away from one they are two numbers of a list (金额138，12345678). Not a stretch of a longer
#: comma list (a comma and a digit before or after it).
_TWO_COMMA_GROUPS: Final = re.compile(
    f"[0-9{FULLWIDTH_DIGITS}](?<![0-9{FULLWIDTH_DIGITS}][0-9{FULLWIDTH_DIGITS}])"
    f"(?<![0-9{FULLWIDTH_DIGITS}][，、。,][0-9{FULLWIDTH_DIGITS}])"
    f"[0-9{FULLWIDTH_DIGITS}]{{1,17}}[{_TWO_GROUP_MARKS}][0-9{FULLWIDTH_DIGITS}]{{2,18}}[{_CHECK_CHARS}]?"
    f"(?![0-9{FULLWIDTH_DIGITS}]|[，、。,][0-9{FULLWIDTH_DIGITS}])")
#: The fewest digits such a number holds (an area code of three and a subscriber number of seven).
_TWO_GROUPS_FEWEST_DIGITS: Final = 10
#: Units of goods or counts after such groups (购买手机152，29500014台), standing alone: a quantity, no number of anyone's.
_UNIT_AFTER: Final = re.compile("[ \u3000]*[台部张張套支只箱日号號期题題件个個户戶人名条條](?![\u4e00-\u9fff])")  # not 张先生, 支付宝, 号码：, 人在外地
#: How far before its comma (the gate) such a number opens: its longest first group.
_TWO_GROUPS_REACH: Final = 18
#: The gaps between a number's groups read out so.
_GROUP_GAPS: Final = re.compile(f"[{_PAUSE_MARKS}-]+")
#: The numerals, for a test a character (the class above is for a regex).
_NUMERAL_SET: Final = frozenset(CHINESE_NUMERALS)
#: The same read out in numerals, or numerals and digits, as speech-to-text writes them
#: (一八二……七六二四……九二八六; 五零零幺零三，嗯，幺九七五零六三零，嗯，九四八幺): found from the
#: rare-forms gate (three numerals in a row), read with the numerals as digits.
#: The lookbehind comes after the first character (which must be a digit or numeral then, the one
#: before it not), so the pattern opens with a character class and re skips to each digit or
#: numeral at C speed: with the lookbehind first it tried a match at every character from the gate
#: to the text's end (a tenth of a record line's time where a numeral opened the gate).
#: A digit said twice or three times (双八, 两个六, 三个〇: :data:`_REPEATED`) counts as one character.
_SPOKEN_UNIT: Final = f"(?:{_REPEATED}|[0-9{_NUMERAL_CLASS}])"
_SPOKEN_HEAD: Final = f"[0-9{_NUMERAL_CLASS}](?<![0-9{_NUMERAL_CLASS}]{{2}})(?:{_SPOKEN_UNIT}{{2,16}}|(?: {_SPOKEN_UNIT}){{2,}}"
_SPOKEN_REST: Final = (f"(?:(?:{_PAUSE}|[{_PAUSE_MARKS}-]){_SPOKEN_UNIT}{{1,17}}){{1,20}}(?:[{_CHECK_CHARS}]|{SPOKEN_X})?"
                       f"(?![0-9{_NUMERAL_CLASS}])")
_SPOKEN_GROUPS: Final = re.compile(f"{_SPOKEN_HEAD}){_SPOKEN_REST}")
#: … and for the paused groups' reading, a first group of one or two before a pause too (幺嗯三三 两七…;
#: see :data:`_PAUSED_GROUPS`). Not for the other readings, which leave runs with a pause to it
#: (the look-ahead tried at every digit and numeral cost them 10 %).
_SPOKEN_PAUSED_GROUPS: Final = re.compile(f"{_SPOKEN_HEAD}|[0-9{_NUMERAL_CLASS}]?(?={_PAUSE})){_SPOKEN_REST}")
#: A number read out over two or more turns of a call transcript, the agent's acknowledgement
#: between them (客户：62166114⏎坐席：嗯。⏎客户：53928225141; 客户：138 1234⏎客服：嗯，您说⏎客户：5678;
#: 客户：一三八一二三四⏎客服：嗯⏎客户：五六七八): the caller's parts, in digits or numerals, grouped or
#: not, with the agent's turns read as a pause, each line opened by a speaker's name (a timestamp
#: before it or after it, in brackets, or not; a number after the name: 说话人2) and a colon. Each
#: part after the first is a whole turn.
_TURN_STAMP: Final = "(?:\\[?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\\]?[ \u3000]*)?"
_TURN_SPEAKER: Final = "[^\\n:：0-9]{1,10}[0-9]?"
_STAMP_AFTER: Final = "(?:[ \u3000]*[(（\\[][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[)）\\]])?"
_TURN_HEAD: Final = f"{_TURN_STAMP}{_TURN_SPEAKER}{_STAMP_AFTER}[:：][ \u3000]*"
_ACKNOWLEDGEMENTS: Final = ("嗯", "好的", "好", "对的", "對的", "对", "對", "是的", "是", "OK", "ok", "请继续", "請繼續", "您继续", "您繼續",
                            "继续", "繼續", "然后呢", "然後呢", "还有呢", "還有呢", "请讲", "請講", "请说", "請說", "您说", "您說",
                            "收到", "稍等", "记下了", "記下了", "您慢慢说", "您慢慢說", "慢慢说", "慢慢說",
                            "你讲", "你講", "係", "好嘅",  # Cantonese
                            "Mm-hm", "Mm-hmm", "Mhm", "Mm", "Uh-huh", "Go on", "Go ahead", "Got it", "Okay", "Yes", "Yeah",
                            "Right", "Sure", "Please go on", "Please continue")
_TURN_DIGIT: Final = f"[0-9{FULLWIDTH_DIGITS}{_NUMERAL_CLASS}]"
#: One turn's part: three to eighteen digits or numerals (a digit said twice or three times counts
#: as one: 三四双五), single spaces or hyphens between groups; its characters after the first.
_TURN_PART_REST: Final = f"(?:[ \u3000-]?(?:{_REPEATED}|{_TURN_DIGIT})){{2,17}}"
_TURN_PART: Final = f"{_TURN_DIGIT}{_TURN_PART_REST}"
#: The characters of :data:`_TURN_DIGIT`, as a set (what a turn's line ends with, where its part opens).
_TURN_DIGIT_SET: Final = frozenset("0123456789" + FULLWIDTH_DIGITS + _NUMERALS)
_TURN_PART_END: Final = "[ \u3000]*[，,。…]*\r?"
#: The agent's turn: acknowledgements only, marks between and after them (嗯，您说。), its line
#: break before it left out.
_ACKS_SAID: Final = (f"(?:{'|'.join(_ACKNOWLEDGEMENTS)})(?:[。，,.！!…~～ \u3000]*(?:{'|'.join(_ACKNOWLEDGEMENTS)}))*"
                     "[。，,.！!…~～ \u3000]*\r?")
_ACK_BODY: Final = f"{_TURN_HEAD}{_ACKS_SAID}"
#: A chat export's message header on a line of its own: the sender and when the message was sent,
#: either way round, the date or the sender left out or not (Lucy_1990 2024-01-12 18:11;
#: 2024/1/12 18:11:05 张三; 张三(wxid_x) 2024年1月12日 18:11; 张三 18:11). A number sent in two or
#: three messages (卡号发你：6259 5520 61⏎Lucy_1990 2024-01-12 18:11⏎452194) has such a header
#: before each later part, which is then a whole message.
_CHAT_STAMP: Final = ("[(（\\[]?(?:(?:19|20)[0-9]{2}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?[ \u3000T]{1,2})?"
                      "[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?[)）\\]]?")
_CHAT_HEADER: Final = (f"[ \u3000]*(?:[^\\n]{{1,30}}?[ \u3000]*{_CHAT_STAMP}|{_CHAT_STAMP}(?:[ \u3000]+[^\\n]{{1,30}})?)"
                       "[ \u3000]*\r?")
#: What comes between two parts of a number read over turns or messages, from the line break
#: that ends a part to the next part's first digit: an agent's acknowledgement and the caller's
#: next turn opening, a chat message's header (an acknowledgement under a header of its own between
#: or not: 職員 03:09⏎嗯。⏎來電人 03:20⏎…), or the same speaker's next turn opening (用户：157⏎
#: 用户：56928891: one number sent as two messages; :meth:`Detector._read_over_turns` holds the
#: speaker the same).
_BETWEEN_PARTS: Final = f"\\n(?:{_ACK_BODY}\\n{_TURN_HEAD}|{_CHAT_HEADER}\\n(?:{_ACKS_SAID}\\n{_CHAT_HEADER}\\n)?|{_TURN_HEAD})"
#: What follows the first part's line of each number read over turns (:func:`_turns_read_over`,
#: which tries it at each line break after a line that ends in a digit): what comes between two
#: parts, then a digit.
_ACK_THEN_PART: Final = re.compile(f"{_BETWEEN_PARTS}{_TURN_DIGIT}")
#: The check character a last part may end on, typed or said.
_TURN_CHECK: Final = f"(?:[XxＸ叉]|{SPOKEN_X})?"
#: The most parts one number is read out in (138⏎嗯⏎1234⏎嗯⏎5678).
_MOST_TURN_PARTS: Final = 5  # a card in five groups (6228⏎嗯⏎4824⏎…⏎479)
#: The first part opens where no digit or numeral is before it (a class first, the lookbehind after
#: it: re then skips to each digit at C speed); each later part is a whole turn or message.
#: What may follow the last part in its turn: words that say it is the rest (804508164 后面这几位).
_LAST_PART_END: Final = (f"(?:[ \u3000，,]*(?:后面这几位|後面這幾位|后面几位|後面幾位|后几位|後幾位|是后面的|是後面的|后面的|後面的)"
                         f"[。.！!]?)?{_TURN_PART_END}")
_ACK_TURN: Final = re.compile(
    f"(?P<first>{_TURN_DIGIT}(?<!{_TURN_DIGIT}{{2}}){_TURN_PART_REST}){_TURN_PART_END}"
    f"(?:{_BETWEEN_PARTS}{_TURN_PART}{_TURN_PART_END}){{0,{_MOST_TURN_PARTS - 2}}}"
    f"{_BETWEEN_PARTS}{_TURN_PART}{_TURN_CHECK}(?={_LAST_PART_END}(?:\\n|\\Z))")
#: A later part of such a number: a turn or a message that holds only it (its check character
#: included, and the last one words that say it is the rest).
_TURN_LATER_PART: Final = re.compile(f"\\n(?:{_TURN_HEAD}|{_CHAT_HEADER}\\n)(?P<part>{_TURN_PART}{_TURN_CHECK})(?={_LAST_PART_END}(?:\\n|\\Z))")
#: How far before the gate's line break such a number's first part may open.
_TURN_REACH: Final = 64
#: A part's characters as digits (numerals read, a said X as X), its marks as nothing.
_TURN_DIGITS: Final[dict[int, str]] = {**_NUMERAL_DIGITS_JOINED, ord("叉"): "X", ord("x"): "X", ord("Ｘ"): "X"}
#: A turn's head at the start of its line, its speaker named (the timestamp left out).
_SPEAKER: Final = re.compile(f"{_TURN_STAMP}(?P<who>{_TURN_SPEAKER}){_STAMP_AFTER}[:：]")
#: What comes between two parts where a turn's head alone opens the next part's line.
_TURN_HEAD_ONLY: Final = re.compile(f"{_TURN_PART_END}\\n{_TURN_HEAD}")
_IS_PAUSE: Final = re.compile(_PAUSE)
#: Where an ellipsis typed as dots follows a digit (the pause gate's other opening).
_DOTS_PAUSE_GATE: Final = re.compile("[0-9][ \u3000]?\\.{3}")
#: Everything but the digits and an ID's check character reads as zero-width (one for one).
_NOT_DIGIT_OR_CHECK: Final = re.compile(f"[^0-9{_CHECK_CHARS}]")
#: What marks the lines a page break or a subtitle's cue puts into text (_across_furniture's gate).
_FURNITURE_KEYS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = tuple((key, ()) for key in ("\f", "-->", "Dialogue:", "页", "頁", "Page ", "page ", "/", "—", "- "))
#: The most lines between the two parts of a number (footer, form feed, header; blank, index, timing).
_MOST_FURNITURE_LINES: Final = 6
#: What a line is between the two parts of a number (_furniture_kind).
_BLANK, _CUE_INDEX, _FURNITURE, _DIALOGUE, _TEXT = range(5)
_CUE_INDEX_LINE: Final = re.compile("[ \t]*[0-9]{1,5}[ \t\r]*\\Z")
_SRT_TIMING: Final = re.compile("[ \t]*[0-9]{1,2}:[0-9]{2}:[0-9]{2}[,.][0-9]{1,3} --> [0-9]{1,2}:[0-9]{2}:[0-9]{2}[,.][0-9]{1,3}")
#: A page's number in words: 第 2 页 (共 3 页), 共 3 页, Page 2 (of 3).
_PAGE_WORDS: Final = ("第[ \t]*[0-9]{1,4}[ \t]*[页頁](?:[ \t,，/]*共[ \t]*[0-9]{1,4}[ \t]*[页頁])?|共[ \t]*[0-9]{1,4}[ \t]*[页頁]"
                      "|[Pp]age[ \t]+[0-9]{1,4}(?:[ \t]+of[ \t]+[0-9]{1,4})?")
#: A footer that is its line: a page's number in words, — 1 —, 2/3.
_PAGE_LINE: Final = re.compile(f"[ \t\u3000]*(?:{_PAGE_WORDS}|[-—–－][ \t]*[0-9]{{1,4}}[ \t]*[-—–－]|[0-9]{{1,4}}[ \t]*/[ \t]*[0-9]{{1,4}})"
                               "[ \t\u3000\r]*\\Z")
#: A page's number in words opening or closing its line (a running header: …理赔决定通知书  第3页),
#: not inside a sentence (请翻到第2页查看明细).
_PAGE_OPENS: Final = re.compile(f"[ \t\u3000]*(?:{_PAGE_WORDS})")
_PAGE_CLOSES: Final = re.compile(f"(?:{_PAGE_WORDS})[ \t\u3000\r]*\\Z")
#: A cue's speaker before the text a number's tail opens (坐席：, 客户:).
_CUE_SPEAKER: Final = re.compile("[^\n:：0-9]{1,10}[:：][ \u3000]*")
_ASS_DIALOGUE: Final = re.compile("Dialogue:(?:[^,\n]*,){9}")
#: The groups a number's tail opens a line with (digits, spaces and hyphens between; a check X).
_LEADING_GROUPS: Final = re.compile(f"{_DIGIT}+(?:[ \u3000\\-－]?{_DIGIT}+)*[{_CHECK_CHARS}]?")
#: What ends a cue whose number goes on in the next (18988……, 150-).
_SAID_ON: Final = "…-－—"


def _head_before_break(text: str, at: int) -> int:
    """Where the digits that end the line before ``text[at]`` (a line break) start, an ellipsis,
    a dash or spaces after them allowed (手机号是18988……⏎), or -1."""
    k = at
    while k > 0 and text[k - 1] in " \t\r….-－—\u3000":
        k -= 1
    if k == 0 or text[k - 1] not in _DIGITS:
        return -1
    while k > 0 and (text[k - 1] in _DIGITS or (text[k - 1] in " \u3000-－" and k > 1 and text[k - 2] in _DIGITS)):
        k -= 1
    return k


def _said_on(text: str, head: int, at: int) -> bool:
    """Whether the digits ``text[head:...]`` ending a cue at ``at`` go on in the next cue: an
    ellipsis or a dash after them, or they are all the cue says after its speaker's name."""
    tail = text[head:at].rstrip(" \t\r\u3000")
    if tail and tail[-1] in _SAID_ON:
        return True
    line_start = text.rfind("\n", 0, head) + 1
    dialogue = _ASS_DIALOGUE.match(text, line_start, head)
    start = dialogue.end() if dialogue is not None else line_start
    speaker = _CUE_SPEAKER.match(text, start, head)
    return (speaker.end() if speaker is not None else start) == head


def _furniture_kind(text: str, start: int, end: int) -> tuple[int, int]:
    """What the line ``text[start:end]`` is between two parts of a number, and where its content
    starts: blank; a lone number of up to five digits (a cue's index where a timing follows it,
    else the tail itself); furniture (a form feed with no digits right after it, a cue's timing, a
    page's mark at its line's start or end); an ASS dialogue line (its text after the fields); or
    text. Cheap tests first: most lines are text."""
    k = start
    while k < end and text[k] in " \t\r\u3000":
        k += 1
    if k == end:
        return _BLANK, k
    first = text[k]
    if first == "\f":
        k += 1
        return (_TEXT, k) if k < end and text[k] in _DIGITS else (_FURNITURE, k)
    if text.find("\f", k, end) >= 0:
        return _FURNITURE, k
    if first in _DIGITS:
        if _CUE_INDEX_LINE.match(text, k, end) is not None:
            return _CUE_INDEX, k
        if _SRT_TIMING.match(text, k, end) is not None or _PAGE_LINE.match(text, k, end) is not None:
            return _FURNITURE, k
        return _TEXT, k
    if first == "D" and text.startswith("Dialogue:", k):
        dialogue = _ASS_DIALOGUE.match(text, k, end)
        return (_DIALOGUE, dialogue.end()) if dialogue is not None else (_TEXT, k)
    if (_PAGE_LINE.match(text, k, end) is not None or _PAGE_OPENS.match(text, k, end) is not None
            or _PAGE_CLOSES.search(text, k, end) is not None):
        return _FURNITURE, k
    return _TEXT, k


#: How long an ID is, its check character included (and with its masked characters: 620102197205****).
_ID_LENGTH: Final = 18
#: A disability certificate's number: the holder's ID, a digit of the disability's kind, one of its grade.
_DISABILITY_CERTIFICATE_LENGTH: Final = _ID_LENGTH + 2


def _keyed_star_check(text: str, star: int) -> bool:
    """Whether the star at ``text[star]`` ends seventeen digits keyed on a keypad, * for the check
    character X: a log's value (keys=…*) or ended by # (…*#). Not a footnote's or markdown's star
    (编号：31010420230501004*（*注…）), nor a masked number's (…****). Found by the stars, not by a
    regex over the text: masked numbers put stars in many texts."""
    begin = star - _ID_LENGTH + 1
    digits = text[max(0, begin) : star]
    if begin < 0 or not digits.isdigit() or not digits.isascii():
        return False
    before = text[begin - 1] if begin else ""
    after = text[star + 1] if star + 1 < len(text) else ""
    if before.isdigit() or after == "*" or after.isdigit():
        return False
    return before == "=" or after == "#"


#: Digits said in English, one word each (oh and o for 0 too, not first: "Oh, …" opens a sentence),
#: double or triple before one (double five: 55): at least _SPELLED_LEAST of them in a row, parted
#: by spaces, or by a comma, a hyphen, a full stop or dots as a pause between groups, a filler (uh,
#: um) said there too.
_DIGIT_NAMES: Final = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                       "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_TIMES_SAID: Final = {"double": 2, "triple": 3}
_SPELLED_LEAST: Final = 7
_SAID_DIGIT: Final = "(?:(?P<times>double|triple)[ -]?)?(?P<name>zero|one|two|three|four|five|six|seven|eight|nine|oh|o)(?![a-z])"
_SAID_DIGIT_BARE: Final = _SAID_DIGIT.replace("?P<times>", "").replace("?P<name>", "")  # (no groups: to repeat it)
#: The first digit's name: oh too, as a landline's trunk zero is said (oh two four eight …: a run
#: of seven names, or a part of a number read over turns, so Oh, one more thing is none); not o.
_SAID_FIRST: Final = "(?:(?:double|triple)[ -]?)?(?:zero|one|two|three|four|five|six|seven|eight|nine|oh)(?![a-z])"
_SAID_PAUSE: Final = "(?:[ \u3000]*(?:[,，、.。-]|\\.{2,3}|…{1,2})[ \u3000]*|[ \u3000]+)"
_SAID_GAP: Final = f"{_SAID_PAUSE}(?:(?:uh|um|erm|er|ah){_SAID_PAUSE})?"
_SPELLED_NUMBER: Final = re.compile(f"(?<![a-z]){_SAID_FIRST}(?:{_SAID_GAP}{_SAID_DIGIT_BARE})"
                                    f"{{{_SPELLED_LEAST - 1},}}", re.IGNORECASE)
_SAID_DIGIT_AT: Final = re.compile(_SAID_DIGIT, re.IGNORECASE)
#: Where such a number may be: a stretch of Latin letters and the marks between words, as long as
#: seven digits' names at the least (one one one …: 27 characters); the C scanner finds the first.
_ENGLISH_LEAST: Final = 4 * _SPELLED_LEAST - 1
_ENGLISH_STRETCH: Final = re.compile(f"[A-Za-z][A-Za-z ,，、.。…\u3000-]{{{_ENGLISH_LEAST - 1},}}")
#: A part of a number said in English over turns of a call (my number's one seven one⏎Agent:
#: Mm-hm.⏎Customer: seven five nine seven⏎…): two to eighteen digits' names, filling the rest of
#: its line; the first part ends its line (:meth:`Detector._english_over_turns`), each later one is
#: a whole turn after an acknowledgement, as :data:`_ACK_TURN` reads parts in digits.
_SAID_PART: Final = f"(?<![a-z]){_SAID_FIRST}(?:{_SAID_GAP}{_SAID_DIGIT_BARE}){{1,17}}"
#: A digit's name ending a line (what a first part ends with), and how far back it is looked for
#: (the longest name and the letter before it).
_SAID_LAST: Final = re.compile(f"(?<![a-z])(?:{'|'.join(_DIGIT_NAMES)})\\Z", re.IGNORECASE)
_LONGEST_DIGIT_NAME: Final = max(map(len, _DIGIT_NAMES)) + 1
#: The first part, at the end of its line (the marks after it left to the line); searched only in
#: a line that ends in a letter.
_SAID_PART_ENDING: Final = re.compile(f"{_SAID_PART}(?={_TURN_PART_END}\\Z)", re.IGNORECASE)
#: A later part: what comes between two parts (an acknowledgement, a header), then a turn that holds
#: only the part.
_SAID_LATER_PART: Final = re.compile(f"{_BETWEEN_PARTS}(?P<part>{_SAID_PART})(?={_LAST_PART_END}(?:\\n|\\Z))", re.IGNORECASE)


def _english_from(text: str) -> int:
    """Where the first stretch of English words that may say a number opens (:data:`_ENGLISH_STRETCH`),
    or -1: only where a few words are parted by spaces, and by the C scanner where it is built."""
    if text.count(" ") < _SPELLED_LEAST - 1:
        return -1
    if _scan is not None:
        first: int = _scan.english(text, _ENGLISH_LEAST)
        return first
    stretch = _ENGLISH_STRETCH.search(text)
    return -1 if stretch is None else stretch.start()


def _spelled_in(text: str) -> bool:
    """Whether ``text`` holds a number said in English, or may hold one over turns of a call."""
    return any(True for _ in _spelled_numbers(text, _english_from(text))) or _said_line_end(text, 0) >= 0


#: The last letters of the digits' names (zero, one, …, nine, oh, o): what a line that ends in one
#: ends with, told before the regex is asked.
_SAID_LAST_LETTERS: Final = frozenset(name[-1] for name in _DIGIT_NAMES) | frozenset(name[-1].upper() for name in _DIGIT_NAMES)


def _said_line_end(text: str, start: int) -> int:
    """The first line break from ``start`` on whose line ends in a digit's name (marks after it or
    not), or -1: where a number said in English over turns may have its first part
    (:meth:`Detector._english_over_turns`). Only in a text with a colon (a turn's head, a time)."""
    if ":" not in text and "：" not in text:
        return -1  # no turn's head nor a time: no call transcript
    nl = text.find("\n", start)
    while nl >= 0:
        end = _before_turn_marks(text, nl)
        if (end > 0 and text[end - 1] in _SAID_LAST_LETTERS
                and _SAID_LAST.search(text, max(0, end - _LONGEST_DIGIT_NAME), end) is not None):
            return nl
        nl = text.find("\n", nl + 1)
    return -1


def _spelled_numbers(text: str, first: int) -> Iterator[re.Match[str]]:
    """:data:`_SPELLED_NUMBER`'s matches in ``text``, searched in its English stretches only, from
    the first (``first``, -1: none) on (the regex tried at every character cost a record line
    twice its reading)."""
    if first < 0:
        return
    for stretch in _ENGLISH_STRETCH.finditer(text, first):
        yield from _SPELLED_NUMBER.finditer(text, stretch.start(), stretch.end())


def _spelled_readings(said: str) -> tuple[str, str]:
    """A run of digits said in English (:data:`_SPELLED_NUMBER`) as two readings as long as it:
    with a space for each pause between groups (a comma, a hyphen, a full stop, dots, a filler),
    and as one run (no spaces); each digit (or the two or three of double, triple) at its word's
    start, the rest zero-width."""
    grouped = ["\u200b"] * len(said)
    last = 0
    for match in _SAID_DIGIT_AT.finditer(said):
        gap = said[last : match.start()]
        if gap.strip(" \u3000"):
            grouped[last] = " "  # a pause: the groups' own space
        digit = _DIGIT_NAMES[match.group("name").lower()]
        times = _TIMES_SAID.get((match.group("times") or "").lower(), 1)
        for k in range(times):
            grouped[match.start() + k] = digit
        last = match.end()
    reading = "".join(grouped)
    return reading, reading.replace(" ", "\u200b")


#: A number in Excel's E-notation: one digit, a point, the rest of the digits, the exponent.
_E_NOTATION: Final = re.compile(r"(?<![0-9.])([1-9])\.([0-9]{6,18})[Ee]\+?([0-9]{1,2})(?![0-9])")
#: Letters OCR reads for digits inside a number (O/o/D for 0, l/I for 1, Z for 2, S for 5, b for
#: 6, B for 8): a run of ten or more digits with such letters between digits, read with the digits
#: they stand for (the groups parted by a space or a hyphen: 184-79l6-7173); also a letter last
#: (…901I, not before another letter or digit) and an l, I or b first (l3812345678: every mobile
#: opens with a 1, b2220…: a UnionPay card with a 6; not after a letter or digit, as in Tel138…).
#: Codes mix letters and digits too (VINs, order numbers, hex ids), so a number read this way is
#: kept only next to its entity's word.
_OCR_LETTERS: Final = "OoDlIZSbB" + "ＯｏОоΟο"  # … and the O as a Chinese OCR writes it: full-width, Cyrillic, Greek
_OCR_DIGITS: Final = str.maketrans(_OCR_LETTERS, "000112568" + "000000")
_OCR_RUN: Final = re.compile(f"(?:(?<![A-Za-z0-9])[lIb])?[0-9](?:[ -]?[0-9]|[ -]?[{_OCR_LETTERS}](?=[ -]?[0-9]|[{_OCR_LETTERS}][0-9]|[Xx](?![A-Za-z0-9]))){{8,}}"
                             f"(?:[{_OCR_LETTERS}](?![A-Za-z0-9])|[Xx])?")
#: Where such a letter may be: between two digits, a space on one side or none (871B 7318, 7901
#: O858: a number printed in groups), or two of them (13OO6522541); after eight digits and not before a letter but another such
#: letter or an X (…51oI69…, …330OX, …901I; a letter after fewer digits is a word: 4S店, 3D, B2B,
#: iPhone 6S); or an l, I or b before a digit and not after a letter or digit (the C scanner's
#: rare_at tests the same).
_OCR_LETTER_AT: Final = (f"(?:(?<=[0-9][{_OCR_LETTERS}])(?= ?[0-9]|[{_OCR_LETTERS}][0-9])|(?<=[0-9] [{_OCR_LETTERS}])(?=[0-9])"
                         f"|(?<=[0-9]{{8}}[{_OCR_LETTERS}])(?:(?![A-Za-z])|(?=[{_OCR_LETTERS}Xx]))"
                         f"|(?<![A-Za-z0-9][lIb])(?<=[lIb])(?=[0-9]))")
#: The most OCR letters an ID read under a column's word (not its own) may hold, and how far above it
#: that word may stand (Detector._ocr_repaired).
_OCR_LETTERS_UNDER_A_COLUMN: Final = 2
_COLUMN_REACH: Final = 600
_OCR_GATE: Final = re.compile(f"[{_OCR_LETTERS}]{_OCR_LETTER_AT}")  # opens with the rarer letter
#: OCR reads a 1 as a bar too (6221558835|24303, 6101|3195602073842): one bar glued between two
#: runs of digits that, with a 1 for the bar, are as long as a number of one of the entities. A
#: bar-delimited row parts values of its own so (张三|150|1200), so such a number is kept only whole
#: and labelled right before it by its entity's word (银行卡号：…).
_BARS_FOR_ONE: Final = "|｜丨"
_BAR_FOR_ONE_LENGTHS: Final = frozenset((11, 14, 15, 16, 17, 18, 19))
_BAR_FOR_ONE_KEYS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = tuple((bar, ()) for bar in _BARS_FOR_ONE)
#: Both gates in one scan of the text: one class of numerals and OCR letters, then what each needs.
#: Every scan that opens with a class costs about as much per byte as the candidate scan itself;
#: one class with two tails costs little more than one gate (an alternation of the two whole
#: gates was slower than both).
#: The look-alike digits alone, without the Chinese numerals: one beside a digit is already a
#: number's (15⑦39946218, an ad slipping past a platform's filter), where 一 or 两 beside one is a
#: word (3一5天).
_LOOKALIKE_CLASS: Final = _ranges("".join(_LOOKALIKE_DIGITS))
#: A run of look-alike digits, and a full-width digit: where one is, the text is read with ASCII
#: digits for them (:data:`_LOOKALIKE_TO_ASCII`, one character for one); the last two of
#: :func:`_gates`' answer.
_LOOKALIKE_RUN: Final = re.compile(f"[{_LOOKALIKE_CLASS}]{{2,}}")
#: … and a Han character as a PDF font writes it (normalise.COMPAT_HAN): the same gate (the wide
#: reading below reads both), one class of the C scanner.
_COMPAT_HAN_CHARS: Final = "".join(chr(cp) for cp in COMPAT_HAN)
_COMPAT_HAN_CHAR: Final = re.compile(f"[{_ranges(_COMPAT_HAN_CHARS)}]")
_WIDE_DIGIT: Final = re.compile(f"[{FULLWIDTH_DIGITS}{_ranges(_COMPAT_HAN_CHARS)}]")
_LOOKALIKE_GATE: Final = 6
_WIDE_GATE: Final = 7
_WIDE_DIGITS: Final = tuple((wide, str(n)) for n, wide in enumerate(FULLWIDTH_DIGITS))
_AS_DIGITS: Final = re.compile(f"[{_LOOKALIKE_CLASS}]{{2,}}|[{FULLWIDTH_DIGITS}]+")
_LOOKALIKE_TO_ASCII: Final = str.maketrans({**_LOOKALIKE_DIGITS, **dict(_WIDE_DIGITS)})


def _as_ascii_digits(match: re.Match[str]) -> str:
    """A run of look-alike or full-width digits as the ASCII digits they stand for."""
    return match.group().translate(_LOOKALIKE_TO_ASCII)

_LOOKALIKE_BY_DIGIT: Final = f"(?<=[{_LOOKALIKE_CLASS}])(?:(?<={_DIGIT}.)|(?={_DIGIT}))"
#: A number written one digit per group, the groups parted by dots (1.3.6.9.3.0.3.6.4.2.6,
#: 1·3·6·9…: another way past a filter): the same dot throughout, 10 to 19 digits and an ID's X,
#: read with the dots as nothing. A version, a section or an IP address has fewer groups.
_SINGLE_DOTTED: Final = re.compile(f"(?<![0-9{FULLWIDTH_DIGITS}{_DOTS}]){_DIGIT}([{_DOTS}]){_DIGIT}(?:\\1{_DIGIT}){{8,17}}"
                                   f"(?:\\1[XxＸ])?(?!\\1?{_DIGIT})")
_DOTS_AS_NOTHING: Final = str.maketrans(dict.fromkeys(_DOTS, "\u200b"))
#: The same parted by commas, semicolons or slashes: how a phone system logs keys pressed one by one
#: (手机号按键1,3,8,1,2,…; 1、1、0、1…), the same mark throughout; next to the entity's word only.
_KEYPAD_MARKS: Final = (",", "，", "、", ";", "；", "/")
_SINGLE_KEYED: Final = re.compile(f"(?<![0-9])[0-9](?P<mark>(?:{'|'.join(_KEYPAD_MARKS)}) ?)[0-9](?:(?P=mark)[0-9]){{8,17}}"
                                  f"(?:(?P=mark)[Xx])?(?!(?P=mark)?[0-9])")
#: Where such a run may start: a dot between one digit and the next, the first one alone.
_SINGLE_DOT_AT: Final = f"(?<=[{_DOTS}])(?<={_DIGIT}.)(?<!{_DIGIT}{_DIGIT}.)(?={_DIGIT}[{_DOTS}]{_DIGIT})"
_SINGLE_DOT_GATE: Final = re.compile(f"[{_DOTS}]{_SINGLE_DOT_AT}")
_RARE_FORMS_GATE: Final = re.compile(f"[{_NUMERAL_CLASS}{_OCR_LETTERS}{_DOTS}](?:(?<=[{_NUMERAL_CLASS}]){_NUMERAL_SEP}[{_NUMERAL_CLASS}]{_NUMERAL_SEP}[{_NUMERAL_CLASS}]"
                              f"|{_OCR_LETTER_AT}|{_LOOKALIKE_BY_DIGIT}|{_SINGLE_DOT_AT})")
#: Three numerals in a row, or a look-alike digit beside a digit: the cheap test that gates that
#: pass (a run of digits mixed with Chinese numerals reads at least three of them in a row in
#: practice: 138一二三四5678).
_NUMERAL_GATE: Final = re.compile(f"[{_NUMERAL_CLASS}](?:{_NUMERAL_SEP}[{_NUMERAL_CLASS}]{_NUMERAL_SEP}[{_NUMERAL_CLASS}]|{_LOOKALIKE_BY_DIGIT})")
#: One numeral typed for one digit inside a run of digits, or two together, as an input method or
#: an elderly writer does (一8739592087, 17零58461723, 139四六076519), or as an ad mixes them past a
#: platform's filter (17五0一44三八7零, 一3四八5八九4430, in financial capitals too: 18玖 7839 989伍):
#: no three numerals in a row, so not the numeral pass's. Only the numerals for digits, each next to a digit or to one numeral that is;
#: read with the numerals as their digits, and kept where the entity's word stands by the whole run
#: only (一 and 零 next to digits are also words: 第一13 …). Ending on 一 or 零 only where no Han
#: character follows: after a number they open words (…5678一直, 一次, 一笔, 零钱).
_SINGLE_NUMERALS: Final = "零〇一二三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖"
#: The numerals that open words after a number (一直, 一次, 零钱), and a Han character after one.
_WORD_OPENING_NUMERALS: Final = "一零"
_HAN: Final = re.compile("[\u4e00-\u9fff]")
_SINGLE_NUMERAL_RUN: Final = re.compile(
    f"(?<![0-9{_SINGLE_NUMERALS}])(?:[0-9]|[{_SINGLE_NUMERALS}](?=[0-9])|[{_SINGLE_NUMERALS}]{{2}}(?=[0-9]))"
    f"(?:[0-9]|(?<=[0-9])[{_SINGLE_NUMERALS}]|(?<=[0-9][{_SINGLE_NUMERALS}])[{_SINGLE_NUMERALS}](?![{_SINGLE_NUMERALS}])){{9,18}}"
    f"(?:(?<![一零])|(?![\u4e00-\u9fff]))[Xx]?(?![0-9{_SINGLE_NUMERALS}])")
#: At least this many of such a run's characters are ASCII digits (half of a mobile's, about).
#: … and a mobile's groups parted by 一 typed for a hyphen (189一0626一8469: read as numerals, thirteen
#: digits and no number); the 3-4-4 grouping a mobile alone is written in.
_DASHED_BY_ONE: Final = re.compile("1[3-9][0-9]一[0-9]{4}一[0-9]{4}")
#: … and a landline's area code and line parted so, as OCR reads a printed hyphen (咨询电话：0871一8267485,
#: 工作 0591一85166743); glued to words on both sides, next to a phone's word only (编号025一29139099号文件,
#: 第025一29139099期: a document's or an issue's number).
_LANDLINE_DASHED_BY_ONE: Final = re.compile("0[1-9][0-9]{1,2}一[2-9][0-9]{6,7}")
_SINGLE_NUMERAL_DIGITS: Final = 3
_MAX_SEAM_PART: Final = 32
#: A card wrapped in a PDF table's cell (Detector._wrapped_cells): a head of a card's digits ending
#: a line, the rest alone on the next line under the cell (nothing after it but the next cell,
#: two spaces on); the indent deeper than a seam's.
_WRAPPED_CELL: Final = re.compile("(?<![0-9\\-])(?P<head>[0-9]{7,15})(?:[ ]{2,}[^\\n0-9]{1,40}?)?[ ]*\r?\n[ ]{9,60}(?P<tail>[0-9]{3,13})(?![0-9])(?=[ ]{2}|[ ]*\r?\n|[ ]*\\Z)")
_DEEP_INDENT: Final = "\n" + " " * 9
_CARD_LENGTHS_MIN: Final = 16
#: An amount with thousands separators and a decimal point right before a run of digits: its
#: cents are the run's first two digits (5,945.196222…: a PDF table's columns run together).
_GROUPED_AMOUNT_BEFORE: Final = re.compile("(?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+\\.\\Z")
_GROUPED_AMOUNT_REACH: Final = 16
_CENTS_DIGITS: Final = 2
_CARD_LENGTHS_MAX: Final = 19
#: Seams: a line break or a tab with a digit after it, where a number may go on from before it
#: (OCR and hard-wrapped PDF text break numbers across lines; a form pasted from Excel puts each
#: group of a card in a cell; a table drawn with bars wraps a cell onto its next row: 6222 |⏎| 0212).
_GROUP_SPACES: Final = " \u3000"
#: The bars between the cells of a markdown or drawn (│) table
_TABLE_BARS: Final = "|│"
#: The marks that open a quoted line of an e-mail reply ("> > "), read as part of a line break
_QUOTE_MARKS: Final = ">＞"
#: A hyphen may open the next line (6222-0212-3456⏎-7890): a group mark the wrap put there.
#: An ID's check character alone on the next line (…4578⏎X，) opens one too.
#: How far a wrapped line may be indented (a form's value column, an e-mail's quoted block): its
#: spaces are part of the break.
_SEAM_INDENT: Final = 8
#: A literal first: re finds a line break at memchr speed, where ``\\r?\\n`` tried every character
#: (a "\\r" before it is the break's too: see _across_seams).
#: The hyphens a wrap puts at a line's end: ASCII, full-width, and those typesetting and PDF text
#: layers write (U+2010 hyphen, U+2011 non-breaking, U+2012 figure dash, U+2013 en dash, minus).
_WRAP_HYPHEN_CHARS: Final = "-－\u2010\u2011\u2012\u2013\u2212"
_LINE_SEAM: Final = re.compile(f"\\n(?:[{_TABLE_BARS}]|(?:[{_QUOTE_MARKS}] ?){{1,4}})?[{_GROUP_SPACES}]{{0,{_SEAM_INDENT}}}"
                               f"(?:[{_WRAP_HYPHEN_CHARS}]?{_DIGIT}|[XxＸ](?![A-Za-z0-9]))")  # a bar: see _across_seams
_WRAP_HYPHENS: Final = frozenset(_WRAP_HYPHEN_CHARS)
#: An amount's thousands or decimals after the digits that open a line or a cell.
_AMOUNT_GOES_ON: Final = re.compile("[,，][0-9]{3}(?![0-9])|[.．][0-9]")
_AMOUNT_MARKS: Final = frozenset(",，.．")
#: An HTML line break right before a text's own (a mail's body as HTML, each line ending <br>).
_BREAK_TAG_BEFORE: Final = re.compile("<[bB][rR][ \t]*/?>[ \t]*\\Z")
_BREAK_TAG_REACH: Final = 8
_TAB_SEAM: Final = re.compile(f"\\t[{_GROUP_SPACES}]{{0,3}}{_DIGIT}")
#: The digits after a seam: groups joined by what joins groups (zero-width characters too),
#: by single line breaks after a line break (a screenshot wraps its text every dozen or so
#: characters) and by tabs after a tab, then a check character.
_SEAM_GAP: Final = _ranges(_WRAP_HYPHEN_CHARS + _GROUP_SPACES + ZERO_WIDTH)  # a full-width text's hyphen too (０５９⏎１－６４２６…)
_RUN_AFTER_LINE: Final = re.compile(f"{_DIGIT}(?:[{_SEAM_GAP}]{{0,3}}(?:\r?\n[{_GROUP_SPACES}]{{0,{_SEAM_INDENT}}})?{_DIGIT}){{0,{_MAX_SEAM_PART}}}[XxＸ]?")
#: The indentation after a later break of such a run, read as nothing with the break.
_INDENT_AFTER_BREAK: Final = re.compile(f"(?<=\n)[{_GROUP_SPACES}]+")
_RUN_AFTER_TAB: Final = re.compile(f"{_DIGIT}(?:[\t{_SEAM_GAP}]{{0,3}}{_DIGIT}){{0,{_MAX_SEAM_PART}}}[XxＸ]?")
#: What ends a cell in a row of an export (CSV, TSV, pipe-delimited): digits after a line break that end with one,
#: where the digits before the break open a cell with the same mark, are the next row's first
#: cell, not the rest of a number (a number wrapped in a sentence that has commas stays one).
_ROW_CELL_ENDS: Final = ",\t|"


def _wrapped_cell(text: str, begin: int, end: int, mark: str) -> bool:
    """Whether the line break between ``text[begin:end]``'s cell marks is inside one cell: its line
    and the next hold as many marks as the table's header (the text's first line that holds the
    mark, above this one), one row's cells cut in two (…⇥15592510250⇥6259654608⏎963855⇥人民币…, an
    export or OCR wrapping a long cell), an amount's thousands commas aside (,￥43,830.81元). A
    row's last cell and the next row's first hold more; so do the rows of a ragged table."""
    line_start = text.rfind("\n", 0, begin) + 1
    first = text.find(mark)
    header_end = text.find("\n", first)
    if header_end < 0 or header_end >= line_start:
        return False  # no header above this line to count
    header_start = text.rfind("\n", 0, first) + 1
    next_end = text.find("\n", end)
    next_end = len(text) if next_end < 0 else next_end
    marks = text.count(mark, line_start, next_end)
    if mark == ",":
        marks -= len(THOUSANDS_COMMA.findall(text, line_start, next_end)) - len(THOUSANDS_COMMA.findall(text, header_start, header_end))
    return marks == text.count(mark, header_start, header_end)
#: The longest number of any entity (a 19-digit card); a run of bare digits longer than that may
#: be two numbers run together, of these lengths (a mobile, a card, an ID), each with an outcome
#: that needs no word to be sure (see Detector._run_together).
_LONGEST_NUMBER: Final = 19
_MOBILE_LENGTH: Final = 11
#: A mobile's eleven digits spaced out one by one, the whole run (林超  1 3 2 4 2 4 4 2 0 6 1: typed so to
#: get past a platform's masking): a mobile with no word, though single digits listed are no
#: number (a survey's scores); eleven of them opening with a mobile's segment are one, where
#: no score's word stands before them (各题评分, recognizers/cn_phone_number.yaml).
_MOBILE_SPACED_OUT: Final = 2 * _MOBILE_LENGTH - 1
#: … one of whose last nine digits is 6 to 9: a survey's scores on a scale of 1 to 5 (or 0 to 5)
#: have none, a mobile's nine random digits lack them one time in a hundred.
_HIGH_DIGITS: Final = re.compile("[6-9]")
#: Another mobile in the text, typed whole, grouped or spaced out: a list of numbers that called.
_ANOTHER_MOBILE: Final = re.compile("(?<![0-9])1[3-9](?:[ -]?[0-9]){9}(?![0-9])")


def _spaced_out_among_phones(text: str, canon: str, begin: int, end: int) -> bool:
    """Whether ``canon`` (``text[begin:end]``) is a mobile's eleven digits spaced out one by one,
    one of its last nine above 5, in a text that holds another mobile (催收打过的人：⏎林超  1 3 2 4 …⏎
    闫斌辉 1735…): typed so to get past a platform's masking, a mobile with no word. Not alone: a
    lottery ticket's numbers, a row of counts or a survey's scores are written so too."""
    return (len(canon) == _MOBILE_SPACED_OUT and _HIGH_DIGITS.search(canon, 4) is not None
            and (_ANOTHER_MOBILE.search(text, 0, begin) is not None or _ANOTHER_MOBILE.search(text, end) is not None))


_RUN_TOGETHER_LENGTHS: Final = (_MOBILE_LENGTH, 16, 17, 18, 19)
#: The first digits of an ID's province codes, and the outcome of one born long enough ago to hold
#: an account (a fixed-width record's fields run together: _fields_run_together).
_PROVINCE_FIRST: Final = frozenset("12345678")
_ADULT_ID: Final = frozenset({"valid"})
#: The earliest birth year of an ID read inside such a run (a serial's date of 1909 or 1925 is no
#: account holder's birth).
_RUN_ID_BORN_FROM: Final = "1930"
_RUN_OPENS_WITH_DATE: Final = re.compile("(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
#: A card's field lengths in such a record (19 first: a 16-digit card's Luhn rarely holds for 19).
_CARD_FIELD_LENGTHS: Final = (19, 16)
#: … and what a field between two such numbers may be: a mobile, or a landline with its area code.
_PHONE_FIELD_LENGTHS: Final = frozenset({10, _MOBILE_LENGTH, 12})
#: The most digits a phone typed as one run holds (a landline's 0, area code and subscriber).
_LANDLINE_DIGITS_MOST: Final = max(_PHONE_FIELD_LENGTHS)
_PHONE_FIELD_OUTCOMES: Final = frozenset({"mobile", "landline", "landline_plain"})
_CARD_FIRST: Final = frozenset("3456")
#: The outcomes a check digit proved (an ID's, a card's Luhn): not a chance match of digits joined.
#: An ID whose region, birth date and check character hold (a recent birth date its own outcome).
_VALID_ID: Final = frozenset({"valid", "born_recently", "company_code_shaped"})
_CHECKED_OUTCOMES: Final = _VALID_ID | {"valid_known_bin", "valid_network"}
#: The same, for what reads a finding outside (Presidio's validation_result), with the outcomes
#: whose check holds that the detector weighs otherwise (a foreign permanent resident's ID).
CHECKED_OUTCOMES: Final = _CHECKED_OUTCOMES | {"foreign_permanent"}
#: The most digits one cell may hold for a number split across cells to be read as one: a group
#: of a card or an ID (its birth date: 110101⇥19900307⇥4578), not a value of its own.
_LONGEST_CELL_GROUP: Final = 8
#: A decimal point and two digits, no more: an amount's cents.
_CENTS: Final = re.compile(r"\.[0-9]{2}(?![0-9])")
#: Cents and then what ends an amount: a currency's sign or code (…30.18 CNY), a cell's separator or
#: a column's gap of two spaces (资产总值：13525153831.84  浮动盈亏：…), a line's or the text's end.
_CENTS_OF_AN_AMOUNT: Final = re.compile(r"\.[0-9]{2}(?:[ \u3000]*(?:[元块塊圆圓]|CNY|RMB|HKD|USD|人民币|人民幣|港元|港币|港幣|美元)"
                                        r"|[\t,;|\r\n]|[ \u3000]{2}|\Z)")
#: The first two digits of a year written before 年.
_CENTURIES: Final = frozenset({"19", "20"})

#: What sets the columns of an export apart: the spaces between groups, or a tab.
_COLUMN_GAP: Final = frozenset(_GROUP_SPACES + "\t")
#: What may end a line read from a file or a form: no seam lies in it
_TRAILING_SPACE: Final = frozenset(" \t\r\n\u3000")
#: How a stretch across seams is read: a tab as a space, a line break as nothing (zero-width).
_SEAMS_READ: Final = str.maketrans("\t\r\n", " \u200b\u200b")
#: A line or cell that opens with a date or a time is a new message or value, not the rest of a
#: number: 2023-11-15, 14:30, or a date written as eight digits with no digits after it
#: (20231115 代扣); an ID's middle group is its birth date too, with a group after it
#: (110101⏎19900307 4578), and stays one number. So does a row's index and a column's gap before
#: a date (a statement's next row: 2  2023-12-31  23:54:36  转账; 6 2024/06/19, 6.2022-06-04: an
#: index of one or two digits, one space or a list's mark).
_INDEX_GAP: Final = "(?:[ \u3000]{2,}|\t)"  # a column's gap after a row's index
_YEAR_THEN_MARK: Final = f"(?:19|20){_DIGIT}{{2}}[-/.年－／．]"  # a date's year and the mark after it
_DATE_OR_TIME: Final = re.compile(f"(?:{_DIGIT}{{1,4}}{_INDEX_GAP}|{_DIGIT}{{1,2}}[ \u3000.．、])?{_YEAR_THEN_MARK}|{_DIGIT}{{1,2}}[:：]{_DIGIT}{{2}}|"
                           # a month and day, then a time (a chat export's 08-19 05:49, 8月19日 05:49)
                           f"{_DIGIT}{{1,2}}[-/.月－／．]{_DIGIT}{{1,2}}日?[ \u3000T]{{1,3}}{_DIGIT}{{1,2}}[:：]{_DIGIT}{{2}}|"
                           f"(?:19|20)[0-9]{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![ \u3000\t\r\n-]*[0-9])")
#: A compact time stamp, date and time of day in fourteen digits (20230306103224), as a system
#: prints one on a line of its own.
_TIMESTAMP: Final = re.compile("(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9](?![0-9])")
#: The entity whose numbers have no check digit and a variable length (7- or 8-digit landlines),
#: so one complete at a seam is not read on into the next line.
_COMPLETE_AT_SEAM: Final = "CN_PHONE_NUMBER"
#: A number that ends at a seam: the break or tab after it, past spaces.
_ENDS_AT_SEAM: Final = re.compile(f"[{_GROUP_SPACES}]{{0,3}}(?:\r?\n|\t)")
#: A 400 or 800 hotline grouped as one (3-3-4, or 4-3-3 as many firms print theirs: 4009-422-404)
#: at the end of digits read as groups: no card's or phone's last groups.
_HOTLINE_TAIL: Final = re.compile("[ -]{1,3}[48]00(?:[ -][0-9]{3}[ -][0-9]{4}|[0-9][ -][0-9]{3}[ -][0-9]{3})\\Z")
_HOTLINE_TAIL_LEAST: Final = 13  # (a reading's characters: a group, then such a tail)
_HOTLINE_TAIL_REACH: Final = 16
#: … and its head, 400 or 800 as a reading's last group, the hotline's rest after it.
_HOTLINE_OPENINGS: Final = ("400", "800")
_HOTLINE_GOES_ON: Final = re.compile("[ -][0-9]{3}[ -][0-9]{4}(?![0-9])")
#: A number grouped as North America's are, its country code first (1-855-273-0311: a merchant's
#: toll-free line), or as Japan's mobiles are (090-8991-4699, 080-…, 070-…: read as 0908 and a
#: subscriber number across the hyphen): in Latin text, another country's number.
_NANP_GROUPING: Final = re.compile("1[ .-][0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}")
_AREA_CODE_CUT: Final = re.compile("0[789]0-[0-9]{4}-[0-9]{4}(?![0-9])")
#: … in Latin text only: beside Chinese words (no _HAN within this reach) such a shape is a
#: Chinese number typed so (联系电话 1 362-786-1323, an English phone's format; 单位电话：090-3486-2944,
#: a landline of 0903).
_FOREIGN_SHAPE_REACH: Final = 12
#: How a holder's name that is an organisation's ends (某某物业服务有限公司, 某某律师事务所, 某某社会保险基金专户).
_ORGANISATION_ENDINGS: Final = ("公司|合作社|学校|學校|医院|醫院|中心|工作室|事务所|事務所|委员会|委員會|协会|協會|局|厂|廠|商行|"
                                "集团|集團|研究院|基金会|基金會|幼儿园|幼兒園|酒店|门诊部|門診部|专户|專戶|法院|检察院|檢察院|"
                                "养老院|養老院|敬老院|福利院|护理院|護理院|卫生院|衛生院|疗养院|療養院")
#: An account's holder named as a company in its field, the account's field right after it (on the
#: same line or the next, 收款户名：某某物业服务有限公司⏎收款账号：3301…, 收款方：某某汽车销售服务有限公司，账号
#: 5101…, 对方户名⏎某某教育培训学校⏎对方账号⏎3100…, 户名：某某社会保险基金专户⏎账号：3100…; a court's and a
#: law firm's, their bank's field between: 户名：某某律师事务所⏎开户行：某某银行⏎账号：6733…): the
#: company's account, no card but a known issuer's that passes Luhn (a scammer's "company" account is
#: a person's card). Not a company named in another field (被投诉机构：某某分公司，账号：6217…: the
#: complainant's card after the company complained of; 付款单位：某某公司⏎收款账号：…: the payee's card);
#: not an ID (a site's login may be one: 单位名称：某某医院，账号：<ID>) nor an e-mail.
_COMPANY_HOLDER_BEFORE: Final = re.compile(
    # the holder's field, the company (no space in its name: 户名：王芳 某某医院 names a person), then
    # the account's field of the same side (收款户名 … 收款账号, not 收款方 … 付款账号: the payer's card)
    # (or the account's own word, the holder in a bracket after it: 付款账户（某某建设工程有限公司，账号4000…）
    "(?:(?:收款人|收款方|收款户名|收款人户名|收款单位|收款單位|收款账户[（(]|收款賬戶[（(])(?P<payee>)"
    "|(?:付款人|付款方|付款户名|付款人户名|付款单位|付款單位|付款账户[（(]|付款賬戶[（(])(?P<payer>)"
    "|(?:对方户名|對方戶名)(?P<other>)|户名|戶名|账户名称|賬戶名稱|账户名|賬戶名)[ \t\u3000]*[:：]?\s{0,3}"
    f"[^\\s，,。；;:：]{{2,40}}?(?:{_ORGANISATION_ENDINGS})"  # (two characters at least: 王局 is a person)
    "(?:[ \t\u3000]*[，,；;][ \t\u3000]*|[ \t\u3000]*\r?\n[ \t\u3000]*|[ \t\u3000]+)?"
    # (its bank's field between: 户名：某某律师事务所⏎开户行：中国建设银行⏎账号：…)
    "(?:(?:开户行|開戶行|开户银行|開戶銀行)[ \t\u3000]*[:：]?[^\n，,；;:：]{1,30}(?:[ \t\u3000]*[，,；;][ \t\u3000]*|[ \t\u3000]*\r?\n[ \t\u3000]*))?"
    "(?:(?(payee)(?:收款人|收款方|收款)|(?(payer)(?:付款人|付款方|付款)|(?(other)(?:对方|對方)|(?:结算|結算)))))?"
    "(?:账号|賬號|帐号|帳號|账户|賬戶|帐户|帳戶|银行账号|銀行賬號)[ \t\u3000]*[:：]?\s{0,3}\Z")
_COMPANY_HOLDER_REACH: Final = 96
#: … or named in a bracket right after the account as its holder (收款账户4403…（户名某某财产保险股份有限公司）,
#: 付款账号5719…（对公户）); not a name alone (我的银行卡6222…（中国农业银行股份有限公司）: the issuer's,
#: 工资卡…（某某科技有限公司）: the employer's).
_BRACKET_OR_SPACE: Final = " \u3000（("
_COMPANY_HOLDER_AFTER: Final = re.compile(
    f"[ \u3000]?[（(](?:(?:户名|戶名|账户名|賬戶名|开户名|開戶名)[:：]?[ \u3000]?[^\\s（()），,。；;:：]{{1,40}}?"
    f"(?:{_ORGANISATION_ENDINGS})|对公户?|對公戶?|对公账户|對公賬戶|单位账户|單位賬戶)[)）]")
#: A South Korean mobile (010 and eight digits, typed whole or 3-4-4: a Beijing landline's shape;
#: Beijing's are typed 010-6234 5678 too, but 3-8 only Beijing's) where Korean is written right
#: before it or after it (한국 휴대폰: 01059904291, 010-2930-4280 입니다), or where Korea's name labels
#: it (韩国号码 010-2930-4280, 韩国：010 9925 1973, 010-… （韩国）); not a line in Beijing near Korea's
#: name (我丈夫是韩国人，我们家座机010-…, 订餐电话010-5345 1668 韩国烤肉).
_KOREAN_MOBILE_OPENING: Final = "010"
_KOREAN_MOBILE: Final = re.compile("010(?:[ -]?[0-9]{4}){2}")
_KOREAN_BEFORE: Final = re.compile("[\uac00-\ud7a3][^0-9\n]{0,10}\Z|(?:韩国|韓國|Korea|KOREA)的?(?:手机号?码?|手機號?碼?|号码|號碼|电话|電話|mobile|Mobile)?[：: \u3000]{0,2}\Z")
_KOREAN_AFTER: Final = re.compile("[ \u3000]?(?:[\uac00-\ud7a3]|[（(](?:韩国|韓國|Korea))")
#: A Japanese mobile (070, 080 or 090, then eight digits typed 3-4-4: a 4-digit area code's line
#: typed as a mobile is, 0902-7099721) near Japan's name, Japanese script or its word for a mobile
#: (携帯, ケータイ); not near other text (a Hami line typed 090-2709-9721 is one).
_JAPANESE_MOBILE_OPENINGS: Final = ("070", "080", "090")
_JAPANESE_MOBILE: Final = re.compile("0[789]0[ -][0-9]{4}[ -][0-9]{4}")
_JAPANESE_NEAR: Final = re.compile("[\u3041-\u3096\u30a1-\u30fa]|日本|Japan|JAPAN|携帯")  # kana, not the middle dot ・ of a name
_JAPANESE_REACH: Final = 48
#: Two hotlines as a card's first groups (95588 95588 95588: said again and again; not an old card of
#: ABC's, 95599 8021 0373 0154 16, grouped 5-4-4-4-2), or a bank's and then only the regulator's and
#: such (95580、12378、12363; not ABC's 95599 12023 28835 8117, grouped 5-5-5-4).
_HOTLINE_GROUP: Final = re.compile("9[56][0-9]{3}[ -]{1,3}9[56][0-9]{3}(?![0-9])"
                                   "|9[56][0-9]{3}(?:[ -]{1,3}(?:9[56]|12)[0-9]{3})+(?![ -]*[0-9])")
#: … and such a hotline anywhere among groups read out (尾号6241、400-268-7062: a tail, then the hotline)
_GROUPED_HOTLINE: Final = re.compile("(?<![0-9])[48]00(?:[ -][0-9]{3}[ -][0-9]{4}|[0-9][ -][0-9]{3}[ -][0-9]{3})(?![0-9])")
#: A bank's 95xxx or 96xxx hotline, then a phone number listed after it (95588 13119134768, 95588
#: 0871-6649085: the calls a complaint lists): no card, though ICBC's 9558 opens old cards and
#: the sixteen digits pass Luhn one time in ten.
_HOTLINE_THEN_PHONE: Final = re.compile("9[56][0-9]{3}[ -]{1,3}(?:1[3-9][0-9](?:[ -]?[0-9]{4}){2}|0[1-9][0-9]{1,2}[ -]?[2-9][0-9]{6,7})")
#: An IPv4 address hyphened as a host's name writes it (ip-172-31-161-238, k8s-worker-192-168-40-124):
#: four groups of one to three digits, each at most 255, which no phone is typed in.
_IP_OCTET: Final = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_HOST_IP: Final = re.compile(f"{_IP_OCTET}(?:-{_IP_OCTET}){{3}}")
#: An SMS gateway's number (106 and the operator's digit) grouped in fours, and where its second
#: group starts.
_SMS_GATEWAY_OPENING: Final = "106"
_SMS_GATEWAY_FOURS: Final = re.compile("106[0-9]([ -])[0-9]{4}\\1[0-9]{3,4}(?:\\1[0-9]{1,4})?(?![0-9])")
_SMS_GATEWAY_GROUP: Final = 5
#: What stands before an amount's cents.
_DECIMAL_MARKS: Final = frozenset(".．")
#: A card's outcomes that no issuer's prefix proves (cn_bank_card.yaml: an international network's
#: range, or any issuer with a card word).
_UNKNOWN_ISSUER: Final = frozenset(("valid", "valid_network"))
#: Groups a shorter reading left out, in the grouping of the number (4420 7872 5065 9709| 0134:
#: the same separator; not a table's next column two spaces on) …
_LAST_GROUP_APART: Final = re.compile("([ -]{1,3})[0-9]{3,6}\\Z")
_GROUP_OF_TAIL: Final = re.compile("[0-9]{3,4}")
#: … and what, after them, makes them another value's: a date's or an amount's mark, or more digits.
_TAIL_GOES_ON: Final = re.compile("[ \u3000]*(?:[年月日号號元块塊/.\-~～至到]|[0-9])")
#: How many group boundaries a failed grouped reading is retried at, right to left: a date or a
#: short number after a card takes one or two groups ("… 7890 2023年"); more only costs time (a
#: long run of one digit per box next to a card word would try every boundary at every digit).
_MAX_SHORTER_CUTS: Final = 3
#: Digits glued after a check-character-like tail (0755-86013388x123): an extension, up to six.
_GLUED_AFTER_CHECK: Final = re.compile(f"{_DIGIT}{{1,6}}(?!{_DIGIT})")
#: The pieces of a field name: snake_case, kebab-case, camelCase, digits and Han runs apart.
_NAME_PIECES: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\x00-\x7f]+")
#: Names of fields that hold digits but no identifier of ours (a date, an amount, a model): a
#: column so named is never taken for an entity's, whatever else its name holds.
_NOT_IDENTIFIER_NAMES: Final = frozenset({
    "日期", "时间", "時間", "金额", "金額", "余额", "餘額", "额度", "額度", "费", "費", "型号", "型號", "次数", "數量",
    "数量", "期限", "利率", "年份", "编码规则",
    "date", "time", "datetime", "timestamp", "ts", "amount", "amt", "fee", "fees", "limit", "balance", "count",
    "qty", "model", "rate", "year", "size", "price", "total",
})


#: Findings are never longer than this: how far back an overlap search looks.
_LONGEST_FINDING: Final = 4 * MAX_CANDIDATE_DIGITS
_PLUS: Final = frozenset("+＋")
#: A digit, or a character that opens an escape (``\\u0031``, ``%31``, ``&#49;``): a text with none
#: of them holds no number, decoded or not.
_DIGIT_OR_ESCAPE: Final = re.compile(f"[0-9{FULLWIDTH_DIGITS}\\\\%&]")
#: Latin labels typed right before a number (TEL13812345678, ID3101…, No6222…): not an identifier
#: (nor glue after the number before it: …5678ID3101…). Also the pinyin initials people type for
#: the Chinese words in chat (sfz 身份证, zjhm 证件号码, sj/sjh 手机号, dh/lxdh 联系电话, kh 卡号,
#: yhk 银行卡, zh 账号) and "v"/"加v" for a WeChat ID; lower case only for the two-letter ones,
#: since two capitals before digits are a code prefix (SJ2023…, ZH0012…), but for the
#: abbreviations English signatures and forms use (PH, HP, AC, PID; T and F).
_LABEL_BEFORE: Final = re.compile(r"(?=[A-Za-z])(?<![A-Za-z])(?:tel|TEL|Tel|ID|id|Id|No|NO|no|mobile|Mobile|MOBILE|phone|Phone|PHONE|"
                           r"cell|Cell|fax|Fax|FAX|card|Card|CARD|acct|Acct|ACCT|vx|VX|Vx|wx|WX|Wx|wechat|WeChat|"
                           r"WECHAT|mob|Mob|MOB|MP|idcard|IDcard|IdCard|IDCARD|IDNo|IDno|IdNo|IDNO|"
                           # a signature's and a form's abbreviations: phone, handphone, tel and fax
                           # one letter each (T0216…, F0216…), account, personal ID
                           r"PH|Ph|HP|Hp|T|F|AC|Ac|PID|Pid|"
                           # a contact list's roles (公司HR138…, 老板BOSS138…)
                           r"HR|Hr|CEO|CFO|COO|CTO|GM|BOSS|Boss|boss|"
                           # an airline booking's codes: the traveller's ID (SSR FOID … NI3205…) and
                           # contact phones (OSI … CTCT1835…, CTCM mobile, CTCB business, CTCH home)
                           r"NI|CTCT|CTCM|CTCB|CTCH|"
                           r"sfz|sfzh|SFZ|SFZH|Sfz|zjhm|ZJHM|sj|sjh|SJH|shouji|dh|lxdh|LXDH|kh|yhk|yhkh|YHK|zh|v|V|"
                           r"shenfenzheng|shenfenzhenghao|shenfenzhenghaoma|shoujihao|shoujihaoma|dianhua|"
                           r"lianxidianhua|yinhangka|yinhangkahao|kahao|ka|"
                           # a bank's name labels its card (账号ICBC6222…)
                           r"ICBC|CCB|ABC|BOC|BOCOM|BCM|CMB|CMBC|PSBC|CIB|CEB|SPDB|CITIC|HXB|PAB|CGB|GDB|HSBC|UnionPay|UNIONPAY)\Z")
#: Readings that need no word to be believed where Latin letters run into them, before or after (a
#: user name zhang18698259791, a field x310104199602091208, a key 13812345678x, a note …5678a1): a
#: mobile of the numbering plan, an ID whose region, birth date and check character all hold, a
#: known issuer's card that passes Luhn. Not after two capitals (a code: SF…, JD…), not glued at
#: both ends, not after a decimal point. Missing one is a leak; a code read as one is masked.
_SELF_EVIDENT: Final = {CN_RESIDENT_ID: _VALID_ID, CN_PHONE_NUMBER: frozenset({"mobile"}),
                         CN_BANK_CARD: frozenset({"valid_known_bin"})}
#: What a number in a URL's path is read as without its word: an ID whose check character holds.
#: Not a mobile (an 11-digit page id has its shape), nor a known issuer's card passing Luhn: page
#: ids of 18 or 19 digits opening with 62 or 81 (Toutiao's, Bilibili's) pass one time in ten.
_SELF_EVIDENT_IN_PATH: Final = {CN_RESIDENT_ID: _VALID_ID}
#: A URL path's segment that names a person, right before a number in the path: a mobile there
#: is the person's (apps that sign in by phone key their users by it; /u/ is a user's too).
_PERSON_SEGMENT: Final = re.compile(r"/(?:users?|u|members?|customers?|accounts?|profiles?|owners?|contacts?|"
                                    r"userinfo|user_info|userInfo)/[(+]?\Z", re.IGNORECASE)
_LONGEST_PERSON_SEGMENT: Final = 12
#: The rest of an uploaded file's name after a number in a URL's path: more of the name, then a
#: picture's, a document's or a recording's suffix (not a page's: .html, .shtml, .htm).
_UPLOADED_FILE: Final = re.compile(r"[A-Za-z0-9_\-]{0,40}\.(?:jpe?g|png|gif|webp|bmp|heic|pdf|docx?|xlsx?|amr|mp3|wav|m4a|mp4|zip)"
                                   r"(?![A-Za-z0-9.])", re.IGNORECASE)
#: … under a folder of a user's uploads (not a site's media: /video/<id>.mp4, /goods/<id>.webp)
_UPLOAD_SEGMENT: Final = re.compile(r"/(?:uploads?|avatars?|kyc|attachments?|idcards?|certs?|contracts?|sign|userfiles?|"
                                    r"user_files?)/(?:[A-Za-z0-9_\-]{1,24}/){0,2}[A-Za-z_\-]{0,16}\Z", re.IGNORECASE)
_UPLOAD_REACH: Final = 80
#: A country code with a dot after it, as business cards write one (+86.177 4828 8011): no decimal point.
_COUNTRY_CODE_DOT: Final = re.compile("(?:[+＋]|(?<![0-9])00)86\\.$")
#: The longest of them (shenfenzhenghaoma), how far back one is looked for.
_LONGEST_LATIN_LABEL: Final = 18
#: Where a number can start inside a folded candidate: a digit, "+" or "(" not glued to a digit or letter.
_START_CHARS: Final = frozenset("0123456789+(")
_ASCII_DIGITS: Final = frozenset("0123456789")
_GLUING: Final = _ASCII_DIGITS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
#: The groups of one number: up to six digits, joined by one to three of these.
_LONGEST_GROUP: Final = 6
_GROUP_JOINS: Final = frozenset(" -")
#: Another group of the same run right after a reading: it stopped inside a longer number.
_GROUP_AFTER: Final = re.compile(r"[ -]{1,3}[0-9]")
#: A group that stands on its own before a card grouped as it is: a year (2023 6222 0212 3456 7890),
#: and the separators after it, or any group a table's column gap parts from it (192 **** 0841
#: 5525 9906 9610 2950: a masked mobile's tail); not a group opening with 0 one space before it,
#: which heads a company's account (ICBC's 0200 5522 9360 8710 698, its branch's code first).
_OWN_LEAD_GROUP: Final = re.compile(r"(?<![0-9])(?:(?:19|20)[0-9]{2}[ -]{1,3}|[0-9]+ {2,3})\Z")
#: The outcome of a card of a known issuer that Luhn proves.
_KNOWN_ISSUER: Final = "valid_known_bin"
#: The outcome of a mobile number (no check digit: its grouping is what a list's is not).
_MOBILE: Final = "mobile"
#: A reading of digit groups alone (a dialling prefix before them allowed): what
#: :func:`_odd_mobile_grouping` judges.
_PREFIXED_GROUPS: Final = re.compile(r"(?:\(?\+?(?:00)?86\)?[ -]+)?([0-9]+(?:[ -]+[0-9]+)*)")
#: How people group a mobile they write in groups: 3-4-4 (most), 3-8, 7-4, 4-7, 4-4-3.
_MOBILE_GROUPINGS: Final = frozenset({(3, 4, 4), (3, 8), (7, 4), (4, 7), (4, 4, 3)})


def _odd_mobile_grouping(canon: str, cs: int, ce: int) -> bool:
    """Whether the mobile read as ``canon[cs:ce]`` is written in groups no one groups a mobile
    in: numbers listed side by side (1679 537 4320, 492⇥7053⇥135⇥401⇥98976: amounts, counts),
    whose digits make one only by chance."""
    m = _PREFIXED_GROUPS.fullmatch(canon, cs, ce)
    if m is None:
        return False
    groups = _group_sizes(m.group(1))
    return len(groups) > 1 and groups not in _MOBILE_GROUPINGS


def _after_grouped_hotlines(canon: str) -> set[int]:
    """Where the group after each 400 or 800 hotline grouped as one in ``canon`` starts."""
    starts: set[int] = set()
    for m in _GROUPED_HOTLINE.finditer(canon):
        at = m.end()
        while at < len(canon) and canon[at] in " -":
            at += 1
        starts.add(at)
    return starts


def _an_amount(text: str, begin: int, digits_start: int, end: int) -> bool:
    """Whether the run ``text[digits_start:end]`` (its candidate opening at ``begin``) is an amount or a
    count before its unit: a round one (注册资本15000000000元, 13800000000份), or one of a phone's length
    an amount's word labels (累计结余17701608674元; a card's or an ID's length is never an amount's)."""
    if not (end >= 4 and text[end - 4 : end] == "0000") and not (
            end - digits_start <= _LANDLINE_DIGITS_MOST and text[digits_start:end].isdigit()
            and _AMOUNT_WORD_BEFORE.search(text, max(0, begin - _AMOUNT_WORD_REACH), begin) is not None):
        return False
    return _AMOUNT_AFTER.match(text, end) is not None


def _code_before(text: str, begin: int) -> bool:
    """Whether a code of capitals, digits and a capital or two is glued before ``text[begin]`` (a
    policy's ASHZ6984Y1774…, ABJZ5824Y1892…): its tail is no number of its own, whatever the words
    near it say. Not a label, a unit, a sex's or a room's letter after digits (sjh1719…sfzhm1501…,
    …2777M1779…, 3B1763…, 65kg1703…), which part one value from the next."""
    return _CODE_BEFORE.search(text, max(0, begin - _CODE_BEFORE_REACH), begin) is not None


_CODE_BEFORE: Final = re.compile("(?<![0-9A-Za-z])[A-Z]{2,}[0-9]+[A-Z]{1,2}\\Z")
_CODE_BEFORE_REACH: Final = 24


def _column_gap_before_last(canon: str, cs: int, ce: int) -> int:
    """Where the gap before the last group of the reading ``canon[cs:ce]`` starts, where that gap is
    wider than every other gap of the reading and of two spaces or more (a space-aligned table's
    gap between columns: 1537 2448  393), else -1."""
    gaps = list(_SPACE_RUNS.finditer(canon, cs, ce))
    if len(gaps) < 2:
        return -1
    last = gaps[-1].end() - gaps[-1].start()
    return gaps[-1].start() if last > 1 and all(g.end() - g.start() < last for g in gaps[:-1]) else -1


_SPACE_RUNS: Final = re.compile(" +")


def _cells_of_a_row(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is parted by a tab and holds a group of one or two digits: cells
    of a table's row (a birth date, a job class, a sum: 19621115⇥1⇥30), no number split over cells."""
    if text.find("\t", start, end) < 0:
        return False
    return any(len(group) <= 2 for group in _DIGIT_GROUPS.findall(text, start, end))


def _loosely_grouped(canon: str, cs: int, ce: int) -> bool:
    """Whether the reading ``canon[cs:ce]`` parts its digits into five groups or more, but one
    digit each parted by hyphens (typed apart to slip past a filter: 1-5-3-2-…; by spaces, a
    row of counts as often: 1 3 2 2 1 0 …), or parts them with both hyphens and spaces. Fewer
    are a writer's or an OCR's stray gaps as often (17 8 51457312, 199 031 0638 5)."""
    value = canon[cs:ce]
    groups = _group_sizes(value)
    return ((len(groups) >= _LOOSE_GROUPS and (max(groups) > 1 or "-" not in value))
            or ("-" in value and " " in value))


#: How many odd groups make a reading a list rather than a mobile (15 30 00 00 12 3).
_LOOSE_GROUPS: Final = 5


def _listed_among(canon: str, cs: int, ce: int) -> bool:
    """Whether two or more groups of up to five digits (amounts, counts) stand beside the reading
    ``canon[cs:ce]`` in its candidate; a date's are one beside a mobile grouped as people group
    one (1857 840 0311 2025-05-14: a call log's number and its date; not 1710 84 52273 2020-07-28,
    a row's counts)."""
    beside = 0
    date_end = -1
    dated = _group_sizes(canon[cs:ce]) in _DATED_GROUPINGS
    for m in _DIGIT_GROUPS.finditer(canon):
        if m.start() < date_end:
            continue
        if (m.end() <= cs or m.start() >= ce) and m.end() - m.start() <= 5:
            beside += 1
            date = _DATE_OF_GROUPS.match(canon, m.start()) if dated and m.end() - m.start() == 4 else None
            if date is not None:
                date_end = date.end()
    return beside >= 2


#: … and those with 4-3-4, beside which a date's groups are one.
_DATED_GROUPINGS: Final = _MOBILE_GROUPINGS | {(4, 3, 4)}
#: A date written year first with one mark throughout (2024-08-21, 2024/8/21, 2024.08.21), its
#: mark the pattern's first group; a date so written as a run's groups; and a year and a month
#: that open one (2024-02: a serial's head ends no landline there).
_DATE_SHAPE: Final = "(?:19|20)[0-9]{2}([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12][0-9]|3[01])"
_DATE_OF_GROUPS: Final = re.compile(_DATE_SHAPE + "(?![0-9])")
_YEAR_OPENS_A_DATE: Final = re.compile("(?:19|20)[0-9]{2}[-/.](?:0?[1-9]|1[0-2])(?![0-9])")
#: … and a date written in eight digits with a time after it (20251014 11:38:18, 20251014T11:38).
_STAMP_OPENS: Final = re.compile("(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ T]?[0-2]?[0-9]:[0-5][0-9]")


def _group_sizes(value: str) -> tuple[int, ...]:
    """How many digits each group of ``value`` holds, its groups parted by any marks."""
    return tuple(len(g) for g in _DIGIT_RUN_ANY.findall(value))


def _in_fours(value: str) -> bool:
    """Whether the digit groups of ``value`` (parted by any marks) are fours but the last."""
    groups = _group_sizes(value)
    return all(g == 4 for g in groups[:-1]) and 0 < groups[-1] <= 4


#: A run of digits, ASCII or full width (a number typed in full-width mode has full-width commas too).
_DIGIT_RUN_ANY: Final = re.compile(f"[0-9{FULLWIDTH_DIGITS}]+")
#: A "+" for a space in a URL-encoded form between groups: 138+1234+5678, (0755)+2345…
_PLUS_BETWEEN: Final = re.compile(r"(?<=[0-9)])\+(?=[0-9])")
#: Deletes what a folded candidate holds besides digits (a character missing here only makes the
#: count too high, which makes the start filter try more, never less).
_NOT_COUNTED: Final = frozenset(" -()+#.xXeEtT转轉分机機内內线線")
_OPEN: Final = frozenset("(（" + OPEN_BRACKETS)
_DIGITS: Final = frozenset("0123456789" + FULLWIDTH_DIGITS)
#: What the part of a number before a seam is made of (a tab too, before a tab seam).
_BEFORE_LINE_SEAM: Final = _DIGITS | frozenset(_WRAP_HYPHEN_CHARS + _GROUP_SPACES + ZERO_WIDTH)
_BEFORE_TAB_SEAM: Final = _BEFORE_LINE_SEAM | frozenset("\t")
_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "".join(chr(c) for c in range(0xFF21, 0xFF3B)))
_LETTERS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))
)


def _fullwidth_variants(chars: str) -> str:
    out = set()
    for ch in chars:
        for c in (ch.upper(), ch.lower()):
            out.add(c)
            if "!" <= c <= "~":
                out.add(chr(ord(c) + 0xFEE0))
    return "".join(sorted(out))


#: The tail of an extension after a star (023-34861811*086), whose digits must end the run.
_STAR_TAIL: Final = "*"


def check_char_tails(digit_specs: Iterable[RecognizerSpec]) -> set[str]:
    """Tails (extension marks) that are also a check character: the x of an extension and of an ID."""
    digit_specs = tuple(digit_specs)
    checks = {c.upper() for s in digit_specs for c in s.candidate.check_chars}
    return {t for s in digit_specs for t in s.candidate.tails if t.upper() in checks}


#: What may stand between a number's digits and its check character.
_CHECK_GAP: Final = _ranges(" \u3000" + ZERO_WIDTH)


def build_candidate_regex(specs: Iterable[RecognizerSpec], possessive: bool | None = None) -> re.Pattern[str]:
    """The one prefilter regex, built from the ``digits`` recognizers' needs (``possessive``:
    whether to use possessive quantifiers; by default where Python has them)."""
    digit_specs = [s for s in specs if s.kind == "digits"]
    if not digit_specs:
        return re.compile("(?!)")
    min_digits = min(s.candidate.min_digits for s in digit_specs)
    check_chars = _fullwidth_variants("".join(s.candidate.check_chars for s in digit_specs))
    check_chars += "".join(chr(cp) for cp, to in FOLD_TABLE.items() if to in check_chars and chr(cp) not in check_chars)
    # A tail that is also a check character (the x of 0755-86013388x123 and of an ID's 457x) is
    # read as the check character here; the detector reads the run once more with the digits
    # glued after it (``_GLUED_AFTER_CHECK``), and the better reading wins.
    glued = check_char_tails(digit_specs)
    tails = sorted({t for s in digit_specs for t in s.candidate.tails} - glued - {_STAR_TAIL}, key=len, reverse=True)
    star = any(_STAR_TAIL in s.candidate.tails for s in digit_specs)
    # At most MAX_CANDIDATE_DIGITS digits per candidate: a pathological run ("1 1 1 1 …" for
    # megabytes) becomes many bounded candidates instead of one quadratic one.
    extra = max(MAX_CANDIDATE_DIGITS - max(min_digits, 1), 0)
    # Possessive where Python has them (3.11+): separators are never digits, so giving some back
    # never lets a digit match, and a group given back never lets a tail match where none did;
    # the matches are the same, but a run too short to be a candidate (an amount, a date) fails
    # without trying every split of its separators (the dense file's scan: 5.3 -> 3.0 µs a line).
    own = "+" if (sys.version_info >= (3, 11) if possessive is None else possessive) else ""
    gap = f"{_SEPARATOR}{{0,{_MAX_GAP}}}{own}"
    body = f"{_DIGIT}(?:{gap}{_DIGIT}){{{max(min_digits - 1, 0)}}}(?:{gap}{_DIGIT}){{0,{extra}}}{own}"
    ending = []
    if tails or star:
        tail_alt = "|".join([re.escape(t) for t in tails] + ([f"(?P<star>{re.escape(_STAR_TAIL)})"] if star else []))
        # a colon may follow the tail (分机号：123, ext: 12); where the digits after it are a
        # number of their own (Detector._after_tail), the candidate is cut before the tail. A
        # star's extension ends the run (023-34861811*086): a star also parts fields (张三*138…*
        # 6222…), and the card after it is no extension's head
        ending.append(f"(?P<tail>{_SEPARATOR}{{0,2}}(?:{tail_alt})[:：]?{_SEPARATOR}{{0,2}})(?P<ext>{_DIGIT}{{1,6}})"
                      + (f"(?(star)(?!{_DIGIT}|[*＊]))" if star else ""))  # (nor a masked number's head: …3388*622202******4393)
    if check_chars:  # zero-width characters or spaces (one character per box) may sit before it too
        ending.append(f"[{_CHECK_GAP}]{{0,{_MAX_GAP}}}[{re.escape(check_chars)}]")
    suffix = f"(?:{'|'.join(ending)})?" if ending else ""
    return re.compile(body + suffix)


class Detector:
    """Find entities in text with the recognizers of one directory.

    Build it once (``Detector.default()`` caches one per process) and call
    :meth:`analyze` from any thread: it holds no per-call state.
    """

    def __init__(self, specs: Sequence[RecognizerSpec], threshold: float = DEFAULT_THRESHOLD) -> None:
        self.specs: tuple[RecognizerSpec, ...] = tuple(specs)
        self.threshold = threshold
        #: the directory its recognizers were loaded from ("" for the shipped ones), None where it
        #: was built from specs in memory: what a pickled detector is loaded again from
        self.origin: str | None = None
        self.entities: tuple[str, ...] = tuple(s.entity for s in self.specs)
        self._digit_specs = tuple(s for s in self.specs if s.kind == "digits")
        self._by_entity: dict[str, RecognizerSpec] = {s.entity: s for s in self.specs}
        self._text_specs = tuple(s for s in self.specs if s.kind == "text")
        self._candidates = build_candidate_regex(self.specs)
        self._numbers_after_tail = tuple(n for s in self.specs if s.kind == "digits" for n in s.candidate.numbers_after_tail)
        #: tails of a digit recognizer that are also a check character (the x of an extension)
        self._glued_tails = frozenset(_fullwidth_variants("".join(check_char_tails(self._digit_specs))))
        #: fewest digits a candidate has (more than any entity allows when there are no digit recognizers)
        self._min_digits = min((s.candidate.min_digits for s in self._digit_specs), default=MAX_CANDIDATE_DIGITS + 1)
        self._widths = {id(p): width(p.regex) for s in self._digit_specs for p in s.patterns}
        #: per pattern: whether it can match a run of bare digits (see _by_length)
        self._bare_digits = {id(p): digits_can_match(p.regex) for s in self._digit_specs for p in s.patterns}
        #: the phone recognizer's context, where there is one (a reading across lines that a phone word is near is a phone's)
        self._phone_context: ContextSpec | None = next((s.context for s in self._digit_specs if s.entity == CN_PHONE_NUMBER), None)
        #: per pattern: whether it matches every run of ASCII digits of its width (see _by_length)
        self._every_digit_run = {id(p): every_digit_run(p.regex) for s in self._digit_specs for p in s.patterns}
        #: fewest characters any digit pattern matches: every reading of every pass is a pattern's
        #: match on a piece of the text read one character for one (folding only drops some), so a
        #: shorter text holds no digit entity (an amount, a date, an id cell)
        self._shortest = min((w[0] for w in self._widths.values()), default=MAX_CANDIDATE_DIGITS + 1)
        self._length_cache: dict[int, tuple[tuple[RecognizerSpec, PatternSpec, bool], ...]] = {}
        self._label_cache: dict[str, str] = {}
        #: per text recognizer: the full-width forms of its trigger's characters
        self._wide_triggers = {id(s): wide_spellings(s.trigger) for s in self._text_specs}
        #: per text recognizer, the strings of which one must occur for it to run ("" for always)
        self._text_scans = tuple((s, (s.trigger or "",) + self._wide_triggers[id(s)]) for s in self._text_specs)
        #: per text recognizer, the characters its matches are made of, where that narrows the
        #: windows it scans to the run of them around each trigger (see :func:`match_alphabet`)
        self._alphabets = {id(s): match_alphabet([p.regex for p in s.patterns], s.trigger) for s in self._text_specs}
        #: entity → (its recognizer, the outcomes a list may follow, the regex of a join and the
        #: digits after it): numbers listed after one that share its prefix (see ListedSpec)
        self._lists = {s.entity: (s, frozenset(s.listed.after), _list_join(s.listed.joins), s.listed.min_digits,
                                  s.listed.outcome)
                       for s in self._digit_specs if s.listed is not None}
        #: per text recognizer, its context words (邮箱, Email …): a line that ends with one is a
        #: label, not the head of a wrapped address, and one right before a line's last word makes
        #: that word the head of one (see address_wraps)
        self._label_words = {id(s): tuple(s.context.words) for s in self._text_specs}
        #: entity → its positive context words (a word in both lists counts as negative)
        self._supporting = {s.entity: frozenset(map(spelled, s.context.words)) - frozenset(map(spelled, s.context.negative_words))
                            for s in self.specs}

    @classmethod
    def from_directory(cls, directory: str | Path | None = None, threshold: float = DEFAULT_THRESHOLD) -> "Detector":
        """Load every recognizer file in ``directory`` (default: the shipped ones)."""
        detector = cls(load_directory(directory), threshold)
        detector.origin = str(directory) if directory is not None else ""
        return detector

    def __reduce__(self) -> tuple[object, tuple[str | None, float]]:
        """Pickled (and deep-copied) as where it was loaded from: Spark broadcasts an analyzer
        holding pii-guard's recognizers, a spawned worker gets one; the compiled patterns and
        caches are built again there (once per process and directory). One built from specs in
        memory cannot be."""
        if self.origin is None:
            raise TypeError("a Detector built from specs in memory cannot be pickled; load it with "
                            "Detector.from_directory (or Detector.default())")
        return _loaded_detector, (self.origin or None, self.threshold)

    @staticmethod
    def default() -> "Detector":
        """The process-wide detector: over the recognizers in ``$PII_GUARD_RECOGNIZERS`` (a
        directory: ``--recognizers`` of every command sets it, so that detection, policies,
        scrub workers, scans and the middleware all know a custom entity), else the shipped ones."""
        return _default_detector(os.environ.get(ENV_RECOGNIZERS) or None)

    @staticmethod
    def shipped() -> "Detector":
        """The detector over the shipped recognizers, whatever ``$PII_GUARD_RECOGNIZERS`` says:
        for what must work while a custom directory is being reported as broken (the messages
        that report it are masked with it)."""
        return _default_detector(None)

    def labelled_entity(self, name: str) -> str | None:
        """The entity a field or column name stands for (银行卡号, 证件号码, 联系电话, lxdh, cardNo;
        a custom entity's 护照号码, passport), by the recognizers' own context words, or ``None``.

        The word that ends last in the name decides (the head of 银行卡绑定手机 and account_phone is
        the phone), then the longest, unless it is the tail of a longer compound (身份证号码: an ID,
        not a phone's 号码); a label of another identifier there (订单号, orderNo) means
        none. Latin words match whole pieces of the name (snake_case, camelCase), so hotel_id holds
        no "tel" and cardinality no "card"; one-character Han words (证, 卡) and two-letter Latin ones
        (ID: a row number) do not count. A name about
        something else that only has digits (日期, 余额, 费, 型号, date, amount, limit …) is none.
        Cached per name."""
        entity = self._label(name)
        return None if entity in ("", _OTHER_IDENTIFIER) else entity

    def labels_another_identifier(self, name: str) -> bool:
        """Whether a field or column name is the label of an identifier that is no entity here
        (订单号, 流水号, Order ID): the cells under it are read as if the label stood before them."""
        return len(name) <= _LONGEST_LABEL and self._label(name) == _OTHER_IDENTIFIER

    def _label(self, name: str) -> str:
        """:meth:`_label_of`, cached per name."""
        cache = self._label_cache
        hit = cache.get(name)
        if hit is not None:
            return hit
        if len(cache) >= 4096:
            cache.clear()
        cache[name] = entity = self._label_of(name)
        return entity

    def _label_of(self, name: str) -> str:
        """The entity ``name`` stands for, ``_OTHER_IDENTIFIER`` for another identifier's label, or
        "" for none (see :meth:`labelled_entity`)."""
        matches = list(_NAME_PIECES.finditer(name))
        pieces = [m.group().lower() for m in matches]
        if any(p in _NOT_IDENTIFIER_NAMES for p in pieces) or any(w in name for w in _NOT_IDENTIFIER_NAMES if not w.isascii()):
            return ""
        joined = "".join(pieces)
        # where each piece ends in the joined lower-case spelling (whole-piece Latin matches), and
        # where it ends in the name itself (to compare a Latin word's end with a Han word's)
        name_end = {0: 0}
        pos = 0
        for m, p in zip(matches, pieces):
            pos += len(p)
            name_end[pos] = m.end()
        found: list[tuple[int, int, str, str]] = []  # (end, length, entity or _OTHER_IDENTIFIER, word)
        for spec in self.specs:  # a text entity's words too: a passport under 护照号码
            for words, entity in ((spec.context.words, spec.entity), (spec.context.negative_words, _OTHER_IDENTIFIER)):
                for word in words:
                    if len(word) < (3 if word.isascii() else 2):  # not 证, 卡, nor ID (a row number)
                        continue
                    if word.isascii():
                        w = word.lower().replace("_", "")
                        i = joined.find(w)
                        while i >= 0 and not (i in name_end and i + len(w) in name_end):
                            i = joined.find(w, i + 1)
                        if i < 0:
                            continue
                        end = name_end[i + len(w)]
                    else:
                        i = name.rfind(word)
                        if i < 0:
                            continue
                        end = i + len(word)
                    found.append((end, len(word), entity, word))
        if not found:
            return ""
        best = max(found, key=lambda f: f[:2])
        if any(f[:2] == best[:2] and f[2] != best[2] for f in found):
            return ""  # a tie between two entities: none
        # A word that ends last but is the tail of a compound another kind's word heads names that
        # word's number: it shares its first characters with it (订单号码 labels an order number),
        # or it only says "number" right after it (身份证号码 and 银行卡号码 are no phone's 号码).
        start = best[0] - best[1]
        generic = best[3] in _NUMBER_WORDS
        heads = [f for f in found if f[2] != best[2] and f[0] - f[1] < start <= f[0] and (generic or start < f[0])]
        return max(heads, key=lambda f: f[1])[2] if heads else best[2]

    def outcome(self, entity: str, value: str) -> str | None:
        """The validator's outcome label for ``value`` read as ``entity`` (``mobile``, ``landline``
        …: what an operator's per-outcome variants need for a value protected whole), or ``None``."""
        for spec in self.specs:
            if spec.entity == entity:
                return spec.check(value.strip(), spec.params)
        return None

    def restricted(self, entities: Iterable[str]) -> "Detector":
        """A detector over a subset of this one's entities."""
        wanted = set(entities)
        unknown = wanted - set(self.entities)
        if unknown:
            raise ValueError(f"unknown entities: {', '.join(sorted(unknown))}")
        return Detector([s for s in self.specs if s.entity in wanted], self.threshold)

    # -- the hot path -----------------------------------------------------

    def analyze(self, text: str, threshold: float | None = None) -> list[Finding]:
        """Return the findings in ``text`` with a score of at least ``threshold``.

        Raw text may carry escaped characters (a log line holding ``json.dumps``
        output, a URL-encoded query, an HTML body): escapes are decoded for
        detection and the findings mapped back to the raw offsets.
        """
        if not isinstance(text, str):
            raise TypeError("Detector.analyze expects a str")
        triggered = self._triggered(text)
        if _DIGIT_OR_ESCAPE.search(text) is None and not _numerals_in(text) and not _spelled_in(text):
            # No digit, no escape that could decode to one, no run of numerals nor of digits said
            # in English: no digit entity. Only a text recognizer whose trigger occurs finds
            # anything (none in a JSON key, a name, most short values); an e-mail field's value
            # is read by its scan alone, not by every pass for digits (a third of its cost).
            if not triggered:
                return []
            scanned = self._text_findings(text, self.threshold if threshold is None else threshold, [])
            return self._listed_too(text, resolve(scanned) if len(scanned) > 1 else scanned)
        if not triggered and len(text) < self._shortest:
            return []  # shorter than any digit pattern (decoding escapes only shortens it)
        if (not triggered and text.isdigit() and text.isascii() and text[0] != "0"
                and self._min_digits <= len(text) <= MAX_CANDIDATE_DIGITS):
            # A value that is one run of digits (an export's phone or card column, a JSON number):
            # nothing to decode, no marks, no text recognizer to run (none without a trigger, no
            # trigger in it), and the one candidate is the whole value. Not one that opens with a
            # zero: the full pass reads a fixed-width field's padding off (0 and a card's 16 digits).
            found: list[Finding] = []
            self._candidate(text, 0, len(text), self.threshold if threshold is None else threshold, found)
            return resolve(found) if len(found) > 1 else found
        decoded, index = decode_escapes(text)
        if index is None:
            return self._analyze(text, threshold)
        # Both readings: "50%13812345678" is a percentage followed by a phone, not an escape, and
        # the raw reading keeps it; "\\u7535\\u8bdd138…" needs the decoded one. A raw finding
        # whose characters the decoding left as they were is the decoded reading's to judge: it
        # saw the same digits and the real context words ("\\u8ba2\\u5355\\u53f7 6222…" is an
        # order number), so only raw findings that overlap an escape are added.
        mapped = [f._replace(start=start, end=end) for f in self._analyze(decoded, threshold, False)
                  for start, end in (_whole_elements(text, *_whole_sections(text, index[f.start],
                                                                            _raw_end(text, index, f.start, f.end))),)]
        # A raw finding an escaped digit stands beside (手机13812345678%31, &#49;138…) is the number
        # an app that does not decode that escape reads, and the decoded reading saw a longer run:
        # kept where that reading found nothing over it (either reading protects: fail closed).
        found = [f for f in self._analyze(text, threshold, False)
                 if (not _unchanged(index, f.start, f.end)
                     and (not _starts_inside_escape(text, decoded, index, f.start) or inside_markup(text, f.start)))
                 or (_escaped_digit_beside(text, decoded, index, f.start, f.end)
                     and not any(m.start < f.end and f.start < m.end for m in mapped))] + mapped
        return resolve(found) if len(found) > 1 else found

    def _triggered(self, text: str) -> bool:
        """Whether some text recognizer would run on ``text`` (one without a trigger always does)."""
        return any(spelling in text for _, spellings in self._text_scans for spelling in spellings)

    def _analyze(self, text: str, threshold: float | None, whole_first: bool = True, as_digits: bool = True) -> list[Finding]:
        """Every reading of ``text``, resolved.

        ``whole_first``: a grouped candidate that one reading explains from its first character to
        its last is not read from its inner groups (see :meth:`_scan_candidate`); the spans of
        such readings are collected in ``wholes``, and where a reading of another pass overlaps
        one of them partly and is at least as long, the text is read again without the shortcut,
        so the result is always the one every start would give. Not where the seam pass runs (it
        weighs its readings against the inner ones).

        ``as_digits``: full-width digits, and runs of look-alike ones, are read as the ASCII digits
        they stand for (see below); False where that reading is done.
        """
        limit = self.threshold if threshold is None else threshold
        found: list[Finding] = []
        # the seam pass weighs each reading across a break against every finding before it, the
        # inner readings included: where it runs, every candidate is read from every start
        seams = bool(self._digit_specs) and ("\n" in text or "\t" in text) and (_inside(text, "\n") or _inside(text, "\t"))
        wholes: list[Finding] | None = [] if whole_first and not seams else None
        glued_tails = self._glued_tails
        spans, gates = self._wide_scans(text)
        if as_digits and (gates[_LOOKALIKE_GATE] >= 0 or gates[_WIDE_GATE] >= 0):
            # Full-width digits and runs of look-alike ones (１５０, ①⑤⑥, 𝟑𝟗𝟓𝟗, ¹³⁸) read as the
            # ASCII digits a reader sees, one for one, so that every reading applies to them as to
            # ASCII digits (１５０，呃，４４４１, ①⑤⑥.③⑨⑤⑨.⑧⓪④④, 𝟭𝟱𝟲•𝟯𝟵𝟱𝟵•𝟴𝟬𝟰𝟰); the offsets stay
            # those of the text. Not a look-alike alone: a list's ① or a unit's ² glued to a
            # number (①13812345678, m²13…) is no digit of it. Where look-alikes are, the text is
            # read as it is too: the numeral pass reads them in groups that ASCII digits are not
            # read in without a word (威信：𝟣𝟪𝟥,𝟣𝟤𝟤𝟥,𝟪𝟫𝟤𝟨); either reading protects.
            han = gates[_WIDE_GATE] >= 0 and _COMPAT_HAN_CHAR.search(text, gates[_WIDE_GATE]) is not None
            if han:
                # a Han character as a PDF font writes it (⼿机 1 3 8 …): read as the character
                text = text.translate(COMPAT_HAN)
            if gates[_LOOKALIKE_GATE] < 0:
                in_digits = text
                for wide, digit in _WIDE_DIGITS:  # full-width digits only: ten replacements at memchr speed
                    in_digits = in_digits.replace(wide, digit)
                if in_digits != text or han:
                    return self._analyze(in_digits, threshold, whole_first, False)
            else:
                in_digits = _AS_DIGITS.sub(_as_ascii_digits, text)
                both = self._analyze(text, threshold, whole_first, False) + self._analyze(in_digits, threshold, whole_first, False)
                return resolve(both) if len(both) > 1 else both
        for k, (begin, end) in enumerate(spans):
            if k % _CANDIDATES_PER_BREATH == _CANDIDATES_PER_BREATH - 1:
                # A long text (a 600 KB CSV body) takes seconds, and compiled code never gives up
                # the GIL by itself: the middleware's event loop, waiting on another thread, would
                # stall every other request that long. A sleep of nothing lets it run.
                time.sleep(0)
            read = len(found)
            self._candidate(text, begin, end, limit, found, None, wholes)
            if len(found) == read and _INVISIBLE.search(text, begin, end) is not None:
                self._apart_at_invisibles(text, begin, end, limit, found)
            if (end - begin == _DISABILITY_CERTIFICATE_LENGTH and text[begin : end].isdigit()
                    and _DISABILITY_CERTIFICATE_WORD.search(text, max(0, begin - _DISABILITY_WORD_REACH), begin) is not None):
                # a disability certificate's number: the holder's ID, then the disability's kind and
                # grade (残疾人证号：3302031944012984321 2…): the ID in it is read
                self._candidate(text, begin, begin + _ID_LENGTH, limit, found, None, wholes)
            if end < len(text) and text[end] == "年" and end - begin > 8 and text[end - 4 : end - 2] in _CENTURIES:
                # A year glued after a number (我的手机138…2019年开的户): read the number without it too
                self._candidate(text, begin, end - 4, limit, found, None, wholes)
            elif end - begin >= _MOBILE_LENGTH + 4 and (text.find("-", begin, end) > 0 or text.startswith((".", "/"), end)):
                # a date glued after it (证件号码：5001…2023-06-06, a PDF's columns run together;
                # a grouped number's last group too: 来电137 5603 90382024-08-22)
                year = _glued_date(text, begin, end)
                if year > 0:
                    self._candidate(text, begin, year, limit, found, None, wholes)
            elif end - begin > _MOBILE_LENGTH and end < len(text) and text[end] == "月" and text[end - 3 : end].isdigit():
                # a month glued after a number (号码186661637525月账单, +86 147327190505月, 138…12月份):
                # read the number without it too, of one digit or of two
                for month in (2, 1):  # 12月 is December, not 2月 after another digit
                    if text[end - month] != "0" and 1 <= int(text[end - month : end]) <= 12:
                        self._candidate(text, begin, end - month, limit, found, None, wholes)
                        break
            if end - begin > _MOBILE_LENGTH and (begin == 0 or text[begin - 1] in _STAMP_MARKS or text.find("-", begin, end) > 0):
                stamp = _STAMP_BEFORE.search(text, max(0, begin - _STAMP_REACH), end)
                if stamp is not None and begin <= stamp.end() - 2 <= begin + _STAMP_REACH and stamp.end() + _MOBILE_LENGTH <= end:
                    # a date's day or a time's minutes glued before the number: read without them too
                    stop = stamp.end()
                    while stop < end and text[stop] in _DIGITS:
                        stop += 1
                    self._candidate(text, stamp.end(), stop, limit, found, None, wholes)
            if end - begin > _MOBILE_LENGTH and _CLOCK_AFTER.match(text, end) is not None:
                # A time glued after a number (请拨1715528077114:30后回电, …56789:30): read the number
                # without the hour too, of two digits or of one; a group of its own before the time
                # is its hour, of both digits (卡号：6221 … 5806 10:56 扣款: no one-digit hour there)
                for hour in (2, 1):
                    if text[end - hour : end].isdigit() and int(text[end - hour : end]) < 24:
                        self._candidate(text, begin, end - hour, limit, found, None, wholes)
                        if text[end - hour - 1] in _GROUP_SPACES:
                            break
            if end - begin == _MOBILE_LENGTH + 1 and end < len(text) and text[end] in _COUNT_UNITS and _CALLS_COUNTED.match(text, end):
                # a count glued after a mobile, as a callback list types it (138…1次关机, 138…2遍没接,
                # 138…5分钟后): read the mobile without it too. One digit: thirteen are an epoch's
                # milliseconds (1700123456789次); and a count's unit, not a word's start (…1通知, …1次日)
                self._candidate(text, begin, begin + _MOBILE_LENGTH, limit, found, None, wholes)
            if (end - begin > _MOBILE_LENGTH and end < len(text) and text[end] in _TIME_AGO_OPENS
                    and _TIME_AGO.match(text, end) is not None and (ago := _LAST_SMALL_GROUP.search(text, begin, end)) is not None):
                # a relative time after the number, one space on (a post's comment: …6-0-7 1周前·河南,
                # 1 3 8 … 8 2小时前): its count is no last group of the number
                self._candidate(text, begin, ago.start(), limit, found, None, wholes)
            if end - begin > _MOBILE_LENGTH and end < len(text) and text[end] in _MONEY_OPENS:
                money = _MONEY_AFTER.match(text, end)
                if money is not None:
                    self._without_glued_amount(text, begin, end, limit, found, wholes, money.group("bare") is not None)
            if (end - begin > _MOBILE_LENGTH and (text[begin] == "0" or text.find(" 0", begin, end) >= 0)
                    and not (begin > 1 and text[begin - 1] == "." and text[begin - 2] in _DIGITS)):
                # a fixed-width field's zeros before its number (ACCT 00006214…, 000013812345678),
                # not a fraction's (0.04278902933945994 holds no card)
                # zeros glued to Latin letters are a code's (LP00628903346331504, HT0535…): what
                # follows them stands only next to its entity's word, as a number glued to letters does
                coded = begin > 0 and text[begin - 1].isascii() and text[begin - 1].isalpha()
                for match in _ZERO_PADDED.finditer(text, begin, end):
                    size = match.end() - match.start("number")
                    padded: list[Finding] = []
                    if size in _PADDED_LENGTHS:
                        # a card or an ID whose check holds: a zero before an account is often its own
                        self._candidate(text, match.start("number"), match.end(), limit, padded, None, wholes)
                        padded = [f for f in padded if f.outcome in _CHECKED_OUTCOMES]
                    elif size == _MOBILE_LENGTH and match.start("number") - match.start() >= _MOBILE_PADDING:
                        self._candidate(text, match.start("number"), match.end(), limit, padded, None, wholes)
                    found.extend(f for f in padded if not coded or f.context_word in self._supporting[f.entity_type])
            if text[end - 1] not in _DIGITS:
                # The run ended on a check character, which may be the first letter of what follows
                # the number rather than its check character (13812345678xx先生, a placeholder name;
                # …5678x12): read its digits without it too, the letters then being after the number.
                stop = end - 1
                while text[stop - 1] not in _DIGITS:
                    stop -= 1
                self._candidate(text, begin, stop, limit, found, None, wholes)
            if glued_tails and text[end - 1] in glued_tails:
                # 0755-86013388x123: the x ended the run as a check character; read it once more
                # with the extension glued after it (…457X2023年 stays the ID it was)
                tail = _GLUED_AFTER_CHECK.match(text, end)
                if tail is not None:
                    self._candidate(text, begin, tail.end(), limit, found, None, wholes)
        unread: list[tuple[int, str]] = []  # runs of paused groups no one number explains (_paused_parts)
        if self._digit_specs:
            # Numbers grouped with dots or commas: rare, so each pass runs only from the first
            # place its gate finds, as a candidate read with spaces for the marks.
            rare, dotted, dotted_wide, comma, bars, pause, _, _ = gates
            if pause >= 0:
                pause = _pause_gate(text, pause)
            if pause < 0 and "..." in text:  # an ellipsis typed as dots: no opener the scan's classes hold
                dotted_pause = _DOTS_PAUSE_GATE.search(text)
                pause = dotted_pause.start() if dotted_pause is not None else -1
            dots = dotted_wide if dotted_wide >= 0 and _wide_dot_in(text) else dotted
            if dots >= 0:
                self._grouped(_DOTTED, _GROUP_MARKS_TO_SPACES, text, dots - 9, limit, found)  # 0086.21.6234.
            area_dot, slash, bracket, numeral, said, keyed, grouped = _mark_gates(text)
            if area_dot >= 0:
                for match in _AREA_DOTTED.finditer(text, max(0, area_dot - 4)):
                    if _AMOUNT_AFTER.match(text, match.end()) is None:
                        extension = _EXTENSION_AFTER.match(text, match.end())
                        end = match.end() if extension is None else extension.end()
                        self._candidate(text, match.start(), end, limit, found, text[match.start() : end].translate(_AREA_MARKS_TO_SPACES))
            if comma >= 0:
                self._comma_groups(text, comma - 6, limit, found)
                if "," in text:
                    self._ascii_comma_groups(text, comma - 48, limit, found)  # the gate may be at its third group
            if slash >= 0:
                self._grouped(_SLASHED, _GROUP_MARKS_TO_SPACES, text, slash - 6, limit, found)
                if any(mark in text for mark in _WORD_GROUP_MARKS):
                    self._word_grouped(text, slash - 6, limit, found)
            if bracket >= 0:
                for lo, hi in _marked_lines(text, bracket, _BRACKET_GATE, 6):
                    for match in _BRACKETED_AREA.finditer(text, lo, hi):
                        gap, gap_end = match.start("gap"), match.end("gap")
                        reading = text[match.start() : gap] + "-" + "\u200b" * (gap_end - gap - 1) + text[gap_end : match.end()]
                        self._candidate(text, match.start(), match.end(), limit, found, reading)
            if _holds_any(text, _AREA_LABEL_KEYS):
                self._area_apart(text, _AREA_LABELLED.finditer(text), limit, found)
                self._area_after(text, limit, found)
            self._area_apart(text, _area_then_number(text), limit, found)
            if _ADDRESS_PHONE_KEY in text:
                self._address_phone_tails(text, limit, found)
            if seams:
                self._across_seams(text, limit, found)
                if _DEEP_INDENT in text:
                    self._wrapped_cells(text, limit, found)
                if _holds_any(text, _FURNITURE_KEYS):
                    self._across_furniture(text, limit, found)
                for match in _turns_read_over(text):
                    self._read_over_turns(text, match, limit, found)
            gate = _NUMERAL_GATE.search(text, rare) if rare >= 0 else None
            if gate is not None:
                self._numeral_runs(text, gate.start() - 30, limit, found)
                unread += self._paused_groups(text, gate.start() - _PAUSED_REACH, limit, found, _SPOKEN_PAUSED_GROUPS)
            if bars >= 0:
                self._bar_boxes(text, bars, limit, found)
            if _SPACED_MARK_KEYS[0] in text or _SPACED_MARK_KEYS[1] in text:
                for match in _SPACED_MARK_BOXES.finditer(text):
                    self._labelled_whole(text, *match.span(), limit, found, match.group().translate(_SPACED_MARKS_TO_SPACES))
            if _BRACKET_BOXES_KEY in text:
                for match in _BRACKET_BOXES.finditer(text):
                    self._labelled_whole(text, *match.span(), limit, found, match.group().translate(_BRACKETS_TO_SPACES))
            if _holds_any(text, _BAR_FOR_ONE_KEYS):
                self._bars_for_one(text, limit, found)
            gate = _OCR_GATE.search(text, rare) if rare >= 0 else None
            if gate is not None:
                self._ocr_repaired(text, gate.start(), limit, found)
            if numeral >= 0:
                for lo, hi in _marked_lines(text, numeral, _NUMERAL_GATE_AT, 18):
                    for match in _SINGLE_NUMERAL_RUN.finditer(text, lo, hi):
                        run = match.group()
                        numerals = sum(ch in _SINGLE_NUMERALS for ch in run)
                        if numerals and len(run) - numerals >= _SINGLE_NUMERAL_DIGITS:
                            self._next_to_word(text, match.start(), match.end(), limit, found, run.translate(_NUMERAL_DIGITS), whole=True)
                            if _DASHED_BY_ONE.fullmatch(run) is not None:
                                # 一 typed for a hyphen, as an ad slips a mobile past a filter (189一0626一8469)
                                self._whole(text, match.start(), match.end(), limit, found, run.replace("一", "-"))
                            elif _LANDLINE_DASHED_BY_ONE.fullmatch(run) is not None:
                                if _inside_words(text, match.start(), match.end()):
                                    self._next_to_word(text, match.start(), match.end(), limit, found, run.replace("一", "-"), whole=True)
                                else:
                                    self._whole(text, match.start(), match.end(), limit, found, run.replace("一", "-"))
            stop = -1
            if grouped >= 0 and text[grouped] == _FULL_STOP:
                # the gate found a full stop between digits first (one pass finds both): a comma's
                # gate may still come after it
                stop, grouped = grouped, _group_comma_gate(text, grouped + 1, _GROUP_COMMAS)
            if numeral >= 0 or grouped >= 0:
                self._mixed_groups(text, min(g for g in (numeral, grouped) if g >= 0) - _PAUSED_REACH, limit, found)
            elif stop >= 0:
                self._mixed_groups(text, stop - _STOP_REACH_BEFORE, limit, found, stop + _STOP_REACH_AFTER)
            if grouped >= 0:
                self._two_comma_groups(text, grouped - _TWO_GROUPS_REACH, limit, found, _GROUP_COMMAS)
            if stop >= 0:
                self._two_comma_groups(text, stop - _TWO_GROUPS_REACH, limit, found, _FULL_STOP)
            if said >= 0:
                for match in _REPEATED_AMONG_DIGITS.finditer(text, max(0, said - 18)):
                    reading = _REPEATED_DIGIT_AMONG.sub(_said_twice, match.group())
                    if reading != match.group():  # a run with a digit said twice in it, not one of digits alone
                        self._next_to_word(text, match.start(), match.end(), limit, found, reading, whole=True)
            gate = _SINGLE_DOT_GATE.search(text, rare) if rare >= 0 else None
            if gate is not None:
                for match in _SINGLE_DOTTED.finditer(text, gate.start() - 1):
                    self._whole(text, match.start(), match.end(), limit, found, match.group().translate(_DOTS_AS_NOTHING))
            if keyed >= 0:
                for match in _SINGLE_KEYED.finditer(text, max(0, keyed - 1)):
                    # next to the entity's word only: survey answers and scores are lists of single digits too
                    reading = "".join(ch if ch.isdigit() or ch in "Xx" else "\u200b" for ch in match.group())
                    self._next_to_word(text, match.start(), match.end(), limit, found, reading, whole=True)
            star = text.find("*", _ID_LENGTH - 1)
            while star >= 0:
                # an ID keyed on a phone's keypad, which has no X: IVRs take * for it (keys=…315*, …315*#)
                if _keyed_star_check(text, star):
                    begin = star - _ID_LENGTH + 1
                    self._whole(text, begin, star + 1, limit, found, text[begin:star] + "X")
                star = text.find("*", star + 1)
            if ("E" in text or "e" in text) and ("E+" in text or "e+" in text or "E1" in text or "e1" in text):  # one char first: memchr speed
                self._e_notation(text, limit, found)
            english = _english_from(text)
            if english >= 0:
                self._spelled_in_english(text, english, limit, found)
            if seams:  # (parts of a few words each: no stretch of English may be long enough for the gate)
                self._english_over_turns(text, limit, found)
            if "," in text:
                gate = _THOUSANDS_GATE.search(text)  # a literal first: re finds it at memchr speed
                if gate is not None:
                    self._thousands(text, gate.start() - 3, limit, found)
            if pause >= 0:
                # from the start of a run that may open with dot-parted groups (1·3·8·1·2·3·4🔥5…)
                for match in _EMOJI_JOINED.finditer(text, max(0, pause - _EMOJI_JOINED_REACH)):
                    self._emoji_joined(text, match, limit, found)
                unread += self._paused_groups(text, pause - _PAUSED_REACH, limit, found)
                for match in _FILLED_MOBILE.finditer(text, max(0, pause - 3)):
                    if ((match.start() == 0 or text[match.start() - 1] not in _DIGITS) and _AMOUNT_AFTER.match(text, match.end()) is None
                            and _CONNECTED_ROUND.search(match.group()) is None
                            and (_PART_WORD.search(match.group()) is None or self._labelling(text, match.start()))):
                        reading = _NOT_DIGIT_OR_SPACE.sub("\u200b", match.group())
                        if _PLAIN_PAUSE.search(match.group()) is not None:
                            self._candidate(text, match.start(), match.end(), limit, found, reading)
                        else:  # words of assent only (158，是，2022 2023): next to a phone word
                            self._next_to_word(text, match.start(), match.end(), limit, found, reading, whole=True)
                for match in _EMOJI_IN_MOBILE.finditer(text, max(0, pause - _MOBILE_LENGTH)):
                    # a mobile with an emoji or two put anywhere in it (1🍀3812345678, 13🌸8 1234
                    # 5678), as an ad slips it past a filter: next to a phone word, whole
                    if _AMOUNT_AFTER.match(text, match.end()) is None and _EMOJI_SEPARATOR.search(match.group()) is not None:
                        self._next_to_word(text, match.start(), match.end(), limit, found,
                                           _NOT_DIGIT_OR_SPACE.sub("\u200b", match.group()), whole=True)
        if unread:
            # last, knowing which runs another pass read a number in
            taken = Spans(found)
            for begin, reading in unread:
                self._paused_parts(text, begin, reading, limit, found, taken.overlap(begin, begin + len(reading)))
        self._text_findings(text, limit, found)
        if wholes and outranked(wholes, found):
            return self._analyze(text, threshold, False, as_digits)
        if len(found) > 1:
            found = resolve(found)
        return self._listed_too(text, found)

    def _text_findings(self, text: str, limit: float, found: list[Finding]) -> list[Finding]:
        """``found`` with the findings of each text recognizer whose trigger occurs in ``text``."""
        for spec, spellings in self._text_scans:
            for spelling in spellings:
                if spelling in text:
                    found.extend(self._scan_text(spec, text, limit))
                    break
        return found

    def _listed_too(self, text: str, found: list[Finding]) -> list[Finding]:
        """``found`` (resolved) with the numbers listed after its findings (:meth:`_listed`)."""
        if self._lists and found:
            self._listed(text, found)
        return found

    def _listed(self, text: str, found: list[Finding]) -> None:
        """Add the numbers listed after a finding that give only their last group
        (``0755-83451234/83451235``), each read as that finding with the group replaced."""
        lists = self._lists
        extra: list[Finding] = []
        starts = [k.start for k in found]  # found is sorted and holds no overlaps: one bisection a check
        for f in found:
            rule = lists.get(f.entity_type)
            if rule is None or f.outcome not in rule[1]:
                continue
            spec, after, join, min_digits, outcome = rule
            first = text[f.start : f.end]
            group = _LAST_GROUP.search(first)
            if group is not None and group.end() - group.start() < min_digits:
                # an extension last (0755-26543217转123，或26543218): the group it extends is replaced
                longer = [g for g in _DIGIT_RUNS.finditer(first, 0, group.start()) if g.end() - g.start() >= min_digits]
                group = longer[-1] if longer else None
            if group is None or group.start() == 0:
                continue  # one run of digits: no group to replace
            prefix, width = first[: group.start()], group.end() - group.start()
            at = f.end
            while True:
                m = join.match(text, at)
                if m is None or m.end() - m.start(1) != width:
                    break
                end = m.end()
                if end < len(text) and (text[end] in _GLUING or text[end] in _NOT_AFTER_LISTED):
                    break  # glued to a letter; a masked or longer number; an amount or a count
                if (_DATE_AFTER_COMMA.fullmatch(text, m.start(), end) is not None or _LISTED_DATE.fullmatch(m.group(1)) is not None
                        or overlaps(found, starts, m.start(1), end)):
                    break  # 0755-83451234，20231115投诉, …转123、20240315: a date, not a line; or another finding's digits
                if spec.check(fold(prefix + m.group(1)), spec.params) not in after:
                    break
                listed = _new_tuple(Finding, (f.entity_type, m.start(1), end, f.score, f.pattern, outcome, f.context_word,
                                              f.strength))
                extra.append(listed)
                at = end
        if extra:
            found.extend(extra)
            found.sort(key=lambda f: f.start)

    def _wide_scans(self, text: str) -> tuple[list[tuple[int, int]], tuple[int, int, int, int, int, int, int, int]]:
        """The scans over every character of ``text``: the spans of the candidate regex's matches,
        as its ``finditer`` gives them, and where each gate first matches (-1: nowhere): the
        rare forms (numerals, OCR letters), dotted groups from an ASCII dot and from any dot,
        comma groups, boxes with bars, spoken pauses, runs of look-alike digits and full-width digits.

        With the C scanner (:mod:`pii_guard._scan`) all come from one pass, and the candidate
        regex is matched only where it can match: every match opens a chain of digits joined by
        separators, and from a digit of a chain it matches exactly when that digit and the chain
        after it hold enough digits (so where it fails once in a chain, it fails on the rest of
        that chain). The scanner lists the chains that hold enough digits; a match that runs past
        its chain (an extension after a mark) is carried over, as ``finditer`` would.
        """
        if not self._digit_specs:
            return [], _NO_GATES  # no candidate regex to match, no grouped reading to gate
        if _scan is None:
            found: list[tuple[int, int]] = []
            search = self._candidates.search
            pos = 0
            while (m := search(text, pos)) is not None:
                end = pos = m.end()
                if self._numbers_after_tail and m.start("ext") >= 0 and self._after_tail(text, m.start("ext")):
                    end, pos = m.start("tail"), m.start("ext")
                found.append((m.start(), end))
            return found, _gates(text)
        chains: list[int]
        rare: int
        dotted: int
        dotted_wide: int
        comma: int
        bars: int
        chains, rare, dotted, dotted_wide, comma, bars, pause, lookalike, wide = _scan.scan(text, _CHAR_CLASSES, self._min_digits, _MAX_GAP)
        spans: list[tuple[int, int]] = []
        match = self._candidates.match
        last = 0
        for k in range(0, len(chains), 2):
            at, stop = max(chains[k], last), chains[k + 1]
            while at < stop:
                if text[at] not in _DIGITS:
                    at += 1
                    continue
                m = match(text, at)
                if m is None:
                    break
                end = at = last = m.end()
                if self._numbers_after_tail and m.start("ext") >= 0 and self._after_tail(text, m.start("ext")):
                    end, at, last = m.start("tail"), m.start("ext"), m.start("ext")
                spans.append((m.start(), end))
        return spans, (rare, dotted, dotted_wide, comma, bars, pause, lookalike, wide)

    def _without_glued_amount(self, text: str, begin: int, end: int, limit: float, found: list[Finding],
                              wholes: list[Finding] | None, bare: bool) -> None:
        """A run of bare digits with money right after it (转入卡号622202123456789012815000元): read
        the number it opens with, of each length a number has, the amount after it of one to nine
        digits and no leading zero (an amount has none but a yuan's fraction: …01280.01元); each
        reading proves itself as any other. ``bare``: the money is cents with no currency after
        them (…79,917.32), which a date's dots can look like: no mobile is read off it, only a
        number a check proves."""
        if not all(text[i] in _DIGITS for i in range(begin, end)):
            return  # grouped (…9707 58塊): its reading parts it at a group's edge
        read: list[Finding] = []
        for head in _GLUED_HEADS[:-1] if bare else _GLUED_HEADS:
            amount = end - begin - head
            if 1 <= amount <= _GLUED_AMOUNT_DIGITS and (text[begin + head] not in "0０" or (amount == 1 and text[end] == ".")):
                self._candidate(text, begin, begin + head, limit, read, None, wholes)
        # where a check digit proves one (a 16-digit card and 500元), not a longer head whose
        # check fails (its first 19 digits: a known issuer's, next to 卡号)
        checked = [f for f in read if f.outcome in _CHECKED_OUTCOMES]
        found.extend(checked or ([] if bare else read))

    def _apart_at_invisibles(self, text: str, begin: int, end: int, limit: float, found: list[Finding]) -> None:
        """Read the pieces of ``text[begin:end]`` between its invisible characters on their own.

        The fold reads a zero-width or control character as nothing, so that 138\u200b1234\u200b5678
        is the mobile it hides; but two numbers one such character joins (a phone, U+001F, an ID: a
        record's unit separator; a mobile, U+200B, a card) are one run of 29 or 30 digits to it,
        which is no number, and neither was reported. Where the run as one is none (the caller
        asks), the pieces are read apart, as two numbers run together are: only where every piece
        is a sure number of its own kind whole (a soft hyphen at a reference's hyphenation point
        leaves an 11-digit piece and a tail that is none: no mobile). The record's separators
        U+001C-U+001F cut first, all at once (a hidden mobile, U+001F, another, U+001F, an ID), then
        one mark alone (a mobile hidden with zero-width spaces, U+001F, an ID: the hidden one stays
        whole), then every mark."""
        marks = [(m.start(), m.end()) for m in _INVISIBLE.finditer(text, begin, end)]
        separators = [m for m in marks if text[m[0]] in _RECORD_SEPARATORS]
        cuts = ([separators] if len(separators) > 1 else []) + [[m] for m in (separators + marks)[:_MOST_CUTS_TRIED]]
        if len(marks) > 1:
            cuts.append(marks)
        for cut in cuts:  # every record separator at once; one mark; every mark
            pieces: list[tuple[int, int]] = []
            at = begin
            for cut_start, cut_end in cut:
                pieces.append((at, cut_start))
                at = cut_end
            pieces.append((at, end))
            if self._all_sure(text, pieces, limit, found):
                return

    def _all_sure(self, text: str, pieces: list[tuple[int, int]], limit: float, found: list[Finding]) -> bool:
        """Add one finding per piece and return True where each piece alone is read whole as a sure
        number of its kind (:data:`_SELF_EVIDENT`); else add nothing."""
        sure: list[Finding] = []
        for lo, hi in pieces:
            read: list[Finding] = []
            if hi - lo >= _FEWEST_APART:
                self._candidate(text, lo, hi, limit, read)
            whole = [f for f in read if f.start <= lo and hi <= f.end and f.outcome in _SELF_EVIDENT.get(f.entity_type, ())]
            if not whole:
                return False
            sure.append(max(whole, key=lambda f: f.score))
        found.extend(sure)
        return True

    def _after_tail(self, text: str, at: int) -> bool:
        """Whether the digits from ``at`` (after a tail: 转, ext.) to the end of their run are a
        number of their own by some recognizer's ``numbers_after_tail``, not the tail's."""
        run = _DIGIT_RUN.match(text, at)
        if run is None:
            return False
        # the whole run, or its groups up to a separator: more may follow the number (转138…
        # 2次, 转138… 139…, 转138…-8), never inside it
        folded = fold(run.group())
        ends = [m.start() for m in _GROUP_END.finditer(folded)] + [len(folded)]
        return any(number.fullmatch(_NOT_ASCII_DIGIT.sub("", folded[:end])) is not None
                   for end in ends for number in self._numbers_after_tail)

    def _grouped(self, grouped: re.Pattern[str], reading: dict[int, int] | dict[int, str], text: str, start: int, limit: float,
                 found: list[Finding]) -> None:
        """Scan the numbers ``grouped`` finds from ``start``, each read through ``reading`` (a
        translation of the same length: marks as spaces, numerals as digits); with the extension
        after it where one follows and the number read with it is one whole (0891.735.6457分机134,
        0735.371.7953 ext.6399)."""
        for match in grouped.finditer(text, max(0, start)):
            begin, end = match.span()
            if begin > 1 and text[begin - 1] in ".．" and text[begin - 2].isalpha():
                # after a label's dot (Tel.135.9019.7892): next to its entity's word only (No.170.…, v.170.…;
                # not a name's middle dot: 张三·137.5234.4964)
                self._next_to_word(text, begin, end, limit, found, match.group().translate(reading))
                continue
            extension = _EXTENSION_AFTER.match(text, end)
            if extension is not None:
                read = len(found)
                self._candidate(text, begin, extension.end(), limit, found, text[begin : extension.end()].translate(reading))
                if any(f.start == begin and f.end == extension.end() for f in found[read:]):
                    continue
                del found[read:]
            self._candidate(text, begin, end, limit, found, match.group().translate(reading))

    def _bar_boxes(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers one digit per box with bars between (:data:`_BAR_BOXES`): read whole where the
        bars touch the digits (1|3|8|…), only labelled right before where spaces set them apart."""
        for match in _BAR_BOXES.finditer(text, max(0, start)):
            begin, end = match.span()
            reading = match.group().translate(_BARS_TO_SPACES)
            if " " in match.group() or "\u3000" in match.group():
                self._labelled_whole(text, begin, end, limit, found, reading)
            else:
                self._candidate(text, begin, end, limit, found, reading)

    def _labelling(self, text: str, start: int) -> set[str]:
        """The digit entities whose word labels the value at ``text[start]`` right before it
        (:func:`_labelled_right_before`: 手机号是157，…), not a word further off."""
        return {spec.entity for spec in self._digit_specs if _labelled_right_before(spec.context, text, start)}

    def _word_grouped(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers grouped with bars or stars (see :data:`_MARK_GROUPED`): kept only where their
        entity's word labels them right before them (卡号：6258|0918|…), whole; a word in another
        cell of a bar-delimited row (…|手机号被冒用|150|1200|3000|…) labels none of the cells after it."""
        for match in _MARK_GROUPED.finditer(text, max(0, start)):
            self._labelled_whole(text, *match.span(), limit, found, match.group().translate(_WORD_GROUP_MARKS_TO_SPACES))

    def _labelled_whole(self, text: str, begin: int, end: int, limit: float, found: list[Finding], reading: str) -> None:
        """Read ``text[begin:end]`` as ``reading`` and keep a number of the whole span whose entity's
        word labels it right before it (:meth:`_labelling`): a reading that marks other values
        share (bars, stars, OCR's bar for a 1) is a number only so."""
        labelled = self._labelling(text, begin)
        if not labelled:
            return
        read: list[Finding] = []
        self._candidate(text, begin, end, limit, read, reading)
        found.extend(f for f in read if f.entity_type in labelled and f.start == begin and f.end == end)

    def _comma_groups(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers read out in groups with full-width commas (see :data:`_COMMA_GROUPED`), not
        prices listed so (159，2999，3999元). Lists of amounts and counts are written so too
        (金额：1679、537、4320、305、222; 4745，6246，12776，590): away from its entity's word a
        number is read only as the whole run or what one lead group leads (2024，138，1234，5678), a
        card only of a known issuer or in groups of four, a mobile led so only in a mobile's
        grouping (an ID's check proves it however it is grouped)."""
        supporting = self._supporting
        for match in _COMMA_GROUPED.finditer(text, max(0, start)):
            if _AMOUNT_AFTER.match(text, match.end()):
                continue
            read: list[Finding] = []
            begin, end = match.span()
            self._candidate(text, begin, end, limit, read, match.group().translate(_GROUP_MARKS_TO_SPACES))
            for f in read:
                value = text[f.start : f.end]
                if f.context_word in supporting[f.entity_type]:
                    found.append(f)
                elif f.end < end or (f.start > begin and len(_DIGIT_RUN_ANY.findall(text, begin, f.start)) > 1):
                    continue  # a part of the list: not the run, nor what a year or a prefix leads
                elif f.entity_type == CN_BANK_CARD:
                    if f.outcome == _KNOWN_ISSUER or _in_fours(value):  # 6217，008，304，…; 4745，6246，12776，590 is no card
                        found.append(f)
                elif f.outcome != _MOBILE or f.start <= begin or _group_sizes(value) in _MOBILE_GROUPINGS:
                    found.append(f)  # a mobile after a lead group in its own grouping (2024，138，1234，5678)

    def _ascii_comma_groups(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers read out in groups with ASCII commas (see :data:`_ASCII_COMMA_GROUPED`). Lists
        are written so too (159,2999,3999元; ids=150,2000,3000): a reading is kept only where it
        is the whole run, next to its entity's word, and no amount's unit follows."""
        for match in _ASCII_COMMA_GROUPED.finditer(text, max(0, start)):
            value = match.group()
            groups = value.split(",")
            if all(len(group.lstrip()) == 3 for group in groups[1:]) or _AMOUNT_AFTER.match(text, match.end()):
                continue  # an amount's thousands, or amounts
            if ", " in value and not self._labelling(text, match.start()):
                continue  # a list is written so as often (…订单金额 177, 2021, 6821): a number only right after its word
            self._next_to_word(text, match.start(), match.end(), limit, found, value.translate(_ASCII_COMMAS_TO_SPACES),
                               whole=True)

    def _paused_groups(self, text: str, start: int, limit: float, found: list[Finding],
                       groups: re.Pattern[str] = _PAUSED_GROUPS) -> list[tuple[int, str]]:
        """Numbers read out with pauses between their groups (:data:`_PAUSED_GROUPS`, or in
        numerals :data:`_SPOKEN_PAUSED_GROUPS`), read as one run of digits; only where at least one gap
        is a pause (spaces and commas alone are read by the other passes). Returns the runs that
        no one number explains whole, each as (start, reading), for :meth:`_paused_parts`."""
        unread: list[tuple[int, str]] = []
        for match in groups.finditer(text, max(0, start)):
            if _IS_PAUSE.search(match.group()) is None:
                continue
            left = self._paused_run(text, match, limit, found, groups)
            pause = _IS_PAUSE.search(text, match.start() + 1, match.end()) if left is not None else None
            if pause is not None and pause.start() - match.start() <= _SHORT_HEAD:
                # One or two digits, then a pause (幺，嗯，三八 2345 6789; 13，呃，8…): its first group,
                # or a false start (1 嗯 110101 嗯 …): without it, where the run read with it is no number
                rest = groups.match(text, pause.end())
                if rest is not None and rest.end() == match.end() and _IS_PAUSE.search(rest.group()) is not None:
                    left = self._paused_run(text, rest, limit, found, groups)
            if left is not None:
                unread.append(left)
        return unread

    def _paused_run(self, text: str, match: re.Match[str], limit: float, found: list[Finding],
                    groups: re.Pattern[str]) -> tuple[int, str] | None:
        """Read one run of paused groups whole next to its word; returns it as (start, reading)
        where no number explains it whole."""
        value = match.group()
        if _CONNECTED_ROUND.search(value) is not None or _AMOUNT_AFTER.match(text, match.end()) is not None:
            return None  # amounts (先付150再1000再2000; 先还168，后面是5217，最后8845元)
        if _PART_WORD.search(value) is not None and not self._labelling(text, match.start()):
            return None  # 最后 and 中间 go on to a number's parts right after its word only (…让我分期：191，接着9202，最后是1039: amounts)
        # the pauses first (a chat's [图片一] holds a numeral that is no digit), then the numerals
        digits = (_REPEATED_DIGIT.sub(_said_twice, _IS_PAUSE.sub(_as_nothing, value)).translate(_NUMERAL_DIGITS)
                  if groups is _SPOKEN_PAUSED_GROUPS else value)
        reading = _NOT_DIGIT_OR_CHECK.sub("\u200b", digits)
        head = _DIGIT_GROUPS.match(reading)
        if head is not None and head.end() >= _LONG_HEAD:
            # a first group as long as a number may be one, the groups after it another's (a card,
            # then 📞幺四五…): read as one run only where it is none of its own
            if self._reads_whole(text, match.start(), match.start() + head.end(), limit, reading[: head.end()]):
                return None
        before = len(found)
        self._next_to_word(text, match.start(), match.end(), limit, found, reading, whole=True)
        return (match.start(), reading) if len(found) == before else None

    def _paused_parts(self, text: str, begin: int, reading: str, limit: float, found: list[Finding],
                      overlapped: bool) -> None:
        """A run of paused groups that no one number explains whole, read as numbers back to back
        from its first group: a mobile said twice (幺八幺，嗯，六四五九，就是，幺二八四，再说一遍，
        幺八幺，六四五九…), or two numbers. Each part is the fewest whole groups that read as a
        number of their own whole length next to its entity's word, or that repeat the digits of a
        number read before (the caller says it again, past the word's reach). Where no part starts
        at a group, the rest is left: so a run costs a few readings, not one a pair of groups.

        Parts that leave groups over are kept only where no other pass has read a number in the
        run (``overlapped``): in 1380，呃，199，嗯，6209，嗯，6654 a false start makes a mobile of the
        first three groups, and the 3-4-4 reading has found the caller's in the last three."""
        groups = [m.span() for m in _DIGIT_GROUPS.finditer(reading)]
        supporting = self._supporting
        said: set[str] | None = None
        parts: list[Finding] = []
        i = 0
        while i < len(groups):
            advanced = False
            digits = 0
            for j in range(i, len(groups)):
                digits += groups[j][1] - groups[j][0]
                if digits > _LONGEST_NUMBER:
                    break
                lo, hi = groups[i][0], groups[j][1]
                if hi < len(reading) and reading[hi] in _CHECK_CHARS:
                    hi += 1
                read: list[Finding] = []
                self._candidate(text, begin + lo, begin + hi, limit, read, reading[lo:hi])
                whole = [f for f in read if f.start == begin + lo and f.end == begin + hi]
                if not whole:
                    continue
                if not any(f.context_word in supporting[f.entity_type] for f in whole):
                    if said is None:
                        # the numbers read shortly before, in reach of a repeat (not every finding:
                        # a long text of such runs would cost runs × findings)
                        said = {_spoken_digits(text[f.start : f.end]) for f in (*found, *parts)
                                if begin - _REPEAT_REACH <= f.end <= begin + lo}
                    if _spoken_digits(reading[lo:hi]) not in said:
                        continue
                parts.extend(whole)
                if said is not None:
                    said.add(_spoken_digits(reading[lo:hi]))
                i, advanced = j + 1, True
                break
            if not advanced:
                break  # no part starts here: the rest is left
        if i == len(groups) or not overlapped:
            found.extend(parts)

    def _two_comma_groups(self, text: str, start: int, limit: float, found: list[Finding], marks: str) -> None:
        """Two groups parted by one comma (:data:`_TWO_COMMA_GROUPS`), read as one number where its
        entity's word labels it right before it, whole; not before an amount's or a count's unit.
        Found from each comma between two digits (rare: re would try the pattern at every digit of
        the text), and read only where one of the digit entities' words stands right before it."""
        size = len(text)
        first = max(0, start)  # (from before the gate: no comma stands between digits earlier)
        for mark in marks:
            at = text.find(mark, first)
            while at >= 0:
                if 0 < at < size - 1 and text[at - 1] in _DIGITS and text[at + 1] in _DIGITS:
                    head = at
                    while head > 0 and at - head <= _TWO_GROUPS_REACH and text[head - 1] in _DIGITS:
                        head -= 1
                    if mark == _FULL_STOP and not (_FULL_STOP_HEAD[0] <= at - head <= _FULL_STOP_HEAD[1]
                                                   and (head == 0 or text[head - 1] not in _NOT_BEFORE_FULL_STOP_HEAD)):
                        at = text.find(mark, at + 1)
                        continue  # a sentence's end: an amount's cents, a masked number's tail, a year
                    match = _TWO_COMMA_GROUPS.match(text, head)
                    if match is not None and match.end() > at:
                        self._two_groups_read(text, match, limit, found)
                at = text.find(mark, at + 1)

    def _two_groups_read(self, text: str, match: re.Match[str], limit: float, found: list[Finding]) -> None:
        value = match.group()
        begin, end = match.span()
        if (sum(1 for ch in value if ch.isdigit()) < _TWO_GROUPS_FEWEST_DIGITS
                or _AMOUNT_AFTER.match(text, end) is not None or _UNIT_AFTER.match(text, end) is not None
                or _AREA_LABEL_BEFORE.search(text, max(0, begin - _LONGEST_AREA_LABEL), begin) is not None):  # 区号024、…
            return
        # the entities whose word labels it right before it (手机号是157，…), not a word further off
        # (手机尾号1501，4853331为短信编号; 手机银行转账184，…; 身份证已核实，理赔号…): asked once,
        # before the reading (a trie scan of the few characters before it)
        labelled = self._labelling(text, begin)
        if not labelled:
            return
        read: list[Finding] = []
        self._next_to_word(text, begin, end, limit, read, value.translate(_GROUP_MARKS_TO_SPACES))
        # the whole of it (an ID's check character typed apart after it too), of a labelled entity;
        # a card only of a known issuer (Luhn passes one join of two numbers in ten)
        found.extend(f for f in read if f.start == begin and f.end >= end and f.entity_type in labelled
                     and (f.entity_type != CN_BANK_CARD or f.outcome == _KNOWN_ISSUER))

    def _mixed_groups(self, text: str, start: int, limit: float, found: list[Finding], stop: int | None = None) -> None:
        """Groups read out with no pause but a full-width comma or a full stop between two of three
        or more (座机024，3119 9752, 530103 19550825。092 6), or digits and numerals mixed in them (一76
        九26四 5拐四9, 17拐，545九，37六三): read as one run of digits next to the entity's word, whole.
        Plain groups of digits parted by spaces are the main pass's; groups with a pause, the paused
        groups'. ``stop``: where to stop looking (a full stop's gate reads only around it)."""
        for match in _SPOKEN_GROUPS.finditer(text, max(0, start), len(text) if stop is None else stop):
            value = match.group()
            if (_IS_PAUSE.search(value) is not None or not any(ch in _ASCII_DIGITS for ch in value)
                    or _AMOUNT_AFTER.match(text, match.end()) is not None or service_number_head(value) is not None
                    or _GROUPED_HOTLINE.search(value) is not None):
                continue  # a pause's reading, numerals alone (the numeral runs'), a list of prices, a hotline and more
            sizes = [len(g) for g in _GROUP_GAPS.split(value)]  # the groups (a match opens and ends with one)
            if not any(ch in _NUMERAL_SET for ch in value) and (
                    not any(mark in value for mark in _TWO_GROUP_MARKS) or len(sizes) < 3):
                continue  # one comma between two groups is punctuation (手机138，12345678)
            if (max(sizes) <= 2 and min(sizes) < max(sizes)) or _COUNT_AFTER.match(text, match.end()) is not None:
                continue  # a list of days or counts (3月1、3、5、…、13、15日), not digits read one at a time
            if sizes[-1] <= 3 and _tail_goes_on(text, match.end(), sizes[-1]) is not None:
                continue  # its short last group is an expiry's or a date's (信用卡 6225 8831 6586 9707，12/26)
            if not any(ch in _NUMERAL_SET for ch in value) and _counted_after_a_card(value):
                continue  # a card, then the next sentence's count (…9491。4S店, …3826，2张, …8061、2、3)
            if any(_YEAR_OPENS_A_DATE.match(text, match.start() + k + 1) is not None
                   or _STAMP_OPENS.match(text, match.start() + k + 1) is not None
                   for k, ch in enumerate(value) if ch in _TWO_GROUP_MARKS):
                continue  # a date opens the next sentence (社保卡号D23394810。2024-03-21在…; …489904330。20251014 11:38): no group of the number
            reading = _NOT_DIGIT_OR_CHECK.sub("\u200b", value.translate(_NUMERAL_DIGITS))
            read = len(found)
            self._next_to_word(text, match.start(), match.end(), limit, found, reading, whole=True)
            cut = value.rfind("，")
            if (len(found) == read and cut > 0 and any(ch in _NUMERAL_SET for ch in value[:cut])
                    and value[cut + 1 :].isdigit() and value[cut + 1 :].isascii() and min(sizes[:-1]) >= 3):
                # the sentence's next number after its comma (电话：1五0 60五6 七12五，24小时在线)
                # made the run no number: the groups before the comma, whole; not where the group
                # after it is mixed as they are (销量16六9，4七5，5一3二，一3二3) or a group before it
                # is short, nor after an enumeration comma (库存：一三61、1八41、228、251): a list
                self._next_to_word(text, match.start(), match.start() + cut, limit, found, reading[:cut], whole=True)

    def _across_furniture(self, text: str, limit: float, found: list[Finding]) -> None:
        """A number cut by a page break of a PDF's text (its footer, a form feed, the next page's
        running header: ``账号601⏎第 2 页 共 3 页⏎\f某某人寿…第3页⏎3826982167310810``) or by a
        subtitle's cue (``手机号是18988……⏎⏎5⏎00:01:17,023 --> 00:01:22,636⏎坐席：787517``): read
        across those lines, whole only, next to the entity's word (or, an ID, proved by its check
        character). The lines are known by their marks (:func:`_furniture_kind`), not guessed, and
        at least one that marks a page or a cue must stand between (blank lines alone are prose).
        Across a cue the number must be said on (the head ends the cue with an ellipsis or a dash,
        or is all the cue says) or proved by a check digit, and the tail opens the next cue after
        its speaker's name."""
        at = text.find("\n")
        while at >= 0:
            nxt = text.find("\n", at + 1)
            head = _head_before_break(text, at)
            if head >= 0:
                self._furniture_join(text, head, at, limit, found)
            at = nxt

    def _furniture_join(self, text: str, head: int, at: int, limit: float, found: list[Finding]) -> None:
        """Read the digits ``text[head:at]`` (a line break at ``at``) on across page or cue furniture."""
        pos, marked, cue = at + 1, False, False
        for _ in range(_MOST_FURNITURE_LINES):
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
            kind, content = _furniture_kind(text, pos, line_end)
            if kind == _BLANK or (kind == _CUE_INDEX and _SRT_TIMING.match(text, line_end + 1) is not None):
                pass  # a blank line, a cue's index (before its timing): skipped, marking nothing
            elif kind == _FURNITURE:
                marked = True
                cue = cue or _SRT_TIMING.match(text, pos) is not None
            else:
                if kind == _DIALOGUE:
                    marked = cue = True
                if not marked:
                    return
                said = True
                if cue:
                    speaker = _CUE_SPEAKER.match(text, content, line_end)
                    if speaker is not None:
                        content = speaker.end()
                    said = _said_on(text, head, at)
                tail = _LEADING_GROUPS.match(text, content, line_end)
                if tail is None:
                    return
                # the furniture between reads as nothing, one for one
                reading = "".join(ch if ch in _DIGITS or ch in " -" or ch in _CHECK_CHARS else "\u200b"
                                  for ch in text[head:at] + "\u200b" * (tail.start() - at) + tail.group())
                read: list[Finding] = []
                self._candidate(text, head, tail.end(), limit, read, reading)
                supporting = self._supporting
                # next to its word or, an ID, proved by its check character; across a cue, a number
                # said on or one a check digit proves (not an amount, 月租是138, and the next cue's 10002000)
                found.extend(f for f in read if f.start == head and f.end == tail.end()
                             and (f.context_word in supporting[f.entity_type]
                                  or (f.entity_type == CN_RESIDENT_ID and f.outcome in _SELF_EVIDENT[CN_RESIDENT_ID]))
                             and (said or f.outcome in _CHECKED_OUTCOMES))
                return
            if line_end >= len(text):
                return
            pos = line_end + 1

    def _numeral_runs(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers written in numerals or mixed with digits, read with the marks between groups as
        spaces, and where that reads no number of the whole run, as one run of digits (the marks
        as nothing): where digits and numerals meet with no mark the groups are not the number's
        own, and a mobile read from the middle of such a card must not stand for it."""
        for match in _NUMERAL_RUN.finditer(text, max(0, start)):
            begin, end = match.span()
            read: list[Finding] = []
            run = _REPEATED_DIGIT.sub(_said_twice, match.group())
            self._candidate(text, begin, end, limit, read, run.translate(_NUMERAL_DIGITS))
            if not any(f.start == begin and f.end == end for f in read):
                self._candidate(text, begin, end, limit, read, run.translate(_NUMERAL_DIGITS_JOINED))
            if not read and run[-1] in _WORD_OPENING_NUMERALS and end < len(text) and _HAN.match(text, end) is not None:
                # its last 一 or 零 opens the word after it (…八五八零六一直打来, 一次, 零钱): without it
                shorter = match.group()[:-1].rstrip(_NUMERAL_SEP_CHARS)
                self._candidate(text, begin, begin + len(shorter), limit, read,
                                _REPEATED_DIGIT.sub(_said_twice, shorter).translate(_NUMERAL_DIGITS))
            found.extend(read)

    def _spelled_in_english(self, text: str, first: int, limit: float, found: list[Finding]) -> None:
        """Numbers said digit by digit in English, as speech-to-text writes a call in English (my
        mobile is one three eight, one two three four, five six seven eight; zero two two, five
        zero seven four... six seven five eight; double five, triple eight): read as digits with
        the words' lengths kept (zero-width characters after each digit), the pauses as spaces
        between groups, and where that reads no number of the whole run, as one run of digits.
        ``first``: where the first stretch of English words opens."""
        for match in _spelled_numbers(text, first):
            begin, end = match.span()
            grouped, joined = _spelled_readings(match.group())
            read: list[Finding] = []
            self._candidate(text, begin, end, limit, read, grouped)
            if not any(f.start == begin and f.end == end for f in read):
                self._candidate(text, begin, end, limit, read, joined)
            found.extend(read)

    def _e_notation(self, text: str, limit: float, found: list[Finding]) -> None:
        """Numbers Excel wrote in E-notation at full precision (1.3812345678E+10: every digit is
        there), read with the point and the exponent as zero-width; kept next to their word only."""
        for match in _E_NOTATION.finditer(text):
            shown, exponent = match.group(2), int(match.group(3))
            begin, end = match.span()
            if exponent > len(shown) and 1 + len(shown) >= _E_NOTATION_IDENTIFYING:
                self._digits_lost(text, begin, end, limit, found)
            if exponent != len(shown):
                continue  # digits lost (1.38123E+10) or a fraction: no number to read
            piece = match.group(1) + "\u200b" + shown + "\u200b" * (end - match.end(2))
            self._next_to_word(text, begin, end, limit, found, piece)

    def _digits_lost(self, text: str, begin: int, end: int, limit: float, found: list[Finding]) -> None:
        """A long number Excel cut to its first fifteen significant digits (6.22202876543211E+15, a
        card with its last digit lost): no validator can prove it, but it shows most of someone's
        number, the rest a check digit away. Reported as the entity whose word labels it (卡号,
        身份证号), at that word's strength over a bare reading's; with no word it is any number."""
        best: Finding | None = None
        for spec in self._digit_specs:
            verdict, word, distance = spec.context.verdict(text, begin, end)
            if verdict != "positive" or word not in self._supporting[spec.entity]:
                continue
            strength = spec.context.adjust(_DIGITS_LOST_SCORE, verdict, distance, clamp=False)
            score = _score(strength)
            if score >= limit and (best is None or score > best.score):
                best = _new_tuple(Finding, (spec.entity, begin, end, score, "e_notation_digits_lost", "digits_lost", word, strength))
        if best is not None:
            found.append(best)

    def _thousands(self, text: str, start: int, limit: float, found: list[Finding]) -> None:
        """Numbers a spreadsheet formatted with thousands separators (#,##0: a mobile shown as
        18,676,538,159, a card as 6,222,028,765,432,109), read with the commas as nothing, whole,
        next to their word only: amounts are written so (an amount's unit or cents after one is
        no number)."""
        for match in _THOUSANDS_GROUPED.finditer(text, max(0, start)):
            begin, end = match.span()
            if _AMOUNT_AFTER.match(text, end) is not None or _COUNT_UNIT_AFTER.match(text, end) is not None:
                continue
            read: list[Finding] = []
            self._next_to_word(text, begin, end, limit, read, match.group().replace(",", "\u200b"), whole=True)
            if not read:
                continue
            # the word right before it, a label's gap between (手机：18,676,538,159), not a word
            # the number only follows (手机销售额13,800,000,000, 联系电话 ¥13,800,000,000)
            label = spelled(text[max(0, begin - _LONGEST_LABEL) : begin].rstrip(_LABEL_GAP_CHARS)).lower()
            bare = _LATIN_NUMBER_SUFFIX.sub("", label.rstrip(_NUMBER_SUFFIX_CHARS))  # 手机号码： and the word 手机号 alike, as 手机
            found.extend(f for f in read if f.context_word and bare.endswith(_bare_label(f.context_word)))

    def _bars_for_one(self, text: str, limit: float, found: list[Finding]) -> None:
        """Numbers with a bar OCR read for a 1 (:data:`_BARS_FOR_ONE`), read with the 1: whole and
        labelled right before by their entity's word only."""
        for bar in _BARS_FOR_ONE:
            at = text.find(bar, 1)
            while at >= 0:
                if text[at - 1] in _ASCII_DIGITS and at + 1 < len(text) and text[at + 1] in _ASCII_DIGITS:
                    begin, end = at - 1, at + 2
                    while begin > 0 and text[begin - 1] in _ASCII_DIGITS:
                        begin -= 1
                    while end < len(text) and text[end] in _ASCII_DIGITS:
                        end += 1
                    if end < len(text) and text[end] in "XxＸ":
                        end += 1
                    edges = (text[begin - 1] if begin else "") + (text[end] if end < len(text) else "")
                    if end - begin in _BAR_FOR_ONE_LENGTHS and not any(ch in _BARS_FOR_ONE or ch in _ASCII_DIGITS for ch in edges):
                        self._labelled_whole(text, begin, end, limit, found, text[begin:at] + "1" + text[at + 1 : end])
                at = text.find(bar, at + 1)

    def _ocr_repaired(self, text: str, gate: int, limit: float, found: list[Finding]) -> None:
        """Numbers with letters OCR read for digits, read with the digits; kept next to their word
        only, or an adult's ID whole whose check holds, with one or two letters in it, under a
        table's or a form's ID word on a line above (序号 姓名 身份证号 …⏎3 李然英 4201O6l981…: an OCR'd
        sheet whose rows keep no column under its header)."""
        for match in _OCR_RUN.finditer(text, max(0, gate - 40)):
            run = match.group()
            letters = sum(1 for ch in run if ch in _OCR_LETTERS)
            if not letters:
                continue  # plain digits: the main pass read them
            kept = len(found)
            read = self._next_to_word(text, match.start(), match.end(), limit, found, run.translate(_OCR_DIGITS))
            line = text.rfind("\n", 0, match.start())  # (the line break before the run's line)
            if len(found) == kept and letters <= _OCR_LETTERS_UNDER_A_COLUMN and self._id_word_above(text, line):
                found.extend(f for f in read if f.entity_type == CN_RESIDENT_ID and f.outcome in _ADULT_ID
                             and f.start == match.start() and f.end == match.end()
                             and not self._by_entity[CN_RESIDENT_ID].context.word_spans(text, line + 1, f.start))

    def _id_word_above(self, text: str, line: int) -> bool:
        """Whether an ID's positive word stands before the line break at ``text[line]`` (-1: none),
        within :data:`_COLUMN_REACH` characters (a sheet's header, a form's earlier field)."""
        if line < 0:
            return False
        spec = self._by_entity.get(CN_RESIDENT_ID)
        return spec is not None and bool(spec.context.word_spans(text, max(0, line - _COLUMN_REACH), line, positive_only=True, first_only=True))

    def _emoji_joined(self, text: str, match: re.Match[str], limit: float, found: list[Finding]) -> None:
        """Read a run of :data:`_EMOJI_JOINED` as one number: with or without a word where it is
        parted the way an ad hides a number (three gaps or more, two of them emoji at least, and a
        group of one or two digits: 18🈶926🈶372❤️924), next to the entity's word only where it
        may be a list of prices or counts (1999💰1299💰899, 1598❤️20345💬37); not where an amount's
        unit follows, nor where the digits go on past it in another form (then it is a part)."""
        begin, end = match.span()
        run = match.group()
        if _AMOUNT_AFTER.match(text, end) is not None:
            return
        reading = _NOT_DIGIT_OR_CHECK.sub("\u200b", run)
        if _RUN_GOES_ON.match(text, end) is not None or _RUN_CAME_FROM.search(text, max(0, begin - 40), begin) is not None:
            # digits parted so go on: this stretch may be part of a longer number, or one of a
            # few numbers side by side: a number of its own next to its word only
            self._next_to_word(text, begin, end, limit, found, reading, whole=True)
            return
        emoji = len(_EMOJI_SEPARATOR.findall(run))
        groups = [len(g) for g in _DIGIT_GROUPS.findall(run)]
        if emoji < 2:
            return  # one emoji is a pause, read by the paused groups
        if emoji + run.count("·") + run.count("•") >= 3 and min(groups) <= 2:
            self._whole(text, begin, end, limit, found, reading)
        else:
            self._next_to_word(text, begin, end, limit, found, reading, whole=True)

    def _whole(self, text: str, begin: int, end: int, limit: float, found: list[Finding], reading: str) -> None:
        """Read ``text[begin:end]`` as ``reading`` and keep only a number of the whole span: a part
        of a run written so is no number of its own."""
        read: list[Finding] = []
        self._candidate(text, begin, end, limit, read, reading)
        found.extend(f for f in read if f.start == begin and f.end == end)

    def _reads_whole(self, text: str, begin: int, end: int, limit: float, reading: str | None = None) -> bool:
        """Whether ``text[begin:end]`` (read as ``reading`` where given) is a number of its own, whole."""
        read: list[Finding] = []
        self._candidate(text, begin, end, limit, read, reading)
        return any(f.start == begin and f.end == end for f in read)

    def _next_to_word(self, text: str, begin: int, end: int, limit: float, found: list[Finding], reading: str,
                      whole: bool = False) -> list[Finding]:
        """Read ``text[begin:end]`` as ``reading`` and keep what is found next to its entity's word
        (and, with ``whole``, only a number of the whole span): a reading that other codes and lists
        share (OCR letters, E-notation, ASCII commas) is a number only where a word says so.
        Returns everything the reading found, kept or not (for a caller with a rule of its own)."""
        read: list[Finding] = []
        self._candidate(text, begin, end, limit, read, reading)
        supporting = self._supporting
        found.extend(f for f in read if f.context_word in supporting[f.entity_type]
                     and (not whole or (f.start == begin and (f.end == end or (f.end > end and _extension_ends(text, end, f.end))))))
        return read

    def _read_over_turns(self, text: str, match: re.Match[str], limit: float, found: list[Finding]) -> None:
        """Read a number said over turns of a call (:data:`_ACK_TURN`) as its parts, the turns
        between as nothing (a timestamp's digits too); where all the parts make no number next to
        its word, the first parts without the last (客户：138⏎嗯⏎12345678⏎好的⏎2023: the mobile,
        not the year after it)."""
        begin = match.start()
        parts = [(begin, match.end("first"))]
        if self._reads_whole(text, begin, parts[0][1], limit):
            return  # the first part is a number of its own (客户：卡号6217…1029⏎好的⏎客户：1234): nothing goes on
        parts = _same_speaker(text, parts + [m.span("part") for m in _TURN_LATER_PART.finditer(text, parts[0][1], match.end())])
        self._parts_read(text, parts, [_REPEATED_DIGIT.sub(_said_twice, text[lo:hi]).translate(_TURN_DIGITS) for lo, hi in parts],
                         limit, found)

    def _parts_read(self, text: str, parts: list[tuple[int, int]], readings: list[str], limit: float,
                    found: list[Finding]) -> None:
        """Read the ``parts`` of a number said over turns (each read as ``readings``, one for one)
        as one number next to its word, all of them, or where they make none, the first ones
        without the last (客户：138⏎嗯⏎12345678⏎好的⏎2023: the mobile, not the year after it);
        what lies between them reads as nothing."""
        begin = parts[0][0]
        for last in range(len(parts) - 1, 0, -1):
            pieces: list[str] = []
            at = begin
            for (lo, hi), reading in zip(parts[: last + 1], readings):
                pieces += ("\u200b" * (lo - at), reading)
                at = hi
            read = len(found)
            self._next_to_word(text, begin, at, limit, found, "".join(pieces), whole=True)
            if len(found) > read:
                return

    def _english_over_turns(self, text: str, limit: float, found: list[Finding]) -> None:
        """Numbers said digit by digit in English over turns of a call (my number's one seven one⏎
        Agent: Mm-hm.⏎Customer: seven five nine seven⏎Agent: Go on.⏎Customer: seven two three
        nine), read as :meth:`_read_over_turns` reads them in digits, each part with its words'
        digits (:func:`_spelled_readings`). A first part is looked for only in a line that ends
        in a digit's name (:func:`_said_line_end`)."""
        nl = _said_line_end(text, 0)
        while nl >= 0:
            end = _before_turn_marks(text, nl)
            head = _SAID_PART_ENDING.search(text, text.rfind("\n", 0, end) + 1, end)
            if head is None:
                nl = _said_line_end(text, nl + 1)
                continue
            parts = [head.span()]
            while len(parts) < _MOST_TURN_PARTS and (later := _SAID_LATER_PART.match(text, nl)) is not None:
                parts.append(later.span("part"))
                nl = text.find("\n", later.end())
                if nl < 0:
                    break
            if len(parts) > 1:
                readings = [_spelled_readings(text[lo:hi])[1] for lo, hi in parts]
                if not self._reads_whole(text, *parts[0], limit, readings[0]):  # (a first part of a number of its own: none goes on)
                    parts = _same_speaker(text, parts)
                    self._parts_read(text, parts, readings, limit, found)
            if nl >= 0:
                nl = _said_line_end(text, nl + 1)

    def _area_apart(self, text: str, parts: Iterable[re.Match[str]], limit: float, found: list[Finding]) -> None:
        """A landline given as two labelled parts (区号：0769，号码：58582096): read as the area
        code and the number joined by a hyphen, the label between as nothing. A landline so read
        is reported as its subscriber number, as a line listed after a landline is (the listed
        outcome: masked as 0769-******96 shows it, the area code alone being no one's)."""
        for match in parts:
            gap, gap_end = match.start("gap"), match.end("gap")
            if gap == gap_end:
                continue  # 区号0769-58582096, 区号076958582096: one number, read as such
            start, end = match.start("area"), match.end()
            reading = text[start:gap] + "-" + "\u200b" * (gap_end - gap - 1) + text[gap_end:end]
            read: list[Finding] = []
            self._candidate(text, start, end, limit, read, reading)
            for f in read:
                if f.start <= start and f.end >= gap_end:
                    found.append(f._replace(start=gap_end, outcome=self._listed_outcome(f)))
                elif f.start >= gap_end:  # the number alone, read so with a phone word of its own
                    found.append(f)

    def _area_after(self, text: str, limit: float, found: list[Finding]) -> None:
        """A landline whose area code a bracket gives after it (网点电话40696541（区号0411）): read
        as the area code, a hyphen and the number, over the number and the bracket, and reported
        as its subscriber number, as :meth:`_area_apart` reports one."""
        for match in _NUMBER_THEN_AREA.finditer(text):
            start, end = match.start("number"), match.end()
            area, number = match.group("area"), match.group("number")
            reading = area + "-" + number + "\u200b" * (end - start - len(area) - 1 - len(number))
            read: list[Finding] = []
            self._candidate(text, start, end, limit, read, reading)
            for f in read:
                if f.entity_type == CN_PHONE_NUMBER and f.start == start and f.end - f.start >= len(area) + 1 + len(number):
                    found.append(f._replace(end=match.end("number"), outcome=self._listed_outcome(f)))

    def _listed_outcome(self, f: Finding) -> str:
        """The outcome a number reported as its subscriber part takes (a landline's area code given
        apart: the listed outcome of its entity's list rule, as a line listed after a landline's),
        or its own where its entity has no such rule."""
        rule = self._lists.get(f.entity_type)
        return rule[4] if rule is not None else f.outcome

    def _address_phone_tails(self, text: str, limit: float, found: list[Finding]) -> None:
        """A phone typed straight after the address's last number in an invoice's 地址、电话 field
        (…3号楼11730531-59790487, …3-5-159519806248789): the run's tail, from the first place a
        phone read to the run's end is one, is the phone (the field's layout says a phone ends it)."""
        for m in _ADDRESS_PHONE_FIELD.finditer(text):
            start, end = m.span("run")
            for at in range(start + 1, end - _SHORTEST_PHONE_TAIL + 1):
                if text[at] not in "01" or text[at - 1] == "-":
                    continue
                read: list[Finding] = []
                self._candidate(text, at, end, limit, read, text[at:end])
                phones = [f for f in read if f.entity_type == CN_PHONE_NUMBER and f.start == at and f.end == end]
                if phones:
                    found.append(phones[0])
                    break

    def _wrapped_cells(self, text: str, limit: float, found: list[Finding]) -> None:
        """A card a PDF's table wraps inside its cell (pdftotext's layout): its head ends a line,
        its rest stands alone on the next one under the cell, indented deeper than the seam pass
        reads (对方账号 … 韩玉     62226251996⏎ (28 spaces) 19839144). Read as one only where
        the whole is a known issuer's card whose check holds: a row's last number and the next
        row's first are none one time in thousands."""
        for m in _WRAPPED_CELL.finditer(text):
            head, tail = m.span("head"), m.span("tail")
            if not _CARD_LENGTHS_MIN <= (head[1] - head[0]) + (tail[1] - tail[0]) <= _CARD_LENGTHS_MAX:
                continue
            if self._phone_context is not None and self._phone_context.may_support(text, head[0], head[1]):
                continue  # a phone word's lines stacked (电话：010-62405608⏎ (10 spaces) 62656907)
            read: list[Finding] = []
            piece = text[head[0] : head[1]] + "\u200b" * (tail[0] - head[1]) + text[tail[0] : tail[1]]
            self._candidate(text, head[0], tail[1], limit, read, piece)
            found.extend(f for f in read if f.start == head[0] and f.end == tail[1] and f.outcome == _KNOWN_ISSUER)

    def _across_seams(self, text: str, limit: float, found: list[Finding]) -> None:
        """Read a number broken by a line break or split by tabs as one number.

        A break or a tab usually ends a value: in chat exports a number ends one message and
        the next line opens with a date; in a TSV row each cell is its own value. So a reading
        across a seam is kept only where every finding it overlaps is inside it and no surer
        (an ID broken after 15 digits is not a legacy ID and three more digits; a mobile is not
        the start of a card), and where no seam it crosses is followed by a date or a time.
        Seams are read left to right, each stretch once, so a number split by several tabs is
        read once and a long run of short cells stays linear.
        """
        scanned_end = 0  # end of the last stretch read: seams inside it were read with it
        joined_end = 0  # end of the last reading kept: readings across seams never overlap
        spans: list[tuple[int, int, str, float]] | None = None  # findings so far, by start: made when first needed
        starts: list[int] = []

        def holds(f: Finding, prose_wrap: bool) -> bool:
            # every finding it overlaps is inside it and no surer than it: a longer reading of the
            # same number, or a piece of it that read as something else (the middle line of a
            # wrapped ID as a landline), never a surer number it swallows (a valid card and the
            # list mark on the next line); and no phone, as sure, ends at the seam: a landline
            # complete at the end of a line is not made longer by the next row's first digits.
            # (A card's first 16 digits pass Luhn one time in ten: a wrapped 19-digit card is
            # still joined, since leaving its tail out would leak it.)
            assert spans is not None
            j = bisect_left(starts, f.end) - 1
            while j >= 0 and spans[j][0] > f.start - _LONGEST_FINDING:
                g = spans[j]
                if g[1] > f.start and (g[0] < f.start or g[1] > f.end or g[3] > f.score
                                       or (g[2] == f.entity_type == _COMPLETE_AT_SEAM and g[3] >= f.score and not prose_wrap
                                           and _ENDS_AT_SEAM.match(text, g[1]) is not None)):
                    return False
                j -= 1
            return True

        seams: Iterable[re.Match[str]] = _LINE_SEAM.finditer(text)
        if "\t" in text:
            # in order of place (heapq.merge did this as a Python generator: a tenth of what a
            # tab-separated text's seam pass cost)
            seams = sorted((*seams, *_TAB_SEAM.finditer(text)), key=_match_start)
        for m in seams:
            after = m.end() - 1
            if after < scanned_end:
                continue  # read already
            index_end = -1
            if _DATE_OR_TIME.match(text, after) is not None:
                index = _DIGITS_THEN_DATE.match(text, after)
                if index is None:
                    continue  # a chat export's next message or a date cell (2023-11-15 14:00)
                # a row's index and its date (2  2023-12-31  23:54:36  转账), or the last digits of a
                # number the break cut, the line's date after them (报账员：易明亮 手机：1552713⏎7840
                # 2019年5月17日): read up to the gap, kept only as a number its word or its check proves
                index_end = index.end(1)
            seam = m.start()
            tab = text[seam] == "\t"
            if not tab and seam and text[seam - 1] == "\r":
                seam -= 1  # a CRLF break
            stop = seam
            while stop > 0 and (text[stop - 1] in _GROUP_SPACES or text[stop - 1] in ZERO_WIDTH):
                stop -= 1  # a soft hyphen before the break too: a PDF's hyphenation (1391234­⏎5678)
            if not tab and stop > 0 and text[stop - 1] == ">":
                tag = _BREAK_TAG_BEFORE.search(text, max(0, stop - _BREAK_TAG_REACH), stop)
                if tag is not None:
                    stop = tag.start()  # HTML's line break before the text's (电话：1315724<br>⏎9035)
            # a table row on either side of the break: a bar ends the line or opens the next one
            table = not tab and ((stop > 0 and text[stop - 1] in _TABLE_BARS) or any(ch in _TABLE_BARS for ch in m.group()))
            # a quoted reply's line (> …): a hard wrap of the e-mail's prose, where a landline
            # complete before the break may still go on after it (…通过0451-5171803⏎> 2与您联系)
            quoted = not tab and any(ch in _QUOTE_MARKS for ch in m.group()) and _quoted_line(text, stop)
            if not tab and stop > 0 and text[stop - 1] in _TABLE_BARS:  # a table's cell wraps: 6222 |⏎| 0212
                stop -= 1
                while stop > 0 and text[stop - 1] in _GROUP_SPACES:
                    stop -= 1
            if not tab and stop > 1 and text[stop - 1] in _WRAP_HYPHENS and text[stop - 2] in _DIGITS:
                stop -= 1  # a group mark before the wrap (6222-0212-⏎3456-7890): part of the gap
            # an area code in brackets ends the line, or opens the group that ends it: the number's
            # head is from its bracket ((021)⏎6432 1234, （0755）8345⏎1234)
            area = _bracketed_area_before(text, stop) if not tab and stop > 0 and text[stop - 1] in _CLOSING_AREA_BRACKETS else -1
            if (stop == 0 or text[stop - 1] not in _DIGITS) and area < 0:
                continue
            if not tab and m.end() - 1 - seam > 4 and sum(1 for ch in text[max(0, stop - 3) : stop] if ch in _DIGITS) < 3:
                continue  # deeply indented: only a head of three digits or more goes on there (处理优先级：1⏎        5201…)
            part = _BEFORE_TAB_SEAM if tab else _BEFORE_LINE_SEAM
            if area >= 0:
                begin = area
            else:
                begin = stop - 1
                while begin > 0 and stop - begin < _MAX_SEAM_PART and text[begin - 1] in part:
                    begin -= 1
                while text[begin] not in _DIGITS:
                    begin += 1
            if not tab and area < 0:
                begin = _after_stamp(text, begin, stop)
                if begin < 0:
                    continue  # the line ends with a date or a time (a chat's stamp⏎1739679⏎7727): no head
                if service_number(text[begin:stop]) and (
                        _TIMESTAMP.match(text, after) is not None
                        or (_MOBILE_OPENS.match(text, after) is not None and stop - begin == _HOTLINE_DIGITS
                            and not any(mark in text[text.rfind("\n", 0, begin) + 1 : begin] for mark in _CARD_MARKS))):
                    # a hotline ends the line, a log's stamp or a mobile opens the next (客服95595⏎
                    # 20210809044532 再次致电; a business card's 热线：95589⏎13327228509); not the
                    # head of an old 9558 card a card's word labels (卡号：95588001⏎1524…)
                    continue
                gap_before = begin - 1 if begin and text[begin - 1] in " -－" else begin
                if gap_before and text[gap_before - 1] in _CLOSING_AREA_BRACKETS:
                    area = _bracketed_area_before(text, gap_before)
                    if area >= 0:
                        begin = area
            if stop - begin <= 4 and _tail_word_before(text, begin):
                continue  # the last digits a word names (尾号0189⏎928955⏎60s后…): a value of their own, no number's head
            run = (_RUN_AFTER_TAB if tab else _RUN_AFTER_LINE).match(text, after)
            # m ends on a digit, or on a check character alone (which is the whole run)
            end = scanned_end = run.end() if run is not None else after + 1
            if not tab and "\n" in text[after:end]:
                end = scanned_end = _before_stamp_line(text, after, end)  # …8241751⏎2022-06-01: the date is no tail
            if not tab:
                begin, end = _column_cut(text, begin, stop, after, end)
                scanned_end = end
            if index_end >= 0:
                end = scanned_end = min(end, index_end)
            checked_only = False
            if end < len(text) and text[end] in _AMOUNT_MARKS and _AMOUNT_GOES_ON.match(text, end) is not None:
                line = text.rfind("\n", after, end) if not tab else -1
                if line < 0:
                    continue  # the next cell or line opens an amount (15080530⇥901,528.00): no number's tail
                # a later line opens it (a PDF's cells one a line: 62266027520519⏎36⏎1,822,923.78):
                # the run stops before that line
                while line > after and text[line - 1] not in _DIGITS and text[line - 1] not in "XxＸ":
                    line -= 1
                if begin and text[begin - 1] in _DECIMAL_MARKS:
                    continue  # the head is an amount's cents (125.67⏎4563…): no number's head
                end = scanned_end = line
                checked_only = True  # only a number its check proves (no mobile of two cells: 131522⏎68218)
            # the next line may open with a list item's number (…1532587198⏎2、邮箱): read across, what
            # has neither a check digit nor its word is that number joined to a value before it
            list_item = (not tab and end - after <= 2 and text[after:end].isdigit()
                         and _LIST_ITEM_MARK.match(text, end) is not None)
            if list_item and any(f.end == stop and f.outcome in _CHECKED_OUTCOMES for f in found):
                continue  # a number its check digit proved whole before the break (卡号 4367…3509⏎4. 邮箱)
            if index_end >= 0 and any(f.end == stop and f.outcome in _CHECKED_OUTCOMES
                                      and sum(1 for ch in text[f.start : f.end] if ch in _DIGITS or ch in "Xx") in _WHOLE_LENGTHS
                                      for f in found):
                continue  # a card or an ID its check proved whole, of a whole one's length, before a row's index and date
            if not tab and end < len(text) and text[end] in _COLUMN_GAP and text[end - 1] in _DIGITS:
                # one digit opening a line, a column's gap after it, is a row's or a page's number
                # (…1732968472⏎2   P774…, …0937⏎3 / 8): not the last digit of a wrapped number
                lone = end - 1
                if lone == after or (text[lone - 1] == "\n" and lone > after):
                    if lone == after:
                        continue
                    end = lone - 1
                    while end > after and text[end - 1] not in _DIGITS and text[end - 1] not in "Xx":
                        end -= 1
            if (begin and text[begin - 1] in _DIGITS) or (end < len(text) and text[end] in _DIGITS):
                continue  # a stretch longer than any number: its ends would be taken for a number's
            if table:
                if (table_column(text, begin, _TABLE_BARS) != table_column(text, after, _TABLE_BARS)
                        and _another_cell_after(text, end)):
                    # a cell wraps within its column (or onto a line of its own); the first cell of
                    # the next row, with more cells after it, is another value (…| 6214… |⏎| 3 | 苏霞 |)
                    continue
            elif (not tab and end < len(text) and text[end] in _ROW_CELL_ENDS and begin > 0 and text[begin - 1] == text[end]
                  and not _wrapped_cell(text, begin, end, text[end])):
                continue  # the last cell of a CSV, TSV or pipe row, and the next row's first cell (…,6222…⏎2,张三,…)
            # the gap at this seam (the break and the spaces around it) reads as one space after a
            # tab and as nothing at a line break: OCR breaks a number anywhere (2301011990⏎0307…)
            gap = (" " if tab else "\u200b") * (after - stop)
            rest = text[after:end]
            if "\n" in rest:
                rest = _INDENT_AFTER_BREAK.sub(_as_nothing, rest)  # 138⏎ 1234⏎ 5678: each break indented
            piece = (text[begin:stop] + gap + rest).translate(_SEAMS_READ)
            joined: list[Finding] = []
            self._candidate(text, begin, end, limit, joined, piece)
            if not tab and (text[after - 1] in _GROUP_SPACES or text[stop] in _GROUP_SPACES):
                # spaces at the break may end a group too (6222 0881⏎ 1860 2090 07, a card of
                # 4-4-4-4-2 indented on its second line): read the gap as one space as well
                spaced = " " + "\u200b" * (after - stop - 1)
                self._candidate(text, begin, end, limit, joined, (text[begin:stop] + spaced + rest).translate(_SEAMS_READ))
            if len(joined) > 1:
                # rival readings from one place best first, as the resolve step ranks them (a
                # Gansu ID, 62…, that passes Luhn too is an ID); a worse one is kept where the
                # better one does not hold
                joined.sort(key=lambda f: (f.start, f.start - f.end, -f.strength))
            if joined and spans is None:
                spans = sorted((f.start, f.end, f.entity_type, f.score) for f in found)
                starts = [span[0] for span in spans]
            for f in joined:
                if tab and _cells_are_values(text, f.start, f.end) and f.context_word not in self._supporting[f.entity_type]:
                    continue  # cells that are values of their own are read across only next to their word
                if ((list_item or index_end >= 0) and f.outcome not in _CHECKED_OUTCOMES
                        and f.context_word not in self._supporting[f.entity_type]):
                    continue
                if checked_only and (f.outcome not in _CHECKED_OUTCOMES or f.start != begin or f.end != end):
                    continue  # (before an amount's line: the whole run, its check holding, or nothing)
                if f.start >= joined_end and _crosses_seam(text, f.start, f.end) and holds(f, quoted and _prose_after(text, f.end)):
                    found.append(f)
                    joined_end = f.end

    def _candidate(self, text: str, begin: int, end: int, limit: float, found: list[Finding], piece: str | None = None,
                   wholes: list[Finding] | None = None) -> None:
        """Scan one candidate ``text[begin:end]`` (read as ``piece`` when given, of the same length).

        ``wholes``: where the candidate may be read whole first (:meth:`_analyze`), and where the
        whole readings go."""
        size = len(text)
        # A number glued to Latin letters before it is usually an identifier such as DD2023…,
        # and digits right after a decimal point are a fraction (0.1912345678): findings that
        # touch such an edge are dropped unless a context word of their entity supports
        # them (微信vx138…). Two capitals before the digits are a code prefix (BD1308…, SF…,
        # JD…) whatever the words say. After the number, only one letter or letters running
        # on into digits glue. Findings further inside a merged run are kept.
        glued_start = glued_end = code_start = letters_start = letters_end = cents_end = -1
        # The digits after the stars of a masked number (622202******0532) are its tail, and those
        # before them (191****9611) its head: no number starts or ends there, whatever the words
        # say (0532⇥5758128, the tail and the next cell, read as a landline).
        masked_start = begin if begin and text[begin - 1] in _MASK_EDGES and _masked_in_groups(text, begin - 1, -1) and (
            text[begin - 1] != " " or _run_of_digits(text, begin, 1, _MASKED_GROUP + 1, _DIGITS) <= _MASKED_GROUP) else -1
        masked_end = end if end < size and text[end] in _MASK_EDGES and _masked_in_groups(text, end, 1) and (
            text[end] != " " or _run_of_digits(text, end - 1, -1, _MASKED_GROUP + 1, _DIGITS) <= _MASKED_GROUP) else -1
        # Three or more stars that run on into no digit mask the rest of a number (an ID shown as
        # 620102197205****: its 14 digits are no card): a number ending (or starting) there stands
        # only next to its entity's word (手机13812345678***). Not markup on both sides (***138…***).
        stars_before = _masked_rest(text, begin - 1, end) if begin and text[begin - 1] in _STARS else 0
        stars_after = _masked_rest(text, end, begin - 1) if end < size and text[end] in _STARS else 0
        rest_start = begin if stars_before else -1
        rest_end = end if stars_after else -1
        rest_stars = stars_before + stars_after
        match_begin = begin
        # One digit per box or cell (a form filled box by box, a row of counts 1⇥8⇥1⇥8…): a number
        # fills the row, so a reading of only some of the boxes is a chance match (the first 11 of
        # 12 counts read as a mobile) and is dropped.
        boxes = end - begin >= 13 and _one_digit_groups(piece if piece is not None else text[begin:end])
        boxes_end = _boxes_end(text, begin, end) if boxes and piece is None else end
        if (boxes and piece is None and text[begin] == "0" and end - begin <= _LANDLINE_BOXES_LONGEST
                and _NUMBER_FIELD_BEFORE.search(text, max(0, begin - _NUMBER_FIELD_REACH), begin) is not None):
            # a landline in a form's boxes (联系电话 0 4 3 1 2 3 2 3 7 4 6 5): no pattern reads a
            # space after every digit of one; read so only after a phone number's field label (a
            # survey's scores are typed so too, 电话回访各题得分：0 2 3 3 4 1 …, and a table's
            # monthly counts by channel, 电话 0 3 5 4 2 …)
            read: list[Finding] = []
            self._candidate(text, begin, end, limit, read, "".join(ch if ch in _DIGITS else "\u200b" for ch in text[begin:end]))
            found.extend(f for f in read if f.entity_type == CN_PHONE_NUMBER and f.start == begin and f.end == end)
        # A number in a URL's path names a page (黑猫投诉's tousu.sina.com.cn/complaint/view/173…/, a
        # post's id): kept next to its entity's word only (…/phone/138…), or, an ID, where its check
        # character proves it (/realname/<ID>/verify). Its query is read as labels.
        url_path = begin >= _SHORTEST_URL_HEAD and _in_url_path(text, begin)
        # … and a mobile there whose segment before names a person (/user/<mobile>/orders: apps
        # that sign in by phone key their users by it), not a page (/complaint/view/173…)
        person_path = url_path and _PERSON_SEGMENT.search(text, max(0, begin - _LONGEST_PERSON_SEGMENT), begin) is not None
        # … and an uploaded file's name (upload/avatar/<mobile>_1.jpg, kyc/idcard_<card>.png): apps
        # name a user's uploads by the user's phone or card, a page's id has no such suffix
        uploaded = (url_path and _UPLOADED_FILE.match(text, end) is not None
                    and _UPLOAD_SEGMENT.search(text, max(0, begin - _UPLOAD_REACH), begin) is not None)
        # An IBAN (收款账号ES96 9211 1635 7220 4529 8431, GB34 BARC 9066 …): a foreign account,
        # whose groups are no Chinese card or phone whatever the word before it
        iban = _IBAN.search(text, max(0, begin - _IBAN_REACH), end + 1)
        in_iban = ((iban is not None and iban.start() < begin and end <= iban.end())
                   or (begin > 1 and text[begin - 1] in _IBAN_CHARS and _in_unspaced_iban(text, begin, end)))
        hex_before = begin and text[begin - 1] in _HEX_LETTERS
        hex_after = end < size and text[end] in _HEX_LETTERS
        if (hex_before or hex_after or (begin and text[begin - 1] == "-") or (end < size and text[end] == "-")
                or text.count("-", begin, end) >= 3):
            # (a UUID of digits only too: a SWIFT payment's UETR 41169481-0935-8625-0424-6963…)
            for uuid in _UUID.finditer(text, max(0, begin - _UUID_LENGTH), min(size, end + _UUID_LENGTH)):
                if uuid.start() <= begin and end <= uuid.end():
                    return  # a UUID's digits
        if hex_before or hex_after:
            if _in_hex_token(text, begin, end):
                return  # a hash's or an ETag's digits (md5 …3ec1c15393355741, ETag "a6a1b612c1984636…")
        if begin:
            before = text[begin - 1]
            if before in _LETTERS and not _LABEL_BEFORE.search(text, max(0, begin - _LONGEST_LATIN_LABEL), begin):
                if _CODE_LETTER_BEFORE.search(text, max(0, begin - _CODE_LETTER_REACH), begin) is not None:
                    return  # a receipt's verification code, a letter and digits (验证码：D17107562952)
                glued_start = letters_start = begin
                if (before in _CAPITALS and begin > 1 and text[begin - 2] in _CAPITALS) or _code_before(text, begin):
                    code_start = begin
            elif before == "." and begin > 1 and text[begin - 2] in _DIGITS and not _list_mark(text, begin - 2):
                code = _COUNTRY_CODE_DOT.search(text, max(0, begin - 6), begin)
                if code is None:
                    glued_start = begin  # a fraction; not after "+86." (a business card's +86.177 4828 8011)
                    if (piece is None and end - begin - _CENTS_DIGITS >= _CARD_LENGTHS_MIN
                            and _GROUPED_AMOUNT_BEFORE.search(text, max(0, begin - _GROUPED_AMOUNT_REACH), begin) is not None):
                        # an amount's cents and a card run together (a PDF table's columns: 5,945.19
                        # 6222620347980502347): the card after the cents, where its check proves it
                        glued: list[Finding] = []
                        self._scan_candidate(text, begin + _CENTS_DIGITS, end, limit, glued)
                        found.extend(f for f in glued if f.start == begin + _CENTS_DIGITS and f.outcome == _KNOWN_ISSUER)
                else:  # which is read with the number, its dot as a space
                    begin = code.start()
                    piece = text[begin : match_begin - 1] + " " + (piece if piece is not None else text[match_begin:end])
            elif before in _PLUS:  # take in a "+", "(" or "(+" typed just before the digits
                begin -= 2 if begin > 1 and text[begin - 2] in _OPEN else 1
            elif before in _OPEN:
                begin -= 1
            if piece is not None and len(piece) < end - begin:
                piece = text[begin:match_begin] + piece
        if end + 2 < size and text[end] == "." and _CENTS.match(text, end) is not None and _column_before(text, begin, end):
            # A last group before a decimal point and cents, a column's gap before it, is an
            # amount's integer part (143025⇥12345.67, 143025 12345.67: a time column and an
            # amount read as a mobile): kept next to its entity's word only.
            glued_end = end
        elif end < size and _an_amount(text, begin, match_begin, end):
            # an amount or a count (:func:`_an_amount`): a number only next to its entity's word. Not
            # any number before 元: a card or a phone that lost the words between it and an amount
            # (从6228…314元) is still one, and a leak is worse than a mask.
            glued_end = end
        elif (end + 2 < size and text[end] == "." and _CENTS_OF_AN_AMOUNT.match(text, end) is not None
              and text[match_begin:end].isdigit()):
            # A run of digits with cents after it and then a currency or a cell's end is an amount
            # (15677634425.98⇥ in an export's amount column, …98元): a number without a check digit
            # (a mobile) ends there only next to its word. Not before a time or a date (…654.12点前,
            # .30分钟内) nor a sentence's comma (王五，138….98，李四).
            cents_end = end
        elif end < size and text[end] in _LETTERS:
            # One letter, or letters that run on into digits (…5678AB12), continue an identifier;
            # a Latin word after the number labels it (…5678wx同号, …5678 ABC银行, …5678APP显示),
            # and so does a label of the next number (…5678ID3101…).
            after = end + 1
            while after < size and text[after] in _LETTERS:
                after += 1
            if (after == end + 1 or (after < size and text[after] in _DIGITS)) and not _LABEL_BEFORE.fullmatch(text, end, after):
                glued_end = end
                if after == end + 1:
                    letters_end = end  # one letter (…5678x, …5678x123): a reading that needs no word stands
        if (glued_start < 0 and glued_end < 0 and masked_start < 0 and masked_end < 0 and rest_start < 0 and rest_end < 0
                and cents_end < 0 and not boxes and not url_path and not in_iban):
            self._scan_candidate(text, begin, end, limit, found, piece, wholes)
        else:
            kept: list[Finding] = []
            self._scan_candidate(text, begin, end, limit, kept, piece)
            supporting = self._supporting
            found.extend(f for f in kept if ((f.start != glued_start and f.end != glued_end)
                                             or (f.start != code_start and f.context_word in supporting[f.entity_type])
                                             or (f.start == letters_start and f.start != code_start and f.end != glued_end
                                                 and f.outcome in _SELF_EVIDENT.get(f.entity_type, ()))
                                             or (f.end == letters_end and f.start != glued_start and f.start != code_start
                                                 and f.outcome in _SELF_EVIDENT.get(f.entity_type, ())))
                         and f.start != masked_start and f.end != masked_end
                         and ((f.start != rest_start and f.end != rest_end) or not _masked_id(f, text, rest_stars)
                              or (f.context_word in supporting[f.entity_type] and not _masked_id_head(f, text, rest_end)))
                         and (f.end != cents_end or f.context_word in supporting[f.entity_type] or f.outcome in _CHECKED_OUTCOMES)
                         and (not boxes or (f.start <= match_begin and f.end >= boxes_end))
                         and (not url_path or f.context_word in supporting[f.entity_type]
                              or f.outcome in _SELF_EVIDENT_IN_PATH.get(f.entity_type, ())
                              or (person_path and f.outcome == "mobile")
                              or (uploaded and f.outcome in _SELF_EVIDENT.get(f.entity_type, ())))
                         and not in_iban)

    def _by_length(self, length: int) -> tuple[tuple[RecognizerSpec, PatternSpec, bool], ...]:
        """Patterns whose width admits a run of ``length`` bare digits and that can match one at
        all (a grouped pattern needs its separators), cached; each with whether it matches every
        run of ASCII digits of that length (:func:`every_digit_run`: no need to ask the regex)."""
        hit = self._length_cache.get(length)
        if hit is None:
            hit = tuple(
                (spec, p, self._every_digit_run[id(p)])
                for spec in self._digit_specs
                for p in spec.patterns
                if self._widths[id(p)][0] <= length <= self._widths[id(p)][1] and self._bare_digits[id(p)]
            )
            self._length_cache[length] = hit
        return hit

    def _scan_candidate(
        self, text: str, begin: int, end: int, limit: float, out: list[Finding], piece: str | None = None,
        wholes: list[Finding] | None = None,
    ) -> None:
        if piece is None:
            piece = text[begin:end]
        index: list[int] | None = None
        if (piece.isdigit() and piece.isascii()) or folds_unchanged(piece):  # bare digits (most), 138-1234-5678
            canon = piece
        else:
            canon, index = fold_with_offsets(piece)
        if "+" in canon:  # "138+1234+5678": a URL-encoded space between digits; "+86" stays a prefix
            canon = _PLUS_BETWEEN.sub(" ", canon)
        if canon.isdigit():
            # Fast path, most candidates: one run of digits (after folding). With
            # digit lookarounds a pattern can only match all of it, so one
            # fullmatch per pattern whose width admits the length.
            matched: RecognizerSpec | None = None  # the last recognizer an exact pattern matched for
            ascii_digits = canon.isascii()
            for spec, pattern, every in self._by_length(len(canon)):
                if pattern.fallback and matched is spec:
                    continue  # the same digits, already proved or refused by that recognizer
                if (every and ascii_digits) or pattern.regex.fullmatch(canon) is not None:
                    matched = spec
                    finding = self._prove(spec, pattern.name, pattern.requires_context, canon, text, begin, end, limit)
                    if finding is not None:
                        out.append(finding)
            if len(canon) > _LONGEST_NUMBER and index is None and canon == text[begin:end]:
                before = len(out)
                self._run_together(text, begin, end, limit, out)
                if len(out) == before:
                    self._fields_run_together(text, begin, end, limit, out)
            return
        # Try every pattern at every place a number can start, not finditer:
        # finditer never revisits characters, so in "0444 1602322197 8171-9909-…"
        # a 22-digit non-card starting at 0444 would hide the card at 8171.
        # A start is tried only for entities that still have enough digits after it.
        digits_left = _digits_after_starts(canon)
        if (len(digits_left) > 1 and digits_left[0][0] == 0 and 4 <= (second := digits_left[1][0]) <= 5
                and canon[second - 1] in " -" and canon[: second - 1].isdigit() and _tail_word_before(text, begin)):
            # the last digits of a number a word names (卡尾号1474 199 8544 9391, 尾号8337
            # 18087623286), three or four of them: a value of their own, no head of the number
            # after them; unless the groups go on in its size (尾号 6222 0212 3456 7890 123: the
            # whole card after the word)
            if _GROUP_OF.match(canon, second).end() - second != second - 1:  # type: ignore[union-attr]
                digits_left = digits_left[1:]
        spaced_out = _spaced_out_among_phones(text, canon, begin, end)
        if wholes is not None and len(digits_left) > 1 and digits_left[0][0] == 0:
            # Most grouped candidates are one number (6222 0212 3456 7890 123, 138-1234-5678):
            # when a reading from the first character explains every character, any reading
            # from an inner group lies inside it and loses to it, so those are not tried.
            first = self._as_grouped(text, canon, self._read_starts(text, canon, index, begin, end, limit, digits_left[:1]), spaced_out)
            whole = [f for cs, ce, f in first if cs == 0 and ce == len(canon)]
            if whole:
                out.extend(f for _, _, f in first)
                wholes.extend(whole)
                return
        # A group that continues a regular grouping (as long as the group before it, up to six
        # digits) may be the middle of one longer number, such as a company's account
        # (0201 0512 3456 7890 822): a phone or card read from there is a fragment of it and
        # dropped when it stops before the run does or follows two or more such groups, unless
        # a number found before it ends right there (4-4-4-4 4-4-4-4: cards side by side). After
        # one group, read to the end of the run, it is a number of its own (2023 6222 0212 3456
        # 7890; 001 138 1234 5678).
        # (not the group right after a 400 or 800 hotline grouped as one: 4003-355-216 199 6390 2916
        # lists the hotline, then a mobile whose first group is as long as the hotline's last)
        hotline = service_number_head(canon)
        after_hotlines = _after_grouped_hotlines(canon) if "400" in canon or "800" in canon else ()
        inner = {start: depth for start, _ in digits_left
                 if (depth := _groups_before(canon, start)) and start not in after_hotlines}
        coded = {start for start, _ in digits_left if _inside_hyphened_code(canon, start)}
        read = self._as_grouped(text, canon, self._read_starts(text, canon, index, begin, end, limit, digits_left), spaced_out)
        if _ID_GROUPING.fullmatch(canon) is not None:
            # an ID's 6-8-4 groups are one number, its check right or wrong: no other starts inside
            # it (身份证号110101 19900307 457X, a wrong check character: its birth date and the
            # next group were read as a mobile, 199… being a mobile's segment)
            read = [r for r in read if r[0] == 0]
        if coded:
            # inside a code hyphened in parts (保单号2010-440100-181-15373208), a reading split across
            # its groups is a piece of it; a group that is a number whole (身份证-2023-05-12-5101…,
            # 3-2-501-1836…) or an area code and its line (5-2-1001-024-30046363) is one
            read = [r for r in read if r[0] not in coded or not _split_in_code(canon, r[0], r[1], r[2])]
        if not inner:
            out.extend(f for _, _, f in read)
            return
        ends = {ce for cs, ce, _ in read if cs not in inner}
        # a last group that goes on as a date or an amount (…7894 12/26, …7894 128元) ends the
        # run for the number before it: a reading that stops there stops at the run's end
        tail = _short_tail_gap(canon, 0, len(canon), text, end)
        if tail < 0 and len(canon) > 5 and canon[-5] in " -" and _year_of_a_date(text, end):
            tail = len(canon) - 5  # … and so does a last group that is the year of a date (0451-6278… 2021.03.01)
        # Groups all of one size that make a card's length (6229 0856 9317 0106, No. 1234 0571 8888
        # 6666) are one number, whose check may fail: none starts at an inner group. Nor inside a
        # hotline grouped as one (800-146-7583 2018年: its tail and the year are no mobile).
        whole_run = _one_number_grouping(canon)
        for cs, ce, f in sorted(read, key=lambda r: r[0]):
            fragment = cs in inner and (inner[cs] > 1 or (_GROUP_AFTER.match(canon, ce) is not None and ce != tail) or whole_run
                                        or (hotline is not None and cs < hotline.end())
                                        # after one group that is no year nor a column, a card
                                        # no known issuer's is the tail of an account
                                        # (公司账户1001 8186 6651 8397 306), not a number of its own,
                                        # nor a known issuer's shorter than its cards are (a fund's
                                        # 募集专户 3754 8181 3073 1248 420: fifteen digits after 81)
                                        or (f.entity_type == CN_BANK_CARD
                                            and (f.outcome != _KNOWN_ISSUER
                                                 or sum(1 for ch in canon[cs:ce] if ch in _DIGITS) < _SHORTEST_KNOWN_CARD)
                                            and _OWN_LEAD_GROUP.search(canon, 0, cs) is None))
            if not fragment or _ends_before(canon, cs, ends):
                out.append(f)
                ends.add(ce)

    def _as_grouped(self, text: str, canon: str, read: list[tuple[int, int, Finding]],
                    spaced_out: bool = False) -> list[tuple[int, int, Finding]]:
        """``read`` without the mobiles that numbers listed side by side make: grouped as no one
        groups a mobile (:func:`_odd_mobile_grouping`) among two or more short groups of the same
        candidate (:func:`_listed_among`: 492⇥7053⇥135⇥401⇥98976, 653 371 1679 537 4320 463),
        unless a phone word labels them. Alone, or beside one other group (a year, a row's ID, a
        count: 2024 138 123 45678), odd groups are the writer's (196-730-07951, 189 948 06788);
        not five odd groups or more (a report's counts: 15 30 00 00 12 3), nor odd groups parted
        by hyphens and spaces (an address's building, unit and room, then an area code:
        13-2-1501 0755-8612…), which only a phone word makes a mobile; nor odd groups after a minus
        sign (a statement row's 0.00 -165004 78998 0626…: a negative amount, then the next columns),
        nor odd groups parted by a tab with one of one or two digits, a table's cells (a roster's
        birth date, job class and sum insured: 19621115⇥1⇥30; :func:`_cells_of_a_row`).
        ``spaced_out``: the candidate is a mobile spaced out one digit at a time among other phones
        (:func:`_spaced_out_among_phones`), read as one with no word."""
        supporting = self._supporting
        kept = [r for r in read if r[2].outcome != _MOBILE or r[2].context_word in supporting[r[2].entity_type]
                or not _odd_mobile_grouping(canon, r[0], r[1])
                or not (_listed_among(canon, r[0], r[1]) or _loosely_grouped(canon, r[0], r[1])
                        or (r[0] > 1 and canon[r[0] - 2 : r[0]] == " -") or _cells_of_a_row(text, r[2].start, r[2].end))
                or (spaced_out and r[0] == 0 and r[1] == len(canon))]
        if len(kept) > 1:
            # a mobile grouped as people group one that ends the run, from a group inside a reading
            # grouped oddly (a tenant list's room and mobile: 1901 139 7944 8821, not 1901 139 7944
            # and a group left over): the odd reading gives way
            ends_run = [r for r in kept if r[2].outcome == _MOBILE and r[1] == len(canon) and r[0] > 0
                        and not _odd_mobile_grouping(canon, r[0], r[1])]
            if ends_run:
                kept = [r for r in kept if r[2].outcome != _MOBILE or not _odd_mobile_grouping(canon, r[0], r[1])
                        or not any(r[0] < e[0] < r[1] for e in ends_run)]
            # a mobile whose last group lies past a column's gap of a space-aligned table (wider than
            # its other gaps) gives way to a mobile that ends right before that gap (a roster's
            # 180 1537 2448  393.89: the phone, then the premium; not 1537 2448  393)
            # (spans, not the tuples themselves: compiled code boxes a tuple anew, and "is" fails)
            mobiles = {(r[0], r[1]) for r in kept if r[2].outcome == _MOBILE}
            across = {(cs, ce) for cs, ce in mobiles
                      if (gap := _column_gap_before_last(canon, cs, ce)) > 0 and any(s < cs and e == gap for s, e in mobiles)}
            if across:
                kept = [r for r in kept if r[2].outcome != _MOBILE or (r[0], r[1]) not in across]
        return kept

    def _run_together(self, text: str, begin: int, end: int, limit: float, out: list[Finding]) -> None:
        """Two numbers run together with no gap, a run longer than any one number: OCR merges a
        form's columns (an ID and a mobile, 23010219961230402415781214992). Read as two only
        where each part alone is a whole number of a sure kind (a valid ID, a mobile, a card of a
        known issuer): a longer order or policy number passes both (one with a check digit) one time in tens of thousands."""
        for k in _RUN_TOGETHER_LENGTHS:
            if end - begin - k not in _RUN_TOGETHER_LENGTHS:
                continue
            # two mobiles: no check digit in either (a 22-digit reference passes one time in 500):
            # only where a phone word labels the first (联系方式：1381234567813912345678)
            two_mobiles = k == end - begin - k == _MOBILE_LENGTH
            parts: list[Finding] = []
            for lo, hi in ((begin, begin + k), (begin + k, end)):
                read: list[Finding] = []
                self._scan_candidate(text, lo, hi, limit, read)
                # of its own entity's sure kind: an unknown issuer's card is "valid" as an ID is, and
                # a 28-digit transaction id under 对方账号 split into one and a mobile one time in a hundred
                whole = [f for f in read if f.start == lo and f.end == hi and f.outcome in _SELF_EVIDENT.get(f.entity_type, ())]
                if not whole:
                    break
                parts.append(max(whole, key=lambda f: f.score))
            if len(parts) == 2 and (not two_mobiles or parts[0].context_word in self._supporting[parts[0].entity_type]):
                out.extend(parts)
                return

    def _fields_run_together(self, text: str, begin: int, end: int, limit: float, out: list[Finding]) -> None:
        """The fields of a fixed-width record run together (a core system's batch file: a
        zero-padded customer number, an ID, a mobile, a card, an amount in fen, no delimiter
        between them). An ID whose region, birth date (from 1930, and not a recent one: a
        transaction number holds this year's date) and check character hold is looked for anywhere
        in the run; a known issuer's card passing Luhn right after it or right before it, or
        opening the run; then what lies between two such numbers, or between one and the run's
        end, where it is a whole mobile, landline or card (138… between an ID and a card). Each is
        kept only where another one read touches it: an ID's shape alone turns up in random digits
        about once in a hundred thousand places, more in serials built of a region and a date
        (a 受理号's), a card's at a run's start one time in ten after a known issuer's prefix; two
        numbers side by side whose checks both hold, almost never. Not a mobile anywhere else: any
        field's digits may have its shape."""
        sure: list[tuple[int, int]] = []
        read: list[Finding] = []
        # a transaction number opens with its date (Alipay's 20231012 2200 1112…: the date's last
        # digits, 2200 and what follows make an ID's shape one time in a few hundred): no ID inside it
        k = begin + 8 if _RUN_OPENS_WITH_DATE.match(text, begin) is not None else begin
        while k + _ID_LENGTH <= end:
            if text[k] in _PROVINCE_FIRST and text[k + 6 : k + 8] in _CENTURIES and text[k + 6 : k + 10] >= _RUN_ID_BORN_FROM:
                hit = self._sure_part(text, k, k + _ID_LENGTH, limit, CN_RESIDENT_ID, _ADULT_ID)
                if hit is not None:
                    read.append(hit)
                    sure.append((k, k + _ID_LENGTH))
                    k += _ID_LENGTH
                    continue
            k += 1
        if not sure and text[begin] in _CARD_FIRST:
            self._card_at(text, begin, end, limit, read, sure, [begin])  # a card opening the run (…曾敏芳  6236…0311…)
        if not sure or any(spec.context.verdict(text, begin, end)[0] == "negative" for spec in self._digit_specs):
            return  # (a run its word names is that: 合约编号, 支付宝交易号, bizNo=, a date and a serial inside it)
        for lo, _hi in list(sure):  # a card right before an ID
            self._card_at(text, begin, end, limit, read, sure, [lo - n for n in _CARD_FIELD_LENGTHS])
        pending = list(sure)
        while pending:  # after an ID or a card: a card, or a mobile and a card (ID, mobile, card, amount)
            _lo, hi = pending.pop()
            card = self._card_at(text, begin, end, limit, read, sure, [hi])
            if card is None and hi + _MOBILE_LENGTH < end:
                card = self._card_at(text, begin, end, limit, read, sure, [hi + _MOBILE_LENGTH])
                if card is not None:
                    mobile = self._sure_part(text, hi, hi + _MOBILE_LENGTH, limit, CN_PHONE_NUMBER, _SELF_EVIDENT[CN_PHONE_NUMBER])
                    if mobile is not None:
                        read.append(mobile)
                        sure.append((hi, hi + _MOBILE_LENGTH))
            if card is not None:
                pending.append(card)
        sure.sort()
        edges = [begin] + [edge for span in sure for edge in span] + [end]
        for lo, hi in zip(edges[::2], edges[1::2]):  # the gaps: before the first, between, after the last
            if hi - lo in _PHONE_FIELD_LENGTHS:
                part = self._sure_part(text, lo, hi, limit, CN_PHONE_NUMBER, _PHONE_FIELD_OUTCOMES)
            elif hi - lo in _CARD_FIELD_LENGTHS:
                part = self._sure_part(text, lo, hi, limit, CN_BANK_CARD, _SELF_EVIDENT[CN_BANK_CARD])
            else:
                continue
            if part is not None:
                read.append(part)
        # only numbers that another one read beside them confirms: an ID's shape alone turns up in
        # a long serial about one place in a hundred thousand (a region, a date, a check digit),
        # two numbers side by side with their checks holding almost never
        starts = {f.start for f in read}
        ends = {f.end for f in read}
        out.extend(f for f in read if f.end in starts or f.start in ends)

    def _card_at(self, text: str, begin: int, end: int, limit: float, out: list[Finding], sure: list[tuple[int, int]],
                 starts: list[int]) -> tuple[int, int] | None:
        """A known issuer's card passing Luhn at one of ``starts`` of the run ``text[begin:end]``, of
        a card field's length and clear of the numbers read (``sure``, extended); its span or None."""
        for at in starts:
            for length in _CARD_FIELD_LENGTHS:
                if begin <= at and at + length <= end and not any(a < at + length and at < b for a, b in sure):
                    card = self._sure_part(text, at, at + length, limit, CN_BANK_CARD, _SELF_EVIDENT[CN_BANK_CARD])
                    if card is not None:
                        out.append(card)
                        sure.append((at, at + length))
                        return at, at + length
        return None

    def _sure_part(self, text: str, lo: int, hi: int, limit: float, entity: str, outcomes: frozenset[str]) -> Finding | None:
        """``text[lo:hi]`` read as a number of ``entity`` whole, of one of ``outcomes``, or None."""
        read: list[Finding] = []
        self._scan_candidate(text, lo, hi, limit, read)
        return next((f for f in read if f.entity_type == entity and f.start == lo and f.end == hi and f.outcome in outcomes), None)

    def _read_starts(
        self, text: str, canon: str, index: list[int] | None, begin: int, end: int, limit: float,
        digits_left: list[tuple[int, int]],
    ) -> list[tuple[int, int, Finding]]:
        """Try every pattern at each ``(start, digits left)`` of the folded candidate ``canon``.

        Returns each finding with its span in ``canon``.
        """
        read: list[tuple[int, int, Finding]] = []
        for spec in self._digit_specs:
            need = spec.candidate.min_digits
            starts = [start for start, left in digits_left if left >= need]
            if not starts:
                continue
            supported: bool | None = None  # whether a context word is near enough: asked once, if needed
            read_spans: list[tuple[int, int]] = []  # where this recognizer has read a number
            matched_to: dict[int, int] = {}  # start → the furthest an exact pattern matched from it, proved or not
            for pattern in spec.patterns:
                marks = pattern.required_marks
                if marks and not _holds_all(canon, marks):
                    continue  # (138（1234）5678's pattern, no bracket here)
                if pattern.requires_context:
                    if supported is None:
                        supported = spec.context.may_support(text, begin, end)
                    if not supported:
                        continue
                match = pattern.regex.match
                tried = starts
                read_from: set[int] = set()
                if pattern.fallback and read_spans:
                    # not from inside a number an exact pattern read; from where it starts only
                    # to the candidate's end (6212268193036426 216: a card with one stray space,
                    # its first 16 digits a known issuer's number failing Luhn)
                    read_from = {cs for cs, _ in read_spans}
                    tried = [s for s in starts if s in read_from or not any(cs <= s < ce for cs, ce in read_spans)]
                for start in tried:
                    m = match(canon, start)
                    if m is None:
                        continue
                    if not pattern.fallback:
                        matched_to[start] = max(m.end(), matched_to.get(start, 0))
                    elif m.end() <= matched_to.get(start, -1) or (start in read_from and m.end() != len(canon)):
                        continue  # digits an exact pattern already proved or refused
                    cs, ce = m.span()
                    s, e = _source_span(begin, index, cs, ce)
                    if start in read_from and e < len(text) and text[e] in _NOT_AFTER_LISTED:
                        continue  # the short group is a date's or an amount's (…7890 9月5日)
                    if ((ce - cs > _HOTLINE_TAIL_LEAST
                            and ((canon[ce - 5] in " -" and canon[ce - 9] in " -") or (canon[ce - 4] in " -" and canon[ce - 8] in " -"))
                            and _HOTLINE_TAIL.search(canon, ce - _HOTLINE_TAIL_REACH, ce) is not None)
                            or (canon.endswith(_HOTLINE_OPENINGS, cs, ce) and ce - cs > 4 and canon[ce - 4] in " -"
                                and _HOTLINE_GOES_ON.match(canon, ce) is not None)):
                        # a hotline grouped as one (3-3-4 or 4-3-3) ends no card nor phone, nor does its
                        # head end a number: 133-8175-8564  400-704-4790 is a mobile and a hotline (not a
                        # card from 8175 on, nor a mobile 1474-9033  400 from the mobile's second group);
                        # 195 2117 0394 4004-273-866 a mobile and a hotline (not a landline from 0394 on)
                        continue
                    if spec.entity == CN_BANK_CARD and canon[cs] == "9" and _HOTLINE_THEN_PHONE.fullmatch(canon, cs, ce) is not None:
                        continue  # a hotline and a phone after it (95588 13119134768)
                    if (spec.entity == CN_PHONE_NUMBER and s > 1 and text[s - 1] == "-" and text[s - 2].isascii()
                            and text[s - 2].isalnum() and _HOST_IP.fullmatch(canon, cs, ce) is not None):
                        continue  # an IPv4 address in a host's name (ip-172-29-110-164.cn-north-1…, node-192-168-40-124)
                    if spec.entity == CN_BANK_CARD and canon[cs] == "9" and _HOTLINE_GROUP.match(canon, cs) is not None:
                        continue  # a hotline said again and again (95588 95588 95588), no card grouped 5-5-5
                    if (spec.entity == CN_PHONE_NUMBER and canon[cs] in "10"
                            and (_NANP_GROUPING.fullmatch(canon, cs, ce) is not None or _AREA_CODE_CUT.match(canon, cs) is not None)
                            and _HAN.search(text, max(0, s - _FOREIGN_SHAPE_REACH), min(len(text), e + _FOREIGN_SHAPE_REACH)) is None):
                        continue  # a North American number (Call 1-855-273-0311), a Japanese mobile (TEL 090-8991-4699)
                    if (cs == _SMS_GATEWAY_GROUP and canon.startswith(_SMS_GATEWAY_OPENING)
                            and _SMS_GATEWAY_FOURS.match(canon) is not None):
                        # an SMS gateway's number grouped in fours (1069 0752 3745 130): no number starts
                        # at its second group. Not a number of a grouping of its own after a room's
                        # 1065 (1065 186 1234 5678, …1069  199…) nor after a longer head (10690752 138…)
                        continue
                    finding = self._prove(spec, pattern.name, pattern.requires_context, m.group(), text, s, e, limit)
                    if finding is not None and (_year_of_a_date(text, e) or _hour_of_a_time(text, e)):
                        # its last group is the year of a date that goes on (1862345 2023-01-05), or the
                        # hour of a time (130639621 10:56)
                        finding = None
                    elif finding is not None and _DATE_AND_TIME_GROUPS.fullmatch(canon, cs, ce) is not None:
                        finding = None  # a statement row's number, date and time (6 20240106 023353)
                    elif finding is not None and _runs_into_a_date(text, s, e):
                        finding = None  # a chat sender's digits and the date after them (访客92097  2024-07-15 13:54:23)
                    elif (finding is not None and finding.entity_type == CN_BANK_CARD and ce - cs in _IMEI_PRINTED
                          and canon[cs + 2] in _GROUP_JOINS and _IMEI_GROUPS.fullmatch(canon, cs, ce) is not None):
                        finding = None  # a phone's IMEI as printed (35-335680-409844-9), Luhn-valid by design
                    elif finding is not None and _ends_on_a_date(canon, cs, ce):
                        finding = None  # a nickname's digits and the date after them (欣欣向荣168 2022-12-13 19:38)
                    elif (finding is not None and s > 0 and text[s - 1] in _DATE_MARKS
                          and _DAY_OF_A_DATE.search(text, max(0, s - _DAY_OF_A_DATE_REACH), s) is not None
                          and _GROUP_GAP.search(canon, cs, ce) is not None
                          and finding.context_word not in self._supporting[finding.entity_type]):
                        finding = None  # a statement row's date and amount read as groups: the day first (2024/04/19 761597360.25)
                    elif (finding is not None and _LONE_LAST_DIGIT.search(canon, max(cs, ce - 7), ce) is not None
                          and sum(1 for ch in canon[cs:ce] if ch in _DIGITS) <= _LONE_DIGIT_MOST
                          and finding.context_word not in self._supporting[finding.entity_type]):
                        finding = None  # a lone digit after a long group is a count or a list's next number (QQ 1994046646 2)
                    elif finding is not None and self._serial_head(finding, canon, cs, ce, text, end):
                        finding = None
                    elif (finding is not None and finding.entity_type == CN_PHONE_NUMBER and e < len(text) and text[e] in _AMOUNT_MARKS
                          and _AMOUNT_GOES_ON.match(text, e) is not None and _short_tail_gap(canon, cs, ce, text, e, True) > cs
                          and finding.context_word not in self._supporting[CN_PHONE_NUMBER]):
                        # its last group opens an amount or a price (C13892195   130,000.00, a table's
                        # next column; 1300  1700  180.057, a holdings table's shares and price); not
                        # where a phone word labels it (手机：1389 1417 776.2.身份证：…, a list's next item)
                        finding = None
                    elif finding is not None and finding.entity_type == CN_BANK_CARD and self._tail_of_another(spec, finding, canon, cs, ce, text, e):
                        # a card whose last short group goes on as a date, an amount or a count (卡号
                        # 6225 8831 6586 9707 12/26: the expiry's month, an 18-digit reading Luhn does
                        # not prove taken on its word; …9707 3月12日) is read without that group, by
                        # a shorter reading or another pattern
                        finding = None
                    if finding is None and not pattern.fallback:
                        # The regex takes the longest grouping, which may have swallowed a group
                        # that is not part of the number ("6222 0212 3456 7890 2023年"): try the
                        # same pattern ending at each earlier group boundary, longest first. (A
                        # fallback reads any grouping: where a shorter one held a number, an
                        # exact pattern has read it.)
                        shorter = self._shorter(spec, pattern, canon, cs, ce, index, begin, text, limit)
                        if (shorter is not None and spec.entity == CN_BANK_CARD and shorter[0].outcome in _UNKNOWN_ISSUER
                                and _same_grouping_tail(canon, cs, shorter[1], ce)
                                and _TAIL_GOES_ON.match(text, e) is None
                                and _account_not_card(spec, text, shorter[0], canon, shorter[1], ce)):
                            # the first sixteen digits of a longer account grouped alike under an
                            # account's label, the run ending there (对公账户4420 7872 5065 9709 0134, 20
                            # digits; 4562 0170 6292 2816 838), or one more group of four under an
                            # account's word (对方账号4400 3702 6871 0709 1062): an unknown issuer's card is
                            # not read out of it; a known issuer's is (6222 0212 3456 7890 2023年), as
                            # is one before a date, an amount or more digits, or under a card's word
                            # (信用卡 4945 8073 0215 7365 597: a card and its security code)
                            shorter = None
                        if shorter is not None and self._serial_head(shorter[0], canon, cs, shorter[1], text, end):
                            shorter = None  # (0713-5064-2887-8555 after 密码: a PIN, and its first three groups no landline)
                        if shorter is not None:
                            finding, ce = shorter
                    elif finding is not None and not pattern.fallback and (
                            finding.outcome not in _CHECKED_OUTCOMES or _GROUP_AFTER.match(canon, ce) is not None):
                        # A reading its check digit does not prove (a known issuer's number failing
                        # Luhn, proved by its word), or one that stops inside a run of groups, may
                        # have swallowed the head of what follows (卡号 6222 0229 1417 7764 138 1234
                        # 5678: a card and a mobile; nineteen digits pass Luhn one time in ten): a
                        # shorter reading its check digit proves is read too, and the resolution
                        # weighs them (the card and the mobile beside it explain more than the long one).
                        proved = self._shorter(spec, pattern, canon, cs, ce, index, begin, text, limit, checked=True)
                        if proved is not None:
                            read.append((cs, proved[1], proved[0]))
                            read_spans.append((cs, proved[1]))
                    if finding is not None:
                        read.append((cs, ce, finding))
                        read_spans.append((cs, ce))
        return read

    def _serial_head(self, finding: Finding, canon: str, cs: int, ce: int, text: str, end: int) -> bool:
        """Whether the landline ``finding`` (``canon[cs:ce]``; the candidate ends at ``text[end]``)
        is the first three of four groups of four, a serial's head (0936 5315 6663 8364), with no
        phone word by it; not where the last group is an amount's (0755 3089 9856 2896.12元: a
        row's columns) or a date's year."""
        if finding.outcome != "landline" or ce >= len(canon) or finding.context_word in self._supporting[finding.entity_type]:
            return False
        four = _FOUR_GROUPS_OF_FOUR.match(canon, cs)
        return (four is not None and _YEAR_OPENS_A_DATE.match(canon, four.end() - 4) is None
                and not (four.end() == len(canon) and _AMOUNT_AFTER_GROUP.match(text, end) is not None))

    @staticmethod
    def _tail_of_another(spec: RecognizerSpec, finding: Finding, canon: str, cs: int, ce: int, text: str, end: int) -> bool:
        """Whether the card ``finding`` (``canon[cs:ce]``, ending at ``text[end]``) ends on a group
        of one to three digits that goes on as an expiry, a date, an amount or a count
        (:func:`_short_tail_gap`) and Luhn does not prove it rather than the digits before that
        group (6222 0212 3456 7890 128元, Luhn-valid, stays whole; its first sixteen fail)."""
        gap = _short_tail_gap(canon, cs, ce, text, end)
        return gap > cs and (finding.outcome not in _CHECKED_OUTCOMES or spec.check(canon[cs:gap], spec.params) in _CHECKED_OUTCOMES)

    def _shorter(
        self, spec: RecognizerSpec, pattern: PatternSpec, canon: str, cs: int, ce: int,
        index: list[int] | None, begin: int, text: str, limit: float, checked: bool = False,
    ) -> tuple[Finding, int] | None:
        """The longest reading of ``pattern`` from ``cs`` that ends at an earlier group boundary
        than ``ce`` and proves (``checked``: by a check digit), with its end."""
        fullmatch = pattern.regex.fullmatch
        cuts = 0
        for cut in range(ce - 1, cs, -1):
            if canon[cut] not in " -" or not canon[cut - 1].isdigit():
                continue
            cuts += 1
            if cuts > _MAX_SHORTER_CUTS:
                return None
            m = fullmatch(canon, cs, cut)
            if m is None:
                continue
            s, e = _source_span(begin, index, cs, cut)
            finding = self._prove(spec, pattern.name, pattern.requires_context, m.group(), text, s, e, limit)
            if finding is not None and (not checked or finding.outcome in _CHECKED_OUTCOMES) and not _year_of_a_date(text, e):
                return finding, cut
        return None

    def _scan_text(self, spec: RecognizerSpec, text: str, limit: float, pieces: bool = True) -> list[Finding]:
        """``spec``'s findings in ``text``; ``pieces``: an address scan that folds may fold only the
        pieces around each "@" (:meth:`_scan_addresses`; False: the whole text, the reference)."""
        out: list[Finding] = []
        addresses = spec.trigger == ADDRESS_TRIGGER
        wrapped = (address_wraps(text, self._label_words[id(spec)]) if addresses and "\n" in text and _inside(text, "\n")
                   else None)
        wide = any(spelling in text for spelling in self._wide_triggers[id(spec)])
        # A trigger typed in full width (张三＠ｑｑ．com), an address wrapped across lines, a custom
        # entity's number in full width or with a zero-width character in it (护照Ｅ１２…), an
        # address split by one (zhang\u200bwei@qq.com: its head would be left out): read a folded
        # copy (the wraps dropped), mapped back. Rare, so the copy is made only when such a
        # character occurs; an address scan then folds only the pieces around each "@" where it can.
        near = zero_width_near(text, spec.trigger, spec.trigger_window) if addresses else _FOLDED_AWAY.search(text) is not None
        if pieces and addresses and near and wrapped is None and not wide and self._scan_addresses(spec, text, limit, out):
            return out
        canon, index = fold_with_offsets(wrapped or text) if wrapped is not None or wide or near else (text, None)
        if addresses and ("。" in canon or "．" in canon):
            # The input method's dots in an address (lina@foxmail。com): read as "." after the "@"
            # only, where a domain is; one for one, so offsets hold. Before it "。" ends a sentence.
            canon = domain_dots_read(canon)
        for lo, hi in trigger_windows(canon, spec.trigger, spec.trigger_window, self._alphabets[id(spec)]):
            self._read_window(spec, canon, lo, hi, index, 0, text, limit, out)
        return out

    def _read_window(self, spec: RecognizerSpec, canon: str, lo: int, hi: int, index: list[int] | None, offset: int,
                     text: str, limit: float, out: list[Finding]) -> None:
        """Prove what ``spec``'s patterns match in ``canon[lo:hi]``, a reading of ``text`` from
        ``offset`` (``index`` maps its characters back where folding dropped some)."""
        addresses = spec.trigger == ADDRESS_TRIGGER
        for pattern in spec.patterns:
            for m in pattern.regex.finditer(canon, lo, hi):
                start, end = m.span()
                if index is not None:
                    start, end = index[start], index[end - 1] + 1
                if addresses and in_message_id_header(text, start + offset):
                    continue  # a message's id (Message-ID:, References:), no mailbox
                value = m.group()
                if (addresses and (label := _GLUED_MAIL_LABEL.match(value)) is not None and index is None
                        and _MAIL_WORD_BEFORE.search(text, max(0, start + offset - _MAIL_WORD_REACH), start + offset) is None):
                    # a form's label glued to the address (Tel:1972… Emailmlin2976@126.com): not its local part
                    value, start = value[label.end() :], start + label.end()
                finding = self._prove(spec, pattern.name, pattern.requires_context, value, text, start + offset,
                                      end + offset, limit)
                if finding is not None:
                    out.append(finding)

    def _scan_addresses(self, spec: RecognizerSpec, text: str, limit: float, out: list[Finding]) -> bool:
        """Scan for addresses in a text the scan reads folded (a zero-width character near an "@")
        piece by piece: each run of address characters around an "@" with a margin on both sides,
        folded and its input-method dots read on its own (a complaint of a few KB with one address,
        and a zero-width character in a number a line away, was folded whole: most of what an
        address scan cost).

        Where a run in a folded piece reaches the piece's edge or its window's (a zero-width
        character or full-width letters joined it to more than the margin holds), returns False
        having found nothing, and the caller folds the whole text as before: so every run holds
        what it holds in the whole folded text."""
        alphabet = self._alphabets[id(spec)]
        if alphabet is None:
            return False
        size = len(text)
        pieces: list[tuple[int, int]] = []
        for lo, hi in trigger_windows(text, ADDRESS_TRIGGER, spec.trigger_window, alphabet):
            a, b = max(0, lo - ADDRESS_PIECE_MARGIN), min(size, hi + ADDRESS_PIECE_MARGIN)
            if pieces and a <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], b)
            else:
                pieces.append((a, b))
        found: list[Finding] = []
        for a, b in pieces:
            canon, index = fold_with_offsets(text[a:b])
            if "。" in canon or "．" in canon:
                canon = domain_dots_read(canon)
            n = len(canon)
            for lo, hi in trigger_windows(canon, spec.trigger, spec.trigger_window, alphabet):
                if ((a and lo < LOOKBEHIND_MARGIN) or (b < size and hi == n)
                        or (lo and canon[lo - 1] in alphabet) or (hi < n and canon[hi] in alphabet)):
                    return False  # the run reaches the piece's edge, or its window cut it
                self._read_window(spec, canon, lo, hi, index, a, text, limit, found)
        out.extend(found)
        return True

    @staticmethod
    def _prove(
        spec: RecognizerSpec, pattern: str, pattern_needs_context: bool, value: str, text: str, start: int, end: int, limit: float
    ) -> Finding | None:
        label = spec.check(value, spec.params)
        if label is None:
            return None
        outcome = spec.outcomes.get(label)
        if outcome is None:
            return None
        if spec.entity == CN_PHONE_NUMBER and _after_foreign_code(text, start):
            return None  # +44 (0)20 7946 0958: another country's number, its trunk 0 no Chinese area code's
        if (spec.entity == CN_PHONE_NUMBER and value.startswith(_KOREAN_MOBILE_OPENING) and _KOREAN_MOBILE.fullmatch(value) is not None
                and (_KOREAN_BEFORE.search(text, max(0, start - _FOREIGN_SHAPE_REACH), start) is not None
                     or _KOREAN_AFTER.match(text, end) is not None)):
            return None  # a South Korean mobile (韩国号码 010-2930-4280, 한국 휴대폰: 01059904291), no Beijing line
        if (spec.entity == CN_PHONE_NUMBER and value.startswith(_JAPANESE_MOBILE_OPENINGS) and _JAPANESE_MOBILE.fullmatch(value) is not None
                and _JAPANESE_NEAR.search(text, max(0, start - _JAPANESE_REACH), min(len(text), end + _FOREIGN_SHAPE_REACH)) is not None):
            return None  # a Japanese mobile (携帯 090-2709-9721, 收款国家：日本⏎收款人电话:090-…), no 0902 line typed 3-4-4
        if (spec.entity == CN_BANK_CARD and label != _KNOWN_ISSUER
                and (_COMPANY_HOLDER_BEFORE.search(text, max(0, start - _COMPANY_HOLDER_REACH), start) is not None
                     or (end < len(text) and text[end] in _BRACKET_OR_SPACE and _COMPANY_HOLDER_AFTER.match(text, end) is not None))):
            return None  # 收款户名：某某物业服务有限公司⏎收款账号：3301…: the company's account (a known issuer's card outvotes it)
        context = spec.context
        if outcome.labelled_by and not _labelled_right_before(context, text, start, outcome.labelled_by):
            # a word in the window is not enough: 交易凭证号, 订单ID, 身份证已核实，理赔号… (asked before the
            # verdict, which it does not need: most numbers of such an outcome, an order's 2023…, have no label)
            return None
        verdict, word, distance = context.verdict(text, start, end)
        if verdict == "negative" and (context.typed_as_own(value) or context.outvoted(word, label)):
            # 订单号 138-1234-5678: typed as only a phone is; 对公账户6228…: a card that proves itself
            verdict, word, distance = "none", None, 0
        if (outcome.requires_context or pattern_needs_context) and verdict != "positive":
            return None
        if label == _CHECK_MISSING:
            apart = _CHECK_APART.match(text, end)
            if apart is not None and _check_character(apart.group("check")) == calc_check_digit("".join(filter(str.isdigit, value))):
                end = apart.end()  # …457(X), …457，叉: the check character typed apart, masked with the number
            elif _GLUED_WRONG_CHECK.match(text, end) is not None:
                end += 1  # …172X, a wrong check letter glued on (a typo's): the number as typed, masked whole
        elif label == _MOBILE and end < len(text) and text[end] in _MOBILE_EXTENSION_FIRSTS:
            extension = _MOBILE_EXTENSION.match(text, end)
            if extension is not None and (extension.group("dash") is None
                                          or "".join(filter(str.isdigit, value))[-11:].startswith(_PRIVACY_SEGMENTS)):
                end = extension.end()  # a platform's privacy number and its extension (17051234567转1234), masked as one
        penalty = outcome.penalty if not outcome.penalised_by or word in outcome.penalised_by else None
        strength = context.adjust(outcome.score, verdict, distance, clamp=False, penalty=penalty)
        score = _score(strength)
        if score < limit:
            return None
        # tuple.__new__: a NamedTuple's own __new__ is Python code, twice the cost of the tuple
        return _new_tuple(Finding, (spec.entity, start, end, score, pattern, label, word, strength))


_new_tuple: Final = tuple.__new__
#: Another country's calling code right before a number (+44 (0)20…, 0049 351…, +61-2-…): not 86, nor
#: Hong Kong's, Macau's or Taiwan's, whose numbers are read with their code; after 00 a code of two
#: digits at least (001 before a number is a list's index as often); not a group of a grouped
#: number (6259 6523 3893 0012 15397487221: a card's last group, then a mobile), nor a spreadsheet's
#: exponent (3.78301E+17  184…: an ID's cell Excel wrote in scientific notation, then a mobile's).
_FOREIGN_CODE_BEFORE: Final = re.compile("(?:(?<![0-9][Ee])\\+|(?<![0-9*＊])(?<![0-9][ \u3000.\\-])00(?=[1-9][0-9]))(?P<code>[1-9][0-9]{0,3})[ \u3000.\\-]*"
                                         "(?:\\(0\\)[ \u3000.\\-]*)?\\Z")  # (+49 (0)177 …: the trunk 0 in brackets)
_FOREIGN_CODE_REACH: Final = 8
_OWN_CODES: Final = frozenset(("86", "852", "853", "886"))


def _after_foreign_code(text: str, start: int) -> bool:
    """Whether a country code other than ours stands right before ``text[start]`` (spaces, dots or
    hyphens between): the number after it is that country's."""
    lo = max(0, start - _FOREIGN_CODE_REACH)
    if text.find("+", lo, start) < 0 and text.find("00", lo, start) < 0:
        return False
    code = _FOREIGN_CODE_BEFORE.search(text, lo, start)
    return code is not None and code.group("code") not in _OWN_CODES


#: The extension a platform's privacy
#: number (a virtual operator's mobile: 170, 171, 162, 165, 167) is dialled with (16283144574转7358,
#: 17051234567#302, 驿站电话16740424030-3254, 17051234567,1234 as a phone dials it after a pause): any
#: mobile's after an extension's word or #, a privacy number's after a hyphen or a comma too (not
#: 138…-2024: a year; 138…，1234元: a list's next value; 138…转1万元: a transfer's amount; 170…,6259 0039…:
#: a row's next cell, a card grouped; 165…，2024年10月: a date; 165…，165－3147－6741: the next mobile).
_MOBILE_EXTENSION: Final = re.compile("[（(](?:转分机|轉分機|分机号?|分機號?)[ \u3000:：]?[0-9]{1,6}[)）]"  # (17025347618（分机5002）)
                                      "|[ \u3000]?(?:转分机|轉分機|转|轉|分机号?|分機號?|#)[ \u3000]?[0-9]{1,6}(?![0-9.,万萬千百元块塊次笔筆个個天号號])"
                                      f"|(?P<dash>[-,，])[0-9]{{3,4}}(?![0-9\\-－{_ranges(DASHES)}]|[ \u3000\xa0.·]{{1,3}}[0-9]|[年月日元块塊万萬千百次笔筆个個天]|[号號](?![码碼]))")
_MOBILE_EXTENSION_FIRSTS: Final = frozenset(" \u3000转轉分#-,，（(")
_PRIVACY_SEGMENTS: Final = ("170", "171", "162", "165", "167")


def _extension_ends(text: str, end: int, at: int) -> bool:
    """Whether a mobile's extension after ``text[end]`` ends at ``at`` (…（分机5002）, …转6189): a
    whole reading of the mobile's span stays whole with it."""
    extension = _MOBILE_EXTENSION.match(text, end)
    return extension is not None and extension.end() == at


#: The outcome of an ID's first seventeen characters (recognizers/cn_resident_id.yaml), and the check
#: character typed apart after them: in brackets, after a comma, a hyphen or a space, or said
#: (…457(X), …457，X, …457-X, …457，叉, …457，最后一位是X), not the first digit of another number.
_CHECK_MISSING: Final = "check_missing"
#: Spaces and zero-width characters, as they stand between a label, a value and its parts (for a
#: character class, in ranges).
_LABEL_GAP: Final = _ranges(" \t\u3000" + ZERO_WIDTH)
_CHECK_APART: Final = re.compile(f"(?:[{_LABEL_GAP}]{{0,2}}[(（\\-－，,、][{_LABEL_GAP}]{{0,2}}|[{_LABEL_GAP}]{{1,2}})"
                                f"(?:最后一位是|最后一位|最後一位是|末位是)?(?P<check>[0-9０-９{_CHECK_CHARS}ｘ]|{SPOKEN_X})"
                                "(?:[)）]|(?![\u4e00-\u9fff]))"  # not a count's, a floor's, an age's digit (，3栋, 、3岁)
                                "(?![0-9０-９A-Za-z_%+@-]|\\.[0-9A-Za-z])")  # nor an address's or a code's first character
#: … or glued on, and wrong (证件号码41010519840508172X（系统提示校验位错误）: the applicant's ID with a
#: typo, its first seventeen characters labelled as an ID's; a right one reads as the whole ID), not
#: the first letter of a code or a word after it (…172XY01).
_GLUED_WRONG_CHECK: Final = re.compile(f"[{_CHECK_CHARS}ｘ](?![0-9０-９A-Za-z_])")


def _check_character(typed: str) -> str:
    """An ID's check character as typed apart (３, ｘ, 叉, 艾克斯), as the validator writes it."""
    return "X" if typed == SPOKEN_X else fold(typed).upper()


#: What may stand between a label and the value right after it: the rest of the label (证, 件, 号码, 号),
#: a note in brackets of up to twelve characters (（18位）, （身份证）, （外国人永久居留身份证）; not
#: （非身份证）), a question answered on the spot (是多少？我的是), a copula, a colon, an equals sign, a
#: comma, a bar or a hyphen (or a colon and a bar: 身份证号码：|4 | 1 | 0 …, an OCR'd form's first box), quotes and brackets, spaces, zero-width characters and one line break
#: (身份证号码是：, 证件号码（身份证）：, "idNo":", sfzh=, 【身份证号码】, | 身份证号码 | …); no other word
#: (手机尾号, 手机银行转账, 共计, 身份证号码：无，订单号).
_LABEL_TO_VALUE: Final = re.compile(f"[件证證号號码碼{_LABEL_GAP}]{{0,6}}(?:[（(](?![^（()）\\n]*[非不])[^（()）\\n]{{1,12}}[)）])?"
                                    f"[{_LABEL_GAP}】」』\"']{{0,2}}(?:是多少[？?]|[？?])?(?:嗯|呃|我的是|是|为|為)?"
                                    f"[{_LABEL_GAP}\"'“「『【\\[]{{0,2}}(?:[：:][|｜]|[：:=，,|｜\\-－])?[{_LABEL_GAP}\"'“「『【\\[]{{0,3}}\\r?\\n?[{_LABEL_GAP}]{{0,3}}")
#: Or a call's question and the next turn's answer (您的手机号码是多少？⏎B：是…; 请报一下身份证号码。⏎
#: 客户：嗯，…): the question ends its line, the answer opens with the speaker (no label: 理赔号：; a
#: numbered one, 说话人2：, and one with the time after it, 客户(01:10)： or 客户 01:10 on a line of its
#: own) and a filler or two. Without a question mark, only where the line asks (:data:`_REQUEST`).
_QUESTION_TO_ANSWER: Final = re.compile(
    "[件号號码碼]{0,3}(?:是多少|是什么|是什麼|多少|呢|吗|嗎)?(?P<asked>[？?])?[。，,：:]?[ \u3000]*\r?\n"
    "(?:\\[?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\\]?[ \u3000]*)?[^\\n:：0-9号號码碼单單]{1,10}[0-9]?"
    "(?:[:：]|[ \u3000]*[（(\\[]?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[)）\\]]?[ \u3000]*(?:[:：]|\r?\n))[ \u3000]*"
    "(?:(?:嗯|呃|啊|哦|噢|是的|是|对|對|好的|我的是|我的)[，,。 \u3000]*){0,3}")
#: What an agent's line says when it asks for a number without a question mark (请报一下…。).
_REQUEST: Final = re.compile("[请請]您?(?:报|報|提供|告诉|告訴|说|說|输入|輸入|留|核对|核對)|麻烦|麻煩|报一下|報一下|说一下|說一下|"
                             "提供一下|核对一下|核對一下|留一个|留一個")
#: The most characters between such a label and its value.
_LONGEST_LABEL_TO_VALUE: Final = 48
#: Longer than any context word of the shipped recognizers (社会保障卡号, idCardNo): how far before a
#: value its label may begin.
_LONGEST_WORD: Final = 16


def _labelled_right_before(context: ContextSpec, text: str, start: int, words: frozenset[str] | None = None) -> bool:
    """Whether a positive word of ``context`` (one of ``words`` where given) labels the value at
    ``text[start]`` as a form's field does (it ends right before it, :data:`_LABEL_TO_VALUE`
    between) or as a call's question does the answer after it (:data:`_QUESTION_TO_ANSWER`). Any
    such word, not only the one the verdict chose (居民身份证号码：: the verdict's word is 证)."""
    spans = context.word_spans(text, max(0, start - _LONGEST_LABEL_TO_VALUE - _LONGEST_WORD), start, positive_only=True)
    for k in range(0, len(spans), 2):
        if words is not None and spelled(text[spans[k] : spans[k + 1]]) not in words:
            continue
        end = spans[k + 1]
        if _LABEL_TO_VALUE.fullmatch(text, end, start) is not None:
            return True
        asked = _QUESTION_TO_ANSWER.fullmatch(text, end, start)
        if asked is not None and (asked.group("asked") or _REQUEST.search(text, text.rfind("\n", 0, end) + 1, end) is not None):
            return True
    cell = column_header(text, start, aligned=False) if start else None  # a drawn, markdown or tab-separated table's cell: its header
    if cell is not None:
        heads = context.word_spans(text, cell[0], cell[1], positive_only=True, first_only=True)
        return bool(heads) and (words is None or spelled(text[heads[0] : heads[1]]) in words)
    return False


#: Significant digits an E-notation number must show to be someone's number though digits were
#: lost (Excel keeps fifteen: a 16–19-digit card or an 18-digit ID shows most of itself).
_E_NOTATION_IDENTIFYING: Final = 12
#: The score such a number starts from before its word's boost (a reading no validator proves).
_DIGITS_LOST_SCORE: Final = 0.5
#: A name longer than this labels nothing (a client's key of any length is not read as a label).
_LONGEST_LABEL: Final = 64
#: What :meth:`Detector._label_of` gives for a name whose deciding word labels another identifier.
_OTHER_IDENTIFIER: Final = "!"
#: Context words that only say "number": after another kind's word in a name they are its tail.
_NUMBER_WORDS: Final = frozenset({"号码", "號碼"})
#: strength → its score, clamped to [0, 1] and rounded to four places (see :func:`_score`)
_ROUNDED: Final[dict[float, float]] = {}


def _score(strength: float) -> float:
    """A finding's score: its strength clamped to [0, 1] and rounded to four places. round() costs
    as much as the rest of a proof (a correctly rounded decimal), and a recognizer gives few
    distinct strengths (outcome × verdict × distance): kept."""
    score = _ROUNDED.get(strength)
    if score is None:
        score = round(min(1.0, max(0.0, strength)), 4)
        if len(_ROUNDED) >= 4096:
            _ROUNDED.clear()
        _ROUNDED[strength] = score
    return score


#: No gate matches anywhere (a detector with no digit recognizers asks for none).
_NO_GATES: Final = (-1, -1, -1, -1, -1, -1, -1, -1)


_REPEATED_DIGIT: Final = re.compile(_REPEATED)
_REPEATED_DIGIT_AMONG: Final = re.compile(_SAID_REPEATED)


@lru_cache(maxsize=4)
def _default_detector(directory: str | None) -> Detector:
    """:meth:`Detector.default`, one per directory."""
    return Detector.from_directory(directory)


def _loaded_detector(directory: str | None, threshold: float) -> Detector:
    """A pickled detector loaded again (see :meth:`Detector.__reduce__`): the process's own for
    its directory where its threshold is the default one."""
    if threshold == DEFAULT_THRESHOLD:
        return _default_detector(directory)
    return Detector.from_directory(directory, threshold)


#: Money right after a run of digits, with no space (…012815000元, …5678500.00元, a statement's
#: …79,917.32 run on by a PDF's text): more than eleven
#: digits are no sum a complaint names (a hundred billion yuan), but a number and an amount an OCR
#: or a hurried writer ran together.
_MONEY_AFTER: Final = re.compile("(?:\\.[0-9]{1,2})?(?:[元块塊圆圓](?![旦宵])|万元|萬元)|(?P<bare>(?:,[0-9]{3})*\\.[0-9]{2})(?![0-9]|\\.[0-9])")
#: A date's month and day after its year (-06-06, /6/6, .06.06), no more digits after.
_DATE_REST: Final = re.compile("([-/.])[01]?[0-9]\\1[0-3]?[0-9](?![0-9])")


def _glued_date(text: str, begin: int, end: int) -> int:
    """Where a date glued after the number in ``text[begin:end]`` begins (its year's first digit:
    ``…90382024-08-22``), or -1. The year is four digits of this or the last century right after
    the number's digits (no gap: a gap sets a date apart by itself), its month and day after it
    with the same mark between (``-``, ``/`` or ``.``), and eleven digits or more before it."""
    for mark in "-/.":
        at = text.find(mark, begin + 4, end + 1)
        while at >= 0:
            year = at - 4
            if (year > begin and text[year - 1] in _DIGITS and text[year : at].isdigit()
                    and text[year : year + 2] in _CENTURIES and _DATE_REST.match(text, at) is not None
                    and sum(1 for ch in text[begin:year] if ch in _DIGITS) >= _MOBILE_LENGTH):
                return year
            at = text.find(mark, at + 1, end + 1)
    return -1
#: The characters such money opens with (one test before the regex, for every long run).
_MONEY_OPENS: Final = frozenset("元块塊圆圓万萬.,")
#: The lengths of the numbers such a run may open with (a card, an ID, a card, a legacy ID, a
#: mobile), and the most digits of the amount after one.
_GLUED_HEADS: Final = (19, 18, 17, 16, 15, _MOBILE_LENGTH)
_GLUED_AMOUNT_DIGITS: Final = 9
#: The lengths of a card or an ID that a fixed-width field pads with zeros before it (a 19-digit
#: card in a field of 20: 0621…), and the zeros before a mobile so padded (fewer are a dialled
#: trunk prefix or an international one).
#: A verification code's label, then the letter its code opens with, right before a number: the
#: code's digits (an e-receipt's 验证码：D17107562952), whatever they look like.
_CODE_LETTER_BEFORE: Final = re.compile("(?:验证码|驗證碼|校验码|校驗碼)[：:\\s]{0,3}[A-Za-z]\\Z")
_CODE_LETTER_REACH: Final = 8
_PADDED_LENGTHS: Final = frozenset(range(15, 20))
_ZERO_PADDED: Final = re.compile("(?<![0-9])0+(?P<number>[1-9][0-9]{10,18})(?![0-9])")
_MOBILE_PADDING: Final = 3
#: The minutes of a time of day right after a run of digits (…14:30, …9:30后): the run's last
#: digits may be its hour.
_CLOCK_AFTER: Final = re.compile("[:：][0-5][0-9](?![0-9])")
#: A relative time one space after a number's last digit (…6-0-7 1周前, … 8 2小时前, 3 天前):
#: the space, the count, the unit, 前 (ago); what opens the unit.
_TIME_AGO: Final = re.compile("[ ]?(?:秒|分钟|分鐘|小时|小時|天|日|周|週|星期|个月|個月|月|年)前")
_TIME_AGO_OPENS: Final = frozenset(" 秒分小天日周週星个個月年")
_LAST_SMALL_GROUP: Final = re.compile("[ \u3000][0-9]{1,2}\\Z")
#: The units of a count of calls or minutes typed right after a number (…1次, …2遍, …3通, …5分钟),
#: and what makes them a count's (not 次日, 通知, 通过, 分配).
_COUNT_UNITS: Final = frozenset("次遍通分")
_CALLS_COUNTED: Final = re.compile("次(?![日数數序])|遍|通(?![知过過讯訊信])|分钟|分鐘")
#: A date's day or a time's minutes glued before eleven digits or more (a chat export's
#: 2023/07/1514965078624, a call log's 10:2613878355837): the run's first two digits may be
#: theirs, the number after them.
_STAMP_BEFORE: Final = re.compile("(?<![0-9])(?:(?:19|20)[0-9]{2}([-/.])[01]?[0-9]\\1(?:[0-2][0-9]|3[01])"
                                  "|[0-2]?[0-9][:：][0-5][0-9])(?=[0-9]{11})")
#: How far before a candidate such a date or time may begin (2023/07/ before the day's digits).
_STAMP_REACH: Final = 9
#: What stands between such a date's month and its day, or a time's hour and its minutes.
_STAMP_MARKS: Final = frozenset("/.:：")
#: How many candidates the detector reads between two chances for other threads to run (about
#: 5-10 ms of work: CPython's own switch interval is 5 ms).
_CANDIDATES_PER_BREATH: Final = 256


def read_with_next(block: list[str], line: str) -> bool:
    """Whether ``line`` is read in one text with ``block``, the lines before it (first line first,
    each with its line ending), by a reader that takes a file's lines one at a time (scrub and
    scan of a text file: a line is a log's record, and a block of lines costs the multi-line
    readings more).

    Read together: a fixed-width report (its headings, the rule of dashes under them, its rows to
    a blank line: a heading is its column's context, as a CSV column's name is); and lines a number
    runs on across (:func:`_runs_on`: an OCR'd letter or a hard-wrapped e-mail breaks a number
    anywhere, and its first part alone is another number or none). At most
    :data:`~pii_guard.detect.context.REPORT_LINES` lines."""
    if len(block) >= REPORT_LINES:
        return False
    if len(block) == 1 and block[0].strip() and is_dash_rule(line):
        return True
    if len(block) >= 2 and is_dash_rule(block[1]) and block[0].strip():
        return bool(line.strip())
    return _runs_on(block[-1], line)


def _runs_on(line: str, after: str) -> bool:
    """Whether a number may run on from the end of ``line`` into ``after``, as the seam pass reads
    a line break (:data:`_LINE_SEAM`): ``line`` ends with a digit (then a group's hyphen or spaces,
    or none) and ``after`` opens with one (past a reply's quote marks, a table's bar, indentation)
    that opens no date or time (a log's next record)."""
    end = len(line.rstrip("\r\n"))
    while end > 0 and (line[end - 1] in _GROUP_SPACES or line[end - 1] in _WRAP_HYPHENS):
        end -= 1
    if end == 0 or line[end - 1] not in _DIGITS:
        return False
    seam = _LINE_SEAM.match("\n" + after)
    return seam is not None and _DATE_OR_TIME.match(after, seam.end() - 2) is None


def _match_start(match: re.Match[str]) -> int:
    return match.start()


def _said_twice(match: re.Match[str]) -> str:
    """双九 as 九九, 两个九 as 九, nothing, 九, 三个0 as 000: the digit twice (or three times), the
    reading as long as the text."""
    said = match.group()
    times = 3 if said[0] == "三" else 2
    return said[-1] + "\u200b" * (len(said) - times) + said[-1] * (times - 1)


#: How far before a run of paused groups a number it repeats may have been read (a sentence or two).
_REPEAT_REACH: Final = 200


def _spoken_digits(value: str) -> str:
    """The digits of a number as written or read out (幺八幺 六四五九 → 1816459), an X included."""
    return "".join(ch for ch in fold(value).translate(_NUMERAL_DIGITS) if ch.isdigit() or ch in "Xx")


def _as_nothing(match: re.Match[str]) -> str:
    """A match read as zero-width characters, one for each of its characters."""
    return "\u200b" * (match.end() - match.start())


def _gates(text: str) -> tuple[int, int, int, int, int, int, int, int]:
    """Where each gate first matches in ``text`` (-1: nowhere), by the regexes: the rare forms,
    dotted groups from an ASCII dot and from any dot, comma groups, boxes with bars, pauses,
    runs of look-alike digits, full-width digits."""
    found = [-1, -1, -1, -1, -1, -1, -1, -1]
    for i, (gate, marks) in enumerate(((_RARE_FORMS_GATE, ""), (_DOTTED_GATE, "."), (_DOTTED_GATE_WIDE, _DOTS),
                                       (_COMMA_GATE, _COMMA_MARKS + ","), (_BAR_GATE, _BARS), (_PAUSE_GATE, ""),
                                       (_LOOKALIKE_RUN, ""), (_WIDE_DIGIT, ""))):
        if not marks or any(mark in text for mark in marks):  # the gate cannot match without one
            match = gate.search(text)
            if match is not None:
                found[i] = match.start()
    return found[0], found[1], found[2], found[3], found[4], found[5], found[6], found[7]


def _char_classes() -> bytes:
    """Class bits per code point (up to the last one classed: the tag characters, invisible
    separators, reach U+E007F), native 16-bit values, for :mod:`pii_guard._scan`, from the
    constants the regexes it stands in for are built from: a candidate's digits and separators,
    the numerals and OCR letters of the rare-forms gate and what may sit between numerals, the
    dots, commas and bars between groups, and what opens a spoken pause and may stand before one."""
    classed = ((_DIGITS, 1), (_SEPARATOR_CHARS, 2), (_NUMERALS, 4), (_OCR_LETTERS, 8),
               (_NUMERAL_SEP_CHARS, 16), (_DOTS, 32), (_COMMA_MARKS + ",", 64), (_BARS, 128),
               (_PAUSE_OPENERS, 256), (_PAUSE_SIDES, 512), ("".join(_LOOKALIKE_DIGITS), 1024), (_WEAK_OPENERS, 2048),
               (_FILLER_CHARS, 4096), (FULLWIDTH_DIGITS + _COMPAT_HAN_CHARS, 8192))
    table = array("H", bytes(2 * (max(ord(ch) for chars, _bit in classed for ch in chars) + 1)))
    for chars, bit in classed:
        for ch in chars:
            table[ord(ch)] |= bit
    for lo, hi in _EMOJI_BLOCKS:
        for cp in range(lo, min(hi + 1, len(table))):
            table[cp] |= 256
    return table.tobytes()


_CHAR_CLASSES: Final = _char_classes()
#: The C scanner, or None (then the regexes it stands in for run): loaded by pii_guard.normalise.
_scan: Final = SCANNER


#: A month and a day after a year (the year the last group of a reading): -01-05, /1/5, .01.05.
_DATE_MARKS: Final = "-/.－／．"
_MONTH_DAY_AFTER: Final = re.compile(f"[{_DATE_MARKS}](?:0?[1-9]|1[0-2])[{_DATE_MARKS}](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])")


def _inside_words(text: str, begin: int, end: int) -> bool:
    """Whether Han characters touch ``text[begin:end]`` on both sides (型号0531一2345678的机器)."""
    return (begin > 0 and _HAN.match(text, begin - 1) is not None) and (end < len(text) and _HAN.match(text, end) is not None)


def _counted_after_a_card(value: str) -> bool:
    """Whether the groups ``value`` (digits, spaces, hyphens and marks) hold a card's sixteen
    digits or more before their first comma or full stop, and one to three after it (6214 8377
    9948 9491。4S店, 6221-5577-6696-5783，1分钱, …8061、2、3): the card ends at the mark, and what
    follows is the next sentence's count; not an ID's seventeen and its check character after
    the mark."""
    first = min((k for k, ch in enumerate(value) if ch in _TWO_GROUP_MARKS), default=-1)
    if first < 0:
        return False
    before = sum(1 for ch in value[:first] if ch in _ASCII_DIGITS)
    after = sum(1 for ch in value[first:] if ch in _ASCII_DIGITS)
    if before < _SHORTEST_KNOWN_CARD or not 1 <= after <= 3:
        return False
    # not where the whole run proves itself: an ID said in two breaths (5001 0319 9106 1649。99,
    # …1382，3X), a card of nineteen digits said sixteen and three (6217 0043 9888 2445，529)
    whole = "".join(ch for ch in value if ch in _ASCII_DIGITS or ch in "Xx").upper()
    if len(whole) == _ID_LENGTH and opens_as_id(whole) and whole[-1] == calc_check_digit(whole[:-1]):
        return False
    return not (whole.isdigit() and len(whole) > _SHORTEST_KNOWN_CARD and luhn.is_valid(whole))


def _short_tail_gap(canon: str, cs: int, ce: int, text: str, end: int, amount: bool = False) -> int:
    """Where the gap before the last group of the reading ``canon[cs:ce]`` (ending at ``text[end]``)
    is, where that group has one to three digits and goes on as a date, an amount or a count
    (12/26, 12次, 25日); ``amount``: the caller saw it go on as an amount's integer part
    (130,000.00, 180.057); else -1."""
    gap = max(canon.rfind(" ", cs, ce), canon.rfind("-", cs, ce))
    if gap < 0 or ce - gap - 1 > 3:
        return -1
    if amount:
        return gap
    size = ce - gap - 1
    after = _tail_goes_on(text, end, size)
    if after is None:
        return -1
    mark = after.group().lstrip(" \u3000")[0]
    if mark in "/／月日":  # a month or a day has one or two digits, and is one (…7890 123月 is no date)
        digits = canon[gap + 1 : ce]
        if size > 2 or not digits.isdigit() or not digits.isascii():
            return -1
        if (mark == "月" and not 1 <= int(digits) <= 12) or (mark == "日" and not 1 <= int(digits) <= 31):
            return -1
    return gap


#: What makes a short last group a date's month or day, an expiry (MM/YY), an amount or a count:
#: not 号 (6227…931号银行卡 is a card's number) nor a slash between whole numbers (…673/6225…).
#: The fewest digits of a known issuer's card (UnionPay's: 16 to 19).
_SHORTEST_KNOWN_CARD: Final = 16
_GOES_ON_AFTER_A_TAIL: Final = re.compile(f"[/／]{_DIGIT}{{2}}(?!{_DIGIT})|[月日元块塊圆圓次笔筆天]"
                                          # … or a space apart, after a group of one or two digits only
                                          # (…3570 3 笔, …2424 3 天前; not 笔笔 nor 天天, "every one", nor
                                          # after three: …6699 769 月初, a 19-digit card's last group), or an
                                          # amount's thousands and decimals (6259 1692 0722 3338 909,377.00 or
                                          # 11,357: a transfer list's card, then its amount; not 804,500, in a
                                          # CSV row: the last group, then the amount's field)
                                          "|[ \u3000](?P<spaced>[月日元块塊圆圓次笔筆天])(?!(?P=spaced))"
                                          f"|,{_DIGIT}{{3}}(?:,{_DIGIT}{{3}})*(?:\\.{_DIGIT}|(?![0-9,]))")


def _tail_goes_on(text: str, end: int, size: int) -> re.Match[str] | None:
    """:data:`_GOES_ON_AFTER_A_TAIL` after a last group of ``size`` digits ending at ``text[end]``."""
    after = _GOES_ON_AFTER_A_TAIL.match(text, end)
    return None if after is None or (after.group("spaced") is not None and size > 2) else after


#: A reading that is a row's number of one to three digits, a date and a time of day, each a group
#: of its own (6 20240106 023353; tabs or spaces between): a statement's first three columns, which
#: a grouping read as one number (a card where Luhn holds). No card, ID or phone is grouped so.
#: A gap between groups in a folded reading.
_GROUP_GAP: Final = re.compile("[ -]")
#: A date's year and month right before a reading (2024/04/|19 7615…): its first group is the day.
_DAY_OF_A_DATE: Final = re.compile("(?<![0-9])(?:19|20)[0-9]{2}([-/.])[0-9]{1,2}\\1\\Z")
_DAY_OF_A_DATE_REACH: Final = 8
#: A reading's last groups written as a date, year, month and day parted by one mark, after a
#: group of its own: no number is grouped so (168 2022-12-13: a chat nickname's digits, then the
#: date its message was sent).
_ENDS_ON_A_DATE: Final = re.compile("(?<=[0-9])[ \t\u3000-]" + _DATE_SHAPE + "\\Z")
#: An IMEI (15 digits) or IMEISV (16) in the groups a phone prints it in: no card is grouped so.
_IMEI_PRINTED: Final = frozenset((18, 19))  # its lengths so printed
_IMEI_GROUPS: Final = re.compile("[0-9]{2}([ -])[0-9]{6}\\1[0-9]{6}\\1[0-9]{1,2}")
_DATE_TAIL_LONGEST: Final = 11  # a gap, a year, two marks, a month and a day of two digits


def _ends_on_a_date(canon: str, cs: int, ce: int) -> bool:
    """Whether the reading ``canon[cs:ce]`` ends on :data:`_ENDS_ON_A_DATE`: looked for only where a
    date's mark stands before the last one or two digits."""
    return (ce - cs > _DATE_TAIL_LONGEST - 3 and (canon[ce - 2] in _DATE_MARKS or canon[ce - 3] in _DATE_MARKS)
            and _ENDS_ON_A_DATE.search(canon, max(cs, ce - _DATE_TAIL_LONGEST), ce) is not None)


_DATE_AND_TIME_GROUPS: Final = re.compile("[0-9]{1,3}[ \t\u3000]{1,3}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
                                          "[ \t\u3000]{1,3}(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]")


def _quoted_line(text: str, at: int) -> bool:
    """Whether the line ``text[at]`` is on opens (past its spaces) with a reply's quote mark (> …)."""
    i = text.rfind("\n", 0, at) + 1
    while i < at and text[i] in _GROUP_SPACES:
        i += 1
    return i < at and text[i] in _QUOTE_MARKS


def _bracketed_area_before(text: str, end: int) -> int:
    """Where an area code in brackets that ends at ``end`` opens ((021), （0755）), or -1."""
    for width in (5, 6):
        if end >= width and _AREA_IN_BRACKETS.fullmatch(text, end - width, end) is not None:
            return end - width
    return -1


_AREA_IN_BRACKETS: Final = re.compile("[(（]0[1-9][0-9]{1,2}[)）]")


def _prose_after(text: str, end: int) -> bool:
    """Whether a sentence goes on right after ``text[:end]``: a Chinese character or a full-width
    mark, no cell's gap, digit or other value (…2与您联系, not …2  张三 nor …2⇥…), and no unit, count
    or list mark that makes the digits before it a number of their own (…⏎> 2、邮箱, 2号楼, 3月5日,
    1次, 2天内)."""
    return (end < len(text) and ("\u4e00" <= text[end] <= "\u9fff" or text[end] in _PROSE_MARKS)
            and text[end] not in _UNITS_AFTER_A_COUNT)


#: Full-width marks that go on a sentence (not a table's, not a list's 、).
_PROSE_MARKS: Final = frozenset("，。；：！？）」』")
#: What makes digits before it a count, a date's part, an amount or a place of their own.
_UNITS_AFTER_A_COUNT: Final = frozenset("日号號期题題件个個户戶人名条條月元块塊圆圓次笔筆天年楼樓层層栋棟幢室岁歲时時分秒点點位周週倍折届屆项項页頁章节節")


def _year_of_a_date(text: str, end: int) -> bool:
    """Whether a reading ending at ``end`` took in, as its last group, the year of a date that
    goes on after it (a voucher number and its date: 1862345 2023-01-05 read as a mobile), or that
    a 年 names (010-62345678-2023年更换: no extension)."""
    return (end >= 5 and end < len(text) and text[end - 4 : end - 2] in _CENTURIES and text[end - 5] in " -\u3000"
            and text[end - 4 : end].isdigit()
            and (text[end] == "年" or (text[end] in _DATE_MARKS and _MONTH_DAY_AFTER.match(text, end) is not None)))


def _hour_of_a_time(text: str, end: int) -> bool:
    """Whether a reading ending at ``end`` took in, as its last group, the hour of a time that goes
    on after it (a sign-in sheet's code and the time: 130639621 10:56 read as a mobile): one or two
    digits after a space, then a colon and the minutes."""
    return (end + 2 < len(text) and text[end] in ":：" and text[end + 1] in "012345" and text[end + 2] in _ASCII_DIGITS
            and (end + 3 == len(text) or text[end + 3] not in _ASCII_DIGITS)
            and _HOUR_GROUP.search(text, max(0, end - 3), end) is not None)


_HOUR_GROUP: Final = re.compile("[ \u3000](?:[01]?[0-9]|2[0-3])\\Z")


#: A 95xxx hotline's digits, and the marks of a card's or an account's word (卡, 账, card …).
_HOTLINE_DIGITS: Final = 5
_CARD_MARKS: Final = ("卡", "账", "帐", "賬", "帳", "咭", "card", "Card", "CARD")
#: A VAT invoice's 地址、电话 field and the run of digits that ends it (an address's last number and
#: a phone typed straight after it), and the fewest characters a phone read from its tail takes.
_ADDRESS_PHONE_KEY: Final = "地址"
_ADDRESS_PHONE_FIELD: Final = re.compile("地址(?:、|，|,|/|及)?(?:电话|電話)[:：]?[^\n:：]{0,60}?(?<![0-9-])(?P<run>[0-9][0-9-]{11,24})(?![0-9-])")
_SHORTEST_PHONE_TAIL: Final = 11
#: A mobile, whole, that opens a line (after a hotline that ends the line above).
_MOBILE_OPENS: Final = re.compile("1[3-9][0-9]{9}(?![0-9])")
#: A date, its year after a space, with a time after it or not (访客92097  2024-07-15 13:54:23: a chat
#: export's line of a sender's name and the time; 185 0771 7416 2024-08-21: a call log's number and
#: its date, 0771 7416 2024-08 no landline).
_DATE_AFTER_SPACE: Final = re.compile("(?<=[ \t\u3000])" + _DATE_SHAPE + "(?![0-9])")
_DATE_REACH: Final = 11


def _runs_into_a_date(text: str, start: int, end: int) -> bool:
    """Whether a reading of ``text[start:end]`` took in the year of a date after a space: the digits
    before it are a name's, a row's or a number's, the rest the date's."""
    if text.find(" ", start, end) < 0 and text.find("\t", start, end) < 0 and text.find("\u3000", start, end) < 0:
        return False  # (most readings: no space inside them for a date's year to follow)
    at = _DATE_AFTER_SPACE.search(text, start, min(len(text), end + _DATE_REACH))
    return at is not None and start < at.start() < end


#: The stars that stand for the hidden digits of a masked number.
_STARS: Final = frozenset("*＊")


def _masked_in_groups(text: str, at: int, step: int) -> bool:
    """Whether the stars at ``text[at]`` (or after the space there) run on (``step`` -1: back, 1:
    forward) into a digit, two or more of them, in one group (6222******0532) or in groups each
    after one space (6217 **** **** 0199, 5182 12** **** 9518): the middle of a masked number, whose
    digits on either side are no number's edge (…07368531⇥6217 read as a landline); not markup
    around a number (**138…**) nor a lone star between two values (尾号1234*139…)."""
    while 0 <= at < len(text):
        spaced = text[at] == " "
        if spaced:
            at += step
        stars = _stars_from(text, at, step)
        if stars < 2:
            return False
        at += stars * step  # past the stars: a digit, or a space before a digit or more stars
        if 0 <= at < len(text) and text[at] in _DIGITS:
            # (stars glued to the digits on their far side after a space are another value's:
            # 1878031**** 3301…, 1516757999 ****5782)
            return not spaced
        if not (0 <= at < len(text) and text[at] == " "):
            return False
        if 0 <= at + step < len(text) and text[at + step] in _DIGITS:
            return True
    return False


#: What a masked number's stars start from beside its digits: a star, or a space before a group of them.
_MASK_EDGES: Final = frozenset("* ＊")
#: The longest group of digits a number masked in groups shows beside its stars (622202 ****** 0532);
#: a longer run one space before stars is a number of its own (张三 18948526057 **** 1234).
_MASKED_GROUP: Final = 6


def _stars_from(text: str, at: int, step: int) -> int:
    """How many stars run from ``text[at]`` on (``step`` 1) or back (-1)."""
    stars = 0
    while 0 <= at < len(text) and text[at] in _STARS:
        at += step
        stars += 1
    return stars


def _masked_rest(text: str, at: int, other: int) -> int:
    """How many stars run from ``text[at]`` (after a number, or before it) where they are three or
    more and ``text[other]``, the number's other edge, is no star: the masked rest of a number
    (620102197205****, ****19720517123X); 0 where they are not, markup on both sides included
    (***138…***)."""
    stars = _stars_from(text, at, 1 if other < at else -1)
    if stars < _MASKED_REST_STARS or (0 <= other < len(text) and text[other] in _STARS):
        return 0
    return stars


#: The fewest stars that mask a number's rest with no digit after them (two are markdown's bold).
_MASKED_REST_STARS: Final = 3


def _masked_id(f: Finding, text: str, stars: int) -> bool:
    """Whether a reading other than an ID's is the visible part of a masked ID: its digits and
    the stars beside it make an ID's eighteen characters (620102197205****, 14 digits read as a
    card). A whole number with stars for decoration (13812345678***, an ID and ****) stands."""
    if f.entity_type == CN_RESIDENT_ID:
        return False
    return sum(1 for ch in text[f.start : f.end] if ch in _DIGITS) + stars == _ID_LENGTH


def _masked_id_head(f: Finding, text: str, rest_end: int) -> bool:
    """Whether a reading that is the visible part of a masked ID (:func:`_masked_id`) is its head
    and opens as an ID does, a region and a birth date (异常账户（…，35010219510219****）): an ID
    masked, whatever word stands near it (账户 made it a card)."""
    if f.end != rest_end:
        return False
    digits = "".join(ch for ch in text[f.start : f.end] if ch in _ASCII_DIGITS)
    return opens_as_id(digits)


def _mark_classes() -> bytes | None:
    """Class bits per BMP code point for :func:`pii_guard._scan.marks` (the bits its source
    names), from the constants of the seven gates below (the group commas are keypad marks too,
    and the full stop shares their bit: the C pass tests them against :data:`_TWO_GROUP_MARKS`
    itself); None where one of them holds a
    character past the BMP (then the Python gates run)."""
    classed = ((_AREA_MARKS, 1), (_SINGLE_NUMERALS, 2), ("".join(word[0] for word in _REPEAT_WORDS), 4),
               ("".join(_KEYPAD_MARKS) + _FULL_STOP, 8), (_GROUP_SLASHES, 16), (_CLOSING_AREA_BRACKETS, 32), ("".join(_AFTER_AREA_BRACKET), 64),
               ("".join(_DIGITS), 128))
    table = bytearray(0x10000)
    for chars, bit in classed:
        for ch in chars:
            if ord(ch) >= 0x10000:
                return None
            table[ord(ch)] |= bit
    return bytes(table)


def _mark_gates(text: str) -> tuple[int, int, int, int, int, int, int]:
    """Where the gates that open at a mark next to a digit first open (-1: nowhere): an area code
    dotted off, slashed groups, a bracketed area code, a numeral among digits, a digit said twice,
    digits keyed one by one, groups parted by a full-width comma. In one pass of the C scanner where
    it is built (most Chinese texts hold commas and 一 by the dozen, each a Python test for these
    functions)."""
    if _scan is not None and _MARK_CLASSES is not None:
        gates: tuple[int, int, int, int, int, int, int] = _scan.marks(text, _MARK_CLASSES, _REPEAT_WORDS, _TWO_GROUP_MARKS)
        return gates
    return (_area_dot_gate(text), _slash_gate(text), _bracket_gate(text), _single_numeral_gate(text),
            _repeated_gate(text), _keypad_gate(text), _group_comma_gate(text))


#: The places in :func:`_mark_gates`' answer of the gates :func:`_marked_lines` is asked about.
_BRACKET_GATE: Final = 2
_NUMERAL_GATE_AT: Final = 3


def _marked_lines(text: str, first: int, gate: int, before: int) -> list[tuple[int, int]]:
    """Where a pass that reads on from its gate's first mark (``first``) finds what it reads:
    from ``before`` characters before that mark to the end of its line, then each later line
    that holds a mark of the same gate (``gate``: its place in :func:`_mark_gates`' answer),
    each with its line break. One stretch to the end in a text of one line.

    Only for a pass whose every match that it keeps holds its gate's mark and none crosses a
    line break: the lines left out hold nothing it keeps, and cannot change what it matches on
    the others. The next mark is found by the gate's own scan (:func:`_next_mark`), where the
    pass's regex was tried at every character from the first mark on: one numeral beside a
    digit in a letter's first line made the whole letter cost about 200 ns a character."""
    end = text.find("\n", first)
    if end < 0:
        return [(max(0, first - before), len(text))]
    windows = [(max(0, first - before), end + 1)]
    while True:
        mark = _next_mark(text, gate, end + 1)
        if mark < 0:
            return windows
        start = text.rfind("\n", 0, mark) + 1
        end = text.find("\n", mark)
        if end < 0:
            windows.append((start, len(text)))
            return windows
        windows.append((start, end + 1))


def _next_mark(text: str, gate: int, start: int) -> int:
    """Where gate ``gate`` (:data:`_BRACKET_GATE` or :data:`_NUMERAL_GATE_AT`) first opens in
    ``text`` from ``start`` (a line's start) on, or -1; the C scan stops there."""
    if _scan is not None and _MARK_CLASSES is not None:
        gates: tuple[int, int, int, int, int, int, int] = _scan.marks(text, _MARK_CLASSES, _REPEAT_WORDS, _GROUP_COMMAS, start, gate)
        return gates[gate]
    return _bracket_gate(text, start) if gate == _BRACKET_GATE else _single_numeral_gate(text, start)


def _account_not_card(spec: RecognizerSpec, text: str, card: Finding, canon: str, cut: int, ce: int) -> bool:
    """Whether the card ``card``, read from a run whose groups ``canon[cut:ce]`` it leaves out, is
    the head of an account: a negative word labels it, or one more group of four follows it (a
    number of twenty digits grouped in fours) and an account's word that is no card's labels it
    (对方账号, 账户). With no word the card is read (消费 4420 … 9709 0527: a card and its expiry)."""
    verdict, word, distance = spec.context.verdict(text, card.start, card.end)
    if verdict == "negative":
        return True
    if verdict != "positive" or ce - cut != _GROUP_OF_FOUR_APART or not canon[cut + 1 : ce].isdigit() or word is None:
        return False
    label = text[max(0, card.start - distance - len(word) - _LABEL_REACH) : card.start]  # (信用卡账号: a card's account)
    return not any(mark in label for mark in _CARD_WORD_MARKS)


#: One more group of four after its separator (… 0709 1062), and the marks of a card's own word
#: (银行卡, 信用咭, card: not an account's, 账号).
_GROUP_OF_FOUR_APART: Final = 5
_LABEL_REACH: Final = 4
_CARD_WORD_MARKS: Final = ("卡", "咭", "card", "Card", "CARD", "VISA", "Visa", "visa")


def _same_grouping_tail(canon: str, cs: int, cut: int, ce: int) -> bool:
    """Whether ``canon[cut:ce]``, the groups a shorter reading of ``canon[cs:ce]`` left out, are
    groups of three or four set apart as the reading's last group is (:data:`_LAST_GROUP_APART`)."""
    apart = _LAST_GROUP_APART.search(canon, cs, cut)
    if apart is None:
        return False
    sep = apart.group(1)
    at = cut
    while at < ce:
        if not canon.startswith(sep, at):
            return False
        group = _GROUP_OF_TAIL.match(canon, at + len(sep), ce)
        if group is None or (group.end() < ce and canon[group.end()].isdigit()):
            return False
        at = group.end()
    return at == ce


def _group_comma_gate(text: str, start: int = 0, marks: str = _TWO_GROUP_MARKS) -> int:
    """Where a comma of :data:`_GROUP_COMMAS` or a full stop first stands between digits (one or
    two places before it and one or two after: ``024，3119``, ``17拐，545``, ``187。8943``) from
    ``start``, or -1 (``str.find``)."""
    first = -1
    size = len(text)
    for mark in marks:
        i = text.find(mark, start)
        while i >= 0 and (first < 0 or i < first):
            if ((i >= 1 and text[i - 1] in _DIGITS) or (i >= 2 and text[i - 2] in _DIGITS)) and (
                    (i + 1 < size and text[i + 1] in _DIGITS) or (i + 2 < size and text[i + 2] in _DIGITS)):
                first = i
                break
            i = text.find(mark, i + 1)
    return first


def _area_dot_gate(text: str) -> int:
    """Where the first area code dotted or slashed off may end (:data:`_AREA_DOTTED`: a 0 and two
    or three digits, a dot or a slash, a digit 1–9), or -1. Tested at each mark only: amounts hold
    dots, and the regex would try each of their zeros."""
    first = -1
    for mark in _AREA_MARKS:
        i = text.find(mark)
        while i >= 0 and (first < 0 or i < first):
            if i + 1 < len(text) and text[i + 1] in "123456789" and any(
                    i >= width and text[i - width] == "0" and text[i - width + 1 : i].isdigit() and text[i - width + 1 : i].isascii()
                    for width in (3, 4)):
                first = i
                break
            i = text.find(mark, i + 1)
    return first


def _pause_gate(text: str, first: int) -> int:
    """Where the pause gate opens from its first place (``first``, where :data:`_PAUSE_GATE`
    matches), or -1: at an opener of :data:`_WEAK_OPENERS` only where a pause and a digit follow
    (a filler word, 是 or 对 as the next sentence's first word: 13812345678，我对此不满)."""
    for match in _PAUSE_GATE.finditer(text, first):
        opener = match.end() - 1
        if text[opener] not in _WEAK_OPENERS or _PAUSE_THEN_DIGIT.match(text, opener) is not None:
            return match.start()
    return -1


def _single_numeral_gate(text: str, start: int = 0) -> int:
    """Where a numeral of :data:`_SINGLE_NUMERALS` first stands next to an ASCII digit, or -1;
    tested at each such numeral (``str.find``): 一 and 零 occur in most Chinese texts, next to a
    digit almost never."""
    first = -1
    size = len(text)
    for numeral in _SINGLE_NUMERALS:
        i = text.find(numeral, start)
        while i >= 0 and (first < 0 or i < first):
            if (i and text[i - 1] in _ASCII_DIGITS) or (i + 1 < size and text[i + 1] in _ASCII_DIGITS):
                first = i
                break
            i = text.find(numeral, i + 1)
    return first


def _repeated_gate(text: str) -> int:
    """Where a word of :data:`_REPEAT_WORDS` first stands between an ASCII digit and another
    (138两个0…), or at a run's start before a digit, or -1 (``str.find``)."""
    first = -1
    size = len(text)
    for word in _REPEAT_WORDS:
        i = text.find(word)
        while i >= 0 and (first < 0 or i < first):
            after = i + len(word)
            if after < size and text[after] in _ASCII_DIGITS and (after + 1 < size and text[after + 1] in _ASCII_DIGITS
                                                                   or (i and text[i - 1] in _ASCII_DIGITS)):
                first = i
                break
            i = text.find(word, i + 1)
    return first


def _keypad_gate(text: str) -> int:
    """Where a mark of :data:`_KEYPAD_MARKS` first parts two single digits (1,3,8 …: one digit
    before it, a space or not, a digit and the same mark after), or -1 (``str.find``)."""
    first = -1
    size = len(text)
    for mark in _KEYPAD_MARKS:
        i = text.find(mark, 1)
        while i >= 0 and (first < 0 or i < first):
            j = i + 2 if i + 1 < size and text[i + 1] == " " else i + 1
            if (text[i - 1] in _ASCII_DIGITS and (i < 2 or text[i - 2] not in _ASCII_DIGITS)
                    and j + 1 < size and text[j] in _ASCII_DIGITS and text[j + 1] == mark):
                first = i
                break
            i = text.find(mark, i + 1)
    return first


_MARK_CLASSES: Final = _mark_classes()


#: The lengths of a whole card or ID (16 and 19 digits, 18 characters): one its check proves
#: before a break is not read on into the next line's index (a 15-digit head passes Luhn too).
_WHOLE_LENGTHS: Final = frozenset((16, 18, 19))
#: Digits at a line's start, a column's gap, then a date (:data:`_DATE_OR_TIME`'s row index).
_DIGITS_THEN_DATE: Final = re.compile(f"({_DIGIT}{{1,4}}){_INDEX_GAP}{_YEAR_THEN_MARK}")
#: Two spaces or more: a space-aligned table's gap between columns, wider than a group's.
_COLUMN_SPACES: Final = re.compile(f"[{_GROUP_SPACES}]{{2,}}")
_GROUP_OF_FOUR_OR_THREE: Final = re.compile(f"{_DIGIT}{{3,4}}")


def _column_cut(text: str, begin: int, stop: int, after: int, end: int) -> tuple[int, int]:
    """The head ``text[begin:stop]`` before a line break and the run ``text[after:end]`` after it,
    cut where a space-aligned table's row wraps inside a cell (花名册: 曾文明   411322⏎195308298136
    6221…   745.05; …  6227002241244 ⏎3647   1.38): a gap of two spaces or more is the columns',
    not a group's. The run ends at its first such gap where the head opens a cell (such a gap before
    it) or holds one itself, or where a date follows the gap (电话：1576646⏎3853  2025.9.18); the
    head starts after its last one where the run ends at one or at the line's end. A number
    grouped with double spaces throughout (6222  0212⏎3456  7890) keeps its gaps."""
    head_gap = None
    for head_gap in _COLUMN_SPACES.finditer(text, begin, stop):
        pass
    tail_gap = _COLUMN_SPACES.search(text, after, end)
    if (head_gap is not None or tail_gap is not None) and all(
            _GROUP_OF_FOUR_OR_THREE.fullmatch(group) is not None
            for part in (text[begin:stop], text[after:end]) for group in _COLUMN_SPACES.split(part.strip())):
        return begin, end  # (groups of three or four parted by double spaces throughout: one number's)
    if tail_gap is not None and tail_gap.start() - after < 2:
        tail_gap = None  # (one digit before the gap: a row's index there, or the run goes on as it was read)
    if head_gap is not None and tail_gap is not None:
        return head_gap.end(), tail_gap.start()
    if tail_gap is not None and (
            (begin >= 2 and text[begin - 1] in _GROUP_SPACES and text[begin - 2] in _GROUP_SPACES)
            or _DATE_OR_TIME.match(text, tail_gap.end()) is not None):
        return begin, tail_gap.start()
    if head_gap is not None and (end == len(text) or text[end] in _TRAILING_SPACE):
        return head_gap.end(), end
    return begin, end


def _after_stamp(text: str, begin: int, stop: int) -> int:
    """Where a number's head before a line break can start in ``text[begin:stop]``: after a time's
    seconds or minutes (02:34:05) or a date (2022-06-01, 2023/9/14) that the stretch opens with,
    which end a chat message's or a log line's stamp; -1 where nothing but the stamp is left."""
    if (begin >= 2 and text[begin - 1] in ":：" and text[begin - 2] in _DIGITS
            and begin + 2 <= stop and text[begin + 1] in _DIGITS and (begin + 2 == stop or text[begin + 2] not in _DIGITS)):
        # the minutes or seconds of a time: two digits after a colon and a digit (a numbered
        # label's 联系人1：138… has more)
        begin += 2
    elif _DATE_OR_TIME.match(text, begin) is not None:
        while begin < stop and text[begin] not in _GROUP_SPACES:
            begin += 1
    elif stop - begin <= 2 and _DATE_BEFORE_DAY.search(text, max(0, begin - _DATE_BEFORE_DAY_REACH), begin) is not None:
        return -1  # the day of a date the head was cut from (a CSV row's 2024/07/04⏎7789…: the next row's code)
    else:
        return begin
    while begin < stop and text[begin] not in _DIGITS:
        begin += 1
    return begin if begin < stop else -1


#: A date's year and month, then the mark before its day (2024/07/, 2023-9-).
_DATE_BEFORE_DAY: Final = re.compile("(?:19|20)[0-9]{2}([-/.])[01]?[0-9]\\1\\Z")
_DATE_BEFORE_DAY_REACH: Final = 8


def _before_stamp_line(text: str, after: int, end: int) -> int:
    """``end``, or where the run ``text[after:end]`` read across line breaks must stop: before a
    break whose next line opens with a date or a time (the next chat message, a log line) or a
    compact time stamp (20230306103224)."""
    i = text.find("\n", after, end)
    while i >= 0:
        j = i + 1
        while j < end and text[j] in _GROUP_SPACES:
            j += 1
        if _DATE_OR_TIME.match(text, j) is not None or _TIMESTAMP.match(text, j) is not None:
            while i > after and text[i - 1] not in _DIGITS and text[i - 1] not in "XxＸ":
                i -= 1
            return i
        i = text.find("\n", i + 1, end)
    return end


def _bracket_gate(text: str, start: int = 0) -> int:
    """Where :data:`_BRACKETED_AREA` may first match (at most six characters before), or -1: a
    closing bracket after a digit with a space or a dash after it, tested at each closing bracket
    (``str.find``): a bracket closes a remark in most texts that hold one."""
    first = -1
    for mark in _CLOSING_AREA_BRACKETS:
        i = text.find(mark, max(1, start))
        while i >= 0 and (first < 0 or i < first):
            if i + 1 < len(text) and text[i + 1] in _AFTER_AREA_BRACKET and text[i - 1] in _DIGITS:
                first = i
                break
            i = text.find(mark, i + 1)
    return first


def _slash_gate(text: str) -> int:
    """Where :data:`_SLASH_GATE` first matches, or -1: a slash, three to eight digits, a slash, a
    digit. Tested at each slash only (``str.find`` runs at memchr speed): most texts with a slash
    hold a date or a URL, and a regex search would test a character class at every character."""
    first = -1
    n = len(text)
    for mark in _GROUP_SLASHES:
        i = text.find(mark)
        while i >= 0 and (first < 0 or i < first):
            j = i + 1
            while j < n and text[j] in _DIGITS:
                j += 1
            if 3 <= j - i - 1 <= 8 and j + 1 < n and text[j] in _GROUP_SLASHES and text[j + 1] in _DIGITS:
                first = i
                break
            i = text.find(mark, i + 1)
    return first


def _holds_all(text: str, marks: str) -> bool:
    """Whether ``text`` holds each character of ``marks`` (a loop, not a generator: compiled code
    makes a generator an object a call)."""
    for mark in marks:
        if mark not in text:
            return False
    return True


def _area_then_number(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_AREA_THEN_NUMBER` in ``text``, in order, each looked for only around
    one of :data:`_AREA_THEN_NUMBER_WORDS` with a digit a few marks before it."""
    found: dict[int, re.Match[str]] = {}
    size = len(text)
    for first in _AREA_THEN_NUMBER_FIRSTS:
        at = text.find(first)
        while at >= 0:
            # the area code's last digit a few marks before the word (0571，座机号, 0431（区号）):
            # looked for with the regex only then
            j = at - 1
            while j >= 0 and at - j <= _AREA_GAP_MARKS and text[j] in _AREA_GAP_CHARS:
                j -= 1
            if j >= 2 and text[j] in _DIGITS and text.startswith(_AREA_THEN_NUMBER_WORDS, at):
                lo = max(0, at - _AREA_BEFORE_WORD)
                match = _AREA_THEN_NUMBER.search(text, lo, min(size, at + _AREA_AFTER_WORD))
                if match is not None and match.start() < at:
                    found.setdefault(match.start(), match)
            at = text.find(first, at + 1)
    return [found[k] for k in sorted(found)]


def _holds_any(text: str, keyed: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether ``text`` holds one of the words of ``keyed``, pairs of a key and the words that hold
    it (none: the key is the word): the keys first (short, quick to find), the words only where
    their key occurs."""
    for key, words in keyed:
        if key in text and (not words or any(word in text for word in words)):
            return True
    return False


def _wide_dot_in(text: str) -> bool:
    """Whether ``text`` holds a dot other than the ASCII one (．, ·, ・, ･)."""
    for dot in _WIDE_DOTS:
        if dot in text:
            return True
    return False


def _numerals_in(text: str) -> bool:
    """Whether ``text`` holds a run of numerals or look-alike digits (the numeral gate matches): by
    the C scanner's rare-forms gate where it is built (a text with no ASCII digit has no OCR
    letter between two), which tests a class a character where re's class of astral ranges is
    five times slower."""
    if _scan is not None and len(text) > 64:  # a short value: the regex costs less than the call
        return _scan.scan(text, _CHAR_CLASSES, MAX_CANDIDATE_DIGITS + 1, 0)[1] >= 0  # type: ignore[no-any-return]
    return _NUMERAL_GATE.search(text) is not None


def _source_span(begin: int, index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map ``canon[start:end]`` of a candidate folded from ``text[begin:…]`` back to ``text``.

    ``index`` is the fold's offset map (``None`` when folding dropped nothing); the end maps
    through the last character kept, so a dropped zero-width character after it stays outside.
    """
    if index is None:
        return begin + start, begin + end
    return begin + index[start], begin + index[end - 1] + 1


def _same_speaker(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``parts`` up to the first that a turn's head alone parts from the one before it and that
    another speaker says (no agent's acknowledgement between: not the same number)."""
    begin = parts[0][0]
    speaker = _SPEAKER.match(text, text.rfind("\n", 0, begin) + 1, begin)
    for k in range(1, len(parts)):
        if _TURN_HEAD_ONLY.fullmatch(text, parts[k - 1][1], parts[k][0]) is None:
            continue
        later = _SPEAKER.match(text, text.rfind("\n", 0, parts[k][0]) + 1, parts[k][0])
        if speaker is None or later is None or later.group("who").strip() != speaker.group("who").strip():
            return parts[:k]
    return parts


def _turn_gate(text: str, start: int = 0) -> int:
    """Where the first line from ``start`` on that ends with a digit or a numeral (a space or a
    comma after it or not) ends, or -1: what :data:`_ACK_TURN` needs first. Tested at each line
    break only."""
    i = text.find("\n", start)
    while i >= 0:
        j = _before_turn_marks(text, i)
        if j > 0 and text[j - 1] in _TURN_DIGIT_SET:
            return i
        i = text.find("\n", i + 1)
    return -1


def _before_turn_marks(text: str, end: int) -> int:
    """Where the spaces and commas before ``end`` (a line break) begin."""
    while end > 0 and text[end - 1] in " \u3000，,。…\r":
        end -= 1
    return end


#: The line breaks a match of :data:`_ACK_TURN` may cross after the first part's (at most three
#: between two parts: a header, an acknowledgement, the next header; _MOST_TURN_PARTS - 1 times),
#: the one its look-ahead may see at its end, and one to spare.
_TURN_BREAKS: Final = 3 * (_MOST_TURN_PARTS - 1) + 1


def _turns_read_over(text: str) -> list[re.Match[str]]:
    """:data:`_ACK_TURN`'s matches, as ``finditer`` from the first line its gate opens finds them,
    searched only before each agent's acknowledgement line that follows a line ending in a digit
    and is followed by a turn that opens with one.

    Each match's first part ends such a line (its marks after it, then the break), the agent's
    acknowledgement and the next part's first digit follow (:data:`_ACK_THEN_PART`), and the match
    runs over at most :data:`_TURN_BREAKS` more breaks: so it opens where a run of digits opens,
    at most :data:`_TURN_REACH` characters before that line's digits end, and nowhere else. Those
    places are the line breaks after a line that ends in a digit, where :data:`_ACK_THEN_PART`
    matches (tested there only: it tries a chat header's sender, which costs at every break, and
    run from the first line that ends in a digit to the text's end, the whole regex was tried at
    every character: a long chat export or letter cost ~80 ns a character more)."""
    matches: list[re.Match[str]] = []
    first = _turn_gate(text)
    if first < 0:
        return matches
    pos = max(0, first - _TURN_REACH)
    gate = first
    while gate >= 0:
        digits_end = _before_turn_marks(text, gate)
        if (gate >= pos and digits_end > 0 and text[digits_end - 1] in _TURN_DIGIT_SET
                and _ACK_THEN_PART.match(text, gate) is not None):
            match = _turn_read_over(text, gate, digits_end, pos)
            if match is not None:
                matches.append(match)
                pos = match.end()
        gate = text.find("\n", gate + 1)
    return matches


def _turn_read_over(text: str, gate: int, digits_end: int, pos: int) -> re.Match[str] | None:
    """:data:`_ACK_TURN`'s match whose first part ends at ``digits_end`` (its line's break at
    ``gate``), opening at ``pos`` or after, if any: it opens where a digit or numeral has none
    before it (the regex's own first test), tried in order as ``finditer`` tries them, and runs
    over at most :data:`_TURN_BREAKS` breaks after the gate."""
    stop = gate
    for _ in range(_TURN_BREAKS):
        stop = text.find("\n", stop + 1)
        if stop < 0:
            break
    end = len(text) if stop < 0 else stop + 1
    for at in range(max(pos, digits_end - _TURN_REACH), digits_end):
        if text[at] in _TURN_DIGIT_SET and (at == 0 or text[at - 1] not in _TURN_DIGIT_SET):
            match = _ACK_TURN.match(text, at, end)
            if match is not None:
                return match
    return None


def _inside(text: str, char: str) -> bool:
    """Whether ``char`` (a line break, a tab) occurs before the last character that is not a space:
    a line read from a file ends with a break that nothing follows, and no number runs across it."""
    last = len(text) - 1
    while last >= 0 and text[last] in _TRAILING_SPACE:
        last -= 1
    return text.find(char, 0, last) >= 0


def _cells_are_values(text: str, start: int, end: int) -> bool:
    """Whether the tab-separated cells of ``text[start:end]`` read as values of their own: one
    holds more digits than a group does (尾号⇥参考号), or each holds one digit (a row of counts,
    1⇥8⇥1⇥8⇥6…)."""
    digits = [sum(ch in _DIGITS for ch in cell) for cell in text[start:end].split("\t")]
    return max(digits) > _LONGEST_CELL_GROUP or (len(digits) > 2 and max(digits) == 1)


def _boxes_end(text: str, begin: int, end: int) -> int:
    """Where the one-digit groups ``text[begin:end]`` end as a number: before their last digit
    where a wider gap of spaces parts it and it goes on as a date or a count (联系电话：1 3 2 7 1 0 4 7
    1 4 3  6月25号: the month is no box of the mobile), else at ``end``."""
    last = end - 1
    gap = last
    while gap > begin and text[gap - 1] in _GROUP_SPACES:
        gap -= 1
    first = begin + 1
    while first < end and text[first] in _GROUP_SPACES:
        first += 1
    if (gap < last and last - gap > first - begin - 1 and text[gap - 1] in _DIGITS
            and _GOES_ON_AFTER_A_TAIL.match(text, end) is not None):
        return gap
    return end


def _one_digit_groups(piece: str) -> bool:
    """Whether ``piece`` holds seven or more digits and no two of them side by side (one a box).
    A zero-width character is no box's edge: digits it parts are side by side to a reader (a
    number broken so against scrapers, 1\u200b5\u200b3…, is no form)."""
    count = 0
    previous = False
    for ch in piece:
        if ch in _ZERO_WIDTH_SET:
            continue
        digit = ch in _DIGITS
        if digit and previous:
            return False
        count += digit
        previous = digit
    return count >= 7


_ZERO_WIDTH_SET: Final = frozenset(ZERO_WIDTH)
#: A zero-width or control character, a run of them (see :meth:`Detector._apart_at_invisibles`).
_INVISIBLE: Final = re.compile(f"[{_ranges(ZERO_WIDTH)}]+")
#: The fewest characters a piece between them is read from: a landline's seven digits.
_FEWEST_APART: Final = 7
#: The marks between a file's records and units (U+001C-U+001F): where two numbers are cut first.
_RECORD_SEPARATORS: Final = frozenset("\x1c\x1d\x1e\x1f")
#: How many single cuts are tried (a crafted run of invisible characters stays linear).
_MOST_CUTS_TRIED: Final = 4


def _column_before(text: str, begin: int, end: int) -> bool:
    """Whether ``text[begin:end]`` ends in a run of one to eight digits (an amount's integer part)
    set off from digits before it by a column's gap: tabs or spaces (a hyphen joins groups)."""
    k = end
    while k > begin and text[k - 1] in _DIGITS:
        k -= 1
    if not 0 < end - k <= _LONGEST_CELL_GROUP:
        return False  # 11 digits before a point are no amount of money (+86 138….2: a list mark)
    gap = k
    while gap > begin and text[gap - 1] in _COLUMN_GAP:
        gap -= 1
    return begin < gap < k and text[gap - 1] in _DIGITS


#: A value that is a decimal number and nothing else (a sign, an exponent and spaces around allowed),
#: as a double prints: seventeen significant digits at most (5.110101199003074573 is a list item's
#: ID), and not a mobile's eleven digits after the mark (2.13975253093: a list item's phone is read).
_DECIMAL_VALUE: Final = re.compile(r"\s*[-+]?[0-9]\.(?!1[3-9][0-9]{9}(?![0-9]))[0-9]{1,16}(?:[eE][-+]?[0-9]{1,3})?\s*")


def _list_mark(text: str, at: int) -> bool:
    """Whether the digit at ``at`` (before a ".") numbers a list item (2.138…, 5.1101…), not a decimal.

    One digit from 1 to 9 with no digit or dot before it: "0.138…" and "12.138…" stay fractions,
    and so does a value that is one decimal number and nothing else (a rate printed at full
    precision, 2.4654772905330358, in a CSV cell, a JSON number, a Parquet float read as text).
    """
    if _DECIMAL_VALUE.fullmatch(text) is not None:
        return False
    if text[at] in "123456789" and (at == 0 or (text[at - 1] not in _DIGITS and text[at - 1] not in _DOTS)):
        return True
    # … or a list's number of two or three digits opening a line or a chat message's text (after its
    # sender's name and colon, or a CSV's comma), the line before or after it holding the item
    # numbered next to it (a 接龙 list's 79. 1536…⏎80.1876…, 向日葵:60.1666…⏎61、1819…; not a year's
    # four, 2024., nor a coordinate's or a reading's degrees, 23.1310…⏎113.1510…)
    digits = _run_of_digits(text, at, -1, _LINE_LIST_MARK_DIGITS + 1)
    first = at - digits + 1
    lead = first - _run_of_digits(text, first - 1, -1, first, _INDENT)
    if digits > _LINE_LIST_MARK_DIGITS or text[first] == "0" or (lead > 0 and text[lead - 1] not in _BEFORE_A_LIST_NUMBER):
        return False
    number = int(text[first : at + 1])
    line = text.rfind("\n", 0, first) + 1
    before = text.rfind("\n", 0, line - 1) + 1 if line else -1
    after = text.find("\n", at)
    return ((before >= 0 and _numbered_in(text, before, line, number - 1))
            or (after >= 0 and _numbered_in(text, after + 1, _line_end(text, after + 1), number + 1)))


#: What may stand before a list's number inside a line: a chat message's sender and its colon, a
#: CSV's comma (and a line break, which opens one).
_BEFORE_A_LIST_NUMBER: Final = frozenset("\n:：,，")
#: The marks after a list's number (79. , 81、, 12), 74 …).
_LIST_NUMBER_MARKS: Final = ".．、)） \t"


def _numbered_in(text: str, lo: int, hi: int, number: int) -> bool:
    """Whether ``text[lo:hi]`` (a line) holds ``number`` as a list's number: followed by one of
    :data:`_LIST_NUMBER_MARKS` and opening the line or after a space, a colon or a comma."""
    if number <= 0:
        return False
    written = str(number)
    for mark in _LIST_NUMBER_MARKS:
        i = text.find(written + mark, lo, hi)
        while i >= 0:
            if i == lo or text[i - 1] in " \t\u3000:：,，":
                return True
            i = text.find(written + mark, i + 1, hi)
    return False


def _line_end(text: str, at: int) -> int:
    """Where the line holding ``text[at]`` ends (its line break, or the text's end)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


#: What indents a line (before a list's number).
_INDENT: Final = frozenset(" \t\u3000")
#: The most digits of a list's number that opens a line before its dot (999.; not a year, 2024.).
_LINE_LIST_MARK_DIGITS: Final = 3


def _another_cell_after(text: str, at: int) -> bool:
    """Whether the line goes on from ``at`` with a bar and then a cell with something in it."""
    line_end = _line_end(text, at)
    bars = [i for i in [text.find(bar, at, line_end) for bar in _TABLE_BARS] if i >= 0]
    return bool(bars) and any(not ch.isspace() and ch not in _TABLE_BARS for ch in text[min(bars) : line_end])


def _crosses_seam(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` runs across a line break or a tab, and across none that a date
    or a time follows (there a new message or cell begins), but to the digits before the date."""
    crosses = False
    for seam in ("\n", "\t"):
        i = text.find(seam, start, end)
        while i >= 0:
            j = i + 1
            while j < end and (text[j] in _GROUP_SPACES or text[j] in _TABLE_BARS or text[j] in _QUOTE_MARKS):
                j += 1
            if _DATE_OR_TIME.match(text, j) is not None:
                index = _DIGITS_THEN_DATE.match(text, j)
                if index is None or end > index.end(1):
                    return False  # (not where it ends on the digits before the line's date: 1552713⏎7840  2019年…)
            crosses = True
            i = text.find(seam, i + 1, end)
    return crosses


def _raw_end(text: str, index: list[int], start: int, end: int) -> int:
    """The raw end of a decoded finding ``decoded[start:end]`` (``index`` maps decoded offsets to
    raw ones): before what decodes to nothing after its last character (``…3245</em>``: the
    closing tag stays outside), in an RTF document where its last character's token ends (…5678}:
    a group's brace, \\cf0 after it, stay outside)."""
    if text[0] != "<" and rtf.is_rtf(text):
        return rtf.raw_end(text, index[end - 1])
    trailing = TRAILING_NOTHING.search(text, index[start], index[end])
    return trailing.start() if trailing is not None else index[end]


_CDATA_OPEN: Final = "<![CDATA["
_CDATA_CLOSE: Final = "]]>"


def _whole_sections(text: str, start: int, end: int) -> tuple[int, int]:
    """A decoded finding's raw span taking in the other mark of an XML CDATA section it holds one
    mark of (``<![CDATA[622202]]>1234567890128``: the span opens at its digits, inside the
    section, and ends after it), and the text of the section between where it holds no digit (a
    label: <![CDATA[手机138]]>…): the value that replaces the span then leaves no section open or
    closed that was not, and the document stays well-formed. Over another number it is not
    widened: that number's own replacement must show it (the XML may then not parse: fail closed)."""
    if "]]>" not in text[start:end] and "<![" not in text[start:end]:
        return start, end
    span = text[start:end]
    if span.rfind(_CDATA_CLOSE) > span.rfind(_CDATA_OPEN) or (_CDATA_CLOSE in span and _CDATA_OPEN not in span):
        # a section that opens before the span closes in it: the span takes in its opening mark,
        # and the text in the section before the number (<![CDATA[手机138]]>1234 5678)
        lead = text.rfind(_CDATA_OPEN, 0, start)
        if lead >= 0 and text.find(_CDATA_CLOSE, lead, start) < 0 and not ANY_DIGIT.search(text, lead, start):
            start = lead  # not over another number in the section: its own mask must show it
    span = text[start:end]
    if span.rfind(_CDATA_OPEN) > span.rfind(_CDATA_CLOSE):
        # one that opens in the span closes after it: its closing mark and the text before it too
        tail = text.find(_CDATA_CLOSE, end)
        if tail >= 0 and text.find(_CDATA_OPEN, end, tail) < 0 and not ANY_DIGIT.search(text, end, tail):
            end = tail + len(_CDATA_CLOSE)
    return start, end


#: One inline tag of those decoding reads as nothing between digits (normalise.INLINE_TAG_NAMES):
#: whether it closes, its name, whether it closes itself.
_INLINE_ELEMENT_TAG: Final = re.compile(r"<(/?)(" + "|".join(sorted(INLINE_TAG_NAMES, key=len, reverse=True))
                                        + r")(?:\s[^<>]{0,80}?)?(/?)>", re.IGNORECASE)
#: How far before a span the tags it closes are looked for.
_ELEMENT_TAG_REACH: Final = 200


def _whole_elements(text: str, start: int, end: int) -> tuple[int, int]:
    """A decoded finding's raw span taking in the tags of the inline elements it holds one tag of
    (客户手机<b>172</b>-6004-9403: the span opens at its digits, inside the element, and closes it):
    the opening tags before it of the elements it closes, the closing tags after it of those it
    opens, where no digit stands between. A token that replaces the span then leaves no element
    open or closed that was not, and XML stays well-formed (as :func:`_whole_sections` does for
    CDATA sections). Over another number it is not widened: that number's own replacement must
    show it (the XML may then not parse: fail closed)."""
    if "<" not in text[start:end]:
        return start, end
    opened: list[str] = []  # elements the span opens and does not close, innermost last
    closed: list[str] = []  # elements the span closes that opened before it, innermost first
    for tag in _INLINE_ELEMENT_TAG.finditer(text, start, end):
        name = tag.group(2).lower()
        if tag.group(3) or name in VOID_TAG_NAMES:
            continue  # <b/>, <wbr>: closes itself
        if not tag.group(1):
            opened.append(name)
        elif opened and opened[-1] == name:
            opened.pop()
        else:
            closed.append(name)
    lo, hi = start, end
    for name in closed:
        before = [m for m in _INLINE_ELEMENT_TAG.finditer(text, max(0, lo - _ELEMENT_TAG_REACH), lo) if m.end() <= lo]
        if (not before or before[-1].group(1) or before[-1].group(3) or before[-1].group(2).lower() != name
                or ANY_DIGIT.search(text, before[-1].start(), lo) is not None):
            return start, end  # (nor over a tag whose attributes hold digits: a number of its own may be there)
        lo = before[-1].start()
    for name in reversed(opened):
        after = _INLINE_ELEMENT_TAG.search(text, hi)
        if (after is None or not after.group(1) or after.group(2).lower() != name
                or ANY_DIGIT.search(text, hi, after.end()) is not None):
            return start, end
        hi = after.end()
    return lo, hi


def _starts_inside_escape(text: str, decoded: str, index: list[int], at: int) -> bool:
    """Whether a raw reading starting at ``text[at]`` starts inside an escape, so that the escape's
    own characters were read into it: the ``n`` of ``\\n`` or the ``u7bb1`` of ``\\u7bb1`` before an
    address, the hex of an escaped byte of a multi-byte character (码 is %E7%A0%81: "81303…" after
    it is the escape's 81 and an invoice code, no card). Not a percent escape of one ASCII byte:
    ``50%13812345678`` is a percentage and a phone, which the raw reading keeps."""
    k = bisect_left(index, at)
    if k == 0 or (k < len(index) and index[k] == at):
        return False  # a decoded character starts here: not inside an escape
    opening = index[k - 1]
    if text[opening] not in "%=":
        return True
    return not decoded[k - 1].isascii()


def _escaped_digit_beside(text: str, decoded: str, index: list[int], start: int, end: int) -> bool:
    """Whether the decoding of ``text`` put a digit right before or after ``text[start:end]``, a
    span it copied unchanged, where the raw text has none (``%31``, ``&#49;``, ``\\u0031``)."""
    at = bisect_left(index, start)
    last = at + end - start
    after = last < len(decoded) and decoded[last] in _DIGITS and (end >= len(text) or text[end] not in _DIGITS)
    before = at > 0 and decoded[at - 1] in _DIGITS and (start == 0 or text[start - 1] not in _DIGITS)
    return after or before


def _unchanged(index: list[int], start: int, end: int) -> bool:
    """Whether decoding copied ``raw[start:end]`` through unchanged (no escape inside it).

    ``index`` maps decoded offsets to raw ones and is strictly increasing, so the span is
    unchanged exactly when both of its ends are images of decoded offsets ``end - start`` apart.
    """
    at = bisect_left(index, start)
    last = at + end - start
    return at < len(index) and index[at] == start and last < len(index) and index[last] == end


def _digits_after_starts(canon: str) -> list[tuple[int, int]]:
    """``(start, digits from there to the end)`` for each place a number can start (one pass).

    A start is a digit, "+" or "(" with no digit or Latin letter right before it; what counts as
    a digit is any character but the separators, marks and extension words in ``_NOT_COUNTED``.
    One loop over the characters: a regex with a lookbehind tries a match at every digit.
    """
    starts: list[tuple[int, int]] = []  # (start, characters counted before it)
    counted = 0
    glued = False  # whether the character before is a digit or a Latin letter
    for i in range(len(canon)):
        ch = canon[i]
        if not glued and ch in _START_CHARS:
            starts.append((i, counted))
        if ch not in _NOT_COUNTED:
            counted += 1
        glued = ch in _GLUING
    return [(start, counted - before) for start, before in starts]


def _ends_before(canon: str, start: int, ends: set[int]) -> bool:
    """Whether a reading in ``ends`` stops right before ``start``, only separators between."""
    return any(start - k in ends and canon[start - k : start].strip(" -") == "" for k in (1, 2, 3))


def _in_url_path(text: str, at: int) -> bool:
    """Whether ``text[at]`` is in the path of a URL: after a host (a scheme and "://" before it, or
    not: tousu.sina.com.cn/complaint/view/…) and a "/", with no space, query ("?", "=", "&") or
    fragment between. A cheap test first: a "/" must stand in the run of URL characters before it."""
    lo = max(0, at - _URL_REACH)
    slash = text.rfind("/", lo, at)
    if slash < 0 or _URL_PATH_CHARS.fullmatch(text, slash, at) is None:
        return False
    return _URL_UP_TO_PATH.search(text, lo, at) is not None


#: An IBAN as printed (ISO 13616): a country's two letters, two check digits, then groups of four
#: letters or digits and a shorter last group. (Not written without its spaces: ID110101… is a label
#: and an ID.) Its lookbehind follows the first letter, so that re skips to capitals at C speed.
_IBAN: Final = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z][0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?(?![A-Za-z0-9])")
#: How far before a candidate an IBAN's head is looked for (its first groups).
_IBAN_REACH: Final = 32
_IBAN_CHARS: Final = iban.CHARACTERS
_LONGEST_IBAN: Final = max(iban.LENGTHS.values())


def _in_unspaced_iban(text: str, begin: int, end: int) -> bool:
    """Whether the digits ``text[begin:end]`` lie in an IBAN written without its spaces
    (账号DE09106339741970215957。, IBAN:GB29NWBK60161331926819): the run of capitals and digits
    around them, whole, is one by its country's length and its check digits (:mod:`iban`)."""
    lo = begin
    while lo > 0 and text[lo - 1] in _IBAN_CHARS and end - lo < _LONGEST_IBAN:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] in _IBAN_CHARS and hi - lo < _LONGEST_IBAN:
        hi += 1
    if (lo and text[lo - 1] in _IBAN_CHARS) or (hi < len(text) and text[hi] in _IBAN_CHARS):
        return False  # (a longer run of capitals and digits than any IBAN)
    return iban.is_valid(text[lo:hi])
#: A UUID (8-4-4-4-12 hex digits: deviceId=f26b7906-0080-ec27-8e15-935325424dba), whose digits are
#: no one's number however they fall (8e15-935325424d read as a mobile); looked for only where a
#: candidate touches a hex letter or a hyphen, or holds three hyphens (a UUID's; a phone's groups
#: have two).
_UUID: Final = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])")
_HEX_LETTERS: Final = frozenset("abcdefABCDEF")
_UUID_LENGTH: Final = 36
_HEX_CHARS: Final = frozenset("0123456789abcdefABCDEF")
#: The fewest characters of a hex token read as a hash (an MD5 has 32, a SHA-1 40, an ETag 16 and up;
#: a code of a few hex letters glued to a number, abc13812345678, is shorter).
_SHORTEST_HASH: Final = 16


def _letter_among_digits(text: str, lo: int, hi: int) -> bool:
    """Whether a hex letter of the token ``text[lo:hi]`` stands between its digits, as a hash's
    letters are spread through it (…c54ed, a6a1b612c…); not letters only at its head or its tail,
    a code's or a note's glued to a number (AC6222…, a6222…)."""
    first = last = -1
    for k in range(lo, hi):
        if text[k] in _DIGITS:
            if first < 0:
                first = k
            last = k
    return any(text[k] in _HEX_LETTERS for k in range(first + 1, last)) if first >= 0 else False


def _in_hex_token(text: str, begin: int, end: int) -> bool:
    """Whether ``text[begin:end]`` lies inside a token of hex digits only, of a hash's length and
    with a hash's letters, that no other letter or digit adjoins (a Chinese character may: 哈希c27309fd…)."""
    lo, hi, size = begin, end, len(text)
    if any(text[k] not in _HEX_CHARS for k in range(begin, end)):
        return False  # a reading that goes on past the token (DD8685…0970，洞二洞 六八…: numerals after it)
    while lo > 0 and text[lo - 1] in _HEX_CHARS:
        lo -= 1
    while hi < size and text[hi] in _HEX_CHARS:
        hi += 1
    return (hi - lo >= _SHORTEST_HASH and (lo == 0 or not (text[lo - 1].isascii() and text[lo - 1].isalnum()))
            and (hi == size or not (text[hi].isascii() and text[hi].isalnum()))
            and _letter_among_digits(text, lo, hi))
#: How far back a URL's host is looked for; the fewest characters before a number in a URL's path.
_URL_REACH: Final = 256
_SHORTEST_URL_HEAD: Final = len("a.cn/")
#: What a URL's path holds up to a number in it (no space, "?", "=", "&" or "#").
_URL_PATH_CLASS: Final = r"[A-Za-z0-9\-._~%!$'()*+,;:@/\[\]]*"
_URL_PATH_CHARS: Final = re.compile(_URL_PATH_CLASS)
#: A URL up to a place in its path: a scheme or not, a host with a dot and a top-level label (or
#: an IP address), a port, then a "/" and the path's characters to the end.
_URL_UP_TO_PATH: Final = re.compile(r"(?<![A-Za-z0-9\-.@])(?:[A-Za-z][A-Za-z0-9+.\-]*://)?(?:[A-Za-z0-9\-]+\.)+"
                                    r"(?:[A-Za-z]{2,24}|[0-9]{1,3})(?::[0-9]{1,5})?/" + _URL_PATH_CLASS + r"\Z")


#: A folded candidate grouped as an ID is written: 6-8-4, the last group ending in its check character.
_ID_GROUPING: Final = re.compile("[0-9]{6}[ -]{1,3}(?:19|20)[0-9]{6}[ -]{1,3}[0-9]{3}[0-9Xx]?")


def _one_number_grouping(canon: str) -> bool:
    """Whether ``canon`` is four or more groups of one size (three digits or more), as long as a
    card in all (14–19 digits): one number as a card or an account is printed, not two side by side."""
    groups = _DIGIT_GROUPS.findall(canon)
    if len(groups) < 4 or len(groups[0]) < 3 or any(len(g) != len(groups[0]) for g in groups):
        return False
    return cn_bank_card.MIN_LENGTH <= len(groups) * len(groups[0]) <= cn_bank_card.MAX_LENGTH


def _groups_before(canon: str, start: int) -> int:
    """How many groups as long as the one at ``start`` come right before it (0, 1, or 2 for more).

    Groups are joined by one to three separators and hold up to six digits. A group of one or two
    digits after one of its size counts as deep (2): dates and times are written that way
    (Screenshot_2023-11-15-14-23-45-123), and no number starts there.
    """
    if start < 2 or canon[start - 1] not in _GROUP_JOINS:
        return 0
    size = _run_of_digits(canon, start, 1, _LONGEST_GROUP + 1)  # the group at the start (one more: longer than any)
    if size == 0:
        return 0
    if (size > 2 and canon[start - 1] == " " and start + size < len(canon) and canon[start + size] == "-"
            and _run_of_digits(canon, start + size + 1, 1, _LONGEST_GROUP + 1) != size):
        return 0  # joined on by a hyphen after a space to a longer group: an area code, a number of its own (尾号2041 0351-35002733)
    count = 0
    while count < 2 and start >= 2 and canon[start - 1] in _GROUP_JOINS:
        joins = 1
        while joins < 4 and start - joins > 0 and canon[start - joins - 1] in _GROUP_JOINS:
            joins += 1
        if joins > 3:
            break
        group = _run_of_digits(canon, start - joins - 1, -1, _LONGEST_GROUP + 1)
        if group == 0 or group > _LONGEST_GROUP or group != size:
            break
        count += 1
        start -= joins + group
        if size <= 2:
            return 2
    return count


#: The area codes, without their trunk 0 (10, 21, 755 …).
_AREA_CODES: Final = AREA_CODES_2 | AREA_CODES_3


def _inside_hyphened_code(canon: str, start: int) -> bool:
    """Whether the group at ``start`` follows two groups or more all joined by single hyphens
    (保单号2010-440100-181-15373208: a policy's year, branch and serial; also a file's date,
    身份证-2023-05-12-5101…, and an address's building, unit and room, 3-2-501-1836…)."""
    at = start - 1
    for _ in range(2):
        if at < 1 or canon[at] != "-":
            return False
        group = _run_of_digits(canon, at - 1, -1, _LONGEST_GROUP + 3)
        if group == 0:
            return False
        at -= group + 1
    return True


_MOBILE_3_4_4: Final = re.compile("1[3-9][0-9]-[0-9]{4}-[0-9]{4}")


def _split_in_code(canon: str, start: int, end: int, finding: Finding) -> bool:
    """Whether a reading from ``start`` to ``end`` inside such a code is split across its groups
    (181-15373208: a mobile's shape 3-8; 053-22840405: no area code of three digits), not one
    group whole, an area code and its line (024-30046363) nor a mobile typed 3-4-4."""
    first = _run_of_digits(canon, start, 1, end - start)
    if start + first >= end:
        return False
    if finding.entity_type != CN_PHONE_NUMBER:
        return True
    if canon[start] == "0":
        return canon[start + 1 : start + first] not in _AREA_CODES
    return _MOBILE_3_4_4.fullmatch(canon, start, end) is None  # (7-2-302-158-1234-9876: a mobile typed 3-4-4)


def _run_of_digits(canon: str, at: int, step: int, most: int, digits: frozenset[str] = _ASCII_DIGITS) -> int:
    """How many ``digits`` (ASCII ones unless given) run from ``at`` in direction ``step`` (+1 or -1),
    counting up to ``most``."""
    n = 0
    while n < most and 0 <= at < len(canon) and canon[at] in digits:
        n += 1
        at += step
    return n


#: the last group of digits of a finding (its subscriber number, for a landline)
_LAST_GROUP: Final = re.compile(f"{_DIGIT}+\\Z")
#: every group of digits (of a finding)
_DIGIT_RUNS: Final = re.compile(f"{_DIGIT}+")
#: after a listed number (or a short group read on into a card), what makes it something else: a
#: full-width digit, a mask or a decimal point (a longer or masked number), a unit (an amount or a
#: count, a date: …，12345678元, … 9月5日)
_NOT_AFTER_LISTED: Final = frozenset(FULLWIDTH_DIGITS + "*＊.．%％元块塊圆圓万萬亿億笔筆次个個件份张張条條年月日天号號")


_YYYYMMDD: Final = "(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
#: A date where a listed line would be (…转123、20240315): no subscriber number is one.
_LISTED_DATE: Final = re.compile(_YYYYMMDD)
#: A date after a comma (，20231115), which a list of lines does not hold.
_DATE_AFTER_COMMA: Final = re.compile(f"[ \u3000]?[，,；;][ \u3000]?{_YYYYMMDD}")


def _list_join(joins: Sequence[str]) -> re.Pattern[str]:
    """A join of a list (longest first) with a space allowed on each side, then a run of digits."""
    spelled = "|".join(re.escape(j) for j in sorted(joins, key=len, reverse=True))
    return re.compile(f"[ \u3000]?(?:{spelled})[ \u3000]?({_DIGIT}+)")


