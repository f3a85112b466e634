"""Context words in a character window around a candidate — no segmentation.

Chinese is not split into words, so Presidio's token-based context enhancer
never sees ``身份证`` inside ``身份证号码为``. Here each recognizer compiles
its positive and negative words into one alternation, longest first, and looks
for them in a window of characters around the candidate. The nearest word
*before* the number decides: ``卡号6222…`` boosts, ``订单号 6222…`` penalises,
and in ``卡号：…，订单号 6222…`` the nearer ``订单号`` wins. A word with
another number (five digits or more) between it and the candidate belongs
to that number and is ignored. A positive word shortly *after* the number (``13812345678（手机）``)
boosts too.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from typing import Any, Final, Iterator, Literal

from pii_guard.normalise import SCANNER

Verdict = Literal["positive", "negative", "none"]
#: Another value between a word and the candidate: five digits or more, also written with marks
#: between them (订单号2023-11-15 14:30，我用6222…: the word labels the date, not the card;
#: 12,345.67), so that 身份证号（15位）or 尾号1234 do not cut a word off from its number.
_NUMBER: Final = re.compile("[0-9\uff10-\uff19](?:[-/.:,， ]?[0-9\uff10-\uff19]){4}"
                            "|[0-9\uff10-\uff19]{2}[*＊]{3}")  # a masked number too (卡号6258****2808、商户号…)
#: A date or a time of day (2023-01-29 09:11:10, [00:01:55]): the head of a chat message or of a
#: line of a call transcript between a word and the number that answers it (手机号码是多少？⏎[00:01:55]
#: 客户：我的是176…), which no entity's word labels, so it does not cut the word off.
_CLOCK: Final = re.compile("(?=[0-9])(?<![0-9])(?:[0-9]{4}([-/])[0-9]{1,2}\\1[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
                           "|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)(?![0-9])")
#: A negative word (订单号, 客户号 …) is cut off by any digit between it and the candidate: the label's
#: own short value sits there (客户号：C123，张三 138…; 合同编号HT2023⏎…⏎6222…), and a number the
#: word does not label must not lose its score to it. (A positive word keeps the rule above: 尾号1234.)
ANY_DIGIT: Final = re.compile("[0-9\uff10-\uff19]")
#: The head of a value that holds a number as its tail, right before it: six digits or more and a
#: hyphen (拼多多's order numbers: 241222-624449082716197, a date and fifteen digits), groups of
#: four and a space (流水号 2024 0762 8118 0669: the tail is no landline), zeros (保单号0811…:
#: a fixed-width field's padding, read off by the detector, is the labelled value's own), a code's
#: letters and its parts joined by hyphens (合同编号HT-2025-1894…, 单号NO.2025-1894…, 编号ZD-1732…),
#: or a year and a hyphen (合同号2025-1894…).
_VALUE_HEAD: Final = re.compile("(?:[0-9]{6,}-|(?:[0-9]{4} )+|0+|[A-Za-z]{1,8}[0-9A-Za-z]*(?:[-_.][0-9A-Za-z]+)*[-_]"
                                "|(?:19|20)[0-9]{2}[-_])\\Z")
#: What may stand between a label and its value: the label's own marks (号, 码, a colon, spaces).
_LABEL_MARKS: Final = re.compile("[号號码碼:：#＃=\\s]*")


def _value_start(text: str, word_end: int, start: int) -> int:
    """Where the value that opens right after a label (at ``word_end``) begins, if the candidate
    at ``start`` is its tail behind a head of digits and a hyphen (订单号：241222-6244…); else
    ``start``. Not behind a country code (订单号0086-138…: the code is the phone's)."""
    head = _VALUE_HEAD.search(text, max(word_end, start - 24), start)
    if head is None or _LABEL_MARKS.match(text, word_end, head.start()).end() != head.start():  # type: ignore[union-attr]
        return start
    if text[start - 1] == " " and start - head.start() == 5 and (
            _FOUR_DIGITS.match(text, start) is None or _CARD_OF_FOURS.match(text, start) is not None):
        # after one group of four, a run of another length, or groups of four as long as a card,
        # is a value of its own (工号1522 15266723586, 客户编号9039 6214 8561 7454 9554: the
        # clerk's or the customer's number, then a mobile or a card); groups of four that go on
        # shorter are the value's tail (流水号 2024 0762 8118 0669)
        return start
    return head.start()


#: A group of four digits, no more; groups of four as many as a card's sixteen digits or more.
_FOUR_DIGITS: Final = re.compile("[0-9]{4}(?![0-9])")
_CARD_OF_FOURS: Final = re.compile("[0-9]{4}(?: [0-9]{4}){3}")
#: After a word: label characters (号, 码, colon, space …, or the rest of a parameter name and
#: "=": acctNo=…), or the last digits it names (卡号后四位), and then a digit.
#: Two labels, then their values in the same order (手机号及订单号分别是138…和2023…; 卡号、合同号
#:如下：6228…，6335…): what stands between the second label and the first value, …
_RESPECTIVE_WORDS: Final = ("分别", "分別", "依次")  # (then 是 or 为, or not)
_AS_LISTED: Final = "如下"
_RESPECTIVE_MARK: Final = re.compile(f"(?:(?:{'|'.join(_RESPECTIVE_WORDS)})(?:是|为|為)?|{_AS_LISTED})\\s*[:：]?\\s*")
#: The first characters of those marks: where none stands before a number, no mark does.
_RESPECTIVE_FIRSTS: Final = tuple(sorted({word[0] for word in (*_RESPECTIVE_WORDS, _AS_LISTED)}))
#: How far before a number such a mark is looked for (the first value and what joins it to the second).
_RESPECTIVE_REACH: Final = 64
#: The longest label looked for before the mark.
_LONGEST_LABEL: Final = 10
#: … what joins the two labels (a label's 号 or 码 may stand after its word: 银行卡号和…), …
_JOINS: Final = "以及|和|及|与|與|、|跟|或"
_ANY_JOIN: Final = re.compile(_JOINS)
_LABEL_JOIN: Final = re.compile(f"(?:{_JOINS})$")
#: … a label's own 号 or 码 after its word, …
_LABEL_TAIL: Final = re.compile("[号號码碼]{0,2}")
#: … and the first value and what stands after it, before the second.
_FIRST_VALUE: Final = re.compile("[0-9\uff10-\uff19Xx（）()+ \\-]{5,40}?\\s*(?:和|及|与|與|、|，|,|；|;|/)\\s*")
#: What may stand between a label and its value: its 号 or 码, a colon, 是 or 为, the dot of a Latin
#: abbreviation (Policy No. 6222…; a sentence's end, 订单号. 138…, is no gap), and nothing else (a
#: sentence between them makes the word no label).
_LABEL_GAP: Final = re.compile("(?<=[A-Za-z])\\.?[号號码碼:：#＃=\\s是为為]*[A-Za-z]{0,4}|[号號码碼:：#＃=\\s是为為]*[A-Za-z]{0,4}")  # and the value's own letters (订单号是T8110…)
#: Words and a clause's end between a label and a number (订单号忘了，138…, 保单号不记得了，6222…):
#: the label's value is not what follows.
_CLAUSE_BETWEEN: Final = re.compile("[^0-9\n]*[\u3400-\u9fff][^0-9\n]*[，,。；;！!？?]\\s*")
#: A clause that ends after a negative word and another that begins, before the number (保单号一直
#: 没收到，有事打138…; 保单号没收到，钱从6217…扣的): the word is what the first clause is about, and the
#: second says what the number is. Not a question that asks for the value (保单号是多少？⏎客户：…: the
#: number answers it; a yes-or-no question asks for none: 保单号对吗？有事打我138…), nor a clause that
#: ends in a colon (a speaker's label; 订单号如下，请核实：…: it introduces the value).
_NEW_CLAUSE: Final = re.compile("[^0-9\\n]*(?:[，,。；;！!]|[吗嗎吧][？?])\\s*(?![^0-9]*[:：]\\s*\\Z)[^0-9]*?[\\u3400-\\u9fff][^0-9]*\\Z")
#: A verb of sending or calling between a negative word and the number (受理号请发到138…, 订单号
#: 有问题请致电138…, 保单号不对就打我 138…): the number is where to send or whom to call, not the identifier.
_CONTACT_BETWEEN: Final = re.compile("发到|发至|发送到|发送至|发给|寄到|打给|打到|拨打|致电|联系|回电|回复|短信|打我|找我|加我|打这个|"
                                     "發到|發至|發送到|發送至|發給|撥打|致電|聯繫|聯絡|回電|回覆|簡訊|打這個")
#: What a card's word opens with, and a kind of card's ends with (公交卡 + 卡号).
_CARD_HEADS: Final = ("卡", "咭")
#: What joins the two kinds one label names (账号/保单号, 手机号或保单号, 卡号、保单号), or says they are
#: one (手机号即会员号, 手机号就是客户号, 手机号（会员号）): the first label's own 号 or 码 may stand before it.
_EITHER_JOIN: Final = re.compile("[号號码碼]{0,2}\\s*(?:/|／|\\||或者?|、|or|[（(]?(?:即为|即為|亦即|也即|即|就是|也是)|[（(])\\s*")
#: What ends a label's first part before a word it names second (卡号和密码, 账号/密码, 信用卡号密码, 用户名 密码):
#: that word (context.right_before_only) labels nothing then; how far back it is looked for.
_NAMES_TWO_BEFORE: Final = re.compile("(?:[号號码碼户戶名]|ID|id)[ \t\u3000]*(?:和|及|与|與|跟|以及|/|／|、|或|\\|)?[ \t\u3000]*\\Z")
_NAMES_TWO_REACH: Final = 6
#: How far after a number a word may stand to name it over such a word before it, or the bracket it
#: may stand in, opened right after the number (订单：165…（收货人电话）).
_NAMES_RIGHT_AFTER: Final = 2
_IN_A_BRACKET_AFTER: Final = re.compile("[ \u3000]?[（(][^（()）\n]{0,6}")
#: A negation right before a negative word (（非保单号）, 不是订单号, 而非…): the word labels nothing.
#: Not 非 at the end of a word (南非订单号) nor the 不是 of a question (是不是订单号).
_NEGATED: Final = re.compile("(?:(?<![\\u3400-\\u9fff])非|(?<!是)不是|并非|並非|而非|not )\\Z")


def _negated(text: str, at: int) -> bool:
    """Whether a negation ends right before the word at ``at`` (:data:`_NEGATED`); most words have
    none, told by the one character before them."""
    return at > 0 and text[at - 1] in "非是 " and _NEGATED.search(text, max(0, at - 3), at) is not None
#: A negative word's own value when the field is empty (订单号：无 138…, 保单号：暂无，…): the word labels
#: that, not the number after it. Not a dash (订单号 - X: a label parted from its value).
_NO_VALUE: Final = re.compile("[号號码碼]{0,2}[ \u3000]*[:：]?[ \u3000]*(?:无|無|暂无|暫無|没有|沒有|N/A|n/a|null|NULL|None)"
                              "[ \u3000]*[ \u3000，,；;。、|｜\t\n]")
#: A word after the number that names it: in a bracket that opens right after it, the word alone or
#: said to be it (138…（手机）, 138…（即本人手机号）; not （非手机号）, （客户手机已停机）), or in the clause that
#: says what it is (138…，这是我手机), …
_NAMED_AFTER: Final = re.compile("[ \u3000]*(?:[（(](?:即|亦即|就是|也是|是|为|為|同)?(?:本人|我|其|他|她)?的?"
                                 "|[，,][ \u3000]*(?:(?:这|這|此|它)(?:个|個)?(?:就|也)?(?:是|为|為)|即为|即為|也即|亦即|即|也就是|就是)"
                                 "(?:我|本人)?的?)")
#: An aside in brackets between a label and its value (卡号（我记得是这个，可能有一位记错了）6216…,
#: 订单编号（就是APP里那个很长的）…): a note about the value, no distance from its label.
_ASIDE: Final = re.compile("[（(][^（()）0-9\n]{1,40}[)）]")
#: A statement's end and a line break after it.
_SENTENCE_ENDS_LINE: Final = re.compile("[。！!][ \t\u3000]*\r?\n")
#: A line of words that a negative word does not end (…+保单号+卡号⏎), and a later line whose own
#: words stand before the number (维权律师王主任138…: a chat's sender named with a mobile): the number's
#: line says what it is. Not a line that asks (保单号是多少？⏎), nor words that introduce the value
#: (客户：…, 我的是…: they answer the line before).
_HAN: Final = re.compile("[\u3400-\u9fff]")
_ASKS: Final = ("?", "？")
_INTRODUCES: Final = ("是", "为", "為")


def _own_line_words(text: str, word_end: int, start: int) -> bool:
    """Whether the negative word ending at ``word_end`` has more words after it on its line and the
    number at ``start`` has words of its own before it on a later line (see above)."""
    row_start = text.rfind("\n", word_end, start) + 1
    if row_start == 0:
        return False
    rest = text[word_end : text.find("\n", word_end)].rstrip()
    lead = text[row_start:start].rstrip()
    return (_HAN.search(rest) is not None and not rest.endswith(_ASKS)
            and _HAN.search(lead) is not None and not lead.endswith(_INTRODUCES)
            and "：" not in lead and ":" not in lead)
#: A Latin word between an English label and a number (N/A too: the label's value is missing).
_LATIN_WORD: Final = re.compile("[A-Za-z]{2,}|[Nn]/[Aa]")


#: … and such an aside as all there is between a label and its value (IMEI (lost phone) 3558…,
#: 订单编号（就是APP里那个很长的）：…): the label labels the value all the same. Not an aside that
#: says the value is missing (订单号（无）, Ticket # (none)), holds a clause (订单号（暂无，联系人）)
#: or says where something went (保单号（寄到）): the word before it or none decides there.
_ASIDE_GAP: Final = re.compile("[号號码碼\\s]*[（(](?!\\s*(?:暂无|暫無|无|無|没有|沒有|忘了|丢了|丟了|N/A|n/a|none|None|lost|unknown)\\s*[)）])"
                                "[^（()）0-9\\n，,、；;]{1,40}(?<![到给給至])[)）][号號码碼:：#＃=\\s是为為]*")


def _distance(text: str, word_end: int, start: int) -> int:
    """How far a label ending at ``word_end`` stands from the value at ``start``, asides in
    brackets between them not counted (a letter's writer explains the number before giving it)."""
    if text.find("（", word_end, start) < 0 and text.find("(", word_end, start) < 0:
        return start - word_end
    return start - word_end - sum(m.end() - m.start() for m in _ASIDE.finditer(text, word_end, start))


#: What joins a number to the word right after it that names it (…353为串号, …是IMEI号): a copula; a
#: space alone does not (张三 186… 订单号 DD…: a record's next field).
_IS_NAMED: Final = re.compile("[ \u3000]?(?:是|为|為|即)[ \u3000]?")
#: … and nothing after that word but its 号 or 码 (联系电话, 联系方式: 联系 the word) and the bracket's or
#: the clause's end.
_NAME_ENDS: Final = re.compile("(?:电话|電話|方式)?[号號码碼]{0,2}(?:[)）。，,；;！!？?\\s]|\\Z)")
#: What may follow a header cell's word in its cell: its 号 or 码, a note in brackets, other labels
#: joined to it (订单号/流水号), a colon; no more words (订单号未填 is a row's text, no header).
_CELL_LABEL_TAIL: Final = re.compile("[号號码碼]{0,2}[)）]?\\s*(?:[（(][^（()）]{0,10}[)）])?\\s*(?:[/／、|｜][^/／、|｜\\n]{1,8})*[:：]?\\s*")
#: Words that only say "number", whatever it numbers.
_ONLY_NUMBER: Final = frozenset({"号码", "號碼"})
#: What parts the cells of a row (a drawn, markdown or tab-separated table).
_CELL_BETWEEN: Final = re.compile("[|｜│┃\t]|</?t[dh]\\b", re.IGNORECASE)
#: A key after a word, in a key's syntax (a JSON key's closing quote and colon, key=value): the word
#: names the value after it, whatever that is. (Not prose's colon: …，手机：本人 says what the number is.)
_KEY_OF_ITS_OWN: Final = re.compile("[号號码碼]{0,2}(?:[\"'][ \t]*:|[ \t]*=)")
_LABELS_NEXT: Final = re.compile("[号號码碼:：\\s是为為（(#＃=A-Za-z_]*(?:[后後末][四六]位[是为為:：\\s]*)?[0-9\uff10-\uff19]")


#: Past this length a word list is joined as it is (the trie is built by recursion, a level a character).
_LONGEST_TRIE_WORD = 200


#: What an OCR'd or hand-laid-out form puts between the characters of a label (保  单  号：,
#: 身 份 证 号, 账    号：, a two-character label spaced out to a four-character one's width): up to
#: four spaces between two characters of a word, after a Han character (the C matcher's MOST_GAPS).
WORD_GAPS: Final = " \u3000"
MOST_WORD_GAPS: Final = 4
_GAP: Final = f"[{WORD_GAPS}]{{0,{MOST_WORD_GAPS}}}"


def _runs_on(text: str, end: int) -> bool:
    """Whether a word ending at ``end`` ends in an ASCII letter that another ASCII letter follows,
    or in 打 (to call: 有事打138…, 您打这个, 拨打了) that makes another word with what follows (打款,
    打算, 打印: 请您打款至…, no call)."""
    if not 0 < end < len(text):
        return False
    last = text[end - 1]
    return (last in _ASCII_LETTERS and text[end] in _ASCII_LETTERS) or (last == "打" and text[end] in _AFTER_DA_NO_CALL)


#: How far a qualifying label may stand before the account word it qualifies (a bank's branch
#: between: 对公账户：中国工商银行深圳福田支行，账号…), and what ends the field between them: a value's
#: digit, a sentence's end, a line break, or a person the account is said to be (不要转对公账户，转我账户…,
#: 转到我的个人账号, 患者家属), or an empty value (暂无).
_QUALIFIER_REACH: Final = 24
_NOT_IN_ONE_FIELD: Final = re.compile("[0-9０-９。！？!?；;\n我本个個私他她你您患属屬无無]")  # (…，患者家属银行账号; 资金专户：暂无，…)
#: … save one line break right after the label, the account word opening the next line (an
#: account's fields one per line: its name, then its number).
_NEXT_LINE: Final = re.compile("[ \t\u3000]*\r?\n[ \t\u3000]*")
#: What makes 打 another word than "call" (打款, 打算, 打印, 打开, 打折, 打卡, 打包, 打扫, 打字, 打车).
_AFTER_DA_NO_CALL: Final = frozenset("款算印开開折卡包扫掃字车車扰擾")


def _runs_into(text: str, start: int) -> bool:
    """Whether a word starting at ``start`` opens with an ASCII letter that another ASCII letter
    comes before, but at a camel-case word's start (a lower-case letter, then a capital)."""
    if not 0 < start < len(text) or ord(text[start]) > 0x7A:  # (most words are Han: one comparison)
        return False
    first, before = text[start], text[start - 1]
    return first in _ASCII_LETTERS and before in _ASCII_LETTERS and not (before.islower() and first.isupper())


_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


#: The most gap characters in a row that a word may hold wherever it opens (保  单  号); more only in a
#: word of two characters where no Han character stands right before it (账    号, a two-character
#: label spaced to a four-character one's width): a form's cells are spaced so too (姓名：赵文学    号码：…
#: is no 学号, 类型：订单    号码：… no 订单号).
_CELL_GAP: Final = re.compile(f"[{WORD_GAPS}]{{3}}")
#: The length past which a found word may hold such a run (its characters and three gaps at least).
_WIDE_WORD: Final = 4


def _spread_across_cells(text: str, start: int, end: int) -> bool:
    """Whether the word found at ``text[start:end]`` holds three gap characters in a row and is no
    two-character label spaced out on its own (it opens right after a Han character, or holds more
    characters): the end of one cell joined to the next cell's label."""
    return (end - start > _WIDE_WORD and _CELL_GAP.search(text, start, end) is not None
            and ((start > 0 and "\u3400" <= text[start - 1] <= "\u9fff") or len(spelled(text[start:end])) > 2))


def spelled(word: str) -> str:
    """A word as a context list spells it: the gaps after its non-ASCII characters taken out
    (the space of ``Policy No`` is the word's own)."""
    for gap in WORD_GAPS:
        if gap in word:
            break
    else:
        return word
    kept: list[str] = []
    for ch in word:
        if ch in WORD_GAPS and kept and not kept[-1].isascii():
            continue
        kept.append(ch)
    return "".join(kept)


def word_trie(words: list[str], gaps: bool = False) -> str:
    """A regex that matches, wherever one of ``words`` starts, the longest word there.

    The same matches as the words longest first joined by ``|``, but written as a trie:
    ``银行(?:卡|账)?`` rather than ``银行卡|银行账|银行``. ``re`` tries the branches of an
    alternation one by one; with a hundred words, each place a word could start cost a hundred
    tries (about a fifth of the detector's time on grouped numbers), and in a trie only the
    branches of the characters actually there are followed. The branches at a node start with
    different characters, so at most one of them can go on, and an optional group is greedy:
    the deepest word end the text reaches is the match, which is the longest word.

    ``gaps``: a word may also be spaced out after each of its non-ASCII characters (see
    :data:`WORD_GAPS`); :func:`spelled` gives the listed word back from such a match.

    >>> word_trie(["银行卡", "银行账", "银行", "卡号"])
    '(?:卡号|银行(?:卡|账)?)'
    >>> import re
    >>> re.compile(word_trie(["ab", "abcd"])).match("abce").group()
    'ab'
    >>> spelled(re.compile(word_trie(["保单号", "保单"], gaps=True)).match("保  单  号：").group())
    '保单号'
    """
    words = [w for w in words if w]  # an empty word would match everywhere; the loader refuses them
    if max(map(len, words), default=0) > _LONGEST_TRIE_WORD:
        # deeper than the recursion below should go (no context word is this long): as listed
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def rest(node: dict, gap: str) -> str:  # type: ignore[type-arg]
        # ``gap`` goes inside each branch, so that spaces after a word's last character are
        # never taken when no longer word goes on there
        branches = [(gap + re.escape(ch), rest(child, _GAP if gaps and not ch.isascii() else ""))
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) > 1:
            body = "(?:" + "|".join(first + after for first, after in branches) + ")"
        elif branches[0][1] or gap:
            body = branches[0][0] + branches[0][1]
            if "" in node:
                body = "(?:" + body + ")"
        else:
            body = branches[0][0]  # one character: "?" applies to it alone
        return body + "?" if "" in node else body

    return rest(trie, "")


#: A trie as :func:`pii_guard._scan.words` reads it: nodes, edges, the bitmap of first characters.
TrieTables = tuple[bytes, bytes, bytes]


def trie_tables(words: list[str], gaps: bool = False) -> TrieTables | None:
    """The words as flat tables for the C matcher, which finds what :func:`word_trie`'s regex
    finds (``None`` where it could not: a word with a gap character right after a Han one).

    Nodes are numbered breadth first, the root 0; each node is (first edge, edge count, flags:
    1 a word ends here, 2 gaps may come next); each edge (code point, child), sorted within a node.
    """
    if array("I").itemsize != 4:  # pragma: no cover - no such platform in use
        return None
    trie: list[dict[str, int]] = [{}]
    ends = [False]
    via_han = [False]
    for word in words:
        if not word:
            continue
        node = 0
        for ch in word:
            child = trie[node].get(ch)
            if child is None:
                if gaps and via_han[node] and ch in WORD_GAPS:
                    return None  # a gap character the regex would read as a gap, not as the word's
                child = len(trie)
                trie[node][ch] = child
                trie.append({})
                ends.append(False)
                via_han.append(gaps and not ch.isascii())
            node = child
        ends[node] = True
    nodes, edges = array("I"), array("I")
    for node, children in enumerate(trie):
        nodes.extend((len(edges) // 2, len(children), (1 if ends[node] else 0) | (2 if via_han[node] else 0)))
        for ch in sorted(children, key=ord):
            edges.extend((ord(ch), children[ch]))
    firsts = bytearray(0x10000 // 8)
    for ch in trie[0]:
        if ord(ch) < 0x10000:
            firsts[ord(ch) >> 3] |= 1 << (ord(ch) & 7)
    # a first character past the bitmap is tried at every place the matcher cannot rule it out
    return nodes.tobytes(), edges.tobytes(), bytes(firsts)


_scan: Final = SCANNER  # the C module's word matcher (pii_guard.normalise.SCANNER), or None


def _native_trie(words: list[str]) -> object | None:
    """The C matcher's trie of the words, checked once here (None: no words, no C module, or
    words only the regex reads)."""
    if not words or _scan is None:
        return None
    tables = trie_tables(words, gaps=True)
    return _scan.trie(*tables, WORD_GAPS) if tables is not None else None


#: What separates cells in a row of an export: TSV, CSV, a markdown or text table.
_CELL_SEPARATORS: Final = ("\t", ",", "|")
#: Separators of exports that prose uses as well (姓名;银行卡号;合同号, 手机  工号  订单号): a table only
#: where the word's line is a header (short cells; no digit, no label's colon, no sentence's end:
#: not 您好，我的订单号： nor 麻烦您报一下身份证号码，好吗) and holds as many of them as the number's
#: row; a full-width comma, which any sentence has, only between three cells or more.
_PROSE_CELL_SEPARATORS: Final = (";", "；", "，", "  ")
_HEADER_CELL: Final = 10
_NOT_A_HEADER: Final = re.compile("[0-9\uff10-\uff19:：。？！?!]")
#: Columns set apart by spaces (a fixed-width export) are as wide as their text: any run of two or more.
_SPACE_RUN: Final = re.compile("  +")
_TAB: Final = re.compile("\t")


def _cells(line: str, sep: str) -> list[str]:
    """The cells of a line split at ``sep`` (a run of spaces is one)."""
    return _SPACE_RUN.split(line) if sep == "  " else line.split(sep)


def _separators(text: str, sep: str, lo: int, hi: int) -> int:
    """How many ``sep`` stand in ``text[lo:hi]``, a run of spaces counted once."""
    return len(_SPACE_RUN.findall(text, lo, hi)) if sep == "  " else text.count(sep, lo, hi)


def _line_separators(text: str, sep: str, lo: int, hi: int) -> int:
    """:func:`_separators` of the whole line ``text[lo:hi]``, counted once per text and separator.

    Every number of a row asks about its own line and the lines above it (:func:`_tsv_header`):
    counted again for each, a long line of a multi-line text cost its length per number on it."""
    counts = _kept_for(text, _LINE_SEPARATORS_LAST)
    key = (sep, lo)
    count: int | None = counts.get(key)
    if count is None:
        count = counts[key] = _separators(text, sep, lo, hi)
    return count


def _kept_for(text: str, slot: list[tuple[str | None, dict[Any, Any]]]) -> dict[Any, Any]:
    """The answers ``slot`` keeps for ``text``: a function asked many times about one text (once
    for each number in it) keeps its last text and its answers there, a new dict for a new text.
    The tuple is read and replaced whole: a thread never pairs another's text and answers."""
    last = slot[0]
    if last[0] is not text:
        last = (text, {})
        slot[0] = last
    return last[1]


#: :func:`_line_separators`' last text, and its counts by (separator, line start).
_LINE_SEPARATORS_LAST: Final[list[tuple[str | None, dict[Any, Any]]]] = [(None, {})]


#: The bars between the cells of a drawn or markdown table.
_TABLE_BARS: Final = "|│┃"
#: A thousands separator between digits (44,537.00), and how many commas a CSV header line holds at
#: least (three columns): "客户投诉订单号丢失,要求回电" above a number is a sentence, not a header.
_THOUSANDS: Final = re.compile(",(?<=[0-9],)[0-9]{3}(?![0-9])")  # the comma first: re finds it at memchr speed
THOUSANDS_COMMA: Final = re.compile(",(?<=[0-9],)(?=[0-9]{3}(?![0-9]))")  # an amount's (43,830.81): no cell's mark
_CSV_HEADER_COMMAS: Final = 2
#: Each separator of the lines of a table export, as a regex of one (a run of spaces is one).
_SEPARATOR_RUNS: Final = {"\t": _TAB, ",": re.compile(","), "  ": _SPACE_RUN, **{bar: re.compile(re.escape(bar)) for bar in _TABLE_BARS}}
#: A line between a table's rows that holds no cells: ├──┼──┤, |---|:--|, +----+.
_TABLE_RULE: Final = re.compile("[\\s|│┃─━┄┈┼┬┴├┤┌┐└┘╋╂┠┨┯┷═╪╞╡╔╗╚╝╠╣╦╩╬+:-]*")
#: How many lines above a row its table's header is looked for (a table pasted into a ticket is short),
#: and how far into its line a cell may start (past that the line is prose, not a row).
_HEADER_REACH: Final = 60
_ROW_REACH: Final = 400


def table_column(text: str, at: int, bars: str = _TABLE_BARS) -> int:
    """The column of a drawn or markdown table that ``text[at]`` is in: the bars before it on its line."""
    line_start = text.rfind("\n", 0, at) + 1
    return _bars(text, line_start, at, bars)


def _bars(text: str, lo: int, hi: int, bars: str = _TABLE_BARS) -> int:
    """How many of a table's ``bars`` stand in ``text[lo:hi]``."""
    return sum(text.count(bar, lo, hi) for bar in bars)


def _lines_above(text: str, line_start: int) -> Iterator[tuple[int, int]]:
    """The start and end of each line above the one that starts at ``line_start``, nearest first,
    as far up as a table's header is looked for."""
    pos = line_start
    for _ in range(_HEADER_REACH):
        if pos == 0:
            return
        above = text.rfind("\n", 0, pos - 1) + 1
        yield above, pos - 1
        pos = above


def _tsv_header(text: str, at: int, line_start: int, aligned: bool = True) -> tuple[int, int] | None:
    """The header cell above ``text[at]`` in a block of lines split by tabs, or else by a drawn
    table's bars (its first column, which no bar opens), commas (a CSV export) or runs of spaces
    (a fixed-width export): the first of the lines above it split into as many cells as its own,
    when that line holds no digit (a header, not a row). In a CSV the nearest such line above
    rows that all hold the cell's column, of three columns at least: an amount's thousands commas
    (44,537.00), unquoted, add cells after it (before it, no column can be told)."""
    if line_start == 0:
        return None  # no line above: the common case, one line of prose
    line_end = text.find("\n", at)
    if line_end < 0:
        line_end = len(text)
    if _line_separators(text, "\t", line_start, line_end):
        seps: tuple[str, ...] = ("\t",)
    else:
        seps = tuple(sep for sep in (*_TABLE_BARS, ",", "  ") if _line_separators(text, sep, line_start, line_end))
    for sep in seps:
        # the cell's column: for a CSV now (its rows are told by it), else once a header is found
        # (counted for every number of every row, it cost each a scan of its line)
        column = _separators(text, sep, line_start, at) if sep == "," else -1
        if sep == "," and _THOUSANDS.search(text, line_start, at) is not None:
            continue  # an amount's thousands comma before the cell: its column cannot be told
        cells = _line_separators(text, sep, line_start, line_end)
        header = -1
        # every line so far of two cells, and rows of them: a two-column export (订单号,手机号), not a
        # line of prose over one line (客户投诉订单号丢失,要求回电⏎138…,客户本人)
        pairs = cells == 1
        rows = 1 + (cells == 1 and _two_cell_row(text, line_end + 1))
        for above, end in _lines_above(text, line_start):
            count = _line_separators(text, sep, above, end)
            if sep == ",":
                if count < max(column, 1):
                    break  # no such column there, or no commas: no table
                if ANY_DIGIT.search(text, above, end) is None:
                    # a line of prose has a comma or so: one of two short cells over rows of two heads them
                    two = (pairs and rows >= 2 and count == 1
                           and all(0 < len(c.strip()) <= _TWO_CELL_HEADER for c in text[above:end].split(",")))
                    # and, ``aligned``, a row of more cells than its header's had one split the
                    # header's did not (2023-01-02,10:11:12 for 交易时间), and one of fewer lost one
                    # or was wrapped (an e-mail's 76 columns: …,许鸣燕,⏎6282…,浦发银行…): its commas
                    # tell no column. Not the commas of an amount's thousands after the cell (…,张伟,
                    # 44,537.00, or a count and a price that read as one: …,2,150.00): they may move
                    # no column before them.
                    after = len(THOUSANDS_COMMA.findall(text, at, line_end))
                    header = above if (count >= _CSV_HEADER_COMMAS or two) and (not aligned or cells - after <= count <= cells) else -1
                    break
                pairs = pairs and count == 1
                rows += 1
                continue
            if count != cells and not (sep == "\t" and count > cells):
                break  # (a row copied out of a spreadsheet may drop its empty cells at the end: fewer tabs, the same columns)
            header = above
        if header < 0:
            continue
        header_end = text.find("\n", header)  # (a line above: it ends in a break)
        if aligned and sep == "\t" and _line_separators(text, sep, header, header_end) != cells:
            # a row of fewer cells than its header (a spreadsheet's row that lost a cell in the
            # middle: 2⇥何秀晓⇥1663…⇥45254 under 行号⇥收款人⇥保单号码⇥联系电话…): which column a cell is
            # in, counting tabs cannot tell; a header then marks one of ours, never vetoes one
            return None
        if column < 0:
            column = _separators(text, sep, line_start, at)
        if sep == "," and _inside_quoted_cell(text, header_end + 1, line_start):
            return None  # the line goes on a quoted cell of a row above (a cell with a line break): its column is not its commas'
        if ANY_DIGIT.search(text, header, header_end) is not None:
            return None
        bounds = [header] + [b for m in _SEPARATOR_RUNS[sep].finditer(text, header, header_end)
                             for b in (m.start(), m.end())] + [header_end]
        return (bounds[2 * column], bounds[2 * column + 1]) if 2 * column + 1 < len(bounds) else None
    return None


#: The longest cell of a two-column CSV header (订单号,手机号; 联系电话,备注).
_TWO_CELL_HEADER: Final = 6


def _two_cell_row(text: str, start: int) -> bool:
    """Whether the line at ``start`` is a row of two cells holding a digit."""
    if start <= 0 or start >= len(text):
        return False
    end = text.find("\n", start)
    if end < 0:
        end = len(text)
    return text.count(",", start, end) == 1 and ANY_DIGIT.search(text, start, end) is not None


def _inside_quoted_cell(text: str, start: int, end: int) -> bool:
    """Whether the CSV rows ``text[start:end]`` leave a quoted cell open, as a CSV reader reads
    them: a quote opens a cell only at its start (after a comma or a line break), ``""`` inside
    one is a quote, and one elsewhere is text (显示器27")."""
    inside = False
    i = text.find('"', start, end)
    while i >= 0:
        if inside:
            if i + 1 < end and text[i + 1] == '"':
                i = text.find('"', i + 2, end)
                continue
            inside = False
        elif i == start or text[i - 1] in ",\n":
            inside = True
        i = text.find('"', i + 1, end)
    return inside


#: The tags of an HTML table (its rows and cells), in any case.
_HTML_TABLE_TAG: Final = re.compile(r"<(/?)(table|tr|td|th)\b[^>]*>", re.IGNORECASE)
_HTML_CELL_OPEN: Final = re.compile("<[tT][dDhH]")
#: An HTML table's tags, read once a text: each tag's end and the state after it (the table's first
#: row, the tag's row, the cell's index in its row, whether a cell is open, and whether a cell so far
#: spans rows or columns, which no count of cells can place), and each row's cells.
_HtmlState = tuple[int, int, int, bool, bool]


def _html_tables(text: str) -> tuple[list[int], list[_HtmlState], dict[int, list[tuple[int, int, bool]]]] | None:
    """The tags of ``text``'s HTML tables, read once (the verdicts of its numbers ask again and
    again: the answer for the last text is kept); None where it holds no cell tag."""
    last = _HTML_LAST[0]  # one tuple, read and replaced whole: a thread never pairs another's text and answer
    if last[0] is text:
        return last[1]
    index: tuple[list[int], list[_HtmlState], dict[int, list[tuple[int, int, bool]]]] | None = None
    if "<" in text and _HTML_CELL_OPEN.search(text) is not None:
        ends: list[int] = []
        states: list[_HtmlState] = []
        rows: dict[int, list[tuple[int, int, bool]]] = {}  # row → its cells (content start, end, <th>)
        first_row = row = cell = -1
        in_cell = spanned = in_table = False
        for m in _HTML_TABLE_TAG.finditer(text):
            closing, name = m.group(1) == "/", m.group(2).lower()
            if name == "table":
                first_row = row = -1
                in_cell = spanned = False
                in_table = not closing
            elif name == "tr":
                in_cell = False
                row = -1
                if not closing and in_table:
                    row, cell = m.start(), -1
                    rows[row] = []
                    if first_row < 0:
                        first_row = row
            elif closing:
                in_cell = False
            elif row >= 0:
                cell, in_cell = cell + 1, True
                spanned = spanned or "span" in m.group().lower()
                stop = text.find("<", m.end())
                rows[row].append((m.end(), stop if stop >= 0 else len(text), name == "th"))
            ends.append(m.end())
            states.append((first_row, row, cell, in_cell, spanned))
        index = (ends, states, rows)
    _HTML_LAST[0] = (text, index)
    return index


#: :func:`_html_tables`'s last text and answer.
_HTML_LAST: Final[list[tuple[str | None, Any]]] = [(None, None)]


def _html_cell(text: str, at: int) -> tuple[int, int, int, bool] | None:
    """Where ``text[at]``'s HTML table's first row starts, where its row starts, which cell of the
    row it is in (0 first), and whether a cell spans rows or columns; None outside an open cell of
    a table's row."""
    tables = _html_tables(text)
    if tables is None:
        return None
    ends, states, _rows = tables
    k = bisect.bisect_right(ends, at) - 1
    if k < 0:
        return None
    first_row, row, cell, in_cell, spanned = states[k]
    if row < 0 or not in_cell or first_row < 0:
        return None
    return first_row, row, cell, spanned


def _html_header(text: str, at: int) -> tuple[int, int] | None:
    """The span of the header cell above ``text[at]`` in an HTML table: the cell of the same index
    in the table's first row, where that row is a header — its cells ``<th>``, or two or more short
    ones holding no digit (not a title row, 会员号绑定提醒) — and not ``text[at]``'s own; none where
    a cell spans rows or columns (its column cannot be told by counting)."""
    where = _html_cell(text, at)
    if where is None:
        return None
    first_row, row, index, spanned = where
    if first_row == row or spanned:
        return None
    tables = _html_tables(text)  # (the same text's: kept)
    assert tables is not None  # a cell was found in them
    cells = tables[2].get(first_row, [])
    if index >= len(cells):
        return None
    if not all(th for _, _, th in cells):
        if len(cells) < 2 or any(ANY_DIGIT.search(text, a, b) is not None or len(text[a:b].strip()) > _HEADER_CELL
                                 for a, b, _ in cells):
            return None  # a first row of data, or a title: no header
    return cells[index][0], cells[index][1]


#: A report's rule under its header line, a run of dashes over each column (SQL*Plus, a mainframe
#: or a core banking system's fixed-width report): the columns are where its dashes are.
_DASH_RULE: Final = re.compile("[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*\r?")
_DASH_RUN: Final = re.compile("-+")
_CELL_START: Final = re.compile("(?:^|(?<=[ \t]))[^ \t]")
#: The most rows under one rule that are read as its report's (a page of SQL*Plus output), the most
#: lines of a report with its headings and rule (what scrub and scan read as one text), and how
#: many of its rows tell how it counted columns.
RULED_ROWS: Final = 500
REPORT_LINES: Final = RULED_ROWS + 2
_SAMPLED_ROWS: Final = 20
#: A tab's stops (SQL*Plus writes tabs for runs of spaces unless told otherwise).
_TAB_STOP: Final = 8


def _columns(text: str, wide: bool) -> int:
    """How many columns ``text`` takes in a fixed-width report: a tab to the next stop; with
    ``wide``, two for a wide (CJK) character, as a terminal shows it, else one for each character,
    as a tool that pads by characters (Python's ``str.ljust``, some database clients) printed it."""
    if "\t" not in text and (not wide or text.isascii()):
        return len(text)
    width = 0
    for ch in text:
        if ch == "\t":
            width += _TAB_STOP - width % _TAB_STOP
        else:
            width += 2 if wide and unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _cell_starts(text: str, start: int, end: int, wide: bool) -> list[int]:
    """The columns where the cells of the line ``text[start:end]`` open (after a space or a tab)."""
    return [_columns(text[start : m.start()], wide) for m in _CELL_START.finditer(text, start, end)]


#: A report under a rule: where its rule starts, where its rows end (a blank line, the end of the
#: text or its last row read), its columns (first, last) and the span of each one's heading.
_Report = tuple[int, int, bool, list[tuple[int, int]], list[tuple[int, int] | None]]


def is_dash_rule(line: str) -> bool:
    """Whether ``line`` is a fixed-width report's rule of dashes under its headings (``----- ---``)."""
    return "--" in line and _DASH_RULE.fullmatch(line.rstrip("\r\n")) is not None


def _report(text: str, rule: int, rule_end: int) -> _Report | None:
    """The report whose rule of dashes is ``text[rule:rule_end]``, or None where no heading stands
    over it. Columns are counted as the report counted them: a terminal's width (two for a CJK
    character) or one for each character, whichever opens the most of its headings and of its
    first rows' cells where their dashes open (a value and its heading are printed at the start of
    their column); a terminal's where the two agree."""
    if rule == 0:
        return None
    header = text.rfind("\n", 0, rule - 1) + 1
    header_end = rule - 1 if text[rule - 2 : rule - 1] != "\r" else rule - 2
    if not text[header:header_end].strip():
        return None
    rows = [(header, header_end)]
    end = rule_end
    for _ in range(RULED_ROWS):
        if end >= len(text):
            break
        row_end = text.find("\n", end + 1)
        if row_end < 0:
            row_end = len(text)
        if not text[end + 1 : row_end].strip():
            break  # a blank line ends the report (N rows selected.)
        if len(rows) <= _SAMPLED_ROWS:
            rows.append((end + 1, row_end))
        end = row_end
    best = -1
    wide = True
    for counting in (True, False):
        opens = {_columns(text[rule : m.start()], counting) for m in _DASH_RUN.finditer(text, rule, rule_end)}
        aligned = sum(column in opens for a, b in rows for column in _cell_starts(text, a, b, counting))
        if aligned > best:
            best, wide = aligned, counting
    groups = [(_columns(text[rule : m.start()], wide), _columns(text[rule : m.end()], wide))
              for m in _DASH_RUN.finditer(text, rule, rule_end)]
    # each heading character under the dashes of its column, in one pass over the heading line
    firsts = [first for first, _ in groups]
    heads: list[tuple[int, int] | None] = [None] * len(groups)
    width = 0
    for i in range(header, header_end):
        k = bisect.bisect_right(firsts, width) - 1
        if k >= 0 and width < groups[k][1] and not text[i].isspace():
            head = heads[k]
            heads[k] = (i if head is None else head[0], i + 1)
        width += _columns(text[i], wide)
    return rule, end, wide, groups, heads


def _reports(text: str) -> list[_Report]:
    """The reports of ``text``, each under its rule of dashes, read once (the answer for the last
    text is kept: every number of a report asks)."""
    kept = _kept_for(text, _REPORTS_LAST)
    if "reports" in kept:
        known: list[_Report] = kept["reports"]
        return known
    reports: list[_Report] = []
    i = text.find("--")
    while i >= 0:
        # a line with two dashes in it, whole (a regex of the rule's line scanned every character)
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        if end < 0:
            end = len(text)
        if _DASH_RULE.fullmatch(text, start, end) is not None:
            report = _report(text, start, end)
            if report is not None:
                reports.append(report)
        i = text.find("--", end)
    kept["reports"] = reports
    return reports


#: :func:`_reports`'s last text, and its answer under "reports".
_REPORTS_LAST: Final[list[tuple[str | None, dict[Any, Any]]]] = [(None, {})]


def _ruled_header(text: str, at: int, line_start: int) -> tuple[int, int] | None:
    """The span of the heading above ``text[at]`` in a fixed-width report, whose heading line stands
    over a rule of dashes (``CERT_NO   MOBILE⏎-------   ------``): the heading over the run of
    dashes that ``text[at]``'s column falls in (:func:`_report`), where the row is one of the
    report's (no blank line between)."""
    reports = _reports(text)
    if not reports:
        return None
    k = bisect.bisect_right(reports, line_start - 1, key=lambda r: r[0]) - 1
    if k < 0:
        return None
    rule, end, wide, groups, heads = reports[k]
    if not rule < line_start <= end:
        return None
    column = _columns(text[line_start:at], wide)
    for (first, last), head in zip(groups, heads):
        if first <= column < last:
            return head
    return None  # between two columns: a value spilled over its own


def column_header(text: str, at: int, aligned: bool = True) -> tuple[int, int] | None:
    """:func:`_column_header`, asked once per text and place: the detector asks it for a number
    whether any context word may support it, then for its verdict."""
    answers = _kept_for(text, _COLUMN_HEADERS_LAST)
    key = (at, aligned)
    if key in answers:
        kept: tuple[int, int] | None = answers[key]
        return kept
    answer = answers[key] = _column_header(text, at, aligned)
    return answer


#: :func:`column_header`'s last text, and its answers by (place, ``aligned``).
_COLUMN_HEADERS_LAST: Final[list[tuple[str | None, dict[Any, Any]]]] = [(None, {})]


def _column_header(text: str, at: int, aligned: bool = True) -> tuple[int, int] | None:
    """The span of the header cell above ``text[at]`` when it sits in a drawn or markdown table:
    the cell of the same column (as many bars before it on its line) in the table's first row; or
    in a block of tab-separated lines under a header line (:func:`_tsv_header`); or in an HTML
    table (:func:`_html_header`).

    A table's rows carry no labels of their own (``| 3 | 苏霞 | 6258… |``): the header names the
    column, as a CSV column's name does for a scrubbed file.

    ``aligned``: none for a row of more cells than its header (a date and its time split in two,
    a bar or a comma in a cell's text): its column cannot be told by counting. A caller that only
    takes a positive word from the header asks with ``aligned=False``: a misplaced label may
    then mark one of ours as ours (a leak is worse than a mask), never veto one.
    """
    html = _html_header(text, at)
    if html is not None:
        return html
    line_start = text.rfind("\n", 0, at) + 1
    if at - line_start > _ROW_REACH:
        return None
    column = table_column(text, at)
    if column == 0:
        tsv = _tsv_header(text, at, line_start, aligned)
        return tsv if tsv is not None else _ruled_header(text, at, line_start)
    header = -1
    for above, end in _lines_above(text, line_start):
        line = text[above:end]
        if _TABLE_RULE.fullmatch(line) is None:
            if not any(bar in line for bar in _TABLE_BARS):
                break  # above the table
            header = above
    if header < 0:
        return None
    line_end = text.find("\n", header)
    if line_end < 0:
        line_end = len(text)
    row_end = text.find("\n", at)
    if aligned and _bars(text, line_start, len(text) if row_end < 0 else row_end) > _bars(text, header, line_end):
        # more cells in the row than in the header: one split that the header's did not (a date and
        # its time, an amount's thousands), and no count of bars tells which column the cell is in
        return None
    bars = 0
    cell_start = -1
    for i in range(header, line_end):
        if text[i] in _TABLE_BARS:
            bars += 1
            if bars == column:
                cell_start = i + 1
            elif bars == column + 1:
                return cell_start, i
    return (cell_start, line_end) if cell_start >= 0 else None


#: Letters enough to read a window as Latin text (two or three English words).
_LATIN_LETTERS: Final = re.compile("(?:[^A-Za-z]*[A-Za-z]){8}")


def _latin_text(window: str) -> bool:
    """Whether ``window`` reads as English: ASCII (a transcript's full-width colon aside:
    Customer(03:31)：), and letters. ``str.isascii`` is a flag's test: a Chinese window costs the
    slice and little more."""
    if not window.isascii() and not window.replace("：", ":").isascii():
        return False
    return _LATIN_LETTERS.match(window) is not None


#: The longest date and time :data:`_CLOCK` reads (2023-01-29 09:11:10).
_LONGEST_CLOCK: Final = 19


def _window_end(text: str, end: int, after: int) -> int:
    """Where the window of ``after`` characters after ``end`` ends: twice as far where what follows
    is Latin text (6013…476 is my card no.): English takes about twice the characters Chinese does
    to say the same (…是我的卡号), and the window is counted for Chinese."""
    hi = end + after
    tail = text[end:hi]
    return end + 2 * after if tail.isascii() and any(ch.isalpha() for ch in tail) else hi


def _window_start(text: str, start: int, before: int) -> int:
    """Where the window of ``before`` characters before ``start`` begins, not counting the dates
    and times in it when it crosses a line break: a transcript's or a chat's timestamp between the
    question and the answer (身份证号码做个核实。⏎[00:02:46] 客户我的是…) takes no room from the words."""
    lo = max(0, start - before)
    if not lo or text.find("\n", max(0, lo - _LONGEST_CLOCK), start) < 0:
        return lo  # a timestamp heads a line: only a window at most one clock short of a break holds one
    for _ in range(4):  # a clock the window reaches further back may be behind one it already skips
        skipped = sum(m.end() - max(m.start(), lo) for m in _CLOCK.finditer(text, max(0, lo - _LONGEST_CLOCK), start) if m.end() > lo)
        further = max(0, start - before - skipped)
        if further == lo:
            break
        lo = further
    return lo


def _latin_reach(text: str, start: int, lo: int, before: int) -> int:
    """Where a window of ``before`` characters before ``start`` that opens at ``lo`` and holds no
    word opens when it is Latin text: twice as far, as after a number (:func:`_window_end`: Could I
    have your contact number please?⏎Customer(03:31)：sure, 1 3 8 …), or at ``lo`` again. Asked only
    where the window holds no word (most hold one or are Chinese, told by their first character)."""
    if start - lo < before or text[lo] >= "\x80" or not _latin_text(text[lo:start]):
        return lo
    return _window_start(text, start, 2 * before)


def _only_clocks(text: str, lo: int, hi: int) -> bool:
    """Whether every number in ``text[lo:hi]`` is a date or a time of day (:data:`_CLOCK`)."""
    return _NUMBER.search(_CLOCK.sub(" ", text[lo:hi])) is None


def _another_row(text: str, word_start: int, word_end: int, start: int) -> bool:
    """Whether the word heads another column of a table than the number's cell in a later row.

    In ``订单号⇥金额⏎1⇥张三⇥138…`` the header word labels its own column, not the phone two cells
    further on in the next row; under ``姓名,身份证号`` the ID in the second cell is labelled. A
    word on a line with no cell separator (``联系电话：⏎138…``) is a label for what follows.
    """
    if _html_tables(text) is not None:
        word_cell, number_cell = _html_cell(text, word_start), _html_cell(text, start)
        if word_cell is not None and number_cell is not None and word_cell[0] == number_cell[0] and word_cell[1] != number_cell[1]:
            # an HTML table's row above: the word heads its own column (where a cell spans rows or
            # columns, which column cannot be told by counting: it labels no number below it)
            return number_cell[3] or word_cell[2] != number_cell[2]
    if text.find("\n", word_end, start) < 0:
        return False
    line_start = text.rfind("\n", 0, word_start) + 1
    line_end = text.find("\n", word_end)
    row_start = text.rfind("\n", 0, start) + 1
    row_end = text.find("\n", start)
    if row_end < 0:
        row_end = len(text)
    for sep in _CELL_SEPARATORS:
        # a table: the separator in the word's line and in the number's row (您好,本人身份证号码:⏎…
        # has a comma in the sentence, not a table)
        if text.find(sep, line_start, line_end) >= 0 and text.find(sep, row_start, row_end) >= 0:
            return text.count(sep, line_start, word_start) != text.count(sep, row_start, start)
    for sep in _PROSE_CELL_SEPARATORS:
        cells = _separators(text, sep, line_start, line_end)
        if (cells >= (2 if sep == "，" else 1) and cells == _separators(text, sep, row_start, row_end)
                and _NOT_A_HEADER.search(text, line_start, line_end) is None
                and all(len(cell.strip()) <= _HEADER_CELL for cell in _cells(text[line_start:line_end], sep))):
            return _separators(text, sep, line_start, word_start) != _separators(text, sep, row_start, start)
    return False


@dataclass(frozen=True)
class ContextSpec:
    """Context words and the score they move, from a recognizer file."""

    words: tuple[str, ...] = ()
    negative_words: tuple[str, ...] = ()
    before: int = 20
    after: int = 8
    boost: float = 0.0
    penalty: float = 0.0
    #: regexes of the forms only this entity is typed in (a mobile grouped 3-4-4 or dialled with +86,
    #: a landline with its area code parted), matched whole against a candidate as its patterns
    #: read it: such a value is this entity's even where another identifier's label stands before it
    #: (订单号 138-1234-5678: no order number is typed so)
    own_forms: tuple[str, ...] = ()
    #: negative words that a number proving itself outvotes, each with the validator outcomes that
    #: do: a verdict of such a word does not hold against a value of one of them (a card of a known
    #: issuer that passes Luhn after 对公账户: a scammer's "company account" is a person's card)
    outvoted_words: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    #: … and negative words that end so (a kind of card: SIM卡, ETC卡, 公交卡), which a value of one
    #: of :attr:`ending_outcomes` outvotes (a known issuer's card that passes Luhn: SIM卡被换后6217…被转走)
    outvoted_endings: tuple[str, ...] = ()
    ending_outcomes: frozenset[str] = frozenset()
    #: positive words that label only a value after them: where money goes (汇入6222…, 转账到…); after
    #: a number they say what was done, not what it is (a statement's serial, then 转账 in its type column)
    before_only: frozenset[str] = frozenset()
    #: negative words that label only a value right after them, a label's gap between (京东订单1872…,
    #: 订单 5502… 5.90 已退货): further off they say what the text is about (订单里留的是138…, 订单已
    #: 发货 138… 张三收), not what the number is
    right_before_only: frozenset[str] = frozenset()
    #: words that say nothing of the value after them but hold a listed word (a sales slip's remarks
    #: field, 备注(REFERENCE), whose English is no reference number's label): matched, so that the
    #: word inside is not, and then left out of every verdict
    neutral_words: tuple[str, ...] = ()
    _neutral: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    #: negative words that say whose account a generic account word after them names (对公账户：
    #: 招商银行，账号4000…), and those generic words (positive ones): where :meth:`_qualifier` finds
    #: one qualifying the other, the negative word decides
    qualifiers: frozenset[str] = frozenset()
    qualified_heads: frozenset[str] = frozenset()
    #: the listed words a neutral word holds (REFERENCE), and how far before one of them the
    #: neutral word may start (its length, spaced out after each Han character)
    _held_by_neutral: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _neutral_reach: int = field(default=0, repr=False, compare=False)
    #: the fewest characters a neutral word is typed in (spelling only takes gaps out): a shorter
    #: match is none, and needs no spelling
    _neutral_least: int = field(default=0, repr=False, compare=False)
    _regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _kinds: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _positive: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _own_form: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    #: the same two word lists as tries for the C matcher, checked once (None: the regexes run)
    _trie: object | None = field(default=None, repr=False, compare=False)
    _positive_trie: object | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, **kwargs: object) -> "ContextSpec":
        """Create the spec and compile its one regex.

        One alternation of the words as a trie (:func:`word_trie`, spaced-out spellings of Han
        words too: the labels of an OCR'd form), no capturing groups: Python's
        ``re`` then scans with its first-character fast path (about 4x faster than an alternation of
        named groups). The kind of the matched word comes from a dict. Matching is case-sensitive;
        list ``tel`` and ``Tel`` both.
        """
        spec = cls(**kwargs)  # type: ignore[arg-type]
        if spec.own_forms:
            object.__setattr__(spec, "_own_form", re.compile("|".join(f"(?:{form})" for form in spec.own_forms)))
        # keyed as a match is looked up, by the spelling without gaps after Han characters (a
        # custom word may hold such a space itself: 卡 No)
        kinds = {spelled(w): True for w in spec.words}
        kinds.update({spelled(w): False for w in spec.negative_words})  # a word in both lists is negative
        listed = {w: kinds[spelled(w)] for w in (*spec.words, *spec.negative_words)}
        if not kinds:
            return spec
        neutral = {w: False for w in spec.neutral_words if spelled(w) not in kinds}  # (a listed word stays listed)
        if neutral:
            spelled_neutral = frozenset(map(spelled, neutral))
            object.__setattr__(spec, "_neutral", spelled_neutral)
            object.__setattr__(spec, "_held_by_neutral", frozenset(w for w in kinds if any(w in n for n in spelled_neutral)))
            object.__setattr__(spec, "_neutral_reach", max(len(n) * (1 + MOST_WORD_GAPS) for n in spelled_neutral))
            object.__setattr__(spec, "_neutral_least", min(map(len, spelled_neutral)))
        ordered = sorted({**listed, **neutral}, key=len, reverse=True)
        object.__setattr__(spec, "_regex", re.compile(word_trie(ordered, gaps=True)))
        object.__setattr__(spec, "_kinds", kinds)
        positive = [w for w in ordered if listed.get(w, False)]
        if positive:
            object.__setattr__(spec, "_positive", re.compile(word_trie(positive, gaps=True)))
        object.__setattr__(spec, "_trie", _native_trie(ordered))
        object.__setattr__(spec, "_positive_trie", _native_trie(positive))
        return spec

    def word_spans(self, text: str, lo: int, hi: int, positive_only: bool = False, first_only: bool = False) -> list[int]:
        """Where the words (or the positive ones) are found in ``text[lo:hi]``, flat
        (``[start0, end0, …]``): by the C matcher where it is built, else by the regex, alike."""
        out = self._found(text, lo, hi, positive_only, first_only)
        if self._neutral and out and not positive_only:  # (no neutral word is a positive one)
            kept = self._without_neutral(text, lo, out)
            if len(kept) < len(out):
                if first_only and not kept:
                    return self.word_spans(text, out[1], hi, positive_only, first_only)
                out = kept
        for k in range(1, len(out), 2):
            if _runs_on(text, out[k]) or _runs_into(text, out[k - 1]):
                # a Latin word that goes on in letters, or that letters run into, is another word
                # ("Order no" in "Order now", "card" in "cards", "refNo" in "prefNo", "tel" in
                # "Hotel"; not "OrderNo" in "outOrderNo", a camel-case key's last word): left out,
                # and the search made again past it where only the first was wanted
                kept = [out[j] for i in range(0, len(out), 2)
                        if not _runs_on(text, out[i + 1]) and not _runs_into(text, out[i]) for j in (i, i + 1)]
                if first_only and not kept:
                    return self.word_spans(text, out[k], hi, positive_only, first_only)
                return kept
        return out

    def _found(self, text: str, lo: int, hi: int, positive_only: bool, first_only: bool) -> list[int]:
        """:meth:`word_spans` as the matcher finds them, before any is left out; not a word spread
        across a form's cells (:func:`_spread_across_cells`)."""
        trie = self._positive_trie if positive_only else self._trie
        out: list[int]
        if trie is not None and _scan is not None:
            out = _scan.words(text, lo, hi, trie, first_only)
            if first_only and out and _spread_across_cells(text, out[0], out[1]):
                out = _scan.words(text, lo, hi, trie, False)  # (the first word left out: the next one)
        else:
            regex = self._positive if positive_only else self._regex
            out = []
            if regex is not None:
                for m in regex.finditer(text, lo, hi):
                    out.append(m.start())
                    out.append(m.end())
                    if first_only and not _spread_across_cells(text, m.start(), m.end()):
                        break
        if any(out[i + 1] - out[i] > _WIDE_WORD for i in range(0, len(out), 2)):
            out = [out[j] for i in range(0, len(out), 2) if not _spread_across_cells(text, out[i], out[i + 1]) for j in (i, i + 1)]
            if first_only:
                out = out[:2]
        return out

    def _without_neutral(self, text: str, lo: int, out: list[int]) -> list[int]:
        """The spans ``out`` found from ``lo`` on without the neutral words, nor a word that one
        holds where ``lo`` cut that neutral word's head off (a window opening inside
        备注(REFERENCE)： reads REFERENCE alone: the text just before it tells)."""
        if (all(out[i + 1] - out[i] < self._neutral_least for i in range(0, len(out), 2))
                and (lo == 0 or out[0] - lo >= self._neutral_reach or spelled(text[out[0] : out[1]]) not in self._held_by_neutral)):
            return out  # (the common case: no word long enough to be a neutral one, nor one held by one)
        kept = [out[j] for i in range(0, len(out), 2)
                if spelled(text[out[i] : out[i + 1]]) not in self._neutral for j in (i, i + 1)]
        if (kept and lo > 0 and kept[0] - lo < self._neutral_reach
                and spelled(text[kept[0] : kept[1]]) in self._held_by_neutral):
            back = self._found(text, max(0, kept[0] - self._neutral_reach), min(len(text), kept[1] + self._neutral_reach), False, False)
            for i in range(0, len(back), 2):
                if back[i] < kept[0] and back[i + 1] >= kept[1] and spelled(text[back[i] : back[i + 1]]) in self._neutral:
                    return kept[2:]
        return kept

    def _qualifier(self, text: str, spans: list[int], head: int) -> str | None:
        """The label of :attr:`qualifiers` right before the account word at ``spans[head]`` that
        says whose account it names, or None: within :data:`_QUALIFIER_REACH`, no value of its own
        between (对公账户：招商银行深圳分行，账号4000…: the company's account), or ending the line
        before the account word's (户名：某某期货有限公司保证金专户⏎账号：3100…). Past one negative word
        only, a company's name (…有限公司，賬號), not another word (交保证金到资金专户，户名李娜，开户行兴业银行，
        账号6212…: the person's card a scammer gives)."""
        word_start = spans[head]
        k = head - 2
        label = spelled(text[spans[k] : spans[k + 1]])
        if label not in self.qualifiers and k >= 2 and not self._kinds.get(label, True):
            # past a company's name, a negative word of its own (對公賬戶：某某服務有限公司，賬號3400…)
            k -= 2
            label = spelled(text[spans[k] : spans[k + 1]])
        if label not in self.qualifiers or word_start - spans[k + 1] > _QUALIFIER_REACH:
            return None
        if (_NOT_IN_ONE_FIELD.search(text, spans[k + 1], word_start) is None
                or (k == head - 2 and _NEXT_LINE.fullmatch(text, spans[k + 1], word_start) is not None)):
            return label
        return None

    def may_support(self, text: str, start: int, end: int) -> bool:
        """Whether any number inside ``text[start:end]`` could get a ``positive`` verdict.

        True when a positive word occurs in the widest window of the span. A cheap test that
        lets the detector skip patterns and outcomes that need context when none is near.
        """
        if self._positive is None:
            return False
        lo, hi = _window_start(text, start, self.before), _window_end(text, end, self.after)
        if self.word_spans(text, lo, hi, positive_only=True, first_only=True):
            return True
        wider = _latin_reach(text, start, lo, self.before)
        if wider < lo and self.word_spans(text, wider, start, positive_only=True, first_only=True):  # (a word across lo too)
            return True
        header = self._header_verdict(text, start)
        return header is not None and header[0] == "positive"

    def outvoted(self, word: str | None, outcome: str) -> bool:
        """Whether the negative ``word`` (as :meth:`verdict` returns it) does not hold against a
        value of ``outcome`` (see :attr:`outvoted_words`)."""
        return word is not None and (outcome in self.outvoted_words.get(word, ())
                                     or (outcome in self.ending_outcomes and word.endswith(self.outvoted_endings)))

    def typed_as_own(self, value: str) -> bool:
        """Whether ``value`` (a candidate as the patterns read it) is written in one of
        :attr:`own_forms`: a negative word does not hold against it."""
        return self._own_form is not None and self._own_form.fullmatch(value) is not None

    def verdict(self, text: str, start: int, end: int) -> tuple[Verdict, str | None, int]:
        """Classify the context of ``text[start:end]``.

        Returns the verdict, the deciding word and its distance in characters
        from the candidate.
        """
        if self._regex is None:
            return "none", None, 0
        respective = self._respective(text, start)
        if respective is not None:
            return respective
        last = after = -1  # where in spans the last word before and the first word after are
        kinds = self._kinds
        # One pass over the whole window; matches never fall inside the
        # candidate (its characters are digits and separators).
        lo, hi = _window_start(text, start, self.before), _window_end(text, end, self.after)
        spans = self.word_spans(text, lo, hi)
        if not spans or spans[1] > start:  # no word before the number: in Latin text the window reaches further,
            wider = _latin_reach(text, start, lo, self.before)  # for a word that says what it is (not Order ID …)
            if wider < lo:
                spans = self.word_spans(text, wider, start, positive_only=True) + spans  # (a word across lo too)
        for k in range(0, len(spans), 2):
            if spans[k + 1] <= start:
                last = k
            elif spans[k] < end:
                continue  # a word inside the value is part of it, no label ("mail" in …@mail.gmail.com)
            elif ((kinds[word_after := spelled(text[spans[k] : spans[k + 1]])] and word_after not in self.before_only)
                  and _LABELS_NEXT.match(text, spans[k + 1]) is None
                  and _KEY_OF_ITS_OWN.match(text, spans[k + 1]) is None and text.find("\n", end, spans[k]) < 0):
                # "13812345678（手机）" labels the number before it; "，银行卡号：6228…"
                # labels the number that follows the word, not ours, and so do a word on the
                # next line ("…822⏎联系人：高经理") and a key with a value of its own ("orderNo":
                # "155…", "mobile": "无": the next field's name). Not a word that labels only what
                # follows it (…3772 转账: the row's type of transaction).
                after = k
                break
        # A word belongs to the nearest number after it: in "订单号DD2023…，6222…"
        # the 订单号 labels the order number, not the card behind it.
        word = spelled(text[spans[last] : spans[last + 1]]) if last >= 0 else ""
        named = self._named_after(text, end, spans, after)
        if named is not None and (last < 0 or _LABEL_GAP.fullmatch(text, spans[last + 1], start) is None):
            return "negative", named, 0
        # A word negated (联系电话（非保单号）：138…, 订单号（非手机号）：…) labels nothing: the word before it decides.
        while last >= 0 and _negated(text, spans[last]):
            last -= 2
            word = spelled(text[spans[last] : spans[last + 1]]) if last >= 0 else ""
        if last >= 0 and not kinds[word]:
            if (after >= 0 and _NAMED_AFTER.fullmatch(text, end, spans[after]) is not None
                    and _NAME_ENDS.match(text, spans[after + 1]) is not None):
                last = -1  # a word after the number names it: that word decides
            elif _NO_VALUE.match(text, spans[last + 1], start) is not None:
                # the negative word labels its empty value: the word before it decides, if any
                # (身份证或保单号：无，… : the ID's word)
                last -= 2
                word = spelled(text[spans[last] : spans[last + 1]]) if last >= 0 else ""
            elif word in self.right_before_only:
                if after >= 0 and (spans[after] - end <= _NAMES_RIGHT_AFTER or _IN_A_BRACKET_AFTER.fullmatch(text, end, spans[after]) is not None):
                    # a word right after the number, or in a bracket after it, names it (淘宝订单 150… 这个号码
                    # 一直打骚扰电话, 订单：165…（收货人电话）; not 订单 9496… 退款到银行卡了, what was done with the order)
                    last = -1
                elif (text.find("\n", spans[last + 1], start) >= 0
                      or _NAMES_TWO_BEFORE.search(text, max(0, spans[last] - _NAMES_TWO_REACH), spans[last]) is not None):
                    # on another line (a header's: 用户名 密码⏎150… qwe123), or the second thing a label
                    # names (卡号和密码：6222…, 账号/密码：150…): the word before it decides, if any
                    last -= 2
                    word = spelled(text[spans[last] : spans[last + 1]]) if last >= 0 else ""
        if last >= 0:
            word_start, word_end = spans[last], spans[last + 1]
            positive = kinds[word]
            if (positive and last >= 2 and text[word_start] in _CARD_HEADS and text[spans[last - 1] - 1] in _CARD_HEADS
                    and (spans[last - 1] == word_start or _NEXT_LINE.fullmatch(text, spans[last - 1], word_start) is not None)
                    and not kinds[spelled(text[spans[last - 2] : spans[last - 1]])]):
                # a kind of card that is no bank card, then its number's word (公交卡卡号, 校园卡卡號:
                # the transit card's number; a screenshot's card face, 京东E卡⏎卡号 9674…): that kind decides
                word, positive = spelled(text[spans[last - 2] : spans[last - 1]]), False
            if positive and last >= 2 and word in self.qualified_heads:
                qualifier = self._qualifier(text, spans, last)
                if qualifier is not None:
                    word, positive = qualifier, False
            if not positive and last >= 2 and _EITHER_JOIN.fullmatch(text, spans[last - 1], word_start) is not None:
                # one label naming two kinds (相关账号/保单号：, 手机号或保单号：, 银行卡号或保单号？): the
                # value may be either, and one of ours that its check proves is ours (a leak is worse
                # than a policy number masked); read as that word, so the rules below still apply
                joined = spelled(text[spans[last - 2] : spans[last - 1]])
                if kinds[joined]:
                    word, positive = joined, True
            if positive:
                cut, lead = _NUMBER, start
            else:
                # the value a negative word labels may hold ours as its tail (订单号：241222-6244…):
                # digits joined to the candidate by a hyphen, right after the word, are that value,
                # not another one; unless a word after the candidate labels it (…-138…（手机）)
                cut, lead = ANY_DIGIT, start if after >= 0 else _value_start(text, word_end, start)
            if (cut.search(text, word_end, lead) is None or (cut is _NUMBER and _only_clocks(text, word_end, lead))) \
                    and not _another_row(text, word_start, word_end, start):
                if (positive or _LABEL_GAP.fullmatch(text, word_end, start) is not None
                        or _ASIDE_GAP.fullmatch(text, word_end, start) is not None
                        or (after < 0 and word not in self.right_before_only
                            and _CLAUSE_BETWEEN.fullmatch(text, word_end, start) is None
                            and _NEW_CLAUSE.match(text, word_end, start) is None
                            and _CONTACT_BETWEEN.search(text, word_end, start) is None
                            # a sentence that ends its line ends what the word labels (…及银行流水。⏎
                            # ⏎--⏎崔霞⏎⏎M: 139…: a signature's mobile; a question still asks: 保单号是多少？⏎…)
                            and _SENTENCE_ENDS_LINE.search(text, word_end, start) is None
                            and not _own_line_words(text, word_end, start)
                            # an English label labels what follows it, not a value words later
                            # (Ref: contact 166…, Ticket #: caller 166…)
                            and not (word.isascii() and _LATIN_WORD.search(text, word_end, start) is not None))):
                    if not positive and _CELL_BETWEEN.search(text, word_end, start) is not None:
                        # a row's label in a cell before the number's: the number's column header,
                        # where there is one, says what the column holds (| 会员号 | 138… | under
                        # | 类型 | 手机号 |)
                        header = self._header_verdict(text, start)
                        if header is not None and header[0] == "positive" and header[1] not in _ONLY_NUMBER:
                            return header  # (not a header that only says "number": | 受理编号 | … | under | 类型 | 号码 |)
                    elif positive and _CELL_BETWEEN.search(text, word_end, start) is not None:
                        # and a word in another cell (| 银联 | 4282… | under | 对方户名 | 流水号 |: the
                        # counterparty's name): a column whose header names another identifier holds that
                        header = self._header_verdict(text, start)
                        if header is not None and header[0] == "negative":
                            return header
                    return ("positive" if positive else "negative"), word, _distance(text, word_end, start)
                # a negative word that a sentence parts from the number is what the sentence is
                # about, no label of it: the word after it labels the number (交易流水显示扣的是
                # 6222…这张卡), or nothing does (订单号忘了，138…: a clause ends between them)
        if after >= 0:
            return "positive", spelled(text[spans[after] : spans[after + 1]]), spans[after] - end
        header = self._header_verdict(text, start) if start else None  # a cell has a bar before it
        return header or ("none", None, 0)

    def _named_after(self, text: str, end: int, spans: list[int], after: int) -> str | None:
        """The negative word that names the number right after it, a copula between (…，356535547099353为串号,
        …2929是IMEI号：an IMEI after a phone's model), where no word right before the number
        labels it: what a sentence says the number is decides over a word further back (盗刷 at
        the start of the sentence). None where the first word after the number is another, a
        positive one (that one is ``after``), does not end the name (串号的 …), or labels the
        value after it (…1009 发票号码 2631…)."""
        if after >= 0 or not spans or spans[-1] <= end:
            return None
        for k in range(0, len(spans), 2):
            if spans[k] < end:
                continue
            word = spelled(text[spans[k] : spans[k + 1]])
            if (self._kinds[word] or _IS_NAMED.fullmatch(text, end, spans[k]) is None
                    or _NAME_ENDS.match(text, spans[k + 1]) is None or _LABELS_NEXT.match(text, spans[k + 1]) is not None
                    or _KEY_OF_ITS_OWN.match(text, spans[k + 1]) is not None):
                return None  # (a label of the next value: 微信同号138… 发票号码 2631…)
            return word
        return None

    def _respective(self, text: str, start: int) -> tuple[Verdict, str | None, int] | None:
        """The verdict where two labels are followed by their values in order (手机号及订单号分别是
        X和Y): the first label (手机号) labels the first value, the second (订单号) the second.
        None where the text before ``start`` is not so (two labels, then two values), or the label
        is one this recognizer does not know: the usual rules decide then."""
        lo = max(0, start - _RESPECTIVE_REACH)
        if not any(text.find(first, lo, start) >= 0 for first in _RESPECTIVE_FIRSTS):
            return None  # (most texts: a find for each word's first character, not the regex)
        marks = [m for m in _RESPECTIVE_MARK.finditer(text, lo, start)]
        if not marks:
            return None
        at, mark_end = marks[-1].start(), marks[-1].end()
        if start == mark_end:
            # only where a second value follows: one value after two labels (户名和卡号如下：6222…)
            # is not split between them
            value = _FIRST_VALUE.match(text, start)
            if value is None or ANY_DIGIT.match(text, value.end()) is None:
                return None
            first = True
        else:
            value = _FIRST_VALUE.match(text, mark_end)
            if value is None or value.end() != start:
                return None
            first = False
        spans = self.word_spans(text, max(0, at - 2 * _LONGEST_LABEL), at)
        labels = [(spans[k], spans[k + 1]) for k in range(0, len(spans), 2)]
        # the second label: a word of ours ending where the mark begins (a 号 or 码 between), or a
        # label we do not know, after the last word that joins two labels
        second: tuple[int, int] | None = None
        if labels and _LABEL_TAIL.fullmatch(text, labels[-1][1], at) is not None:
            second = labels.pop()
            second_start = second[0]
        else:
            joins = [m.end() for m in _ANY_JOIN.finditer(text, max(0, at - _LONGEST_LABEL), at)]
            if not joins:
                return None
            second_start = joins[-1]
        join = _LABEL_JOIN.search(text, max(0, second_start - 2), second_start)
        if join is None:
            return None
        word = second if not first else (
            labels[-1] if labels and _LABEL_TAIL.fullmatch(text, labels[-1][1], join.start()) is not None else None)
        if word is None:
            return None  # a label this recognizer does not know: the usual rules decide
        spelled_word = spelled(text[word[0] : word[1]])
        return ("positive" if self._kinds[spelled_word] else "negative"), spelled_word, start - word[1]

    def _header_verdict(self, text: str, start: int) -> tuple[Verdict, str | None, int] | None:
        """The verdict of the first word in the header of the table column ``text[start]`` is in
        (:func:`column_header`), as if it stood next to the number; None where there is none."""
        cell = column_header(text, start, aligned=False)
        if cell is None:
            return None
        spans = self.word_spans(text, cell[0], cell[1])
        if not spans:
            return None
        # a header naming two kinds (会员号(手机号), 客户号/手机): a value may be either, and one of
        # ours is ours (a leak is worse than a member number masked)
        words = [spelled(text[spans[k] : spans[k + 1]]) for k in range(0, len(spans), 2)]
        # (not a word negated: 订单号（非手机号）)
        positive = next((k for k, w in enumerate(words) if self._kinds[w]
                         and not _negated(text, spans[2 * k])), -1)
        if positive >= 0:
            return "positive", words[positive], 0
        if _CELL_LABEL_TAIL.fullmatch(text, spans[1], max(spans[1], cell[1])) is None:
            return None  # a negative word the cell says more after (订单号未填: a row of data, no header)
        if column_header(text, start) is None:
            return None  # a row of more cells than its header: a negative word over the column may be another's
        return "negative", words[0], 0

    def adjust(self, score: float, verdict: Verdict, distance: int = 0, clamp: bool = True, penalty: float | None = None) -> float:
        """Apply the boost or penalty for ``verdict`` (clamped to [0, 1] unless ``clamp`` is false;
        ``penalty``: an outcome's own, in place of the spec's).

        The effect fades with distance, to half at the edge of the window, so
        when two entities claim the same digits the one whose word is nearer wins.
        """
        if verdict == "positive":
            reach = self.before if distance <= self.before else self.after
            score += self.boost * (1.0 - 0.5 * min(distance, reach) / max(reach, 1))
        elif verdict == "negative":
            score -= (self.penalty if penalty is None else penalty) * (1.0 - 0.5 * min(distance, self.before) / max(self.before, 1))
        return min(1.0, max(0.0, score)) if clamp else score
