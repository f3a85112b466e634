"""CSV as it really arrives: any delimiter, quoted fields, UTF-8 (with or without BOM) or GBK.

Scrubbing must not re-serialise a CSV file: quoting, line endings and every
untouched byte stay as they were, so that ``pii-guard reveal`` can give the
file back byte-exact. :func:`field_spans` finds each field's raw span in a
record (with an offset map for quoted fields, where ``""`` is one character),
and :func:`rewrite` replaces only the characters of a finding.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Callable, Final, Iterator, Protocol, Sequence

from pii_guard.io.encodings import (SAMPLE_BYTES, bom_codec, encoding_name, is_utf8, text_file_encoding,
                                    text_sample_encoding, wide_codec)
from pii_guard.io.files import UNDECODABLE
from pii_guard.operators.tokens import TOKEN_PATTERN


#: The longest field read (characters). Python's csv module stops at 131,072 by default, which a
#: long complaint text, or a field that its tokens have made longer, can pass; this bound only
#: keeps an unterminated quote from reading a whole file into one field.
MAX_FIELD_CHARS = 64 << 20


class CsvError(ValueError):
    """A CSV record that cannot be read, named by its line (never its content)."""


@dataclass(frozen=True)
class CsvFormat:
    encoding: str  # "utf-8", "utf-8-sig" (BOM kept on output) or "gb18030" (a superset of GBK)
    delimiter: str = ","
    quotechar: str = '"'
    #: Excel's delimiter line ("sep=;" and its line break) before the header, or "": it is no
    #: record; :func:`records` reads past it, and a writer writes it back first
    preamble: str = ""

    @property
    def dialect(self) -> type[csv.Dialect]:
        return _dialect(self.delimiter, self.quotechar)


@lru_cache(maxsize=64)
def _dialect(delimiter: str, quotechar: str) -> type[csv.Dialect]:
    """Excel's dialect with this file's delimiter and quote character (one class per pair)."""
    return type("_Dialect", (csv.excel,), {"delimiter": delimiter, "quotechar": quotechar})


def detect(path: str | Path, encoding: str | None = None, delimiter: str | None = None) -> CsvFormat:
    """Encoding (a BOM's, else UTF-8 or GB18030 as most of its lines read: a stray GBK row in a
    UTF-8 export is then reported by its line, not the whole file refused) and delimiter (sniffed)
    of a CSV file."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if encoding is None:
        # UTF-16 with no BOM (SQL Server's bcp -w) by its NUL bytes before UTF-8, which its
        # bytes also are: read so, its header was \0i\0d\0… and every column rule lost
        encoding = bom_codec(sample) or wide_codec(sample) or ("utf-8" if is_utf8(path) else text_file_encoding(path))
    return detect_sample(sample, encoding, delimiter)


def detect_stream(sample: bytes, encoding: str | None = None, delimiter: str | None = None) -> CsvFormat:
    """:func:`detect` for a stream that cannot be read twice (standard input), from its first
    bytes (:data:`SAMPLE_BYTES` of them, as :func:`pii_guard.io.files.sample_stdin` reads):
    encoding decided as for a file (a BOM's, else UTF-8 or GB18030 as most lines read);
    ``--encoding`` decides where a GBK file opens with 64 KiB of ASCII."""
    return detect_sample(sample, encoding or text_sample_encoding(sample), delimiter)


def detect_sample(sample: bytes, encoding: str | None, delimiter: str | None) -> CsvFormat:
    """The format from the first bytes of a file: its encoding (``None``: by its BOM, else UTF-8)
    and its delimiter (``None``: sniffed, else a comma)."""
    if encoding is None:
        encoding = bom_codec(sample) or "utf-8"
    text = sample.decode(encoding, errors="ignore")
    mark = "\ufeff" if text.startswith("\ufeff") else ""  # a BOM read as text (an --encoding without -sig)
    hint = _SEP_HINT.match(text, len(mark))
    if hint is not None:  # Excel's "sep=;" line names the delimiter
        return CsvFormat(encoding, delimiter or hint.group(1), preamble=mark + hint.group())
    if delimiter is None:
        # tokens read as numbers of a mobile's length: scrub sniffed the file with its numbers, and
        # reveal must read the same rows (a token is eight times as long: the window held only the
        # first rows of a scrubbed file, and their commas won over the header's semicolons)
        plain = TOKEN_PATTERN.sub(_AS_NUMBER, text) if "pg" in text else text
        delimiter = _delimiter_of(plain[len(mark) : _SNIFFED_CHARS]) or ","
    return CsvFormat(encoding, delimiter)


