"""pii-guard scan: sources, counts of plaintext/protected/masked, JSON/SARIF/HTML reports, exit codes."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import synth
from tests.test_cli import pii_guard

RNG = random.Random(808)
PHONES = [synth.mobile_number(RNG) for _ in range(40)]
IDS = [synth.resident_id(RNG) for _ in range(40)]


def leaked(text: str) -> bool:
    return any(p in text for p in PHONES) or any(i in text for i in IDS)


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    root = tmp_path / "exports"
    (root / "nested").mkdir(parents=True)
    rows = ["id,phone,note\n"] + [f"{i},{PHONES[i]},身份证{IDS[i]}\n" for i in range(20)]
    (root / "complaints.csv").write_text("".join(rows), encoding="utf-8")
    with (root / "nested" / "events.jsonl").open("w", encoding="utf-8") as f:
        for i in range(20, 40):
            f.write(json.dumps({"user": {"phones": [PHONES[i]]}, "text": f"证件{IDS[i]}"}, ensure_ascii=False) + "\n")
    (root / "app.log").write_text(f"INFO callback 138****5678 ok\nWARN masked id 1***************73\nINFO user {PHONES[0]}\n",
                                  encoding="utf-8")
    (root / "ignored.bin").write_bytes(b"\x00\x01")
    return root


def test_scan_directory_reports(tmp_path: Path, data: Path) -> None:
    out_json, out_sarif, out_html = tmp_path / "r.json", tmp_path / "r.sarif", tmp_path / "r.html"
    result = pii_guard("scan", str(data), "--json", str(out_json), "--sarif", str(out_sarif), "--html", str(out_html))
    assert result.returncode == 0 and not leaked(result.stdout + result.stderr)
    report = json.loads(out_json.read_text())
    assert report["version"] == 1 and report["summary"]["sources"] == 3
    by_source = {Path(s["source"]).name: s for s in report["sources"]}
    csv_cells = {(f["location"], f["entity"]): f for f in by_source["complaints.csv"]["findings"]}
    assert csv_cells[("phone", "CN_PHONE_NUMBER")]["plaintext"] == 20
    assert csv_cells[("note", "CN_RESIDENT_ID")]["plaintext"] == 20 and csv_cells[("note", "CN_RESIDENT_ID")]["risk"] == "high"
    jsonl_cells = {(f["location"], f["entity"]) for f in by_source["events.jsonl"]["findings"]}
    assert ("$.user.phones[*]", "CN_PHONE_NUMBER") in jsonl_cells and ("$.text", "CN_RESIDENT_ID") in jsonl_cells
    log = {(f["entity"]): f for f in by_source["app.log"]["findings"]}
    assert log["CN_PHONE_NUMBER"]["masked"] == 1 and log["CN_PHONE_NUMBER"]["plaintext"] == 1
    assert log["CN_PHONE_NUMBER"]["first_line"] == 3 and log["CN_RESIDENT_ID"]["masked"] == 1
    for path in (out_json, out_sarif, out_html):
        assert not leaked(path.read_text(encoding="utf-8"))
    sarif = json.loads(out_sarif.read_text())
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "pii-guard"
    assert {r["ruleId"] for r in run["results"]} == {"CN_PHONE_NUMBER", "CN_RESIDENT_ID"}
    assert all(r["level"] in ("error", "warning", "note") and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               for r in run["results"])


def test_scrubbed_output_scans_clean_and_fail_on(tmp_path: Path, data: Path) -> None:
    keyring = tmp_path / "k.json"
    pii_guard("keys", "init", "--keyring", str(keyring))
    out = tmp_path / "clean.csv"
    assert pii_guard("scrub", "--keyring", str(keyring), str(data / "complaints.csv"), "-o", str(out)).returncode == 0
    report_path = tmp_path / "clean.json"
    result = pii_guard("scan", str(out), "--json", str(report_path), "--fail-on", "1")
    assert result.returncode == 0
    summary = json.loads(report_path.read_text())["summary"]
    assert summary["plaintext_findings"] == 0 and summary["protected_values"] == 40
    dirty = pii_guard("scan", str(data / "complaints.csv"), "--fail-on", "40")
    assert dirty.returncode == 3
    assert pii_guard("scan", str(data / "complaints.csv"), "--fail-on", "41").returncode == 0
    sampled = pii_guard("scan", str(data / "complaints.csv"), "--sample", "5", "--json", str(report_path))
    src = json.loads(report_path.read_text())["sources"][0]
    assert sampled.returncode == 0 and src["sampled"] and src["rows_scanned"] == 5


def test_scan_postgresql(tmp_path: Path) -> None:
    import psycopg

    from tests.servers import postgres

    with postgres() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE customers (id int, phone text, note text)")
            for i in range(10):
                conn.execute("INSERT INTO customers VALUES (%s, %s, %s)", (i, PHONES[i], f"身份证{IDS[i]}"))
        out = tmp_path / "pg.json"
        secret_url = url.replace("pgtest@", "pgtest:hunter2-secret@")
        result = pii_guard("scan", secret_url, "--json", str(out))
        assert result.returncode == 0
        text = out.read_text()
        report = json.loads(text)
        cells = {(f["location"], f["entity"]): f["plaintext"] for f in report["sources"][0]["findings"]}
        assert cells[("public.customers.phone", "CN_PHONE_NUMBER")] == 10
        assert cells[("public.customers.note", "CN_RESIDENT_ID")] == 10
        assert "hunter2" not in text and not leaked(text)


def test_html_report_in_headless_chromium(tmp_path: Path, data: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed and could not be installed (scripts/test.sh tries apt-get)")
    html = tmp_path / "r.html"
    assert pii_guard("scan", str(data), "--html", str(html)).returncode == 0
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120).stdout
    # What a person sees: the headline figures, a chart per view, a table row per finding.
    assert '<div class="big" id="plaintext">81</div>' in dom
    assert dom.count("<svg") == 2 and "Plaintext findings per source" in dom
    assert "complaints.csv" in dom and "events.jsonl" in dom and "138****5678" not in dom
    assert not leaked(dom)
    shot = tmp_path / "r.png"
    subprocess.run([chromium, *flags, "--window-size=1200,1600", f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_scan_reads_every_value_type_and_a_headerless_first_row(tmp_path: Path) -> None:
    """An auditor's 0 must mean none: floats, REAL, BLOB, DECIMAL, binary, lists and structs are
    read; row 1 of a CSV without a header is scanned; a table.column location is masked in both
    parts; an unreadable source makes the exit code 1 even without --fail-on."""
    import decimal
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    from benchmarks import synth

    rng = random.Random(99)
    card = synth.bank_card(rng, prefix="622202", length=19)
    root = tmp_path / "src"
    root.mkdir()
    (root / "noheader.csv").write_text(f"{PHONES[0]},{IDS[0]}\n", encoding="utf-8")
    (root / "floats.jsonl").write_text(json.dumps({"phone": float(PHONES[1])}) + "\n", encoding="utf-8")
    db = sqlite3.connect(root / "crm.db")
    db.execute(f'CREATE TABLE "{PHONES[2]}" ("{IDS[2]}" TEXT, real_col REAL, blob_col BLOB)')
    db.execute(f'INSERT INTO "{PHONES[2]}" VALUES (?, ?, ?)', ("x", float(PHONES[3]), f"身份证{IDS[3]}".encode()))
    db.commit()
    db.close()
    table = pa.table({
        "bin": pa.array([f"手机{PHONES[4]}".encode()], pa.binary()),
        "dec": pa.array([decimal.Decimal(card)], pa.decimal128(19, 0)),
        "tags": pa.array([[f"{PHONES[5]}"]], pa.list_(pa.string())),
        "person": pa.array([{"id": IDS[4]}], pa.struct([("id", pa.string())])),
        "f": pa.array([float(PHONES[6])], pa.float64()),
    })
    pq.write_table(table, root / "t.parquet")
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(root), "--json", str(out), "--html", str(tmp_path / "r.html"), "--sarif", str(tmp_path / "r.sarif"))
    assert result.returncode == 0, result.stderr
    for path in (out, tmp_path / "r.html", tmp_path / "r.sarif"):
        text = path.read_text(encoding="utf-8")
        assert not leaked(text) and card not in text
    report = json.loads(out.read_text())
    found: dict[tuple[str, str], int] = {}
    for source in report["sources"]:
        for f in source["findings"]:
            key = (Path(source["source"]).name, f["entity"])
            found[key] = found.get(key, 0) + f["plaintext"]
    assert found[("noheader.csv", "CN_PHONE_NUMBER")] == 1 and found[("noheader.csv", "CN_RESIDENT_ID")] == 1
    assert found[("floats.jsonl", "CN_PHONE_NUMBER")] == 1
    # a value each, and the table named with a phone, the column with an ID: names are counted too
    assert found[("crm.db", "CN_PHONE_NUMBER")] == 2 and found[("crm.db", "CN_RESIDENT_ID")] == 2
    assert found[("t.parquet", "CN_PHONE_NUMBER")] == 3 and found[("t.parquet", "CN_RESIDENT_ID")] == 1
    assert found[("t.parquet", "CN_BANK_CARD")] == 1
    (root / "broken.parquet").write_bytes(b"not parquet")
    assert pii_guard("scan", str(root), "--sarif", str(tmp_path / "b.sarif")).returncode == 1
    invocation = json.loads((tmp_path / "b.sarif").read_text(encoding="utf-8"))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False  # an incomplete scan is no successful one
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["error"]


def test_a_column_named_for_an_entity_counts_what_the_detector_cannot_read(tmp_path: Path) -> None:
    """An audit of an export whose 银行卡号 column Excel cut to 15 significant digits, or whose
    证件号码 column holds legacy 15-digit IDs, must not report zero plaintext."""
    rng = random.Random(5)
    card = synth.bank_card(rng, prefix="622202", length=19)
    src = tmp_path / "export.csv"
    src.write_text("id,银行卡号,证件号码,amount\n" + "".join(f"{i},{card[:15]}0000,320102800307457,12.50\n" for i in range(3)),
                   encoding="utf-8")
    out = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert card[:15] not in text and "320102800307457" not in text
    cells = {(f["location"], f["entity"]): f["plaintext"] for f in json.loads(text)["sources"][0]["findings"]}
    assert cells[("银行卡号", "CN_BANK_CARD")] == 3 and cells[("证件号码", "CN_RESIDENT_ID")] == 3
    assert not any(loc in ("id", "amount") for loc, _ in cells)


def test_personal_data_in_names_is_counted(tmp_path: Path) -> None:
    """Scrub and the middleware refuse a JSON key, a column or a table named with a number: an
    audit counts it, so that a --fail-on gate sees it. A table name with a double quote is read."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "src"
    root.mkdir()
    (root / "keys.jsonl").write_text(json.dumps({PHONES[0]: "已回访", "note": {f"身份证{IDS[0]}": None}}, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    pq.write_table(pa.table({f"tel_{PHONES[1]}": ["x"]}), root / "cols.parquet")
    db = sqlite3.connect(root / "odd.db")
    db.execute('CREATE TABLE "客户""备注" (note TEXT)')
    db.execute('INSERT INTO "客户""备注" VALUES (?)', (f"手机{PHONES[2]}",))
    db.execute(f'CREATE TABLE t ("{IDS[1]}" TEXT)')
    db.commit()
    db.close()
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(root), "--json", str(out), "--fail-on", "1")
    assert result.returncode == 3, result.stderr[-300:]
    text = out.read_text(encoding="utf-8")
    assert not leaked(text)
    counted: dict[tuple[str, str, str], int] = {}
    for source in json.loads(text)["sources"]:
        assert source.get("error") is None
        for f in source["findings"]:
            key = (Path(source["source"]).name, f["location"], f["entity"])
            counted[key] = counted.get(key, 0) + f["plaintext"]
    assert counted[("keys.jsonl", "(names)", "CN_PHONE_NUMBER")] == 1 and counted[("keys.jsonl", "(names)", "CN_RESIDENT_ID")] == 1
    assert counted[("cols.parquet", "(names)", "CN_PHONE_NUMBER")] == 1
    assert counted[("odd.db", "(names)", "CN_RESIDENT_ID")] == 1
    assert counted[("odd.db", '客户"备注.note', "CN_PHONE_NUMBER")] == 1


def test_first_line_is_the_physical_line(tmp_path: Path) -> None:
    src = tmp_path / "multi.csv"
    src.write_text(f'id,note,phone\n1,"a\nb\nc\nd",none\n2,ok,{PHONES[7]}\n', encoding="utf-8")
    out = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(out)).returncode == 0
    [finding] = json.loads(out.read_text(encoding="utf-8"))["sources"][0]["findings"]
    assert (finding["location"], finding["first_line"]) == ("phone", 6)


