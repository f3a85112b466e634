"""Tests for the synthetic benchmark data (benchmarks.synth / corpus / score).

Check digits are verified with python-stdnum, an implementation independent
of ours, so a bug in :mod:`benchmarks.synth` cannot hide behind itself.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

from benchmarks import corpus, score, synth

SEEDS = st.integers(min_value=0, max_value=2**32)


def _rng(seed: int) -> random.Random:
    return random.Random(seed)


# ---------------------------------------------------------------------------
# synth
# ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_resident_id_has_valid_check_digit_and_date(seed: int) -> None:
    value = synth.resident_id(_rng(seed))
    assert len(value) == 18
    assert value[:6] in synth.REGION_CODES + synth.HMT_REGION_CODES
    birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    assert 1940 <= birth.year <= 2008
    assert mod_11_2.is_valid(value)
    assert mod_11_2.calc_check_digit(value[:17]) == synth.id_check_char(value[:17])


def test_resident_id_can_be_forced_to_end_in_x() -> None:
    rng = _rng(5)
    values = [synth.resident_id(rng, check="X") for _ in range(50)]
    assert all(v.endswith("X") and mod_11_2.is_valid(v) for v in values)


@settings(max_examples=100, deadline=None)
@given(SEEDS)
def test_legacy_id_is_15_digits_with_real_date(seed: int) -> None:
    value = synth.resident_id_legacy15(_rng(seed))
    assert len(value) == 15 and value.isdigit()
    assert value[:6] in synth.REGION_CODES
    dt.date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_bad_check_id_fails_mod_11_2(seed: int) -> None:
    value = synth.resident_id_bad_check(_rng(seed))
    assert len(value) == 18
    assert not mod_11_2.is_valid(value)


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_bank_card_passes_luhn_on_known_bin(seed: int) -> None:
    value = synth.bank_card(_rng(seed))
    assert value.isdigit() and 16 <= len(value) <= 19
    assert any(value.startswith(prefix) for prefix, _, _ in synth.CARD_BINS)
    assert luhn.is_valid(value)


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_bad_luhn_card_fails_luhn(seed: int) -> None:
    value = synth.bank_card_bad_luhn(_rng(seed))
    assert any(value.startswith(prefix) for prefix, _, _ in synth.CARD_BINS)
    assert not luhn.is_valid(value)


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_non_luhn_digits_look_like_no_card_or_id(seed: int) -> None:
    value = synth.non_luhn_digits(_rng(seed))
    assert 16 <= len(value) <= 19
    assert not luhn.is_valid(value)
    assert not any(value.startswith(prefix) for prefix, _, _ in synth.CARD_BINS)
    assert not synth.is_valid_resident_id(value)


@settings(max_examples=200, deadline=None)
@given(SEEDS)
def test_mobile_and_landline_shapes(seed: int) -> None:
    rng = _rng(seed)
    mobile = synth.mobile_number(rng)
    assert len(mobile) == 11 and mobile[:3] in synth.MOBILE_SEGMENTS
    line = synth.landline(rng)
    assert line.area_code in synth.AREA_CODES_2 + synth.AREA_CODES_3
    assert line.subscriber[0] in "2345678"
    if line.area_code in synth.AREA_CODES_2:
        assert len(line.subscriber) == 8
    else:
        assert len(line.subscriber) in (7, 8)


def test_luhn_helpers_agree_with_stdnum() -> None:
    rng = _rng(11)
    for _ in range(200):
        payload = "".join(rng.choice("0123456789") for _ in range(rng.randint(5, 18)))
        assert synth.luhn_check_digit(payload) == luhn.calc_check_digit(payload)


# ---------------------------------------------------------------------------
# corpus
# ---------------------------------------------------------------------------


def _normalise(span: str) -> str:
    """Digits and X only, full-width folded to ASCII."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", span) if ch.isdigit() or ch in "Xx").upper()


@pytest.mark.parametrize("family", corpus.FAMILIES)
def test_gold_spans_hold_valid_numbers(family: str) -> None:
    records = corpus.generate(800, seed=3, family=family)
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        text = r["text"]
        assert r["variant"] in ("zh-Hans", "zh-Hant")
        for e in r["entities"]:
            span = text[e["start"]:e["end"]]
            assert span and span == span.strip()
            digits = _normalise(span)
            if e["entity_type"] == "CN_RESIDENT_ID":
                if e["form"] == "id15":
                    assert len(digits) == 15
                else:
                    assert mod_11_2.is_valid(digits)
            elif e["entity_type"] == "CN_BANK_CARD":
                assert luhn.is_valid(digits) != e["form"].startswith("card_bad")
            elif e["entity_type"] == "CN_PHONE_NUMBER":
                assert span[-1].isdigit() or unicodedata.normalize("NFKC", span[-1]).isdigit()
                assert span[0] in "+＋(（" or span[0].isdigit() or unicodedata.normalize("NFKC", span[0]).isdigit()
            else:
                assert re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", span)
        spans = sorted((x["start"], x["end"]) for x in r["entities"] + r["negatives"])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert all(n["kind"] in corpus.NEGATIVE_KINDS for n in r["negatives"])


