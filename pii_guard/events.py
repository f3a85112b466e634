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
pass over each event. The scrubber holds JSON events back while a string value ends in a digit
(the next event may go on with the number), up to a bound; an event of plain text goes out as it
comes. The end of each stream's text that went out is kept, so a number that goes on after a
release is still masked where it goes on; and a delta held to the bound in the middle of a run
of digits goes out with the digits after its first three masked (fail closed: a chat model that
stalls in the middle of a phone number does not send its head in plaintext).
"""

from __future__ import annotations

import re
from typing import Final

from pii_guard.detect.detector import NUMBER_CHARS
from pii_guard.edits import Edit, apply_edits
from pii_guard.guard import Guard
from pii_guard.io import jsontext
from pii_guard.normalise import CHINESE_NUMERALS
from pii_guard.walk import DEFAULT_MAX_DEPTH, DepthError, last_name

#: Where one event's field lines are: ``data:`` with an optional space, its value to the line's end.
_DATA_LINE: Final = re.compile(r"^data: ?(.*?)\r?$", re.MULTILINE)
#: What a number may end on before the next piece goes on with it: a digit or numeral, a separator,
#: a mark between groups.
_RUNS_ON: Final = frozenset(NUMBER_CHARS + CHINESE_NUMERALS + "./、，,")
_RUNS_ON_CHARS: Final = "".join(sorted(_RUNS_ON))
#: What each digit, numeral and letter of a number masked across pieces is replaced with.
_MASKED: Final = "*"
#: How much of each stream's text already sent is kept to join the next events with: a number,
#: its separators and a word before it.
_TAIL_KEPT: Final = 40
#: The last names of the values a client joins into one text as they stream: a chat model's
#: ``delta``, ``content``, ``text`` or ``token`` (OpenAI, Anthropic, Ollama, Hugging Face TGI …).
#: A feed's values (``price``, ``ts``) each stand alone.
_DELTA_NAMES: Final = frozenset({"delta", "content", "text", "token", "chunk", "message", "output", "answer",
                                 "response", "reasoning_content", "reasoning", "thinking", "partial", "completion",
                                 "result",  # Baidu ERNIE, Tencent Hunyuan's streams
                                 "generated_text", "generation", "output_text", "d", "v"})
#: The digits of a number held to the bound that go out unmasked: its first three, as a mask shows them.
_HEAD_SHOWN: Final = 3


def _data_lines(event: str) -> list[tuple[int, int]]:
    """The spans of the values of an event's ``data:`` lines in the raw event."""
    return [m.span(1) for m in _DATA_LINE.finditer(event)]


def _json_values(payload: str, max_depth: int) -> list[tuple[str, str]] | None:
    """``(path, decoded text)`` of every scalar of a JSON payload, in order (a number's path as
    ``""``: a client adds numbers up or shows them, it never joins them to the next event's, as the
    same ``created`` time in every chunk of a chat answer); None if not JSON. An array item with an
    ``index`` of its own (a chat model's choices with ``n`` > 1, each event holding one of them at
    ``[0]``) is told apart by it: ``$.choices[0]#1.delta.content`` (index 0 as ``$.choices[0]…``)."""
    seen: list[tuple[str, str, bool]] = []

    def record(path: str, text: str, number: bool) -> list[tuple[int, int, str]]:
        seen.append((path, text, number))
        return []

    try:
        jsontext.rewrite(payload, record, max_depth)  # (validated by json.loads there)
    except (jsontext.JSONTextError, DepthError):
        return None
    # index 0 is the item's own place: an event that leaves the index out is the same stream
    indexed = {path[: -len(".index")]: text for path, text, number in seen
               if number and path.endswith("].index") and text != "0"}
    out: list[tuple[str, str]] = []
    for path, text, number in seen:
        if number:
            out.append(("", text))
            continue
        for item, index in indexed.items():
            if path.startswith(item + "."):
                path = f"{item}#{index}{path[len(item):]}"
                break
        out.append((path, text))
    return out


