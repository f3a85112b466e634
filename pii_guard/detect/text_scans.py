"""Where the ``text`` recognizers (e-mail, and a compliance engineer's own entities with a trigger
literal) read a text, and the e-mail address's own readings.

A text recognizer's regex runs only in windows around its trigger (:func:`trigger_windows`),
cut further to the characters a match can hold. An address gets two readings no other entity
needs: across a line break that wrapped it (:func:`address_wraps`) and with an input method's
full-width dots in its domain (:func:`domain_dots_read`). The scan itself is
:meth:`pii_guard.detect.detector.Detector._scan_text`.
"""

from __future__ import annotations

import re
from typing import Final

from pii_guard.normalise import FOLD_TABLE, dropped_at


#: How far before a trigger's window a pattern may look (a lookbehind at the window's first character).
LOOKBEHIND_MARGIN: Final = 16


def zero_width_near(text: str, trigger: str | None, window: tuple[int, int]) -> bool:
    """Whether a zero-width character lies between the first trigger's window and the last one's
    (a margin for a lookbehind included): only there does dropping one change what a window holds.
    Elsewhere the fold would move every window by the same count and change nothing in any, and
    a folded copy of a long text costs more than its scan (a chat export with one zero-width
    character in a number and an address a screen away)."""
    if trigger is None:
        return dropped_at(text) >= 0
    first = text.find(trigger)
    if first < 0:
        return False
    lo = max(0, first - window[0] - LOOKBEHIND_MARGIN)
    hi = min(len(text), text.rfind(trigger) + len(trigger) + window[1] + LOOKBEHIND_MARGIN)
    return dropped_at(text, lo, hi) >= 0


#: Characters an address piece holds beyond the run of address characters around its "@" on each
#: side (:meth:`Detector._scan_addresses`): what folding may join to the run, and the lookbehind.
ADDRESS_PIECE_MARGIN: Final = 80


def trigger_windows(text: str, trigger: str | None, window: tuple[int, int],
                     alphabet: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """The spans a text recognizer searches: ``window`` around each trigger, merged where they overlap.

    A regex that cannot open with a literal scans slowly, so it never scans the whole text, and
    every character is scanned once however many triggers there are. No trigger: the whole text.
    With the ``alphabet`` every match is made of (:func:`match_alphabet`), each window is cut
    further to the run of those characters around each trigger in it: in complaint text an
    address is a short run of Latin letters in Chinese, and its 320-character window held the
    numbers and amounts around it, where the regex tried a match at every Latin run.
    """
    if trigger is None:
        return [(0, len(text))]
    before, after = window
    windows: list[tuple[int, int]] = []
    i = text.find(trigger)
    while i >= 0:
        lo, hi = max(0, i - before), min(len(text), i + len(trigger) + after)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
        i = text.find(trigger, i + 1)
    if alphabet is None:
        return windows
    runs: list[tuple[int, int]] = []
    for lo, hi in windows:
        i = text.find(trigger, lo, hi)
        while i >= 0:
            start, end = i, i + len(trigger)
            while start > lo and text[start - 1] in alphabet:
                start -= 1
            while end < hi and text[end] in alphabet:
                end += 1
            if runs and start <= runs[-1][1]:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
            i = text.find(trigger, end, hi)  # a trigger inside the run was read with it
    return runs


#: The trigger of e-mail addresses, which get two readings of their own: across a line break
#: (address_wraps) and with an input method's dots (domain_dots_read).
ADDRESS_TRIGGER: Final = "@"


#: The characters of an address, on both sides of a line break that wraps one.
_ADDRESS_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-@")


def _breaks_between_address_characters(text: str) -> list[tuple[int, int]]:
    """Each line break (``\\n`` or ``\\r\\n``) with an address character right before and after it.

    Found from each ``\\n`` (a regex opening with a lookbehind tried every character of a long
    text, about 10 ns each)."""
    breaks: list[tuple[int, int]] = []
    size = len(text)
    i = text.find("\n")
    while i >= 0:
        start = i - 1 if i and text[i - 1] == "\r" else i
        if start and text[start - 1] in _ADDRESS_CHARS and i + 1 < size and text[i + 1] in _ADDRESS_CHARS:
            breaks.append((start, i + 1))
        i = text.find("\n", i + 1)
    return breaks


_ADDRESS_TAIL: Final = re.compile(r"[A-Za-z0-9._%+\-@]+\Z")


#: The most digits a QQ number has (a QQ mail address's local part: 123456789@qq.com).
_QQ_DIGITS: Final = 11


#: The rest of a local part and its "@", then a domain's first character.
_LOCAL_PART_TO_AT: Final = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9]")


