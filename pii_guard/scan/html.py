"""A self-contained HTML report an auditor can hand on: no scripts, no network fetches.

Summary figures, inline-SVG bar charts of plaintext findings per source and of
plaintext / protected / masked values per entity, and a table per source. All
text is escaped; evidence in the report is already masked.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pii_guard.scan.report import MALFORMED_KINDS, malformed_note

_COLORS = {"plaintext": "#c0392b", "protected": "#27ae60", "masked": "#7f8c8d"}
_RISK_COLORS = {"critical": "#7b241c", "high": "#c0392b", "medium": "#d68910", "low": "#2874a6", "none": "#7f8c8d"}


def _bars(rows: list[tuple[str, dict[str, int]]], keys: list[str], title: str) -> str:
    if not rows:
        return f"<p>No data for “{escape(title)}”.</p>"
    peak = max(1, max(sum(v[k] for k in keys) for _l, v in rows))
    height = 26 * len(rows) + 40
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="980" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(title)}</title>']
    for i, (label, values) in enumerate(rows):
        y = 10 + 26 * i
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(label if len(label) <= 38 else "…" + label[-37:])}</text>')
        x = 280
        for key in keys:
            width = int(440 * values[key] / peak)
            if width:
                parts.append(f'<rect x="{x}" y="{y}" width="{width}" height="18" fill="{_COLORS[key]}"><title>{key}: {values[key]}</title></rect>')
            x += width
        total = ", ".join(f"{k} {values[k]}" for k in keys if values[k])
        parts.append(f'<text x="{x + 6}" y="{y + 14}" font-size="11">{escape(total)}</text>')
    legend_y = height - 12
    for j, key in enumerate(keys):
        parts.append(f'<rect x="{280 + j * 110}" y="{legend_y - 10}" width="12" height="12" fill="{_COLORS[key]}"/>'
                     f'<text x="{296 + j * 110}" y="{legend_y}" font-size="11">{key}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: dict[str, Any]) -> str:
    summary = report["summary"]
    per_source = [(s["source"], {"plaintext": sum(f["plaintext"] for f in s["findings"])}) for s in report["sources"]]
    per_entity = [(e, v) for e, v in summary["by_entity"].items()]
    rows = []
    for source in report["sources"]:
        note = " (sampled)" if source["sampled"] else ""
        error = f'<p class="error">{escape(source["error"])}</p>' if source["error"] else ""
        if source.get("malformed_records"):
            error += f'<p class="malformed">{escape(malformed_note(source))}</p>'
        body = "".join(
            f'<tr><td>{escape(f["location"])}</td><td>{escape(f["entity"])}</td><td class="n">{f["plaintext"]}</td>'
            f'<td class="n">{_distinct(f)}</td><td class="n">{f["protected"]}</td><td class="n">{f["masked"]}</td>'
            f'<td class="n">{f.get("weakly_masked", 0)}</td>'
            f'<td><span class="risk" style="background:{_RISK_COLORS[f["risk"]]}">{escape(f["risk"])}</span></td>'
            f'<td>{escape(", ".join(f["evidence"]))}</td></tr>'
            for f in source["findings"]) or '<tr><td colspan="9">No personal data found.</td></tr>'
        rows.append(f'<section><h3>{escape(source["source"])}</h3><p>{escape(source["kind"])}, '
                    f'{source["rows_scanned"]} rows or lines scanned{note}</p>{error}'
                    '<table><thead><tr><th>Location</th><th>Entity</th><th>Plaintext</th><th>Distinct values</th>'
                    '<th>Protected</th><th>Masked</th><th title="masks that show more digits than the display policy">'
                    'Weakly masked</th><th>Risk</th><th>Evidence (masked)</th></tr></thead>'
                    f'<tbody>{body}</tbody></table></section>')
    cards = "".join(
        f'<div class="card"><div class="big" id="{key}">{value}</div><div>{escape(label)}</div></div>'
        for key, value, label in (
            ("plaintext", summary["plaintext_findings"], "plaintext findings"),
            ("protected", summary["protected_values"], "protected values (pii-guard tokens)"),
            ("masked", summary["masked_values"], "masked values"),
            ("weak", summary.get("weakly_masked_values", 0), "weakly masked (more digits shown than the display policy)"),
            ("sources", summary["sources"], "sources scanned"),
            ("risk", escape(summary["highest_risk"]), "highest risk"),
        ))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>pii-guard scan report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
.cards {{ display: flex; gap: 1em; flex-wrap: wrap; }}
.card {{ border: 1px solid #ccc; border-radius: 6px; padding: 0.8em 1.2em; min-width: 9em; }}
.big {{ font-size: 2em; font-weight: bold; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; }}
th, td {{ border: 1px solid #ddd; padding: 4px 8px; text-align: left; }}
td.n {{ text-align: right; }}
.risk {{ color: white; padding: 1px 6px; border-radius: 3px; }}
.error {{ color: #c0392b; }}
.banner {{ border: 2px solid #c0392b; background: #fdedec; padding: 0.6em 1em; margin: 1em 0; font-weight: bold; }}
.banner.note {{ border-color: #d68910; background: #fef5e7; }}
</style></head><body>
<h1>pii-guard scan report</h1>
<p>Scanned {escape(report["started_at"])} – {escape(report["finished_at"])}. Evidence is masked; this report holds no plaintext personal data.</p>
{_coverage(report)}<div class="cards">{cards}</div>
<h2>Plaintext findings per source</h2>{_bars(per_source, ["plaintext"], "Plaintext findings per source")}
<h2>Values per entity</h2>{_bars(per_entity, ["plaintext", "protected", "masked"], "Values per entity")}
<h2>Sources</h2>{"".join(rows)}{_skipped(report)}
</body></html>
"""


