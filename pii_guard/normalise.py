"""Fold the ways people type digits into one canonical form, keeping offsets.

Complaint text arrives with full-width digits (``１３８``), a full-width check
character (``Ｘ``), ideographic spaces, full-width or typographic hyphens and,
from copy-paste out of chat apps, zero-width characters inside a number. The
detector matches on a canonical form and reports offsets into the *original*
string, so folding must keep a map back.

Why not ``unicodedata.normalize("NFKC", …)``: NFKC changes lengths (``⒈`` →
``1.``), so every offset would need a map, and it costs a full pass over the
text. Everything a person types inside a number folds one code point to one
code point here (the full-width block is exactly what NFKC does for it), so the
map is the identity except for zero-width characters, which are dropped and
recorded. Folding runs only on candidate spans, never on the whole text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

from pii_guard import rtf
from pii_guard._core import native_module

#: Code points that vanish: zero-width space/non-joiner/joiner, word joiner, BOM used as ZWNBSP,
#: soft hyphen, Mongolian vowel separator; the direction marks and embeddings that text copied
#: out of a right-to-left or mixed-direction field carries (LRM, RLM, ALM, U+202A–202E,
#: U+2066–2069); the invisible operators (U+2061–2064) and the combining grapheme joiner; the
#: variation selectors and the combining keycap of digits written as keycap emoji (1️⃣3️⃣8️⃣ in a
#: WeChat ad). Also what hides text from a filter the same way: the Hangul fillers (a blank
#: character of their own), the Khmer inherent vowels, the interlinear annotation marks, the
#: musical formatting marks, the tag characters (U+E0000 block), the combining accents (a digit
#: with an accent on it is still the digit) and the control characters that break no line (NUL,
#: backspace, escape, DEL, the C1 controls). None of them shows, so a number with one inside reads
#: as the number to a person.
ZERO_WIDTH: Final = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
                     "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                     "\u2061\u2062\u2063\u2064\u034f" + "".join(chr(c) for c in range(0xFE00, 0xFE10)) + "\u20e3"
                     "\u115f\u1160\u3164\uffa0\u17b4\u17b5\ufff9\ufffa\ufffb"
                     + "".join(chr(c) for c in (*range(0x0300, 0x0370), *range(0x1D173, 0x1D17B), 0xE0001, *range(0xE0020, 0xE0080)))
                     # the other C0 and C1 controls, but Hive's delimiters (\x01 between fields, \x02
                     # between a collection's items, \x03 between a map's key and value): no part of a
                     # number, as a tab is none, they end one (a phone field, \x01, an ID field read as
                     # one run of 29 digits was neither)
                     + "".join(chr(c) for c in (0x00, *range(0x04, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)))
                     # and every other format character (Cf) and combining or enclosing mark (Mn, Me)
                     # of the BMP and plane 14 this Python's Unicode knows: the variation selectors
                     # supplement, Mongolian free variation selectors, the deprecated format
                     # characters U+206A–206F, the combining marks for symbols (a box or a circle
                     # drawn round a digit, U+20DD) — each hides a number from a filter as those
                     # above do — and the shorthand format controls (U+1BCA0–1BCA3). Not the marks
                     # of the historic scripts of plane 1: each astral range costs every regex
                     # class that holds these a test per astral character of a text (emoji). The
                     # loop skips the Han blocks: ~10 ms at import.
                     + "".join(chr(c) for block in (range(0x3400), range(0xA000, 0x10000), range(0x1BCA0, 0x1BCA4),
                                                    range(0xE0000, 0xE1000))
                               for c in block if unicodedata.category(chr(c)) in ("Cf", "Mn", "Me")))
#: Space-like characters folded to ``" "``: every space separator (Zs) but the ASCII space itself, and a tab.
SPACES: Final = "\u3000\u00a0\u2000\u2001\u1680\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"
#: Hyphen- and dash-like characters folded to ``"-"``, and what people type in their place between
#: digit groups (138~1234~5678, 138_1234_5678), or what speech-to-text writes for a pause while a
#: number is read out (138……1234……5678: the ellipsis, one character).
DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u30fc\u2500~\uff5e_\uff3f\u2026\u22ef"
#: Brackets people put around an area code (``[029]``, ``【029】``, ``〔029〕``) folded to ``(``/``)``,
#: the form the phone patterns know.
OPEN_BRACKETS: Final = "[\uff3b\u3010\u3014\u3016"
CLOSE_BRACKETS: Final = "]\uff3d\u3011\u3015\u3017"
#: What word processors and input methods put where an ID's check character X was typed: the
#: multiplication sign (autocorrect), cross marks, the bopomofo letter ㄨ, the Roman numeral ten
#: (Ⅹ ⅹ, one key away in a Chinese IME's symbol pad), the Cyrillic and Greek letters that look
#: like X (Х х Χ χ: a Russian or Greek keyboard layout left on), 乂 (an X-shaped Han character
#: the pinyin IME offers for "x"); and 叉, what speech-to-text writes for a spoken "X".
#: Folded to ``"X"``.
CHECK_X: Final = "\u00d7\u2715\u2716\u2717\u2718\u2613\u2573\u3128\u53c9\u2169\u2179\u0425\u0445\u03a7\u03c7\u4e42"
#: Digits spoken as Chinese numerals and written so by speech-to-text or a careful elderly writer
#: (一三八一二三四五六七八, 幺, 洞, 拐 and 勾 as radio operators say 1, 0, 7 and 9, 两 and 兩 for 2; 么,
#: how speech-to-text and hurried typists often write 幺), and the
#: financial capitals agents' ads use to slip past platform filters (壹贰叁…). The detector reads
#: them one for one as digits; a mask hides them as it hides digits.
CHINESE_NUMERALS: Final = "零〇一二三四五六七八九幺两洞壹贰貳叁參肆伍陆陸柒捌玖拐勾兩么"
#: How speech-to-text writes an ID's check character spoken as the letter's name ("X"): the
#: detector reads it as one X at the end of a run of numerals; a mask hides it as it hides the X.
SPOKEN_X: Final = "艾克斯"
#: Full-width digits, for character classes that must see both forms.
FULLWIDTH_DIGITS: Final = "".join(chr(0xFF10 + i) for i in range(10))
#: Han characters as some PDF fonts write them: the Kangxi radicals and the radicals supplement
#: (⼿ U+2F3F for 手, ⼈ for 人, ⾝ for 身) and the compatibility ideographs, each with the one
#: character NFKC reads it as. A label so written (⼿机, 外国⼈永久居留⾝份证) is the label:
#: the detector reads a text holding one with them replaced (one for one, offsets kept).
COMPAT_HAN: Final[dict[int, str]] = {
    cp: unified for cp in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00))
    if len(unified := unicodedata.normalize("NFKC", chr(cp))) == 1 and unified != chr(cp)}


def char_ranges(chars: str) -> str:
    """``chars`` for a regex character class, runs of consecutive code points as ranges (re tests
    an astral character against each member: 500 singles scan 15 times slower than 30 ranges)."""
    codes = sorted(set(map(ord, chars)))
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + (f"-{re.escape(chr(codes[j]))}" if j > i else ""))
        i = j + 1
    return "".join(out)


_DROP: Final = "\x00"  # placeholder for dropped characters; never occurs in real text


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(c): " " for c in SPACES})
    table.update({ord(c): "-" for c in DASHES})
    table.update({ord(c): "(" for c in OPEN_BRACKETS})
    table.update({ord(c): ")" for c in CLOSE_BRACKETS})
    table.update({ord(c): _DROP for c in ZERO_WIDTH})
    table.update({ord(c): "X" for c in CHECK_X})
    table[ord(_DROP)] = _DROP
    return table


FOLD_TABLE: Final[dict[int, str]] = _build_table()

#: The C module (the detector's text-wide scans, its context-word matcher, folding), or None: not
#: built, built from another source, or PII_GUARD_PURE=1; then the regexes and ``str.translate``
#: run. Loaded here once for every user (a load reads the build record and hashes the C source).
SCANNER: Final = native_module("pii_guard._scan")


def _native_fold_table() -> tuple[bytes, dict[int, int]] | None:
    """:data:`FOLD_TABLE` as :func:`pii_guard._scan.fold` reads it: a byte per BMP code point (0:
    unchanged, 0xFF: dropped, else the ASCII character it folds to) and a dict past the BMP; None
    where a character folds to more than one ASCII character (then ``str.translate`` runs)."""
    bmp = bytearray(0x10000)
    wide: dict[int, int] = {}
    for cp, to in FOLD_TABLE.items():
        if len(to) != 1 or not to.isascii() or (to == chr(cp) and to != _DROP):
            return None
        code = 0xFF if to == _DROP else ord(to)
        if cp < 0x10000:
            bmp[cp] = code
        else:
            wide[cp] = code
    return bytes(bmp), wide


_NATIVE_FOLD: Final = _native_fold_table() if SCANNER is not None else None
#: The ASCII characters folding changes: a tab, "~" and "_" typed as dashes, square brackets.
ASCII_FOLDED: Final = "".join(sorted(chr(cp) for cp, to in FOLD_TABLE.items() if cp < 128 and to != chr(cp)))
#: Those of them a printable text may hold ("~", "_", brackets): ``str.isprintable`` rules out the rest.
_PRINTABLE_ASCII_FOLDED: Final = "".join(ch for ch in ASCII_FOLDED if ch.isprintable())


def folds_unchanged(text: str) -> bool:
    """Whether :func:`fold` and ``str.translate(FOLD_TABLE)`` give ``text`` back as it is: ASCII
    with none of the few ASCII characters they change.

    Most candidates and values are such (``138-1234-5678``, ``6222 0212 3456 7890``), and a
    translate through a dict costs several times a scan for five characters.

    >>> folds_unchanged("138-1234-5678"), folds_unchanged("138_1234_5678"), folds_unchanged("１３８")
    (True, False, False)
    """
    if not text.isascii() or not text.isprintable():  # a tab, a control character (dropped)
        return False
    for ch in _PRINTABLE_ASCII_FOLDED:
        if ch in text:
            return False
    return True


def fold(text: str) -> str:
    """Fold full-width forms, spaces, dashes, brackets; drop zero-width characters.

    >>> fold("１３８\u3000１２３４－５６７８\u200b")
    '138 1234-5678'
    """
    if folds_unchanged(text):
        return text
    if _NATIVE_FOLD is not None:
        folded: str = _native_fold(text, False)[0]
        return folded
    return text.translate(FOLD_TABLE).replace(_DROP, "")


#: The characters :func:`fold` leaves out, as a class (the pure-Python reading of :func:`dropped_at`).
_LEFT_OUT: Final = re.compile("[" + char_ranges(_DROP + ZERO_WIDTH) + "]")


def dropped_at(text: str, lo: int = 0, hi: int | None = None) -> int:
    """The first index from ``lo`` to ``hi`` (clipped to the text, as a regex's ``pos`` and
    ``endpos`` are) of a character :func:`fold` leaves out (a zero-width one), or -1.

    Asked before folding a long text, to fold only where it changes something; the C scanner's
    table look-up is ~15× the regex's character class of 300-odd code points.
    """
    end = len(text) if hi is None else hi
    if _NATIVE_FOLD is not None:
        return _native_dropped(text, lo, end)
    match = _LEFT_OUT.search(text, max(0, lo), end)
    return -1 if match is None else match.start()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` and return ``(folded, index)``.

    ``index[i]`` is the position in ``text`` of folded character ``i``; it is
    ``None`` when nothing was dropped, meaning the map is the identity (the
    common case, which then costs one ``str.translate``).

    >>> fold_with_offsets("13\u200b8")
    ('138', [0, 1, 3])
    >>> fold_with_offsets("１３８")
    ('138', None)
    """
    if folds_unchanged(text):
        return text, None
    if _NATIVE_FOLD is not None:
        return _native_fold(text, True)  # the same, one table look-up a character
    folded = text.translate(FOLD_TABLE)
    if _DROP not in folded:
        return folded, None
    index = [i for i, ch in enumerate(folded) if ch != _DROP]
    return folded.replace(_DROP, ""), index