#: A domain after an "@", where the dots a Chinese input method types (lina@foxmail。com,
#: vip．163．com) are read as ".".
_DOMAIN_AFTER_AT: Final = re.compile("@[A-Za-z0-9\\-.．。]+")


#: Such a domain holding one of those dots: the only ones there is anything to read in.
_WIDE_DOT_AFTER_AT: Final = re.compile("@[A-Za-z0-9\\-.．。]*[．。]")


#: A domain that already ends with a top-level label: a dot after it ends the sentence.
_COMPLETE_DOMAIN: Final = re.compile(r"\.[A-Za-z]{2,24}\Z")


#: The label a domain that ends in a dot at a line's end may go on with on the next line
#: (zhang@pingan.com.⏎cn): a country's code or a generic top-level label, then no more of a word.
_WRAPPED_LABEL: Final = re.compile(r"(?:cn|com|net|org|edu|gov|hk|tw|mo)(?![A-Za-z0-9\-])")


#: Such a dot inside a domain: what follows it runs to the end of the address, not on into the
#: local part of the next one (…ddd.com。bin1234@gmail.com: the 。 ends a sentence there).
_DOMAIN_DOT: Final = re.compile("[．。](?=[A-Za-z0-9\\-]+(?:[.．。][A-Za-z0-9\\-]+)*(?![A-Za-z0-9._%+\\-@]))")


def address_wraps(text: str, labels: tuple[str, ...] = ()) -> str | None:
    """``text`` with the line breaks inside an e-mail address made zero-width (one for one), or None.

    A screenshot's text wraps wherever the line ends (``wuting⏎@sohu.com``, ``xu.⏎hui34@…``,
    ``a@so⏎hu.com``, ``邮箱tiantia⏎nchen@…``). A break is inside an address when address
    characters touch it on both sides and the "@" or a dot is right there, an unfinished domain
    is behind it, or one of ``labels`` stands right before the line's last word and the next line
    goes on to the "@" (``邮箱：tiantia⏎nchen@…``); ``Email⏎abc@qq.com`` (a label on the line
    before), ``账号：6222…⏎abc@qq.com`` (another value) and ``abc@qq.com⏎App…`` are left alone.
    """
    breaks: list[tuple[int, int]] = []
    for m in _breaks_between_address_characters(text):
        left = _ADDRESS_TAIL.search(text, max(0, m[0] - 64), m[0])
        before = left.group() if left is not None else ""
        after = text[m[1]]
        if "@" in before:
            domain = before.rsplit("@", 1)[1]
            if _COMPLETE_DOMAIN.search(domain) is None:  # abc@qq.com⏎App: no
                if (domain.endswith(".") and _COMPLETE_DOMAIN.search(domain, 0, len(domain) - 1) is not None
                        and _WRAPPED_LABEL.match(text, m[1]) is None):
                    continue  # a sentence's full stop after a whole address (a.b@gmail.com.⏎Thanks)
                breaks.append(m)
        elif after in "@." or before.endswith("."):
            breaks.append(m)
        elif before and _labelled(text, m[0] - len(before), labels):
            rest = _LOCAL_PART_TO_AT.match(text, m[1])
            # 邮箱tiantia⏎nchen@cmbchina.com: the local part wrapped. A line ending in digits only is
            # the head of a QQ address only if the whole local part is one (5–11 digits: 邮箱：2684⏎518@qq.com);
            # 邮箱：6222…⏎abc@qq.com ends with another value, a card, which is no address's head
            if rest is not None and (not before.isdigit() or (rest.group()[:-2].isdigit()
                                                               and len(before) + len(rest.group()) - 2 <= _QQ_DIGITS)):
                breaks.append(m)
    if not breaks:
        return None
    chars = list(text)
    for start, end in breaks:
        for i in range(start, end):
            chars[i] = "\u200b"
    return "".join(chars)


def _labelled(text: str, at: int, labels: tuple[str, ...]) -> bool:
    """Whether one of ``labels`` ends right before ``at`` (a colon or a space between them)."""
    head = text[max(0, at - 16) : at].rstrip(" :：\u3000")
    return bool(head) and head.endswith(labels)