def _distinct(finding: dict[str, Any]) -> str:
    """Distinct plaintext values as a table cell: "—" where not counted, "≥ N" past the cap."""
    count = finding.get("distinct_plaintext")
    return "—" if count is None else f"≥ {count}" if finding.get("distinct_at_least") else str(count)


def _coverage(report: dict[str, Any]) -> str:
    """Banners above the figures for what they do not cover: sources that could not be read (the
    scan is incomplete: "0 plaintext" then proves nothing), sources read only in part (sampled),
    files not read at all. A reader who stops at the headline must still see it."""
    summary, parts = report["summary"], []
    if not summary.get("complete", True):
        parts.append(f'<p class="banner" id="incomplete">Incomplete scan: {summary["unreadable_sources"]} source(s) could '
                     "not be read. The figures below do not cover them; see the errors under Sources.</p>")
    if summary.get("sampled_sources"):
        parts.append(f'<p class="banner note" id="sampled">Sampled: {summary["sampled_sources"]} source(s) were read only '
                     "in part (--sample); their figures count the rows read, not the whole source.</p>")
    if summary.get("malformed_records"):
        parts.append(f'<p class="banner note" id="malformed">{summary["malformed_records"]} malformed record(s) '
                     f"({escape(MALFORMED_KINDS)}) were scanned all the same"
                     "; a scrub under <code>uninspectable: reject</code> leaves them out. See the sources.</p>")
    if report.get("skipped"):
        parts.append(f'<p class="banner note" id="skipped-note"><a href="#skipped">{len(report["skipped"])} file(s) were '
                     "not scanned</a>: their content is not covered by these figures.</p>")
    return "".join(parts)


def _skipped(report: dict[str, Any]) -> str:
    """The files the scan did not read, each with why (binary, a format it does not know, a link
    not followed): an auditor must see what the findings do not cover."""
    skipped = report.get("skipped") or [{"source": name, "reason": "not a format pii-guard reads"}
                                         for name in report.get("skipped_files") or []]
    if not skipped:
        return ""
    items = "".join(f"<li>{escape(s['source'])}: {escape(s['reason'])}</li>" for s in skipped)
    return (f'<h2 id="skipped">Files not scanned ({len(skipped)})</h2><p>Their content is not covered by the '
            f"findings above.</p><ul>{items}</ul>")
