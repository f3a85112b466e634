"""Protect, reveal and re-key whole streams (text, JSON Lines, CSV) line by line.

A JSON Lines input that is one JSON document written over many lines (a pretty-printed export
named ``.json``) is read as that one document (:func:`json_records`).

These loops are shared by ``pii-guard scrub``, ``reveal`` and ``rekey``; they
report problems as :class:`LineError` (a line number and a reason, never the
line) through the ``errors`` callback and keep going, or stop when the
callback raises.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import IO, Callable, Iterable, Iterator

from pii_guard.detect.detector import read_with_next
from pii_guard.guard import Guard, PIIInNameError, RevealError, Stats
from pii_guard.io import csvfile, jsontext
from pii_guard.io.encodings import TokenSafeLines, bom_size, encoded_size, encoding_name
from pii_guard.io.files import UNDECODABLE, split_line_ending
from pii_guard.operators import tokens
from pii_guard.walk import DepthError, child


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str
    #: a note, not a failure: the line was handled in full (a headerless CSV's first row, a ragged
    #: row or a line that is not JSON protected as plain text under ``uninspectable: protect``)
    warning: bool = False

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


ErrorSink = Callable[[LineError], None]


CHUNK_LINES = 1000
#: The largest JSON document scrub reads whole where JSON Lines were expected; past it, line by line.
WHOLE_DOCUMENT_CHARS = 64 << 20
#: How much larger than its input a protected document may be (a token is several times the value
#: it stands for): reveal and rekey read whole what scrub read whole.
PROTECTED_GROWTH = 16


def json_records(lines: Iterable[str], limit: int = WHOLE_DOCUMENT_CHARS) -> Iterator[str]:
    """The records of a JSON Lines input: its lines, or, where the input is one JSON document
    written over many lines (``[⏎  {"phone": …},⏎  …⏎]``: how a pretty-printed export named
    ``.json`` comes), the whole document as one record, whose lines alone are no JSON and would
    each be refused. Decided on the first line that is not blank: a JSON value of its own there
    makes JSON Lines. A document over ``limit`` characters, or one that does not parse, is read line
    by line as before (each line then a record, its errors by line number). Only a first line that
    ends opening an object or an array (``[``, ``{``, ``{"rows": [``: how pretty-printers start)
    is read on to the end before anything is written: a banner or a broken first record of JSON
    Lines is not held back (up to the limit, in memory)."""
    source = iter(lines)
    head: list[str] = []
    for line in source:
        head.append(line)
        if line.strip():
            break
    first = head[-1].strip().lstrip("\ufeff") if head else ""
    if not (first.startswith(("[", "{")) and first.endswith(("[", "{"))) or _is_json(head[-1]):
        yield from head
        yield from source
        return
    size = sum(len(line) for line in head)
    for line in source:
        head.append(line)
        size += len(line)
        if size > limit:
            yield from head
            yield from source
            return
    document = "".join(head)
    if _is_json(document):
        yield document
        return
    yield from _json_sequence(document) or head


def _json_sequence(text: str) -> list[str] | None:
    """The documents of concatenated JSON, each with the whitespace after it (``jq .`` writes
    several values pretty-printed one after another: no line of it is JSON alone, and every one
    was refused), or None where ``text`` is not two or more JSON values and whitespace."""
    decoder = json.JSONDecoder()
    pieces: list[str] = []
    start = pos = 0
    while True:
        while pos < len(text) and text[pos] in _BETWEEN_DOCUMENTS:
            pos += 1
        if pos == len(text):
            break
        try:
            _value, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return None
        while end < len(text) and text[end] in _BETWEEN_DOCUMENTS:
            end += 1
        pieces.append(text[start:end])
        start = pos = end
    return pieces if len(pieces) > 1 else None


#: What may stand between concatenated JSON documents (and a BOM before the first).
_BETWEEN_DOCUMENTS = " \t\r\n\ufeff"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def by_policy(guard: Guard, text: str, number: int, why: str, errors: list[LineError], stats: Stats) -> str | None:
    """A line or row that cannot be read as its format says, handled by the policy's
    ``uninspectable``: protected as plain text and returned (a note: nothing is lost), or None,
    rejected and reported (a failure)."""
    if guard.policy.uninspectable == "protect":
        errors.append(LineError(number, f"{why}; protected as plain text, its other bytes kept", warning=True))
        return guard.protect_text(text, None, stats)
    errors.append(LineError(number, f"{why}; rejected by policy, not written"))
    return None


def _scrub_lines(guard: Guard, job: tuple[str, int, list[str], str]) -> tuple[str, Stats, list[LineError], int, int]:
    fmt, first, lines, encoding = job
    stats = Stats()
    errors: list[LineError] = []
    out: list[str] = []
    block_end = -1  # the line after the block of lines a line is read in (read_with_next)
    for index, line in enumerate(lines):
        lineno = first + index
        if index < block_end:
            continue
        if fmt != "jsonl" and UNDECODABLE.search(line) is None:
            # A fixed-width report, or lines a number runs on across, read as one text; other
            # lines one by one (a log line is a record)
            block = [line]
            while (index + len(block) < len(lines) and UNDECODABLE.search(lines[index + len(block)]) is None
                   and read_with_next(block, lines[index + len(block)])):
                block.append(lines[index + len(block)])
            if len(block) > 1:
                block_end = index + len(block)
                out.append(guard.protect_text("".join(block), None, stats))
                continue
        content, ending = split_line_ending(line)
        if UNDECODABLE.search(content) is not None:  # bytes that are not UTF-8 (a GBK line in a UTF-8 file)
            protected = by_policy(guard, content, lineno, f"not valid {encoding_name(encoding)}", errors, stats)
            if protected is not None:
                out.append(protected + ending)
            continue
        if fmt == "jsonl":
            if not content.strip():
                out.append(line)
                continue
            try:
                new = jsontext.rewrite(content, lambda p, t, n: guard.value_edits(p, t, n, stats), guard.max_depth,
                                       key_edit=lambda k: guard.name_edits(k, stats))
            except PIIInNameError as exc:
                errors.append(LineError(lineno, f"{exc}; rejected by policy, not written"))
                continue
            except (jsontext.JSONTextError, DepthError) as exc:
                protected = by_policy(guard, content, lineno, str(exc), errors, stats)
                if protected is None:
                    continue
                new = protected
        else:
            new = guard.protect_text(content, None, stats)
        out.append(new + ending)
    return "".join(out), stats, errors, len(lines), sum(encoded_size(line, encoding) for line in lines)


def _line_chunks(src: IO[str], fmt: str, size: int) -> Iterator[tuple[str, int, list[str], str]]:
    chunk: list[str] = []
    first = 1
    encoding = getattr(src, "encoding", None) or "utf-8"  # to count the bytes read
    for line in (json_records(src) if fmt == "jsonl" else src):
        chunk.append(line)
        if len(chunk) >= size:
            yield fmt, first, chunk, encoding
            first += len(chunk)
            chunk = []
    if chunk:
        yield fmt, first, chunk, encoding


def scrub(guard: Guard, src: IO[str], dst: IO[str], fmt: str, errors: ErrorSink, stats: Stats,
          workers: int | None = 1, progress: Callable[[int, int], None] | None = None) -> int:
    """Protect text or JSON Lines from ``src`` into ``dst`` (in chunks, on ``workers`` processes)."""
    from pii_guard.io.parallel import ordered_map

    written = 0
    if progress is not None:
        progress(0, bom_size(getattr(src, "encoding", None) or ""))
    for text, chunk_stats, chunk_errors, lines, size in ordered_map(guard, _scrub_lines, _line_chunks(src, fmt, CHUNK_LINES), workers):
        for error in chunk_errors:  # first: under --strict the sink stops the run before the chunk is written
            errors(error)
        dst.write(text)
        stats.merge(chunk_stats)
        written += lines
        if progress is not None:
            progress(lines, size)  # bytes read, against the input's size
    return written


def _reveal_csv(guard: Guard, src: IO[str], dst: IO[str], errors: ErrorSink, stats: Stats, rekey: bool,
                fmt: csvfile.CsvFormat) -> int:
    header: list[str] | None = None
    positional: list[str] = []
    written = 0
    dst.write(fmt.preamble)  # Excel's "sep=;" line, as it came
    title, first, records = csvfile.header_after_title(csvfile.records(src, fmt))

    def as_text(value: str, number: int, where: str) -> str | None:
        """``value`` (a title line, a header cell) revealed or re-keyed as text scrub protected it,
        or None with the reason reported: a column's token there (bound to its column's name) says
        the header row is not the one scrub wrote (a piece of a split export, another delimiter)."""
        try:
            return guard.rekey_text(value, None, stats) if rekey else guard.reveal_text(value, None, stats)
        except RevealError as exc:
            errors(LineError(number, f"{where}, {exc.reason} (reveal needs the header row scrub wrote, read with "
                                     "the delimiter scrub used: give --delimiter)"))
            return None

    for number, raw, _cells in title:  # a report's title, protected by scrub as text
        line = as_text(raw, number, "title line")
        if line is not None or rekey:
            dst.write(raw if line is None else line)
    for number, raw, cells in itertools.chain([first] if first is not None else [], records):
        if header is None:
            # a headerless file's first row was protected in place by scrub: reveal (or rekey) it too
            header = csvfile.header_cells(raw, cells, fmt)  # paths (associated data) use the header as scrub saw it, or else
            positional = csvfile.positional_names(len(cells))  # the position scrub named a column by
            if any(tokens.may_hold(c) for c in cells):
                shown = [as_text(c, number, f"header row, column {col + 1}") if tokens.may_hold(c) else c
                         for col, c in enumerate(cells)]
                if any(v is None for v in shown):
                    if rekey:
                        dst.write(raw)  # kept as it was (see reveal): its tokens stay on their key
                    continue
                changed = {i: v for i, (v, c) in enumerate(zip(shown, cells)) if v is not None and v != c}
                if changed:
                    raw = csvfile.rewrite(raw, fmt, changed)
            dst.write(raw)
            continue
        out, pos = [], 0
        failed = False
        for col, cell in enumerate(cells):
            if not tokens.may_hold(cell):
                continue
            path = child("$", header[col] if col < len(header) else col)
            # scrub names a column by its header cell, or by position where that cell held personal
            # data (a headerless file: all of them); the other name is tried when one fails
            position_path = child("$", positional[col]) if col < len(positional) else None
            starts = {m.start() for m in tokens.find(cell)}
            broken = [b.start() for b in tokens.HEADER_PATTERN.finditer(cell) if b.start() not in starts]
            if broken:
                errors(LineError(number, f"column {col + 1}, malformed or truncated token"))
                failed = True
                break
            for m in tokens.find(cell):
                at = raw.find(m.group(), pos)
                if at < 0:  # the cell's token is not verbatim in the raw record (escaped quotes …)
                    errors(LineError(number, f"column {col + 1}, token not found verbatim in the record"))
                    failed = True
                    break
                try:
                    try:
                        value = guard.rekey_text(m.group(), path, stats) if rekey else guard.reveal_token(m.group(), path, at, stats)
                    except RevealError:
                        if position_path is None:
                            raise
                        value = (guard.rekey_text(m.group(), position_path, stats) if rekey
                                 else guard.reveal_token(m.group(), position_path, at, stats))
                except RevealError as exc:
                    errors(LineError(number, f"column {col + 1}, {exc.reason}"))
                    failed = True
                    break
                if value is None:
                    continue
                out.append(raw[pos:at])
                out.append(value)
                pos = at + len(m.group())
            if failed:
                break
        if failed:
            if rekey:
                dst.write(raw)  # kept as it was (see reveal): its tokens stay on their key
            continue
        out.append(raw[pos:])
        dst.write("".join(out))
        written += 1
    return written


def reveal(guard: Guard, src: IO[str], dst: IO[str], fmt: str, errors: ErrorSink, stats: Stats, *, rekey: bool = False,
           csv_format: csvfile.CsvFormat | None = None) -> int:
    """Reveal (or re-key) every token in ``src``. A record with a bad token is reported; reveal
    leaves it out, rekey writes it as it was (its tokens on their key)."""
    encoding = csv_format.encoding if csv_format is not None else getattr(src, "encoding", None)
    if encoding:
        src = TokenSafeLines(src, encoding)  # type: ignore[assignment]  # (read as an IO: readline, iteration)
    if fmt == "csv":
        return _reveal_csv(guard, src, dst, errors, stats, rekey, csv_format or csvfile.CsvFormat("utf-8"))
    written = 0
    # what scrub read as one document is read whole again, however much longer its tokens made it
    for lineno, line in enumerate(json_records(src, WHOLE_DOCUMENT_CHARS * PROTECTED_GROWTH) if fmt == "jsonl" else src, 1):
        content, ending = split_line_ending(line)
        try:
            out = None
            if fmt == "jsonl" and content.strip():
                try:
                    if rekey:
                        out = jsontext.rewrite(content, lambda p, t, n: _rekey_edits(guard, p, t, stats), guard.max_depth)
                    else:
                        out = jsontext.reveal(content, lambda p, tok, off: guard.reveal_token(tok, p, off, stats), guard.max_depth)
                except (jsontext.JSONTextError, DepthError):
                    pass  # a line that is no JSON (or nests too deep): scrub protected it as text, by policy
            if out is None:
                out = guard.rekey_text(content, None, stats) if rekey else guard.reveal_text(content, None, stats)
        except RevealError as exc:
            where = f"{exc.path}, " if exc.path else ""
            errors(LineError(lineno, f"{where}character {exc.offset + 1}: {exc.reason}"))
            if rekey:
                # a record rekey cannot move (a token of a retired key, another keyring's) is kept as
                # it was, its tokens on their key: nothing is lost, and no plaintext is written
                dst.write(line)
            continue
        dst.write(out + ending)
        written += 1
    return written


def _rekey_edits(guard: Guard, path: str, text: str, stats: Stats) -> list[tuple[int, int, str]]:
    if not tokens.may_hold(text):
        return []
    new = guard.rekey_text(text, path, stats)
    return [] if new == text else [(0, len(text), new)]
