"""Score detector predictions against the synthetic gold corpus.

Gold records come from :mod:`benchmarks.corpus`; prediction records are JSON
lines ``{"id": ..., "entities": [{"entity_type", "start", "end", "score"}]}``.

Matching rule
    A prediction is a true positive for a gold mention when it has the same
    entity type, covers every *significant* character of the gold span
    (digits of any width, plus ``X``/``x`` for resident IDs; the address
    characters for e-mail) and contains no significant character outside
    the gold span.  So a prediction may include or leave out a ``+``, a
    parenthesis, a space or a zero-width character at the edges, but may
    neither drop digits (``+86``, an extension) nor swallow a neighbouring
    number.  Matching is one-to-one, highest score first.

    ``R(core)`` is a lenient recall that does not require the ``+86``/``0086``/
    ``86`` country code or the extension of a phone number -- useful to tell
    "missed the number" from "trimmed the prefix".

Leaks
    Gold mentions (any type) with a significant character that no
    prediction of any type covers: what would survive redaction.  Reported
    strictly and on the core digits.

Also reported: predictions overlapping service numbers (hotlines should never
be redacted as personal phones), false positives by the kind of hard negative
they hit, and recall per surface form / context / script variant.

CLI::

    python -m benchmarks.score GOLD.jsonl PRED.jsonl [--threshold 0.5] [--show-errors 20]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

SCORED_TYPES: tuple[str, ...] = ("CN_RESIDENT_ID", "CN_BANK_CARD", "CN_PHONE_NUMBER", "EMAIL_ADDRESS")

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_EMAIL_SIG = re.compile(r"[A-Za-z0-9@._%+\-]")
_INTL_PREFIX = re.compile(r"^[(（]?(?:[+＋]|00|００)?(?:86|８６)[)）]?[\s\-－]*")
_EXTENSION = re.compile(r"\s*(?:转|轉|分机|分機|內線|内线|ext\.?|#)\s*[0-9０-９]+$", re.IGNORECASE)


def is_significant(ch: str, entity_type: str) -> bool:
    """Characters that carry the identifier and therefore must be covered."""
    if entity_type == "EMAIL_ADDRESS":
        return bool(_EMAIL_SIG.match(ch))
    if entity_type == "CN_RESIDENT_ID":
        return ch.isdecimal() or ch in "XxＸｘ"
    return ch.isdecimal()


def significant_positions(text: str, start: int, end: int, entity_type: str) -> list[int]:
    """Positions in ``text[start:end]`` that a prediction has to cover."""
    return [i for i in range(start, end) if is_significant(text[i], entity_type)]


def core_positions(text: str, start: int, end: int, entity_type: str) -> list[int]:
    """Like :func:`significant_positions`, minus a phone's country code and extension."""
    positions = significant_positions(text, start, end, entity_type)
    if entity_type != "CN_PHONE_NUMBER":
        return positions
    # Work on the span without zero-width characters, mapping back to offsets.
    kept = [i for i in range(start, end) if text[i] not in _INVISIBLE]
    visible = "".join(text[i] for i in kept)
    lo, hi = 0, len(visible)
    m = _INTL_PREFIX.match(visible)
    if m and m.end() < hi:
        lo = m.end()
    m = _EXTENSION.search(visible, lo)
    if m and m.start() > lo:
        hi = m.start()
    if lo == 0 and hi == len(visible):
        return positions
    first, last = kept[lo], kept[hi - 1]
    return [i for i in positions if first <= i <= last]


@dataclass
class _Pred:
    entity_type: str
    start: int
    end: int
    score: float


def _load_preds(entities: Iterable[dict[str, Any]], threshold: float) -> list[_Pred]:
    out = []
    for e in entities:
        score = float(e.get("score", 1.0))
        if score >= threshold:
            out.append(_Pred(e["entity_type"], int(e["start"]), int(e["end"]), score))
    out.sort(key=lambda p: (-p.score, p.start, p.end))
    return out


def _covers(p: _Pred, positions: Sequence[int]) -> bool:
    return all(p.start <= i < p.end for i in positions)


