"""keys, scrub, reveal and rekey as a user runs them (the installed console script)."""

from __future__ import annotations

import json
import random
import stat
from pathlib import Path

import pytest

from benchmarks import synth
from pii_guard.operators import tokens
from tests import servers
from tests.test_cli import pii_guard

RNG = random.Random(2024)
PID, MOBILE = synth.resident_id(RNG), synth.mobile_number(RNG)
CARD = synth.bank_card(RNG, prefix="622848", length=19)
SECRETS = (PID, MOBILE, CARD)


def leaked(text: str) -> bool:
    return any(s in text for s in SECRETS)


@pytest.fixture()
def keyring(tmp_path: Path) -> Path:
    path = tmp_path / "keys.json"
    result = pii_guard("keys", "init", "--keyring", str(path))
    assert result.returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path


def complaints_jsonl(path: Path) -> bytes:
    docs = [
        {"complaint_id": "C1", "complainant": {"name": "张某", "id_number": PID, "phone": int(MOBILE)},
         "text": f"代理退保：卡号{CARD}被扣款，回电＋８６ {MOBILE}。"},
        {"complaint_id": "C2", "text": "客服95588无人处理，无个人信息。"},
    ]
    raw = (json.dumps(docs[0]) + "\n" + json.dumps(docs[1], ensure_ascii=False) + "\r\n").encode()
    path.write_bytes(raw)
    return raw


def test_scrub_then_reveal_is_byte_exact_and_audited(tmp_path: Path, keyring: Path) -> None:
    src, out, back, log = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "back.jsonl", tmp_path / "audit.jsonl"
    raw = complaints_jsonl(src)
    result = pii_guard("scrub", "--policy", "complaints", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0
    scrubbed = out.read_text(encoding="utf-8")
    assert not leaked(scrubbed) and not leaked(result.stderr)
    values = [json.dumps(json.loads(line), ensure_ascii=False) for line in scrubbed.splitlines()]
    count = sum(len(list(tokens.find(v))) for v in values)
    assert count == 4
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "handler-07", "--purpose", "refund case C1",
                       "--audit-log", str(log), str(out), "-o", str(back))
    assert result.returncode == 0
    exact = back.read_bytes() == raw
    assert exact
    intent, record = [json.loads(line) for line in log.read_text().splitlines()]
    assert intent["event"] == "reveal" and record["event"] == "reveal_done"
    assert record["actor"] == "handler-07" and record["purpose"] == "refund case C1"
    assert {(r["entity"], r["key_id"], r["count"]) for r in record["revealed"]} == {
        ("CN_RESIDENT_ID", "k1", 1), ("CN_PHONE_NUMBER", "k1", 2), ("CN_BANK_CARD", "k1", 1)}
    assert not leaked(log.read_text()) and stat.S_IMODE(log.stat().st_mode) == 0o600


@pytest.mark.parametrize("policy", ["complaints", "display", "audit"])
def test_scrub_text_with_each_policy(tmp_path: Path, keyring: Path, policy: str) -> None:
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    text = f"身份证号{PID}，手机{MOBILE}\n第二行没有号码\n"
    src.write_text(text, encoding="utf-8")
    result = pii_guard("scrub", "--policy", policy, "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0
    got = out.read_text(encoding="utf-8")
    if policy == "audit":
        same = got == text
        assert same
    else:
        assert not leaked(got) and got.endswith("第二行没有号码\n")
    if policy == "complaints":
        back = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                         "--audit-log", str(tmp_path / "log"), str(out))
        same = back.stdout == text
        assert same


def _summary_counts(stderr: str) -> dict[str, int]:
    """The scrub summary's last line, entity → count (whatever the action)."""
    line = [ln for ln in stderr.splitlines() if ln.startswith("pii-guard scrub: ") and "per column" not in ln][-1]
    parts = line.removeprefix("pii-guard scrub: ").split(", ")
    return {entity: int(n) for entity, _action, n in (p.split(" ") for p in parts)}