def domain_dots_read(text: str) -> str:
    """``text`` with the input method's dots inside a domain after an "@" read as "." (one for one).

    Only where the domain is not complete yet: in ``foxmail。com`` the 。 is the domain's dot, in
    ``qq.com。App显示…`` it ends the sentence.
    """
    if _WIDE_DOT_AFTER_AT.search(text) is None:
        return text  # the common case: every domain after an "@" is ASCII (a sentence's 。 is elsewhere)
    chars: list[str] | None = None
    for m in _DOMAIN_AFTER_AT.finditer(text):
        if "。" not in m.group() and "．" not in m.group():
            continue  # the common case: an ASCII domain
        for i in range(m.start() + 1, m.end()):
            if text[i] in "．。" and _DOMAIN_DOT.match(text, i) is not None:
                domain = "".join(chars[m.start() + 1 : i]) if chars is not None else text[m.start() + 1 : i]
                if _COMPLETE_DOMAIN.search(domain) is None:
                    if chars is None:
                        chars = list(text)
                    chars[i] = "."
    return text if chars is None else "".join(chars)


#: The mail headers whose values name messages, not mailboxes (Message-ID: <CAH…+8783=1012@mail.gmail.com>,
#: a reply's References: and In-Reply-To:, an attachment's Content-ID:), lower-cased.
_MESSAGE_ID_HEADERS: Final = ("message-id:", "in-reply-to:", "references:", "content-id:", "resent-message-id:")
_LONGEST_MESSAGE_ID_HEADER: Final = max(map(len, _MESSAGE_ID_HEADERS))
#: The most characters of a message's id before its "@" that are looked through for its "<".
_LONGEST_MESSAGE_ID: Final = 256
#: How many lines up a folded header's continuation lines are followed to its name.
_MOST_FOLDED_LINES: Final = 32


def in_message_id_header(text: str, at: int) -> bool:
    """Whether ``text[at]`` lies in an id in angle brackets that is the value of a header naming
    messages (:data:`_MESSAGE_ID_HEADERS`), on its line or a continuation line (RFC 5322 folds a long
    header onto lines that open with a space or a tab: References: <a@b>⏎ <c@d>), nothing but
    such ids between the header's name and it. A message's id looks like an address (its host after
    an "@") and is none; the header's name may stand far before it, past the context window, and a
    quoted reply's "> " before it. Not an address in prose after such a word (References: 请联系
    zhang.san@163.com, In-Reply-To: 张三 <…>), nor one in a header after it on the same line (a
    header block flattened: Message-ID: <…> From: 王芳 <…>) or on the next line.
    """
    lo = max(0, at - _LONGEST_MESSAGE_ID)
    bracket = max(text.rfind("<", lo, at), text.rfind("\u2039", lo, at))
    entity = text.rfind("&lt;", lo, at)
    if entity >= 0 and entity + 3 > bracket:
        bracket = entity + 3
    if bracket < 0 or any(ch.isspace() or ch == ">" for ch in text[bracket + 1 : at]):
        return False
    line = text.rfind("\n", 0, bracket) + 1
    for _ in range(_MOST_FOLDED_LINES):
        if line == 0 or not text.startswith((" ", "\t"), line):
            break
        line = text.rfind("\n", 0, line - 1) + 1
    while line < bracket and text[line] in "> ":
        line += 1
    name = text[line : line + _LONGEST_MESSAGE_ID_HEADER].lower()
    header = next((h for h in _MESSAGE_ID_HEADERS if name.startswith(h)), None)
    return header is not None and _IDS_ONLY.fullmatch(text, line + len(header), bracket) is not None


#: What stands between a header's name and one of its ids: the ids before it, and white space.
_IDS_ONLY: Final = re.compile("(?:\\s*(?:<|\u2039|&lt;)[^<>\u2039\\s]*(?:>|&gt;))*\\s*")


def wide_spellings(trigger: str | None) -> tuple[str, ...]:
    """The full-width forms of ``trigger``'s characters (``＠`` for ``@``): a text holding one is
    worth folding before the patterns run."""
    if trigger is None:
        return ()
    return tuple(sorted(chr(cp) for cp, to in FOLD_TABLE.items() if to in trigger and to != chr(cp)))