def _native_dropped(text: str, lo: int, hi: int) -> int:
    scanner: Any = SCANNER
    table: Any = _NATIVE_FOLD
    at: int = scanner.dropped(text, table[0], table[1], lo, hi)
    return at


def _native_fold(text: str, with_index: bool) -> tuple[str, list[int] | None]:
    scanner: Any = SCANNER
    table: Any = _NATIVE_FOLD
    result: tuple[str, list[int] | None] = scanner.fold(text, table[0], table[1], with_index)
    return result


#: HTML's named spaces and the markup characters (``185&nbsp;7620&nbsp;5151`` in a table cell).
_HTML_NAMED: Final = {"nbsp": "\u00a0", "ensp": "\u2002", "emsp": "\u2003", "thinsp": "\u2009", "amp": "&", "lt": "<",
               "gt": ">", "quot": '"', "apos": "'",
               # … and those that hide a gap between digits from a filter (138&shy;1234&ZeroWidthSpace;5678)
               "shy": "\u00ad", "ZeroWidthSpace": "\u200b", "zwnj": "\u200c", "zwj": "\u200d", "NoBreak": "\u2060",
               "lrm": "\u200e", "rlm": "\u200f", "numsp": "\u2007", "puncsp": "\u2008", "hairsp": "\u200a",
               "hyphen": "\u2010", "dash": "\u2010", "ndash": "\u2013", "minus": "\u2212"}
