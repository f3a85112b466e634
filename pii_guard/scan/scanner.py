"""Walk sources — directories of CSV, JSON Lines, Parquet, text and log files, SQLite and
PostgreSQL databases — and count plaintext PII, pii-guard tokens and masked values per
source, location and entity.

Detection is the same Guard every face uses (the audit policy: detect, change nothing, tokens
stepped around); evidence is masked with the display policy before it enters a report.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from pii_guard.guard import Guard, masked_name, unread_digits
from pii_guard.io.encodings import SAMPLE_BYTES, text_file_encoding, text_sample_encoding
from pii_guard.io.columnar import quote_identifier
from pii_guard.operators import OperatorContext, TokenError, tokens
from pii_guard.scan import masked
from pii_guard.scan.report import MAX_EVIDENCE, SourceReport, utf8_safe
from pii_guard.walk import child, last_name

TEXT_SUFFIXES = {".txt", ".log", ".text", ".md", ".out", ".sql", ".xml", ".html", ".htm", ".yaml", ".yml", ".ini", ".conf"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SQLITE_SUFFIXES = {".db", ".sqlite", ".sqlite3"}


def _kind_by_suffix(suffix: str) -> str | None:
    return ("csv" if suffix in (".csv", ".tsv") else "jsonl" if suffix in JSON_SUFFIXES else "parquet" if suffix == ".parquet"
            else "sqlite" if suffix in SQLITE_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None)


def _head(path: Path) -> bytes:
    """The first bytes of a file, decompressed if it is gzip (a rotated log: app.log.1.gz)."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if head.startswith(b"\x1f\x8b"):
        import gzip

        with gzip.open(path, "rb") as handle:
            return handle.read(SAMPLE_BYTES)
    return head


def _kind_by_content(path: Path) -> str | None:
    """What a file whose name says nothing (``app.log.1``, ``nohup.out``, ``catalina.out``, no
    suffix, a ``.gz``) holds, by its first bytes: Parquet and SQLite by their magic numbers, JSON
    Lines when its first line is a JSON object, text when it decodes (a BOM's codec, UTF-8 or
    GB18030) with no NUL byte; else None (binary: listed as skipped). An auditor's clean report
    must not mean "the rotated logs were never opened"."""
    with open(path, "rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"PAR1"):
        return "parquet"
    if magic.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    head = _head(path)
    encoding = text_sample_encoding(head)
    if encoding in ("utf-8", "gb18030") and b"\x00" in head:
        return None
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head)
    except UnicodeDecodeError:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.lstrip().startswith("{"):
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            pass
    return "text"


def _open_text(path: Path) -> IO[str]:
    """A text or JSON Lines file (gzip undone) in its encoding (:mod:`pii_guard.io.encodings`);
    what does not decode is replaced, never a reason to stop reading."""
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    if not gzipped:
        return open(path, encoding=text_file_encoding(path), errors="replace")
    import gzip

    return io.TextIOWrapper(gzip.open(path, "rb"), encoding=text_sample_encoding(_head(path)), errors="replace")


#: Where personal data in a name is counted: a JSON key, a Parquet column, a SQLite or PostgreSQL
#: table or column (scrub and the middleware refuse such names; an audit counts them).
NAMES = "(names)"


