"""Read an RTF document's text, with a map back to its raw offsets, for detection.

Some CRM and call-centre systems keep an agent's notes as RTF (WordPad's and Word's rich text),
and their exports and databases hand those strings on as they are. In RTF a complaint's labels
are escapes (``\\'d6\\'a4`` for 证 in code page 936, ``\\u25163?``), and a number's digits may be
parted by formatting a reader never sees: a bold run (``18296{\\b 852861}``), a colour switch
(``150102197605\\cf1 279829``), an optional hyphen (``622\\-8482…``), a non-breaking space
(``170\\~6684\\~7608``). Read raw, the labels are lost and the number is two numbers, or its
tail joined to a control word's parameter (``\\cf1 9801…``) reads as a phone.

This is the reading an RTF reader shows, no more: control words read as nothing, ``\\par`` and
``\\line`` as a line break, ``\\tab`` and ``\\cell`` as a tab, byte escapes in the document's code
page (``\\ansicpg``, 936 where none is named: Chinese text), ``\\uN`` as its character with its
fallback skipped (``\\ucN``), and the destinations that hold no text (the font and colour tables,
a picture's hex data, ``{\\*\\…}``) skipped whole. Not a full RTF parser: fields and tables are
read as their text.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

#: Where an RTF document opens: the detector reads a text that opens so with :func:`decode`.
RTF_OPENING: Final = "{\\rtf"
_LEADING_BLANKS: Final = " \t\r\n\ufeff"
_TOKEN: Final = re.compile(r"\\'([0-9a-fA-F]{2})|\\([a-zA-Z]{1,32})(-?[0-9]{1,10})? ?|\\([^a-zA-Z])|[{}\r\n]")
#: Control words that read as a line break or a tab.
_BREAKS: Final = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t", "cell": "\t"}
#: Control symbols that read as a character (a non-breaking space and hyphen, an escaped brace
#: or backslash) or as nothing (an optional hyphen, the ignorable-destination mark).
_SYMBOLS: Final = {"~": "\u00a0", "_": "-", "-": "", "*": "", "\\": "\\", "{": "{", "}": "}", ":": ""}
#: Destinations that hold no text a reader sees: skipped to their group's end.
_NO_TEXT: Final = frozenset({"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "listtable",
                             "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata",
                             "colorschememapping", "datastore", "latentstyles", "pgdsctbl", "filetbl",
                             "revtbl", "bkmkstart", "bkmkend", "fldinst", "objdata", "blipuid"})
#: The code page of a Chinese document that names none.
_DEFAULT_CODE_PAGE: Final = "cp936"


def is_rtf(text: str) -> bool:
    """Whether ``text`` is an RTF document: it opens with ``{\\rtf`` (blanks or a byte-order mark
    before it). Not a text that holds one further on (a log line, a note quoting one): its other
    escapes are another syntax's."""
    at = 0
    size = len(text)
    while at < size and text[at] in _LEADING_BLANKS:
        at += 1
    return text.startswith(RTF_OPENING, at)


def _code_page(number: int) -> str:
    """The Python codec of an ``\\ansicpgN``, or the default where Python knows none."""
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return _DEFAULT_CODE_PAGE
    return name


def _group_end(text: str, at: int) -> int:
    """The offset past the ``}`` that closes the group whose ``{`` is at ``text[at]`` (the text's
    end where it is not closed): braces escaped with a backslash are text."""
    depth = 0
    i = at
    size = len(text)
    while i < size:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return size


def decode(text: str) -> tuple[str, list[int]]:
    """The text an RTF reader shows of ``text`` and, for each of its characters, the offset in
    ``text`` it comes from (one more entry: ``len(text)``).

    >>> decode("{\\\\rtf1 \\\\u25163?\\\\u26426?150102197605\\\\cf1 279829\\\\par}")[0]
    '手机150102197605279829\\n'
    """
    out: list[str] = []
    index: list[int] = []
    code_page = _DEFAULT_CODE_PAGE
    fallback = 1  # \ucN: how many characters stand after a \uN for readers that know no Unicode
    fallbacks: list[int] = []  # … as it was outside each open group (\ucN holds to its group's end)
    skip = 0  # of those, how many are still to skip
    pending: list[int] = []  # a run of byte escapes: their bytes
    pending_at: list[int] = []  # … and where each one starts

    def flush() -> None:
        if pending:
            chars = bytes(pending).decode(code_page, errors="replace")
            offsets = _byte_offsets(pending_at, chars, code_page)
            out.append(chars)
            index.extend(offsets)
            pending.clear()
            pending_at.clear()

    pos = 0
    size = len(text)
    while pos < size:
        m = _TOKEN.search(text, pos)
        stop = m.start() if m is not None else size
        if stop > pos:  # plain text
            flush()
            start = pos
            if skip:
                taken = min(skip, stop - pos)
                skip -= taken
                start += taken
            out.append(text[start:stop])
            index.extend(range(start, stop))
        if m is None:
            break
        pos = m.end()
        raw = m.group()
        if m.group(1) is not None:  # \'hh
            if skip:
                skip -= 1
                continue
            pending.append(int(m.group(1), 16))
            pending_at.append(m.start())
            continue
        flush()
        word = m.group(2)
        if word is not None:
            parameter = m.group(3)
            if word == "u" and parameter is not None:
                code = int(parameter)
                out.append(chr(code % 0x10000) if -0x8000 <= code <= 0xFFFF else "\ufffd")
                index.append(m.start())
                skip = fallback
            elif word == "uc" and parameter is not None:
                fallback = int(parameter)
            elif word == "ansicpg" and parameter is not None:
                code_page = _code_page(int(parameter))
            elif word in _BREAKS:
                out.append(_BREAKS[word])
                index.append(m.start())
            continue
        symbol = m.group(4)
        if symbol is not None:
            if symbol == "\n" or symbol == "\r":
                out.append("\n")  # a backslash before a line break is \par
                index.append(m.start())
            elif symbol in _SYMBOLS:
                if _SYMBOLS[symbol]:
                    out.append(_SYMBOLS[symbol])
                    index.append(m.start())
            else:
                out.append(symbol)  # no control symbol RTF knows (C:\data\1391…): the character, kept
                index.append(m.start() + 1)
            continue
        if raw == "{":
            head = _TOKEN.match(text, pos)
            if head is not None and (head.group(4) == "*" or (head.group(2) or "") in _NO_TEXT):
                pos = _group_end(text, m.start())
            else:
                fallbacks.append(fallback)
        elif raw == "}":
            skip = 0
            if fallbacks:
                fallback = fallbacks.pop()
        # a group's braces, and line breaks in the source (no text in RTF), read as nothing
    flush()
    index.append(size)
    return "".join(out), index


def raw_end(text: str, at: int) -> int:
    """Where the raw token that :func:`decode` read a character from, starting at ``text[at]``,
    ends: a finding's last character mapped back ends there, not at the next character read
    (after a group's brace or a control word that read as nothing: …5678}\\cf0)."""
    if text[at] != "\\":
        return at + 1
    m = _TOKEN.match(text, at)
    if m is None:
        return at + 1
    if m.group(1) is None:
        return m.end() - 1 if m.group().endswith(" ") else m.end()
    # a character of one or more bytes, each escaped (\'a3\'b1: a full-width 1 in code page 936)
    cp = _DECLARED_CODE_PAGE.search(text)
    code_page = _code_page(int(cp.group(1))) if cp is not None else _DEFAULT_CODE_PAGE
    data = bytearray()
    end = at
    while len(data) < _LONGEST_CHARACTER and (byte := _BYTE_ESCAPE.match(text, end)) is not None:
        data.append(int(byte.group(1), 16))
        end = byte.end()
        try:
            bytes(data).decode(code_page)
        except UnicodeDecodeError:
            continue
        return end
    return m.end()


_DECLARED_CODE_PAGE: Final = re.compile(r"\\ansicpg([0-9]{1,5})")
_BYTE_ESCAPE: Final = re.compile(r"\\'([0-9a-fA-F]{2})")
_LONGEST_CHARACTER: Final = 4  # bytes (GB18030's longest)


def _byte_offsets(starts: list[int], chars: str, code_page: str) -> list[int]:
    """Where each character decoded from a run of byte escapes starts: at the escape of its first byte."""
    if len(chars) == len(starts):
        return list(starts)
    offsets: list[int] = []
    byte = 0
    for ch in chars:
        offsets.append(starts[min(byte, len(starts) - 1)])
        try:
            byte += len(ch.encode(code_page))
        except UnicodeEncodeError:
            byte += 1  # U+FFFD for a byte that decodes to nothing
    return offsets