#: Escapes that carry digits and text past a detector reading raw text: JSON/Python ``\\uXXXX``
#: and ``\\xNN``, URL ``%XX`` runs (UTF-8), HTML/XML ``&#NN;`` / ``&#xHH;`` (the ``;`` left out too,
#: as HTML reads ``&#49&#51&#56``) and the named ones above, and the one-letter escapes of JSON and C strings (``"备注\\n138…"`` in a log line: the
#: ``n`` would glue to the number).
#: HTML's ``<br>`` is read as the line break it stands for.
#: Backslashes before an escape are one escape (doubly escaped JSON, a JSON document inside a JSON
#: string, writes ``\\\\u0031``: every digit would otherwise keep a backslash before it). Quoted-printable
#: (the body encoding of e-mail) ``=E6=89=8B`` runs are read where they are UTF-8 for non-ASCII
#: text, and its soft line breaks (``=`` at a line end) vanish, in a text that holds such a run.
#: HTML tags that format text inline (``<b>138</b>1234 5678``, ``186</span><span>2845``) are no gap
#: between digits and read as nothing there; elsewhere they read as a space, a boundary
#: (``<q>a</q>138…``: no letter glued to the number). A tag that ends a cell or a line (td, br,
#: p …) or marks a footnote (sup) is left as it is, a boundary between values. A quoted-printable
#: soft line break reads as nothing too, and so do the marks of an XML CDATA section
#: (``<Mobile>138<![CDATA[1234]]>5678</Mobile>``, which an XML parser reads as 13812345678) and an
#: XML processing instruction (``1381234<?x y?>5678``, which a parser's text leaves out).
#: The HTML elements that format text inline, whose tags are read as nothing between digits (here)
#: and that a replaced span is widened over (the detector's ``_whole_elements``); in any case.
#: ``wbr`` (a word-break opportunity, never shown: mail clients and editors put it inside long
#: digit runs, 3601<wbr>02196205152866) has no closing tag.
INLINE_TAG_NAMES: Final = ("b", "i", "u", "s", "q", "em", "strong", "span", "font", "mark", "small", "big", "wbr")
#: Those of :data:`INLINE_TAG_NAMES` that are void elements: no closing tag to widen a span over.
VOID_TAG_NAMES: Final = frozenset({"wbr"})
_INLINE_TAG_NAME: Final = "(?i:" + "|".join(sorted(INLINE_TAG_NAMES, key=len, reverse=True)) + ")"
_INLINE_TAG_PATTERN: Final = (r"(?:</?" + _INLINE_TAG_NAME + r"(?:\s[^<>]{0,80})?/?>"
                               r"|<!--(?:(?!-->)[^<]){0,200}-->|<!\[CDATA\[|\]\]>|<\?[A-Za-z_][^<>?]{0,80}\?>)+")
