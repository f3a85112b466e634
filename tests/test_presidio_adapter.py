"""pii-guard recognizers registered in a stock presidio_analyzer.AnalyzerEngine."""

from __future__ import annotations

import random

import pytest

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from benchmarks import synth
from benchmarks.presidio_baseline import BlankChineseSpacyNlpEngine
from pii_guard.detect import Detector
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
    direct = {f.entity_type: f.score for f in Detector.default().analyze(text)}
    assert [r.score for r in results if r.entity_type == "CN_BANK_CARD"] == [direct["CN_BANK_CARD"]]


def test_entity_filter_and_names() -> None:
    engine = stock_engine()
    text = "手机13912345678 邮箱a.b@example.com"
    only_email = engine.analyze(text=text, language="zh", entities=["EMAIL_ADDRESS"])
    assert [r.entity_type for r in only_email] == ["EMAIL_ADDRESS"]
    names = {r.name for r in presidio_recognizers()}
    assert "PiiGuardCnResidentIdRecognizer" in names


def test_presidio_reports_what_the_detector_reports() -> None:
    """The recognizers read a text once together, as the detector does: numbers run together (an
    ID and a mobile with no gap, read as two), a valid ID that Luhn passes too (the ID, not also a
    card) and two mobiles a space apart come back from a stock AnalyzerEngine exactly as the
    detector finds them; a detector of one entity reads such texts without error."""
    from pii_guard.validators.luhn import is_valid

    rng = random.Random(29)
    pid = next(p for p in iter(lambda: synth.resident_id(rng), None) if is_valid(p))
    other, card = synth.resident_id(rng), synth.bank_card(rng, prefix="622202", length=19)
    m1, m2 = synth.mobile_number(rng), synth.mobile_number(rng)
    engine, detector = stock_engine(), Detector.default()
    for text in (f"身份证{other}{m1}", f"卡号{card}{m2}", f"投诉：银行卡号 {pid}和保单", f"联系电话：{m1} {m2}",
                 f"客户电话 {m1}-{m2}", f"{card} {m1}", f"{m1}-{other}"):
        got = sorted((r.entity_type, r.start, r.end, r.score) for r in engine.analyze(text=text, language="zh"))
        assert got == sorted((f.entity_type, f.start, f.end, f.score) for f in detector.analyze(text)), text[:4]
        assert got, text[:4]
        for entity in detector.entities:
            assert all(f.entity_type == entity for f in detector.restricted([entity]).analyze(text))


def test_a_misspelt_entity_is_refused() -> None:
    """A recognizer for an entity the detector does not know would find nothing and say nothing."""
    import pytest

    with pytest.raises(ValueError, match="unknown entity"):
        PiiGuardRecognizer("CN_PHONE")


def test_the_decision_process_says_what_proved_a_finding() -> None:
    """return_decision_process: validation_result was True for every finding, a known issuer's
    card failing Luhn included, and the context word was always empty (pii-guard --explain
    names it)."""
    rng = random.Random(683)
    card = synth.bank_card(rng, prefix="622202", length=19)
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    mobile, pid = synth.mobile_number(rng), synth.resident_id(rng)
    engine = stock_engine()
    results = {r.entity_type: r for r in engine.analyze(text=f"银行卡号{wrong}，手机{mobile}，身份证{pid}", language="zh",
                                                        return_decision_process=True)}
    card_result, phone, ident = results["CN_BANK_CARD"], results["CN_PHONE_NUMBER"], results["CN_RESIDENT_ID"]
    assert card_result.analysis_explanation.validation_result is False
    assert ident.analysis_explanation.validation_result is True
    assert phone.analysis_explanation.validation_result is None  # a mobile has no check digit
    assert card_result.analysis_explanation.supportive_context_word == "银行卡"
    assert phone.analysis_explanation.supportive_context_word == "手机"


def test_an_analyzer_holding_the_recognizers_pickles_without_the_text_it_read() -> None:
    """Spark broadcasts an AnalyzerEngine and spawned workers get one pickled: with pii-guard's
    recognizers it raised (a mappingproxy; deepcopy: __init__() missing 'specs'). A detector is
    pickled as where it was loaded from; the last text a recognizer read is not in the pickle."""
    import copy
    import pickle

    from pii_guard.detect.recognizers import load_directory

    rng = random.Random(709)
    mobile, pid = synth.mobile_number(rng), synth.resident_id(rng)
    text = f"手机{mobile}，身份证{pid}"
    engine = stock_engine()
    before = sorted((r.entity_type, r.start, r.end) for r in engine.analyze(text=text, language="zh"))
    blob = pickle.dumps(engine)
    held = mobile.encode() not in blob and pid.encode() not in blob  # (a failure shows no number)
    assert held
    for again in (pickle.loads(blob), copy.deepcopy(engine)):
        assert sorted((r.entity_type, r.start, r.end) for r in again.analyze(text=text, language="zh")) == before
    assert [f.entity_type for f in pickle.loads(pickle.dumps(Detector.default())).analyze(text)] == [
        "CN_PHONE_NUMBER", "CN_RESIDENT_ID"]
    with pytest.raises(TypeError, match="from_directory"):
        pickle.dumps(Detector(load_directory(None)))