class Scanner:
    """Scan values into :class:`SourceReport` objects; ``sample`` caps rows per file or table."""

    def __init__(self, sample: int | None = None) -> None:
        self.guard = Guard("audit")
        self.display = Guard("display")
        self.sample = sample
        self._names: dict[str, str] = {}
        self.skipped: list[str] = []

    # -- values ---------------------------------------------------------------------------

    def _safe(self, name: str) -> str:
        """A location or source name as it may appear in a report: masked if it holds PII, and
        bytes that did not decode (lone surrogates) shown as U+FFFD, so every report is UTF-8."""
        safe = self._names.get(name)
        if safe is None:
            safe = masked_name(utf8_safe(name), self.guard.detector)
            if len(self._names) < 10000:
                self._names[name] = safe
        return safe

    def scan_value(self, report: SourceReport, location: str, text: str, line: int | None = None) -> None:
        labelled = self.guard.detector.labelled_entity(last_name(location))
        location = self._safe(location)
        if "pg1." in text:
            for m in tokens.find(text):
                try:
                    entity = tokens.parse_match(m).entity
                except TokenError:
                    continue
                report.cell(location, entity).protected += 1
        found = self.guard.findings(text)
        for f in found:
            self._plaintext(report, location, f.entity_type, text[f.start : f.end], f.outcome, line)
        if labelled is not None and unread_digits(text, [(f.start, f.end) for f in found]):
            # A column named for an entity (银行卡号, 证件号码 …) whose value still shows seven digits
            # the detector did not read holds that entity: scrub protects it whole, and an audit
            # must count it (a card Excel cut to 15 digits is still 15 digits of a card).
            self._plaintext(report, location, labelled, text, None, line)
        if any(ch in text for ch in "*＊•●"):
            spans = [(f.start, f.end) for f in found]
            for entity, start, end in masked.find(text):
                if all(end <= s or start >= e for s, e in spans):
                    report.cell(location, entity).masked += 1

    def _plaintext(self, report: SourceReport, location: str, entity: str, value: str, outcome: str | None,
                   line: int | None) -> None:
        """Count one plaintext value; keep it as evidence only masked by the display policy."""
        cell = report.cell(location, entity)
        cell.plaintext += 1
        if cell.first_line is None and line is not None:
            cell.first_line = line
        if len(cell.evidence) < MAX_EVIDENCE:
            operator = self.display.compiled.operator(entity)
            cell.evidence.append(operator.operate(value, OperatorContext(entity, outcome=outcome)) if operator else "[masked]")

    # -- sources --------------------------------------------------------------------------

    def scan(self, targets: Iterable[str], tables: list[str] | None = None) -> list[SourceReport]:
        reports: list[SourceReport] = []
        for target in targets:
            if target.startswith(("postgres://", "postgresql://")):
                reports.extend(self.scan_postgres(target, tables))
                continue
            path = Path(target)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                report = self.scan_file(file, tables)
                if report is not None:
                    reports.append(report)
        return reports

    def scan_file(self, path: Path, tables: list[str] | None = None) -> SourceReport | None:
        kind = _kind_by_suffix(path.suffix.lower())
        if kind is None:
            try:
                kind = _kind_by_content(path)  # app.log.1, nohup.out, dump.sql, a .gz of a log …
            except (OSError, EOFError, ValueError):  # unreadable or a damaged archive: reported below
                kind = "text"
        if kind is None:
            self.skipped.append(self._safe(str(path)))
            return None
        report = SourceReport(self._safe(str(path)), kind)
        try:
            getattr(self, f"_scan_{kind}")(path, report, tables)
        except Exception as exc:  # a report names what could not be read; it never stops the scan
            report.error = f"could not be read ({exc.__class__.__name__})"
        return report

    def _limit(self, rows: Iterator[Any], report: SourceReport) -> Iterator[Any]:
        for i, row in enumerate(rows):
            if self.sample is not None and i >= self.sample:
                report.sampled = True
                return
            report.rows += 1
            yield row

    def _scan_text(self, path: Path, report: SourceReport, _tables: Any) -> None:
        with _open_text(path) as handle:
            for number, line in enumerate(self._limit(iter(handle), report), 1):
                self.scan_value(report, "text", line, number)

    def _scan_jsonl(self, path: Path, report: SourceReport, _tables: Any) -> None:
        with _open_text(path) as handle:
            for number, line in enumerate(self._limit(iter(handle), report), 1):
                if not line.strip():
                    continue
                try:
                    self._scan_scalar(report, "$", json.loads(line), number)
                except (ValueError, RecursionError):  # invalid or too deep: scan the line as text
                    self.scan_value(report, "(line not inspectable as JSON)", line, number)

    def _scan_scalar(self, report: SourceReport, location: str, value: Any, line: int | None) -> Any:
        """Scan a value of any type a source hands back; nested values under ``location[*]``/``.key``.

        An auditor's "0 findings" must mean none: a phone in a REAL or float column
        (13812345678.0), a card in a DECIMAL, text in a BLOB or a Parquet binary, values in
        lists and structs are all read, not skipped for their type.
        """
        if isinstance(value, dict):
            for key, item in value.items():
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

    def _scan_csv(self, path: Path, report: SourceReport, _tables: Any) -> None:
        from pii_guard.io import csvfile

        fmt = csvfile.detect(path)
        with csvfile.open_text(path, fmt) as handle:
            records = csvfile.records(handle, fmt)
            _line, _raw, header = next(records, (1, "", []))
            for cell in header:
                # a file without a header row has data there: row 1 is scanned too
                self.scan_value(report, "(header row)", cell, 1)
            # its cells name no column where they are data or personal data (positions instead)
            header, _headerless = csvfile.column_names(header, fmt, self.guard.findings)
            for number, _raw, cells in self._limit(records, report):
                for col, cell in enumerate(cells):
                    if cell:
                        self.scan_value(report, header[col] if col < len(header) else f"column {col + 1}", cell, number)

    def _scan_parquet(self, path: Path, report: SourceReport, _tables: Any) -> None:
        import pyarrow.parquet as pq

        source = pq.ParquetFile(path)
        with contextlib.closing(source):
            for name in source.schema_arrow.names:
                self.scan_value(report, NAMES, name)
            left = self.sample
            for batch in source.iter_batches(batch_size=8192):
                rows = batch.num_rows if left is None else min(batch.num_rows, left)
                for name in batch.schema.names:
                    for value in batch.column(name).to_pylist()[:rows]:
                        self._scan_scalar(report, name, value, None)
                report.rows += rows
                if left is not None:
                    left -= rows
                    if left <= 0:
                        report.sampled = report.rows < source.metadata.num_rows
                        return

    def _scan_sqlite(self, path: Path, report: SourceReport, tables: list[str] | None) -> None:
        import sqlite3

        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            for name in names:
                if tables and name not in tables:
                    continue
                cursor = db.execute(f"SELECT * FROM {quote_identifier(name)}")
                columns = [d[0] for d in cursor.description]
                for label in (name, *columns):
                    self.scan_value(report, NAMES, label)
                for row in self._limit(iter(cursor), report):
                    for col, value in zip(columns, row):
                        self._scan_scalar(report, f"{name}.{col}", value, None)
        finally:
            db.close()

    def scan_postgres(self, url: str, tables: list[str] | None = None) -> list[SourceReport]:
        import psycopg

        shown = _redact_dsn(url)  # never put a password in a report
        report = SourceReport(shown, "postgresql")
        try:
            with psycopg.connect(url) as conn:
                names = conn.execute(
                    "SELECT table_schema, table_name FROM information_schema.tables "
                    "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
                    "ORDER BY 1, 2").fetchall()
                for schema, name in names:
                    qualified = f"{schema}.{name}"
                    if tables and name not in tables and qualified not in tables:
                        continue
                    limit = f" LIMIT {int(self.sample)}" if self.sample is not None else ""
                    cursor = conn.execute(f"SELECT * FROM {quote_identifier(schema)}.{quote_identifier(name)}{limit}")
                    columns = [d.name for d in cursor.description or []]
                    for label in (name, *columns):
                        self.scan_value(report, NAMES, label)
                    for row in cursor:
                        report.rows += 1
                        for col, value in zip(columns, row):
                            self._scan_scalar(report, f"{qualified}.{col}", value, None)
                    report.sampled = report.sampled or bool(limit)
        except Exception as exc:
            report.error = f"could not be read ({exc.__class__.__name__})"
        return [report]


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


def _redact_dsn(url: str) -> str:
    """``postgresql://user@host:port/db`` without password, whatever its spelling."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:
        return "postgresql://(unparsable URL)"
    user, host, port, db = info.get("user", ""), info.get("host", ""), info.get("port", ""), info.get("dbname", "")
    return f"postgresql://{user + '@' if user else ''}{host}{':' + str(port) if port else ''}/{db}"
