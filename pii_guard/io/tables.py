"""Scrub table files (CSV now) in constant memory, on all cores, format-preserving.

Records are read in chunks; each chunk is protected by a worker process
(:mod:`pii_guard.io.parallel`) and the results are written in input order. Rows are
edited in place (:mod:`pii_guard.io.csvfile`), so unchanged bytes — quoting,
line endings, a BOM, GBK text — stay as they were and ``reveal`` restores the
file byte-exact for an encrypt policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable, Iterator

from pii_guard.edits import apply_edits
from pii_guard.guard import Guard, Stats
from pii_guard.io import csvfile
from pii_guard.io.encodings import bom_size, encoded_size
from pii_guard.io.files import UNDECODABLE
from pii_guard.io.parallel import ordered_map
from pii_guard.io.streams import LineError, by_policy
from pii_guard.walk import child

CHUNK_RECORDS = 2000


@dataclass
class ChunkResult:
    text: str
    stats: Stats
    errors: list[LineError] = field(default_factory=list)
    records: int = 0
    size: int = 0


def _scrub_rows(guard: Guard, fmt: csvfile.CsvFormat, header: list[str],
                rows: list[tuple[int, str, list[str]]]) -> ChunkResult:
    stats = Stats()
    out: list[str] = []
    errors: list[LineError] = []
    paths = [child("$", name) for name in header]
    for number, raw, cells in rows:
        why = csvfile.malformed(raw, cells, header, fmt)  # why its columns cannot be read or trusted
        if why is not None and UNDECODABLE.search(raw) is None:  # a ragged row
            if guard.policy.uninspectable == "protect":
                # protected as plain text below, but first each cell as its position's column asks
                # (a 15-digit ID under 证件号码 is an ID by its column's name only): what either
                # reading protects is protected, a column its place may not be its own included
                by_position = {}
                for col, cell in enumerate(cells[: len(header)]):
                    edits = guard.value_edits(paths[col], cell, False, stats) if cell else []
                    if edits:
                        by_position[col] = apply_edits(cell, edits)
                if by_position:
                    raw = csvfile.rewrite(raw, fmt, by_position)
        if why is not None:
            protected = by_policy(guard, raw, number, why, errors, stats)
            if protected is not None:
                out.append(protected)
            continue
        new_values: dict[int, str] = {}
        for col, cell in enumerate(cells):
            if not cell:
                continue
            edits = guard.value_edits(paths[col], cell, False, stats)
            if edits:
                new_values[col] = apply_edits(cell, edits)
        out.append(csvfile.rewrite(raw, fmt, new_values))
    return ChunkResult("".join(out), stats, errors, len(rows), sum(encoded_size(r, fmt.encoding) for _, r, _ in rows))


def _chunks(records: Iterator[tuple[int, str, list[str]]], fmt: csvfile.CsvFormat, header: list[str],
            size: int) -> Iterator[tuple[csvfile.CsvFormat, list[str], list[tuple[int, str, list[str]]]]]:
    chunk: list[tuple[int, str, list[str]]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield fmt, header, chunk
            chunk = []
    if chunk:
        yield fmt, header, chunk


def scrub_csv(guard: Guard, src: IO[str], dst: IO[str], fmt: csvfile.CsvFormat, *, workers: int | None = None,
              errors: Callable[[LineError], None], stats: Stats, progress: Callable[[int, int], None] | None = None,
              chunk_records: int = CHUNK_RECORDS) -> int:
    """Protect a CSV stream into ``dst``; returns data rows read."""
    dst.write(fmt.preamble)  # Excel's "sep=;" line, as it came
    title, first, records = csvfile.header_after_title(csvfile.records(src, fmt))
    if first is None:
        return 0
    for line, raw, _cells in title:  # a report's title above its header: text, protected as such
        dst.write(apply_edits(raw, guard.text_edits(raw, None, stats)))
        if progress is not None:
            progress(0, encoded_size(raw, fmt.encoding))
    if title:
        errors(LineError(title[0][0], f"{len(title)} line(s) above the header (a report's title) read as text", warning=True))
    header_line, raw_header, header = first  # (line 2 after Excel's "sep=;" line, or after a title)
    names, headerless, own = csvfile.header_names(raw_header, header, fmt, guard.findings)
    # what either reading of the first record shows is protected, in the file's reading's cells
    # (its bytes are what is written back)
    header_edits = {i: apply_edits(cell, guard.text_edits(cell, None, stats)) for i, cell in enumerate(header)
                    if guard.findings(cell)}
    header_edits.update({i: apply_edits(cell, guard.text_edits(cell, None, stats)) for i, cell in enumerate(own)
                         if i not in header_edits and i < len(header) and guard.findings(cell)})
    if own is not header and not headerless:
        errors(LineError(header_line, "the header is in another encoding than the rows; its names read in it", warning=True))
    if headerless:  # its first row is data: protected too, and no column is named after it
        errors(LineError(header_line, "the first row holds personal data (a file without a header?); protected in "
                                      "place, columns named by position", warning=True))
    elif header_edits:
        errors(LineError(header_line, "a column name holds personal data; protected in place, the column named by "
                                      "its position", warning=True))
    if header_edits:
        raw_header = csvfile.rewrite(raw_header, fmt, header_edits)
    header = names
    dst.write(raw_header)
    if progress is not None:
        progress(0, encoded_size(fmt.preamble + raw_header, fmt.encoding) + bom_size(fmt.encoding))
    chunks = _chunks(records, fmt, header, chunk_records)
    rows = 0
    for result in ordered_map(guard, lambda g, chunk: _scrub_rows(g, *chunk), chunks, workers):
        for error in result.errors:  # first: under --strict the sink stops the run before the chunk is written
            errors(error)
        dst.write(result.text)
        stats.merge(result.stats)
        rows += result.records
        if progress is not None:
            progress(result.records, result.size)
    return rows