#: What a token stands for while a delimiter is sniffed: as long as a mobile, no delimiter in it.
_AS_NUMBER: Final = "0" * 11


#: The delimiters a CSV is sniffed for (\x01: Hive's).
_DELIMITERS: Final = ",;\t|\x01"
#: How much of a file its delimiter is sniffed from, and from how many of its first records.
_SNIFFED_CHARS: Final = 16384
_SNIFFED_RECORDS: Final = 200


def _delimiter_of(text: str) -> str | None:
    """The delimiter under which most of the first records, read as :mod:`csv` reads them (quoted
    fields and all), have one number of fields, two or more, first where the first record (the
    header) has as many: more columns break ties. None where no delimiter makes two columns (a
    file of one column).

    Not :class:`csv.Sniffer`, which guesses from where quotes stand next to a mark: a tab- or
    semicolon-separated export whose text quotes speech between commas (客户表示,"不同意",要求退款)
    was read as comma-separated, its header taken for a title and every column rule lost; and it
    gives up on one ragged row. Reading the records tells them apart."""
    end = max(text.rfind("\n"), text.rfind("\r")) + 1  # whole lines: the sample may end inside a record
    body = (text[:end] or text).replace("\x00", "")  # (csv before Python 3.11 refuses a NUL)
    best: tuple[int, float, int] | None = None
    chosen = None
    for mark in _DELIMITERS:
        if mark not in body:
            continue
        rows: list[list[str]] = []
        try:
            rows = [row for row in itertools.islice(csv.reader(io.StringIO(body, newline=""), delimiter=mark), _SNIFFED_RECORDS + 1) if row]
        except csv.Error:  # a field larger than csv's limit: no reading of this mark
            continue
        if len(rows) > 1 and len(text) >= _SNIFFED_CHARS - 1:
            rows.pop()  # the sample's last record may be cut inside a quoted field
        counts: dict[int, int] = {}
        for row in rows[:_SNIFFED_RECORDS]:
            counts[len(row)] = counts.get(len(row), 0) + 1
        fields, agreeing = max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if fields < 2:
            continue
        # the header holding as many fields as most records comes first: under the wrong mark a
        # quoted field's own marks read as delimiters (each line of a multi-line complaint, one
        # comma in it, is a record of two "fields" under the comma), while the header is one field
        score = (int(len(rows[0]) == fields), agreeing / len(rows[:_SNIFFED_RECORDS]), fields)
        if best is None or score > best:
            best, chosen = score, mark
    return chosen


#: Excel's first line naming the delimiter of the rows after it.
_SEP_HINT: Final = re.compile("sep=(.)(?:\r\n|\n|\r)")


def open_text(path: str | Path, fmt: CsvFormat, mode: str = "r") -> IO[str]:
    """The file as text; bytes its encoding does not decode come through as lone surrogates
    (``pii_guard.io.files.UNDECODABLE``): their record is reported by its line and handled by
    policy, and the bytes go back out as they were."""
    return open(path, mode, encoding=fmt.encoding, newline="", errors="surrogateescape")


def records(handle: IO[str], fmt: CsvFormat) -> Iterator[tuple[int, str, list[str]]]:
    """``(line, raw, cells)`` per record: ``line`` is the physical line it starts on (a message
    about it names the line an editor shows, past quoted fields that hold line breaks), ``raw``
    the exact text of the record (one or more physical lines), ``cells`` what ``csv`` parsed."""
    consumed: list[str] = []
    line = 1
    if fmt.preamble:
        if handle.readline() != fmt.preamble:  # what the format was detected from is not this text
            raise CsvError("line 1: the delimiter line (sep=…) is not the one detected")
        line = 2

    pending: list[str] = []  # lines read again (after a quote left open), last first
    width: int | None = None  # how many cells the first record holds
    source = iter(handle)

    def lines() -> Iterator[str]:
        while True:
            text = pending.pop() if pending else next(source, None)
            if text is None:
                return
            consumed.append(text)
            yield text

    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(lines(), fmt.dialect)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:  # its message may quote the data: name the line instead
            raise CsvError(f"line {line}: a field longer than {MAX_FIELD_CHARS >> 20} Mi characters "
                           "(a quote left open?), or a record csv cannot read") from None
        raw = "".join(consumed)
        consumed.clear()
        if (fmt.quotechar in raw and len(physical := _PHYSICAL_LINE.findall(raw)) > 1
                and (not _strictly_read(raw, fmt) or _swallowed_rows(physical, cells, width, fmt))):
            # A quote left open (1,"138…,note⏎2,…): csv reads every line after it, to the next
            # quote or to the end of the file, into one field, and a whole file of rows went as
            # one bad record. The line that opens it is the bad record; the lines after it are
            # read again as the records they are.
            first, *rest = physical
            pending.extend(reversed(rest))
            reader = csv.reader(lines(), fmt.dialect)
            raw, cells = first, _cells(first, fmt)
        if width is None and any(cell.strip() for cell in cells):
            width = len(cells)  # the first record's: a header's, or a title's (then rarely a row's)
        yield line, raw, cells
        line += _line_breaks(raw) or 1