_BETWEEN_DIGITS: Final = frozenset("0123456789０１２３４５６７８９ -\u3000")
_READ_AS_NOTHING: Final = _INLINE_TAG_PATTERN + r"|=\r?\n"
_LINE_BREAK_TAG_PATTERN: Final = r"<[bB][rR]\s*/?>"
#: Line breaks other than LF and CRLF: a CR alone (old Mac text, a progress line) and Unicode's line
#: and paragraph separators, read as the LF they stand for (a number broken by one is read as one
#: broken by a line break), one character for one.
_OTHER_LINE_BREAK_PATTERN: Final = "\r(?!\n)|\u2028|\u2029"
#: A space escaped twice, read between two digits alone (166%25208218%25202093: a grouped number in a
#: URL put into another one's query); other twice-escaped bytes only two or more in a row.
_SPACE_TWICE_ESCAPED: Final = "%2520"
_ESCAPE_PATTERN: Final = (_LINE_BREAK_TAG_PATTERN + "|" + _OTHER_LINE_BREAK_PATTERN + r"|\\+u[0-9a-fA-F]{4}|\\+x[0-9a-fA-F]{2}|\\+[nrtbf\"/-]|(?<=[0-9])\\N(?=[0-9])|\\\r?\n[ \t]*|(?<=[0-9])" + _SPACE_TWICE_ESCAPED + r"(?=[0-9])|(?:%25[0-9a-fA-F]{2}){2,}|(?:%[uU][0-9a-fA-F]{4})+|(?:%[0-9a-fA-F]{2})+|&#[0-9]{1,7};?|&#[xX][0-9a-fA-F]{1,6};?"
                          "|&(?:" + "|".join(_HTML_NAMED) + ");")
