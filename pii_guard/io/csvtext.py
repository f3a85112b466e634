"""CSV records as raw text plus parsed cells, so edits keep every other byte.

``records(handle)`` yields ``(raw, cells)`` per record: ``raw`` is the exact
text of the record (one or more physical lines when a quoted field holds a
newline) and ``cells`` what ``csv`` parsed from it. Tokens and PII values hold
no delimiter, quote or newline, so a value can be replaced inside ``raw``
where it occurs, in cell order, and the record keeps its quoting and layout.
"""

from __future__ import annotations

import csv
from typing import IO, Iterator


def records(handle: IO[str], dialect: str | type[csv.Dialect] = "excel") -> Iterator[tuple[str, list[str]]]:
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in handle:
            consumed.append(line)
            yield line

    reader = csv.reader(lines(), dialect)
    for cells in reader:
        raw = "".join(consumed)
        consumed.clear()
        yield raw, cells
