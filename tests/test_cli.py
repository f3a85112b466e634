"""``pii-guard detect`` as a user runs it: the installed console script on real files."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from benchmarks import synth
from tests import servers

RNG = random.Random(99)
PID = synth.resident_id(RNG)
MOBILE = synth.mobile_number(RNG)


def pii_guard(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = servers.exe()
    return subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_detect_jsonl_file(tmp_path: Path) -> None:
    text = f"投诉人身份证号{PID}，手机＋８６ {MOBILE}。"
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join([json.dumps({"id": "a", "text": text}, ensure_ascii=False), json.dumps({"id": 7, "text": "无"})]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = pii_guard("detect", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    got = [(e["entity_type"], text[e["start"] : e["end"]]) for e in rows[0]["entities"]]
    assert got == [("CN_RESIDENT_ID", PID), ("CN_PHONE_NUMBER", f"＋８６ {MOBILE}")]
    assert all(0.5 <= e["score"] <= 1 for e in rows[0]["entities"])
    assert rows[1]["entities"] == []


def test_bad_lines_report_line_numbers_never_content() -> None:
    secret = f"我的手机{MOBILE}"
    lines = [
        json.dumps({"id": 1, "text": f"电话{MOBILE}"}, ensure_ascii=False),
        '{"id": 2, "text": "' + secret,  # truncated JSON that holds PII
        json.dumps({"id": 3, "note": secret}, ensure_ascii=False),
        json.dumps({"id": 4, "text": int(MOBILE)}),  # a JSON number is still a number
    ]
    result = pii_guard("detect", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert MOBILE not in result.stderr and MOBILE not in result.stdout
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, 4]
    assert rows[1]["entities"][0]["entity_type"] == "CN_PHONE_NUMBER"


def test_lines_a_reader_cannot_agree_on_are_bad_lines_and_the_rest_go_on() -> None:
    """A line nested too deeply for the JSON reader (it raised RecursionError and stopped the run),
    an id too large for a float (written back as Infinity, which is no JSON) and a record giving
    "text" twice (Python keeps the last, other readers the first) are reported by line number and
    skipped; the lines after them are read."""
    deep = "[" * 100_000 + "]" * 100_000
    lines = [deep, '{"id": 1e400, "text": "x"}', '{"id": 3, "text": "手机' + MOBILE + '", "text": "无"}',
             '{"id": 4, "meta": {"text": "a", "text": "b"}, "text": "手机' + MOBILE + '"}',  # not the record's own
             '{"id": [1e400], "text": "x"}', '{"id": NaN, "text": "x"}']
    result = pii_guard("detect", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert all(f"line {n}" in result.stderr for n in (1, 2, 3, 5, 6)) and "line 4" not in result.stderr
    assert MOBILE not in result.stderr and MOBILE not in result.stdout
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [4] and rows[0]["entities"][0]["entity_type"] == "CN_PHONE_NUMBER"


def test_strict_stops_at_first_bad_line() -> None:
    lines = ["not json", json.dumps({"id": 2, "text": f"手机{MOBILE}"})]
    result = pii_guard("detect", "-", "--strict", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1 and result.stdout == ""
    assert "line 1" in result.stderr


def test_text_mode_masks_values() -> None:
    result = pii_guard("detect", "--text", f"身份证{PID} 手机{MOBILE} 邮箱 ab@qq.com")
    assert result.returncode == 0
    assert "CN_RESIDENT_ID" in result.stdout and "CN_PHONE_NUMBER" in result.stdout
    # masked as the display policy masks (a short address's local part hidden too)
    assert f"{MOBILE[:3]}****{MOBILE[-4:]}" in result.stdout and "ab@" not in result.stdout
    both = pii_guard("detect", "--text", f"手机{MOBILE}", "-o", "out.jsonl")
    assert both.returncode == 2 and both.stdout == "" and MOBILE not in both.stderr
    assert PID not in result.stdout and MOBILE not in result.stdout
    assert f"{PID[0]}{'*' * 15}{PID[-2:]}" in result.stdout  # the display policy's ID mask: 1 + 2 shown


def test_threshold_filters() -> None:
    text = f"他说{MOBILE}"  # no context: base score only
    low = pii_guard("detect", "-", stdin=json.dumps({"id": 1, "text": text}) + "\n")
    high = pii_guard("detect", "-", "--threshold", "0.99", stdin=json.dumps({"id": 1, "text": text}) + "\n")
    assert json.loads(low.stdout)["entities"] and not json.loads(high.stdout)["entities"]


@pytest.mark.parametrize("args", [["detect"], ["detect", "/nonexistent/file.jsonl"]])
def test_usage_errors(args: list[str]) -> None:
    result = pii_guard(*args)
    assert result.returncode == 2 and "pii-guard detect" in result.stderr


def test_non_utf8_input_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "gbk.jsonl"
    src.write_bytes(json.dumps({"id": 1, "text": "手机"}, ensure_ascii=False).encode("gbk") + b"\n")
    result = pii_guard("detect", str(src))
    assert result.returncode == 1 and "UTF-8" in result.stderr


def test_output_pipe_closed_early_is_not_success(tmp_path: Path) -> None:
    rng = random.Random(5)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"手机{synth.mobile_number(rng)}"}) + "\n" for i in range(20000)),
                   encoding="utf-8")
    exe = servers.exe()
    proc = subprocess.Popen([exe, "detect", str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b'{"id": 0')
    proc.stdout.close()  # what `| head -1` does
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and b"Traceback" not in err


def test_detect_reads_a_bom_and_ids_with_lone_surrogates(tmp_path: Path) -> None:
    """A file saved as "UTF-8 with BOM" reads from its first record; an id holding a lone
    surrogate escape comes back escaped, and the lines after it are read."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": 1, "text": f"手机{MOBILE}"}, ensure_ascii=False).encode()
                    + b'\n{"id": "\\ud800", "text": "ok"}\n' + json.dumps({"id": 3, "text": f"手机{MOBILE}"}, ensure_ascii=False).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    result = pii_guard("detect", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr[-300:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [1, "\ud800", 3]
    assert [len(r["entities"]) for r in rows] == [1, 0, 1]


def test_detect_refuses_to_write_over_its_input_and_keeps_an_output_a_strict_run_stops(tmp_path: Path) -> None:
    """detect IN -o IN emptied the input (exit 0, no message): the output was opened first. It is
    refused as scrub refuses it, and the output is written whole or not at all (a --strict run
    stopped at a bad first line left an existing output at 0 bytes)."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": 1, "text": f"手机{MOBILE}"}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = src.read_bytes()
    result = pii_guard("detect", str(src), "-o", str(src))
    assert result.returncode == 2 and "input file" in result.stderr and src.read_bytes() == before
    out.write_text("earlier findings\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert pii_guard("detect", str(bad), "-o", str(out), "--strict").returncode == 1
    assert out.read_text(encoding="utf-8") == "earlier findings\n"


def test_detect_refuses_ids_it_would_write_back_otherwise(tmp_path: Path) -> None:
    """A record with no id came out as "id": null (one with a record whose id is null), and a
    float id as another number (1e-400 as 0.0): both are refused by their line."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "a"}\n{"id": 1e-400, "text": "b"}\n{"id": 12345678901234567.5, "text": "c"}\n'
                   '{"id": null, "text": "d"}\n', encoding="utf-8")
    result = pii_guard("detect", str(src))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert result.returncode == 1 and lines == [{"id": None, "entities": []}]
    assert "line 1: missing 'id'" in result.stderr and "line 2:" in result.stderr and "line 3:" in result.stderr
