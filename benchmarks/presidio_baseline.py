"""Stock Microsoft Presidio baseline for Chinese complaint text.

This module configures ``presidio_analyzer.AnalyzerEngine`` the way a new
user would for Chinese text, so the project's own detector can be compared
against it:

* NLP engine: a *blank* Chinese spaCy pipeline (``spacy.blank("zh")`` with its
  default character segmenter).  No spaCy model is downloaded or needed; the
  pipeline has no NER, so only the pattern/rule recognizers below fire.
* Recognizers (all stock Presidio, registered for language ``"zh"``):
  ``CreditCardRecognizer``, ``PhoneRecognizer(supported_regions=["CN"])``,
  ``EmailRecognizer`` and an ad-hoc ``PatternRecognizer`` for
  ``CN_RESIDENT_ID`` with the "obvious" pattern ``\\b\\d{17}[\\dXx]\\b``.

Everything runs offline.  The one place stock Presidio reaches for the
network is ``EmailRecognizer.validate_result``, which calls
``tldextract.extract``; with no cached Public Suffix List tldextract first
tries to download it over HTTPS (logging a traceback per URL when offline)
before falling back to its bundled snapshot.  We avoid that by giving the
email recognizer its own ``tldextract.TLDExtract(suffix_list_urls=(),
cache_dir=None)``: bundled snapshot only, no HTTP, no disk cache.  The
module-level ``tldextract`` extractor is left untouched, so nothing else in
the process is affected.

Usage::

    python -m benchmarks.presidio_baseline GOLD.jsonl -o PRED.jsonl [--max-seconds 30]

Offsets in predictions are Python ``str`` (Unicode code point) indices into
the record's ``text``, end-exclusive.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from typing import Any, Dict, Iterable, List, Optional, Sequence

import spacy
import tldextract
from presidio_analyzer import (
    AnalyzerEngine,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    PhoneRecognizer,
)

__all__ = [
    "LANGUAGE",
    "ENTITY_MAP",
    "CN_RESIDENT_ID_PATTERN",
    "BlankChineseSpacyNlpEngine",
    "OfflineEmailRecognizer",
    "build_stock_analyzer",
    "analyze_text",
    "analyze_records",
    "measure_throughput",
    "main",
]

LANGUAGE = "zh"

#: Presidio entity type -> this project's entity type.  Presidio results with
#: any other entity type are dropped by :func:`analyze_records`.
ENTITY_MAP: Dict[str, str] = {
    "CREDIT_CARD": "CN_BANK_CARD",
    "PHONE_NUMBER": "CN_PHONE_NUMBER",
    "CN_RESIDENT_ID": "CN_RESIDENT_ID",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
}

#: The pattern a new user would write for an 18-character resident ID.
#: Note: Presidio compiles with the ``regex`` module (Unicode-aware), where
#: CJK ideographs are ``\w``; hence ``\b`` does NOT match between "号" and
#: "1" in "身份证号110101...", and IDs glued to Chinese text are missed.
CN_RESIDENT_ID_PATTERN = r"\b\d{17}[\dXx]\b"

_PRESIDIO_LOGGERS = ("presidio-analyzer", "presidio-anonymizer")

# Bundled Public Suffix List snapshot only: no HTTP fetch, no disk cache.
_OFFLINE_TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class BlankChineseSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` backed by ``spacy.blank("zh")`` (char segmenter).

    Overrides :meth:`load` so Presidio never tries to ``spacy.cli.download``
    a model (which is what the stock ``load`` does for a missing model).
    """

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:zh"}])

    def load(self) -> None:  # noqa: D102
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}


class OfflineEmailRecognizer(EmailRecognizer):
    """Stock ``EmailRecognizer`` whose TLD check uses the bundled PSL snapshot.

    Identical pattern, context and validation logic to Presidio's
    ``EmailRecognizer.validate_result``; only the ``tldextract`` instance
    differs (``suffix_list_urls=()``, ``cache_dir=None``), so validation never
    touches the network or the user's cache directory.
    """

    def validate_result(self, pattern_text: str) -> bool:  # noqa: D102
        return _OFFLINE_TLD_EXTRACTOR(pattern_text).fqdn != ""


def _quiet_presidio(level: int = logging.ERROR) -> None:
    # Presidio logs INFO "Fetching all recognizers for language zh" on every
    # analyze() call and WARNINGs about languages/recognizers at build time.
    for name in _PRESIDIO_LOGGERS:
        logging.getLogger(name).setLevel(level)


def build_stock_analyzer(include_email: bool = True, quiet: bool = True) -> AnalyzerEngine:
    """Build a stock Presidio ``AnalyzerEngine`` configured for Chinese.

    :param include_email: also register Presidio's ``EmailRecognizer``
        (kept offline, see :class:`OfflineEmailRecognizer`).
    :param quiet: set Presidio's loggers to ERROR.
    """
    if quiet:
        _quiet_presidio()

    nlp_engine = BlankChineseSpacyNlpEngine()
    nlp_engine.load()

    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.add_recognizer(CreditCardRecognizer(supported_language=LANGUAGE))
    registry.add_recognizer(
        PhoneRecognizer(supported_regions=["CN"], supported_language=LANGUAGE)
    )
    registry.add_recognizer(
        PatternRecognizer(
            supported_entity="CN_RESIDENT_ID",
            patterns=[Pattern("CN resident ID (18)", CN_RESIDENT_ID_PATTERN, 0.5)],
            supported_language=LANGUAGE,
            name="CnResidentIdRecognizer",
        )
    )
    if include_email:
        registry.add_recognizer(OfflineEmailRecognizer(supported_language=LANGUAGE))

    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
    )


