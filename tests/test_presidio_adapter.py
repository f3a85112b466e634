"""pii-guard recognizers registered in a stock presidio_analyzer.AnalyzerEngine."""

from __future__ import annotations

import random

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from benchmarks import synth
from benchmarks.presidio_baseline import BlankChineseSpacyNlpEngine
from pii_guard.detect.presidio import PiiGuardRecognizer, presidio_recognizers


def stock_engine() -> AnalyzerEngine:
    nlp = BlankChineseSpacyNlpEngine()
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["zh"])
    for recognizer in presidio_recognizers(language="zh"):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["zh"])


def test_stock_analyzer_engine_uses_pii_guard_recognizers() -> None:
    rng = random.Random(11)
    pid, mobile = synth.resident_id(rng), synth.mobile_number(rng)
    card = synth.bank_card(rng, prefix="621700", length=19)
    text = f"身份证号{pid}，手機{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}，卡号{card}，客服95588"
    engine = stock_engine()
    results = sorted(engine.analyze(text=text, language="zh"), key=lambda r: r.start)
    got = [(r.entity_type, text[r.start : r.end]) for r in results]
    assert got == [
        ("CN_RESIDENT_ID", pid),
        ("CN_PHONE_NUMBER", f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}"),
        ("CN_BANK_CARD", card),
    ]
    # Context was scored by pii-guard in a character window; Presidio must not boost again.
    direct = {f.entity_type: f.score for f in PiiGuardRecognizer("CN_BANK_CARD")._detector.analyze(text)}
    assert [r.score for r in results if r.entity_type == "CN_BANK_CARD"] == [direct["CN_BANK_CARD"]]


def test_entity_filter_and_names() -> None:
    engine = stock_engine()
    text = "手机13912345678 邮箱a.b@example.com"
    only_email = engine.analyze(text=text, language="zh", entities=["EMAIL_ADDRESS"])
    assert [r.entity_type for r in only_email] == ["EMAIL_ADDRESS"]
    names = {r.name for r in presidio_recognizers()}
    assert "PiiGuardCnResidentIdRecognizer" in names
