"""Which encoding an exported file is in: byte-order marks, UTF-8, or GBK/GB18030.

Chinese exports arrive in UTF-8 (with or without a BOM), GBK (Excel and most Windows tools in a
Chinese locale; read as GB18030, its superset) and UTF-16 or UTF-32 with a BOM (Excel's "Unicode
text", Windows tools' logs). Reading one as another is not a cosmetic problem: a UTF-16 log read
as UTF-8 holds no ASCII digit the detector could see, so a scan would call it clean. One place
decides, for CSV, text and JSON Lines alike.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import IO, Final, Iterable, Iterator

from pii_guard.operators.tokens import TOKEN_PATTERN

#: What a byte that is not UTF-8 reads as (``surrogateescape``): one bad line is reported by its
#: number and handled by policy, and the lines after it are still read; a streamed response under
#: a UTF-8 label that holds one is no UTF-8.
UNDECODABLE: Final = re.compile("[\udc80-\udcff]")

#: Byte-order marks and the codec that reads past each (UTF-32 LE before UTF-16 LE: it opens with
#: the same two bytes). UTF-16 and UTF-32 files are written back with a mark in this machine's
#: byte order; ``utf-8-sig`` keeps a UTF-8 file's mark.
BOMS: Final = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20
#: How much of a file or stream its format (encoding, delimiter, kind) is decided from.
SAMPLE_BYTES: Final = 64 * 1024
#: Lines with bytes outside ASCII looked at to tell a GBK file from a UTF-8 one with a stray line.
_LINES_LOOKED_AT = 2000


class UnreadableInput(ValueError):
    """An input whose bytes are not what the command reads (compressed, an archive, binary, an
    encoding it does not read). The message names the kind, never the content or the path."""


def bom_codec(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``head`` names, or None."""
    for mark, codec in BOMS:
        if head.startswith(mark):
            return codec
    return None


