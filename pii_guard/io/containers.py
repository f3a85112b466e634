"""What a file holds by its first bytes, whatever its name says, and how to read through
compression and ZIP archives.

An audited estate names files carelessly: a workbook saved as ``export.csv``, a gzip of an export
called ``export2.csv``, a Parquet file copied to ``lake.log``. Read by their names, they decode as
noise with no digits in it, and the scan reports a clean file. So the bytes decide: known formats
by their magic numbers, compressed files (gzip, bzip2, xz) read through, ZIP archives (``.zip``
and Office files, which are ZIP archives of XML) member by member, and anything else that is not
text is listed as skipped with the reason — never counted as clean.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from typing import IO, Final

from pii_guard.io.encodings import text_sample_encoding

#: Compressed formats read through, by magic number (a rotated ``app.log.3.gz``, an archived
#: ``customers_2023.csv.bz2``), and the suffixes that name them.
_COMPRESSED: Final = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"))
COMPRESSED_SUFFIXES: Final = frozenset({".gz", ".gzip", ".bz2", ".xz"})
#: Formats read as what they are, whatever their name.
_READ: Final = ((b"PAR1", "parquet"), (b"SQLite format 3\x00", "sqlite"), (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"))
#: Formats pii-guard does not read, named in the reason a file is skipped.
_NOT_READ: Final = ((b"%PDF-", "a PDF document"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (.xls/.doc)"),
                    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"),
                    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
                    (b"\x7fELF", "an executable"), (b"PGDMP", "a PostgreSQL custom-format dump"))
#: How many bytes :func:`sniff` needs (a tar archive's mark stands at offset 257).
MAGIC_BYTES: Final = 265
#: Characters no text file holds (C0 controls but tab, line breaks, form feed and escape): past
#: this share of a sample, the content is binary. Bytes that do not decode are no sign of it: a
#: log with GBK lines among UTF-8 ones is text, and each of its lines is read as best it can be;
#: nor are NULs, which logrotate's copytruncate leaves at the start of a log written on into
#: (binary content holds the other controls too).
_NOT_TEXT: Final = frozenset(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c\x1b")
#: Hive's delimiters (fields, collection items, map keys): text where they part more text (at least
#: four other characters to each), as they do in its exports; not where they stand alone.
_HIVE_DELIMITERS: Final = frozenset("\x01\x02\x03")
_BINARY_SHARE: Final = 0.02


def compression(magic: bytes) -> str | None:
    """The compressed format ``magic`` (a file's first bytes) opens, or None."""
    return next((name for mark, name in _COMPRESSED if magic.startswith(mark)), None)


def sniff(magic: bytes) -> tuple[str | None, str | None]:
    """``(kind, None)`` for a format read as itself (``parquet``, ``sqlite``, ``zip``),
    ``(None, reason)`` for one that is not read, ``(None, None)`` where the bytes say nothing."""
    for mark, kind in _READ:
        if magic.startswith(mark):
            return kind, None
    for mark, name in _NOT_READ:
        if magic.startswith(mark):
            return None, name
    if magic[257:262] == b"ustar":
        return None, "a tar archive"
    return None, None


def is_text(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes, decompressed) reads as text in the encoding scan
    would read it in (:func:`~pii_guard.io.encodings.text_sample_encoding`: a BOM's, UTF-16 by its
    NULs, UTF-8 or GB18030): at most :data:`_BINARY_SHARE` of its characters are controls no text
    holds. A stray NUL in a database export does not make it binary."""
    if not head:
        return True
    text = head.decode(text_sample_encoding(head), errors="replace").replace("\x00", "")
    controls = sum(1 for ch in text if ch in _NOT_TEXT)
    if controls <= _BINARY_SHARE * len(text):
        return True
    hive = sum(1 for ch in text if ch in _HIVE_DELIMITERS)
    return 0 < hive and len(text) - hive >= 4 * hive and controls - hive <= _BINARY_SHARE * len(text)


def gzip_header_names(path: str | os.PathLike[str]) -> list[str]:
    """The file name and the comment a gzip file's header holds (RFC 1952: ``gzip
    customers_138….csv`` records the name, which stays in the bytes when the file is renamed), read
    as UTF-8 where they are that, else as GB18030 (Linux gzip writes the name's bytes as they are)."""
    with open(path, "rb") as handle:
        head = handle.read(10)
        if len(head) < 10 or head[:2] != b"\x1f\x8b":
            return []
        flags = head[3]
        if flags & 0x04:  # FEXTRA: two bytes of length, then the field
            size = handle.read(2)
            handle.seek(int.from_bytes(size, "little"), os.SEEK_CUR)
        found: list[str] = []
        for flag in (0x08, 0x10):  # FNAME, FCOMMENT: each ends with a zero byte
            if not flags & flag:
                continue
            raw = bytearray()
            while len(raw) < 65536 and (byte := handle.read(1)) not in (b"", b"\x00"):
                raw += byte
            try:
                found.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                found.append(raw.decode("gb18030", "replace"))
    return found


def open_file(path: str | os.PathLike[str]) -> IO[bytes]:
    """A file's bytes, read through its compression (by its magic number, not its name)."""
    with open(path, "rb") as handle:
        magic = handle.read(8)
    kind = compression(magic)
    if kind == "gzip":
        return gzip.open(path, "rb")
    if kind == "bzip2":
        return bz2.open(path, "rb")
    if kind == "xz":
        return lzma.open(path, "rb")
    return open(path, "rb")