def analyze_text(
    analyzer: AnalyzerEngine, text: str, threshold: float = 0.0
) -> List[Dict[str, Any]]:
    """Analyze one text; return mapped entities sorted by (start, end)."""
    results = analyzer.analyze(text=text, language=LANGUAGE, score_threshold=threshold)
    entities = [
        {
            "entity_type": ENTITY_MAP[r.entity_type],
            "start": int(r.start),
            "end": int(r.end),
            "score": float(r.score),
        }
        for r in results
        if r.entity_type in ENTITY_MAP
    ]
    entities.sort(key=lambda e: (e["start"], e["end"], e["entity_type"]))
    return entities


def analyze_records(
    analyzer: AnalyzerEngine,
    records: Iterable[Dict[str, Any]],
    threshold: float = 0.0,
) -> List[Dict[str, Any]]:
    """Run the analyzer over ``{"id", "text", ...}`` records.

    Returns ``[{"id": ..., "entities": [{"entity_type", "start", "end",
    "score"}, ...]}, ...]`` in input order, with entity types mapped through
    :data:`ENTITY_MAP` (unmapped Presidio entities are dropped).
    """
    return [
        {"id": rec["id"], "entities": analyze_text(analyzer, rec["text"], threshold)}
        for rec in records
    ]


def measure_throughput(
    analyzer: AnalyzerEngine,
    texts: Sequence[str],
    max_seconds: float = 30.0,
    warmup: bool = True,
) -> Dict[str, Any]:
    """Time ``analyzer.analyze`` over ``texts`` in order, bounded in time.

    Texts are processed one at a time until all are done or ``max_seconds``
    of wall time has elapsed (the text in flight is finished, so the total
    may slightly exceed the bound).  At least one text is always processed
    when ``texts`` is non-empty.  If ``warmup`` is set, one untimed call is
    made first on ``texts[0]`` to exclude one-off lazy initialisation.

    Returns ``texts_used``, ``texts_total``, ``bytes`` (UTF-8), ``chars``,
    ``seconds``, ``mb_per_s`` (MB = 10**6 bytes), ``ms_per_text`` and
    ``complete`` (whether every text was processed).
    """
    texts = list(texts)
    if warmup and texts:
        analyzer.analyze(text=texts[0], language=LANGUAGE)

    n_bytes = n_chars = used = 0
    start = time.perf_counter()
    elapsed = 0.0
    for text in texts:
        analyzer.analyze(text=text, language=LANGUAGE)
        used += 1
        n_bytes += len(text.encode("utf-8"))
        n_chars += len(text)
        elapsed = time.perf_counter() - start
        if elapsed >= max_seconds:
            break

    return {
        "texts_used": used,
        "texts_total": len(texts),
        "complete": used == len(texts),
        "bytes": n_bytes,
        "chars": n_chars,
        "seconds": elapsed,
        "mb_per_s": (n_bytes / 1e6 / elapsed) if elapsed > 0 else 0.0,
        "ms_per_text": (elapsed * 1e3 / used) if used else 0.0,
    }


def _read_jsonl(path: str) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _write_jsonl(path: str, rows: Iterable[Dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """CLI: write stock-Presidio predictions for a gold JSONL and time it."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.presidio_baseline",
        description="Run stock Presidio (blank zh spaCy + pattern recognizers) "
        "over a gold JSONL ({id, text, ...} per line) and write predictions.",
    )
    parser.add_argument("gold", help="input JSONL with 'id' and 'text' fields")
    parser.add_argument("-o", "--output", required=True, help="predictions JSONL to write")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=30.0,
        help="time bound for the throughput measurement (default 30)",
    )
    parser.add_argument(
        "--threshold", type=float, default=0.0, help="Presidio score_threshold (default 0)"
    )
    parser.add_argument(
        "--no-email", action="store_true", help="do not register EmailRecognizer"
    )
    args = parser.parse_args(argv)

    records = _read_jsonl(args.gold)
    t0 = time.perf_counter()
    analyzer = build_stock_analyzer(include_email=not args.no_email)
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    predictions = analyze_records(analyzer, records, threshold=args.threshold)
    predict_s = time.perf_counter() - t0
    _write_jsonl(args.output, predictions)

    throughput = measure_throughput(
        analyzer, [r["text"] for r in records], max_seconds=args.max_seconds
    )
    summary = {
        "system": "presidio-stock",
        "records": len(records),
        "entities_predicted": sum(len(p["entities"]) for p in predictions),
        "build_seconds": round(build_s, 3),
        "prediction_pass_seconds": round(predict_s, 3),
        "output": args.output,
        "throughput": throughput,
    }
    print(
        f"presidio-stock: {len(records)} records -> {args.output}; throughput "
        f"{throughput['mb_per_s']:.3f} MB/s over {throughput['texts_used']}/"
        f"{throughput['texts_total']} texts ({throughput['bytes']} bytes, "
        f"{throughput['seconds']:.2f} s, {throughput['ms_per_text']:.2f} ms/text)",
        file=sys.stderr,
    )
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
