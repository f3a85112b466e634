"""pii-guard on Apache Spark: protect and scan DataFrames with the same Guard, policies and keys.

Three lines for a Spark user::

    from pii_guard.spark import protect
    df = spark.read.parquet("s3://lake/complaints/")
    protect(df, policy="complaints").write.parquet("s3://lake/complaints_protected/")

How it runs: ``mapInArrow`` hands each executor Arrow record batches; the guard is built **once
per executor Python process** (cached by policy text and keyring source) and applied column by
column, exactly as ``pii-guard scrub`` does (``Guard.value_edits`` with ``$.<column>`` as the
path), so deterministic tokens are byte-identical between the two.

Keys never enter the query plan or the logs: the closure shipped to executors holds the policy
*text* (no secrets) and at most a key-file *path*. Executors load keys themselves, from that path
(ship the file with ``spark-submit --files keys.json`` and pass ``keyring="keys.json"``: it is
resolved with ``SparkFiles.get``) or from a key file that your cluster's secret store mounts on the
executors, named by ``$PII_GUARD_KEYRING``. Never put the keys themselves into
``spark.executorEnv.PII_GUARD_KEYS``: Spark shows executor environment values in its UI and event
logs.

Columns: string columns are scanned or protected per the policy. Numeric columns become string
columns when a field rule names them or when a first, probing scan finds PII in them (the output
schema must be known before the first batch). Nested and binary columns are refused unless a field
rule keeps them.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from pii_guard import config
from pii_guard.edits import apply_edits
from pii_guard.guard import Guard, Stats
from pii_guard.walk import child

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

_GUARDS: dict[tuple[str, str | None], Guard] = {}


def _policy_text(policy: str | Path) -> tuple[str, str]:
    from pii_guard.policy import default_directory

    path = Path(policy)
    if not path.exists() and path.suffix == "" and "/" not in str(policy):
        path = default_directory() / f"{policy}.yaml"
    return path.read_text(encoding="utf-8"), str(path)


def _executor_guard(policy_text: str, source: str, keyring: str | None) -> Guard:
    """The guard of this executor process (built on first use, then reused)."""
    key = (hashlib.sha256(policy_text.encode()).hexdigest(), keyring)
    guard = _GUARDS.get(key)
    if guard is None:
        from pii_guard.detect import Detector
        from pii_guard.keys import configured_keyring
        from pii_guard.policy import parse

        path = keyring
        if path is not None and not Path(path).exists():
            try:
                from pyspark import SparkFiles

                path = SparkFiles.get(Path(path).name)
            except Exception:  # not inside a Spark job: keep the path as given
                pass
        ring = configured_keyring(path)
        detector = Detector.default()
        guard = Guard(parse(config.loads(policy_text, source), detector.entities), ring, detector)
        _GUARDS[key] = guard
    return guard


def _plan(df: "DataFrame", guard: Guard) -> tuple[list[str], set[str], Any]:
    """Which columns to protect and the output schema.

    String columns are protected. Numeric columns (integers, floats, decimals) are protected —
    as strings — when a field rule names them or when a probing scan finds PII in them. Nested
    and binary columns are refused unless a field rule keeps them: fail closed.
    """
    from pyspark.sql.types import (ArrayType, BinaryType, DecimalType, DoubleType, FloatType, IntegerType, LongType,
                                   MapType, ShortType, StringType, StructField, StructType)

    numeric = (IntegerType, LongType, ShortType, FloatType, DoubleType, DecimalType)
    strings: list[str] = []
    refused = [f.name for f in df.schema.fields if isinstance(f.dataType, (StructType, ArrayType, MapType, BinaryType))
               and guard.compiled.field_mode(child("$", f.name))[0] != "keep"]
    if refused:
        raise ValueError(f"cannot inspect nested or binary column(s) {', '.join(refused)}; "
                         "name them in a policy field rule with mode keep to copy them unchanged")
    probe = [f.name for f in df.schema.fields if isinstance(f.dataType, numeric)
             and guard.compiled.field_mode(child("$", f.name))[0] != "keep"]
    to_string: set[str] = set()
    if probe:
        named = {n for n in probe if guard.compiled.field_rule(child("$", n)) is not None}
        report = scan(df.select(*[n for n in probe if n not in named]), "probe") \
            if set(probe) - named else {"sources": [{"findings": []}]}
        found = {f["location"] for f in report["sources"][0]["findings"] if f["plaintext"]}
        to_string = named | found
    fields = []
    for f in df.schema.fields:
        if isinstance(f.dataType, StringType):
            strings.append(f.name)
            fields.append(f)
        elif f.name in to_string:
            fields.append(StructField(f.name, StringType(), f.nullable, f.metadata))
        else:
            fields.append(f)
    return strings, to_string, StructType(fields)


def protect(df: "DataFrame", policy: str | Path = "complaints", keyring: str | None = None) -> "DataFrame":
    """A DataFrame with every PII value protected by ``policy`` (lazy, like any transformation)."""
    text, source = _policy_text(policy)
    driver_guard = _executor_guard(text, source, keyring)  # validates policy and keys on the driver, early
    strings, ints, out_schema = _plan(df, driver_guard)
    targets = set(strings) | ints

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        guard = _executor_guard(text, source, keyring)
        stats = Stats()
        for batch in batches:
            arrays = []
            for name in batch.schema.names:
                column = batch.column(name)
                if name in targets:
                    path = child("$", name)
                    values = []
                    for value in column.to_pylist():
                        if value is None or isinstance(value, bool):
                            values.append(value)
                            continue
                        if isinstance(value, float) and math.isfinite(value) and value == int(value) and 0 <= value < 1e24:
                            value = int(value)  # 13812345678.0
                        elif not isinstance(value, (str, int, float)) and value.is_finite() and value == int(value):
                            value = int(value)  # a decimal card number
                        raw = str(value)
                        edits = guard.value_edits(path, raw, isinstance(value, int), stats)
                        values.append(apply_edits(raw, edits) if edits else (raw if name in ints else value))
                    column = pa.array(values, type=pa.string())
                arrays.append(column)
            yield pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)

    return df.mapInArrow(run, out_schema)


def scan(df: "DataFrame", source: str = "dataframe", json_path: str | None = None) -> dict[str, Any]:
    """Counts per column and entity across the cluster, in the JSON report format of ``pii-guard scan``;
    with ``json_path``, also written there as ``pii-guard scan --json`` writes it."""
    import datetime as dt

    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    from pii_guard.scan.report import MAX_EVIDENCE, SourceReport, to_json, write_json

    started = dt.datetime.now(dt.timezone.utc)
    columns = [f.name for f in df.schema.fields if isinstance(f.dataType, StringType) or type(f.dataType).__name__ in
               ("IntegerType", "LongType", "ShortType", "FloatType", "DoubleType", "DecimalType")]
    out_schema = StructType([StructField("location", StringType()), StructField("entity", StringType()),
                             StructField("plaintext", LongType()), StructField("protected", LongType()),
                             StructField("masked", LongType()), StructField("weakly_masked", LongType()),
                             StructField("evidence", StringType()),
                             StructField("rows", LongType())])

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from pii_guard.scan.scanner import Scanner

        scanner = Scanner()
        report = SourceReport(source, "spark")
        rows = 0
        for batch in batches:
            rows += batch.num_rows
            for name in columns:
                for value in batch.column(name).to_pylist():
                    if value is None or isinstance(value, bool):
                        continue
                    if not isinstance(value, (str, int)):
                        try:  # 13812345678.0 and Decimal('6222…') are scanned as the integers they are
                            if value == int(value) and 0 <= value < 10**24:
                                value = int(value)
                        except (OverflowError, ValueError, ArithmeticError):
                            pass
                    scanner.scan_value(report, name, str(value))
        cells = sorted(report.cells.items())
        yield pa.RecordBatch.from_pylist(
            [{"location": loc, "entity": ent, "plaintext": c.plaintext, "protected": c.protected, "masked": c.masked,
              "weakly_masked": c.weakly_masked, "evidence": "\x1f".join(c.evidence), "rows": 0} for (loc, ent), c in cells]
            + [{"location": "", "entity": "", "plaintext": 0, "protected": 0, "masked": 0, "weakly_masked": 0, "evidence": "",
                "rows": rows}],
            schema=pa.schema([("location", pa.string()), ("entity", pa.string()), ("plaintext", pa.int64()),
                              ("protected", pa.int64()), ("masked", pa.int64()), ("weakly_masked", pa.int64()),
                              ("evidence", pa.string()), ("rows", pa.int64())]))

    partial = df.select(*columns).mapInArrow(run, out_schema)
    grouped = partial.groupBy("location", "entity").agg(
        F.sum("plaintext").alias("plaintext"), F.sum("protected").alias("protected"), F.sum("masked").alias("masked"),
        F.sum("weakly_masked").alias("weakly_masked"),
        F.first(F.when(F.col("evidence") != "", F.col("evidence")), ignorenulls=True).alias("evidence"),
        F.sum("rows").alias("rows")).collect()
    report = SourceReport(source, "spark")
    for row in grouped:
        if row["location"] == "":
            report.rows = int(row["rows"])
            continue
        cell = report.cell(row["location"], row["entity"])
        cell.plaintext, cell.protected, cell.masked = int(row["plaintext"]), int(row["protected"]), int(row["masked"])
        cell.weakly_masked = int(row["weakly_masked"])  # distinct values are not counted across executors
        cell.evidence = (row["evidence"] or "").split("\x1f")[:MAX_EVIDENCE] if row["evidence"] else []
    result = to_json([report], started, dt.datetime.now(dt.timezone.utc))
    if json_path is not None:
        write_json(result, json_path)
    return result


def spark_scrub(input_path: str, output: str, policy: str | Path = "complaints", keyring: str | None = None,
                fmt: str = "parquet", master: str | None = None) -> int:
    """Read a Parquet/CSV/JSON directory, protect it, write it; returns rows written."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("pii-guard spark-scrub")
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers must run this interpreter (with pyarrow and pii-guard), not whatever
            # `python3` is first on PATH. On a cluster, spark-submit's own settings decide.
            import os
            import sys

            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    try:
        reader = spark.read
        if fmt == "csv":
            df = reader.option("header", True).csv(input_path)
        elif fmt == "json":
            df = reader.json(input_path)
        else:
            df = reader.parquet(input_path)
        protected = protect(df, policy, keyring)
        writer = protected.write.mode("errorifexists")
        if fmt == "csv":
            writer.option("header", True).csv(output)
        elif fmt == "json":
            writer.json(output)
        else:
            writer.parquet(output)
        return spark.read.parquet(output).count() if fmt == "parquet" else protected.count()
    finally:
        spark.stop()