#: Each opens with one of a few characters, and a lookahead of them first lets re skip to those (a
#: bare alternation gives it no prefix to skip by: it tries every branch at every character, 3–6x slower).
_ESCAPE: Final = re.compile(f"(?=[\\\\%&<\r\u2028\u2029])(?:{_ESCAPE_PATTERN})")
#: The same with quoted-printable runs and what reads as nothing: only for a text that holds them
#: (a regex of these alternatives scans four times slower, and "<" and "=" are common).
_ESCAPE_MORE: Final = re.compile(f"(?=[\\\\%&=<\\]\r\u2028\u2029])(?:{_ESCAPE_PATTERN}|(?:=[0-9A-F]{{2}}){{2,}}|{_READ_AS_NOTHING})")
_INLINE_TAG: Final = re.compile(_INLINE_TAG_PATTERN)
_ONE_INLINE_TAG: Final = re.compile(_INLINE_TAG_PATTERN.removesuffix("+"))
#: HTML's line break, read as one (its own escape above): a number broken by it is read as one
#: broken by a line break, under the same rules (159<br>93633030 in a page's cell).
_LINE_BREAK_TAG: Final = re.compile(_LINE_BREAK_TAG_PATTERN)
#: What a raw span may end with that decodes to nothing (a closing tag after the number's digits):
#: not part of the number.
TRAILING_NOTHING: Final = re.compile(f"(?:{_READ_AS_NOTHING})+\\Z")
#: A quoted-printable byte of a multi-byte UTF-8 character: a text without one holds no such encoding.
_QUOTED_PRINTABLE: Final = re.compile("=[C-F][0-9A-F]=[89AB][0-9A-F]")
#: A GB18030 character of four bytes percent-encoded with its ASCII digits as they are: a byte
#: 0x81-0xFE, a digit, another, a digit.
_FOUR_BYTE_GB18030: Final = re.compile("%(?:8[1-9A-Fa-f]|9[0-9A-Fa-f]|[A-Fa-f][0-9A-Fa-f])[0-9]%(?:8[1-9A-Fa-f]|9[0-9A-Fa-f]|[A-Fa-f][0-9A-Fa-f])[0-9]")


def _in_four_byte_gb18030(text: str, at: int) -> bool:
    """Whether the escape at ``text[at]`` is the first or the third byte of a percent-encoded
    GB18030 character of four bytes (:data:`_FOUR_BYTE_GB18030`)."""
    return _FOUR_BYTE_GB18030.match(text, at) is not None or (at >= 4 and _FOUR_BYTE_GB18030.match(text, at - 4) is not None)


