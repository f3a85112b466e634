"""SARIF 2.1.0 for code-scanning dashboards: one result per source, location and entity."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pii_guard import __version__
from pii_guard.scan.report import malformed_note

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "none": "none"}
RULES = {
    "CN_RESIDENT_ID": "Plaintext resident ID number (居民身份证号)",
    "CN_BANK_CARD": "Plaintext bank card number (银行卡号)",
    "CN_PHONE_NUMBER": "Plaintext phone number (手机/座机号码)",
    "EMAIL_ADDRESS": "Plaintext e-mail address",
}


def to_sarif(report: dict[str, Any]) -> dict[str, Any]:
    entities = sorted({f["entity"] for s in report["sources"] for f in s["findings"]} | set(RULES))
    rules = [{"id": e, "name": "".join(p.title() for p in e.split("_")),
              "shortDescription": {"text": RULES.get(e, f"Plaintext {e}")},
              "defaultConfiguration": {"level": "error" if e in ("CN_RESIDENT_ID", "CN_BANK_CARD") else "warning"}}
             for e in entities]
    results = []
    for source in report["sources"]:
        for f in source["findings"]:
            if not f["plaintext"]:
                continue
            region = {"startLine": f["first_line"]} if f["first_line"] else None
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(source["source"])}}
            if region:
                physical["region"] = region
            results.append({
                "ruleId": f["entity"],
                "level": LEVEL[f["risk"]],
                "message": {"text": f"{f['plaintext']} plaintext {f['entity']} value(s) in {f['location']} "
                                    f"(risk {f['risk']}; {f['protected']} protected, {f['masked']} masked)"},
                "locations": [{"physicalLocation": physical,
                               "logicalLocations": [{"name": f["location"], "kind": "member"}]}],
                "properties": {"plaintext": f["plaintext"], "distinct_plaintext": f.get("distinct_plaintext"),
                               "protected": f["protected"], "masked": f["masked"], "weakly_masked": f.get("weakly_masked", 0),
                               "risk": f["risk"], "evidence": f["evidence"]},
            })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pii-guard", "version": __version__, "rules": rules}},
            "results": results,
            # not successful when a source could not be read: the scan is incomplete (exit code 1)
            "invocations": [{"executionSuccessful": not any(source["error"] for source in report["sources"]),
                             "startTimeUtc": report["started_at"], "endTimeUtc": report["finished_at"],
                             "toolExecutionNotifications": _skipped(report)}],
        }],
    }


def _skipped(report: dict[str, Any]) -> list[dict[str, Any]]:
    """A warning per file the scan did not read, and one per source it could not read: a dashboard
    must not show a clean scan of files that were never opened."""
    skipped = report.get("skipped") or [{"source": name, "reason": "not a format pii-guard reads"}
                                         for name in report.get("skipped_files") or []]
    notes = [{"level": "warning", "message": {"text": f"not scanned: {s['source']} ({s['reason']})"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(s['source'])}}}]}
             for s in skipped]
    notes += [{"level": "note", "message": {"text": f"sampled: {source['source']} ({source['rows_scanned']} rows or lines read)"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source["source"])}}}]}
              for source in report["sources"] if source["sampled"]]
    notes += [{"level": "warning", "message": {"text": f"{source['source']}: {malformed_note(source)}"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source["source"])},
                                                   **({"region": {"startLine": source["first_malformed_line"]}}
                                                      if source["first_malformed_line"] else {})}}]}
              for source in report["sources"] if source.get("malformed_records")]
    notes += [{"level": "error", "message": {"text": f"could not be read: {source['source']} ({source['error']})"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source["source"])}}}]}
              for source in report["sources"] if source["error"]]
    return notes


def _uri(name: str) -> str:
    """A source as a SARIF ``uri`` (a URI reference): a path with spaces, Chinese characters, ``#``
    or ``%`` percent-encoded, so that ``export#2.csv`` is not read as ``export`` and a fragment."""
    return quote(name, safe="/:@-._~")
