"""pii_guard.spark on Spark local[2] against real Parquet files."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

import pytest

from benchmarks import synth
from pii_guard import keys
from pii_guard.guard import Guard
from tests.test_cli import pii_guard

pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by the test extras")

RNG = random.Random(909)
ROWS = [(i, synth.mobile_number(RNG), f"身份证{synth.resident_id(RNG)}，卡号{synth.bank_card(RNG, prefix='622202', length=19)}",
         float(i)) for i in range(400)]


@pytest.fixture(scope="module")
def spark() -> Iterator["pyspark.sql.SparkSession"]:
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this venv's interpreter
    session = (SparkSession.builder.master("local[2]").appName("pii-guard tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path_factory.mktemp("lake")
    table = pa.table({"id": [r[0] for r in ROWS], "phone": [r[1] for r in ROWS], "note": [r[2] for r in ROWS],
                      "score": [r[3] for r in ROWS]})
    (root / "complaints").mkdir()
    pq.write_table(table.slice(0, 200), root / "complaints" / "part-0.parquet")
    pq.write_table(table.slice(200), root / "complaints" / "part-1.parquet")
    keyring = root / "keys.json"
    keys.FileKeyProvider(keyring).create(keys.new_keyring_data())
    return root, keyring


def secrets() -> list[str]:
    return [r[1] for r in ROWS] + [r[2][3:21] for r in ROWS]


def test_protect_matches_pii_guard_scrub_and_reveals(spark, lake, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from pii_guard.spark import protect

    root, keyring = lake
    policy = tmp_path / "tok.yaml"
    policy.write_text("name: tok\nentities:\n  CN_PHONE_NUMBER: {action: tokenize}\n  CN_RESIDENT_ID: {action: tokenize}\n"
                      "  CN_BANK_CARD: {action: tokenize}\n")
    df = spark.read.parquet(str(root / "complaints"))
    rows = sorted(protect(df, policy, str(keyring)).collect(), key=lambda r: r["id"])
    assert [r["id"] for r in rows] == list(range(400)) and rows[0]["score"] == 0.0
    flat = json.dumps([r.asDict() for r in rows], ensure_ascii=False)
    leaked = any(s in flat for s in secrets())
    assert not leaked
    # pii-guard scrub on the same file gives byte-identical deterministic tokens
    out = tmp_path / "scrubbed.parquet"
    assert pii_guard("scrub", "--policy", str(policy), "--keyring", str(keyring),
                     str(root / "complaints" / "part-0.parquet"), "-o", str(out)).returncode == 0
    local = pq.read_table(out).to_pylist()
    same = [(r["phone"], r["note"]) for r in local] == [(r["phone"], r["note"]) for r in rows[:200]]
    assert same

    encrypted = sorted(protect(df, "complaints", str(keyring)).collect(), key=lambda r: r["id"])
    guard = Guard("audit", keys.load_keyring(keyring))
    back = [(guard.reveal_text(r["phone"], "$.phone"), guard.reveal_text(r["note"], "$.note")) for r in encrypted]
    exact = back == [(r[1], r[2]) for r in ROWS]
    assert exact


def test_scan_aggregates_across_the_cluster(spark, lake, tmp_path: Path) -> None:
    from pii_guard.spark import protect, scan

    root, keyring = lake
    df = spark.read.parquet(str(root / "complaints"))
    written = Path(tmp_path) / "report.json"
    raw = scan(df, "lake/complaints", json_path=str(written))
    assert json.loads(written.read_text(encoding="utf-8")) == raw
    cells = {(f["location"], f["entity"]): f for f in raw["sources"][0]["findings"]}
    assert raw["sources"][0]["rows_scanned"] == 400
    assert cells[("phone", "CN_PHONE_NUMBER")]["plaintext"] == 400 and cells[("note", "CN_BANK_CARD")]["plaintext"] == 400
    assert not any(s in json.dumps(raw, ensure_ascii=False) for s in secrets())
    clean = scan(protect(df, "complaints", str(keyring)))
    assert clean["summary"]["plaintext_findings"] == 0 and clean["summary"]["protected_values"] == 1200


def test_spark_scrub_command(lake, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    root, keyring = lake
    out = tmp_path / "protected"
    result = pii_guard("spark-scrub", str(root / "complaints"), "-o", str(out), "--keyring", str(keyring), "--master", "local[2]")
    assert result.returncode == 0, result.stderr[-2000:]
    table = pq.read_table(out)
    assert table.num_rows == 400 and table.column_names == ["id", "phone", "note", "score"]
    leaked = any(s in json.dumps(table.to_pylist(), ensure_ascii=False) for s in secrets())
    assert not leaked


def test_numeric_columns_are_probed_and_nested_ones_refused(spark, lake) -> None:
    from pyspark.sql import Row

    from pii_guard.spark import protect

    _root, keyring = lake
    mobile = ROWS[0][1]
    df = spark.createDataFrame([Row(id=1, phone=int(mobile), amount=12.5)])
    out = protect(df, "complaints", str(keyring)).collect()[0]
    assert isinstance(out["phone"], str) and mobile not in out["phone"] and out["id"] == 1 and out["amount"] == 12.5
    nested = spark.createDataFrame([Row(c=Row(phone=mobile))])
    with pytest.raises(ValueError, match="nested"):
        protect(nested, "complaints", str(keyring))


def test_key_file_shipped_with_the_job_reaches_the_executors(spark, lake, tmp_path: Path) -> None:
    # What `spark-submit --files keys.json` does: the file is added to the job and executors find
    # it by name through SparkFiles (where Spark copies it with mode 711, which must be accepted).
    import shutil

    from pyspark import SparkFiles

    from pii_guard.spark import protect

    root, keyring = lake
    shipped = tmp_path / "shipped-keys.json"
    shutil.copy(keyring, shipped)
    shipped.chmod(0o600)
    spark.sparkContext.addFile(str(shipped))
    assert not Path("shipped-keys.json").exists() and Path(SparkFiles.get("shipped-keys.json")).exists()
    df = spark.read.parquet(str(root / "complaints"))
    rows = sorted(protect(df, "complaints", "shipped-keys.json").collect(), key=lambda r: r["id"])
    guard = Guard("audit", keys.load_keyring(keyring))
    exact = [guard.reveal_text(r["phone"], "$.phone") for r in rows] == [r[1] for r in ROWS]
    assert exact


def test_spark_scrub_refuses_nested_columns_with_a_clear_error(lake, tmp_path: Path) -> None:
    _root, keyring = lake
    src = tmp_path / "nested"
    src.mkdir()
    (src / "part-0.json").write_text(json.dumps({"complainant": {"phone": ROWS[0][1]}, "text": "无"}) + "\n")
    result = pii_guard("spark-scrub", str(src), "-o", str(tmp_path / "out"), "--format", "json",
                       "--keyring", str(keyring), "--master", "local[1]")
    assert result.returncode == 2 and "nested" in result.stderr and "Traceback" not in result.stderr
    assert ROWS[0][1] not in result.stderr + result.stdout
