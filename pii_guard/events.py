"""Numbers that run across the events of a server-sent event stream.

A chat model streams its answer a few characters an event (``data: {"delta": "1869"}``,
``{"delta": "8259"}``, ``{"delta": "791"}``) and a client joins the deltas into one text: no
event holds a whole phone number, so each scanned alone shows nothing to mask, and the client
rebuilds ``18698259791``. One event may also split a number over two ``data:`` lines, which the
client joins with a line break.

So the response scrubber reads a run of events as its client does: the values at each JSON path
(``$.choices[0].delta.content``) joined across the events, and a non-JSON event's data lines
joined by line breaks. A number found across two or more of these pieces is masked in every
piece, character by character (each piece goes to the client on its own, so no token or mask of
the whole could stand in one of them). What lies inside one piece is left to the scrubber's usual
pass over each event. The scrubber holds a JSON event back while a string value of it ends in a
digit (the next event may go on with the number), up to a bound; an event of plain text goes out
as it comes.
"""

from __future__ import annotations

import re
from typing import Final

from pii_guard.detect.detector import NUMBER_CHARS
from pii_guard.edits import Edit, apply_edits
from pii_guard.guard import Guard
from pii_guard.io import jsontext
from pii_guard.normalise import CHINESE_NUMERALS
from pii_guard.walk import DEFAULT_MAX_DEPTH, DepthError

#: Where one event's field lines are: ``data:`` with an optional space, its value to the line's end.
_DATA_LINE: Final = re.compile(r"^data: ?(.*?)\r?$", re.MULTILINE)
#: What a number may end on before the next piece goes on with it: a digit or numeral, a separator,
#: a mark between groups.
_RUNS_ON: Final = frozenset(NUMBER_CHARS + CHINESE_NUMERALS + "./、，,")
#: What each digit, numeral and letter of a number masked across pieces is replaced with.
_MASKED: Final = "*"


def _data_lines(event: str) -> list[tuple[int, int]]:
    """The spans of the values of an event's ``data:`` lines in the raw event."""
    return [m.span(1) for m in _DATA_LINE.finditer(event)]


def _json_values(payload: str, max_depth: int) -> list[tuple[str, str]] | None:
    """``(path, decoded text)`` of every scalar of a JSON payload, in order (a number's path as
    ``""``: a client adds numbers up or shows them, it never joins them to the next event's, as the
    same ``created`` time in every chunk of a chat answer); None if not JSON."""
    seen: list[tuple[str, str]] = []

    def record(path: str, text: str, number: bool) -> list[tuple[int, int, str]]:
        seen.append(("" if number else path, text))
        return []

    try:
        jsontext.rewrite(payload, record, max_depth)  # (validated by json.loads there)
    except (jsontext.JSONTextError, DepthError):
        return None
    return seen


class RunOn:
    """Which events of one stream may go on with a number in the next: those with a string value
    that ends where a number could go on, at a path whose value has changed from event to event
    (a chat model's delta: ``{"delta": "1869"}``; ``"139"``, ``"000"``, ``"000"`` too). The ``id``
    and ``model`` every chunk of a chat answer repeats never change: passed over once seen twice.
    An event of plain text (``data: 回拨… #3``, a counter) is a message of its own, sent as it
    comes: holding it until the next one would stall a live feed."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._varying: set[str] = set()

    def observe(self, event: str) -> bool:
        """Note ``event``'s values; whether it may go on with a number in the next event."""
        runs_on = False
        for path, text in _string_values(event):
            seen = self._last.get(path)
            if seen is not None and seen != text:
                self._varying.add(path)
            constant = seen is not None and path not in self._varying
            if text and text[-1] in _RUNS_ON and not constant:
                runs_on = True
            self._last[path] = text
        return runs_on


def _string_values(event: str) -> list[tuple[str, str]]:
    """``(path, text)`` of the string values of an event's JSON data lines."""
    out: list[tuple[str, str]] = []
    for start, end in _data_lines(event):
        payload = event[start:end]
        values = _json_values(payload, DEFAULT_MAX_DEPTH) if payload[:1] in ("{", "[", '"') else None
        out.extend((path, text) for path, text in values or () if path)
    return out


def mask_across(events: list[str], guard: Guard) -> list[str]:
    """``events`` (raw, each with its blank-line end) with every number that runs across two or
    more of their pieces masked in each piece; the rest unchanged."""
    # the pieces of each stream a client joins: path -> [(event, value's index in the event, text)]
    streams: dict[str, list[tuple[int, int, str]]] = {}
    kinds: list[str] = []  # per event: "json" (one data line of JSON), "text" (data lines as text), ""
    for i, event in enumerate(events):
        lines = _data_lines(event)
        values = _json_values(event[lines[0][0] : lines[0][1]], guard.max_depth) if len(lines) == 1 else None
        if values is not None:
            kinds.append("json")
            for k, (path, text) in enumerate(values):
                if path:  # strings only (see _json_values)
                    streams.setdefault(path, []).append((i, k, text))
        elif lines:
            kinds.append("text")
            for k, (start, end) in enumerate(lines):  # the client joins them with line breaks
                streams.setdefault("", []).append((i, k, event[start:end] + ("\n" if k < len(lines) - 1 else "")))
        else:
            kinds.append("")
    masks: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pieces in streams.values():
        if len(pieces) < 2:
            continue
        joined = "".join(text for _i, _k, text in pieces)
        bounds, at = [], 0
        for _i, _k, text in pieces:
            bounds.append((at, at + len(text)))
            at += len(text)
        for f in guard.findings(joined):
            inside = [(n, lo, hi) for n, (lo, hi) in enumerate(bounds) if lo < f.end and f.start < hi]
            if len(inside) < 2:
                continue  # within one piece: the usual pass masks it
            for n, lo, hi in inside:
                i, k, _text = pieces[n]
                masks.setdefault((i, k), []).append((max(f.start, lo) - lo, min(f.end, hi) - lo))
    if not masks:
        return events
    out = []
    for i, event in enumerate(events):
        if kinds[i] == "json":
            start, end = _data_lines(event)[0]
            counter = iter(range(1 << 30))

            def edit(_path: str, text: str, _number: bool, i: int = i, counter=counter) -> list[tuple[int, int, str]]:
                return _star_edits(text, masks.get((i, next(counter)), []))

            event = event[:start] + jsontext.rewrite(event[start:end], edit, guard.max_depth) + event[end:]
        elif kinds[i] == "text":
            lines = _data_lines(event)
            edits: list[Edit] = []
            for k, (start, end) in enumerate(lines):
                edits.extend((start + s, start + e, new) for s, e, new in _star_edits(event[start:end], masks.get((i, k), [])))
            event = apply_edits(event, edits)
        out.append(event)
    return out


def _star_edits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Edits that hide each digit, numeral and letter of ``text`` within ``spans``."""
    edits = []
    for s, e in spans:
        for j in range(s, min(e, len(text))):
            if text[j].isalnum():
                edits.append((j, j + 1, _MASKED))
    return edits


#: Where one event ends and the next begins: a blank line, in any of the line ends SSE allows.
_EVENT_END: Final = re.compile("(\r\n\r\n|\n\r\n|\r\n\n|\n\n|\r\r)")


def split_events(text: str) -> list[str]:
    """``text`` cut after each blank line: the events, each with its end (the last may have none)."""
    parts = _EVENT_END.split(text)
    events = [parts[k] + parts[k + 1] for k in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        events.append(parts[-1])
    return events