#: A run of byte escapes escaped twice (%2531%2533: "%31%33"), two or more.
_TWICE_ESCAPED: Final = re.compile("(?:%25[0-9a-fA-F]{2}){2,}")
#: (\- : Markdown's; \N : a subtitle's soft line break, ASS/SSA, read between digits only: 199119\N51104)
_SIMPLE_ESCAPES: Final = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "/": "/", "-": "-",
                          "N": "\n"}


def _byte_escape_offsets(start: int, chars: str, size: int, width: int = 3) -> list[int]:
    """Where each character decoded from a run of ``size`` byte escapes of ``width`` characters
    (``%E6``, ``=E6``; ``%2531``, escaped twice) starting at ``start`` begins: one escape a
    character where they are as many (ASCII, or bytes read one by one), else as many as the
    character's UTF-8 bytes."""
    if len(chars) == size:
        return [start + width * i for i in range(size)]
    offsets: list[int] = []
    byte = 0
    for ch in chars:
        offsets.append(start + width * byte)
        byte += len(ch.encode("utf-8"))
    return offsets


def _other_line_break(text: str) -> bool:
    """Whether ``text`` holds a line break that is neither LF nor CRLF (:data:`_OTHER_LINE_BREAK_PATTERN`)."""
    return "\u2028" in text or "\u2029" in text or ("\r" in text and text.count("\r") != text.count("\r\n"))


def _has_tag(text: str, tag: re.Pattern[str]) -> bool:
    """Whether ``text`` holds a ``tag`` (:data:`_INLINE_TAG`, :data:`_LINE_BREAK_TAG`), tried at
    each "<" only: the inline-tag regex, with no literal to skip to, tests every character (15 µs
    on a 1 KB line)."""
    match = tag.match
    i = text.find("<")
    while i >= 0:
        if match(text, i) is not None:
            return True
        i = text.find("<", i + 1)
    return False


def inside_markup(text: str, at: int) -> bool:
    """Whether ``text[at]`` lies inside markup that :func:`decode_escapes` reads as nothing or as
    a space: an inline tag's attributes (``<span title="手机…">``), an HTML comment, an XML
    processing instruction. What they hold is text the decoded reading never sees, so the raw
    reading's numbers there are kept (a comment is no hiding place), unlike a reading that starts
    inside an escape's own characters. None of them holds a "<", so the last one before ``at``
    opens the markup ``at`` may be in."""
    opening = text.rfind("<", 0, at)
    if opening < 0:
        return False
    markup = _ONE_INLINE_TAG.match(text, opening)  # one, not the run after it: linear over a run of tags
    return markup is not None and markup.end() > at


