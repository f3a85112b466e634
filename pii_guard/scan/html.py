"""A self-contained HTML report an auditor can hand on: no scripts, no network fetches.

Summary figures, inline-SVG bar charts of plaintext findings per source and of
plaintext / protected / masked values per entity, and a table per source. All
text is escaped; evidence in the report is already masked.
"""

from __future__ import annotations

from html import escape
from typing import Any

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
        body = "".join(
            f'<tr><td>{escape(f["location"])}</td><td>{escape(f["entity"])}</td><td class="n">{f["plaintext"]}</td>'
            f'<td class="n">{f["protected"]}</td><td class="n">{f["masked"]}</td>'
            f'<td><span class="risk" style="background:{_RISK_COLORS[f["risk"]]}">{escape(f["risk"])}</span></td>'
            f'<td>{escape(", ".join(f["evidence"]))}</td></tr>'
            for f in source["findings"]) or '<tr><td colspan="7">No personal data found.</td></tr>'
        rows.append(f'<section><h3>{escape(source["source"])}</h3><p>{escape(source["kind"])}, '
                    f'{source["rows_scanned"]} rows or lines scanned{note}</p>{error}'
                    '<table><thead><tr><th>Location</th><th>Entity</th><th>Plaintext</th><th>Protected</th>'
                    f'<th>Masked</th><th>Risk</th><th>Evidence (masked)</th></tr></thead><tbody>{body}</tbody></table></section>')
    cards = "".join(
        f'<div class="card"><div class="big" id="{key}">{value}</div><div>{escape(label)}</div></div>'
        for key, value, label in (
            ("plaintext", summary["plaintext_findings"], "plaintext findings"),
            ("protected", summary["protected_values"], "protected values (pii-guard tokens)"),
            ("masked", summary["masked_values"], "masked values"),
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
</style></head><body>
<h1>pii-guard scan report</h1>
<p>Scanned {escape(report["started_at"])} – {escape(report["finished_at"])}. Evidence is masked; this report holds no plaintext personal data.</p>
<div class="cards">{cards}</div>
<h2>Plaintext findings per source</h2>{_bars(per_source, ["plaintext"], "Plaintext findings per source")}
<h2>Values per entity</h2>{_bars(per_entity, ["plaintext", "protected", "masked"], "Values per entity")}
<h2>Sources</h2>{"".join(rows)}{_skipped(report)}
</body></html>
"""


def _skipped(report: dict[str, Any]) -> str:
    """The files the scan did not read (binary, or a format it does not know): an auditor must see
    what the findings do not cover."""
    names = report.get("skipped_files") or []
    if not names:
        return ""
    items = "".join(f"<li>{escape(name)}</li>" for name in names)
    return (f'<h2 id="skipped">Files not scanned ({len(names)})</h2><p>Not a format pii-guard reads (binary or '
            f"unknown): their content is not covered by the findings above.</p><ul>{items}</ul>")
