"""Walk sources — directories of CSV, JSON Lines, Parquet, text and log files, SQLite and
PostgreSQL databases — and count plaintext PII, pii-guard tokens and masked values per
source, location and entity.

Detection is the same Guard every face uses (the audit policy: detect, change nothing, tokens
stepped around); evidence is masked with the display policy before it enters a report.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import lzma
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import IO, Any, Callable, Iterable, Iterator

from pii_guard import entities
from pii_guard.detect.detector import CUT_AVOIDS, MAX_CANDIDATE_DIGITS, read_with_next
from pii_guard.guard import Guard, masked_name, unread_digits
from pii_guard.io import containers, jsontext
from pii_guard.io.columnar import (CONTENTLESS_REASON, android_collations, contentless_index, metadata_owners, quote_identifier,
                                   USER_OBJECTS, read_only_sqlite, schema_text, sqlite_text)
from pii_guard.io.encodings import SAMPLE_BYTES, text_file_encoding, text_sample_encoding
from pii_guard.io.files import TABLE_AS_TEXT_SUFFIXES, UNDECODABLE, looks_like_a_table
from pii_guard.io.streams import json_records
from pii_guard.operators import OperatorContext, TokenError, tokens
from pii_guard.operators.mask import MaskOperator
from pii_guard.scan import masked
from pii_guard.scan.report import MAX_DISTINCT, MAX_EVIDENCE, SourceReport, utf8_safe
from pii_guard.validators import canonical
from pii_guard.walk import DepthError, child, last_name

TEXT_SUFFIXES = {".txt", ".log", ".text", ".md", ".out", ".sql", ".xml", ".html", ".htm", ".yaml", ".yml", ".ini", ".conf"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SQLITE_SUFFIXES = {".db", ".sqlite", ".sqlite3"}


def _kind_by_suffix(suffix: str) -> str | None:
    return ("csv" if suffix in (".csv", ".tsv") else "jsonl" if suffix in JSON_SUFFIXES else "parquet" if suffix == ".parquet"
            else "sqlite" if suffix in SQLITE_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None)


class _Pairs(list):  # type: ignore[type-arg]
    """A JSON object as its (key, value) pairs, every one of them: with a key twice
    (``{"phone": "138…", "phone": "n/a"}``) json.loads keeps the last value, and an app or a
    parser that keeps the first would hold a number the scan never read (scrub protects both)."""


@dataclass(frozen=True)
class _Readable:
    """A file, or a member of a ZIP archive: its name, how to open its bytes (compression read
    through), and its path where it is a plain file that can be opened by name (SQLite, Parquet,
    a whole JSON document, a text file's encoding decided over all of it)."""

    name: str
    open: Callable[[], IO[bytes]]
    path: Path | None = None

    def head(self) -> bytes:
        with self.open() as handle:
            return handle.read(SAMPLE_BYTES)


def _what(source: _Readable, magic: bytes, labels: Callable[[str], bool] | None = None) -> tuple[str | None, str | None]:
    """``(kind, None)``: how scan reads ``source`` (``magic``: its raw first bytes); ``(None,
    reason)``: why it is skipped. ``labels``: whether a cell labels an entity, so that a form's
    labels and values saved as text (``身份证⇥1101…``) stay text, each label beside its value.
    The bytes decide over the name (:mod:`.containers`); a name with no known suffix (``app.log.1``, ``nohup.out``, a ``.gz``) is read as JSON Lines when its first
    line is a JSON object, else as text, if it is text. An auditor's clean report must not mean
    "the rotated logs were never opened", nor "the workbook saved as .csv was read as noise"."""
    kind, reason = containers.sniff(magic)
    if kind is not None or reason is not None:
        return kind, reason
    suffix = PurePath(source.name).suffix.lower()
    packed = containers.compression(magic)
    head = source.head()  # compression read through
    if packed is not None:
        inner, reason = containers.sniff(head[: containers.MAGIC_BYTES])
        if inner is not None or reason is not None or containers.compression(head):
            return None, f"{reason or ('a ' + inner + ' file' if inner else 'a compressed file')} inside a {packed} file"
        if suffix in containers.COMPRESSED_SUFFIXES:
            suffix = PurePath(PurePath(source.name).stem).suffix.lower()  # customers.csv.gz: a CSV
    kind = _kind_by_suffix(suffix)
    if kind in ("parquet", "sqlite"):
        # not its magic number: reading it reports it unreadable (a damaged file is no clean one)
        return (None, f"a {kind} name inside a {packed} file") if packed else (kind, None)
    if not containers.is_text(head):
        return None, f"binary content under a {suffix} name" if kind else "binary content"
    if kind is None:
        text = codecs.getincrementaldecoder(text_sample_encoding(head))(errors="replace").decode(head)
        first = next((line for line in text.splitlines() if line.strip()), "")
        kind = "text"
        if first.lstrip().startswith("{"):
            try:
                json.loads(first)
                kind = "jsonl"
            except ValueError:
                pass
    if kind == "text" and suffix in TABLE_AS_TEXT_SUFFIXES and looks_like_a_table(head, labels):
        kind = "csv"  # an export saved as .txt or with no suffix (scrub reads it as text and says --format csv reads it so)
    return kind, None


#: The largest ``.json`` file read as one document (pretty-printed over many lines); larger ones
#: are read line by line, each line that is no JSON as text.
_WHOLE_JSON_BYTES = 64 << 20
#: How much of one line is read at a time: a log or a dump with no line breaks (a minified
#: export, 200 MB on one line) is read in pieces, so memory stays flat.
_PIECE_CHARS = 1 << 20


def _pieces(handle: IO[str]) -> Iterator[tuple[int, str, bool]]:
    """``(line number, text, first piece of its line)``: a line whole, or a long one in pieces
    of about :data:`_PIECE_CHARS`, each cut where no number or address runs on (what runs on is
    carried into the next piece, at most 64 Ki characters of it)."""
    number, carry, first = 1, "", True
    while True:
        chunk = handle.readline(_PIECE_CHARS)
        if not chunk:
            if carry:
                yield number, carry, first
            return
        text = carry + chunk
        if chunk.endswith("\n") or len(chunk) < _PIECE_CHARS:
            yield number, text, first
            number, carry, first = number + 1, "", True
            continue
        cut = max(len(text.rstrip(CUT_AVOIDS)), len(text) - 65536)
        text, carry = text[:cut], text[cut:]
        yield number, text, first
        first = False


def _readable(text: str) -> str:
    """``text`` with the bytes its file's encoding did not read (lone surrogates) as U+FFFD."""
    return UNDECODABLE.sub("\ufffd", text) if UNDECODABLE.search(text) is not None else text


def _readable_pieces(pieces: Iterator[tuple[int, str, bool]], report: SourceReport) -> Iterator[tuple[int, str, bool]]:
    """The pieces of a text read with ``surrogateescape``, a line holding bytes the encoding does
    not read counted malformed once (scrub refuses it under ``uninspectable: reject``) and read
    with U+FFFD for them."""
    counted = 0
    for number, text, first in pieces:
        if UNDECODABLE.search(text) is not None:
            if number != counted:
                report.malformed_record(number)
                counted = number
        yield number, _readable(text), first


def _read_together(pieces: Iterator[tuple[int, str, bool]]) -> Iterator[tuple[int, str, bool]]:
    """The pieces of :func:`_pieces`, but whole lines that are read together (a fixed-width report,
    lines a number runs on across: :func:`~pii_guard.detect.detector.read_with_next`) as one
    piece, numbered by its first line, as scrub reads them."""
    pending = next(pieces, None)
    while pending is not None:
        after = next(pieces, None)
        if pending[2] and pending[1].endswith("\n"):
            parts = [pending[1]]
            while after is not None and after[2] and read_with_next(parts, after[1]):
                parts.append(after[1])
                after = next(pieces, None)
                if not parts[-1].endswith("\n"):
                    break  # a line cut into pieces: its next piece goes on with it
            if len(parts) > 1:
                pending = (pending[0], "".join(parts), True)
        yield pending
        pending = after


def _open_text(source: _Readable, newline: str | None = None, errors: str = "replace") -> IO[str]:
    """A text, JSON Lines or CSV file or member in its encoding (:mod:`pii_guard.io.encodings`:
    decided over a plain file's whole content, else over its first bytes); what does not decode
    is replaced, never a reason to stop reading."""
    if source.path is not None:
        return open(source.path, encoding=text_file_encoding(source.path), errors=errors, newline=newline)
    encoding = text_sample_encoding(source.head())
    return io.TextIOWrapper(source.open(), encoding=encoding, errors=errors, newline=newline)


#: Where personal data in a name is counted: a JSON key, a Parquet column, a SQLite or PostgreSQL
#: table or column (scrub and the middleware refuse such names; an audit counts them).
NAMES = "(names)"
#: Where a store's schema and metadata are reported (a SQLite DEFAULT or view, Parquet key-value metadata).
SCHEMA = "(schema)"

#: Between an archive member's name and a location in it (``2024-06/export.csv › 手机号码``).
MEMBER = " › "


#: Characters a name may hold that would break or forge a line of a report: C0 and C1 controls,
#: DEL, line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(m: re.Match[str]) -> str:
    ch = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"\\u{ord(ch):04x}"


class Scanner:
    """Scan values into :class:`SourceReport` objects; ``sample`` caps rows per file or table."""

    def __init__(self, sample: int | None = None) -> None:
        self.guard = Guard("audit")
        self.display = Guard("display")
        self.sample = sample
        self._names: dict[str, str] = {}
        # distinct values are told apart by a digest keyed for this run only: never stored, never
        # comparable across runs or with anything outside this process
        self._digest_key = os.urandom(32)
        mask = self.display.compiled.operator
        #: the most digits a mask may show per entity before it counts as weak: the display policy's
        self._most_shown = {entity: op.most_shown() for entity in (entities.CN_RESIDENT_ID, entities.CN_BANK_CARD,
                                                                   entities.CN_PHONE_NUMBER)
                            if isinstance(op := mask(entity), MaskOperator)}
        self.skipped: list[dict[str, str]] = []

    def _labels(self, cell: str) -> bool:
        """Whether ``cell`` labels an entity (a form's ``身份证`` before its value)."""
        return self.guard.detector.labelled_entity(cell) is not None

    # -- values ---------------------------------------------------------------------------

    def _safe(self, name: str) -> str:
        """A location or source name as it may appear in a report: masked if it holds PII, bytes
        that did not decode (lone surrogates) shown as U+FFFD, so every report is UTF-8, and line
        breaks and other controls escaped (``\\n``), so that a file named with a newline cannot
        write a line of its own into the printed summary."""
        safe = self._names.get(name)
        if safe is None:
            safe = _CONTROLS.sub(_escaped, masked_name(utf8_safe(name), self.guard.detector))
            if len(self._names) < 10000:
                self._names[name] = safe
        return safe

    def scan_value(self, report: SourceReport, location: str, text: str, line: int | None = None) -> None:
        labelled = self.guard.detector.labelled_entity(last_name(location.rpartition(MEMBER)[2]))
        found = self.guard.value_findings(location, text)
        location = self._safe(location)
        if "pg1." in text:
            for m in tokens.find(text):
                try:
                    entity = tokens.parse_match(m).entity
                except TokenError:
                    continue
                report.cell(location, entity).protected += 1
        for f in found:
            self._plaintext(report, location, f.entity_type, text[f.start : f.end], f.outcome, line)
        spans = [(f.start, f.end) for f in found]
        masks: list[tuple[int, int]] = []
        if any(ch in text for ch in masked.MASK_CHARS):
            for entity, start, end in masked.find(text):
                if all(end <= s or start >= e for s, e in spans):
                    weak = masked.digits_shown(text[start:end]) > self._most_shown.get(entity, MAX_CANDIDATE_DIGITS)
                    if weak and labelled is not None:
                        continue  # under an entity's name, too many digits shown are plaintext (below)
                    masks.append((start, end))
                    cell = report.cell(location, entity)
                    cell.masked += 1
                    cell.weakly_masked += weak
        if labelled is not None and unread_digits(text, spans + masks, labelled):
            # A column named for an entity (银行卡号, 证件号码 …) whose value still shows seven digits
            # the detector did not read holds that entity: scrub protects it whole, and an audit
            # must count it (a card Excel cut to 15 digits is still 15 digits of a card; 16 digits
            # of a card and a few stars too). Not the digits a proper mask shows: that value is
            # counted as masked only.
            self._plaintext(report, location, labelled, text, None, line)

    def _plaintext(self, report: SourceReport, location: str, entity: str, value: str, outcome: str | None,
                   line: int | None) -> None:
        """Count one plaintext value; keep it as evidence only masked by the display policy."""
        cell = report.cell(location, entity)
        cell.plaintext += 1
        if cell.distinct is None:
            cell.distinct = set()
        if len(cell.distinct) < MAX_DISTINCT:
            # one person's number however it was typed (138 1234 5678 = +86 13812345678), as tokens have it
            key = canonical(entity, value) or value  # (a number in numerals has no digits to canonicalise)
            cell.distinct.add(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8, key=self._digest_key).digest())
        if cell.first_line is None and line is not None:
            cell.first_line = line
        if len(cell.evidence) < MAX_EVIDENCE:
            operator = self.display.compiled.operator(entity)
            cell.evidence.append(operator.operate(value, OperatorContext(entity, outcome=outcome)) if operator else "[masked]")

    # -- sources --------------------------------------------------------------------------

    def scan(self, targets: Iterable[str], tables: list[str] | None = None, exclude: Iterable[Path] = ()) -> list[SourceReport]:
        """Scan every target; ``exclude``: files not to read (this run's own reports)."""
        reports: list[SourceReport] = []
        left_out = {p.resolve() for p in exclude}
        scanned: set[tuple[int, int, str]] = set()  # (device, inode, suffix) of each file read
        for target in targets:
            if target.startswith(("postgres://", "postgresql://")):
                reports.extend(self.scan_postgres(target, tables))
                continue
            path = Path(target)
            if path.is_dir():
                files, others = self._walk(path)
                reports.extend(others)
            elif path.is_file() or not path.exists():
                files = [path]  # one that is missing is reported as unreadable
            else:
                self.skip(str(path), "not a regular file (a FIFO, a socket or a device)")  # nothing a scan may read whole
                continue
            for file in files:
                if file.resolve() in left_out:
                    continue
                try:
                    identity = (file.stat().st_dev, file.stat().st_ino)
                except OSError:
                    identity = None  # missing or unreadable: reported by scan_file
                if identity is not None:
                    # a link (symbolic or hard) to a file scanned already, under a name read the
                    # same way (its suffix, which chooses the reading with the bytes) and holding
                    # nothing itself: its findings once. Read under another suffix, it is read again.
                    identity = (*identity, file.suffix.lower())
                    if identity in scanned and not self.guard.findings(file.name):
                        self.skip(str(file), "the same file as one scanned already (a link to it)")
                        continue
                    scanned.add(identity)
                report = self.scan_file(file, tables)
                if report is not None:
                    reports.append(report)
        return reports

    def _walk(self, root: Path) -> tuple[list[Path], list[SourceReport]]:
        """The files under ``root`` in name order, and a report for each folder whose name holds
        personal data (客户<ID>/, counted once under ``(names)``) and, with an error, for each that
        could not be listed and each link that leads nowhere: an auditor's clean report must not
        mean "a locked folder was never opened". A link to a directory is not followed (a loop, or
        a share counted twice) but listed as skipped; FIFOs and devices too."""
        files: list[Path] = []
        errors: list[SourceReport] = []

        def named(folder: Path) -> None:
            if self.guard.findings(folder.name):
                report = SourceReport(self._safe(str(folder)), "directory")
                self.scan_value(report, NAMES, folder.name)
                errors.append(report)

        named(root.resolve())

        def unreadable(exc: OSError) -> None:
            name = exc.filename if isinstance(exc.filename, str) else str(root)
            report = SourceReport(self._safe(name), "directory")
            report.error = f"could not be read ({exc.__class__.__name__})"
            errors.append(report)

        for folder, dirs, names in os.walk(root, onerror=unreadable):
            here = Path(folder)
            for name in list(dirs):
                if (here / name).is_symlink():
                    dirs.remove(name)
                    self.skip(str(here / name), "a symbolic link to a folder (not followed)")
                else:
                    named(here / name)
            for name in names:
                path = here / name
                if path.is_file():
                    files.append(path)
                elif path.is_symlink() and not path.exists():
                    report = SourceReport(self._safe(str(path)), "link")
                    report.error = "could not be read (a symbolic link to nothing)"
                    errors.append(report)
                else:
                    self.skip(str(path), "not a regular file (a FIFO, a socket or a device)")
        return sorted(files), errors

    def scan_file(self, path: Path, tables: list[str] | None = None) -> SourceReport | None:
        source = _Readable(str(path), lambda: containers.open_file(path), path)
        magic = b""
        try:
            with open(path, "rb") as handle:
                magic = handle.read(containers.MAGIC_BYTES)
            kind, reason = _what(source, magic, self._labels)
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):  # unreadable or a damaged archive: reported below
            kind, reason = "text", None
        if kind is None:
            self.skip(str(path), reason or "not a format pii-guard reads")
            return None
        if containers.compression(magic) is not None:
            source = _Readable(source.name, source.open)  # read as a stream, never by name
        report = SourceReport(self._safe(str(path)), kind)
        self.scan_value(report, NAMES, path.name)  # 张三_138…_投诉材料.csv: counted, as a column's name is
        if containers.compression(magic) == "gzip":
            try:
                kept = containers.gzip_header_names(path)  # the name gzip kept, the file renamed since
            except OSError:
                kept = []  # (unreadable: the read below reports it)
            for name in kept:
                self.scan_value(report, NAMES, name)
        try:
            getattr(self, f"_scan_{kind}")(source, report, tables)
        except Exception as exc:  # a report names what could not be read; it never stops the scan
            report.error = f"could not be read ({exc.__class__.__name__})"
        return report

    def skip(self, name: str, reason: str) -> None:
        """List a file or member the scan does not read, and why: what a report's findings do not cover."""
        self.skipped.append({"source": self._safe(name), "reason": reason})

    def _limit(self, rows: Iterator[Any], report: SourceReport, opens_row: Callable[[Any], bool] | None = None) -> Iterator[Any]:
        """``rows`` up to the sample size, counted; ``opens_row``: which items open a row (a long
        line's later pieces do not)."""
        count = 0
        for row in rows:
            if opens_row is None or opens_row(row):
                if self.sample is not None and count >= self.sample:
                    report.sampled = True
                    return
                count += 1
                report.rows += 1
            yield row

    def _scan_text(self, source: _Readable, report: SourceReport, _tables: Any, member: str = "") -> None:
        with _open_text(source, errors="surrogateescape") as handle:
            pieces = _readable_pieces(_pieces(handle), report)
            for number, piece, _first in self._limit(_read_together(pieces), report, lambda item: item[2]):
                self.scan_value(report, member + "text", piece, number)

    def _scan_jsonl(self, source: _Readable, report: SourceReport, _tables: Any, member: str = "") -> None:
        """JSON Lines record by record as scrub reads them (:func:`~pii_guard.io.streams.json_records`:
        a document pretty-printed over many lines is one record); a record scrub would refuse (no
        JSON, nested deeper than the policy's limit, bytes the encoding does not read) is counted
        malformed and scanned as text."""
        if source.path is not None and source.path.suffix.lower() == ".json" and self._scan_json_document(source, report):
            return
        number = 1
        with _open_text(source, errors="surrogateescape") as handle:
            for record in self._limit(json_records(handle), report):
                line, number = number, number + (record.count("\n") or 1)
                if not record.strip():
                    continue
                try:
                    if UNDECODABLE.search(record) is not None:
                        raise ValueError("not in the file's encoding")
                    jsontext.scan(record, self.guard.max_depth)  # what scrub refuses, refused here
                    self._scan_scalar(report, member + "$", json.loads(record, object_pairs_hook=_Pairs), line)
                except (ValueError, RecursionError, DepthError):  # scan the record as text
                    report.malformed_record(line)
                    self.scan_value(report, member + "(line not inspectable as JSON)", _readable(record), line)

    def _scan_json_document(self, source: _Readable, report: SourceReport) -> bool:
        """A ``.json`` file that is one document written over many lines (pretty-printed): read
        whole, so that its values are located by path (``$[*].mobile``), not as lines that are no
        JSON. False where it is JSON Lines, not JSON, or over :data:`_WHOLE_JSON_BYTES` (read by
        line then: a document is parsed whole, at several times its size)."""
        assert source.path is not None
        if source.path.stat().st_size > _WHOLE_JSON_BYTES:
            return False
        with _open_text(source) as handle:
            text = handle.read()
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            json.loads(first)
            return False  # its first line is a document of its own: JSON Lines
        except (ValueError, RecursionError):
            pass
        try:
            doc = json.loads(text, object_pairs_hook=_Pairs)
        except (ValueError, RecursionError):
            return False
        items = doc if isinstance(doc, list) else [doc]
        for item in self._limit(iter(items), report):
            self._scan_scalar(report, "$[*]" if isinstance(doc, list) else "$", item, None)
        return True

    def _scan_scalar(self, report: SourceReport, location: str, value: Any, line: int | None) -> Any:
        """Scan a value of any type a source hands back; nested values under ``location[*]``/``.key``.

        An auditor's "0 findings" must mean none: a phone in a REAL or float column
        (13812345678.0), a card in a DECIMAL, text in a BLOB or a Parquet binary, values in
        lists and structs are all read, not skipped for their type.
        """
        if isinstance(value, (dict, _Pairs)):
            for key, item in (value.items() if isinstance(value, dict) else value):
                self.scan_value(report, NAMES, str(key), line)
                self._scan_scalar(report, child(location, key), item, line)
            return value
        if isinstance(value, (list, tuple)):
            for item in value:
                self._scan_scalar(report, f"{location}[*]", item, line)
            return value
        text = scalar_text(value)
        if text:
            self.scan_value(report, location, text, line)
        return value

    def _scan_csv(self, source: _Readable, report: SourceReport, _tables: Any, member: str = "") -> None:
        from pii_guard.io import csvfile

        if source.path is not None:
            fmt = csvfile.detect(source.path)
            handle = csvfile.open_text(source.path, fmt)
        else:  # compressed, or in an archive: decided on its first bytes
            fmt = csvfile.detect_stream(source.head())
            handle = io.TextIOWrapper(source.open(), encoding=fmt.encoding, newline="", errors="surrogateescape")
        with handle:
            title, first, records = csvfile.header_after_title(csvfile.records(handle, fmt))
            for number, raw, _cells in title:  # a report's title above the header: text
                self.scan_value(report, member + "(title)", raw, number)
            _line, raw_header, header = first if first is not None else (1, "", [])
            # its cells name no column where they are data or personal data (positions instead);
            # a GBK header over UTF-8 rows, or the reverse, is read in its own encoding
            names, _headerless, own = csvfile.header_names(raw_header, header, fmt, self.guard.findings)
            for k, cell in enumerate(header):
                # a file without a header row has data there: row 1 is scanned too (in the reading
                # that shows more, where the header's own encoding differs)
                other = own[k] if own is not header and k < len(own) else cell
                reading = other if len(self.guard.findings(other)) > len(self.guard.findings(cell)) else cell
                self.scan_value(report, member + "(header row)", reading, 1)
            for number, raw, cells in self._limit(records, report):
                if csvfile.malformed(raw, cells, names, fmt) is not None:  # as scrub reads it
                    report.malformed_record(number)
                for col, cell in enumerate(cells):
                    if cell:
                        self.scan_value(report, member + (names[col] if col < len(names) else f"column {col + 1}"), cell, number)

    def _scan_zip(self, source: _Readable, report: SourceReport, _tables: Any) -> None:
        """A ZIP archive — an ``.zip`` of exports, or an Office file (``.xlsx``, ``.docx``: XML in
        a ZIP) — member by member: text, CSV and JSON members (XML as text: a workbook's cells and
        shared strings are there) under ``member › location``; members that are not (images, a
        nested archive) listed as skipped with the reason, an encrypted one an error."""
        assert source.path is not None
        encrypted = 0
        with zipfile.ZipFile(source.path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = f"{source.name}!/{info.filename}"
                self.scan_value(report, NAMES, info.filename)
                if info.flag_bits & 0x1:
                    encrypted += 1
                    continue
                member = _Readable(name, lambda info=info: archive.open(info))
                with member.open() as handle:
                    magic = handle.read(containers.MAGIC_BYTES)
                if containers.compression(magic) is not None:
                    self.skip(name, f"a {containers.compression(magic)} file inside a ZIP archive")
                    continue
                kind, reason = _what(member, magic, self._labels)
                if kind not in ("text", "jsonl", "csv"):
                    self.skip(name, reason or f"a {kind} file inside a ZIP archive")
                    continue
                getattr(self, f"_scan_{kind}")(member, report, None, info.filename + MEMBER)
        if encrypted:
            report.error = f"could not be read ({encrypted} encrypted member(s))"

    def _scan_parquet(self, readable: _Readable, report: SourceReport, _tables: Any) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert readable.path is not None
        source = pq.ParquetFile(readable.path)
        with contextlib.closing(source):
            schema = source.schema_arrow
            for name in schema.names:
                self.scan_value(report, NAMES, name)
            # key-value metadata, the file's and each column's: copied with the file, read by anyone
            for owner, metadata in metadata_owners(schema):
                for key, value in (metadata or {}).items():
                    if key.startswith(b"pii_guard.") or key == b"ARROW:schema":
                        continue  # pii-guard's own record of converted types; Arrow's serialised schema
                    self.scan_value(report, f"{SCHEMA} {owner} metadata", key.decode("utf-8", "replace") + ": " + value.decode("utf-8", "replace"))
            left = self.sample
            # the values of a dictionary no row uses (a categorical column after a filter) are in
            # the file all the same: counted once each, at the end, as the column's; each row group
            # (and each batch of one) repeats the dictionary, and a value a row of another group
            # uses is counted as that row's
            in_dictionary: dict[str, set[Any]] = {}
            in_rows: dict[str, set[Any]] = {}
            for batch in source.iter_batches(batch_size=8192):
                rows = batch.num_rows if left is None else min(batch.num_rows, left)
                for index, name in enumerate(batch.schema.names):
                    column = batch.column(index)  # by place: two columns may share a name
                    values = column.to_pylist()[:rows]
                    for value in values:
                        self._scan_scalar(report, name, value, None)
                    if pa.types.is_dictionary(column.type):
                        in_dictionary.setdefault(name, set()).update(v for v in column.dictionary.to_pylist() if v is not None)
                        in_rows.setdefault(name, set()).update(values)
                report.rows += rows
                if left is not None:
                    left -= rows
                    if left <= 0:
                        report.sampled = report.rows < source.metadata.num_rows
                        break
            for name, values in in_dictionary.items():
                for value in sorted(values - in_rows[name], key=repr):
                    self._scan_scalar(report, name, value, None)

    def _scan_sqlite(self, source: _Readable, report: SourceReport, tables: list[str] | None) -> None:
        import sqlite3

        assert source.path is not None
        with read_only_sqlite(source.path) as uri:
            db = sqlite3.connect(uri, uri=True)
            db.text_factory = sqlite_text  # TEXT a legacy app wrote in GBK: read, not an error that ends the scan
            android_collations(db)
            try:
                self._scan_sqlite_db(db, report, tables)
            finally:
                db.close()

    def _scan_sqlite_db(self, db: Any, report: SourceReport, tables: list[str] | None) -> None:
        import sqlite3

        created = {r[0]: r[1] for r in db.execute(f"SELECT name, sql FROM sqlite_master WHERE type='table' AND {USER_OBJECTS}")}
        names = sorted(created)
        try:  # a full-text index keeps its text again in shadow tables: counted once, in the index
            shadows = {r[1] for r in db.execute("PRAGMA table_list") if r[2] == "shadow"}
        except sqlite3.DatabaseError:  # SQLite before 3.37
            shadows = set()
        names = [n for n in names if n not in shadows]
        self._missing_tables(report, tables, set(names))
        failed: list[str] = []
        for name in names:
            if tables and name not in tables:
                continue
            if contentless_index(created[name]):  # its rows give nothing back: no clean table
                failed.append(f"{self._safe(name)} ({CONTENTLESS_REASON})")
                continue
            try:
                cursor = db.execute(f"SELECT * FROM {quote_identifier(name)}")
                columns = [d[0] for d in cursor.description]
                for label in (name, *columns):
                    self.scan_value(report, NAMES, label)
                for row in self._limit(iter(cursor), report):
                    for col, value in zip(columns, row):
                        self._scan_scalar(report, f"{name}.{col}", value, None)
            except sqlite3.DatabaseError as exc:  # one table that cannot be read: the others still are
                failed.append(f"{self._safe(name)} ({exc.__class__.__name__})")
        if failed:
            unread = "tables could not be read: " + ", ".join(failed[:20]) + (" …" if len(failed) > 20 else "")
            report.error = unread if report.error is None else f"{report.error}; {unread}"
        # The schema is data too: a DEFAULT, a CHECK, a view's or a trigger's literal holding a
        # number is in every copy of the database (and a DEFAULT in every row written later);
        # scrub refuses such a file, and the audit counts what is there.
        objects = [(kind, name, sql) for kind, name, sql in db.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE {USER_OBJECTS} ORDER BY type, name")
            if not tables or name in tables or kind in ("view", "trigger")]
        named: set[str] = set()  # names that hold a number: counted under (names), once
        for kind, name, _sql in objects:
            if kind != "table":  # views, indexes and triggers (tables and their columns: above)
                self.scan_value(report, NAMES, name)
            for label in (name, *(row[1] for row in db.execute(f"PRAGMA table_info({quote_identifier(name)})"))):
                if isinstance(label, str) and self.guard.findings(label):
                    named.add(label)
        for kind, name, sql in objects:
            if isinstance(sql, str):
                for label in sorted(named, key=len, reverse=True):
                    sql = sql.replace(label, " " * len(label))
                self.scan_value(report, f"{SCHEMA} {kind} {name}", schema_text(sql))

    def scan_postgres(self, url: str, tables: list[str] | None = None) -> list[SourceReport]:
        import psycopg

        shown = _redact_dsn(url)  # never put a password in a report
        report = SourceReport(shown, "postgresql")
        for label in _dsn_names(url):  # a number in the user's or the database's name is one, as in a file's
            self.scan_value(report, NAMES, label)
        failed: list[str] = []
        try:
            with psycopg.connect(url) as conn:
                # The catalog, not information_schema (which hides the tables this role may not
                # read: an audit must say it could not read them). Tables, partitioned tables and
                # materialized views (their own copy of the data); not the partitions, which the
                # partitioned table reads (each row counted once), nor plain views.
                names = conn.execute(
                    "SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c "
                    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition AND (c.relkind <> 'm' OR c.relispopulated) "
                    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
                    "ORDER BY 1, 2").fetchall()
                self._missing_tables(report, tables, {n for row in names for n in (row[1], f"{row[0]}.{row[1]}")})
                for schema, name, kind in names:
                    qualified = f"{schema}.{name}"
                    if tables and name not in tables and qualified not in tables:
                        continue
                    try:
                        # a plain table ONLY: the tables that inherit from it are read on their own
                        self._scan_pg_table(conn, report, schema, name, only=kind == "r")
                    except psycopg.Error as exc:
                        conn.rollback()
                        failed.append(f"{self._safe(qualified)} ({exc.__class__.__name__})")
                if not tables:  # the schema is the database's, not one table's
                    try:
                        for kind, name, text in conn.execute(_PG_SCHEMA_TEXT):
                            if isinstance(text, str):
                                self.scan_value(report, f"{SCHEMA} {kind} {self._safe(name)}", text)
                    except psycopg.Error as exc:
                        conn.rollback()
                        failed.append(f"the schema ({exc.__class__.__name__})")
        except Exception as exc:
            report.error = f"could not be read ({_describe(exc)})"
        if failed and report.error is None:
            report.error = "tables could not be read: " + ", ".join(failed[:20]) + (" …" if len(failed) > 20 else "")
        return [report]

    def _scan_pg_table(self, conn: Any, report: SourceReport, schema: str, name: str, only: bool = False) -> None:
        """One table, read through a server-side cursor (rows fetched a batch at a time: memory
        stays flat however large the table)."""
        qualified = f"{schema}.{name}"
        limit = f" LIMIT {int(self.sample)}" if self.sample is not None else ""
        with conn.transaction(), conn.cursor(name="pii_guard_scan") as cursor:
            cursor.itersize = 2000
            cursor.execute(f"SELECT * FROM {'ONLY ' if only else ''}{quote_identifier(schema)}.{quote_identifier(name)}{limit}")
            columns = [d.name for d in cursor.description or []]
            for label in (schema, name, *columns):
                self.scan_value(report, NAMES, label)
            for row in cursor:
                report.rows += 1
                for col, value in zip(columns, row):
                    self._scan_scalar(report, f"{qualified}.{col}", value, None)
        report.sampled = report.sampled or bool(limit)

    def _missing_tables(self, report: SourceReport, tables: list[str] | None, present: set[str]) -> None:
        """A table named in ``--tables`` that is not there: an error (a typo must not read as clean)."""
        missing = [t for t in tables or () if t not in present]
        if missing and report.error is None:
            report.error = "tables named in --tables are not there: " + ", ".join(self._safe(t) for t in missing[:20])


#: PostgreSQL's schema as text, what of it a literal may hold a number in (SQLite's is read from
#: its CREATE statements): column defaults, CHECK constraints, views' and materialized views'
#: queries, comments on tables and columns, enum labels and the bodies of functions (a trigger's
#: literal is in its function), in the schemas of the database's own objects.
_PG_USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
_PG_SCHEMA_TEXT = (
    "SELECT 'default', n.nspname || '.' || c.relname || '.' || a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid) "
    "FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
    f"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE {_PG_USER_SCHEMA} "
    "UNION ALL SELECT 'check', n.nspname || '.' || k.conname, pg_catalog.pg_get_constraintdef(k.oid) "
    "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace "
    f"WHERE k.contype = 'c' AND {_PG_USER_SCHEMA} "
    "UNION ALL SELECT 'view', n.nspname || '.' || c.relname, pg_catalog.pg_get_viewdef(c.oid) "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    f"WHERE c.relkind IN ('v', 'm') AND {_PG_USER_SCHEMA} "
    "UNION ALL SELECT 'comment', n.nspname || '.' || c.relname, d.description "
    "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_catalog.pg_class'::regclass "
    f"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE {_PG_USER_SCHEMA} "
    "UNION ALL SELECT 'enum', n.nspname || '.' || t.typname, e.enumlabel "
    "FROM pg_catalog.pg_enum e JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid "
    f"JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE {_PG_USER_SCHEMA} "
    "UNION ALL SELECT 'function', n.nspname || '.' || p.proname, p.prosrc "
    f"FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE {_PG_USER_SCHEMA} "
    "ORDER BY 1, 2"
)


def scalar_text(value: Any) -> str | None:
    """The text a scanner reads in a scalar, or ``None`` for a type that cannot hold a number as
    written (booleans, dates, times). Integral floats and decimals read as their integer digits."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e24 else repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return str(int(value)) if value == value.to_integral_value() and abs(value) < Decimal(10) ** 24 else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return None


#: What a user, host, port or database name shows in a report; anything else is hidden: a
#: password with an unescaped "@" or "#" is split by the URL parser into the host's or the user's
#: place ("postgresql://u:pa@ss#1@host/db" has the host "ss#1@host").
_SHOWN_PART = re.compile(r"[A-Za-z0-9_.\-\[\]:,\u4e00-\u9fff]*")


def _redact_dsn(url: str) -> str:
    """``postgresql://user@host:port/db`` without password, whatever its spelling; a number in the
    user's, the host's or the database's name masked, as in a file's name (crm_13812345678)."""
    info = _dsn_info(url)
    if info is None:
        return "postgresql://(unparsable URL)"
    parts = [str(info.get(k, "")) for k in ("user", "host", "port", "dbname")]
    if url.count("@") > 1 or not all(_SHOWN_PART.fullmatch(p) for p in parts):
        return "postgresql://(credentials hidden)"
    user, host, port, db = (masked_name(p) for p in parts)
    return f"postgresql://{user + '@' if user else ''}{host}{':' + port if port else ''}/{db}"


def _dsn_info(url: str) -> dict[str, Any] | None:
    """A PostgreSQL URL's parts as psycopg's DSN parser reads them, or None where it cannot."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        return conninfo_to_dict(url)
    except Exception:
        return None


def _dsn_names(url: str) -> list[str]:
    """The user's, the host's and the database's names in a PostgreSQL URL (none if unparsable)."""
    info = _dsn_info(url) or {}
    return [str(info[k]) for k in ("user", "host", "dbname") if info.get(k)]


def _describe(exc: Exception) -> str:
    """What went wrong, without the server's message (which may quote a value or a password):
    the exception's class, and for a database error its SQLSTATE and what that code means."""
    sqlstate = getattr(exc, "sqlstate", None)
    meaning = {"28P01": "password authentication failed", "28000": "authentication rejected",
               "3D000": "no such database", "42501": "permission denied", "08001": "could not connect",
               "08006": "connection failure"}.get(sqlstate or "")
    if sqlstate is None and exc.__class__.__name__ == "OperationalError":
        meaning = "could not connect or authenticate"
    return exc.__class__.__name__ + (f", SQLSTATE {sqlstate}" if sqlstate else "") + (f": {meaning}" if meaning else "")