def test_corpus_is_deterministic_per_seed() -> None:
    a = corpus.generate(300, seed=42, family="dev")
    b = corpus.generate(300, seed=42, family="dev")
    c = corpus.generate(300, seed=43, family="dev")
    assert a == b
    assert a != c


def test_corpus_covers_required_shapes() -> None:
    records = corpus.generate(3000, seed=1, family="dev")
    summary = corpus.summarize(records)
    assert summary["records_empty"] > 0 and summary["records_only_negatives"] > 0
    assert set(summary["entities"]) == {"CN_RESIDENT_ID", "CN_BANK_CARD", "CN_PHONE_NUMBER", "EMAIL_ADDRESS"}
    assert summary["context"]["bare"] > 0
    assert set(summary["negatives"]) == set(corpus.NEGATIVE_KINDS)
    share_hant = summary["variants"]["zh-Hant"] / len(records)
    assert 0.33 < share_hant < 0.47
    # Legacy IDs and Luhn-failing cards never appear without context.
    for r in records:
        for e in r["entities"]:
            if e["form"] == "id15" or e["form"].startswith("card_bad"):
                assert e["context"]


def test_families_use_different_context_phrases() -> None:
    def phrases(lex: corpus.Lexicon) -> set[str]:
        out: set[str] = set()
        for table in (lex.ctx_nouns, lex.ctx_verbs, lex.fields, lex.asks):
            for values in table.values():
                out.update(v.lower() for v in values)
        return out

    dev = phrases(corpus.DEV_HANS) | phrases(corpus.DEV_HANT)
    holdout = phrases(corpus.HOLDOUT_HANS) | phrases(corpus.HOLDOUT_HANT)
    assert not dev & holdout


# ---------------------------------------------------------------------------
# score
# ---------------------------------------------------------------------------


def _as_predictions(records: list[dict]) -> list[dict]:
    return [{"id": r["id"], "entities": [dict(e, score=0.9) for e in r["entities"]]} for r in records]


def test_perfect_predictions_score_one_and_leak_nothing() -> None:
    gold = corpus.generate(300, seed=9, family="holdout")
    result = score.score(gold, _as_predictions(gold))
    assert result["per_type"]["ALL"]["f1"] == 1.0
    assert result["leaks"]["strict"] == 0
    assert result["service_numbers_reported"]["predictions"] == 0


def test_dropping_country_code_is_a_strict_miss_but_core_hit() -> None:
    text = "手机+86 13812345678，热线95588"
    gold = [{"id": "t", "text": text, "variant": "zh-Hans",
             "entities": [{"entity_type": "CN_PHONE_NUMBER", "start": 2, "end": 17, "form": "mob_p86sp", "context": True}],
             "negatives": [{"kind": "service_number", "start": 20, "end": 25}]}]
    preds = [{"id": "t", "entities": [
        {"entity_type": "CN_PHONE_NUMBER", "start": 6, "end": 17, "score": 0.8},
        {"entity_type": "CN_PHONE_NUMBER", "start": 20, "end": 25, "score": 0.4},
    ]}]
    result = score.score(gold, preds)
    row = result["per_type"]["CN_PHONE_NUMBER"]
    assert (row["tp"], row["fp"], row["fn"], row["recall_core"]) == (0, 2, 1, 1.0)
    assert result["leaks"]["strict"] == 1 and result["leaks"]["core"] == 0
    assert result["service_numbers_reported"]["predictions"] == 1
    assert result["fp_by_kind"]["service_number"] == 1
    # Including the "+" or not makes no difference; swallowing other digits does.
    assert score.score(gold, preds, threshold=0.5)["per_type"]["CN_PHONE_NUMBER"]["fp"] == 1
    for start, end, tp in ((2, 17, 1), (3, 17, 1), (2, 25, 0)):
        one = [{"id": "t", "entities": [{"entity_type": "CN_PHONE_NUMBER", "start": start, "end": end, "score": 1}]}]
        assert score.score(gold, one)["per_type"]["CN_PHONE_NUMBER"]["tp"] == tp