def is_utf8(path: str | Path) -> bool:
    """Whether the whole file is UTF-8. A GBK export often opens with rows of ASCII only (ids,
    dates, amounts), so its first Chinese character may come long after any sample; one
    incremental pass (C speed, constant memory) decides."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def lines_encoding(lines: Iterable[bytes]) -> str:
    """UTF-8, unless most lines holding bytes outside ASCII are not UTF-8 (a GBK log or export:
    GB18030). A stray line of another encoding in a UTF-8 file leaves it UTF-8: that line is then
    reported by its number, and the others are read as written."""
    utf8 = other = 0
    first: bytes | None = None  # the first line outside ASCII, for the EBCDIC test below
    for line in lines:
        if line.isascii():
            continue
        if first is None:
            first = line
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            # a line cut at the end of a sample may end inside a character: not evidence
            try:
                codecs.getincrementaldecoder("utf-8")().decode(line)
                utf8 += 1
            except UnicodeDecodeError:
                other += 1
        if utf8 + other >= _LINES_LOOKED_AT:
            break
    if other > utf8:
        if first is not None and looks_like_ebcdic(first):
            raise UnreadableInput("the input looks like EBCDIC (a mainframe export), which pii-guard does not read: "
                                  "convert it to UTF-8 or GBK first")
        return "gb18030"
    return "utf-8"


def looks_like_ebcdic(data: bytes) -> bool:
    """Whether ``data`` (bytes that are no UTF-8) reads as text in EBCDIC (cp037): no ASCII line
    feed, and nine characters in ten ASCII text so read. Read as GB18030, as any bytes can be,
    a mainframe export shows no digit, and a scan would call it clean; a GBK file read as EBCDIC
    is accented letters and control codes."""
    sample = data[:4096]
    if len(sample) < 64 or b"\n" in sample:
        return False
    text = sample.decode("cp037")
    readable = sum(1 for ch in text if (ch.isascii() and ch.isprintable()) or ch in "\r\n\t\x85")
    return readable >= 0.9 * len(text)


def wide_codec(head: bytes) -> str | None:
    """UTF-16 written without a BOM (some Windows tools' logs): every other byte of ASCII text is
    NUL. Read as UTF-8 it would hold no digit the detector could see, and a scan would call it
    clean. UTF-32 too, whose every code point holds a NUL byte or two beside the ASCII one at the
    same places. None where the NULs do not fall that way."""
    even, odd = head[0:4096:2], head[1:4096:2]
    if len(odd) < 8:
        return None
    quarters = [head[k:4096:4] for k in range(4)]
    zeros = [q.count(0) / len(q) for q in quarters]
    if zeros[3] > 0.9 and zeros[2] > 0.4 and zeros[0] < 0.1:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.4 and zeros[3] < 0.1:
        return "utf-32-be"
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def text_file_encoding(path: str | Path) -> str:
    """How a text or JSON Lines file is read: by its BOM, as UTF-16 by its NUL bytes, else
    :func:`lines_encoding`."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        codec = bom_codec(head) or wide_codec(head)
        if codec is not None:
            return codec
        handle.seek(0)
        return lines_encoding(handle)


def json_codec(head: bytes) -> str:
    """The encoding of a JSON or JSON Lines input that begins with ``head``: its BOM's, else
    UTF-16 or UTF-32 by its NUL bytes (:func:`wide_codec`: a Windows tool's export; read as UTF-8
    every record was rejected, while scan read the same file), else UTF-8 (RFC 8259)."""
    return bom_codec(head) or wide_codec(head) or "utf-8"


def text_sample_encoding(sample: bytes) -> str:
    """:func:`text_file_encoding` for the first bytes of a stream (standard input)."""
    return bom_codec(sample) or wide_codec(sample) or lines_encoding(sample.splitlines())


#: The codec that counts a text's bytes as they stand in the file (a BOM is counted once, apart).
_SIZE_CODECS: Final = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def encoded_size(text: str, encoding: str) -> int:
    """How many bytes ``text`` takes in a file of ``encoding`` (progress over the input's size)."""
    return len(text.encode(_SIZE_CODECS.get(encoding, encoding), "surrogateescape"))


def bom_size(encoding: str) -> int:
    """The bytes of the mark a file of ``encoding`` opens with (counted once, at its start)."""
    return {"utf-8-sig": 3, "utf-16": 2, "utf-32": 4}.get(encoding, 0)


def encoding_name(encoding: str) -> str:
    """An encoding as a message names it (UTF-8, not utf-8-sig; GB18030 (GBK))."""
    return {"utf-8-sig": "UTF-8", "gb18030": "GB18030 (GBK)"}.get(encoding, encoding.upper())


#: A token opens with "p", a trail byte in GBK, GB18030 and Big5: after a lone lead byte that a
#: row not valid in its encoding kept (a pasted UTF-8 fragment in a GBK export: its bytes are kept
#: as they came), the two read as one character, and the token's first letter is gone. Read back,
#: that character is split into the lead byte and the "p" again (the same bytes either way).
_MERGED_TOKEN_START: Final = re.compile("([^\\x00-\\x7f])(?=g1\\.[a-z])")
_DOUBLE_BYTE: Final = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp932", "shift_jis", "cp949",
                                  "euc_kr"})


def token_starts_split(text: str, encoding: str) -> str:
    """``text``, read in ``encoding``, with each character that swallowed a token's first "p"
    written as its lead byte (a surrogate escape, which writes back as the byte) and the "p"."""
    if "g1." not in text or codecs.lookup(encoding).name not in _DOUBLE_BYTE:
        return text

    def split(m: re.Match[str]) -> str:
        char = m.group(1)
        try:
            raw = char.encode(encoding)
        except UnicodeEncodeError:
            return char
        if len(raw) == 2 and raw[1:] == b"p" and TOKEN_PATTERN.match("p" + text[m.end() :]):
            return raw[:1].decode(encoding, "surrogateescape") + "p"  # (only where a whole token follows)
        return char

    return _MERGED_TOKEN_START.sub(split, text)


class TokenSafeLines:
    """A text input read line by line with :func:`token_starts_split` applied (reveal and rekey)."""

    def __init__(self, handle: IO[str], encoding: str) -> None:
        self._handle, self._encoding = handle, encoding

    def readline(self) -> str:
        return token_starts_split(self._handle.readline(), self._encoding)

    def __iter__(self) -> Iterator[str]:
        for line in self._handle:
            yield token_starts_split(line, self._encoding)