class RunOn:
    """Which values of one stream may go on with a number in the next event: a string value that
    ends where a number could go on, at a path whose value has changed from event to event (a chat
    model's delta: ``{"delta": "1869"}``; ``"139"``, ``"000"``, ``"000"`` too). The ``id`` and
    ``model`` every chunk of a chat answer repeats never change: passed over once seen twice. A
    path stays open until its next value shows how it goes on, whatever events come between (a
    ``: keepalive`` comment, a ``retry:`` line, another choice's delta). An event of plain text
    (``data: 回拨… #3``, a counter) is a message of its own, sent as it comes: holding it until the
    next one would stall a live feed."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._varying: set[str] = set()
        self._open: set[str] = set()

    def observe(self, event: str) -> bool:
        """Note ``event``'s values; whether some value of the stream may go on with a number in
        the next event."""
        for path, text in _string_values(event):
            seen = self._last.get(path)
            if seen is not None and seen != text:
                self._varying.add(path)
            constant = seen is not None and path not in self._varying
            if text and text[-1] in _RUNS_ON and not constant:
                self._open.add(path)
            else:
                self._open.discard(path)
            self._last[path] = text
        return bool(self._open)

    def close(self) -> set[str]:
        """The open paths, forgotten: what was held went out (past the bound; see :func:`mask_across`)."""
        closed, self._open = self._open, set()
        return closed


def _string_values(event: str) -> list[tuple[str, str]]:
    """``(path, text)`` of the string values of an event's JSON data lines."""
    out: list[tuple[str, str]] = []
    for start, end in _data_lines(event):
        payload = event[start:end]
        values = _json_values(payload, DEFAULT_MAX_DEPTH) if payload[:1] in ("{", "[", '"') else None
        out.extend((path, text) for path, text in values or () if path)
    return out


def mask_across(events: list[str], guard: Guard, before: dict[str, str] | None = None,
                forced: set[str] | frozenset[str] = frozenset()) -> tuple[list[str], dict[str, str]]:
    """``events`` (raw, each with its blank-line end) with every number that runs across two or
    more of their pieces masked in each piece, the rest unchanged; and the end of each stream's
    text, to join the next events with.

    ``before``: those ends of what went out before: a number that began there is masked where it
    goes on in these events. ``forced``: the paths of values held to the bound while they could
    still go on with a number (a chat model stalled in the middle of one): in a value a client
    joins (:data:`_DELTA_NAMES`), the digits of the run it ends with go out masked after the
    first three, as a mask shows a number, since the next event may complete it."""
    # the pieces of each stream a client joins: path -> [(event, value's index in the event, text)]
    streams: dict[str, list[tuple[int, int, str]]] = {key: [(-1, -1, tail)] for key, tail in (before or {}).items()}
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
    tails: dict[str, str] = {}
    for key, pieces in streams.items():
        joined = "".join(text for _i, _k, text in pieces)
        tails[key] = joined[-_TAIL_KEPT:]
        if len(pieces) < 2 and key not in forced:
            continue
        bounds, at = [], 0
        for _i, _k, text in pieces:
            bounds.append((at, at + len(text)))
            at += len(text)
        spans = []
        for f in guard.findings(joined):
            if sum(1 for lo, hi in bounds if lo < f.end and f.start < hi) >= 2:
                spans.append((f.start, f.end))  # within one piece: the usual pass masks it
        if key in forced and last_name(key) in _DELTA_NAMES:
            run = len(joined.rstrip(_RUNS_ON_CHARS))
            digits = [k for k in range(run, len(joined)) if joined[k].isdigit() or joined[k] in CHINESE_NUMERALS]
            if len(digits) > _HEAD_SHOWN:
                spans.append((digits[_HEAD_SHOWN], len(joined)))
        for start, end in spans:
            for n, (lo, hi) in enumerate(bounds):
                i, k, _text = pieces[n]
                if i >= 0 and lo < end and start < hi:
                    masks.setdefault((i, k), []).append((max(start, lo) - lo, min(end, hi) - lo))
    if not masks:
        return events, tails
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
    return out, tails


def _star_edits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Edits that hide each digit, numeral and letter of ``text`` within ``spans`` (once each,
    where spans overlap)."""
    hidden = sorted({j for s, e in spans for j in range(s, min(e, len(text))) if text[j].isalnum()})
    return [(j, j + 1, _MASKED) for j in hidden]


#: Where one event ends and the next begins: a blank line, in any of the line ends SSE allows.
_EVENT_END: Final = re.compile("(\r\n\r\n|\n\r\n|\r\n\n|\n\n|\r\r)")


def split_events(text: str) -> list[str]:
    """``text`` cut after each blank line: the events, each with its end (the last may have none)."""
    parts = _EVENT_END.split(text)
    events = [parts[k] + parts[k + 1] for k in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        events.append(parts[-1])
    return events