def test_audit_counts_what_the_other_policies_count(tmp_path: Path, keyring: Path) -> None:
    """audit detects and counts only: a value under a column or field named for its entity is
    counted once (it was counted by its finding and again as a named value), and a Parquet number
    column holding phones is counted though audit keeps it in its type."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(2025)
    pids = [synth.resident_id(rng) for _ in range(3)]
    mobiles = [synth.mobile_number(rng) for _ in range(3)]
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("证件号码,联系电话,备注\n" + "".join(f"{p},{m},无\n" for p, m in zip(pids, mobiles)), encoding="utf-8")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"complainant": {"id_number": p, "phone": int(m)}}) + "\n"
                             for p, m in zip(pids, mobiles)), encoding="utf-8")
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"mobile": pa.array([int(m) for m in mobiles], pa.int64()), "id_number": pids}), parquet)
    for src in (csv_file, jsonl, parquet):
        counts = {}
        for policy in ("display", "audit"):
            out = tmp_path / f"{policy}{src.suffix}"
            result = pii_guard("scrub", "--policy", policy, "--keyring", str(keyring), str(src), "-o", str(out))
            assert result.returncode == 0, src.name
            counts[policy] = _summary_counts(result.stderr)
        expected = {"CN_RESIDENT_ID": 3, "CN_PHONE_NUMBER": 3}
        assert counts == {"display": expected, "audit": expected}, src.name
    kept = pq.read_table(tmp_path / "audit.parquet")
    assert kept.equals(pq.read_table(parquet)) and kept.schema.field("mobile").type == pa.int64()


def test_a_fixed_width_report_in_a_text_file_is_read_under_its_headings(tmp_path: Path, keyring: Path) -> None:
    """Scrub reads a text file line by line, so a fixed-width report's headings never reached its
    rows: a legacy ID under CERT_NO was left in clear and a Luhn-valid policy number under
    POLICY_NO protected as a card. A report (headings, rule, rows to a blank line) is read as one
    text now, the lines around it one by one; reveal still gives the file back byte for byte."""
    rng = random.Random(2027)
    legacy = synth.resident_id_legacy15(rng)
    policy = synth.bank_card(rng, prefix="6244", length=19)
    card = synth.bank_card(rng, prefix="621700", length=19)
    lines = ["POLICY_NO              INSURED_NAME   CERT_NO",
             "---------------------- -------------- --------------------",
             f"{policy}    ZHAO MIN       {legacy}",
             "",
             f"客户称卡号{card}被盗刷，身份证号码：{PID}"]
    src, out, back = tmp_path / "report.txt", tmp_path / "out.txt", tmp_path / "back.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0
    shown = out.read_text(encoding="utf-8")
    clean = legacy not in shown and card not in shown and PID not in shown
    assert clean and policy in shown
    pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
              str(out), "-o", str(back))
    same = back.read_bytes() == src.read_bytes()
    assert same


def test_a_number_wrapped_across_lines_of_a_text_file_is_protected_whole(tmp_path: Path, keyring: Path) -> None:
    """Scrub read a text file's lines one at a time, so a number a hard-wrapped e-mail or an OCR'd
    letter broke across two lines was read in parts: a card's first line (its head) left in clear,
    a mobile's 7 + 4 digits none. Lines a number runs on across are read together (the token
    stands for the number with its break); a log's next record opening with a date is not, and
    reveal gives the file back byte for byte."""
    rng = random.Random(2029)
    card = synth.bank_card(rng, prefix="621700", length=19)
    mobile = synth.mobile_number(rng)
    lines = [f"> 您好，我的银行卡号是{card[:9]}", f"> {card[9:]}，被盗刷了两笔。",
             f"客户电话{mobile[:7]}", f"{mobile[7:]}，请回电。",
             "2024-05-06 10:00:01 INFO 处理完成，耗时 1203",
             "2024-05-06 10:00:02 INFO 下一条"]
    src, out, back = tmp_path / "mail.txt", tmp_path / "out.txt", tmp_path / "back.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0
    shown = out.read_text(encoding="utf-8")
    clean = card[:9] not in shown and card[9:] not in shown and mobile[:7] not in shown and mobile[7:] not in shown
    # each wrapped number is one token, its line break inside it (reveal puts the break back)
    assert clean and shown.count("\n") == len(lines) - 2 and "耗时 1203\n2024-05-06 10:00:02" in shown
    pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
              str(out), "-o", str(back))
    same = back.read_bytes() == src.read_bytes()
    assert same


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_table_saved_as_txt_is_scrubbed_as_csv_when_asked_and_scrub_says_so(tmp_path: Path, keyring: Path, encoding: str) -> None:
    """Excel's "Unicode Text" and a bank system's 导出.txt are tab-separated tables under a header,
    which scan reads as CSV. Scrub reads a .txt as text, says that --format csv reads its column
    names, and with it protects a value only its column names (a legacy ID under 证件号码, a card
    Excel cut to 15 digits, a local landline): scan then finds nothing left in plaintext, and
    reveal gives back the file byte for byte. A form's labels and values (身份证⇥…) get no such word."""
    rng = random.Random(2026)
    legacy = synth.resident_id_legacy15(rng)
    src, out, back = tmp_path / "导出.txt", tmp_path / "out.txt", tmp_path / "back.txt"
    text = ("投诉编号\t证件号码\t银行卡号\t联系电话\r\n"
            f"TS1\t{legacy}\t{CARD[:15]}\t83451234\r\nTS2\t{PID}\t{CARD}\t{MOBILE}\r\n")
    src.write_bytes(text.encode(encoding))
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0 and "--format csv" in result.stderr
    result = pii_guard("scrub", "--keyring", str(keyring), "--format", "csv", str(src), "-o", str(out))
    assert result.returncode == 0 and "--format csv" not in result.stderr
    shown = out.read_bytes().decode(encoding)
    clean = not leaked(shown) and legacy not in shown and "83451234" not in shown and CARD[:15] not in shown
    assert clean
    report = tmp_path / "report.json"
    pii_guard("scan", "--json", str(report), str(out))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["plaintext_findings"] == 0
    pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
              "--format", "csv", str(out), "-o", str(back))
    same = back.read_bytes() == src.read_bytes()
    assert same
    form = tmp_path / "form.txt"
    form.write_text(f"姓名\t张三\n身份证\t{legacy}\n手机\t{MOBILE}\n备注\t无\n", encoding="utf-8")
    result = pii_guard("scrub", "--policy", "display", str(form), "-o", str(tmp_path / "form_out.txt"))
    assert result.returncode == 0 and "--format csv" not in result.stderr
    shown = (tmp_path / "form_out.txt").read_text(encoding="utf-8")
    clean = legacy not in shown and MOBILE not in shown
    assert clean


def test_tampered_token_names_line_and_position(tmp_path: Path, keyring: Path) -> None:
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(f"无\n手机{MOBILE}\n", encoding="utf-8")
    pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    lines = out.read_text().splitlines()
    token = next(tokens.find(lines[1])).group()
    lines[1] = lines[1].replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    out.write_text("\n".join(lines) + "\n")
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                       "--audit-log", str(tmp_path / "log"), str(out), "-o", str(tmp_path / "back.txt"))
    assert result.returncode == 1
    assert "line 2" in result.stderr and "character 3" in result.stderr and "Traceback" not in result.stderr
    assert not leaked(result.stderr)
    assert (tmp_path / "back.txt").read_text() == "无\n"  # the bad record is not written, the rest is


def test_rotate_and_rekey(tmp_path: Path, keyring: Path) -> None:
    src, out, moved = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "moved.jsonl"
    raw = complaints_jsonl(src)
    pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert pii_guard("keys", "rotate", "--keyring", str(keyring)).returncode == 0
    listing = pii_guard("keys", "list", "--keyring", str(keyring)).stdout
    assert "k2" in listing and "primary" in listing and "secret" not in listing
    assert pii_guard("rekey", "--keyring", str(keyring), str(out), "-o", str(moved)).returncode == 0
    ids = {tokens.parse(m.group()).key_id for m in tokens.find(moved.read_text())}
    assert ids == {"k2"}
    for path in (out, moved):  # old tokens still reveal, re-keyed ones too
        result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                           "--audit-log", str(tmp_path / "log"), str(path))
        exact = result.stdout.encode() == raw.replace(b"\r\n", b"\n") or result.stdout.encode() == raw
        assert exact


