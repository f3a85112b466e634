"""Scan results: per source, location (column, field path, or "text") and entity.

Counts of plaintext findings, pii-guard tokens (already protected) and masked
values, with a risk level and masked evidence. Nothing in a report is ever
plaintext: evidence goes through the display policy's masks first.

The JSON form is the stable schema documented in the README (``version: 1``).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
RISK = {"CN_RESIDENT_ID": "high", "CN_BANK_CARD": "high", "CN_PHONE_NUMBER": "medium", "EMAIL_ADDRESS": "low"}
RISK_ORDER = {"none": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
MAX_EVIDENCE = 3
#: Distinct plaintext values are counted exactly up to this many per location (a keyed 8-byte
#: digest each, never the value); past it the count is a lower bound and says so.
MAX_DISTINCT = 100_000
#: A lone surrogate: a byte a source's encoding did not read (``surrogateescape``, a file name) or a
#: JSON ``\\ud800`` escape. It has no UTF-8 form: a report shows U+FFFD there.
_SURROGATES = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` with every lone surrogate shown as U+FFFD, so that a report is valid UTF-8."""
    return _SURROGATES.sub("\ufffd", text)


@dataclass
class Cell:
    plaintext: int = 0
    protected: int = 0
    masked: int = 0
    #: masked values that show more digits than the display policy's mask would
    weakly_masked: int = 0
    evidence: list[str] = field(default_factory=list)
    first_line: int | None = None
    #: keyed digests of the distinct plaintext values (how many people, not how many mentions);
    #: None where they were not counted (a Spark scan's cells are summed from its executors)
    distinct: set[bytes] | None = None


@dataclass
class SourceReport:
    source: str
    kind: str
    rows: int = 0
    sampled: bool = False
    error: str | None = None
    cells: dict[tuple[str, str], Cell] = field(default_factory=lambda: defaultdict(Cell))
    #: records whose structure cannot be trusted (a ragged CSV row, a CSV row its encoding does
    #: not read, a JSON Lines line that is no JSON): scanned all the same, as text or by position,
    #: and counted, because ``scrub`` under ``uninspectable: reject`` leaves them out of its output
    malformed: int = 0
    first_malformed_line: int | None = None

    def cell(self, location: str, entity: str) -> Cell:
        return self.cells[(location, entity)]

    def malformed_record(self, line: int | None) -> None:
        self.malformed += 1
        if self.first_malformed_line is None:
            self.first_malformed_line = line


def risk(entity: str, cell: Cell) -> str:
    if not cell.plaintext:
        return "none"
    level = RISK.get(entity, "medium")
    if cell.plaintext >= 100 and level == "high":
        return "critical"
    return level


def _distinct(values: set[bytes] | None, plaintext: int) -> int | None:
    """How many distinct plaintext values: 0 with none, None where they were not counted."""
    return 0 if not plaintext else len(values) if values else None


def to_json(sources: list[SourceReport], started: _dt.datetime, finished: _dt.datetime,
            skipped: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The report (schema ``version: 1``); ``skipped``: ``{"source", "reason"}`` per file not read."""
    out_sources = []
    totals: dict[str, dict[str, Any]] = defaultdict(lambda: {"plaintext": 0, "protected": 0, "masked": 0, "weakly_masked": 0})
    distinct: dict[str, set[bytes] | None] = defaultdict(set)  # per entity, over every source
    for src in sources:
        findings = []
        for (location, entity), cell in sorted(src.cells.items()):
            findings.append({
                "location": location,
                "entity": entity,
                "plaintext": cell.plaintext,
                "distinct_plaintext": _distinct(cell.distinct, cell.plaintext),
                "distinct_at_least": bool(cell.distinct) and len(cell.distinct) >= MAX_DISTINCT,
                "protected": cell.protected,
                "masked": cell.masked,
                "weakly_masked": cell.weakly_masked,
                "risk": risk(entity, cell),
                "first_line": cell.first_line,
                "evidence": cell.evidence,
            })
            for key in ("plaintext", "protected", "masked", "weakly_masked"):
                totals[entity][key] += getattr(cell, key)
            union = distinct[entity]
            if cell.plaintext and not cell.distinct:
                distinct[entity] = None  # not counted here: no total either
            elif union is not None and cell.distinct and len(union) < 10 * MAX_DISTINCT:
                union |= cell.distinct
        out_sources.append({"source": src.source, "kind": src.kind, "rows_scanned": src.rows, "sampled": src.sampled,
                            "error": src.error, "malformed_records": src.malformed,
                            "first_malformed_line": src.first_malformed_line, "findings": findings})
    for entity, union in distinct.items():
        totals[entity]["distinct_plaintext"] = _distinct(union, totals[entity]["plaintext"])
        totals[entity]["distinct_at_least"] = bool(union) and len(union) >= MAX_DISTINCT
    plaintext = sum(t["plaintext"] for t in totals.values())
    highest = max((f["risk"] for s in out_sources for f in s["findings"]), key=RISK_ORDER.get, default="none")
    return {
        "version": SCHEMA_VERSION,
        "tool": "pii-guard",
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "summary": {
            "sources": len(out_sources),
            "plaintext_findings": plaintext,
            "protected_values": sum(t["protected"] for t in totals.values()),
            "masked_values": sum(t["masked"] for t in totals.values()),
            "weakly_masked_values": sum(t["weakly_masked"] for t in totals.values()),
            "highest_risk": highest,
            "by_entity": {e: totals[e] for e in sorted(totals)},
            # what the figures above do not cover: a clean summary of an incomplete scan is no pass
            "complete": not any(s["error"] for s in out_sources),
            "unreadable_sources": sum(1 for s in out_sources if s["error"]),
            "sampled_sources": sum(1 for s in out_sources if s["sampled"]),
            "files_skipped": len(skipped or ()),
            "malformed_records": sum(s["malformed_records"] for s in out_sources),
        },
        "sources": out_sources,
        "skipped_files": [s["source"] for s in skipped or ()],
        "skipped": list(skipped or ()),
    }


#: What a malformed record is, as every face of the report names it.
MALFORMED_KINDS = "ragged rows, bytes the encoding does not read, or records that are no JSON or nest too deep"


def malformed_note(source: dict[str, Any]) -> str:
    """What a source's malformed records mean for whoever scrubs it next, in one sentence (the
    CLI's line, the HTML report and SARIF say the same)."""
    where = f" from line {source['first_malformed_line']}" if source["first_malformed_line"] else ""
    return (f"{source['malformed_records']} malformed record(s){where} ({MALFORMED_KINDS}): scanned all the same, "
            "and left out by a scrub under uninspectable: reject")


def render_json(report: dict[str, Any]) -> str:
    """The report as the text ``pii-guard scan --json`` writes (UTF-8, indented)."""
    return json.dumps(report, ensure_ascii=False, indent=2)


def write_json(report: dict[str, Any], path: str) -> None:
    """Write the report to ``path``, whole or not at all."""
    from pii_guard.io.files import atomic_output

    with atomic_output(path) as handle:
        handle.write(render_json(report) + "\n")