def decode_escapes(text: str) -> tuple[str, list[int] | None]:
    """Decode escapes for detection, with an offset map back to ``text``.

    Returns ``(decoded, index)`` where ``index[i]`` is the offset in ``text``
    of decoded character ``i`` and ``index[len(decoded)] == len(text)``;
    ``index`` is ``None`` when there was nothing to decode.

    >>> decode_escapes("a" + chr(92) + "u0031b%32")
    ('a1b2', [0, 1, 7, 8, 11])
    """
    if "{" in text and rtf.is_rtf(text):
        # an RTF document (a CRM's rich-text note): read as an RTF reader shows it, its escapes
        # and control words its own (\\u25163? is decimal, \\b a bold run), see pii_guard.rtf
        return rtf.decode(text)
    quoted_printable = "=" in text and _QUOTED_PRINTABLE.search(text) is not None
    more = quoted_printable or _has_tag(text, _INLINE_TAG)
    if ("\\" not in text and "%" not in text and ("&" not in text or (";" not in text and "&#" not in text)) and not more
            and not _has_tag(text, _LINE_BREAK_TAG) and not _other_line_break(text)):
        return text, None
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    found = False
    for m in (_ESCAPE_MORE if more else _ESCAPE).finditer(text):
        raw = m.group()
        offsets: list[int]
        if raw[0] == "=":
            if raw[1] in "\r\n":
                if not quoted_printable:
                    continue  # "a =⏎" in code: no quoted-printable text here
                chars, offsets = "", []  # a soft line break
            elif not quoted_printable:
                continue  # key=value, a=1B2C: no quoted-printable text here
            else:
                data = bytes.fromhex(raw.replace("=", ""))
                try:
                    chars = data.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                offsets = _byte_escape_offsets(m.start(), chars, len(data))
        elif raw[0] == "<" and _LINE_BREAK_TAG.fullmatch(raw) is not None:
            chars, offsets = "\n", [m.start()]  # a line break (159<br>93633030): read as one
        elif raw in ("\r", "\u2028", "\u2029"):
            chars, offsets = "\n", [m.start()]  # a CR alone, a line or paragraph separator
        elif raw[0] in "<]":  # inline tags, CDATA marks: nothing between digits, a boundary elsewhere
            before = text[pos : m.start()] or (pieces[-1] if pieces else "")  # as decoded so far
            after = text[m.end() : m.end() + 1]
            joined = (before[-1:] in _BETWEEN_DIGITS and before != ""
                      and after != "" and (after in _BETWEEN_DIGITS or after in "&%\\"  # or an escaped digit
                                           # or an ID's check character, one digit a span (…4</span><span>X</span>)
                                           or (after in "XxＸｘ" and not text[m.end() + 1 : m.end() + 2].isalnum())))
            chars, offsets = ("", []) if joined else (" ", [m.start()])
        elif raw[1] in "uU":
            # %u0031 (IIS, ASP.NET's UrlDecode, JavaScript's unescape): one UTF-16 unit each
            chars = "".join(chr(int(raw[k + 2 : k + 6], 16)) for k in range(0, len(raw), 6))
            offsets = [m.start() + 6 * k for k in range(len(chars))]
        elif raw.startswith("%25") and (raw == _SPACE_TWICE_ESCAPED or _TWICE_ESCAPED.fullmatch(raw) is not None):
            # escaped twice (%2531%2533…: a URL put into another one's query), read as the app's
            # second unquote reads it, at least two in a row ("50%25 31" is a percent sign), or a
            # space between two digits (166%25208218%25202093: a grouped number's spaces)
            data = bytes.fromhex(raw.replace("%25", ""))
            try:
                chars = data.decode("utf-8")
            except UnicodeDecodeError:
                chars = data.decode("latin-1")
            offsets = _byte_escape_offsets(m.start(), chars, len(data), 5)
        elif raw[0] == "%":
            data = bytes.fromhex(raw.replace("%", ""))
            try:
                chars = data.decode("utf-8")
            except UnicodeDecodeError:
                # byte by byte: one bad byte must not hide the rest (a C1 control, which folding
                # drops, joins the digits around it, as a zero-width character does: 1391234%805678)
                chars = data.decode("latin-1")
                if len(data) == 1 and data[0] < 0xA0 and _in_four_byte_gb18030(text, m.start()):
                    # except the lead or third byte of a GB18030 character of four bytes, whose
                    # second and fourth are ASCII digits (%819%8113912345678): an app's UTF-8 reading
                    # makes U+FFFD of it and reads the digits around it apart, a mobile here
                    chars = "\ufffd"
            offsets = _byte_escape_offsets(m.start(), chars, len(data))
        elif raw[0] == "&" and raw[1] != "#":
            chars, offsets = _HTML_NAMED[raw[1:-1]], [m.start()]
        elif raw[0] == "&":
            number = raw.rstrip(";")
            code = int(number[3:], 16) if raw[2] in "xX" else int(number[2:])
            if code > 0x10FFFF:
                continue
            chars, offsets = chr(code), [m.start()]
        elif raw[1] in "\r\n":
            # a line continued (YAML's "1381234\⏎  5678", C's, the shell's): read as the line break
            # it hides, so that a number broken there is read across it as any broken number is,
            # and two whole numbers on the two lines stay two
            chars, offsets = "\n", [m.start()]
        else:
            body = raw.lstrip("\\")
            chars = _SIMPLE_ESCAPES[body] if len(body) == 1 else chr(int(body[1:], 16))
            offsets = [m.start()]
        found = True
        pieces.append(text[pos : m.start()])
        index.extend(range(pos, m.start()))
        pieces.append(chars)
        index.extend(offsets)
        pos = m.end()
    if not found:
        return text, None
    pieces.append(text[pos:])
    index.extend(range(pos, len(text)))
    index.append(len(text))
    return "".join(pieces), index