def test_reveal_csv(tmp_path: Path, keyring: Path) -> None:
    from pii_guard import keys
    from pii_guard.guard import Guard

    guard = Guard("complaints", keys.load_keyring(keyring))
    original = f'id,phone,note\r\n1,{MOBILE},"卡号{CARD}, 已冻结"\r\n2,,无\r\n'
    rows = original.split("\r\n")
    protected_phone = guard.protect_value(MOBILE, "$.phone")
    protected_note = guard.protect_value(f"卡号{CARD}, 已冻结", "$.note")
    scrubbed = f'{rows[0]}\r\n1,{protected_phone},"{protected_note}"\r\n{rows[2]}\r\n'
    path = tmp_path / "data.csv"
    path.write_text(scrubbed, encoding="utf-8", newline="")
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                       "--audit-log", str(tmp_path / "log"), str(path), "-o", str(tmp_path / "back.csv"))
    assert result.returncode == 0
    exact = (tmp_path / "back.csv").read_bytes() == original.encode()
    assert exact


def test_keyring_errors(tmp_path: Path, keyring: Path) -> None:
    assert pii_guard("keys", "init", "--keyring", str(keyring)).returncode == 2
    keyring.chmod(0o644)
    result = pii_guard("scrub", "--keyring", str(keyring), "-", stdin="手机13812345678\n")
    assert result.returncode == 2 and "chmod 600" in result.stderr and result.stdout == ""


def test_presidio_anonymizer_operators() -> None:
    from presidio_anonymizer import AnonymizerEngine, DeanonymizeEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    from pii_guard import keys
    from pii_guard.detect import Detector
    from pii_guard.guard import Guard
    from pii_guard.operators.presidio import register

    ring = keys.Keyring(keys.new_keyring_data())
    anonymizer, deanonymizer = AnonymizerEngine(), DeanonymizeEngine()
    register(anonymizer, deanonymizer)
    text = f"手机{MOBILE}，身份证{PID}"
    results = [RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in Detector.default().analyze(text)]
    out = anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("pii_guard_encrypt", {"keyring": ring})})
    assert not leaked(out.text)
    back = deanonymizer.deanonymize(out.text, out.items, {"DEFAULT": OperatorConfig("pii_guard_reveal", {"keyring": ring})})
    same = back.text == text
    assert same
    masked = anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("pii_guard_mask", {"keep_first": 3, "keep_last": 4})})
    assert MOBILE[:3] + "****" + MOBILE[-4:] in masked.text
    # the display policy's per-outcome variants apply through Presidio too (the operator learns
    # from the validator that 0755-… is a landline, which Presidio does not pass it)
    landline = "座机0755-83451234"
    params = {"keep_first": 3, "keep_last": 4, "skip_country_code": True, "variants": {"landline": {"keep_first": 4, "keep_last": 2}}}
    found = [RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in Detector.default().analyze(landline)]
    shown = anonymizer.anonymize(landline, found, {"DEFAULT": OperatorConfig("pii_guard_mask", params)}).text
    assert shown == Guard("display").protect_text(landline) == "座机0755-******34"


def test_presidio_operators_take_the_keyring_the_environment_names(tmp_path: Path, keyring: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As the CLI and the middleware do: with no 'keyring' parameter, PII_GUARD_KEYRING's."""
    from presidio_anonymizer import AnonymizerEngine, DeanonymizeEngine
    from presidio_anonymizer.entities import InvalidParamError, OperatorConfig, RecognizerResult

    from pii_guard.operators.presidio import register

    anonymizer, deanonymizer = AnonymizerEngine(), DeanonymizeEngine()
    register(anonymizer, deanonymizer)
    text = f"手机{MOBILE}"
    results = [RecognizerResult("CN_PHONE_NUMBER", 2, 2 + len(MOBILE), 0.9)]
    monkeypatch.delenv("PII_GUARD_KEYRING", raising=False)
    monkeypatch.delenv("PII_GUARD_KEYS", raising=False)
    with pytest.raises(InvalidParamError, match="PII_GUARD_KEYS"):
        anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("pii_guard_encrypt", {})})
    monkeypatch.setenv("PII_GUARD_KEYRING", str(keyring))
    out = anonymizer.anonymize(text, results, {"DEFAULT": OperatorConfig("pii_guard_encrypt", {})})
    assert not leaked(out.text)
    back = deanonymizer.deanonymize(out.text, out.items, {"DEFAULT": OperatorConfig("pii_guard_reveal", {})})
    same = back.text == text
    assert same


def test_reveal_refuses_when_the_audit_log_cannot_be_written(tmp_path: Path, keyring: Path) -> None:
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(f"手机{MOBILE}\n", encoding="utf-8")
    pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                       "--audit-log", str(tmp_path / "missing" / "audit.jsonl"), str(out), "-o", str(tmp_path / "back.txt"))
    assert result.returncode != 0 and not (tmp_path / "back.txt").exists()


def test_scrub_reads_a_pipe(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    import threading

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"a": MOBILE}) + "\n")

    threading.Thread(target=feed, daemon=True).start()
    result = pii_guard("scrub", "--policy", "display", "--format", "jsonl", str(fifo), "-o", "-")
    assert result.returncode == 0 and MOBILE[:3] + "****" + MOBILE[-4:] in result.stdout