#: A physical line of a record, its break kept: ``\r\n``, ``\n`` or ``\r`` (as :func:`_line_breaks` counts).
_PHYSICAL_LINE: Final = re.compile("[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


def malformed(raw: str, cells: list[str], header: list[str], fmt: CsvFormat) -> str | None:
    """Why a record's columns cannot be read or trusted, or None: bytes the file's encoding does
    not read (a GBK row in a UTF-8 file), or a ragged row (more or fewer fields than the header,
    so a value may stand under another column's name). ``scrub`` handles such a record by the
    policy's ``uninspectable`` rule; ``scan`` counts it. A row one field longer only by a
    delimiter at its end (``张三;110…;`` under ``name;id_number``, as many exports write every
    row) is read as it is: its extra field is empty."""
    if UNDECODABLE.search(raw) is not None:
        return f"not valid {encoding_name(fmt.encoding)}"
    if cells and len(cells) != len(header) and not (len(cells) == len(header) + 1 and cells[-1] == ""):
        return f"{len(cells)} fields, header has {len(header)}"
    return None


def _strictly_read(raw: str, fmt: CsvFormat) -> bool:
    """Whether ``raw``, a record of several lines, reads as CSV with every quote closed where a
    field ends (``strict``): a quoted field holding a line break does, a quote left open does not
    (an open one at the end of the input, or one closed inside the next row: ``"y",…``). A quote
    inside an unquoted field (``5" 屏``) is a character of it either way."""
    try:
        for _ in csv.reader(io.StringIO(raw, newline=""), fmt.dialect, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _swallowed_rows(physical: list[str], cells: list[str], width: int | None, fmt: CsvFormat) -> bool:
    """Whether a record of several lines that reads strictly is rows a quote left open swallowed
    all the same (its quote closed by a later inch mark: ``"客户称…⏎…27",``): the record is
    ragged, and every line between its first and its last (which holds the closing quote) is a
    record of the header's width on its own. A quoted field holding line breaks gives a record
    of the header's width."""
    if width is None or len(cells) == width or width < 2 or len(physical) < 3:
        return False
    # (the last line holds the stray closing quote, and may read otherwise)
    return all(len(_cells(line, fmt)) == width for line in physical[1:-1] if line.strip())


def _cells(line: str, fmt: CsvFormat) -> list[str]:
    """The cells of one physical line read alone."""
    return next(csv.reader([line], fmt.dialect), [])


def header_cells(raw: str, cells: list[str], fmt: CsvFormat) -> list[str]:
    """The header's cells as its own encoding reads them, where a Chinese export wrote it in the
    other one (a GBK header over UTF-8 rows, pasted from a template, or a UTF-8 header over GBK):
    read in the file's encoding its names were escaped bytes or mojibake, no column rule and no
    column's word applied, and values only their column protects (a mistyped ID under id_number,
    a 15-digit ID under 证件号码) went out in plaintext. The header line itself is kept as it came.

    GB18030 where the file reads as UTF-8 and most of the header's other bytes do not (one stray
    byte in a UTF-8 header is no GBK header; GBK's pairs read as UTF-8 only by chance, 证 as U+05A4); UTF-8 where the file is read as GB18030 or GBK
    and the header's bytes are UTF-8 with more than ASCII in them (GBK text is almost never valid
    UTF-8). Otherwise ``cells`` as they are, the same object."""
    codec = fmt.encoding.lower().replace("_", "-")
    try:
        if codec in ("utf-8", "utf-8-sig", "utf8") and _mostly_undecodable(raw):
            own = raw.encode("utf-8", "surrogateescape").decode("gb18030")
        elif codec in ("gb18030", "gbk", "gb2312", "cp936") and not raw.isascii():
            own = raw.encode(codec, "surrogateescape").decode("utf-8")
        else:
            return cells
    except UnicodeError:
        return cells
    return next(csv.reader([own], fmt.dialect), cells)


def _mostly_undecodable(raw: str) -> bool:
    """Whether ``raw`` (read as UTF-8, undecodable bytes kept as lone surrogates) holds more bytes
    UTF-8 does not read than Chinese characters it does: a GBK header, whose pairs UTF-8 reads
    now and then as other scripts' letters or combining marks (状态 as ״̬), not a UTF-8 header
    with a stray byte (姓名,身份证号,备注\\xe9t)."""
    undecodable = sum(1 for ch in raw if UNDECODABLE.match(ch))
    return undecodable > 0 and undecodable > sum(1 for ch in raw if _CHINESE.match(ch))


#: Chinese text's characters: CJK ideographs, CJK punctuation, full-width forms.
_CHINESE: Final = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def header_names(raw: str, cells: list[str], fmt: CsvFormat,
                 findings: Callable[[str], Sequence[Spanned]]) -> tuple[list[str], bool, list[str]]:
    """``(names, headerless, own)``: the columns' names (:func:`column_names`), read from the
    header's own encoding where it differs from the rows' (:func:`header_cells`, returned as
    ``own``), and whether the first record is data in either reading (then every column is named
    by position). Scrub, reveal and scan name columns by this one rule."""
    names, headerless = column_names(cells, fmt, findings)
    own = header_cells(raw, cells, fmt)
    if own is cells or headerless:
        return names, headerless, own
    # (its own reading's width counts: a UTF-8 header over GBK rows split on "|" reads, in GBK,
    # a character's last byte and the "|" as one character, one field fewer)
    own_names, own_headerless = column_names(own, fmt, findings)
    return own_names, own_headerless, own


#: How many records above a header a report's title and blank lines may take.
_TITLE_LINES: Final = 4


def header_after_title(records: Iterator[tuple[int, str, list[str]]]) -> tuple[
        list[tuple[int, str, list[str]]], tuple[int, str, list[str]] | None, Iterator[tuple[int, str, list[str]]]]:
    """``(title, header, rest)``: the records above the header of a report exported from Excel
    (a title in one cell, ``客户信息导出报表 2024年1月,,,``, and blank lines), the header, and the
    records after it. A title is a first record whose first cell alone holds text, followed within
    :data:`_TITLE_LINES` records by one with two or more cells of text, and set off from it: alone
    on its line, by a blank line, or by another number of cells. Otherwise there is none and the
    first record is the header (a file of one column stays one)."""
    first = next(records, None)
    if first is None or not first[2] or not first[2][0].strip() or any(cell.strip() for cell in first[2][1:]):
        return [], first, records  # a title stands in the first cell alone (pandas' ",证件号码" is a header)
    ahead = [first]
    for record in records:
        ahead.append(record)
        if sum(1 for cell in record[2] if cell.strip()) > 1:
            # a title alone on its line, or set off by a blank line, or with another number of
            # cells than the header ("姓名," over "张三,138…" is a header with an empty name)
            if (len(first[2]) == 1 or len(ahead) > 2 or len(first[2]) != len(record[2])
                    or (len(first[2]) >= 3 and not any(ch.isdigit() for cell in record[2] for ch in cell))):
                # (a title in the first of three or more cells, Excel's merged cells, over a row of
                # names with no digit in them: no header leaves all but its first name empty)
                return ahead[:-1], record, records
            break
        if len(ahead) > _TITLE_LINES or any(cell.strip() for cell in record[2]):
            break  # a second line of one cell: a file of one column, not a title
    return [], first, itertools.chain(ahead[1:], records)


def _line_breaks(raw: str) -> int:
    """Line breaks in ``raw`` as ``csv`` and editors count them: ``\r\n``, ``\n`` or ``\r`` (not
    the other separators ``str.splitlines`` knows, which a field may hold)."""
    return raw.count("\n") + raw.count("\r") - raw.count("\r\n")


def positional_names(count: int) -> list[str]:
    """``column 1``, ``column 2`` …: the names of columns whose header cell names nothing."""
    return [f"column {i + 1}" for i in range(count)]


def column_names(cells: list[str], fmt: CsvFormat, findings: Callable[[str], Sequence[Spanned]]) -> tuple[list[str], bool]:
    """The names of a CSV's columns from its first record, and whether that record is data.

    It is data (a headerless file: every column named by position) when a cell of it is nothing
    but personal data (a header cell is never just a phone number), or the file is a Hive export
    (``\\x01``, which Hive writes without a header). Otherwise it is a header, and only a cell that
    holds personal data (``备注(请联系0755-…)``) or bytes its encoding does not read names its column
    by position: the other names still key the policy's field rules. ``findings(cell)`` gives the
    findings in a cell (``Guard.findings``). The first row's cells never reach a summary or a report as names when
    they are data (a complainant's name, a complaint)."""
    found = [findings(cell) for cell in cells]
    positional = positional_names(len(cells))
    if fmt.delimiter == "\x01" or any(_all_found(cell, spans) for cell, spans in zip(cells, found)):
        return positional, True
    return [name if spans or UNDECODABLE.search(cell) else cell for cell, spans, name in zip(cells, found, positional)], False


class Spanned(Protocol):
    """What :func:`column_names` reads of a finding."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def _all_found(cell: str, spans: Sequence[Spanned]) -> bool:
    """Whether findings cover every character of ``cell`` but spaces and quotes around them."""
    if not spans:
        return False
    covered = [False] * len(cell)
    for f in spans:
        covered[f.start : f.end] = [True] * (f.end - f.start)
    return all(c or ch in " \t'\"=" for c, ch in zip(covered, cell))


def field_spans(raw: str, fmt: CsvFormat) -> list[tuple[int, int, bool]]:
    """For each field: ``(start, end, quoted)``, the raw span of its content (inside the quotes)."""
    return [(start, end, quoted) for start, end, quoted, _stop in _fields(raw, fmt)]


def _fields(raw: str, fmt: CsvFormat) -> list[tuple[int, int, bool, int]]:
    """:func:`field_spans` with where each field stops: at its delimiter, past any text after a
    closing quote (``"电话"138…``, ``"…" ,``), which ``csv`` reads into the field."""
    spans: list[tuple[int, int, bool, int]] = []
    i = 0
    end_of_record = len(raw.rstrip("\r\n"))
    q, d = fmt.quotechar, fmt.delimiter
    while True:
        if i < end_of_record and raw[i] == q:
            j = raw.find(q, i + 1)  # the closing quote: the first one not doubled
            while j >= 0 and raw.startswith(q, j + 1):
                j = raw.find(q, j + 2)
            if j < 0:
                j = len(raw)
            start = i + 1
            i = j + 1
            while i < end_of_record and raw[i] != d:  # tolerate junk after a closing quote
                i += 1
            spans.append((start, j, True, max(i, min(j + 1, len(raw)))))
        else:
            j = raw.find(d, i, end_of_record)
            j = end_of_record if j < 0 else j
            spans.append((i, j, False, j))
            i = j
        if i >= end_of_record:
            return spans
        i += 1  # past the delimiter


def rewrite(raw: str, fmt: CsvFormat, new_values: dict[int, str]) -> str:
    """Replace the given fields' values in the raw record, keeping every other byte.

    A quoted field stays quoted (its only escape, a doubled quote, is re-applied,
    so unchanged characters come out as they were); an unquoted field is quoted
    only if its new value needs it.
    """
    if not new_values:
        return raw
    spans = _fields(raw, fmt)
    q = fmt.quotechar
    pieces: list[str] = []
    pos = 0
    for field, value in sorted(new_values.items()):
        start, end, quoted, stop = spans[field]
        junk = raw[end + 1 : stop] if quoted else ""
        if junk and not value.endswith(junk):
            # Text after the closing quote ("电话"13812345678) is part of the cell, and the change
            # reaches into it: the field is written whole inside quotes, the same cell to a reader.
            pieces.append(raw[pos : start - 1])
            pieces.append(q + value.replace(q, q + q) + q)
            pos = stop
            continue
        pieces.append(raw[pos:start])
        if quoted:  # the text after the closing quote, if any, stays there as it was
            pieces.append(value[: len(value) - len(junk)].replace(q, q + q))
        elif (any(ch in value for ch in (fmt.delimiter, "\n", "\r")) or value.startswith(q)
              or (q in value and q not in raw[start:end])):
            # Quoted only where the value needs it: a quote character inside a field that held
            # one unquoted (he said "…") was read that way and is written back that way.
            pieces.append(q + value.replace(q, q + q) + q)
        else:
            pieces.append(value)
        pos = end
    pieces.append(raw[pos:])
    return "".join(pieces)
