"""Scrub table files (CSV now) in constant memory, on all cores, format-preserving.

Records are read in chunks; each chunk is protected by a worker process that
inherited the guard (fork: policy, keys and compiled recognizers are built
once, never pickled) and the results are written in input order. Rows are
edited in place (:mod:`pii_guard.io.csvfile`), so unchanged bytes — quoting,
line endings, a BOM, GBK text — stay as they were and ``reveal`` restores the
file byte-exact for an encrypt policy.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator

from pii_guard.edits import apply_edits
from pii_guard.guard import Guard, Stats
from pii_guard.io import csvfile
from pii_guard.io.streams import LineError
from pii_guard.walk import child

CHUNK_RECORDS = 2000
_GUARD: Guard | None = None  # set in the parent before the pool forks


@dataclass
class ChunkResult:
    text: str
    stats: Stats
    errors: list[LineError] = field(default_factory=list)
    records: int = 0
    size: int = 0


def _scrub_rows(guard: Guard, fmt: csvfile.CsvFormat, header: list[str], first: int,
                rows: list[tuple[str, list[str]]]) -> ChunkResult:
    stats = Stats()
    out: list[str] = []
    errors: list[LineError] = []
    paths = [child("$", name) for name in header]
    for offset, (raw, cells) in enumerate(rows):
        number = first + offset
        if len(cells) != len(header) and cells:  # a ragged row: its columns cannot be trusted
            if guard.policy.uninspectable == "protect":
                errors.append(LineError(number, f"{len(cells)} fields, header has {len(header)}; protected as plain text"))
                out.append(guard.protect_text(raw, None, stats))
            else:
                errors.append(LineError(number, f"{len(cells)} fields, header has {len(header)}; rejected by policy, not written"))
            continue
        new_values: dict[int, str] = {}
        for col, cell in enumerate(cells):
            if not cell:
                continue
            edits = guard.value_edits(paths[col], cell, False, stats)
            if edits:
                new_values[col] = apply_edits(cell, edits)
        out.append(csvfile.rewrite(raw, fmt, new_values))
    return ChunkResult("".join(out), stats, errors, len(rows), sum(len(r) for r, _ in rows))


def _worker(args: tuple[csvfile.CsvFormat, list[str], int, list[tuple[str, list[str]]]]) -> ChunkResult:
    assert _GUARD is not None
    return _scrub_rows(_GUARD, *args)


def _chunks(records: Iterator[tuple[str, list[str]]], fmt: csvfile.CsvFormat, header: list[str],
            size: int) -> Iterator[tuple[csvfile.CsvFormat, list[str], int, list[tuple[str, list[str]]]]]:
    chunk: list[tuple[str, list[str]]] = []
    first = 2  # the header is row 1
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield fmt, header, first, chunk
            first += len(chunk)
            chunk = []
    if chunk:
        yield fmt, header, first, chunk


def scrub_csv(guard: Guard, src: IO[str], dst: IO[str], fmt: csvfile.CsvFormat, *, workers: int | None = None,
              errors: Callable[[LineError], None], stats: Stats, progress: Callable[[int, int], None] | None = None,
              chunk_records: int = CHUNK_RECORDS) -> int:
    """Protect a CSV stream into ``dst``; returns data rows read."""
    global _GUARD
    records = csvfile.records(src, fmt)
    try:
        raw_header, header = next(records)
    except StopIteration:
        return 0
    dst.write(raw_header)
    workers = workers or os.cpu_count() or 1
    chunks = _chunks(records, fmt, header, chunk_records)
    rows = 0

    def consume(results: Iterator[ChunkResult]) -> None:
        nonlocal rows
        for result in results:
            dst.write(result.text)
            stats.merge(result.stats)
            for error in result.errors:
                errors(error)
            rows += result.records
            if progress is not None:
                progress(result.records, result.size)

    if workers <= 1 or multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        consume(_scrub_rows(guard, *chunk) for chunk in chunks)
        return rows
    _GUARD = guard
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            consume(_bounded_map(pool, _worker, chunks, 2 * workers))
    finally:
        _GUARD = None
    return rows


def _bounded_map(pool: "multiprocessing.pool.Pool", fn: Callable, items: Iterator, window: int) -> Iterator:
    """``pool.imap`` in order, but with at most ``window`` chunks in flight.

    ``Pool.imap`` drains its input eagerly; here reading waits for writing,
    so memory stays flat however large the file.
    """
    from collections import deque

    pending: deque = deque()
    for item in items:
        pending.append(pool.apply_async(fn, (item,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
