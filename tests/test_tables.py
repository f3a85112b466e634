"""CSV scrubbing: encodings, delimiters, quoting, workers, bad rows, byte-exact reveal."""

from __future__ import annotations

import codecs
import json
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import synth
from pii_guard.io import csvfile
from pii_guard.io.files import atomic_output
from pii_guard.operators import tokens
from tests import servers
from tests.test_cli import pii_guard

RNG = random.Random(606)


def make_csv(path: Path, encoding: str, delimiter: str, rows: int = 300) -> tuple[bytes, list[str]]:
    secrets: list[str] = []
    lines = [delimiter.join(["id", "name", "phone", "note", "amount"]) + "\r\n"]
    for i in range(rows):
        mobile, pid, card = synth.mobile_number(RNG), synth.resident_id(RNG), synth.bank_card(RNG, prefix="622848", length=19)
        secrets += [mobile, pid, card]
        note = f'"身份证{pid}{delimiter} 卡号 {card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}，""加急""\n第二行"'
        lines.append(delimiter.join([str(i), "张某", mobile, note, "1,234.50" if delimiter != "," else '"1,234.50"']) + "\r\n")
    raw = "".join(lines).encode(encoding)
    path.write_bytes(raw)
    return raw, secrets


@pytest.fixture()
def keyring(tmp_path: Path) -> Path:
    path = tmp_path / "keys.json"
    assert pii_guard("keys", "init", "--keyring", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ";"), ("gbk", "\t"), ("gbk", "|"),
                                               ("utf-16", ","), ("utf-32", ";")])
def test_scrub_and_reveal_byte_exact(tmp_path: Path, keyring: Path, encoding: str, delimiter: str) -> None:
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    raw, secrets = make_csv(src, encoding, delimiter)
    fmt = csvfile.detect(src)
    assert fmt.delimiter == delimiter and (fmt.encoding == encoding or (encoding == "gbk" and fmt.encoding == "gb18030"))
    result = pii_guard("scrub", "--keyring", str(keyring), "--workers", "2", str(src), "-o", str(out))
    assert result.returncode == 0
    scrubbed = out.read_bytes().decode(fmt.encoding)
    leaked = any(s in scrubbed for s in secrets)
    assert not leaked
    assert "$.phone" in result.stderr and "$.note" in result.stderr  # per-column summary
    assert scrubbed.count("\r\n") == raw.decode(fmt.encoding).count("\r\n")  # rows and line endings kept
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == raw
    assert exact


def test_tokens_are_the_same_across_runs_and_worker_counts(tmp_path: Path, keyring: Path) -> None:
    policy = tmp_path / "tok.yaml"
    policy.write_text("name: tok\nentities:\n  CN_PHONE_NUMBER: {action: tokenize}\n  CN_RESIDENT_ID: {action: tokenize}\n"
                      "  CN_BANK_CARD: {action: tokenize}\n")
    src = tmp_path / "in.csv"
    make_csv(src, "utf-8", ",", rows=2500)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.csv"
        assert pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), "--workers", workers,
                         str(src), "-o", str(out)).returncode == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert {tokens.parse(m.group()).kind for m in tokens.find(outputs[0].decode())} == {"t"}


@pytest.mark.parametrize("uninspectable,code,kept", [("reject", 1, 2), ("protect", 0, 3)])
def test_ragged_rows_are_reported_by_number(tmp_path: Path, keyring: Path, uninspectable: str, code: int, kept: int) -> None:
    """Dropped by policy: a failure (exit 1, "not processed"); protected as plain text and
    written: a note, the exit code stays 0 and nothing says the row was not processed."""
    mobile = synth.mobile_number(RNG)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"id,phone\n1,{mobile}\n2,{mobile},extra\n3,无\n", encoding="utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(f"name: p\nuninspectable: {uninspectable}\nentities:\n  CN_PHONE_NUMBER: {{action: encrypt}}\n")
    result = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == code and "line 3" in result.stderr and mobile not in result.stderr
    assert ("not processed" in result.stderr) == (uninspectable == "reject")
    text = out.read_text(encoding="utf-8")
    assert mobile not in text and len(text.splitlines()) == kept + 1


def test_rows_are_numbered_by_the_line_they_start_on(tmp_path: Path, keyring: Path) -> None:
    # a quoted field holding line breaks (\n, \r\n, and a U+2028 that is no line break to csv)
    # before the row: the message names the line an editor shows
    src = tmp_path / "in.csv"
    src.write_text('id,note,phone\n1,"first\nsecond\r\nthird\u2028same",none\n2,ok,none,EXTRA\n', encoding="utf-8", newline="")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 1 and "line 5:" in result.stderr


def test_interrupted_output_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with atomic_output(str(target)) as handle:
            handle.write("partial")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_text_after_a_closing_quote_is_part_of_the_cell(tmp_path: Path, keyring: Path) -> None:
    # csv reads "电话"138… as one cell 电话138…, and "138…" ,b as a cell ending in a space
    import csv

    mobile = synth.mobile_number(RNG)
    raw = f'id,备注,x\n1,"电话"{mobile},a\n2,"{mobile}" ,b\n3,"备注"无,c\n'
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_text(raw, encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    scrubbed = out.read_text(encoding="utf-8")
    leaked = mobile in scrubbed
    assert not leaked
    rows = list(csv.reader(scrubbed.splitlines()))
    assert [len(r) for r in rows] == [3, 3, 3, 3] and rows[2][1].endswith("~ ") and rows[3][1] == "备注无"
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    same_cells = list(csv.reader(back.read_text(encoding="utf-8").splitlines())) == list(csv.reader(raw.splitlines()))
    assert same_cells
    # where the change stays inside the quotes, the bytes come back too
    kept = back.read_text(encoding="utf-8").splitlines()[2:] == raw.splitlines()[2:]
    assert kept


def test_field_spans_and_rewrite_keep_quoting() -> None:
    fmt = csvfile.CsvFormat("utf-8")
    raw = '1,"a ""q"" b",plain,,"x,y"\r\n'
    assert [raw[s:e] for s, e, _q in csvfile.field_spans(raw, fmt)] == ["1", 'a ""q"" b', "plain", "", "x,y"]
    assert csvfile.rewrite(raw, fmt, {1: 'A "Q" B', 2: "new,val"}) == '1,"A ""Q"" B","new,val",,"x,y"\r\n'


def test_parquet_and_sqlite(tmp_path: Path, keyring: Path) -> None:
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    from pii_guard import keys
    from pii_guard.guard import Guard

    rng = random.Random(7)
    phones = [synth.mobile_number(rng) for _ in range(3000)]
    ids = [synth.resident_id(rng) for _ in range(3000)]
    table = pa.table({"n": list(range(3000)), "phone": [int(p) for p in phones],
                      "note": [f"身份证{i}" for i in ids], "score": [0.5] * 3000})
    pq.write_table(table, tmp_path / "in.parquet")
    assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet")).returncode == 0
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.num_rows == 3000 and out.column_names == ["n", "phone", "note", "score"]
    assert out.schema.field("n").type == pa.int64() and out.schema.field("phone").type == pa.string()
    flat = " ".join(map(str, out.column("phone").to_pylist() + out.column("note").to_pylist()))
    leaked = any(p in flat for p in phones[:200]) or any(i in flat for i in ids[:200])
    assert not leaked
    guard = Guard("audit", keys.load_keyring(keyring))
    back = [guard.reveal_text(v, "$.note") for v in out.column("note").to_pylist()[:50]]
    same = back == [f"身份证{i}" for i in ids[:50]]
    assert same
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                     str(tmp_path / "out.parquet"), "-o", str(tmp_path / "back.parquet")).returncode == 0
    restored = pq.read_table(tmp_path / "back.parquet")
    equal = restored.equals(table)
    assert equal  # values and types (the int64 phone column is int64 again)

    db = sqlite3.connect(tmp_path / "in.db")
    db.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, phone INTEGER, note TEXT)")
    db.execute("CREATE TABLE other (x TEXT)")
    db.execute("CREATE INDEX c_phone ON c(phone)")
    db.executemany("INSERT INTO c VALUES (?, ?, ?)", [(i, int(phones[i]), f"手机{phones[i]}") for i in range(500)])
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), "--tables", "c", str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode == 0
    new = sqlite3.connect(tmp_path / "out.db")
    assert [r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type IN ('table','index') ORDER BY name")] == ["c", "c_phone"]
    rows = new.execute("SELECT id, phone, note FROM c ORDER BY id").fetchall()
    assert len(rows) == 500 and [r[0] for r in rows] == list(range(500))
    leaked = any(phones[i] in f"{r[1]} {r[2]}" for i, r in enumerate(rows))
    assert not leaked
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                     str(tmp_path / "out.db"), "-o", str(tmp_path / "back.db")).returncode == 0
    original = sqlite3.connect(tmp_path / "in.db").execute("SELECT id, phone, note FROM c ORDER BY id").fetchall()
    revealed = sqlite3.connect(tmp_path / "back.db").execute("SELECT id, phone, note FROM c ORDER BY id").fetchall()
    same = revealed == original
    assert same
    missing = pii_guard("scrub", "--keyring", str(keyring), "--tables", "nope", str(tmp_path / "in.db"), "-o", str(tmp_path / "x.db"))
    assert missing.returncode == 1 and not (tmp_path / "x.db").exists()


def test_a_trigger_that_writes_to_a_table_left_out_is_left_out_too(tmp_path: Path, keyring: Path) -> None:
    """scrub --tables customers copied the trigger of customers that inserts into audit_trail,
    which was left out: every INSERT into the scrubbed copy then failed (no such table), exit 0.
    Such a trigger is left out, with a warning that names it; one that names only copied tables
    is copied."""
    import sqlite3

    rng = random.Random(3901)
    db = sqlite3.connect(tmp_path / "in.db")
    db.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, mobile TEXT, changed INTEGER DEFAULT 0);
        CREATE TABLE "Audit Trail" (msg TEXT);
        CREATE TRIGGER t_log AFTER INSERT ON customers BEGIN INSERT INTO "Audit Trail" VALUES ('new'); END;
        CREATE TRIGGER t_own AFTER UPDATE OF mobile ON customers BEGIN UPDATE customers SET changed = 1 WHERE id = new.id; END;
    """)
    db.executemany("INSERT INTO customers (mobile) VALUES (?)", [(synth.mobile_number(rng),) for _ in range(3)])
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), "--tables", "customers", str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode == 0 and "trigger t_log: not copied" in result.stderr
    new = sqlite3.connect(tmp_path / "out.db")
    assert [r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")] == ["t_own"]
    new.execute("INSERT INTO customers (mobile) VALUES ('x')")
    new.execute("UPDATE customers SET mobile = 'y' WHERE id = 1")
    assert new.execute("SELECT changed FROM customers WHERE id = 1").fetchone() == (1,)


def test_headerless_csv_leaks_nothing(tmp_path: Path, keyring: Path) -> None:
    mobile, pid = synth.mobile_number(RNG), synth.resident_id(RNG)
    src, out = tmp_path / "nohdr.csv", tmp_path / "out.csv"
    src.write_text(f"{mobile},{pid}\n{synth.mobile_number(RNG)},{synth.resident_id(RNG)}\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    leaked = mobile in text or pid in text or mobile in result.stderr or pid in result.stderr
    assert not leaked and "line 1" in result.stderr
    assert result.returncode == 0  # the first row was protected in full: a note, not a failure
    # after Excel's sep= line, the header is line 2, and the note says so
    excel = tmp_path / "excel.csv"
    excel.write_text(f"sep=;\n{mobile};{pid}\n", encoding="utf-8")
    noted = pii_guard("scrub", "--keyring", str(keyring), str(excel), "-o", str(tmp_path / "excel-out.csv"))
    assert noted.returncode == 0 and "line 2" in noted.stderr and "line 1:" not in noted.stderr
    report = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(report))
    leaked = mobile in report.read_text() or pid in report.read_text()
    assert not leaked
    back = tmp_path / "back.csv"
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                     str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact


def test_excels_delimiter_line_is_kept_and_names_the_delimiter(tmp_path: Path, keyring: Path) -> None:
    """Excel writes "sep=;" before the header of a CSV it should open with semicolons: that line
    is no record (every row was rejected as ragged against it) but is written back as it came."""
    rng = random.Random(3)
    rows = [("编号", "姓名", "手机", "身份证")] + [(str(i), "张某", synth.mobile_number(rng), synth.resident_id(rng)) for i in range(10)]
    src, out, back = tmp_path / "sep.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_bytes(codecs.BOM_UTF8 + ("sep=;\r\n" + "".join(";".join(r) + "\r\n" for r in rows)).encode())
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr[-300:]
    written = out.read_bytes().decode("utf-8-sig").splitlines()
    assert written[0] == "sep=;" and written[1] == "编号;姓名;手机;身份证" and len(written) == 12
    assert sum(len(list(tokens.find(line))) for line in written) == 20
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact
    report = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(report))
    import json

    found = {(f["location"], f["plaintext"]) for s in json.loads(report.read_text())["sources"] for f in s["findings"]}
    assert found == {("手机", 10), ("身份证", 10)}


def test_a_headerless_csvs_first_row_names_no_column(tmp_path: Path, keyring: Path) -> None:
    """A Hive export (\x01, no header) or any headerless CSV: its first row is data, so its cells
    name no column. One of them holding a card used to label the column a card column, and every
    later row was then protected whole as one "card" token; the summary printed the row's cells."""
    rng = random.Random(1)
    rows = [[synth.bank_card(rng, prefix="622202", length=19), "陈美玲", synth.mobile_number(rng), "理财被误导"]
            for _ in range(20)]
    src, out, back = tmp_path / "hive.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_text("".join("\x01".join(r) + "\n" for r in rows), encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0 and "陈美玲" not in result.stderr and "$['column 1']" in result.stderr
    written = out.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\x01")) == 4 and line.split("\x01")[1] == "陈美玲" for line in written)
    assert sum(len(list(tokens.find(line))) for line in written) == 40
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact


def test_a_headerless_csv_scrubbed_before_positional_names_still_reveals(tmp_path: Path, keyring: Path) -> None:
    """Files scrubbed when a headerless file's protected first row named its columns (their
    tokens bound to those names) reveal as before."""
    from pii_guard import keys
    from pii_guard.edits import apply_edits
    from pii_guard.guard import Guard
    from pii_guard.walk import child

    guard = Guard("complaints", keys.load_keyring(keyring))
    rng = random.Random(2)
    rows = [[synth.mobile_number(rng), synth.resident_id(rng)] for _ in range(3)]
    header = [guard.protect_text(cell) for cell in rows[0]]
    lines = [",".join(header)]
    for row in rows[1:]:
        lines.append(",".join(apply_edits(cell, guard.value_edits(child("$", name), cell)) for name, cell in zip(header, row)))
    old, back = tmp_path / "old.csv", tmp_path / "back.csv"
    old.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                       str(tmp_path / "log"), str(old), "-o", str(back))
    assert result.returncode == 0, result.stderr[-300:]
    same = back.read_text(encoding="utf-8") == "".join(",".join(r) + "\n" for r in rows)
    assert same


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_stopped_run_leaves_no_part_file(tmp_path: Path, signame: str) -> None:
    """``timeout``/systemd/Kubernetes stop jobs with SIGTERM: the temporary output must go too
    (for ``reveal`` it would hold plaintext)."""
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "out.txt"
    proc = subprocess.Popen([sys.executable, "-m", "pii_guard.cli", "scrub", "--policy", "display", "-", "-o", str(target)],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write("第一行，没有号码\n".encode() * 100)
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while not _writes_into(proc.pid, tmp_path):  # running, output half-written, waiting for input
        assert time.monotonic() < deadline and proc.poll() is None, "the run never started its output"
        time.sleep(0.05)
    proc.send_signal(getattr(signal, signame))
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + getattr(signal, signame)
    assert list(tmp_path.iterdir()) == [], "a stopped run left files behind"
    assert b"Traceback" not in err


def _writes_into(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` holds a file in ``folder`` open: its temporary output, named or not
    (an O_TMPFILE file reads as ``folder/#inode (deleted)``)."""
    import os

    fds = f"/proc/{pid}/fd"
    try:
        return any(os.readlink(f"{fds}/{fd}").startswith(f"{folder}/") for fd in os.listdir(fds))
    except OSError:
        return False


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_multi_worker_run_stopped_with_its_process_group_ends(tmp_path: Path, keyring: Path, signame: str) -> None:
    """A terminal's Ctrl-C and a systemd or Kubernetes stop signal the whole process group, the
    workers included: the run must end, leaving nothing behind, whenever that happens (with
    multiprocessing.Pool, a worker killed while it held the task queue's lock hung one run in ten)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(44)
    src = tmp_path / "in.csv"
    src.write_text("id,证件号码,phone\n" + "".join(f"{k},{synth.resident_id(rng)},{synth.mobile_number(rng)}\n" for k in range(60000)),
                   encoding="utf-8")
    for delay in (0.3, 0.8, 1.5, 2.5):
        target = tmp_path / "out.csv"
        proc = subprocess.Popen([sys.executable, "-m", "pii_guard.cli", "scrub", "--keyring", str(keyring), "--workers", "2",
                                 str(src), "-o", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        deadline = time.monotonic() + 30  # the run, not the interpreter's start-up (slow on a busy machine)
        while not _writes_into(proc.pid, tmp_path) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(delay - 0.3)
        os.killpg(proc.pid, getattr(signal, signame))
        try:
            _out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"the run did not end after {signame} at {delay} s")
        assert b"Traceback" not in err
        left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
        assert left == [], "a stopped run left files behind"
        if target.exists():  # it had finished before the signal: a complete output
            target.unlink()


def test_awkward_exports_round_trip_byte_exact(tmp_path: Path, keyring: Path) -> None:
    """A GBK export whose first Chinese character comes after 64 KiB of ASCII rows, a field longer
    than the csv module's default limit (and longer still once its numbers are tokens), and an
    unquoted field that holds quote characters all scrub and reveal back byte-exact."""
    mobile, pid = synth.mobile_number(RNG), synth.resident_id(RNG)
    long_text = "投诉内容" * 32000 + f"手机{mobile}"  # 128,000 + characters: past 131,072 with its token
    lines = ["id,phone,note\r\n"] + [f"{i},{synth.mobile_number(RNG)},ok\r\n" for i in range(4000)]
    lines += [f'4000,{mobile},he said "card {pid}" twice\r\n', f'4001,{mobile},"{long_text}"\r\n', f"4002,{mobile},客户\r\n"]
    raw = "".join(lines).encode("gbk")
    assert raw[:65536].isascii()
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_bytes(raw)
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr[-300:]
    scrubbed = out.read_bytes().decode("gb18030")
    assert mobile not in scrubbed and pid not in scrubbed and 'he said "card pg1.' in scrubbed
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == raw
    assert exact


@pytest.mark.parametrize("codec", ["zstd", "gzip", "none"])
def test_a_parquet_files_compression_is_kept_by_scrub_and_reveal(tmp_path: Path, keyring: Path, codec: str) -> None:
    """A zstd export comes back zstd (not the writer's snappy), scrubbed and revealed alike."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(8)
    table = pa.table({"phone": [int(synth.mobile_number(rng)) for _ in range(300)], "note": ["无"] * 300})
    pq.write_table(table, tmp_path / "in.parquet", compression=codec, row_group_size=100)
    assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet")).returncode == 0
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                     str(tmp_path / "out.parquet"), "-o", str(tmp_path / "back.parquet")).returncode == 0
    recorded = pq.ParquetFile(tmp_path / "in.parquet").metadata.row_group(0).column(0).compression
    for name in ("out", "back"):
        meta = pq.ParquetFile(tmp_path / f"{name}.parquet").metadata
        assert {meta.row_group(0).column(i).compression for i in range(2)} == {recorded}, name
    restored = pq.read_table(tmp_path / "back.parquet")
    equal = restored.equals(table)
    assert equal


def test_parquet_types_and_sqlite_schema_objects_come_back(tmp_path: Path, keyring: Path) -> None:
    """Columns scrub turns into strings (decimal, float, uint64, large_binary, dictionary) get
    their exact type back on reveal; SQLite views, triggers and BLOB cells survive scrub and reveal."""
    import decimal
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(11)
    phones = [synth.mobile_number(rng) for _ in range(20)]
    cards = [synth.bank_card(rng, prefix="622202", length=19) for _ in range(20)]
    table = pa.table({
        "card": pa.array([decimal.Decimal(c) for c in cards], pa.decimal128(19, 0)),
        "phone_f": pa.array([float(p) for p in phones], pa.float64()),
        "phone_u": pa.array([int(p) for p in phones], pa.uint64()),
        "note": pa.array([f"手机{p}".encode() for p in phones], pa.large_binary()),
        "kind": pa.array(phones, pa.string()).dictionary_encode(),
        # the view layouts (pyarrow 16+ writes string_view into the file's schema) and fixed-size bytes
        "said": pa.array([f"电话{p}" for p in phones], pa.string_view()),
        "raw_v": pa.array([f"卡号{c}".encode() for c in cards], pa.binary_view()),
        "fixed": pa.array([p.encode() for p in phones], pa.binary(11)),
        "at": pa.array([i * 86_400_000 for i in range(20)], pa.timestamp("ms")),
    })
    pq.write_table(table, tmp_path / "in.parquet")
    audit = ["--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log")]
    assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet")).returncode == 0
    scrubbed = pq.read_table(tmp_path / "out.parquet").to_pydict()
    assert not any(p in str(scrubbed) for p in phones) and not any(c in str(scrubbed) for c in cards)
    result = pii_guard("reveal", "--keyring", str(keyring), *audit, str(tmp_path / "out.parquet"), "-o", str(tmp_path / "back.parquet"))
    assert result.returncode == 0, result.stderr[-300:]
    restored = pq.read_table(tmp_path / "back.parquet")
    assert restored.schema.equals(table.schema) and restored.equals(table)

    db = sqlite3.connect(tmp_path / "in.db")
    db.executescript("CREATE TABLE c (id INTEGER PRIMARY KEY, phone TEXT, raw BLOB);"
                     "CREATE TABLE log (n INTEGER);"
                     "CREATE VIEW v AS SELECT id, phone FROM c;"
                     "CREATE TRIGGER t AFTER INSERT ON c BEGIN INSERT INTO log VALUES (new.id); END;")
    db.executemany("INSERT INTO c VALUES (?, ?, ?)", [(i, phones[i], f"身份证{synth.resident_id(rng)}".encode()) for i in range(20)])
    db.commit()
    before = (db.execute("SELECT * FROM c ORDER BY id").fetchall(), db.execute("SELECT count(*) FROM log").fetchone())
    db.close()
    assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db")).returncode == 0
    out = sqlite3.connect(tmp_path / "out.db")
    assert {r[0] for r in out.execute("SELECT name FROM sqlite_master")} >= {"c", "log", "v", "t"}
    assert out.execute("SELECT count(*) FROM log").fetchone() == before[1]  # the trigger did not fire on the copy
    assert {r[0] for r in out.execute("SELECT typeof(raw) FROM c")} == {"blob"}
    out.close()
    assert pii_guard("reveal", "--keyring", str(keyring), *audit, str(tmp_path / "out.db"), "-o", str(tmp_path / "back.db")).returncode == 0
    back = sqlite3.connect(tmp_path / "back.db")
    assert back.execute("SELECT * FROM c ORDER BY id").fetchall() == before[0]
    assert back.execute("SELECT count(*) FROM v").fetchone() == (20,)
    back.execute("INSERT INTO c VALUES (99, 'x', NULL)")
    assert back.execute("SELECT count(*) FROM log").fetchone() == (before[1][0] + 1,)  # the trigger works


def test_sqlite_schemas_with_quoted_names_full_text_and_generated_columns(tmp_path: Path, keyring: Path) -> None:
    import sqlite3

    rng = random.Random(31)
    phones = [synth.mobile_number(rng) for _ in range(3)]
    db = sqlite3.connect(tmp_path / "in.db")
    db.executescript('CREATE TABLE "客户""备注" (note TEXT);'
                     "CREATE VIRTUAL TABLE docs USING fts5(body);"
                     "CREATE TABLE g (a TEXT, b TEXT GENERATED ALWAYS AS ('[' || a || ']') VIRTUAL);")
    db.execute('INSERT INTO "客户""备注" VALUES (?)', (f"手机{phones[0]}",))
    db.execute("INSERT INTO docs VALUES (?)", (f"投诉人电话{phones[1]}",))
    db.execute("INSERT INTO g (a) VALUES (?)", (f"电话{phones[2]}",))
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode == 0, result.stderr[-300:]
    out = sqlite3.connect(tmp_path / "out.db")
    dump = "\n".join(out.iterdump())
    leaked = any(p in dump for p in phones)
    assert not leaked
    assert out.execute("SELECT count(*) FROM docs WHERE docs MATCH '投诉人电话*'").fetchone() == (1,)  # the index was rebuilt
    assert out.execute("SELECT b = '[' || a || ']' FROM g").fetchone() == (1,)  # computed again from the protected value
    out.close()
    back = tmp_path / "back.db"
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(tmp_path / "log"),
                     str(tmp_path / "out.db"), "-o", str(back)).returncode == 0
    restored = sqlite3.connect(back)
    same = (restored.execute('SELECT note FROM "客户""备注"').fetchone() == (f"手机{phones[0]}",)
            and restored.execute("SELECT body FROM docs").fetchone() == (f"投诉人电话{phones[1]}",)
            and restored.execute("SELECT b FROM g").fetchone() == (f"[电话{phones[2]}]",))
    assert same


def test_sqlite_generated_columns_that_rebuild_a_number_are_refused(tmp_path: Path, keyring: Path) -> None:
    import sqlite3

    phone = synth.mobile_number(RNG)
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute("CREATE TABLE p (area TEXT, rest TEXT, phone TEXT GENERATED ALWAYS AS (area || rest) VIRTUAL)")
    db.execute("INSERT INTO p (area, rest) VALUES (?, ?)", (phone[:3], phone[3:]))
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode == 1 and "generated column" in result.stderr and phone not in result.stderr
    assert not (tmp_path / "out.db").exists()


def test_sqlite_columns_that_cannot_hold_a_token_are_refused_by_table(tmp_path: Path, keyring: Path) -> None:
    import sqlite3

    phone = synth.mobile_number(RNG)
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute("CREATE TABLE s (phone INTEGER) STRICT")
    db.execute("INSERT INTO s VALUES (?)", (int(phone),))
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode != 0 and "table s:" in result.stderr and "STRICT" in result.stderr and phone not in result.stderr
    assert not (tmp_path / "out.db").exists()
    # the reason named is the table's own: a UNIQUE column two masks make alike, a rowid of integers
    other = synth.mobile_number(RNG)
    db = sqlite3.connect(tmp_path / "in2.db")
    db.executescript("CREATE TABLE u (id INTEGER PRIMARY KEY, phone TEXT UNIQUE); CREATE TABLE r (phone INTEGER PRIMARY KEY, n TEXT);")
    db.executemany("INSERT INTO u (phone) VALUES (?)", [(phone,), (phone[:3] + other[3:7] + phone[7:],)])
    db.execute("INSERT INTO r VALUES (?, 'a')", (int(other),))
    db.commit()
    db.close()
    for table, policy, says in (("u", "display", "UNIQUE"), ("r", "complaints", "INTEGER PRIMARY KEY")):
        result = pii_guard("scrub", "--keyring", str(keyring), "--policy", policy, "--tables", table, str(tmp_path / "in2.db"),
                           "-o", str(tmp_path / f"out_{table}.db"))
        assert result.returncode == 1 and f"table {table}:" in result.stderr and says in result.stderr and "STRICT table or a CHECK" not in result.stderr
        assert phone not in result.stderr and other not in result.stderr


def test_parquet_columns_of_an_unread_type_are_refused(tmp_path: Path, keyring: Path) -> None:
    # a column the scrubber reads neither as text nor as a value (here a map) could hold a phone
    import pyarrow as pa
    import pyarrow.parquet as pq

    phone = synth.mobile_number(RNG)
    pq.write_table(pa.table({"m": pa.array([[("tel", phone)]], pa.map_(pa.string(), pa.string())), "n": ["x"]}),
                   tmp_path / "in.parquet")
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet"))
    assert result.returncode != 0 and "column(s) m" in result.stderr and phone not in result.stderr
    assert not (tmp_path / "out.parquet").exists()


def test_parquet_list_and_struct_columns_are_scrubbed_and_revealed(tmp_path: Path, keyring: Path) -> None:
    """List and struct columns (contacts: list<string>, holder: struct<name, phone, ids>) are
    protected leaf by leaf in their own types and revealed to the same table; scan then finds no
    plaintext. A number leaf holding personal data cannot take a token in its type: refused, as
    are maps and bytes inside (their keys and bytes are not read)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(67)
    phone, card, pid = synth.mobile_number(rng), synth.bank_card(rng, prefix="622848", length=19), synth.resident_id(rng)
    holder = pa.struct([("name", pa.string()), ("phone", pa.string()), ("ids", pa.list_(pa.string())), ("age", pa.int32())])
    table = pa.table({
        "contacts": pa.array([[f"手机 {phone}", "无"], None, []], pa.list_(pa.string())),
        "holder": pa.array([{"name": "王一", "phone": phone, "ids": [pid], "age": 40}, None,
                            {"name": "李二", "phone": None, "ids": [f"卡{card}"], "age": None}], holder),
        "n": [1, 2, 3],
    })
    src, out, back = tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "back.parquet"
    pq.write_table(table, src)
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    scrubbed = pq.read_table(out)
    assert scrubbed.schema == table.schema and scrubbed.column("holder").to_pylist()[0]["age"] == 40
    text = out.read_bytes().decode("latin-1") + str(scrubbed.to_pylist())
    hidden = all(v not in text for v in (phone, card, pid))
    assert hidden and pii_guard("scan", str(out), "--fail-on", "1").returncode == 0
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "audit.jsonl"), str(out), "-o", str(back)).returncode == 0
    assert pq.read_table(back).equals(table)
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"phones": pa.array([[int(phone)]], pa.list_(pa.int64()))}), numbers)
    result = pii_guard("scrub", "--keyring", str(keyring), str(numbers), "-o", str(tmp_path / "o2.parquet"))
    assert result.returncode == 1 and "a number inside it" in result.stderr and phone not in result.stderr
    assert not (tmp_path / "o2.parquet").exists()
    # a nested field named with a number is refused, as a column so named is; a struct with a field
    # name twice, and a time64[ns] leaf (Python's time would drop its nanoseconds), are not read
    named = tmp_path / "named.parquet"
    pq.write_table(pa.table({"c": pa.array([{f"tel{phone}": "x"}], pa.struct([(f"tel{phone}", pa.string())]))}), named)
    result = pii_guard("scrub", "--keyring", str(keyring), str(named), "-o", str(tmp_path / "o4.parquet"))
    assert result.returncode == 1 and "nested field" in result.stderr and phone not in result.stderr
    twice = pa.StructArray.from_arrays([pa.array([phone]), pa.array(["y"])], names=["a", "a"])
    pq.write_table(pa.table({"c": twice}), tmp_path / "twice.parquet")
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "twice.parquet"), "-o", str(tmp_path / "o5.parquet"))
    assert result.returncode != 0 and "column(s) c" in result.stderr and "Traceback" not in result.stderr
    clock = pa.array([{"t": 123456789012, "p": phone}], pa.struct([("t", pa.time64("ns")), ("p", pa.string())]))
    pq.write_table(pa.table({"c": clock}), tmp_path / "clock.parquet")
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "clock.parquet"), "-o", str(tmp_path / "o6.parquet"))
    assert result.returncode != 0 and "column(s) c" in result.stderr
    blobs = tmp_path / "blobs.parquet"
    pq.write_table(pa.table({"b": pa.array([[phone.encode()]], pa.list_(pa.binary()))}), blobs)
    result = pii_guard("scrub", "--keyring", str(keyring), str(blobs), "-o", str(tmp_path / "o3.parquet"))
    assert result.returncode != 0 and "column(s) b" in result.stderr


def test_output_to_a_device_writes_to_it_and_never_replaces_it(tmp_path: Path) -> None:
    """``-o /dev/null`` (or a FIFO) is written to; renaming a temporary file onto it would
    replace the device itself for every program on the machine."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    src = tmp_path / "in.txt"
    src.write_text(f"手机{synth.mobile_number(RNG)}\n", encoding="utf-8")
    result = pii_guard("scrub", "--policy", "display", str(src), "-o", str(fifo))
    reader.join(timeout=10)
    assert result.returncode == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"****" in received[0]
    assert list(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_a_column_named_for_an_entity_protects_what_the_detector_cannot_read(tmp_path: Path, keyring: Path) -> None:
    """The header is a cell's context: a card Excel cut to 15 significant digits, a legacy
    15-digit ID, a local 8-digit landline and a phone in scientific notation hold no valid number,
    yet under 银行卡号/证件号码/固定电话/lxdh they are protected whole; row numbers, amounts and
    order numbers in other columns are kept as they are."""
    card = synth.bank_card(RNG, prefix="622202", length=19)
    mobile = synth.mobile_number(RNG)
    legacy = "320102800307457"
    rows = ["id,银行卡号,证件号码,固定电话,lxdh,amount,订单号\r\n"]
    for i in range(5):
        rows.append(f"{i + 1},{card[:15]}0000,{legacy},6234567{i},{mobile[0]}.{mobile[1:]}E+10,1234.50,20231115000{i}1234\r\n")
    raw = "".join(rows).encode("utf-8")
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_bytes(raw)
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    scrubbed = out.read_text(encoding="utf-8")
    for secret in (card[:15], legacy, "6234567", mobile[1:]):
        assert secret not in scrubbed
    lines = scrubbed.splitlines()
    assert all(line.startswith(f"{i + 1},") and ",1234.50,20231115000" in line for i, line in enumerate(lines[1:]))
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == raw
    assert exact


def test_pinyin_initials_of_a_column_name_label_it(tmp_path: Path, keyring: Path) -> None:
    """yhzh (银行账号), zzdh (住宅电话), zjh (证件号), lxfs (联系方式), accNo …: a card failing Luhn, a
    local landline and a mistyped ID under them were kept in plaintext, where the same values
    under 银行账号 or lxdh were protected, and a scan of the output reported none (probe 51: all
    of them under such names)."""
    card = synth.bank_card_bad_luhn(RNG)
    pid = synth.resident_id(RNG)
    mistyped = pid[:-1] + ("1" if pid[-1] != "1" else "2")
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,yhzh,accNo,zzdh,lxfs,zjh,sfzjhm,memo\r\n"
                   f"1,{card},{card},6234567,6234567,{mistyped},{mistyped},ok\r\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    scrubbed = out.read_bytes().decode("utf-8")
    assert card not in scrubbed and "6234567" not in scrubbed and mistyped not in scrubbed
    assert scrubbed.splitlines()[1].startswith("1,") and scrubbed.endswith(",ok\r\n")


def _field_spans_by_character(raw: str, fmt: csvfile.CsvFormat) -> list[tuple[int, int, bool]]:
    """The plain reading field_spans must agree with: a quoted field runs, character by character,
    to the first quote that is not doubled; junk after it runs to the delimiter."""
    spans: list[tuple[int, int, bool]] = []
    i, end, q, d = 0, len(raw.rstrip("\r\n")), fmt.quotechar, fmt.delimiter
    while True:
        if i < end and raw[i] == q:
            j = i + 1
            while j < len(raw) and not (raw[j] == q and not raw.startswith(q, j + 1)):
                j += 2 if raw[j] == q else 1
            spans.append((i + 1, min(j, len(raw)), True))
            i = j + 1
            while i < end and raw[i] != d:
                i += 1
        else:
            j = i
            while j < end and raw[j] != d:
                j += 1
            spans.append((i, j, False))
            i = j
        if i >= end:
            return spans
        i += 1


@settings(max_examples=500, deadline=None)
@given(raw=st.text(alphabet='ab,;"\'\n\r 张', max_size=16), delimiter=st.sampled_from([",", ";"]),
       quote=st.sampled_from(['"', "'"]))
def test_field_spans_agree_with_a_character_by_character_reading(raw: str, delimiter: str, quote: str) -> None:
    fmt = csvfile.CsvFormat("utf-8", delimiter, quote)
    assert csvfile.field_spans(raw, fmt) == _field_spans_by_character(raw, fmt)


def _run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:

    exe = servers.exe()
    return subprocess.run([exe, *args], input=stdin, capture_output=True, timeout=60)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_through_a_pipe_keeps_its_delimiter_encoding_and_bytes(tmp_path: Path, keyring: Path, encoding: str) -> None:
    """`… | pii-guard scrub --format csv - | …`: the delimiter is sniffed or taken from
    --delimiter, the encoding kept (GBK stays GBK, a BOM stays), line endings untouched."""
    mobile = synth.mobile_number(RNG)
    raw = f"id;电话;备注\r\n1;{mobile};订单号 20240101 123\r\n".encode(encoding)
    scrubbed = _run_bytes("scrub", "--keyring", str(keyring), "--format", "csv", "-", stdin=raw)
    assert scrubbed.returncode == 0, scrubbed.stderr[-300:]
    out = scrubbed.stdout
    text = out.decode("gb18030" if encoding == "gbk" else encoding)
    assert mobile not in text and "订单号 20240101 123" in text  # the note column is its own cell
    assert out.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig") and b"\r\n" in out
    explicit = _run_bytes("scrub", "--keyring", str(keyring), "--format", "csv", "--delimiter", ";", "--encoding",
                          "gb18030" if encoding == "gbk" else encoding, "-", stdin=raw)
    assert explicit.returncode == 0 and mobile.encode() not in explicit.stdout
    back = _run_bytes("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                      str(tmp_path / "log"), "--format", "csv", "-", stdin=out)
    exact = back.stdout == raw
    assert exact


def test_a_field_past_the_limit_is_an_error_naming_its_line(tmp_path: Path, keyring: Path) -> None:
    src = tmp_path / "huge.csv"
    with src.open("w", encoding="utf-8") as handle:
        handle.write('id,note\n1,ok\n2,"')
        chunk = "x" * 1023 + "\n"
        for _ in range(csvfile.MAX_FIELD_CHARS // len(chunk) + 2):
            handle.write(chunk)
        handle.write('"\n')
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 1 and "line 3:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_a_field_protected_whole_holds_any_number(tmp_path: Path, keyring: Path) -> None:
    # a mistyped phone written as a non-integral JSON number is still protected, and comes back as written
    raw = '{"complainant": {"phone": 1391234567.5, "id_number": 11010119900307457.25}, "amount": 12345.67}\n'
    src, out, back = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "back.jsonl"
    src.write_text(raw, encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "1391234567" not in text and "11010119900307457" not in text and "12345.67" in text
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    assert back.read_text(encoding="utf-8") == raw


def test_a_phone_with_a_fraction_in_a_real_or_double_column_is_protected(tmp_path: Path, keyring: Path) -> None:
    """13812345678.5 in a SQLite REAL or a Parquet double column is a phone with a fraction after
    it, as in JSON Lines and CSV: protected (it was copied as it was, and a scan of the scrubbed
    output found it), and revealed back to the number in its type; 2.5 stays as it is."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    value = float(synth.mobile_number(RNG) + ".5")
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute("CREATE TABLE t (amount REAL, n TEXT)")
    score = 0.04278902933945994  # a double at full precision: no card after its zeros
    db.executemany("INSERT INTO t VALUES (?, ?)", [(value, "a"), (2.5, "b"), (score, "c")])
    db.commit()
    db.close()
    pq.write_table(pa.table({"amount": [value, 2.5, score]}), tmp_path / "in.parquet")
    for name in ("in.db", "in.parquet"):
        out, back = tmp_path / name.replace("in", "out"), tmp_path / name.replace("in", "back")
        assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / name), "-o", str(out)).returncode == 0
        scan = pii_guard("scan", str(out), "--fail-on", "1")
        assert scan.returncode == 0, scan.stdout[-300:]
        assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                         str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
        if name == "in.db":
            conn = sqlite3.connect(out)
            scrubbed = [r[0] for r in conn.execute("SELECT amount FROM t")]
            conn.close()
            conn = sqlite3.connect(back)
            revealed = conn.execute("SELECT amount, typeof(amount) FROM t").fetchall()
            conn.close()
        else:
            scrubbed = pq.read_table(out).column("amount").to_pylist()
            revealed = [(v, "real") for v in pq.read_table(back).column("amount").to_pylist()]
        assert tokens.looks_like_token(str(scrubbed[0]).removesuffix(".5")) and scrubbed[1] in (2.5, "2.5")
        assert scrubbed[2] in (score, str(score))
        held = revealed == [(value, "real"), (2.5, "real"), (score, "real")]
        assert held


def test_columns_and_tables_named_with_personal_data_are_refused(tmp_path: Path, keyring: Path) -> None:
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    mobile = synth.mobile_number(RNG)
    pq.write_table(pa.table({f"tel{mobile}": ["a"], "n": ["b"]}), tmp_path / "in.parquet")
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute(f'CREATE TABLE t ("{mobile}" TEXT)')
    db.commit()
    db.close()
    for name in ("in.parquet", "in.db"):
        out = tmp_path / name.replace("in", "out")
        result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / name), "-o", str(out))
        assert result.returncode == 1 and "hold personal data" in result.stderr and mobile not in result.stderr
        assert not out.exists()


def _dies_on_three(_guard, item: int) -> int:
    import os

    if item == 3:
        os._exit(1)  # a worker killed mid-chunk (the OOM killer, kill -9)
    return item * 2


def test_a_worker_that_dies_is_a_clear_error_and_leaves_no_process() -> None:
    import multiprocessing

    from pii_guard.io.parallel import WorkerError, ordered_map

    before = set(multiprocessing.active_children())
    got: list[int] = []
    with pytest.raises(WorkerError):
        for value in ordered_map(None, _dies_on_three, range(10), workers=2):  # type: ignore[arg-type]
            got.append(value)
    assert got == [0, 2, 4]  # in order, up to the chunk that was lost
    assert set(multiprocessing.active_children()) <= before


def test_a_huge_worker_count_is_capped_at_twice_the_cpus(tmp_path: Path, keyring: Path) -> None:
    """--workers 100000 forked until the machine ran out of memory: the run uses at most twice the
    CPUs it may use, says so, and its output is the same as with one worker."""
    from pii_guard.io.parallel import available_cpus, worker_count

    cpus = available_cpus()
    assert worker_count(100_000) == 2 * cpus and worker_count(None) == cpus and worker_count(1) == 1
    src = tmp_path / "in.csv"
    make_csv(src, "utf-8", ",", rows=300)
    policy = tmp_path / "tok.yaml"
    policy.write_text("name: tok\nentities:\n  CN_PHONE_NUMBER: {action: tokenize}\n  CN_RESIDENT_ID: {action: tokenize}\n"
                      "  CN_BANK_CARD: {action: tokenize}\n")
    outputs = []
    for workers in ("1", "100000"):
        out = tmp_path / f"out{workers}.csv"
        result = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), "--workers", workers,
                           str(src), "-o", str(out))
        assert result.returncode == 0
        outputs.append(out.read_bytes())
    assert f"--workers 100000: using {2 * cpus}" in result.stderr
    assert outputs[0] == outputs[1]


def test_personal_data_in_bytes_that_are_not_utf8_is_refused(tmp_path: Path, keyring: Path) -> None:
    """A GBK BLOB or a binary Parquet field around a number cannot be protected in place: the
    scrub refuses it (nothing written) instead of copying it as it is; other bytes pass."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    mobile = synth.mobile_number(RNG)
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute("CREATE TABLE t (id INTEGER, b BLOB)")
    db.execute("INSERT INTO t VALUES (1, ?)", (f"电话{mobile}".encode("gbk"),))
    db.commit()
    db.close()
    pq.write_table(pa.table({"b": pa.array([b"\xff\x00" + mobile.encode(), b"\x01"], pa.binary())}), tmp_path / "in.parquet")
    for name in ("in.db", "in.parquet"):
        out = tmp_path / name.replace("in", "out")
        result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / name), "-o", str(out))
        assert result.returncode == 1 and "not UTF-8" in result.stderr and mobile not in result.stderr
        assert not out.exists()
    pq.write_table(pa.table({"b": pa.array([b"\xff\x00\x01", b"\x89PNG"], pa.binary())}), tmp_path / "plain.parquet")
    assert pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "plain.parquet"), "-o", str(tmp_path / "p.out.parquet")).returncode == 0


def test_a_schema_or_metadata_that_holds_personal_data_is_refused(tmp_path: Path, keyring: Path) -> None:
    """The schema is copied as it is: a DEFAULT, a view's literal or Parquet key-value metadata
    holding a number would reach the scrubbed copy, so the scrub refuses it (nothing written)."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    mobile = synth.mobile_number(RNG)
    for name, statements in (("default.db", [f"CREATE TABLE t (id INTEGER, phone TEXT DEFAULT '{mobile}')"]),
                             ("view.db", ["CREATE TABLE t (id INTEGER, phone TEXT)",
                                          f"CREATE VIEW v AS SELECT * FROM t WHERE phone = '{mobile}'"])):
        db = sqlite3.connect(tmp_path / name)
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO t (id) VALUES (1)")
        db.commit()
        db.close()
    pq.write_table(pa.table({"a": ["x"]}).replace_schema_metadata({"exported_by": f"contact {mobile}"}), tmp_path / "meta.parquet")
    field = pa.field("a", pa.string(), metadata={"note": f"联系人{mobile}"})
    pq.write_table(pa.Table.from_arrays([pa.array(["x"])], schema=pa.schema([field])), tmp_path / "field.parquet")
    for name in ("default.db", "view.db", "meta.parquet", "field.parquet"):
        out = tmp_path / f"out.{name}"
        result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / name), "-o", str(out))
        assert result.returncode == 1 and "personal data" in result.stderr and mobile not in result.stderr, name
        assert not out.exists()


def test_a_table_named_with_a_number_glued_to_letters_is_refused(tmp_path: Path, keyring: Path) -> None:
    """s138… is an identifier to the detector, yet a name is copied as it is: refused like t_138…"""
    import sqlite3

    mobile = synth.mobile_number(RNG)
    db = sqlite3.connect(tmp_path / "in.db")
    db.execute(f'CREATE TABLE "s{mobile}" (note TEXT)')
    db.commit()
    db.close()
    result = pii_guard("scrub", "--keyring", str(keyring), str(tmp_path / "in.db"), "-o", str(tmp_path / "out.db"))
    assert result.returncode == 1 and "hold personal data" in result.stderr and mobile not in result.stderr
    assert not (tmp_path / "out.db").exists()


def test_a_rerun_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    """kill -9 runs no handler: its .part file stays. The next run for the same output removes
    the ones whose process is gone, and leaves those of a run still going."""
    import os
    import subprocess
    import sys

    import re
    import socket

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    host = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:32]
    stale = tmp_path / f".out.txt.{host}-{dead}.abcd1234.part"
    running = tmp_path / f".out.txt.{host}-{os.getpid()}.efgh5678.part"
    other_target = tmp_path / f".out.txt.2024.csv.{host}-{dead}.ijkl9012.part"   # another output's
    other_host = tmp_path / f".out.txt.elsewhere-{dead}.mnop3456.part"          # a run on another machine
    for part in (stale, running, other_target, other_host):
        part.write_text("half")
    with atomic_output(str(tmp_path / "out.txt")) as handle:
        handle.write("new\n")
    assert not stale.exists() and running.exists() and other_target.exists() and other_host.exists()
    assert (tmp_path / "out.txt").read_text() == "new\n"


def test_a_gbk_row_in_a_utf8_csv_is_handled_by_its_line(tmp_path: Path, keyring: Path) -> None:
    """Rows appended by another tool in GBK do not make a UTF-8 export unreadable: that row is
    reported by its line and handled by policy (masked and its other bytes kept, or dropped),
    every other row is processed, and nothing is left in plaintext."""
    rng = random.Random(4)
    mobiles = [synth.mobile_number(rng) for _ in range(4)]
    rows = [f"{i},张某,{m},客户来电\r\n" for i, m in enumerate(mobiles)]
    raw = "编号,姓名,手机,备注\r\n".encode() + b"".join(r.encode("gbk" if i == 2 else "utf-8") for i, r in enumerate(rows))
    src = tmp_path / "mixed.csv"
    src.write_bytes(raw)
    masked = pii_guard("scrub", "--policy", "display", str(src), "-o", str(tmp_path / "masked.csv"))
    assert masked.returncode == 0 and "line 4: not valid UTF-8" in masked.stderr
    out = (tmp_path / "masked.csv").read_bytes()
    assert not any(m.encode() in out for m in mobiles) and "张某".encode("gbk") in out and out.count(b"\r\n") == 5
    dropped = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "enc.csv"))
    assert dropped.returncode == 1 and "line 4: not valid UTF-8; rejected by policy" in dropped.stderr
    enc = (tmp_path / "enc.csv").read_bytes()
    assert not any(m.encode() in enc for m in mobiles) and enc.count(b"\r\n") == 4


def test_first_rows_that_are_headers_and_first_rows_that_are_data(tmp_path: Path, keyring: Path) -> None:
    """A header cell holding a number (备注(请联系0755-…)) names only its own column by position:
    the other names still key field rules (a mistyped ID under id_number is protected whole). A
    Hive export (\\x01) has no header even when its first row holds no number. A header row in
    GBK in a UTF-8 file names its columns by position instead of failing."""
    import json

    rng = random.Random(12)
    pid = synth.resident_id(rng)
    header = f"name,id_number,备注(请联系0755-8345{rng.randint(1000, 9999)})"
    src, out = tmp_path / "h.csv", tmp_path / "h.out.csv"
    src.write_text(f"{header}\n张某,{pid[:17]},无\n", encoding="utf-8")  # a mistyped ID: 17 digits
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 0 and "a column name holds personal data" in result.stderr
    assert pid[:17] not in out.read_text(encoding="utf-8") and "$.id_number" in result.stderr
    hive = tmp_path / "hive.csv"
    hive.write_text("王秀英\x01投诉信用卡被盗刷\n" + f"李某\x01手机{synth.mobile_number(rng)}\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), str(hive), "-o", str(tmp_path / "hive.out.csv"))
    assert result.returncode == 0 and "王秀英" not in result.stderr and "$['column 2']" in result.stderr
    mixed = tmp_path / "gbk_header.csv"
    mobile = synth.mobile_number(rng)
    mixed.write_bytes("联系电话,备注\n".encode("gbk") + f"{mobile},好的\n".encode())
    result = pii_guard("scrub", "--keyring", str(keyring), str(mixed), "-o", str(tmp_path / "m.out.csv"))
    assert result.returncode == 0, result.stderr[-300:]
    assert mobile not in (tmp_path / "m.out.csv").read_bytes().decode("utf-8", "replace")
    report = tmp_path / "r.json"
    pii_guard("scan", str(mixed), "--json", str(report))
    assert json.loads(report.read_bytes().decode("utf-8"))["summary"]["plaintext_findings"] == 1


def test_a_headerless_file_masked_and_encrypted_reveals_and_rekeys_whole(tmp_path: Path, keyring: Path) -> None:
    """Row 1 of a headerless file under a policy that masks phones and encrypts cards: reveal
    finds each column's name (its position) though row 1 holds no token where it was masked, and
    rekey moves row 1's tokens to the new key too."""
    rng = random.Random(13)
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_PHONE_NUMBER: {action: mask}\n  CN_BANK_CARD: {action: encrypt}\n",
                      encoding="utf-8")
    rows = [[synth.mobile_number(rng), "张某"]] + [[synth.mobile_number(rng), synth.bank_card(rng, prefix="622202", length=19)]
                                                  for _ in range(3)]
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    assert pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                       str(tmp_path / "log"), str(out), "-o", str(back))
    assert result.returncode == 0, result.stderr[-300:]
    assert [line.split(",")[1] for line in back.read_text(encoding="utf-8").splitlines()[1:]] == [r[1] for r in rows[1:]]
    # rekey: every token, row 1's included, moves to the new primary key
    src2, out2, rekeyed = tmp_path / "in2.csv", tmp_path / "out2.csv", tmp_path / "rekeyed.csv"
    src2.write_text(f"{rows[1][1]},张某\n{rows[2][1]},李某\n", encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src2), "-o", str(out2)).returncode == 0
    assert pii_guard("keys", "rotate", "--keyring", str(keyring)).returncode == 0
    assert pii_guard("rekey", "--keyring", str(keyring), str(out2), "-o", str(rekeyed)).returncode == 0
    kinds = {tokens.parse(m.group()).key_id for m in tokens.find(rekeyed.read_text(encoding="utf-8"))}
    assert kinds == {"k2"}


def test_sqlite_foreign_keys_the_protection_breaks_are_named(tmp_path: Path, keyring: Path) -> None:
    """Encrypt gives equal phones different tokens, so a key column referencing another breaks:
    scrub says which key and how many rows (no value), --strict keeps no output, and a policy
    that tokenizes keeps every key intact. A row the input already broke is not blamed on us."""
    import sqlite3

    phones = [synth.mobile_number(RNG) for _ in range(3)]
    src = tmp_path / "in.db"
    db = sqlite3.connect(src)
    db.executescript("CREATE TABLE customers (phone TEXT PRIMARY KEY, name TEXT);"
                     "CREATE TABLE complaints (id INTEGER PRIMARY KEY, phone TEXT REFERENCES customers (phone), body TEXT);")
    db.executemany("INSERT INTO customers VALUES (?, '张某')", [(p,) for p in phones[:2]])
    db.executemany("INSERT INTO complaints (phone, body) VALUES (?, '催收')", [(p,) for p in phones + phones[:1]])
    db.commit()
    db.close()
    out = tmp_path / "out.db"
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    leaked = any(p in result.stderr for p in phones)
    assert result.returncode == 0 and not leaked
    assert "warning: table complaints: 3 row(s) no longer match their foreign key (phone → phone in customers)" in result.stderr
    assert "tokenize" in result.stderr and out.exists()
    strict = pii_guard("scrub", "--strict", "--keyring", str(keyring), str(src), "-o", str(tmp_path / "strict.db"))
    assert strict.returncode == 1 and "not kept" in strict.stderr and not (tmp_path / "strict.db").exists()

    policy = tmp_path / "joins.yaml"
    policy.write_text("name: joins\nentities:\n  CN_PHONE_NUMBER: {action: tokenize}\n", encoding="utf-8")
    joined = tmp_path / "joined.db"
    result = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(joined))
    assert result.returncode == 0 and "foreign key" not in result.stderr
    db = sqlite3.connect(joined)
    orphans = db.execute("PRAGMA foreign_key_check(complaints)").fetchall()
    tokenized = db.execute("SELECT count(*) FROM complaints WHERE phone LIKE 'pg1.t.%'").fetchone()[0]
    db.close()
    assert len(orphans) == 1 and tokenized == 4  # the input's own orphan (the third phone), no other


@pytest.mark.parametrize("encoding,name", [("utf-16", "in.csv"), ("utf-32", "in.csv"), ("utf-16", "in.txt")])
def test_utf16_and_utf32_piped_out_keep_their_byte_order_mark(tmp_path: Path, keyring: Path, encoding: str, name: str) -> None:
    """Python writes UTF-16's and UTF-32's mark only to a file it can seek in: through a pipe the
    output had none, and the next tool could not tell how to read it. Scrub and reveal piped
    through standard output give back the input byte for byte."""

    phone = synth.mobile_number(RNG)
    raw = ("id,phone\r\n1," + phone + "\r\n" if name.endswith(".csv") else "投诉人手机" + phone + "\n").encode(encoding)
    src = tmp_path / name
    src.write_bytes(raw)
    exe = servers.exe()
    scrubbed = subprocess.run([exe, "scrub", "--keyring", str(keyring), str(src), "-o", "-"], capture_output=True, timeout=60)
    assert scrubbed.returncode == 0
    mark = codecs.BOM_UTF16 if encoding == "utf-16" else codecs.BOM_UTF32
    assert scrubbed.stdout.startswith(mark)
    text = scrubbed.stdout.decode(encoding)
    assert phone not in text and tokens.looks_like_token(text.split(",")[-1].split("手机")[-1].strip())
    revealed = subprocess.run([exe, "reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                               str(tmp_path / "log"), "--format", "csv" if name.endswith(".csv") else "text", "-", "-o", "-"],
                              input=scrubbed.stdout, capture_output=True, timeout=60)
    exact = revealed.returncode == 0 and revealed.stdout == raw
    assert exact


def test_a_columnar_output_is_written_where_no_other_user_can_open_it(tmp_path: Path) -> None:
    """SQLite and pyarrow create their file under the umask (0644): the path atomic_path gives
    them is inside a private folder (0700), so a reveal's plaintext is never open to other users
    while it is written, nor after a kill -9; the output ends 0600, and nothing is left beside it."""
    import sqlite3
    import stat

    from pii_guard.io.files import atomic_path

    target = tmp_path / "out.db"
    with atomic_path(str(target)) as tmp:
        folder = tmp.parent
        assert folder != tmp_path and stat.S_IMODE(folder.stat().st_mode) == 0o700
        with sqlite3.connect(tmp) as db:
            db.execute("create table t (x text)")
        db.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db"]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_a_ragged_row_does_not_hide_the_delimiter(tmp_path: Path, keyring: Path, delimiter: str) -> None:
    """csv.Sniffer wants every line alike: one row with a cell too many, and a ";" file was read
    as one column, so the policy's column rule (protect cust_ref whole) no longer applied and a
    mistyped ID in that column stayed in plaintext. The delimiter the header and most rows hold
    wins; the ragged row is reported by its line and handled by policy."""
    rng = random.Random(61)
    typo = synth.resident_id(rng)
    typo = typo[:-1] + ("0" if typo[-1] != "0" else "1")  # a check character typed wrong: no valid ID
    policy = tmp_path / "bank.yaml"
    policy.write_text("name: bank\nthreshold: 0.5\nuninspectable: reject\ndefault_field_mode: scan\ndefault_action: redact\n"
                      "entities:\n  CN_RESIDENT_ID: {action: encrypt}\n  CN_PHONE_NUMBER: {action: encrypt}\n"
                      "  CN_BANK_CARD: {action: encrypt}\n  EMAIL_ADDRESS: {action: encrypt}\n"
                      "fields:\n  - {path: cust_ref, mode: protect, entity: CN_RESIDENT_ID}\n", encoding="utf-8")
    d = delimiter
    src = tmp_path / "in.csv"
    src.write_text(f"cust_ref{d}客户{d}备注\n{typo}{d}王一{d}ok\n{synth.resident_id(rng)}{d}王二{d}ok{d}extra\n"
                   f"{synth.resident_id(rng)}{d}王三{d}ok\n", encoding="utf-8")
    assert csvfile.detect(src).delimiter == delimiter
    out = tmp_path / "out.csv"
    result = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 1 and "line 3: 4 fields, header has 3" in result.stderr
    text = out.read_text(encoding="utf-8")
    hidden = typo not in text
    assert hidden and text.count("\n") == 3  # the header and the two good rows


def test_a_quote_left_open_loses_only_its_own_line(tmp_path: Path, keyring: Path) -> None:
    """1,"138…,note with no closing quote: csv reads every line after it into that one field, and
    six rows went as "line 2, 1 record not processed". The line that opens the quote is the bad
    record (by policy); the lines after it are read as the rows they are, and protected."""
    rng = random.Random(63)
    phones = [synth.mobile_number(rng) for _ in range(6)]
    src = tmp_path / "in.csv"
    src.write_text("id,phone,note\n" + f'1,"{phones[0]},open quote\n' + "".join(f"{i},{p},ok\n" for i, p in enumerate(phones[1:], 2)),
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    result = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    assert result.returncode == 1 and "line 2:" in result.stderr and "line 3" not in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and [line.split(",")[0] for line in lines[1:]] == ["2", "3", "4", "5", "6"]
    assert not any(p in "\n".join(lines) for p in phones)
    masked = tmp_path / "masked.csv"
    assert pii_guard("scrub", "--policy", "display", str(src), "-o", str(masked)).returncode == 0
    assert len(masked.read_text(encoding="utf-8").splitlines()) == 7  # protect as text: every line kept
    # a quoted field that holds a line break is still one record, also where a quote stands
    # inside an unquoted field of the same record (5" 屏: an odd count of quotes, none left open)
    fine = tmp_path / "fine.csv"
    fine.write_text(f'id,phone,note\r\n1,{phones[0]},"two\r\nlines"\r\n2,5" 屏,"第一行\r\n联系 {phones[1]}"\r\n3,x,ok\r\n',
                    encoding="utf-8")
    with fine.open(newline="", encoding="utf-8") as handle:
        assert [r[0] for r in csvfile.records(handle, csvfile.CsvFormat("utf-8"))] == [1, 2, 4, 6]
    out = tmp_path / "fine_out.csv"
    assert pii_guard("scrub", "--keyring", str(keyring), str(fine), "-o", str(out)).returncode == 0
    assert phones[1] not in out.read_text(encoding="utf-8") and out.read_text(encoding="utf-8").count("\n") == 6
    # a quote left open that a later inch mark closes (27",) still swallowed rows: a ragged record
    # whose every later line is a row of the header's width is read again line by line
    inch = tmp_path / "inch.csv"
    inch.write_text(f'id,phone,note\n1,{phones[0]},"客户称\n2,{phones[1]},ok\n3,{phones[2]},屏幕27",ok\n4,{phones[3]},ok\n',
                    encoding="utf-8")
    masked = tmp_path / "inch_out.csv"
    assert pii_guard("scrub", "--policy", "display", str(inch), "-o", str(masked)).returncode == 0
    hidden = not any(p in masked.read_text(encoding="utf-8") for p in phones)
    assert hidden
    with inch.open(newline="", encoding="utf-8") as handle:
        assert [r[0] for r in csvfile.records(handle, csvfile.CsvFormat("utf-8"))] == [1, 2, 3, 4, 5]


def iter_lines(text: str):
    """``text`` as a file's lines (what csvfile.records reads)."""
    import io

    return io.StringIO(text, newline="")


def test_a_reports_title_above_the_header(tmp_path: Path, keyring: Path) -> None:
    """An Excel report opens with a title (客户信息导出报表 2024年1月,,,) and a blank line above its
    header: the header still names the columns (a mistyped ID under 证件号码 is protected whole,
    the rows are no ragged rows), the title is read as text, and reveal gives the file back byte
    for byte. A file of one column keeps its first line as its header."""
    rng = random.Random(65)
    good, typo = synth.resident_id(rng), synth.resident_id(rng)
    typo = typo[:-1] + ("0" if typo[-1] != "0" else "1")
    phones = [synth.mobile_number(rng) for _ in range(2)]
    body = f"序号,姓名,证件号码,联系电话\r\n1,王一,{good},{phones[0]}\r\n2,王二,{typo},{phones[1]}\r\n"
    for title in ("客户信息导出报表 2024年1月\r\n\r\n", "客户信息导出报表 2024年1月,,,\r\n,,,\r\n", "客户信息导出报表 2024年1月,,,\r\n"):
        src = tmp_path / "title.csv"
        src.write_bytes((title + body).encode("gbk"))
        for policy in ("display", "complaints"):
            out = tmp_path / f"out_{policy}.csv"
            result = pii_guard("scrub", "--keyring", str(keyring), "--policy", policy, str(src), "-o", str(out))
            assert result.returncode == 0 and "above the header" in result.stderr, result.stderr
            text = out.read_bytes().decode("gbk")
            hidden = all(v not in text for v in (good, typo, *phones))
            assert hidden and text.startswith(title) and "证件号码" in text
        back = tmp_path / "back.csv"
        assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                         str(tmp_path / "audit.jsonl"), str(tmp_path / "out_complaints.csv"), "-o", str(back)).returncode == 0
        assert back.read_bytes() == src.read_bytes()
    # pandas' index column has no name (",证件号码"), and a header may leave a name empty ("姓名,"):
    # headers both, not titles; the column rule of 证件号码 still protects a mistyped ID whole
    indexed = tmp_path / "indexed.csv"
    indexed.write_text(f",证件号码\n0,{typo}\n1,{good}\n", encoding="utf-8")
    out = tmp_path / "indexed_out.csv"
    result = pii_guard("scrub", "--keyring", str(keyring), str(indexed), "-o", str(out))
    assert result.returncode == 0 and "above the header" not in result.stderr
    hidden = typo not in out.read_text(encoding="utf-8")
    assert hidden
    for header in ("姓名,\n", ",证件号码\n"):
        records = csvfile.records(iter_lines(header + f"张三,{phones[0]}\n"), csvfile.CsvFormat("utf-8"))
        title, first, _rest = csvfile.header_after_title(records)
        assert title == [] and first is not None and first[0] == 1
    one = tmp_path / "one.csv"
    one.write_text(f"手机\n{phones[0]}\n{phones[1]}\n", encoding="utf-8")
    title, header, rest = csvfile.header_after_title(csvfile.records(one.open(newline="", encoding="utf-8"), csvfile.CsvFormat("utf-8")))
    assert title == [] and header is not None and header[2] == ["手机"] and len(list(rest)) == 2


def test_rows_scrub_kept_as_text_come_back_byte_exact(tmp_path: Path, keyring: Path) -> None:
    """Under uninspectable: protect, scrub keeps what it cannot read as its format, protected as
    text; reveal gives it back whole. A GBK row with a pasted UTF-8 fragment ends in a lone lead
    byte before an ID (身份证 in UTF-8 ends in 0x81): the token's "p" after it read as one GBK
    character, and the token was left encrypted. A JSON Lines line that is no JSON, or nests too
    deep, was dropped by reveal."""
    rng = random.Random(611)
    pid, mobile = synth.resident_id(rng), synth.mobile_number(rng)
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nuninspectable: protect\nentities:\n  CN_RESIDENT_ID: {action: encrypt}\n"
                      "  CN_PHONE_NUMBER: {action: encrypt}\n")
    cases = {
        "in.csv": "客户,电话,备注\r\n".encode("gbk") + f"客户1,{mobile},坏".encode("gbk") + b"\xff\xff"
                  + f"身份证{pid}\r\n".encode("utf-8") + f"客户2,{mobile},正常\r\n".encode("gbk"),
        "in.jsonl": (f'{{"phone": "{mobile}"}}\n' + f"not json, 手机{mobile}\n" + "[" * 70 + f'"{pid}"' + "]" * 70 + "\n"
                     + f'{{"id": "{pid}"}}\n').encode("utf-8"),
    }
    for name, raw in cases.items():
        src, out, back = tmp_path / name, tmp_path / f"out-{name}", tmp_path / f"back-{name}"
        src.write_bytes(raw)
        scrubbed = pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring), str(src), "-o", str(out))
        assert scrubbed.returncode == 0, scrubbed.stderr
        assert pid.encode() not in out.read_bytes() and mobile.encode() not in out.read_bytes()
        revealed = pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                             "--audit-log", str(tmp_path / "audit.jsonl"), str(out), "-o", str(back))
        assert revealed.returncode == 0 and back.read_bytes() == raw, name
    # a character whose second byte is "p" before text that only looks like a token's start: as it was
    prose = tmp_path / "prose.txt"
    prose.write_bytes("说明：皃g1.e.a256gcm.k1.CN_PHONE_NUMBER.p. 不是令牌\n".encode("gbk"))
    again = pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p", "--encoding", "gbk",
                      "--audit-log", str(tmp_path / "audit.jsonl"), str(prose), "-o", str(tmp_path / "prose-out.txt"))
    assert again.returncode == 0 and (tmp_path / "prose-out.txt").read_bytes() == prose.read_bytes(), again.stderr


def test_sqlite_file_settings_and_views_survive_and_a_gbk_cell_names_its_table(tmp_path: Path, keyring: Path) -> None:
    """What the application reads of the file itself comes through scrub and reveal: its
    user_version and application_id, and where an AUTOINCREMENT table's ids go on (a copy that
    started again would hand out a deleted id). Views stay when --tables lists every table. A TEXT
    cell in GBK is refused by the table's name, never with the value the driver's message quotes."""
    import sqlite3

    rng = random.Random(613)
    src, out, back = tmp_path / "m.db", tmp_path / "out.db", tmp_path / "back.db"
    with sqlite3.connect(src) as conn:
        conn.executescript("PRAGMA user_version = 42; PRAGMA application_id = 12345;"
                           "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT);"
                           "CREATE VIEW v AS SELECT id FROM t;")
        conn.executemany("INSERT INTO t (phone) VALUES (?)", [(synth.mobile_number(rng),) for _ in range(3)])
        conn.execute("DELETE FROM t WHERE id = 3")
    assert pii_guard("scrub", "--keyring", str(keyring), "--tables", "t", str(src), "-o", str(out)).returncode == 0
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    for db in (out, back):
        with sqlite3.connect(db) as conn:
            settings = [conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("user_version", "application_id")]
            assert settings == [42, 12345] and conn.execute("SELECT seq FROM sqlite_sequence").fetchone()[0] == 3
            assert conn.execute("SELECT count(*) FROM v").fetchone()[0] == 2
    legacy = tmp_path / "legacy.db"
    mobile = synth.mobile_number(rng)
    with sqlite3.connect(legacy) as conn:
        conn.execute("CREATE TABLE notes (note TEXT)")
        conn.execute("INSERT INTO notes VALUES (CAST(? AS TEXT))", (f"电话{mobile}".encode("gbk"),))
    result = pii_guard("scrub", "--keyring", str(keyring), str(legacy), "-o", str(tmp_path / "legacy-out.db"))
    assert result.returncode != 0 and "table notes" in result.stderr and mobile not in result.stderr


def test_sqlite_tables_whose_names_only_begin_like_sqlites_own_are_copied_and_scanned(tmp_path: Path, keyring: Path) -> None:
    """SQLite reserves names that begin with ``sqlite_``; ``sqlitecustomers``, ``sqlite3_orders``
    and ``SQLiteXorders`` are a user's tables (a LIKE pattern's ``_`` matched any character: they
    were left out of the scrubbed copy and of the audit without a word)."""
    import sqlite3

    rng = random.Random(431)
    names = ["sqlitecustomers", "sqlite3_orders", "SQLiteXorders", "normal"]
    phones = {name: synth.mobile_number(rng) for name in names}
    src, out, back = tmp_path / "lk.db", tmp_path / "lk.s.db", tmp_path / "lk.r.db"
    with sqlite3.connect(src) as conn:
        for name in names:
            conn.execute(f'CREATE TABLE "{name}" (note TEXT)')
            conn.execute(f'INSERT INTO "{name}" VALUES (?)', (f"电话{phones[name]}",))
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    with sqlite3.connect(out) as conn:
        copied = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        cells = {name: conn.execute(f'SELECT note FROM "{name}"').fetchone()[0] for name in names if name in copied}
    assert copied == set(names)
    leaked = [name for name in names if phones[name] in cells[name]]
    assert not leaked
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    with sqlite3.connect(back) as conn:
        same = all(conn.execute(f'SELECT note FROM "{name}"').fetchone()[0] == f"电话{phones[name]}" for name in names)
    assert same
    one = pii_guard("scrub", "--keyring", str(keyring), "--tables", "sqlite3_orders", str(src), "-o", str(tmp_path / "one.db"))
    assert one.returncode == 0
    report = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(report))
    plaintext = sum(f["plaintext"] for f in json.loads(report.read_text())["sources"][0]["findings"])
    assert plaintext == len(names)


def test_reveal_reads_a_csv_as_scrub_did_and_refuses_a_piece_without_its_header(tmp_path: Path, keyring: Path) -> None:
    """Reveal sniffs the delimiter scrub sniffed, tokens read as numbers (eight times longer, they
    filled the sniffed window with the first rows of a scrubbed file, whose commas won over the
    header's semicolons: a traceback and no output). A piece of a split export, its header row
    gone, is refused line by line with a reason, and the audit log still records the end."""
    rng = random.Random(5150)
    mobiles = [synth.mobile_number(rng) for _ in range(180)]
    rows = ["h1;h2"] + [f"{mobiles[2 * i]},{mobiles[2 * i + 1]},x" for i in range(90)] + [f"k{i};v{i}" for i in range(110)]
    src, out, back = tmp_path / "flip.csv", tmp_path / "flip.s.csv", tmp_path / "flip.r.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nuninspectable: protect\nentities:\n  CN_PHONE_NUMBER: {action: encrypt}\n")
    assert pii_guard("scrub", "--keyring", str(keyring), "--policy", str(policy), str(src), "-o", str(out)).returncode == 0
    audit = tmp_path / "a.jsonl"
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(audit),
                       str(out), "-o", str(back))
    assert result.returncode == 0, result.stderr[-300:]
    exact = back.read_bytes() == src.read_bytes()
    assert exact
    piece = tmp_path / "part2.csv"
    piece.write_text("".join(out.read_text(encoding="utf-8").splitlines(keepends=True)[1:]), encoding="utf-8")
    result = pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log", str(audit),
                       str(piece), "-o", str(tmp_path / "part2.r.csv"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "line 1: header row, column 1" in result.stderr and "--delimiter" in result.stderr
    assert not any(m in result.stderr + result.stdout for m in mobiles)
    events = [json.loads(line)["event"] for line in audit.read_text().splitlines()]
    assert events[-2:] == ["reveal", "reveal_done"]


def test_workers_end_when_their_parent_is_killed(tmp_path: Path, keyring: Path) -> None:
    """kill -9 of the scrub (an OOM killer, a supervisor's last resort) used to leave its workers
    blocked for ever on a pipe a sibling held open, keys in memory and the caller's output pipe
    held too. Each worker closes the parent's ends it inherits, so the parent's death ends them."""
    import os
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(45)
    src = tmp_path / "in.csv"
    src.write_text("id,证件号码,phone\n" + "".join(f"{k},{synth.resident_id(rng)},{synth.mobile_number(rng)}\n" for k in range(60000)),
                   encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "pii_guard.cli", "scrub", "--keyring", str(keyring), "--workers", "2",
                             str(src), "-o", str(tmp_path / "out.csv")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 30
    while len(children) < 2 and time.monotonic() < deadline and proc.poll() is None:
        try:
            children = [int(c) for c in open(f"/proc/{proc.pid}/task/{proc.pid}/children").read().split()]
        except OSError:
            pass
        time.sleep(0.05)
    assert len(children) == 2, "the run never started its workers"
    time.sleep(1.0)  # results in flight
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    alive = children

    def running(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/status") as status:
                return "State:\tZ" not in status.read()  # a zombie has ended
        except OSError:
            return False

    while alive and time.monotonic() < deadline:
        alive = [c for c in children if running(c)]
        time.sleep(0.1)
    for child in alive:
        os.kill(child, signal.SIGKILL)
    assert alive == [], "workers outlived their killed parent"


def test_pandas_reads_a_scrubbed_parquet_and_gets_its_types_back_on_reveal(tmp_path: Path, keyring: Path) -> None:
    """pandas writes its own record of each column's type: a nullable Int64 phone column scrub
    turns into strings was still recorded as Int64, and pd.read_parquet refused the file. The
    record now says strings, and reveal puts pandas' own back."""
    import pandas as pd

    rng = random.Random(617)
    phones = [int(synth.mobile_number(rng)) for _ in range(3)]
    src, out, back = tmp_path / "p.parquet", tmp_path / "out.parquet", tmp_path / "back.parquet"
    pd.DataFrame({"mobile": pd.array([phones[0], None, phones[1]], dtype="Int64"),
                  "cat": pd.Categorical([str(phones[2]), "无", str(phones[2])])}).to_parquet(src)
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    scrubbed = pd.read_parquet(out)
    assert str(phones[0]) not in scrubbed.to_string() and scrubbed["mobile"].isna().tolist() == [False, True, False]
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    revealed = pd.read_parquet(back)
    assert str(revealed["mobile"].dtype) == "Int64" and revealed["mobile"].tolist()[0] == phones[0]
    assert pd.read_parquet(src).equals(revealed)


def test_an_ordered_categorical_comes_back_from_reveal_with_its_categories_in_order(tmp_path: Path, keyring: Path) -> None:
    """A pandas Categorical is a dictionary column: scrub turns one holding phones into text, and
    reveal cast the text back, so its dictionary held only the values rows use, in the order they
    first appear. An ordered Categorical then sorted otherwise, and a category no row uses (a
    phone kept after a filter) was gone. The dictionary is now recorded with the file, each value
    protected as the cells are, and reveal gives back the same categories in the same order."""
    import pandas as pd
    import pyarrow.parquet as pq

    rng = random.Random(1203)
    phones = [synth.mobile_number(rng) for _ in range(3)]
    src, out, back = tmp_path / "c.parquet", tmp_path / "out.parquet", tmp_path / "back.parquet"
    categories = ["未知", phones[1], phones[0], "无", phones[2]]  # phones[2]: no row uses it
    pd.DataFrame({"n": [1, 2, 3, 4],
                  "level": pd.Categorical([phones[1], "无", phones[0], phones[1]], categories=categories, ordered=True),
                  "plain": pd.Categorical(["b", "a", "b", "c"], categories=["c", "b", "a"])}).to_parquet(src)
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    scrubbed = pq.ParquetFile(out)
    stored = scrubbed.read().to_pandas().to_string() + "".join(
        v.decode("utf-8", "replace") for v in (scrubbed.schema_arrow.metadata or {}).values())
    hidden = not any(p in stored for p in phones)  # the unused category too, in the file's metadata
    assert hidden
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    original, revealed = pd.read_parquet(src), pd.read_parquet(back)
    same = (revealed["level"].dtype == original["level"].dtype and revealed["plain"].dtype == original["plain"].dtype
            and original.equals(revealed))
    assert same
    order = (revealed.sort_values("level", kind="stable")["n"].tolist()
             == original.sort_values("level", kind="stable")["n"].tolist() == [1, 4, 3, 2])
    assert order


def test_row_groups_whose_dictionaries_together_outgrow_their_index_type_are_revealed(tmp_path: Path, keyring: Path) -> None:
    """Two row groups, each with its own dictionary of 100 phones under int8 indices: the recorded
    dictionary is both (200 values), which int8 cannot index. Reveal builds the dictionary as
    Arrow does instead of failing, and every row's value is right."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(1204)
    src, out, back = tmp_path / "g.parquet", tmp_path / "out.parquet", tmp_path / "back.parquet"
    batches = [pa.record_batch([pa.DictionaryArray.from_arrays(pa.array([0, 1, 2, 3, 99], pa.int8()),
                                                               pa.array([synth.mobile_number(rng) for _ in range(100)]))],
                               names=["phone_cat"]) for _ in range(2)]
    with pq.ParquetWriter(src, batches[0].schema) as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_batches([batch]))
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    same = pq.read_table(back).column("phone_cat").to_pylist() == pq.read_table(src).column("phone_cat").to_pylist()
    assert same


def test_a_wal_database_is_scrubbed_without_writing_beside_it_and_duplicate_parquet_names_are_refused(
        tmp_path: Path, keyring: Path) -> None:
    """A WAL-mode SQLite input (an app's live database, its -wal not yet checkpointed) is read
    without a -shm appearing beside it, rows in the -wal included. A Parquet file with two columns
    of one name is refused by that name (was a bare KeyError); scan reads both columns."""
    import shutil
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(619)
    live, db = tmp_path / "live", tmp_path / "live" / "app.db"
    live.mkdir()
    phones = [synth.mobile_number(rng) for _ in range(2)]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (phone TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(p,) for p in phones])
    conn.commit()
    copy = tmp_path / "copy"
    shutil.copytree(live, copy)  # the files as a backup finds them: a -wal, no process holding a -shm
    conn.close()
    (copy / "app.db-shm").unlink(missing_ok=True)
    assert (copy / "app.db-wal").exists()
    out = tmp_path / "out.db"
    assert pii_guard("scrub", "--keyring", str(keyring), str(copy / "app.db"), "-o", str(out)).returncode == 0
    assert sorted(p.name for p in copy.iterdir()) == ["app.db", "app.db-wal"]
    with sqlite3.connect(out) as scrubbed:
        values = [r[0] for r in scrubbed.execute("SELECT phone FROM t")]
    assert len(values) == 2 and not any(p in v for p in phones for v in values)
    dup = tmp_path / "dup.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array([phones[0]]), pa.array([phones[1]])], names=["tel", "tel"]), dup)
    result = pii_guard("scrub", "--keyring", str(keyring), str(dup), "-o", str(tmp_path / "dup-out.parquet"))
    assert result.returncode != 0 and "column tel appears more than once" in result.stderr
    report = tmp_path / "r.json"
    assert pii_guard("scan", str(dup), "--json", str(report)).returncode == 0
    assert json.loads(report.read_text())["summary"]["plaintext_findings"] == 2


def test_an_android_database_with_its_own_collation_is_read(tmp_path: Path, keyring: Path) -> None:
    """Android apps declare COLLATE LOCALIZED, which only Android's SQLite knows: scrub, reveal
    and scan failed with a bare OperationalError. Read as binary order; the schema keeps the name."""
    import sqlite3

    mobile = synth.mobile_number(random.Random(621))
    src = tmp_path / "contacts.db"
    conn = sqlite3.connect(src)
    conn.create_collation("LOCALIZED", lambda a, b: (a > b) - (a < b))
    conn.executescript("CREATE TABLE contacts (_id INTEGER PRIMARY KEY, name TEXT COLLATE LOCALIZED, number TEXT);"
                       "CREATE INDEX by_name ON contacts (name COLLATE LOCALIZED);")
    conn.execute("INSERT INTO contacts (name, number) VALUES ('张三', ?)", (mobile,))
    conn.commit()
    conn.close()
    out, back = tmp_path / "out.db", tmp_path / "back.db"
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert mobile.encode() not in out.read_bytes()
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    conn = sqlite3.connect(back)
    conn.create_collation("LOCALIZED", lambda a, b: (a > b) - (a < b))
    assert conn.execute("SELECT number FROM contacts").fetchall() == [(mobile,)]
    assert "COLLATE LOCALIZED" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'contacts'").fetchone()[0]
    conn.close()
    report = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(report)).returncode == 0
    assert json.loads(report.read_text())["summary"]["plaintext_findings"] == 1


@pytest.mark.parametrize("encoding", ["cp037", "cp500", "utf-7"])
def test_an_encoding_that_writes_digits_otherwise_is_refused(tmp_path: Path, keyring: Path, encoding: str) -> None:
    """--encoding cp037 on a UTF-8 export read it as EBCDIC: no digit in the text, "nothing found",
    and the output was the plaintext input, byte for byte. Only encodings that write digits and
    ASCII as ASCII (and UTF-16/32) are taken; the rest are a usage error, and nothing is written."""
    mobile = synth.mobile_number(random.Random(encoding))
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"name,phone\n张三,{mobile}\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), "--encoding", encoding, str(src), "-o", str(out))
    assert result.returncode == 2 and "ASCII" in result.stderr and not out.exists()
    for accepted in ("gbk", "utf-8-sig", "latin-1"):
        assert pii_guard("scrub", "--keyring", str(keyring), "--encoding", accepted, str(src), "-o", str(out)).returncode == 0


@pytest.mark.parametrize("delimiter", ["1", "x", "X", "a"])
def test_a_digit_or_letter_delimiter_is_refused(tmp_path: Path, keyring: Path, delimiter: str) -> None:
    """--delimiter 1 cut every number into cells too short to read and wrote them back joined, in
    plaintext: a digit or a letter is no delimiter."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"name,phone\n张三,{synth.mobile_number(random.Random(3))}\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), "--delimiter", delimiter, str(src), "-o", str(out))
    assert result.returncode == 2 and "digit or a letter" in result.stderr and not out.exists()


def test_utf16_named_for_a_file_without_a_bom_is_a_clear_error(tmp_path: Path, keyring: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"name,phone\nx,{synth.mobile_number(random.Random(4))}\n", encoding="utf-8")
    result = pii_guard("scrub", "--keyring", str(keyring), "--encoding", "utf-16", str(src), "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "not valid UTF-16" in result.stderr


def test_thousands_separated_numbers_in_columns_named_for_them_are_protected(tmp_path: Path, keyring: Path) -> None:
    """Excel's #,##0 format writes a phone as "18,676,538,159": under 联系电话 or 银行卡号 such a
    value shows seven digits and more, and is protected whole; scan counts it."""
    rng = random.Random(91)
    mobile, card = synth.mobile_number(rng), synth.bank_card(rng, prefix="622202", length=19)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f'客户,联系电话,银行卡号\n甲,"{int(mobile):,}","{int(card):,}"\n', encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    left = sum(1 for n in (f"{int(mobile):,}", f"{int(card):,}") if n in text or n.replace(",", "") in text)
    assert left == 0 and text.count("pg1.") == 2
    report = tmp_path / "scan.json"
    pii_guard("scan", str(src), "--json", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["plaintext_findings"] == 2
    # a count, a list of single digits, a note: no one's number, kept as they are
    notes = ["n/a, see 1,234,567 notes", "见备注, 共3,000,000条", "2,3,4,5,6,7,8"]
    src.write_text("客户,联系电话\n" + "".join(f'甲,"{n}"\n' for n in notes), encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == src.read_text(encoding="utf-8")


def test_a_parquet_column_a_policy_masked_stays_text_on_reveal_and_the_rest_is_revealed(tmp_path: Path, keyring: Path) -> None:
    """A policy that encrypts IDs and masks phones, an int64 mobile column: scrub turns the column
    into masked strings, which no reveal can make numbers again. Reveal failed whole (``cannot read
    input (ValueError)``, no output); now the IDs are revealed, the masked column stays text, and
    a line says so by the column's name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(623)
    ids = [synth.resident_id(rng) for _ in range(3)]
    phones = [int(synth.mobile_number(rng)) for _ in range(3)]
    policy = tmp_path / "mixed.yaml"
    policy.write_text("name: mixed\nthreshold: 0.5\ndefault_action: redact\nentities:\n"
                      "  CN_RESIDENT_ID: {action: encrypt}\n"
                      "  CN_PHONE_NUMBER: {action: mask, params: {keep_first: 3, keep_last: 4}}\n", encoding="utf-8")
    src, out, back = tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "back.parquet"
    pq.write_table(pa.table({"id_no": pa.array(ids), "mobile": pa.array(phones, pa.int64()),
                             "count": pa.array([1, 2, 3], pa.int64())}), src)
    assert pii_guard("scrub", "--keyring", str(keyring), "--policy", str(policy), str(src), "-o", str(out)).returncode == 0
    done = pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back))
    assert done.returncode == 0, done.stderr
    assert "column mobile stays text" in done.stderr
    table = pq.read_table(back)
    assert table.column("id_no").to_pylist() == ids
    assert table.schema.field("mobile").type == pa.string() and table.schema.field("count").type == pa.int64()
    masked = table.column("mobile").to_pylist()
    assert all(m == f"{str(p)[:3]}****{str(p)[-4:]}" for m, p in zip(masked, phones)), "masked as the policy says"
    assert not any(str(p) in done.stderr + done.stdout for p in phones + ids)
    # a keyed hash is a token too, but one no key gives back: the column stays text as well
    policy.write_text(policy.read_text(encoding="utf-8").replace("{action: mask, params: {keep_first: 3, keep_last: 4}}",
                                                                 "{action: hash}"), encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), "--policy", str(policy), str(src), "-o", str(out)).returncode == 0
    done = pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p",
                     "--audit-log", str(tmp_path / "a.jsonl"), str(out), "-o", str(back))
    assert done.returncode == 0 and "column mobile stays text" in done.stderr, done.stderr
    table = pq.read_table(back)
    assert table.column("id_no").to_pylist() == ids and table.schema.field("mobile").type == pa.string()
    assert all(v.startswith("pg1.h.") for v in table.column("mobile").to_pylist())


def test_a_pretty_printed_json_export_is_scrubbed_as_one_document_and_revealed_byte_exact(tmp_path: Path, keyring: Path) -> None:
    """scrub read an ``export.json`` written by json.dump(indent=2) line by line as JSON Lines:
    every line refused (``invalid JSON``), an empty output, while scan read it whole. It is one
    document now: protected in place (still JSON, a phone stored as a JSON number included), no
    plaintext left, and revealed byte-exact; JSON Lines named .json still go line by line."""
    rng = random.Random(631)
    people = [{"phone": synth.mobile_number(rng), "id_no": synth.resident_id(rng), "mobile": int(synth.mobile_number(rng)),
               "note": "无"} for _ in range(3)]
    src, out, back = tmp_path / "export.json", tmp_path / "out.json", tmp_path / "back.json"
    src.write_text(json.dumps(people, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    done = pii_guard("scrub", "--keyring", str(keyring), "--policy", "complaints", str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr
    protected = out.read_text(encoding="utf-8")
    scrubbed = json.loads(protected)
    assert len(scrubbed) == 3 and [p["note"] for p in scrubbed] == ["无"] * 3
    plain = [str(v) for p in people for k, v in p.items() if k != "note"]
    assert not any(v in protected or v in done.stderr for v in plain)
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p", "--audit-log",
                     str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    assert back.read_bytes() == src.read_bytes()
    lines = tmp_path / "lines.json"
    lines.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in people), encoding="utf-8")
    assert pii_guard("scrub", "--keyring", str(keyring), str(lines), "-o", str(out)).returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3 and all(json.loads(x) for x in out.read_text().splitlines())


def test_a_contentless_fts4_table_is_refused_by_name_and_cause(tmp_path: Path, keyring: Path) -> None:
    """SQLite refuses to read a contentless FTS4 table's rows (content=''): scrub said only
    ``cannot read the sqlite input or write its output (OperationalError)``. It names the table
    and why, writes nothing, and the other tables scrub with --tables."""
    import sqlite3

    rng = random.Random(641)
    phones = [synth.mobile_number(rng) for _ in range(3)]
    db, out = tmp_path / "fts.db", tmp_path / "out.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE notes USING fts4(content='', body)")
    conn.execute("CREATE TABLE customers (phone TEXT)")
    conn.execute("INSERT INTO customers VALUES (?)", (phones[0],))
    conn.executemany("INSERT INTO notes (docid, body) VALUES (?, ?)", [(i, f"tel {p}") for i, p in enumerate(phones)])
    conn.commit()
    conn.close()
    done = pii_guard("scrub", "--keyring", str(keyring), str(db), "-o", str(out))
    assert done.returncode != 0 and not out.exists()
    assert "table notes" in done.stderr and "contentless full-text index" in done.stderr and "--tables" in done.stderr
    assert not any(p in done.stderr for p in phones)
    assert pii_guard("scrub", "--keyring", str(keyring), "--tables", "customers", str(db), "-o", str(out)).returncode == 0


def test_a_parquet_file_piped_to_scrub_is_told_to_come_by_its_path(tmp_path: Path, keyring: Path) -> None:
    """A Parquet file on standard input was told "leave out --format, or give --format parquet":
    it had no --format, and --format parquet is refused through a pipe. It is told to come by its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"a": [1, 2]}), src)
    with src.open("rb") as handle:
        done = subprocess.run([servers.exe(), "scrub", "--keyring", str(keyring), "-"], stdin=handle,
                              capture_output=True, timeout=60)
    err = done.stderr.decode()
    assert done.returncode != 0 and "give its path as INPUT" in err and "leave out --format" not in err


def test_json_records_read_one_document_whole_and_json_lines_line_by_line() -> None:
    """What json_records hands the scrub and the reveal: a pretty-printed document as one record,
    within the limit (reveal's is larger: tokens lengthen what scrub read whole); JSON Lines, a
    banner before them or a first line that is no JSON object or array, line by line, not held
    back until the end."""
    from pii_guard.io import streams

    doc = '[\n  {"a": 1},\n  {"b": 2}\n]\n'
    assert list(streams.json_records(doc.splitlines(True))) == [doc]
    wrapped = '{"rows": [\n  {"a": 1}\n]}\n'
    assert list(streams.json_records(wrapped.splitlines(True))) == [wrapped]
    assert list(streams.json_records(doc.splitlines(True), limit=10)) == doc.splitlines(True)
    for lines in ('# export\n{"a": 1}\n', '{"a": 1}\n{"b": 2}\n', '\n\n{"a": 1}\n', 'oops\n[1,\n2]\n',
                  '{"a": 1, "b": \n{"c": 2}\n'):  # a broken first record is not a document's opening
        assert list(streams.json_records(lines.splitlines(True))) == lines.splitlines(True)

    def endless():  # a first line that is no JSON value: the records after it come as they are read
        yield "not json\n"
        while True:
            yield '{"a": 1}\n'
    records = streams.json_records(endless())
    assert [next(records) for _ in range(3)] == ["not json\n", '{"a": 1}\n', '{"a": 1}\n']
    assert streams.PROTECTED_GROWTH > 1


def _column_protected_rows(rng: random.Random, delimiter: str, rows: int = 5) -> tuple[str, list[str]]:
    """A header and rows whose values only their column protects: a mistyped ID under id_number
    (the complaints policy protects it whole) and a 15-digit ID under 证件号码 (its word is the
    header), with a last column of text that quotes speech between half-width commas."""
    import csv as _csv
    import io as _io

    buf = _io.StringIO()
    writer = _csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["姓名", "id_number", "证件号码", "投诉内容"])
    secrets: list[str] = []
    for k in range(rows):
        pid, other = synth.resident_id(rng), synth.resident_id(rng)
        mistyped = pid[:17] + ("1" if pid[17] != "1" else "2")
        legacy = other[:6] + other[8:17]
        secrets += [mistyped, legacy]
        writer.writerow([f"张某{k}", mistyped, legacy, '客户表示,"不同意",要求退款'])
    return buf.getvalue(), secrets


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
def test_a_delimiter_is_read_from_the_records_not_from_quoted_commas(tmp_path: Path, keyring: Path, delimiter: str) -> None:
    """csv.Sniffer took a tab- or semicolon-separated export for comma-separated when its text
    quoted speech between commas: the header became a title, every column rule was lost, and the
    values only their column protects went out in plaintext (exit 0, "nothing found")."""
    text, secrets = _column_protected_rows(random.Random(611), delimiter)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(text, encoding="utf-8", newline="")
    assert csvfile.detect(src).delimiter == delimiter
    result = pii_guard("scrub", "--policy", "complaints", "--keyring", str(keyring), str(src), "-o", str(out))
    scrubbed = out.read_text(encoding="utf-8")
    leaked = [s for s in secrets if s in scrubbed]
    assert result.returncode == 0 and not leaked and scrubbed.count("客户表示,") == 5


def test_a_row_ending_with_a_delimiter_is_no_ragged_row(tmp_path: Path, keyring: Path) -> None:
    """Exports that end every row with a delimiter (a;b;c; under a;b;c) were read as one column
    or had every row refused; the empty field after the last one is no value."""
    text, secrets = _column_protected_rows(random.Random(613), ";")
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    lines = text.split("\r\n")
    src.write_text("\r\n".join([lines[0]] + [line + ";" if line else line for line in lines[1:]]), encoding="utf-8", newline="")
    result = pii_guard("scrub", "--policy", "complaints", "--keyring", str(keyring), str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode("utf-8")
    leaked = [s for s in secrets if s in scrubbed]
    assert result.returncode == 0 and not leaked and scrubbed.count(";\r\n") == 5


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_by_its_nul_bytes(tmp_path: Path, keyring: Path, encoding: str) -> None:
    """SQL Server's bcp -w writes UTF-16LE with no BOM; its bytes are valid UTF-8 too, which was
    tried first: the header read \\0i\\0d\\0… and the column-protected values leaked."""
    text, secrets = _column_protected_rows(random.Random(617), "\t")
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_bytes(text.encode(encoding))
    assert csvfile.detect(src).encoding == encoding
    result = pii_guard("scrub", "--policy", "complaints", "--keyring", str(keyring), str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode(encoding)
    leaked = [s for s in secrets if s in scrubbed]
    assert result.returncode == 0 and not leaked
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact


@pytest.mark.parametrize("header_encoding,rows_encoding", [("gbk", "utf-8"), ("utf-8", "gbk")])
def test_a_header_in_another_encoding_than_its_rows_names_its_columns(tmp_path: Path, keyring: Path,
                                                                       header_encoding: str, rows_encoding: str) -> None:
    """A GBK header over UTF-8 rows (a template's header, rows from another tool), or the
    reverse: read in the rows' encoding its names were escaped bytes or mojibake, and the IDs only
    证件号码 names went out in plaintext. Its names are read in its own encoding, the header line
    is kept as it came, and reveal reads it alike (byte-exact)."""
    text, secrets = _column_protected_rows(random.Random(619), ",")
    head, _, rest = text.partition("\r\n")
    src, out, back = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "back.csv"
    src.write_bytes((head + "\r\n").encode(header_encoding) + rest.encode(rows_encoding))
    result = pii_guard("scrub", "--policy", "complaints", "--keyring", str(keyring), str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode(rows_encoding, "replace")
    leaked = [s for s in secrets if s in scrubbed]
    assert result.returncode == 0 and not leaked and "another encoding" in result.stderr
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "a", "--purpose", "p", "--audit-log",
                     str(tmp_path / "log"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact


def test_a_contentless_fts5_table_is_refused_and_scan_calls_it_unread(tmp_path: Path, keyring: Path) -> None:
    """A contentless FTS5 table reads its rows as NULL: scrub copied it empty (every row lost,
    exit 0, "nothing found") and scan called the file clean while its index held the mobile."""
    import sqlite3

    rng = random.Random(643)
    phone = synth.mobile_number(rng)
    db, out, report = tmp_path / "fts5.db", tmp_path / "out.db", tmp_path / "scan.json"
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE notes USING fts5(body, content='')")
    conn.execute("INSERT INTO notes (rowid, body) VALUES (1, ?)", (f"tel {phone}",))
    conn.commit()
    conn.close()
    done = pii_guard("scrub", "--keyring", str(keyring), str(db), "-o", str(out))
    assert done.returncode != 0 and not out.exists() and "contentless full-text index" in done.stderr
    held = phone not in done.stderr  # (a failure shows no number)
    assert held
    scanned = pii_guard("scan", str(db), "--json", str(report))
    result = json.loads(report.read_text(encoding="utf-8"))
    held = "contentless full-text index" in json.dumps(result, ensure_ascii=False) and phone not in scanned.stdout + scanned.stderr  # (a failure shows no number)
    assert held
    assert scanned.returncode != 0 or not result["summary"].get("complete", True)


def test_an_rtree_holding_a_number_is_refused_not_zeroed(tmp_path: Path, keyring: Path) -> None:
    """An R*Tree stores its id and coordinates as numbers: a mobile kept as its id was "encrypted"
    into a token the table stored as 0 (exit 0; reveal gave 0 back). It is refused, by the table's
    name; an R*Tree whose number is in an auxiliary column (+owner_phone, any value) is protected."""
    import sqlite3

    rng = random.Random(647)
    phone = synth.mobile_number(rng)
    db, out = tmp_path / "rtree.db", tmp_path / "out.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE branches USING rtree(id, minx, maxx)")
    conn.execute("CREATE VIRTUAL TABLE grid USING rtree(id, minx, maxx, +owner_phone)")
    conn.execute("INSERT INTO branches VALUES (?, 1, 2)", (int(phone),))
    conn.execute("INSERT INTO grid VALUES (7, 1.5, 2.5, ?)", (f"店主手机{phone}",))
    conn.commit()
    conn.close()
    done = pii_guard("scrub", "--keyring", str(keyring), str(db), "-o", str(out))
    assert done.returncode != 0 and not out.exists() and "table branches" in done.stderr and "R*Tree" in done.stderr
    assert pii_guard("scrub", "--keyring", str(keyring), "--tables", "grid", str(db), "-o", str(out)).returncode == 0
    copied = sqlite3.connect(out).execute("SELECT id, minx, maxx, owner_phone FROM grid").fetchall()
    # an auxiliary column holds text: protected there as in any column
    held = copied[0][:3] == (7, 1.5, 2.5) and copied[0][3].startswith("店主手机pg1.") and phone not in copied[0][3]  # (a failure shows no number)
    assert held


def test_an_external_content_fts4_table_is_refused_for_its_own_reason(tmp_path: Path, keyring: Path) -> None:
    """Its refusal said "a CHECK, a NOT NULL or a STRICT table", none of which it is."""
    import sqlite3

    phone = synth.mobile_number(random.Random(653))
    db, out = tmp_path / "ext.db", tmp_path / "out.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE src (body TEXT)")
    conn.execute("CREATE VIRTUAL TABLE f USING fts4(content='src', body)")
    conn.execute("INSERT INTO src VALUES (?)", (f"tel {phone}",))
    conn.execute("INSERT INTO f (docid, body) VALUES (1, ?)", (f"tel {phone}",))
    conn.commit()
    conn.close()
    done = pii_guard("scrub", "--keyring", str(keyring), str(db), "-o", str(out))
    held = done.returncode != 0 and "external-content full-text index" in done.stderr and "CHECK" not in done.stderr  # (a failure shows no number)
    assert held
    held = phone not in done.stderr  # (a failure shows no number)
    assert held
    assert pii_guard("scrub", "--keyring", str(keyring), "--tables", "src", str(db), "-o", str(out)).returncode == 0


def test_concatenated_pretty_json_as_jq_writes_it_is_read_document_by_document(tmp_path: Path, keyring: Path) -> None:
    """``jq . export.json > out.json`` writes each value pretty-printed after the last: no line is
    JSON alone, so every line was refused (complaints: an empty output) or protected as plain text,
    its field rules lost (display: a mistyped ID under id_number left as it was). Each document is
    read whole now, and revealed byte-exact."""
    rng = random.Random(659)
    people = []
    for _ in range(3):
        pid = synth.resident_id(rng)
        people.append({"id_number": pid[:17] + ("1" if pid[17] != "1" else "2"), "phone": synth.mobile_number(rng), "note": "无"})
    src, out, back = tmp_path / "jq.json", tmp_path / "out.json", tmp_path / "back.json"
    src.write_text("".join(json.dumps(p, ensure_ascii=False, indent=2) + "\n" for p in people), encoding="utf-8")
    for policy in ("complaints", "display"):
        done = pii_guard("scrub", "--keyring", str(keyring), "--policy", policy, str(src), "-o", str(out))
        protected = out.read_text(encoding="utf-8")
        plain = [v for p in people for k, v in p.items() if k != "note"]
        assert done.returncode == 0 and not any(v in protected or v in done.stderr for v in plain), policy
        assert protected.count('"note": "无"') == 3
    pii_guard("scrub", "--keyring", str(keyring), "--policy", "complaints", str(src), "-o", str(out))
    assert pii_guard("reveal", "--keyring", str(keyring), "--as", "t", "--purpose", "p", "--audit-log",
                     str(tmp_path / "a.jsonl"), str(out), "-o", str(back)).returncode == 0
    exact = back.read_bytes() == src.read_bytes()
    assert exact


@pytest.mark.parametrize("text,delimiter", [
    # a ; export whose quoted complaints run over many lines, one comma in each: read under the
    # comma, every line was a record of two fields, the header one field
    ("证件号码;投诉内容;处理结果\r\n" + "".join(f'{i:015d};"第{i}次来电,\n' + "客户称,不同意\n" * 11 + f'结束";已处理\r\n'
                                          for i in range(40)), ";"),
    ("a\tb\tc\td\r\n" + "".join(f'{i}\t\t\t客户表示,"不同意",要求退款\r\n' for i in range(40)), "\t"),  # quotes inside a TSV cell
    ("客户信息导出报表 2024年1月\r\n\r\n姓名,手机,备注\r\n" + "".join(f"张{i},1380000{i:04d},无\r\n" for i in range(5)), ","),
    ("".join(f"{i}\x01张{i}\x01客户说,不同意;要求|退款\n" for i in range(40)), "\x01"),  # Hive, no header
    ("name;amount;note\r\n" + "".join(f"张{i};12,50;无\r\n" for i in range(30)), ";"),
    ("a,b\x00,c\r\n" + "".join(f"{i},\x00,z\r\n" for i in range(30)), ","),
])
def test_the_delimiter_is_the_one_the_records_and_the_header_agree_on(text: str, delimiter: str) -> None:
    assert csvfile.detect_sample(text.encode("utf-8")[:65536], "utf-8", None).delimiter == delimiter


def test_one_stray_byte_in_a_utf8_header_is_no_gbk_header(tmp_path: Path, keyring: Path) -> None:
    """A UTF-8 header with one byte that is no UTF-8 (备注\\xe9t) was read again whole as GB18030:
    its good UTF-8 names turned to mojibake, 身份证号 named no column, and the 15-digit IDs only
    that name protects went out in plaintext (exit 0, "nothing found")."""
    rng = random.Random(661)
    legacy = [synth.resident_id(rng) for _ in range(10)]
    legacy = [pid[:6] + pid[8:17] for pid in legacy]
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("姓名,身份证号,备注".encode() + b"\xe9t\r\n" + "".join(f"张{i},{v},无\r\n" for i, v in enumerate(legacy)).encode())
    done = pii_guard("scrub", "--keyring", str(keyring), str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode("utf-8", "replace")
    held = done.returncode == 0 and not any(v in scrubbed for v in legacy) and "身份证号" in done.stderr  # (a failure shows no number)
    assert held


def test_a_ragged_row_protected_as_text_keeps_its_columns_protection(tmp_path: Path, keyring: Path) -> None:
    """Under a policy that protects what it cannot inspect, a ragged row was protected as plain
    text only: a 15-digit ID under 证件号码, an ID only by its column's name, went out in plaintext
    (exit 0, a note). Each of its cells is protected as its position's column asks first."""
    rng = random.Random(667)
    legacy = [pid[:6] + pid[8:17] for pid in (synth.resident_id(rng) for _ in range(2))]
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"姓名,证件号码,备注\n张三,{legacy[0]},无\n李四,{legacy[1]},无,多一列\n", encoding="utf-8")
    done = pii_guard("scrub", "--keyring", str(keyring), "--policy", "display", str(src), "-o", str(out))
    scrubbed = out.read_text(encoding="utf-8")
    held = done.returncode == 0 and "line 3" in done.stderr and not any(v in scrubbed for v in legacy)  # (a failure shows no number)
    assert held
    assert scrubbed.splitlines()[2].startswith("李四,") and scrubbed.splitlines()[2].endswith(",无,多一列")


def test_a_headers_own_encoding_names_the_columns_whatever_its_width_or_length(tmp_path: Path, keyring: Path) -> None:
    """A UTF-8 header over GBK rows split on "|" reads, in GBK, one field fewer (a character's
    last byte and the "|" are one character): its columns went unnamed and every row ragged. A
    short GBK header over UTF-8 rows (联系电话,状态: pairs UTF-8 reads as ״̬) was read as UTF-8: the
    8-digit landlines only 联系电话 makes numbers went out in plaintext."""
    rng = random.Random(673)
    legacy = [pid[:6] + pid[8:17] for pid in (synth.resident_id(rng) for _ in range(5))]
    src, out = tmp_path / "pipe.csv", tmp_path / "out.csv"
    src.write_bytes("手机号|证件号码|备注\r\n".encode() + "".join(f"张三|{v}|已处理投诉\r\n" for v in legacy).encode("gbk"))
    done = pii_guard("scrub", "--keyring", str(keyring), "--policy", "display", str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode("gbk", "replace")
    held = done.returncode == 0 and not any(v in scrubbed for v in legacy)  # (a failure shows no number)
    assert held
    landlines = ["62345678", "87654321"]
    src.write_bytes("联系电话,状态\r\n".encode("gbk") + "".join(f"{v},已处理\r\n" for v in landlines).encode())
    done = pii_guard("scrub", "--keyring", str(keyring), "--policy", "display", str(src), "-o", str(out))
    scrubbed = out.read_bytes().decode("utf-8", "replace")
    held = done.returncode == 0 and not any(v in scrubbed for v in landlines)  # (a failure shows no number)
    assert held


def test_an_rtree_with_typed_columns_or_a_comment_is_still_read_by_position(tmp_path: Path, keyring: Path) -> None:
    """rtree(id INTEGER, minx REAL, …) or a comment in its arguments: its numeric columns were
    taken by their text ("id integer"), none matched, and a mobile in its id was written as 0."""
    import sqlite3

    phone = synth.mobile_number(random.Random(677))
    for create in ("CREATE VIRTUAL TABLE b USING rtree(id INTEGER, minx REAL, maxx REAL)",
                   "CREATE VIRTUAL TABLE b USING rtree(/* the branch */ id, minx, maxx, +note)"):
        db, out = tmp_path / "rt.db", tmp_path / "out.db"
        for f in (db, out):
            f.unlink(missing_ok=True)
        conn = sqlite3.connect(db)
        conn.execute(create)
        conn.execute("INSERT INTO b (id, minx, maxx) VALUES (?, 1, 2)", (int(phone),))
        conn.commit()
        conn.close()
        done = pii_guard("scrub", "--keyring", str(keyring), str(db), "-o", str(out))
        assert done.returncode != 0 and "R*Tree" in done.stderr and not out.exists(), create