def test_masked_addresses_are_found_around_each_at_sign() -> None:
    """Around each "@" only: a long line of address characters is read once, not from every place."""
    from pii_guard.scan import masked

    line = "a@b*" * 20000 + " 邮箱z**********@*q.com，" + "x" * 100000 + " ab***@qq.com"
    found = [(e, line[s:t]) for e, s, t in masked.find(line)]
    assert found == [("EMAIL_ADDRESS", "z**********@*q.com"), ("EMAIL_ADDRESS", "ab***@qq.com")]


def test_a_number_glued_into_a_name_never_reaches_a_report(tmp_path: Path) -> None:
    """A table named s138… or uid138…x is an identifier to the detector (letters glued to the
    digits), but the reports (JSON, SARIF, HTML) still never show the digits: a run of eleven or
    more in a name is masked."""
    import sqlite3

    root = tmp_path / "src"
    root.mkdir()
    db = sqlite3.connect(root / "glued.db")
    for name in (f"s{PHONES[3]}", f"uid{PHONES[4]}x"):
        db.execute(f'CREATE TABLE "{name}" (note TEXT)')
        db.execute(f'INSERT INTO "{name}" VALUES (?)', (f"电话{PHONES[5]}",))
    db.commit()
    db.close()
    reports = [tmp_path / "r.json", tmp_path / "r.sarif", tmp_path / "r.html"]
    result = pii_guard("scan", str(root / "glued.db"), "--json", str(reports[0]), "--sarif", str(reports[1]), "--html", str(reports[2]))
    assert result.returncode == 0, result.stderr[-300:]
    assert json.loads(reports[0].read_text(encoding="utf-8"))["sources"][0]["findings"]  # the values were counted
    for report in reports:
        text = report.read_text(encoding="utf-8")
        shown = PHONES[3] in text or PHONES[4] in text or PHONES[5] in text
        assert not shown, report.name
    assert PHONES[3] not in result.stdout and PHONES[4] not in result.stdout


def test_rotated_compressed_and_unicode_logs_are_scanned_and_binaries_listed(tmp_path: Path) -> None:
    """An auditor's clean report must not mean "never opened": rotated logs (app.log.1,
    app.log.2024-06-01, nohup.out, a name with no suffix), a gzip-compressed one, a UTF-16 log
    (Windows tools, Excel's "Unicode text") and a GBK one are read; a binary file is listed as not
    scanned in the JSON, HTML and SARIF reports alike."""
    import gzip

    root = tmp_path / "logs"
    root.mkdir()
    lines = lambda k: "".join(f"2024-06-01 INFO 手机 {PHONES[k + i]} 身份证 {IDS[k + i]}\n" for i in range(2))  # noqa: E731
    (root / "app.log.1").write_text(lines(0), encoding="utf-8")
    (root / "app.log.2024-06-01").write_text(lines(2), encoding="utf-8")
    (root / "nohup.out").write_text(lines(4), encoding="utf-8")
    (root / "server").write_text(lines(6), encoding="utf-8")
    (root / "app.log.3.gz").write_bytes(gzip.compress(lines(8).encode()))
    (root / "win.log").write_bytes(lines(10).encode("utf-16"))
    (root / "gbk.txt").write_bytes(lines(12).encode("gbk"))
    (root / "events.jsonl.1").write_text(json.dumps({"phone": PHONES[14]}) + "\n", encoding="utf-8")
    (root / "core.bin").write_bytes(b"\x7fELF\x00\x00\x01" + PHONES[15].encode())
    out, html, sarif = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.sarif"
    result = pii_guard("scan", str(root), "--json", str(out), "--html", str(html), "--sarif", str(sarif), "--fail-on", "1")
    assert result.returncode == 3, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    plain = {Path(s["source"]).name: sum(f["plaintext"] for f in s["findings"]) for s in report["sources"]}
    assert plain == {"app.log.1": 4, "app.log.2024-06-01": 4, "nohup.out": 4, "server": 4, "app.log.3.gz": 4,
                     "win.log": 4, "gbk.txt": 4, "events.jsonl.1": 1}
    assert [s["kind"] for s in report["sources"] if s["source"].endswith("events.jsonl.1")] == ["jsonl"]
    assert [Path(p).name for p in report["skipped_files"]] == ["core.bin"]
    assert "Files not scanned (1)" in html.read_text(encoding="utf-8") and "core.bin" in html.read_text(encoding="utf-8")
    notes = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"] and "core.bin" in notes[0]["message"]["text"]
    assert not leaked(out.read_text(encoding="utf-8") + html.read_text(encoding="utf-8") + sarif.read_text(encoding="utf-8"))


