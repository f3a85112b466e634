"""Tests for the stock-Presidio baseline (benchmarks/presidio_baseline.py).

All numbers below are synthetic: 138-1234-5678 style phone, a resident ID
with a valid check digit for a made-up person, example.com e-mail.
"""

import json
import socket
import sys
from pathlib import Path

import pytest

# Allow plain `pytest` (not only `python -m pytest`) from the repo root.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from benchmarks import presidio_baseline as pb  # noqa: E402

PHONE = "13812345678"
RESIDENT_ID = "110101199003074578"


@pytest.fixture(scope="module")
def analyzer():
    return pb.build_stock_analyzer()


@pytest.fixture
def no_network(monkeypatch):
    """Fail loudly (and record) if anything tries DNS or a socket connect."""
    attempts = []

    def blocked(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in offline test")

    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    monkeypatch.setattr(socket.socket, "connect", blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    return attempts


def _types(entities):
    return [(e["entity_type"], e["start"], e["end"]) for e in entities]


def test_entity_map():
    assert pb.ENTITY_MAP == {
        "CREDIT_CARD": "CN_BANK_CARD",
        "PHONE_NUMBER": "CN_PHONE_NUMBER",
        "CN_RESIDENT_ID": "CN_RESIDENT_ID",
        "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    }


def test_phone_is_found_and_mapped(analyzer):
    text = f"联系电话 {PHONE}"
    [pred] = pb.analyze_records(analyzer, [{"id": "r1", "text": text, "label": "x"}])
    assert pred["id"] == "r1"
    start = text.index(PHONE)
    assert ("CN_PHONE_NUMBER", start, start + len(PHONE)) in _types(pred["entities"])
    for ent in pred["entities"]:
        assert set(ent) == {"entity_type", "start", "end", "score"}
        assert ent["entity_type"] in pb.ENTITY_MAP.values()


def test_resident_id_word_boundary_weakness(analyzer):
    """The reason this project exists.

    Presidio's regex engine treats CJK ideographs as word characters, so the
    "obvious" ``\\b\\d{17}[\\dXx]\\b`` pattern cannot match an ID that is glued
    to Chinese text (the normal way it is written in complaints) - it only
    fires when the ID is surrounded by spaces/punctuation.
    """
    glued = f"身份证号{RESIDENT_ID}"
    spaced = f"身份证号 {RESIDENT_ID} "
    glued_pred = pb.analyze_text(analyzer, glued)
    spaced_pred = pb.analyze_text(analyzer, spaced)

    assert not [e for e in glued_pred if e["entity_type"] == "CN_RESIDENT_ID"]
    start = spaced.index(RESIDENT_ID)
    assert ("CN_RESIDENT_ID", start, start + 18) in _types(spaced_pred)


def test_email_validation_stays_offline(analyzer, no_network):
    text = "邮箱 zhangsan@example.com 谢谢"
    preds = pb.analyze_text(analyzer, text)
    start = text.index("zhangsan")
    assert ("EMAIL_ADDRESS", start, start + len("zhangsan@example.com")) in _types(preds)
    assert no_network == []


def test_threshold_and_throughput(analyzer):
    text = f"联系电话 {PHONE}"
    assert pb.analyze_text(analyzer, text, threshold=0.99) == []  # phone scores 0.4
    stats = pb.measure_throughput(analyzer, [text] * 5, max_seconds=5)
    assert stats["texts_used"] == stats["texts_total"] == 5
    assert stats["complete"] is True
    assert stats["bytes"] == 5 * len(text.encode("utf-8"))
    assert stats["mb_per_s"] > 0


def test_cli_writes_predictions(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    out = tmp_path / "pred.jsonl"
    rows = [
        {"id": "a", "text": f"联系电话 {PHONE}", "entities": []},
        {"id": "b", "text": f"身份证号{RESIDENT_ID}", "entities": []},
    ]
    gold.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    assert pb.main([str(gold), "-o", str(out), "--max-seconds", "1"]) == 0
    preds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in preds] == ["a", "b"]
    assert preds[0]["entities"][0]["entity_type"] == "CN_PHONE_NUMBER"
    assert preds[1]["entities"] == []
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["throughput"]["texts_used"] == 2
