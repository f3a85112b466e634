"""Spark throughput: local[1] vs local[2], and per-row overhead vs ``pii-guard scrub``, in one run.

Usage::

    python -m benchmarks.spark_bench [--rows 200000]

Generates a Parquet data set (id, phone, complaint note with an ID and a card, score) under
``benchmarks/out/``, protects it with the complaints policy through ``pii_guard.spark.protect`` on
Spark ``local[1]`` and ``local[2]`` (write to Parquet included, JVM start-up excluded), the same on
``local[1]`` with one pandas UDF per string column instead of ``mapInArrow``, and scrubs
the same data with ``pii-guard scrub --workers 1``. Prints rows/s, MB/s and the per-row cost of
each.

On a real cluster, ship pii-guard installed in a packed virtual environment (it has native
dependencies and package data, so a ``--py-files`` zip does not work) and the key file with
``--files``; README.md ("On Apache Spark") has the commands::

    python -m venv pii-env && pii-env/bin/pip install 'dist/pii_guard-0.1.0-py3-none-any.whl[spark]' venv-pack
    pii-env/bin/venv-pack -o pii-env.tar.gz
    spark-submit --master yarn --deploy-mode cluster --archives pii-env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python --files keys.json \\
        pii-env/lib/python3.11/site-packages/pii_guard/cli.py spark-scrub s3://lake/in -o s3://lake/out --keyring keys.json
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import synth

OUT = Path(__file__).resolve().parent / "out"


def make_dataset(path: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(3)
    path.mkdir(parents=True, exist_ok=True)
    per_file = 10_000  # several files, so local[2] gets several tasks
    for part, start in enumerate(range(0, rows, per_file)):
        n = min(per_file, rows - start)
        table = pa.table({
            "id": list(range(start, start + n)),
            "phone": [synth.mobile_number(rng) for _ in range(n)],
            "note": [f"客户投诉代理退保，身份证{synth.resident_id(rng)}，扣款卡{synth.bank_card(rng)}，请回电。" for _ in range(n)],
            "score": [rng.random() for _ in range(n)],
        })
        pq.write_table(table, path / f"part-{part}.parquet")


def pandas_udf_protect(df, policy: str, keyring: str, columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The alternative design the issue asks to measure: one Series-to-Series pandas UDF per string
    column, the same per-executor guard and the same ``Guard.value_edits`` per value."""
    import pandas as pd
    from pyspark.sql.functions import col, pandas_udf

    from pii_guard.edits import apply_edits
    from pii_guard.spark import _executor_guard, _policy_text
    from pii_guard.walk import child

    text, source = _policy_text(policy)

    def protected(name: str):  # type: ignore[no-untyped-def]
        path = child("$", name)

        def run(values):  # type: ignore[no-untyped-def]
            guard = _executor_guard(text, source, keyring)
            return values.map(lambda v: v if v is None else apply_edits(v, guard.value_edits(path, v)))

        run.__annotations__ = {"values": pd.Series, "return": pd.Series}  # real types: this module's are strings
        return pandas_udf("string")(run)(col(name)).alias(name)

    return df.select(*[protected(n) if n in columns else col(n) for n in df.columns])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args(argv)
    import os

    from pyspark.sql import SparkSession

    from pii_guard import keys

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pii_guard.spark import protect

    data = OUT / f"spark_{args.rows}"
    if not data.exists():
        make_dataset(data, args.rows)
    size = sum(p.stat().st_size for p in data.glob("*.parquet"))
    work = Path(tempfile.mkdtemp())
    ring = work / "keys.json"
    keys.FileKeyProvider(ring).create(keys.new_keyring_data())
    print(f"# spark benchmark: {args.rows} rows, {size / 1e6:.1f} MB of Parquet, complaints policy (encrypt)")
    results = {}
    for master in ("local[1]", "local[2]"):
        spark = (SparkSession.builder.master(master).appName("bench").config("spark.ui.enabled", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        spark.range(10).count()  # JVM and Python workers warm
        arrow = ("mapInArrow", master, lambda df: protect(df, "complaints", str(ring)))
        # Every run twice, the second counted: the first pays for starting and warming the Python
        # workers. mapInArrow's figure includes protect()'s probing scan of the numeric "score"
        # column (fail-closed planning); the pandas UDFs skip numeric columns.
        runs = [arrow, arrow]
        if master == "local[1]":
            pandas = ("pandas UDF", "pandas_udf",
                      lambda df: pandas_udf_protect(df, "complaints", str(ring), ("phone", "note")))
            runs = [arrow, pandas, arrow, pandas]
        for i, (label, key, build) in enumerate(runs):
            start = time.perf_counter()
            build(spark.read.parquet(str(data))).write.mode("overwrite").parquet(str(work / key))
            seconds = time.perf_counter() - start
            results[key] = seconds
            print(f"  {master:<9} {label:<11} {seconds:6.1f} s  {args.rows / seconds:9.0f} rows/s  "
                  f"{size / 1e6 / seconds:5.2f} MB/s (Parquet)  {seconds / args.rows * 1e6:6.1f} µs/row")
        spark.stop()
    from pii_guard.guard import Guard, Stats
    from pii_guard.io.columnar import scrub_parquet

    guard = Guard("complaints", keys.load_keyring(ring))
    start = time.perf_counter()
    for i, f in enumerate(sorted(data.glob("*.parquet"))):  # the code path of `pii-guard scrub`, in-process
        scrub_parquet(guard, f, work / f"s{i}.parquet", Stats(), workers=1)
    local = time.perf_counter() - start
    print(f"  pii-guard scrub, 1 worker: {local:6.1f} s  {args.rows / local:9.0f} rows/s  {local / args.rows * 1e6:6.1f} µs/row")
    print(f"  mapInArrow vs pandas UDFs on local[1]: {results['pandas_udf'] / results['local[1]']:.2f}x")
    print(f"  local[2] vs local[1]: {results['local[1]'] / results['local[2]']:.2f}x; "
          f"Spark local[1] overhead per row vs pii-guard scrub: {(results['local[1]'] - local) / args.rows * 1e6:+.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