def test_a_headerless_csv_names_its_columns_by_position(tmp_path: Path) -> None:
    """Row 1 of a CSV without a header is data (a complainant's name and complaint): it is no
    column name in any report."""
    src = tmp_path / "noheader.csv"
    src.write_text(f"陈美玲,陈美玲称理财被误导，手机{PHONES[0]}\n王芳,手机{PHONES[1]}\n", encoding="utf-8")
    out, html, sarif = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.sarif"
    pii_guard("scan", str(src), "--json", str(out), "--html", str(html), "--sarif", str(sarif))
    locations = {f["location"] for s in json.loads(out.read_text(encoding="utf-8"))["sources"] for f in s["findings"]}
    assert locations == {"(header row)", "column 2"}
    assert all("陈美玲" not in p.read_text(encoding="utf-8") for p in (out, html, sarif))


# -- from an auditor's probe: what a scan must not leave out silently -----------------------------


def test_links_to_nothing_and_damaged_archives_are_reported_not_skipped(tmp_path: Path, data: Path) -> None:
    import gzip

    (data / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    (data / "share").symlink_to(data / "nested", target_is_directory=True)  # a loop back in: not followed
    (data / "zz_link_to_complaints.csv").symlink_to(data / "complaints.csv")  # the same file: counted once
    (data / f"zz_客户{IDS[9]}.csv").symlink_to(data / "complaints.csv")  # … but a name of its own is read
    bad = bytearray(gzip.compress(f"INFO user {PHONES[3]}\n".encode() * 50))
    bad[12:20] = b"\xff" * 8  # the first deflate block damaged
    (data / "app.log.2.gz").write_bytes(bytes(bad))
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(data), "--json", str(out))
    assert result.returncode == 1, result.stderr  # incomplete: never a pass
    report = json.loads(out.read_text())
    errors = {Path(s["source"]).name: s["error"] for s in report["sources"] if s["error"]}
    assert set(errors) == {"gone.csv", "app.log.2.gz"}
    assert any(name.endswith("share") for name in report["skipped_files"])
    assert any(name.endswith("zz_link_to_complaints.csv") for name in report["skipped_files"])
    plain = {Path(s["source"]).name: sum(f["plaintext"] for f in s["findings"]) for s in report["sources"]}
    assert plain["complaints.csv"] == 40 and plain["events.jsonl"] == 40  # the rest still reported, once
    assert "zz_link_to_complaints.csv" not in plain and any(IDS[9] not in name and "客户" in name for name in plain)


def test_names_of_files_and_folders_count(tmp_path: Path) -> None:
    folder = tmp_path / f"客户{IDS[5]}"
    folder.mkdir()
    (folder / f"张三_{PHONES[5]}_投诉材料.csv").write_text("id,note\n1,无\n", encoding="utf-8")
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(folder), "--json", str(out), "--fail-on", "1")
    assert result.returncode == 3
    text = out.read_text()
    names = sorted((f["location"], f["entity"], f["plaintext"]) for s in json.loads(text)["sources"] for f in s["findings"])
    assert names == [("(names)", "CN_PHONE_NUMBER", 1), ("(names)", "CN_RESIDENT_ID", 1)]
    assert not leaked(text) and not leaked(result.stdout)


def test_the_name_a_gzip_header_keeps_counts(tmp_path: Path) -> None:
    """gzip customers_<mobile>.csv keeps that name in its header; renamed to export.gz, the file was
    reported clean though its bytes hold the number. Counted under (names), as a file's name is."""
    import gzip
    import io

    root = tmp_path / "estate"
    root.mkdir()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=f"customers_{PHONES[6]}.csv", mode="wb", fileobj=buffer) as handle:
        handle.write("id,note\n1,无\n".encode())
    (root / "export.gz").write_bytes(buffer.getvalue())
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(root), "--json", str(out), "--fail-on", "1")
    assert result.returncode == 3
    text = out.read_text()
    names = sorted((f["location"], f["entity"], f["plaintext"]) for s in json.loads(text)["sources"] for f in s["findings"])
    assert names == [("(names)", "CN_PHONE_NUMBER", 1)]
    assert not leaked(text) and not leaked(result.stdout)


def test_service_numbers_in_a_phone_column_are_no_phones(tmp_path: Path) -> None:
    src = tmp_path / "hotlines.csv"
    src.write_text(f"机构,客服热线,联系电话\nA,400-820-8820,{PHONES[7]}\nB,4006695566,025-96096\nC,800-810-8888,95511-3\n"
                   "D,021-962888,0571-962345\n",
                   encoding="utf-8")
    out = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(out))
    cells = {(f["location"], f["entity"]): f["plaintext"] for f in json.loads(out.read_text())["sources"][0]["findings"]}
    assert cells == {("联系电话", "CN_PHONE_NUMBER"): 1}


def test_sarif_uris_are_uri_references(tmp_path: Path) -> None:
    folder = tmp_path / "投诉 导出"
    folder.mkdir()
    (folder / "export#2 100%.csv").write_text(f"id,phone\n1,{PHONES[8]}\n", encoding="utf-8")
    out = tmp_path / "r.sarif"
    pii_guard("scan", str(folder), "--sarif", str(out))
    uri = json.loads(out.read_text())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    from urllib.parse import unquote

    assert " " not in uri and "#" not in uri and not any(ord(c) > 127 for c in uri)
    assert unquote(uri).endswith("投诉 导出/export#2 100%.csv")