def _swallows_outside(text: str, p: _Pred, g: dict[str, Any]) -> bool:
    """True if the prediction contains significant characters outside the gold span."""
    for i in range(max(p.start, 0), min(p.end, len(text))):
        if (i < g["start"] or i >= g["end"]) and is_significant(text[i], g["entity_type"]):
            return True
    return False


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _match(text: str, golds: list[dict[str, Any]], preds: list[_Pred], core: bool) -> dict[int, int]:
    """One-to-one greedy matching; returns {pred index: gold index}."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    need = core_positions if core else significant_positions
    required = [need(text, g["start"], g["end"], g["entity_type"]) for g in golds]
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            if gi in taken or g["entity_type"] != p.entity_type:
                continue
            if _covers(p, required[gi]) and not _swallows_outside(text, p, g):
                taken.add(gi)
                pairs[pi] = gi
                break
    return pairs


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | None]:
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    if p is None or r is None:
        f1 = None
    elif p + r == 0:
        f1 = 0.0
    else:
        f1 = 2 * p * r / (p + r)
    return {"precision": p, "recall": r, "f1": f1}


def score(
    gold_records: Iterable[dict[str, Any]],
    pred_records: Iterable[dict[str, Any]],
    *,
    threshold: float = 0.0,
) -> dict[str, Any]:
    """Compare predictions with gold; see the module docstring for the rules.

    Records are matched by ``id``; a gold record without predictions counts
    as "nothing detected".  Predicted types outside :data:`SCORED_TYPES` are
    ignored for precision/recall but still count as coverage for leaks.
    """
    preds_by_id: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in pred_records:
        preds_by_id[r["id"]].extend(r.get("entities", []))

    counts = {t: collections.Counter() for t in SCORED_TYPES}
    by_form: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_context: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_variant: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    fp_by_kind: collections.Counter[str] = collections.Counter()
    neg_total: collections.Counter[str] = collections.Counter()
    neg_hit: collections.Counter[str] = collections.Counter()
    leaks = collections.Counter()
    ignored_types: collections.Counter[str] = collections.Counter()
    service_preds = 0
    fn_examples: list[dict[str, Any]] = []
    fp_examples: list[dict[str, Any]] = []
    seen_ids: set[str] = set()

    for rec in gold_records:
        rid, text = rec["id"], rec["text"]
        seen_ids.add(rid)
        golds = [g for g in rec["entities"] if g["entity_type"] in SCORED_TYPES]
        all_preds = _load_preds(preds_by_id.get(rid, []), threshold)
        preds = [p for p in all_preds if p.entity_type in SCORED_TYPES]
        for p in all_preds:
            if p.entity_type not in SCORED_TYPES:
                ignored_types[p.entity_type] += 1

        strict = _match(text, golds, preds, core=False)
        lenient = _match(text, golds, preds, core=True)
        matched_gold = set(strict.values())
        matched_gold_core = set(lenient.values())

        covered = set()
        for p in all_preds:
            covered.update(range(p.start, p.end))

        for gi, g in enumerate(golds):
            t = g["entity_type"]
            c = counts[t]
            c["gold"] += 1
            hit, hit_core = gi in matched_gold, gi in matched_gold_core
            c["tp"] += hit
            c["tp_core"] += hit_core
            leak = not set(significant_positions(text, g["start"], g["end"], t)) <= covered
            leak_core = not set(core_positions(text, g["start"], g["end"], t)) <= covered
            leaks[f"{t}:strict"] += leak
            leaks[f"{t}:core"] += leak_core
            for bucket in (by_form[f"{t}:{g.get('form', '?')}"],
                           by_context[f"{t}:{'context' if g.get('context', True) else 'bare'}"],
                           by_variant[f"{t}:{rec.get('variant', '?')}"]):
                bucket["gold"] += 1
                bucket["tp"] += hit
                bucket["tp_core"] += hit_core
                bucket["leaked"] += leak
            if not hit:
                near = [p for p in preds if _overlaps(p.start, p.end, g["start"], g["end"])]
                fn_examples.append({"id": rid, "entity_type": t, "start": g["start"], "end": g["end"],
                                    "form": g.get("form"), "context": g.get("context"),
                                    "nearest": [(p.entity_type, p.start, p.end) for p in near[:2]]})

        for pi, p in enumerate(preds):
            counts[p.entity_type]["pred"] += 1
            if pi in strict:
                continue
            kinds = [n["kind"] for n in rec.get("negatives", []) if _overlaps(p.start, p.end, n["start"], n["end"])]
            if kinds:
                kind = kinds[0]
            elif any(_overlaps(p.start, p.end, g["start"], g["end"]) for g in golds):
                kind = "gold_mismatch"  # wrong type, or boundaries that drop/add digits
            else:
                kind = "unlabelled"
            fp_by_kind[kind] += 1
            fp_examples.append({"id": rid, "entity_type": p.entity_type, "start": p.start, "end": p.end,
                                "kind": kind, "score": p.score})

        for n in rec.get("negatives", []):
            neg_total[n["kind"]] += 1
            hits = [p for p in all_preds if _overlaps(p.start, p.end, n["start"], n["end"])]
            neg_hit[n["kind"]] += bool(hits)
            if n["kind"] == "service_number":
                service_preds += len(hits)

    per_type: dict[str, dict[str, Any]] = {}
    tot = collections.Counter()
    for t in SCORED_TYPES:
        c = counts[t]
        tot.update(c)
        per_type[t] = _row(c)
    per_type["ALL"] = _row(tot)

    def _recall_table(d: dict[str, collections.Counter[str]]) -> dict[str, dict[str, Any]]:
        return {k: {"gold": v["gold"], "tp": v["tp"], "recall": _ratio(v["tp"], v["gold"]),
                    "recall_core": _ratio(v["tp_core"], v["gold"]), "leaked": v["leaked"]}
                for k, v in sorted(d.items())}

    return {
        "threshold": threshold,
        "per_type": per_type,
        "by_form": _recall_table(by_form),
        "by_context": _recall_table(by_context),
        "by_variant": _recall_table(by_variant),
        "leaks": {
            "strict": sum(v for k, v in leaks.items() if k.endswith(":strict")),
            "core": sum(v for k, v in leaks.items() if k.endswith(":core")),
            "gold_total": tot["gold"],
            "by_type": {t: {"strict": leaks[f"{t}:strict"], "core": leaks[f"{t}:core"], "gold": counts[t]["gold"]}
                        for t in SCORED_TYPES},
        },
        "service_numbers_reported": {"predictions": service_preds, "negatives_hit": neg_hit["service_number"],
                                     "negatives_total": neg_total["service_number"]},
        "fp_by_kind": dict(fp_by_kind.most_common()),
        "negatives_hit": {k: {"hit": neg_hit[k], "total": neg_total[k]} for k in sorted(neg_total)},
        "ignored_prediction_types": dict(ignored_types),
        "unknown_prediction_ids": sorted(set(preds_by_id) - seen_ids),
        "errors": {"fn": fn_examples, "fp": fp_examples},
    }


def _row(c: collections.Counter[str]) -> dict[str, Any]:
    tp, n_pred, n_gold = c["tp"], c["pred"], c["gold"]
    return {"gold": n_gold, "pred": n_pred, "tp": tp, "fp": n_pred - tp, "fn": n_gold - tp,
            **_prf(tp, n_pred, n_gold), "recall_core": _ratio(c["tp_core"], n_gold)}


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "    -" if x is None else f"{100 * x:5.1f}"


def _visible(s: str) -> str:
    """Make invisible characters visible in error listings."""
    out = s
    for ch in _INVISIBLE:
        out = out.replace(ch, f"<U+{ord(ch):04X}>")
    return out.replace("\u3000", "<U+3000>").replace("\n", "⏎")


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return (("…" if lo else "") + _visible(text[lo:start]) + "«" + _visible(text[start:end]) + "»"
            + _visible(text[end:hi]) + ("…" if hi < len(text) else ""))


def format_report(result: dict[str, Any], texts: dict[str, str] | None = None, show_errors: int = 0) -> str:
    """Human-readable tables for :func:`score`'s result."""
    lines: list[str] = []
    w = max(len(t) for t in result["per_type"]) + 1
    lines.append(f"threshold {result['threshold']}")
    lines.append(f"{'entity_type':<{w}} {'gold':>6} {'pred':>6} {'TP':>6} {'FP':>6} {'FN':>6} "
                 f"{'P%':>6} {'R%':>6} {'F1%':>6} {'R(core)%':>9}")
    for t, r in result["per_type"].items():
        lines.append(f"{t:<{w}} {r['gold']:>6} {r['pred']:>6} {r['tp']:>6} {r['fp']:>6} {r['fn']:>6} "
                     f"{_pct(r['precision']):>6} {_pct(r['recall']):>6} {_pct(r['f1']):>6} {_pct(r['recall_core']):>9}")

    lk = result["leaks"]
    lines.append("")
    lines.append(f"LEAKS (gold mentions not fully covered by any prediction): strict {lk['strict']}/{lk['gold_total']}, "
                 f"core digits {lk['core']}/{lk['gold_total']}")
    for t, v in lk["by_type"].items():
        lines.append(f"  {t:<{w}} strict {v['strict']:>5}  core {v['core']:>5}  of {v['gold']}")

    sv = result["service_numbers_reported"]
    lines.append("")
    lines.append(f"SERVICE NUMBERS REPORTED: {sv['predictions']} predictions on "
                 f"{sv['negatives_hit']}/{sv['negatives_total']} service numbers")

    lines.append("")
    lines.append("FP BY NEGATIVE KIND (hit = negatives overlapped by any prediction)")
    hits = result["negatives_hit"]
    for kind in sorted(set(result["fp_by_kind"]) | set(hits)):
        h = hits.get(kind)
        extra = f"   hit {h['hit']}/{h['total']}" if h else ""
        lines.append(f"  {kind:<16} FP {result['fp_by_kind'].get(kind, 0):>5}{extra}")

    for title, key in (("RECALL BY FORM", "by_form"), ("RECALL BY CONTEXT", "by_context"),
                       ("RECALL BY VARIANT", "by_variant")):
        table = result[key]
        if not table:
            continue
        kw = max(len(k) for k in table) + 1
        lines.append("")
        lines.append(f"{title:<{kw}} {'gold':>6} {'TP':>6} {'R%':>6} {'R(core)%':>9} {'leaked':>7}")
        for k, v in table.items():
            lines.append(f"{k:<{kw}} {v['gold']:>6} {v['tp']:>6} {_pct(v['recall']):>6} {_pct(v['recall_core']):>9} {v['leaked']:>7}")

    if result["ignored_prediction_types"]:
        lines.append("")
        lines.append(f"ignored predicted types: {result['ignored_prediction_types']}")
    if result["unknown_prediction_ids"]:
        lines.append(f"predictions for {len(result['unknown_prediction_ids'])} ids not in gold (ignored)")

    if show_errors and texts is not None:
        lines.append("")
        lines.append(f"FALSE NEGATIVES (first {show_errors})")
        for e in result["errors"]["fn"][:show_errors]:
            near = "; near " + ", ".join(f"{t}[{s}:{en}]" for t, s, en in e["nearest"]) if e["nearest"] else ""
            lines.append(f"  {e['id']} {e['entity_type']} form={e['form']} context={e['context']}{near}")
            lines.append(f"    {_snippet(texts[e['id']], e['start'], e['end'])}")
        lines.append("")
        lines.append(f"FALSE POSITIVES (first {show_errors})")
        for e in result["errors"]["fp"][:show_errors]:
            lines.append(f"  {e['id']} {e['entity_type']} kind={e['kind']} score={e['score']:.2f}")
            lines.append(f"    {_snippet(texts[e['id']], e['start'], e['end'])}")
    return "\n".join(lines)


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score PII predictions against the synthetic gold corpus.")
    ap.add_argument("gold", help="gold JSONL from benchmarks.corpus")
    ap.add_argument("pred", help="prediction JSONL: {id, entities: [{entity_type, start, end, score}]}")
    ap.add_argument("--threshold", type=float, default=0.0, help="drop predictions scoring below this")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N FN and N FP examples")
    ap.add_argument("--json", metavar="PATH", help="also write the full result (without examples) as JSON")
    args = ap.parse_args(argv)

    gold = _read_jsonl(args.gold)
    result = score(gold, _read_jsonl(args.pred), threshold=args.threshold)
    print(format_report(result, {r["id"]: r["text"] for r in gold}, args.show_errors))
    if args.json:
        slim = {k: v for k, v in result.items() if k != "errors"}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(slim, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