def test_reveal_never_writes_pii_into_its_audit_log_or_errors(tmp_path: Path, keyring: Path) -> None:
    """A purpose, a file name or a JSON key holding a phone is masked in the audit log and in
    error messages; a value that is one truncated token is an error by position, not a crash."""
    src, out = tmp_path / f"case_{MOBILE}.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"contacts": {MOBILE: "x"}}) + "\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), "--policy", "display", str(src), "-o", str(out)).returncode in (0, 1)
    token = pii_guard("scrub", "--keyring", str(keyring), "-", stdin=f"手机{MOBILE}\n").stdout.strip()[2:]
    broken = tmp_path / f"b_{MOBILE}.jsonl"
    broken.write_text(json.dumps({"contacts": {MOBILE: token[:40] + "~"}, "phone": token[:60] + "~"}) + "\n"
                      + json.dumps({"ok": 1}) + "\n", encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", f"agent {MOBILE}", "--purpose", f"回访客户 {MOBILE}",
                       "--audit-log", str(log), str(broken), "-o", str(tmp_path / "back.jsonl"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "line 1:" in result.stderr and MOBILE not in result.stderr
    assert (tmp_path / "back.jsonl").read_text() == json.dumps({"ok": 1}) + "\n"  # the good line is kept
    records = log.read_text()
    assert len(records.splitlines()) == 2 and MOBILE not in records and "回访客户 *" in records


def test_a_line_that_is_not_utf8_is_reported_and_the_rest_processed(tmp_path: Path, keyring: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": 1, "text": f"手机{MOBILE}"}).encode(), json.dumps({"id": 2, "text": "手机"}, ensure_ascii=False).encode("gbk"),
             json.dumps({"id": 3, "text": f"身份证{PID}"}).encode()]
    src.write_bytes(b"\n".join(lines) + b"\n")
    found = pii_guard("detect", str(src), "-o", str(tmp_path / "found.jsonl"))
    assert found.returncode == 1 and "line 2: not valid UTF-8" in found.stderr
    assert [json.loads(x)["id"] for x in (tmp_path / "found.jsonl").read_text().splitlines()] == [1, 3]
    out = tmp_path / "out.jsonl"
    scrubbed = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert scrubbed.returncode == 1 and "line 2: not valid UTF-8" in scrubbed.stderr
    written = out.read_bytes()  # the complaints policy rejects what it cannot inspect; the other lines are written
    assert MOBILE.encode() not in written and PID.encode() not in written and lines[1] not in written
    assert written.count(b"\n") == 2 and "rejected by policy" in scrubbed.stderr


@pytest.mark.parametrize("threshold", ["2", "-1", "nan"])
def test_a_threshold_outside_0_1_is_a_usage_error(threshold: str) -> None:
    assert pii_guard("detect", "--threshold", threshold, "--text", f"手机{MOBILE}").returncode == 2


def test_a_token_glued_after_a_label_reveals(tmp_path: Path, keyring: Path) -> None:
    """sj13812345678 becomes sj<token>: reveal must still find the token and give the line back."""
    src, out, back = tmp_path / "chat.txt", tmp_path / "out.txt", tmp_path / "back.txt"
    raw = f"资料发我sj{MOBILE} ok，我的SFZ{PID}。\n"
    src.write_text(raw, encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert not leaked(out.read_text(encoding="utf-8"))
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                       str(out), "-o", str(back))
    assert result.returncode == 0
    exact = back.read_text(encoding="utf-8") == raw
    assert exact


def test_a_long_lined_gbk_csv_revealed_from_standard_input(tmp_path: Path, keyring: Path) -> None:
    """Standard input's format is sniffed from as many bytes as a file's (64 KiB), not from what
    one read of a pipe holds: a GBK CSV with ";" whose encrypted lines are long, read from stdin,
    reveals byte-exact (it was read as comma-separated, every token cut); and reveal takes
    --delimiter and --encoding too."""
    import subprocess

    rng = random.Random(7)
    rows = ["编号;姓名;证件号码;银行卡号;联系电话;投诉内容"]
    for i in range(30):
        text = "；".join(f"客户来电称卡号{synth.bank_card(rng, prefix='622202', length=19)}被盗刷" for _ in range(4))
        rows.append(f"{i};张三;{synth.resident_id(rng)};{synth.bank_card(rng, prefix='622848', length=19)};"
                    f"{synth.mobile_number(rng)};{text}")
    raw = ("\r\n".join(rows) + "\r\n").encode("gbk")
    src, out = tmp_path / "gbk.csv", tmp_path / "gbk.p.csv"
    src.write_bytes(raw)
    assert pii_guard("scrub", "--keyring", str(keyring), "--workers", "1", str(src), "-o", str(out)).returncode == 0
    exe = servers.exe()
    for extra in ((), ("--delimiter", ";", "--encoding", "gb18030")):
        with open(out, "rb") as stdin:
            result = subprocess.run([exe, "reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                                     "--audit-log", str(tmp_path / "audit.jsonl"), "--format", "csv", *extra, "-"],
                                    stdin=stdin, capture_output=True, timeout=60)
        assert result.returncode == 0, result.stderr.decode(errors="replace")[:300]
        exact = result.stdout == raw
        assert exact


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_the_progress_bar_counts_input_bytes_to_the_input_size(tmp_path: Path, keyring: Path, kind: str) -> None:
    """It ends at the input's size: not the output's bytes (tokens are longer than numbers) nor a
    CSV's characters (a Chinese character is two bytes in GBK, three in UTF-8), header included."""
    import re

    rng = random.Random(kind)
    if kind == "jsonl":
        src = tmp_path / "in.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": f"客户来电，手机{synth.mobile_number(rng)}，要求退保。"}, ensure_ascii=False) + "\n"
                               for i in range(300)), encoding="utf-8")
    else:
        src = tmp_path / "in.csv"
        rows = ["编号,姓名,手机,备注"] + [f"{i},张三,{synth.mobile_number(rng)},客户来电要求退保" for i in range(300)]
        src.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    out = tmp_path / f"out.{kind}"
    result = pii_guard("scrub", "--keyring", str(keyring), "--progress", str(src), "-o", str(out))
    assert result.returncode == 0
    done, total = re.findall(r"([0-9.]+)/([0-9.]+) kB", result.stderr)[-1]
    assert done == total == f"{src.stat().st_size / 1000:.1f}"
    # on stderr, never into an output written to standard output
    if kind == "jsonl":
        piped = pii_guard("scrub", "--keyring", str(keyring), "--progress", str(src), "-o", "-")
        bar = re.compile(r"[0-9.]+/[0-9.]+ kB")
        assert bar.search(piped.stdout) is None and bar.search(piped.stderr) is not None
        assert [len(line) for line in piped.stdout.splitlines()] == [len(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_reveal_says_when_nothing_tells_the_encoding_of_the_file_scrub_read(tmp_path: Path, keyring: Path) -> None:
    """A GBK file whose only characters beyond ASCII are its full-width numbers is ASCII once
    scrubbed: reveal writes UTF-8 and says so, naming --encoding, with which it is byte-exact.
    A UTF-8 file with Chinese in it says nothing."""
    rng = random.Random(4303)
    mobiles = [synth.mobile_number(rng) for _ in range(3)]
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    raw = ("name,phone\n" + "".join(f"u{k},{m.translate(wide)}\n" for k, m in enumerate(mobiles))).encode("gbk")
    src, out, back = tmp_path / "fw.csv", tmp_path / "fw.s.csv", tmp_path / "fw.r.csv"
    src.write_bytes(raw)
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert out.read_bytes().isascii()
    audit = ("--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "a.jsonl"))
    guessed = pii_guard("reveal", "--keyring", str(keyring), *audit, str(out), "-o", str(back))
    assert guessed.returncode == 0 and "--encoding gb18030" in guessed.stderr
    assert not any(m in guessed.stderr for m in mobiles)
    named = pii_guard("reveal", "--keyring", str(keyring), *audit, "--encoding", "gb18030", str(out), "-o", str(back))
    assert named.returncode == 0 and "--encoding gb18030" not in named.stderr
    exact = back.read_bytes() == raw
    assert exact
    plain = tmp_path / "zh.csv"
    plain.write_text("姓名,电话\n张三," + mobiles[0] + "\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(plain), "-o", str(out)).returncode == 0
    quiet = pii_guard("reveal", "--keyring", str(keyring), *audit, str(out), "-o", str(back))
    assert quiet.returncode == 0 and "--encoding" not in quiet.stderr


@pytest.mark.parametrize("encoding,kind", [("utf-16", "log"), ("utf-16-be-bom", "jsonl"), ("utf-32", "log"), ("gbk", "log"),
                                           ("gbk", "jsonl"), ("utf-16-le", "jsonl"), ("utf-32-be", "jsonl")])
def test_text_and_json_lines_in_unicode_and_gbk_scrub_and_reveal(tmp_path: Path, keyring: Path, encoding: str, kind: str) -> None:
    """A UTF-16/32 log (Windows tools) or a GBK one is read in its encoding: every number
    protected (a UTF-16 log read as UTF-8 held no digit the detector could see, and came out in
    plaintext), written back in the same encoding, and revealed byte-exact; also from a pipe.
    JSON Lines in UTF-16/32 with no BOM too, by their NUL bytes (every record was rejected)."""
    import subprocess

    rng = random.Random(encoding + kind)
    numbers = [(synth.mobile_number(rng), synth.resident_id(rng)) for _ in range(30)]
    if kind == "log":
        text = "".join(f"2024-06-01 INFO 客户来电 手机{m} 身份证{p}\r\n" for m, p in numbers)
    else:
        text = "".join(json.dumps({"phone": m, "note": f"身份证{p}，要求退保"}, ensure_ascii=False) + "\n" for m, p in numbers)
    raw = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    src, out, back = tmp_path / f"in.{kind}", tmp_path / f"out.{kind}", tmp_path / f"back.{kind}"
    src.write_bytes(raw)
    # JSON Lines are UTF-8 (RFC 8259) unless a BOM or --encoding says otherwise; text is sniffed
    named = ("--encoding", "gb18030") if encoding == "gbk" and kind == "jsonl" else ()
    result = pii_guard("scrub", "--keyring", str(keyring), *named, str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr[:300]
    codec = "utf-16" if encoding == "utf-16-be-bom" else encoding
    scrubbed = out.read_bytes().decode(codec)
    assert not any(m in scrubbed or p in scrubbed for m, p in numbers)
    assert len(list(tokens.find(scrubbed))) == 2 * len(numbers)
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                       str(tmp_path / "audit.jsonl"), *named, str(out), "-o", str(back))
    assert result.returncode == 0, result.stderr[:300]
    assert back.read_bytes().decode(codec) == text
    if encoding != "utf-16-be-bom":  # written back in this machine's byte order, else byte for byte
        exact = back.read_bytes() == raw
        assert exact
    exe = servers.exe()
    with open(src, "rb") as stdin:
        piped = subprocess.run([exe, "scrub", "--keyring", str(keyring), *named, "--format", "jsonl" if kind == "jsonl" else "text", "-"],
                               stdin=stdin, capture_output=True, timeout=60)
    assert piped.returncode == 0
    assert len(list(tokens.find(piped.stdout.decode(codec)))) == 2 * len(numbers)


def test_mongoexport_type_wrappers_keep_their_fields_name(tmp_path: Path, keyring: Path) -> None:
    """mongoexport writes {"cardNo": {"$numberLong": "…"}}: the value is cardNo's, so a card that
    fails Luhn or a legacy 15-digit ID there is protected as one, as without the wrapper, and scan
    counts it."""
    rng = random.Random(5)
    card = synth.bank_card(rng, prefix="622202", length=19)[:18]  # its last digit lost: Luhn fails
    pid = synth.resident_id(rng)
    legacy = pid[:6] + pid[8:17]
    src, out = tmp_path / "m.jsonl", tmp_path / "m.out.jsonl"
    src.write_text(json.dumps({"cardNo": {"$numberLong": card}, "idNo": {"$numberLong": legacy}}) + "\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    written = out.read_text(encoding="utf-8")
    assert card not in written and legacy not in written and len(list(tokens.find(written))) == 2
    report = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["plaintext_findings"] == 2


def test_scrub_and_reveal_refuse_to_write_over_their_input(tmp_path: Path, keyring: Path) -> None:
    """A masked export cannot be unmasked: -o naming the input is refused (rekey may: that is how
    keys are rotated in place)."""
    src = tmp_path / "in.txt"
    src.write_text(f"手机{MOBILE}\n", encoding="utf-8")
    before = src.read_bytes()
    result = pii_guard("scrub", "--policy", "display", str(src), "-o", str(src))
    assert result.returncode == 2 and "the output is the input" in result.stderr and src.read_bytes() == before
    out = tmp_path / "out.txt"
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                       str(tmp_path / "audit.jsonl"), str(out), "-o", str(out))
    assert result.returncode == 2 and MOBILE not in out.read_text(encoding="utf-8")
    assert pii_guard("rekey", "--keyring", str(keyring), str(out), "-o", str(out)).returncode == 0


def test_rekey_refuses_parquet_and_sqlite(tmp_path: Path, keyring: Path) -> None:
    """Read as a stream, a database would be rewritten into garbage (and -o may name the input)."""
    import sqlite3

    db = tmp_path / "s.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (phone TEXT)")
    con.execute("INSERT INTO t VALUES ('x')")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = pii_guard("rekey", "--keyring", str(keyring), str(db), "-o", str(db))
    assert result.returncode == 2 and "Parquet and SQLite" in result.stderr and db.read_bytes() == before


def test_masks_colliding_in_a_unique_column_are_refused_with_a_reason(tmp_path: Path, keyring: Path) -> None:
    """The display policy's masks make two IDs alike (the same head and tail) in a UNIQUE column:
    refused with what happened and what to do, never a crash's name nor a number; no output."""
    import sqlite3

    rng = random.Random(66)
    first = synth.resident_id(rng)
    second = first[:6] + "19" + first[8:14] + "00" + first[16:]  # a middle of its own, the mask's head and tail
    db, out = tmp_path / "s.db", tmp_path / "o.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE p (id_no TEXT UNIQUE, name TEXT)")
    con.executemany("INSERT INTO p VALUES (?, ?)", [(first, "甲"), (second, "乙")])
    con.commit()
    con.close()
    result = pii_guard("scrub", "--policy", "display", "--keyring", str(keyring), str(db), "-o", str(out))
    assert result.returncode != 0 and "collide" in result.stderr and "Error" not in result.stderr
    assert first not in result.stderr and second not in result.stderr and not out.exists()


def test_an_arrow_error_quoting_a_cell_is_not_printed(tmp_path: Path, keyring: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """pyarrow's ArrowInvalid is a ValueError whose message quotes a cell (Could not convert '138…'):
    scrub names its kind, never its message."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pii_guard import cli
    from pii_guard.io import columnar

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"phone": [MOBILE]}), src)

    def fails(*args: object, **kwargs: object) -> int:
        raise pa.ArrowInvalid(f"Could not convert '{MOBILE}x' with type str: tried to convert to int64")

    monkeypatch.setattr(columnar, "scrub_parquet", fails)
    assert cli.main(["scrub", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "out.parquet")]) != 0
    err = capsys.readouterr().err
    assert "ArrowInvalid" in err and MOBILE not in err


def test_inputs_read_once_and_encodings_told_by_their_bytes(tmp_path: Path, keyring: Path) -> None:
    """A CSV given as a FIFO (process substitution) is read once, not emptied by a first look; a
    UTF-16 log without a BOM (every other byte NUL) is read as UTF-16, not called clean; a bad
    --encoding or --delimiter is a usage error, not a traceback."""
    import os
    import threading

    rng = random.Random(21)
    mobiles = [synth.mobile_number(rng) for _ in range(3)]
    csv_text = "编号,手机\n" + "".join(f"{i},{m}\n" for i, m in enumerate(mobiles))
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(csv_text, encoding="utf-8"))
    writer.start()
    out = tmp_path / "out.csv"
    result = pii_guard("scrub", "--keyring", str(keyring), "--format", "csv", str(fifo), "-o", str(out))
    writer.join(timeout=30)
    assert result.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 4
    assert len(list(tokens.find(out.read_text(encoding="utf-8")))) == 3
    log = tmp_path / "wide.log"
    log.write_bytes("".join(f"INFO 客户手机 {m}\r\n" for m in mobiles).encode("utf-16-le"))
    masked = pii_guard("scrub", "--policy", "display", str(log), "-o", str(tmp_path / "wide.out.log"))
    assert masked.returncode == 0
    text = (tmp_path / "wide.out.log").read_bytes().decode("utf-16-le")
    assert not any(m in text for m in mobiles) and text.count("****") == 3
    report = tmp_path / "r.json"
    pii_guard("scan", str(log), "--json", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["plaintext_findings"] == 3
    for option, value in (("--encoding", "gbkk"), ("--delimiter", ";;")):
        bad = pii_guard("scrub", "--keyring", str(keyring), option, value, str(log), "-o", str(tmp_path / "x"))
        assert bad.returncode == 2 and "Traceback" not in bad.stderr
    tabbed = tmp_path / "t.csv"
    tabbed.write_text(f"a\tphone\n1\t{mobiles[0]}\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), "--delimiter", "\\t", str(tabbed), "-o", str(tmp_path / "t.out.csv")).returncode == 0


def test_rekey_in_place_loses_no_record(tmp_path: Path, keyring: Path) -> None:
    """Rekeyed in place, a record holding a token this keyring cannot open (another keyring's key
    id) would be dropped from the file that replaces the input: the input stays as it was."""
    src = tmp_path / "in.csv"
    src.write_text(f"case,phone\nC1,{MOBILE}\nC2,{synth.mobile_number(RNG)}\nC3,{MOBILE}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert pii_guard("keys", "rotate", "--keyring", str(keyring)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(".k1.", ".k7.")  # a key this keyring never had
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = out.read_bytes()
    result = pii_guard("rekey", "--keyring", str(keyring), str(out), "-o", str(out))
    assert result.returncode == 1 and "left as it was" in result.stderr and "line 3" in result.stderr
    assert out.read_bytes() == before
    # into another file, the records that can be moved are moved, and the one that cannot is
    # reported and copied as it was (it was dropped, and a retired key's records left a header only)
    moved = tmp_path / "moved.csv"
    result = pii_guard("rekey", "--keyring", str(keyring), str(out), "-o", str(moved))
    rows = moved.read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1 and "line 3" in result.stderr and len(rows) == 4 and rows[2] == lines[2]
    assert {tokens.parse(m.group()).key_id for m in tokens.find(rows[1] + rows[3])} == {"k2"}
    jsonl, moved_jsonl = tmp_path / "in.jsonl", tmp_path / "moved.jsonl"
    jsonl.write_text("".join(json.dumps({"case": row.split(",")[0], "phone": row.split(",")[1]}) + "\n" for row in lines[1:]),
                     encoding="utf-8")
    result = pii_guard("rekey", "--keyring", str(keyring), str(jsonl), "-o", str(moved_jsonl))
    records = moved_jsonl.read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1 and len(records) == 3 and records[1] == jsonl.read_text(encoding="utf-8").splitlines()[1]


def test_output_that_cannot_be_written_is_one_clear_line(tmp_path: Path, keyring: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f"phone\n{MOBILE}\n", encoding="utf-8")
    for target in (str(tmp_path / "no" / "such" / "out.csv"), "/dev/full"):
        result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", target)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "cannot read the input or write the output" in result.stderr and not leaked(result.stderr)


def test_the_summary_has_one_line_per_field_not_per_element(tmp_path: Path, keyring: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"calls": [{"phone": synth.mobile_number(RNG)} for _ in range(50)]}) + "\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "CN_PHONE_NUMBER" in line and "$." in line]
    assert len(lines) == 1 and "$.calls[*].phone" in lines[0] and lines[0].rstrip().endswith(" 50")


def test_an_id_column_named_with_haoma_is_an_id_column(tmp_path: Path, keyring: Path) -> None:
    """身份证号码 ends in 号码, a phone word, but names an ID: a value the detector cannot read (a
    legacy 15-digit ID) is protected as an ID, also where a policy keeps phones; 订单号码 is no
    phone column; a full-precision rate is no card or phone."""
    policy = tmp_path / "calls.yaml"
    policy.write_text("name: calls\nentities:\n  CN_PHONE_NUMBER: {action: keep}\n  CN_RESIDENT_ID: {action: encrypt}\n"
                      "  CN_BANK_CARD: {action: encrypt}\n", encoding="utf-8")
    legacy = PID[:6] + PID[8:17]  # the first-generation form: two-digit year, no check character
    src = tmp_path / "in.csv"
    src.write_text(f"客户身份证号码,订单号码,年化利率\n{legacy},{MOBILE[:7]},2.4654772905330358\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0
    row = out.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert legacy not in row[0] and tokens.parse(row[0]).entity == "CN_RESIDENT_ID"
    assert row[1:] == [MOBILE[:7], "2.4654772905330358"]


def test_a_field_rule_names_a_column_whatever_its_case_and_padding(tmp_path: Path, keyring: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("name: fr\nentities:\n  CN_RESIDENT_ID: {action: encrypt}\nfields:\n"
                      "  - {path: id_ref, mode: protect, entity: CN_RESIDENT_ID}\n", encoding="utf-8")
    mistyped = PID[:17]  # seventeen digits: no number the detector reads
    for header in ("id_ref", "id_ref ", "ID_REF", " Id_Ref"):
        src = tmp_path / "in.csv"
        src.write_text(f"{header},amount\n{mistyped},1\n", encoding="utf-8")
        out = tmp_path / "out.csv"
        assert pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
        assert mistyped not in out.read_text(encoding="utf-8"), repr(header)


def test_a_serial_under_an_order_number_header_is_read_as_that_label_says(tmp_path: Path, keyring: Path) -> None:
    """A 16-digit serial in the Visa range that passes Luhn (one in ten does) under 订单号, 流水号
    or Order ID is an order number, as it is after that label in text: scrub leaves it (joins on it
    keep working) and scan does not count it; under 卡号 it is a card."""
    serial = synth.bank_card(random.Random(16), prefix="453201", length=16)
    src = tmp_path / "orders.csv"
    src.write_text(f"订单号,流水号,Order ID,卡号\n{serial},{serial},{serial},{serial}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    row = out.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert row[:3] == [serial] * 3 and tokens.parse(row[3]).entity == "CN_BANK_CARD"
    report = tmp_path / "scan.json"
    pii_guard("scan", str(src), "--json", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["by_entity"]["CN_BANK_CARD"]["plaintext"] == 1


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_strict_writes_nothing_from_the_bad_record_on_and_claims_no_counts(tmp_path: Path, keyring: Path, kind: str) -> None:
    """--strict stops at the first bad record: piped to standard output, no record from it on is
    written (the chunk after it was, once), and the summary counts no values the run did not
    deliver; to a file, the output is not kept."""
    later = synth.mobile_number(RNG)
    if kind == "jsonl":
        lines = [json.dumps({"phone": MOBILE}), "{broken", json.dumps({"phone": later})]
    else:
        lines = ["id,phone", f"1,{MOBILE}", "2,ragged,row", f"3,{later}"]
    src = tmp_path / f"in.{kind}"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    piped = pii_guard("scrub", "--strict", "--keyring", str(keyring), str(src), "-o", "-")
    assert piped.returncode == 1 and "stopped at the first bad record" in piped.stderr
    assert piped.stdout.count("pg1.") <= 1 and "encrypt" not in piped.stderr
    assert not leaked(piped.stdout + piped.stderr) and later not in piped.stdout + piped.stderr
    out = tmp_path / f"out.{kind}"
    to_file = pii_guard("scrub", "--strict", "--keyring", str(keyring), str(src), "-o", str(out))
    assert to_file.returncode == 1 and "the output is not kept" in to_file.stderr and not out.exists()


def test_messages_never_repeat_key_material_or_a_number_from_the_command_line(tmp_path: Path, keyring: Path) -> None:
    """A key file's content, its base64 or a bare secret given where its path belongs (what
    $PII_GUARD_KEYS takes, pasted into --keyring or $PII_GUARD_KEYRING) is not repeated by the
    error; nor is a number in a --policy or --keyring path, a --workers value or an argument
    argparse refuses."""
    import base64
    import os
    import subprocess

    content = keyring.read_text(encoding="utf-8")
    secret = json.loads(content)["keys"][0]["secret"]
    src = tmp_path / "in.txt"
    src.write_text("hi\n", encoding="utf-8")
    for given in (content, base64.b64encode(content.encode()).decode(), secret):
        by_flag = pii_guard("scrub", "--keyring", given, str(src))
        env = {**os.environ, "PII_GUARD_KEYRING": given}
        by_env = subprocess.run([servers.exe(), "scrub", str(src)], capture_output=True, text=True, env=env, timeout=60)
        for result in (by_flag, by_env):
            echoed = secret in result.stderr or given[:40] in result.stderr
            assert result.returncode == 2 and "keyring error" in result.stderr and not echoed
    for args in (["scrub", "--policy", str(tmp_path / f"{MOBILE}.yaml"), str(src)],
                 ["scrub", "--keyring", str(tmp_path / f"{MOBILE}.json"), str(src)],
                 ["scrub", "--keyring", str(keyring), "--workers", MOBILE, str(src)],
                 ["scrub", "--workers", f"x{MOBILE}", str(src)],
                 ["detect", "--recognizers", str(tmp_path / PID), str(src)]):
        result = pii_guard(*args)
        assert result.stderr.strip() and not leaked(result.stderr), args[1]


def test_a_reveal_killed_outright_leaves_no_plaintext_file(tmp_path: Path, keyring: Path) -> None:
    """kill -9 runs no handler: a named temporary file would keep what reveal had written —
    plaintext — until the next run. The output is written to a file with no name until it is
    complete (O_TMPFILE), so nothing is left in the folder."""
    import os
    import signal
    import subprocess
    import time

    protected = tmp_path / "protected.jsonl"
    scrubbed = pii_guard("scrub", "--keyring", str(keyring), "-o", str(protected), "-",
                         stdin="".join(json.dumps({"phone": MOBILE, "n": i}) + "\n" for i in range(3000)))
    assert scrubbed.returncode == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen([servers.exe(), "reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                             "--audit-log", str(tmp_path / "audit.jsonl"), "-", "-o", str(out_dir / "revealed.jsonl")],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None
    proc.stdin.write(protected.read_bytes())  # and the pipe stays open: the run is still going
    proc.stdin.flush()
    time.sleep(3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdin.close()
    assert proc.returncode == -signal.SIGKILL and os.listdir(out_dir) == []


def test_scrub_reads_inputs_by_their_bytes_and_refuses_what_it_cannot_read(tmp_path: Path, keyring: Path) -> None:
    """A file's bytes decide, not its name: a Parquet file named .pq and a SQLite database named
    .db3 are scrubbed as what they are; a gzip'd CSV, an .xlsx (a ZIP of XML) and other binary
    data are refused with a clear error and no output, never copied through as "text" with the
    numbers still in them (the display policy protects uninspectable input: it did, byte for byte)."""
    import gzip
    import sqlite3
    import zipfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [("x", MOBILE, CARD)]
    pq.write_table(pa.table({"name": ["x"], "phone": [MOBILE], "card": [CARD]}), tmp_path / "export.pq")
    con = sqlite3.connect(tmp_path / "crm.db3")
    con.execute("CREATE TABLE people (name TEXT, phone TEXT, card TEXT)")
    con.executemany("INSERT INTO people VALUES (?, ?, ?)", rows)
    con.commit()
    con.close()
    for name in ("export.pq", "crm.db3"):
        out = tmp_path / f"out_{name}"
        result = pii_guard("scrub", "--policy", "display", str(tmp_path / name), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert not leaked(out.read_bytes().decode("latin-1")) and not leaked(result.stdout + result.stderr)
    csv_text = f"name,phone,card\nx,{MOBILE},{CARD}\n"
    with gzip.open(tmp_path / "export.csv.gz", "wt") as handle:
        handle.write(csv_text)
    with zipfile.ZipFile(tmp_path / "book.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", f"<sst><si><t>{MOBILE}</t></si></sst>" * 20)
    (tmp_path / "blob.csv").write_bytes(bytes(range(256)) * 8 + MOBILE.encode())
    for name, says in (("export.csv.gz", "gzip-compressed"), ("book.xlsx", "ZIP archive"), ("blob.csv", "binary data")):
        for policy in ("display", "complaints"):
            out = tmp_path / f"out_{policy}_{name}"
            result = pii_guard("scrub", "--keyring", str(keyring), "--policy", policy, "--encoding", "latin-1",
                               str(tmp_path / name), "-o", str(out))
            assert result.returncode == 1 and says in result.stderr, name
            assert not out.exists() and not leaked(result.stdout + result.stderr)
    hive = tmp_path / "hive_export"  # Hive's \x01 between fields: a control, but text all the same
    hive.write_text("".join(f"{i}\x01x\x01{p}\n" for i, p in enumerate(SECRETS)), encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), "--format", "csv", str(hive), "-o", str(tmp_path / "hive_out"))
    assert result.returncode == 0 and not leaked((tmp_path / "hive_out").read_text(encoding="utf-8"))
    # read as text too (no --format): \x01 ends a number, so two fields side by side are two numbers
    # (it was dropped as a zero-width character, and a phone and an ID read as 29 digits: nothing)
    side = tmp_path / "part-00000"
    side.write_text("".join(f"{i}\x01张三\x01{MOBILE}\x01{PID}\x01备注\n" for i in range(3)), encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(side), "-o", str(tmp_path / "side_out"))
    assert result.returncode == 0 and not leaked((tmp_path / "side_out").read_text(encoding="utf-8"))
    scan = pii_guard("scan", str(side), "--fail-on", "1")
    assert scan.returncode == 3 and "6 plaintext" in scan.stdout + scan.stderr
    assert "--format csv" in pii_guard("scrub", "--policy", "display", str(tmp_path / "export.csv.gz"), "-o",
                                       str(tmp_path / "o.csv")).stderr  # the name says what the archive holds
    import subprocess

    for fmt in ("csv", "text"):  # standard input: its first bytes are checked where they are read
        piped = subprocess.run([servers.exe(), "scrub", "--policy", "display", "--format", fmt, "-", "-o", str(tmp_path / "piped")],
                               input=(tmp_path / "export.csv.gz").read_bytes(), capture_output=True, timeout=60)
        assert piped.returncode == 1 and b"gzip-compressed" in piped.stderr and not (tmp_path / "piped").exists()


def test_the_audit_log_may_be_neither_the_reveals_input_nor_its_output(tmp_path: Path, keyring: Path) -> None:
    """--audit-log naming -o lost the intent record when the output was moved into place (and
    chained the completion after plaintext); naming the input wrote audit records into the data
    being revealed. Both are refused before anything is written; a log that cannot be written
    says why (a device, or one others may read), not "None"."""
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(f"手机{MOBILE}\n", encoding="utf-8")
    pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    protected = out.read_bytes()
    back = tmp_path / "back.txt"
    for log in (back, out, tmp_path / "." / "out.txt"):
        result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                           "--audit-log", str(log), str(out), "-o", str(back))
        assert result.returncode == 2 and "audit log is the input or the output" in result.stderr
        assert not back.exists() and out.read_bytes() == protected
    shared = tmp_path / "shared.jsonl"
    shared.write_text("")
    shared.chmod(0o644)
    for log, why in ((shared, "readable or writable by group or others"), (Path("/dev/null"), "not a regular file")):
        result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p",
                           "--audit-log", str(log), str(out), "-o", str(back))
        assert result.returncode != 0 and why in result.stderr and "None" not in result.stderr and not back.exists()


def test_rekey_says_how_many_hash_tokens_stay_on_an_older_key(tmp_path: Path, keyring: Path) -> None:
    """A hash has no value to move: rekey leaves such tokens on their key, and says so (the same
    number hashed under the new key no longer joins with them), where it used to report
    "0 token(s) moved" and nothing else."""
    policy = tmp_path / "hash.yaml"
    policy.write_text("name: h\nentities:\n  CN_PHONE_NUMBER: {action: hash}\n", encoding="utf-8")
    src, out, moved = tmp_path / "in.txt", tmp_path / "out.txt", tmp_path / "moved.txt"
    src.write_text(f"手机{MOBILE}\n手机{MOBILE}\n", encoding="utf-8")
    assert pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert pii_guard("keys", "rotate", "--keyring", str(keyring)).returncode == 0
    result = pii_guard("rekey", "--keyring", str(keyring), str(out), "-o", str(moved))
    assert result.returncode == 0 and "2 hash token(s) left on an older key" in result.stderr
    assert moved.read_bytes() == out.read_bytes()