def test_reports_are_checked_before_the_scan_and_never_overwrite_an_input(tmp_path: Path, data: Path) -> None:
    before = (data / "complaints.csv").read_bytes()
    result = pii_guard("scan", str(data), "--json", str(data / "complaints.csv"))
    assert result.returncode == 2 and (data / "complaints.csv").read_bytes() == before
    result = pii_guard("scan", str(data), "--json", str(tmp_path / "no-such-folder" / "r.json"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert pii_guard("scan", str(data), "--fail-on", "0").returncode == 2
    # a report written into the scanned folder is rewritten on the next run, and never scanned
    first = pii_guard("scan", str(data), "--json", str(data / "report.json"), "--html", str(data / "report.html"))
    second = pii_guard("scan", str(data), "--json", str(data / "report.json"), "--html", str(data / "report.html"))
    assert first.returncode == second.returncode == 0
    sources = [Path(s["source"]).name for s in json.loads((data / "report.json").read_text())["sources"]]
    assert "report.json" not in sources and "report.html" not in sources


def test_sqlite_tables_named_but_missing_and_full_text_shadows(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "crm.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (phone TEXT)")
        conn.executemany("INSERT INTO customers VALUES (?)", [(PHONES[i],) for i in range(3)])
        conn.execute("CREATE VIRTUAL TABLE notes USING fts5(body)")
        conn.executemany("INSERT INTO notes VALUES (?)", [(f"手机{PHONES[i]}",) for i in range(3, 6)])
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(db), "--json", str(out))
    report = json.loads(out.read_text())["sources"][0]
    assert result.returncode == 0 and sum(f["plaintext"] for f in report["findings"]) == 6  # each value once
    result = pii_guard("scan", str(db), "--tables", "customers,custmers", "--json", str(out))
    assert result.returncode == 1 and "custmers" in json.loads(out.read_text())["sources"][0]["error"]


def test_a_password_the_url_parser_splits_stays_out_of_reports() -> None:
    from pii_guard.scan.scanner import _redact_dsn

    shown = _redact_dsn("postgresql://auditor:Aud1t-P@ss#2023@127.0.0.1:55432/bankcrm")
    assert "ss" not in shown.split("//", 1)[1] and "2023" not in shown and "Aud1t" not in shown
    assert _redact_dsn("postgresql://auditor:s3cret@127.0.0.1:5432/bankcrm") == "postgresql://auditor@127.0.0.1:5432/bankcrm"


def test_a_number_in_a_postgresql_urls_user_or_database_name_is_masked_and_counted(tmp_path: Path) -> None:
    """postgresql://u138…@host/crm138…: the user's and the database's names were shown whole on
    stdout and in every report (probe 49), where a file's name holding one is masked. They are
    masked, and counted as a name's finding, on the error path too (no server listens on port 1)."""
    mobile = PHONES[30]
    reports = {kind: tmp_path / f"r.{kind}" for kind in ("json", "sarif", "html")}
    result = pii_guard("scan", f"postgresql://u{mobile}@127.0.0.1:1/crm{mobile}",
                       *(arg for kind, path in reports.items() for arg in (f"--{kind}", str(path))))
    assert result.returncode != 0  # the server could not be read: an incomplete scan
    for text in (result.stdout, result.stderr, *(path.read_text() for path in reports.values())):
        assert mobile not in text and mobile[3:] not in text
    source = json.loads(reports["json"].read_text())["sources"][0]
    assert source["source"].startswith("postgresql://u*") and source["error"]
    assert sum(f["plaintext"] for f in source["findings"]) == 2


def test_postgresql_tables_it_cannot_read_views_and_partitions(tmp_path: Path) -> None:
    """A table this role may not read, a materialized view that still holds plaintext, a
    partitioned table (each row counted once, not under the parent and its partition again), and
    a table named in --tables that is not there."""
    import psycopg

    from tests.servers import postgres

    with postgres() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE base (phone text)")
            conn.execute("INSERT INTO base VALUES (%s), (%s)", (PHONES[10], PHONES[11]))
            conn.execute("CREATE MATERIALIZED VIEW snapshot AS SELECT phone FROM base")
            conn.execute("UPDATE base SET phone = '138****5678'")
            conn.execute("CREATE TABLE events (at date, phone text) PARTITION BY RANGE (at)")
            conn.execute("CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
            conn.execute("INSERT INTO events VALUES ('2024-05-01', %s), ('2024-06-01', %s)", (PHONES[12], PHONES[13]))
            conn.execute("CREATE MATERIALIZED VIEW later AS SELECT phone FROM base WITH NO DATA")  # nothing in it yet
            conn.execute("CREATE TABLE parent_old (phone text)")
            conn.execute("CREATE TABLE child_old (extra int) INHERITS (parent_old)")
            conn.execute("INSERT INTO child_old VALUES (%s, 1)", (PHONES[15],))
            conn.execute("CREATE TABLE secret (phone text)")
            conn.execute("INSERT INTO secret VALUES (%s)", (PHONES[14],))
            conn.execute("CREATE ROLE auditor LOGIN PASSWORD 'audit-pw'")
            conn.execute("GRANT SELECT ON base, snapshot, later, events, events_2024, parent_old, child_old TO auditor")
        auditor = url.replace("pgtest@", "auditor:audit-pw@", 1)
        out = tmp_path / "pg.json"
        result = pii_guard("scan", auditor, "--json", str(out))
        source = json.loads(out.read_text())["sources"][0]
        cells = {(f["location"], f["entity"]): f["plaintext"] for f in source["findings"] if f["plaintext"]}
        assert cells == {("public.snapshot.phone", "CN_PHONE_NUMBER"): 2, ("public.events.phone", "CN_PHONE_NUMBER"): 2,
                         ("public.child_old.phone", "CN_PHONE_NUMBER"): 1}  # an inheriting table's rows once
        assert "later" not in (source["error"] or "")  # a view not yet filled holds nothing to read
        assert result.returncode == 1 and "public.secret" in source["error"] and "audit-pw" not in out.read_text()
        result = pii_guard("scan", url, "--tables", "base,nosuch", "--json", str(out))
        assert result.returncode == 1 and "nosuch" in json.loads(out.read_text())["sources"][0]["error"]


@pytest.mark.parametrize("name", ["export.txt", "EXPORT_20231120"])
def test_an_export_saved_as_text_keeps_its_columns(tmp_path: Path, name: str) -> None:
    """Values that need their column's name (Excel's E-notation of a phone, a legacy 15-digit ID)
    were lost when a CSV export was named .txt or had no suffix and was read as text."""
    rows = ["序号,手机号码,证件号码"] + [f"{i},{int(PHONES[i]) / 1e10:.10f}E+10,{IDS[i][:6]}{IDS[i][8:17]}" for i in range(3)]
    src = tmp_path / name
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    cells = {(f["location"], f["entity"]): f["plaintext"] for f in source["findings"]}
    assert source["kind"] == "csv"
    assert cells == {("手机号码", "CN_PHONE_NUMBER"): 3, ("证件号码", "CN_RESIDENT_ID"): 3}


def test_a_line_of_megabytes_is_read_in_pieces_and_every_number_once(tmp_path: Path) -> None:
    """A log or export with no line breaks was read as one string (memory ~7x the file); read in
    pieces cut where no number runs, each number counts once, on line 1."""
    rng = random.Random(12)
    phones = [synth.mobile_number(rng) for _ in range(3000)]
    filler = "状态正常，无异常。" * 40
    src = tmp_path / "minified.log"
    src.write_text("".join(f"{filler}客户手机{p}" for p in phones), encoding="utf-8")  # ~3.3 MB, one line
    out = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    assert source["rows_scanned"] == 1
    assert [(f["entity"], f["plaintext"], f["first_line"]) for f in source["findings"]] == [("CN_PHONE_NUMBER", 3000, 1)]
    # numbers side by side, one piece's end inside one of them: carried whole into the next piece
    src.write_text("；".join(f"手机{p}" for p in phones * 30), encoding="utf-8")
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    assert [(f["entity"], f["plaintext"]) for f in source["findings"]] == [("CN_PHONE_NUMBER", 90000)]
    # and numbers written in numerals: a piece was cut inside one, whose two halves read as nothing
    numerals = str.maketrans("0123456789", "零一二三四五六七八九")
    spoken = [p.translate(numerals) for p in phones]
    src.write_text("；".join(f"手机{p}" for p in spoken * 30), encoding="utf-8")
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    assert [(f["entity"], f["plaintext"]) for f in source["findings"]] == [("CN_PHONE_NUMBER", 90000)]


def test_a_long_source_name_in_a_chart_shows_it_was_cut() -> None:
    from pii_guard.scan.html import _bars

    name = "/srv/exports/" + "投诉导出" * 10 + "/complaints.csv"
    svg = _bars([(name, {"plaintext": 3})], ["plaintext"], "t")
    assert f">…{name[-37:]}<" in svg  # cut from the left, and shown to be: not a name of its own


@pytest.mark.parametrize("name", ["pasted.txt", "pasted"])
def test_text_pasted_with_tabs_stays_text(tmp_path: Path, name: str) -> None:
    """A card pasted with its groups in tab-separated cells is one card in text; read as a table
    (its first line names no columns) each group had been a cell of its own (found by the review)."""
    cards = [synth.bank_card(random.Random(i), prefix="622202", length=16) for i in range(5)]
    lines = ["记录\t内容\t\t\t"] + [f"客户{i}\t" + "\t".join(c[j : j + 4] for j in range(0, 16, 4)) for i, c in enumerate(cards)]
    src = tmp_path / name
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    assert source["kind"] == "text" and sum(f["plaintext"] for f in source["findings"] if f["entity"] == "CN_BANK_CARD") == 5


def _scanned_text(src: Path, text: str) -> dict:  # type: ignore[type-arg]
    """The scan report's source for ``text`` written to ``src``."""
    src.write_text(text, encoding="utf-8")
    out = src.with_name("r.json")
    pii_guard("scan", str(src), "--json", str(out))
    return json.loads(out.read_text())["sources"][0]  # type: ignore[no-any-return]


def test_a_fixed_width_report_is_read_under_its_headings(tmp_path: Path) -> None:
    """A text file holding a fixed-width report (headings over a rule of dashes) was read a line
    at a time: a legacy ID under CERT_NO went uncounted and a Luhn-valid policy number under
    POLICY_NO was counted as a card. The report is read as one text, the lines after it alone."""
    rng = random.Random(31)
    lines = ["POLICY_NO              INSURED_NAME   CERT_NO", "---------------------- -------------- --------------------"]
    for i in range(3):
        lines.append(f"{synth.bank_card(rng, prefix='6244', length=19)}    ZHAO MIN       {IDS[i][:6]}{IDS[i][8:17]}")
    lines += ["", "3 rows selected.", f"备注：联系电话{PHONES[0]}"]
    source = _scanned_text(tmp_path / "claims_report.txt", "\n".join(lines) + "\n")
    counts = {f["entity"]: f["plaintext"] for f in source["findings"]}
    assert counts == {"CN_RESIDENT_ID": 3, "CN_PHONE_NUMBER": 1}
    lines_of = {f["entity"]: f["first_line"] for f in source["findings"]}
    assert lines_of == {"CN_RESIDENT_ID": 1, "CN_PHONE_NUMBER": 8}


def test_a_number_wrapped_across_lines_is_counted_once_on_its_first_line(tmp_path: Path) -> None:
    """A text file's lines were read one at a time: a mobile a hard wrap broke (7 + 4 digits) went
    uncounted, and an ID broken after its region was counted as nothing or a phone. Lines a number
    runs on across are read together, the finding located on its first line; a log's next record
    opening with a date is read alone."""
    phone, pid = PHONES[5], IDS[5]
    text = (f"2024-05-06 INFO 处理中\n客户电话{phone[:7]}\n{phone[7:]}，身份证号{pid[:6]}\n> {pid[6:]}\n"
            f"2024-05-06 INFO 耗时 1203\n2024-05-06 INFO 完成\n")
    source = _scanned_text(tmp_path / "mail.txt", text)
    found = sorted((f["entity"], f["plaintext"], f["first_line"]) for f in source["findings"])
    assert found == [("CN_PHONE_NUMBER", 1, 2), ("CN_RESIDENT_ID", 1, 2)]


def test_an_export_whose_first_column_holds_types_stays_a_table(tmp_path: Path) -> None:
    """A .txt export whose first column is a type (证件类型 over 身份证, 身份证 …) is a table, not a
    form of labels and values: its 证件号码 column still reaches its legacy IDs (the review)."""
    lines = ["证件类型\t客户姓名\t证件号码\t联系电话"]
    for i in range(4):
        lines.append(f"身份证\t张伟\t{IDS[i][:6]}{IDS[i][8:17]}\t{PHONES[i]}")
    source = _scanned_text(tmp_path / "export.txt", "\n".join(lines) + "\n")
    counts = {f["entity"]: f["plaintext"] for f in source["findings"]}
    assert source["kind"] == "csv" and counts == {"CN_RESIDENT_ID": 4, "CN_PHONE_NUMBER": 4}


@pytest.mark.parametrize("name", ["form.txt", "FORM_20231120"])
def test_a_form_of_labels_and_values_saved_as_text_stays_text(tmp_path: Path, name: str) -> None:
    """A form's labels and values, one pair a line (姓名⇥张三⏎身份证⇥…), has a table's shape under a
    "header" of its first pair: read as CSV, each label was a cell apart from its value, and a
    legacy 15-digit ID, which needs its label, went uncounted (scrub read such a file as text)."""
    legacy = IDS[0][:6] + IDS[0][8:17]
    source = _scanned_text(tmp_path / name, f"姓名\t张三\n身份证\t{legacy}\n手机\t{PHONES[0]}\n地址\t北京市朝阳区\n")
    counts = {f["entity"]: f["plaintext"] for f in source["findings"]}
    assert source["kind"] == "text" and counts == {"CN_RESIDENT_ID": 1, "CN_PHONE_NUMBER": 1}


def test_a_pretty_printed_json_array_is_located_by_path(tmp_path: Path) -> None:
    """A .json export written over many lines was read line by line, every finding located at
    "(line not inspectable as JSON)"; it is one document, read whole."""
    src = tmp_path / "customers.json"
    src.write_text(json.dumps([{"name": "张某", "mobile": PHONES[i], "note": f"身份证{IDS[i]}"} for i in range(4)],
                              ensure_ascii=False, indent=2), encoding="utf-8")
    out = tmp_path / "r.json"
    pii_guard("scan", str(src), "--json", str(out))
    source = json.loads(out.read_text())["sources"][0]
    cells = {(f["location"], f["entity"]): f["plaintext"] for f in source["findings"]}
    assert cells == {("$[*].mobile", "CN_PHONE_NUMBER"): 4, ("$[*].note", "CN_RESIDENT_ID"): 4}
    assert source["rows_scanned"] == 4


# -- from an auditor's probe (2): files whose names lie, and what a report must say it left out ---


def _table_rows(first: int, count: int) -> str:
    return "客户,手机号码,身份证号\n" + "".join(f"客户{i},{PHONES[i]},{IDS[i]}\n" for i in range(first, first + count))


def test_content_decides_over_the_name(tmp_path: Path) -> None:
    """A workbook saved as .csv, a gzip of an export named .csv, Parquet copied to .log, SQLite as
    .csv, bzip2/xz exports and a ZIP of exports are read for what they are, never counted clean;
    a PDF under .txt and a tar.gz are listed as skipped with the reason."""
    import bz2
    import gzip
    import io
    import lzma
    import sqlite3
    import tarfile
    import zipfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "estate"
    root.mkdir()
    sheet = "".join(f'<row><c t="n"><v>{PHONES[i]}</v></c><c t="inlineStr"><is><t>{IDS[i]}</t></is></c></row>' for i in range(3))
    with zipfile.ZipFile(root / "export.csv", "w", zipfile.ZIP_DEFLATED) as book:  # an .xlsx saved as .csv
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{sheet}</sheetData></worksheet>")
        book.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "export2.csv").write_bytes(gzip.compress(_table_rows(3, 4).encode()))
    (root / "old.csv.bz2").write_bytes(bz2.compress(_table_rows(7, 2).encode("gb18030")))
    (root / "old.csv.xz").write_bytes(lzma.compress(_table_rows(9, 2).encode()))
    pq.write_table(pa.table({"mobile": PHONES[11:16]}), root / "lake.log")
    db = sqlite3.connect(root / "crm.csv")
    db.execute("CREATE TABLE c (phone TEXT)")
    db.executemany("INSERT INTO c VALUES (?)", [(p,) for p in PHONES[16:19]])
    db.commit()
    db.close()
    with zipfile.ZipFile(root / "bundle.log", "w") as bundle:
        bundle.writestr("2024-01/customers.csv", _table_rows(19, 2))
    (root / "contract.txt").write_bytes(b"%PDF-1.7\n" + zlib_bytes())
    payload = _table_rows(21, 2).encode()
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("customers.csv")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    (root / "backup.tar.gz").write_bytes(tar_buffer.getvalue())
    (root / "core.log").write_bytes(bytes(range(256)) * 64)

    out, html, sarif = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.sarif"
    result = pii_guard("scan", str(root), "--json", str(out), "--html", str(html), "--sarif", str(sarif))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    plain = {Path(s["source"]).name: sum(f["plaintext"] for f in s["findings"]) for s in report["sources"]}
    kinds = {Path(s["source"]).name: s["kind"] for s in report["sources"]}
    assert plain == {"export.csv": 6, "export2.csv": 8, "old.csv.bz2": 4, "old.csv.xz": 4, "lake.log": 5, "crm.csv": 3,
                     "bundle.log": 4}
    assert kinds == {"export.csv": "zip", "export2.csv": "csv", "old.csv.bz2": "csv", "old.csv.xz": "csv",
                     "lake.log": "parquet", "crm.csv": "sqlite", "bundle.log": "zip"}
    locations = {f["location"] for s in report["sources"] if s["source"].endswith("bundle.log") for f in s["findings"]}
    assert locations == {"2024-01/customers.csv › 手机号码", "2024-01/customers.csv › 身份证号"}
    skipped = {s["source"].removeprefix(str(root) + "/"): s["reason"] for s in report["skipped"]}
    assert skipped == {"contract.txt": "a PDF document", "backup.tar.gz": "a tar archive inside a gzip file",
                       "core.log": "binary content under a .log name", "export.csv!/xl/media/image1.png": "a PNG image"}
    assert sorted(p.removeprefix(str(root) + "/") for p in report["skipped_files"]) == sorted(skipped)
    assert report["summary"]["files_skipped"] == 4
    assert "core.log: skipped (binary content under a .log name)" in result.stdout.replace(str(root) + "/", "")
    assert "a tar archive inside a gzip file" in html.read_text(encoding="utf-8")
    notes = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("contract.txt (a PDF document)" in n["message"]["text"] for n in notes)
    assert not leaked(out.read_text(encoding="utf-8") + html.read_text(encoding="utf-8") + sarif.read_text(encoding="utf-8")
                      + result.stdout + result.stderr)


def zlib_bytes() -> bytes:
    import zlib

    return zlib.compress(bytes(RNG.randrange(256) for _ in range(2000)))


def test_an_encrypted_archive_member_makes_the_scan_incomplete(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "secret.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("open.txt", f"手机{PHONES[0]}\n")
        bundle.writestr("locked.csv", b"\x00" * 64)
        offset = bundle.getinfo("locked.csv").header_offset
    raw = bytearray(archive.read_bytes())
    raw[offset + 6] |= 0x1  # marked encrypted, in its local header and its central directory entry
    central = raw.rindex(b"PK\x01\x02")  # the last entry: locked.csv
    raw[central + 8] |= 0x1
    archive.write_bytes(bytes(raw))
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(archive), "--json", str(out))
    assert result.returncode == 1
    source = json.loads(out.read_text())["sources"][0]
    assert source["error"] == "could not be read (1 encrypted member(s))"
    assert [(f["location"], f["plaintext"]) for f in source["findings"]] == [("open.txt › text", 1)]


@pytest.mark.parametrize("sample", ["0", "-5", "x"])
def test_a_sample_of_no_rows_is_refused(tmp_path: Path, data: Path, sample: str) -> None:
    """--sample 0 read nothing and called it clean (exit 0 under --fail-on)."""
    result = pii_guard("scan", str(data / "complaints.csv"), "--sample", sample, "--fail-on", "1")
    assert result.returncode == 2 and "--sample" in result.stderr and "at least 1" in result.stderr


def test_an_incomplete_or_sampled_scan_says_so_where_the_figures_are(tmp_path: Path, data: Path) -> None:
    (data / "broken.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    out, html, sarif = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.sarif"
    result = pii_guard("scan", str(data), "--sample", "5", "--json", str(out), "--html", str(html), "--sarif", str(sarif))
    assert result.returncode == 1
    summary = json.loads(out.read_text())["summary"]
    assert (summary["complete"], summary["unreadable_sources"], summary["sampled_sources"]) == (False, 1, 2)
    last = result.stdout.splitlines()[-1]
    assert "INCOMPLETE: 1 source(s) could not be read" in last and "2 source(s) sampled" in last
    assert "complaints.csv: 10 plaintext, 0 protected, 0 masked (sampled: 5 rows or lines read)" in result.stdout
    page = html.read_text(encoding="utf-8")
    assert 'id="incomplete"' in page and page.index('id="incomplete"') < page.index('class="cards"')
    assert 'id="sampled"' in page and "2 source(s) were read only in part" in page
    notes = json.loads(sarif.read_text())["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert sorted(n["level"] for n in notes) == ["error", "note", "note", "warning"]


def test_a_name_with_a_line_break_cannot_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.log\ncustomers.csv: 0 plaintext, 0 protected, 0 masked\nx").write_text(f"手机{PHONES[1]}\n", encoding="utf-8")
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(folder), "--json", str(out))
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "a.log\\ncustomers.csv: 0 plaintext, 0 protected, 0 masked\\nx: 1 plaintext" in lines[0]
    assert not any(line.startswith("customers.csv") for line in lines)
    assert json.loads(out.read_text())["sources"][0]["source"].endswith("a.log\\ncustomers.csv: 0 plaintext, 0 protected, 0 masked\\nx")


def test_a_wal_database_is_read_whole_and_its_folder_left_as_it_was(tmp_path: Path) -> None:
    """Rows not yet checkpointed live in the -wal file: they are counted; and the scan writes no
    -shm (or any other file) into the audited folder."""
    import sqlite3

    live = tmp_path / "live"
    live.mkdir()
    db = sqlite3.connect(live / "app.sqlite")
    db.execute("PRAGMA journal_mode=wal")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("CREATE TABLE c (phone TEXT)")
    db.executemany("INSERT INTO c VALUES (?)", [(p,) for p in PHONES[:6]])
    db.commit()
    audited = tmp_path / "audited"
    audited.mkdir()
    for name in ("app.sqlite", "app.sqlite-wal"):  # a copy as a backup job takes it: no -shm
        shutil.copyfile(live / name, audited / name)
    db.close()
    before = sorted(p.name for p in audited.iterdir())
    out = tmp_path / "r.json"
    pii_guard("scan", str(audited / "app.sqlite"), "--json", str(out))
    assert sorted(p.name for p in audited.iterdir()) == before == ["app.sqlite", "app.sqlite-wal"]
    assert json.loads(out.read_text())["summary"]["plaintext_findings"] == 6
    (audited / "app.sqlite-wal").unlink()  # closed without it: nothing to read there, nothing written
    pii_guard("scan", str(audited / "app.sqlite"), "--json", str(out))
    assert sorted(p.name for p in audited.iterdir()) == ["app.sqlite"]


def test_distinct_values_and_weak_masks_are_counted(tmp_path: Path) -> None:
    """How many people, not how many mentions: one phone typed three ways is one value; a mask
    that shows more digits than the display policy (a birth date left in an ID) is weak."""
    phone, other, person = PHONES[2], PHONES[3], IDS[2]
    spaced = f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    src = tmp_path / "calls.log"
    src.write_text(f"来电 {phone}\n回拨 +86-{phone}\n备注 {spaced}\n另一号码 {other}\n"
                   f"证件 {person[:14]}****，又 {person[0]}***************{person[-2:]}\n"
                   f"手机 {phone[:3]}****{phone[-4:]}\n", encoding="utf-8")
    second = tmp_path / "more.csv"
    second.write_text(f"id,mobile\n1,{phone}\n2,{PHONES[4]}\n", encoding="utf-8")
    out, html = tmp_path / "r.json", tmp_path / "r.html"
    pii_guard("scan", str(src), str(second), "--json", str(out), "--html", str(html))
    report = json.loads(out.read_text(encoding="utf-8"))
    cells = {(Path(s["source"]).name, f["entity"]): f for s in report["sources"] for f in s["findings"]}
    log_phone = cells[("calls.log", "CN_PHONE_NUMBER")]
    assert (log_phone["plaintext"], log_phone["distinct_plaintext"], log_phone["masked"], log_phone["weakly_masked"]) == (4, 2, 1, 0)
    log_id = cells[("calls.log", "CN_RESIDENT_ID")]
    assert (log_id["plaintext"], log_id["masked"], log_id["weakly_masked"]) == (0, 2, 1)
    by_entity = report["summary"]["by_entity"]
    assert by_entity["CN_PHONE_NUMBER"]["distinct_plaintext"] == 3  # phone, other, PHONES[4]: across both files
    assert report["summary"]["weakly_masked_values"] == 1
    page = html.read_text(encoding="utf-8")
    assert "Distinct values" in page and "Weakly masked" in page
    assert not leaked(out.read_text(encoding="utf-8") + page) and person[:14] not in out.read_text(encoding="utf-8")


def test_a_missing_file_is_reported_and_a_truncated_log_is_read(tmp_path: Path) -> None:
    """A file named on the command line that is not there is a source that could not be read (it
    had crashed the scan); a log that logrotate's copytruncate left opening with NULs is text."""
    log = tmp_path / "app.log"
    log.write_bytes(b"\x00" * 8192 + "".join(f"INFO callback {PHONES[k]}\n" for k in range(5)).encode())
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(tmp_path / "gone.csv"), str(log), "--json", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    report = json.loads(out.read_text())
    by_name = {Path(s["source"]).name: s for s in report["sources"]}
    assert by_name["gone.csv"]["error"].startswith("could not be read")
    assert sum(f["plaintext"] for f in by_name["app.log"]["findings"]) == 5 and report["skipped"] == []


def test_a_masked_value_of_eighteen_counts_as_an_id_only_with_a_province() -> None:
    """A masked credit code (91**************43) or another 18-character code is no resident ID:
    an ID opens with its province; a masked ID (11**************73, 11**************7X) is one."""
    from pii_guard.scan import masked

    assert [e for e, _, _ in masked.find("信用代码91**************43")] == []
    assert [e for e, _, _ in masked.find("证件11**************73，11**************7X")] == ["CN_RESIDENT_ID"] * 2


def test_a_full_width_masked_id_is_an_id() -> None:
    from pii_guard.scan import masked

    assert [e for e, _, _ in masked.find("证件１１**************７３")] == ["CN_RESIDENT_ID"]


def test_a_dictionary_value_no_row_uses_is_scrubbed_and_counted(tmp_path: Path) -> None:
    """A categorical column after a filter keeps in its dictionary values no row uses any more;
    they are in the file all the same. Scan counts them (once), and scrub does not copy them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    phones = PHONES[:3]
    contact = pa.DictionaryArray.from_arrays(pa.array([0, 0, 0, 0], pa.int32()), pa.array(["N/A", *phones]))
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"i": [1, 2, 3, 4], "contact": contact}), src, row_group_size=2)  # two row groups
    report = tmp_path / "r.json"
    result = pii_guard("scan", str(src), "--json", str(report), "--fail-on", "1")
    assert result.returncode == 3 and not leaked(result.stdout + result.stderr + report.read_text(encoding="utf-8"))
    found = json.loads(report.read_text(encoding="utf-8"))["sources"][0]["findings"]
    assert sum(f["plaintext"] for f in found if f["location"] == "contact") == 3  # each once, over both row groups
    # a value rows of one row group use is in the other's dictionary too: counted as those rows only
    used = tmp_path / "used.parquet"
    pq.write_table(pa.table({"i": [1, 2, 3, 4], "contact": pa.array(phones[:2] * 2).dictionary_encode()}), used, row_group_size=1)
    assert pii_guard("scan", str(used), "--json", str(report)).returncode == 0
    found = json.loads(report.read_text(encoding="utf-8"))["sources"][0]["findings"]
    assert sum(f["plaintext"] for f in found if f["location"] == "contact") == 4
    keys = tmp_path / "keys.json"
    assert pii_guard("keys", "init", "--keyring", str(keys)).returncode == 0
    out = tmp_path / "out.parquet"
    assert pii_guard("scrub", "--keyring", str(keys), str(src), "-o", str(out)).returncode == 0
    assert not leaked(out.read_bytes().decode("latin-1"))
    assert pq.read_table(out).column("contact").to_pylist() == ["N/A"] * 4
    assert pii_guard("scan", str(out), "--fail-on", "1").returncode == 0


def test_a_schema_and_metadata_are_scanned(tmp_path: Path) -> None:
    """A SQLite view's or trigger's literal, a DEFAULT, and Parquet key-value metadata (the file's
    and a column's) are in every copy of the store: scan reports them under (schema), masked, and
    --fail-on counts them (scrub refuses such a file, so an audit must see it too)."""
    import sqlite3

    import pyarrow as pa
    import pyarrow.parquet as pq

    con = sqlite3.connect(tmp_path / "app.db")
    con.executescript(f"CREATE TABLE t (i INTEGER, id_no TEXT DEFAULT '{IDS[0]}');"
                      f"CREATE VIEW v AS SELECT i, '{PHONES[0]}' AS hotline FROM t;"
                      f"CREATE TABLE log (x TEXT); CREATE TRIGGER tr AFTER INSERT ON log BEGIN SELECT '{PHONES[1]}'; END;"
                      f'CREATE TABLE "s{PHONES[4]}" (n INTEGER DEFAULT 0);'  # a name: counted under (names) only
                      f"CREATE TABLE q (a TEXT DEFAULT \"{PHONES[5]}\" -- 客户电话{PHONES[6]}\n, b BLOB DEFAULT X'{PHONES[7].encode().hex()}',"
                      f" c INTEGER CHECK (c BETWEEN 1824 AND 5807302));")
    con.close()
    table = pa.table({"x": ["a"]}).replace_schema_metadata({"owner": f"联系人 {PHONES[2]}"})
    pq.write_table(table, tmp_path / "meta.parquet")
    field = pa.field("x", pa.string(), metadata={"comment": f"call {PHONES[3]}"})
    pq.write_table(pa.Table.from_arrays([pa.array(["a"])], schema=pa.schema([field])), tmp_path / "field.parquet")
    report = tmp_path / "r.json"
    result = pii_guard("scan", str(tmp_path / "app.db"), str(tmp_path / "meta.parquet"), str(tmp_path / "field.parquet"),
                       "--json", str(report), "--fail-on", "1")
    text = report.read_text(encoding="utf-8")
    assert result.returncode == 3 and not leaked(result.stdout + result.stderr + text)
    locations = {(f["location"], f["entity"]) for s in json.loads(text)["sources"] for f in s["findings"]}
    assert locations == {("(schema) table t", "CN_RESIDENT_ID"), ("(schema) view v", "CN_PHONE_NUMBER"),
                         ("(schema) trigger tr", "CN_PHONE_NUMBER"), ("(schema) file metadata", "CN_PHONE_NUMBER"),
                         ("(schema) column x metadata", "CN_PHONE_NUMBER"), ("(names)", "CN_PHONE_NUMBER"),
                         ("(schema) table q", "CN_PHONE_NUMBER")}
    in_q = [f for s in json.loads(text)["sources"] for f in s["findings"] if f["location"] == "(schema) table q"]
    assert [f["plaintext"] for f in in_q] == [3]  # a double-quoted DEFAULT, a comment, a BLOB's text; no CHECK bounds
    named = [f for s in json.loads(text)["sources"] for f in s["findings"] if f["location"] == "(names)"]
    assert [f["plaintext"] for f in named] == [1]


def test_a_sqlite_text_cell_in_gbk_does_not_end_the_scan(tmp_path: Path) -> None:
    """A legacy app wrote GBK into a TEXT column (SQLite does not check): reading it raised, and
    every table after it went unread, so the audit counted nothing. Now the cell is read (as
    GB18030) and the other tables too."""
    import sqlite3

    db = tmp_path / "legacy.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE a_legacy (note TEXT)")
        conn.execute("INSERT INTO a_legacy VALUES (CAST(? AS TEXT))", (f"客户电话{PHONES[0]}".encode("gbk"),))
        conn.execute("CREATE TABLE customers (tel TEXT)")
        conn.executemany("INSERT INTO customers VALUES (?)", [(PHONES[i],) for i in range(1, 4)])
    out = tmp_path / "r.json"
    result = pii_guard("scan", str(db), "--json", str(out))
    report = json.loads(out.read_text())["sources"][0]
    assert result.returncode == 0 and report["error"] is None
    assert sum(f["plaintext"] for f in report["findings"]) == 4


def test_masked_values_are_counted_once(tmp_path: Path) -> None:
    """The display policy's own masks of +86 numbers (+86 138 **** 5670) count as masked, the
    code no digit of the number. Under a column named for an entity, a value that shows more
    digits than a mask may (an ID masked only in its last four, a card cut to 16 digits and a few
    stars) is plaintext, once, not also masked; in a neutral column it is weakly masked."""
    src = tmp_path / "masked.csv"
    phone, pid, card = PHONES[8], IDS[8], synth.bank_card(random.Random(811), prefix="622202", length=19)
    src.write_text(f"phone,idno,银行卡号,remark\n+86 {phone[:3]} **** {phone[-4:]},{pid[:14]}****,{card[:16]} ***,x\n"
                   f"x,x,x,客户手机 +86 {phone[:3]}****{phone[-4:]}，证件{pid[:14]}****\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(out), "--fail-on", "2").returncode == 3
    by_entity = json.loads(out.read_text())["summary"]["by_entity"]
    assert by_entity["CN_PHONE_NUMBER"]["masked"] == 2 and by_entity["CN_PHONE_NUMBER"]["weakly_masked"] == 0
    assert by_entity["CN_RESIDENT_ID"]["plaintext"] == 1 and by_entity["CN_RESIDENT_ID"]["weakly_masked"] == 1
    assert by_entity["CN_BANK_CARD"]["plaintext"] == 1
    assert pid[:14] not in out.read_text() and card[:16] not in out.read_text()


def test_a_key_given_twice_in_json_is_read_both_times(tmp_path: Path) -> None:
    """{"phone": "138…", "phone": "n/a"}: json.loads keeps the last value, a parser that keeps the
    first holds a phone; scrub protects both, and the scan counts it (and --fail-on sees it)."""
    mobile = synth.mobile_number(random.Random(17))
    src = tmp_path / "dup.jsonl"
    src.write_text(f'{{"phone": "{mobile}", "phone": "n/a"}}\n', encoding="utf-8")
    out = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(out), "--fail-on", "1").returncode == 3
    cells = {(f["location"], f["entity"]): f["plaintext"] for f in json.loads(out.read_text(encoding="utf-8"))["sources"][0]["findings"]}
    assert cells == {("$.phone", "CN_PHONE_NUMBER"): 1}


@pytest.mark.parametrize("mask", ["****", "xxxx", "XXXX", "●●●●"])
def test_phones_masked_with_any_mask_character_are_counted_masked(tmp_path: Path, mask: str) -> None:
    src = tmp_path / "m.csv"
    src.write_text(f"name,手机\na,150{mask}6193\nb,139{mask}0021\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert pii_guard("scan", str(src), "--json", str(out)).returncode == 0
    findings = json.loads(out.read_text(encoding="utf-8"))["sources"][0]["findings"]
    assert [(f["location"], f["entity"], f["masked"], f["plaintext"]) for f in findings] == [("手机", "CN_PHONE_NUMBER", 2, 0)]


def test_dimensions_written_with_x_are_no_masked_numbers() -> None:
    from pii_guard.scan import masked

    assert list(masked.find("size 1920x1080x1280x7200")) == []
    assert [e for e, _, _ in masked.find("手机150xxxx6193")] == ["CN_PHONE_NUMBER"]


def test_an_ebcdic_export_is_reported_unreadable_not_clean(tmp_path: Path) -> None:
    """A mainframe export in EBCDIC reads, as GB18030 (as any bytes do), as text with no digit: a
    scan called it clean. It is reported as a source that could not be read (exit 1, incomplete),
    and scrub refuses it with a message that says why; GBK text never looks so."""
    from pii_guard.io.encodings import looks_like_ebcdic

    rng = random.Random(23)
    rows = "".join(f"{i},{synth.mobile_number(rng)},CALL BACK {synth.mobile_number(rng)}\r\n" for i in range(20))
    src = tmp_path / "mainframe.csv"
    src.write_bytes(("CUSTNO,PHONE,NOTE\r\n" + rows).encode("cp037"))
    report = tmp_path / "r.json"
    result = pii_guard("scan", str(src), "--json", str(report))
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    assert result.returncode == 1 and summary["complete"] is False
    out = tmp_path / "out.csv"
    refused = pii_guard("scrub", "--policy", "display", str(src), "-o", str(out))
    assert refused.returncode != 0 and "EBCDIC" in refused.stderr and not out.exists()
    gbk = ("客户投诉：手机号码已变更，请回电。" * 40 + "，".join(synth.mobile_number(rng) for _ in range(5))).encode("gbk")
    assert not looks_like_ebcdic(gbk) and not looks_like_ebcdic(gbk.replace(b"\n", b""))
    assert looks_like_ebcdic(("CUSTNO,PHONE " * 20).encode("cp037"))


def test_what_the_display_policy_masks_in_a_card_column_scan_counts_as_masked(tmp_path: Path) -> None:
    """A company account of 20 digits in a column named for cards is masked whole by scrub
    (对公账户 110012**********0123); scan counted the card beside it as masked and not the account,
    so the totals before and after disagreed (3 plaintext, 2 masked)."""
    rng = random.Random(823)
    card = synth.bank_card(rng, prefix="622202", length=19)
    account = f"1100{rng.randint(10**15, 10**16 - 1)}"
    src, masked_csv = tmp_path / "in.csv", tmp_path / "masked.csv"
    src.write_text(f"id,acct\n1,对公账户 {account}\n2,{card}\n3,卡号 {card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}\n",
                   encoding="utf-8")
    assert pii_guard("scrub", "--policy", "display", str(src), "-o", str(masked_csv)).returncode == 0
    reports = {}
    for name, path in (("before", src), ("after", masked_csv)):
        out = tmp_path / f"{name}.json"
        pii_guard("scan", str(path), "--json", str(out))
        reports[name] = json.loads(out.read_text())["summary"]["by_entity"]["CN_BANK_CARD"]
    assert reports["before"]["plaintext"] == 3
    assert reports["after"]["plaintext"] == 0 and reports["after"]["masked"] == 3


def test_postgresql_schema_literals_are_scanned(tmp_path: Path) -> None:
    """A number written into the schema — a column DEFAULT, a CHECK, a view's WHERE, a comment,
    an enum label, a trigger function's literal — is in every copy of the database; the SQLite
    scan read it under (schema) …, the PostgreSQL scan reported 0."""
    import psycopg

    from tests.servers import postgres

    with postgres() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE TABLE contacts (phone text DEFAULT '{PHONES[20]}', note text CHECK (note <> '{PHONES[21]}'))")
            conn.execute(f"CREATE VIEW vip AS SELECT note FROM contacts WHERE phone = '{PHONES[22]}'")
            conn.execute(f"COMMENT ON TABLE contacts IS '测试号码 {PHONES[23]}'")
            conn.execute(f"CREATE TYPE hotline AS ENUM ('{PHONES[24]}', 'none')")
            conn.execute("CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS "
                         f"$$ BEGIN NEW.note := '回电 {PHONES[25]}'; RETURN NEW; END $$")
        out = tmp_path / "pg.json"
        result = pii_guard("scan", url, "--json", str(out))
        source = json.loads(out.read_text())["sources"][0]
        kinds = {f["location"].split()[1] for f in source["findings"] if f["location"].startswith("(schema)") and f["plaintext"]}
        assert kinds == {"default", "check", "view", "comment", "enum", "function"}
        shown = out.read_text() + result.stdout + result.stderr
        held = not any(PHONES[k] in shown for k in range(20, 26))  # (a failure shows no number)
        assert held


def test_malformed_records_are_counted_where_a_scrub_would_leave_them_out(tmp_path: Path) -> None:
    """A ragged CSV row, a row its encoding does not read and a JSON Lines line that is no JSON
    are scanned all the same, and counted with the first one's line: a scrub under the default
    policy's ``uninspectable: reject`` leaves them out of its output, and an auditor who scans
    first must be told before the rows go missing. A row ending with one empty field after a
    trailing delimiter is no malformed row (scrub reads it as it is)."""
    table = tmp_path / "t.csv"
    rows = ["id,phone,备注\n", f"1,{PHONES[0]},好\n", f"2,{PHONES[1]},好,\n", f"3,{PHONES[2]},extra,field\n",
            f"4,{PHONES[3]}\n"]
    table.write_bytes("".join(rows).encode("utf-8") + f"5,{PHONES[4]},".encode() + "备注".encode("gbk") + b"\n")
    lines = tmp_path / "l.jsonl"
    lines.write_text(json.dumps({"text": f"手机{PHONES[5]}"}, ensure_ascii=False) + "\n"
                     + json.dumps({"text": f"手机{PHONES[6]}"}, ensure_ascii=False)[:-1] + "\n", encoding="utf-8")
    clean = tmp_path / "clean.csv"
    clean.write_text("".join(rows[:3]), encoding="utf-8")
    out_json, out_sarif, out_html = tmp_path / "r.json", tmp_path / "r.sarif", tmp_path / "r.html"
    result = pii_guard("scan", str(table), str(lines), str(clean), "--json", str(out_json), "--sarif", str(out_sarif),
                       "--html", str(out_html))
    assert result.returncode == 0 and not leaked(result.stdout + result.stderr)
    report = json.loads(out_json.read_text(encoding="utf-8"))
    by_source = {Path(s["source"]).name: s for s in report["sources"]}
    assert (by_source["t.csv"]["malformed_records"], by_source["t.csv"]["first_malformed_line"]) == (3, 4)
    assert (by_source["l.jsonl"]["malformed_records"], by_source["l.jsonl"]["first_malformed_line"]) == (1, 2)
    assert (by_source["clean.csv"]["malformed_records"], by_source["clean.csv"]["first_malformed_line"]) == (0, None)
    assert report["summary"]["malformed_records"] == 4 and report["summary"]["complete"]
    # scanned all the same: every phone counted, the malformed rows' included
    assert sum(f["plaintext"] for f in by_source["t.csv"]["findings"]) == 5
    assert sum(f["plaintext"] for f in by_source["l.jsonl"]["findings"]) == 2
    said = {line.split(":")[0]: line for line in result.stdout.splitlines()}
    assert "3 malformed record(s) from line 4" in said[str(table)] and "uninspectable: reject" in said[str(table)]
    assert "record(s)" not in said[str(clean)]
    notes = json.loads(out_sarif.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    warned = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]:
              n["locations"][0]["physicalLocation"]["region"]["startLine"] for n in notes if "malformed" in n["message"]["text"]}
    assert warned == {"t.csv": 4, "l.jsonl": 2}
    html = out_html.read_text(encoding="utf-8")
    assert 'id="malformed">4 malformed record(s)' in html
    for path in (out_json, out_sarif, out_html):
        assert not leaked(path.read_text(encoding="utf-8"))
    # what the scan announced is what the default policy's scrub leaves out, by line
    keyring = tmp_path / "k.json"
    pii_guard("keys", "init", "--keyring", str(keyring))
    scrubbed = pii_guard("scrub", "--keyring", str(keyring), str(table), "-o", str(tmp_path / "out.csv"))
    assert scrubbed.returncode == 1 and not leaked(scrubbed.stdout + scrubbed.stderr)
    assert len((tmp_path / "out.csv").read_bytes().splitlines()) == 1 + 2  # the header and the two sound rows


def test_malformed_records_are_what_scrub_refuses(tmp_path: Path) -> None:
    """Scan counts as malformed what a scrub under ``uninspectable: reject`` refuses, and nothing
    else (found by the session's review): a JSON Lines line its encoding does not read, or nested
    deeper than the policy's limit, is counted; a document pretty-printed over many lines in a
    ``.jsonl`` file (read whole by scrub) is not; a text file's line in another encoding is
    counted; a CSV whose header is in the other encoding than its rows is read by the header's
    own names, as scrub reads it, and its rows are sound."""
    keyring = tmp_path / "k.json"
    pii_guard("keys", "init", "--keyring", str(keyring))
    lines = tmp_path / "l.jsonl"
    deep = "[" * 70 + json.dumps(f"手机{PHONES[8]}", ensure_ascii=False) + "]" * 70
    lines.write_bytes((json.dumps({"text": f"手机{PHONES[7]}"}, ensure_ascii=False) + "\n").encode("utf-8")
                      + json.dumps({"text": f"手机{PHONES[9]}", "note": "备注"}, ensure_ascii=False).encode("gbk") + b"\n"
                      + (deep + "\n").encode("utf-8"))
    pretty = tmp_path / "p.jsonl"
    pretty.write_text(json.dumps([{"phone": PHONES[10]}, {"phone": PHONES[11]}], indent=2), encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_bytes(f"第一行 {PHONES[12]}\n".encode("utf-8") + f"第二行 {PHONES[13]}\n".encode("gbk") + "第三行\n".encode("utf-8"))
    table = tmp_path / "h.csv"
    table.write_bytes("姓名|身份证|手机\n".encode("utf-8") + "".join(f"张三|{IDS[k]}|{PHONES[k]}\n" for k in (14, 15, 16)).encode("gbk"))
    report_path = tmp_path / "r.json"
    result = pii_guard("scan", str(lines), str(pretty), str(text), str(table), "--json", str(report_path))
    assert result.returncode == 0 and not leaked(result.stdout + result.stderr)
    by_source = {Path(s["source"]).name: s for s in json.loads(report_path.read_text(encoding="utf-8"))["sources"]}
    counted = {name: (s["malformed_records"], s["first_malformed_line"]) for name, s in by_source.items()}
    assert counted == {"l.jsonl": (2, 2), "p.jsonl": (0, None), "t.txt": (1, 2), "h.csv": (0, None)}
    assert sum(f["plaintext"] for f in by_source["l.jsonl"]["findings"]) == 3
    assert sum(f["plaintext"] for f in by_source["p.jsonl"]["findings"]) == 2
    assert sum(f["plaintext"] for f in by_source["t.txt"]["findings"]) == 2
    # … and scrub agrees: what scan counted is refused by line, what it did not is written
    for source, refused in ((lines, 2), (pretty, 0), (text, 1), (table, 0)):
        out = tmp_path / f"out{source.suffix}"
        scrubbed = pii_guard("scrub", "--keyring", str(keyring), str(source), "-o", str(out))
        assert not leaked(scrubbed.stdout + scrubbed.stderr)
        assert (scrubbed.returncode, scrubbed.stderr.count("rejected")) == ((1, refused) if refused else (0, 0)), source.name
