"""Scrub throughput on a generated CSV export: 1 worker vs all, 20 MB vs 200 MB, vs stock Presidio.

Usage::

    python -m benchmarks.scrub_bench [--size-mb 200] [--presidio-seconds 20]

Writes ``benchmarks/out/export_<N>mb.csv`` (id, name, phone, id_number, bank_card, complaint text,
amount, created_at; synthetic numbers with valid check digits, complaint texts from
``benchmarks.corpus``), then runs ``pii-guard scrub`` (complaints policy: encrypt) as a user would,
as a subprocess, and reports MB/s, MB/s per worker, peak memory (max RSS of the scrub and its
workers) and how time grows from 20 MB to the full size. A "straightforward stock-Presidio scrub"
(AnalyzerEngine + AnonymizerEngine ``replace`` on every text cell) runs on a time-bounded sample of
the same rows; its MB/s is extrapolated and labelled so. All from one run.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus, synth
from pii_guard import _core

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def write_export(path: Path, size_mb: float, seed: int = 11) -> int:
    rng = random.Random(seed)
    texts = [r["text"].replace("\n", " ") for r in corpus.generate(3000, seed=seed, family="dev")]
    target = int(size_mb * 1e6)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "phone", "id_number", "bank_card", "complaint", "amount", "created_at"])
        written = 0
        while written < target:
            buf = io.StringIO()
            w = csv.writer(buf)
            for _ in range(1000):
                rows += 1
                w.writerow([rows, "张某", synth.mobile_number(rng), synth.resident_id(rng), synth.bank_card(rng),
                            rng.choice(texts), f"{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}",
                            f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:{rng.randint(10, 59)}:00"])
            chunk = buf.getvalue()
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return rows


def run_scrub(src: Path, workers: int, keyring: Path) -> dict[str, float]:
    out = Path(tempfile.mkdtemp()) / "out.csv"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    exe = Path(sys.executable).parent / "pii-guard"
    subprocess.run([str(exe), "scrub", "--keyring", str(keyring), "--workers", str(workers), str(src), "-o", str(out)],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = src.stat().st_size
    out.unlink()
    return {"seconds": seconds, "mb_per_s": size / 1e6 / seconds, "per_worker": size / 1e6 / seconds / workers,
            "peak_rss_mb": max(peak, before) / 1024}


def presidio_scrub(src: Path, seconds: float) -> dict[str, float]:
    from presidio_anonymizer import AnonymizerEngine

    from benchmarks.presidio_baseline import build_stock_analyzer

    analyzer, anonymizer = build_stock_analyzer(), AnonymizerEngine()
    done_bytes = rows = 0
    start = time.perf_counter()
    with src.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            for cell in row:
                results = analyzer.analyze(text=cell, language="zh")
                anonymizer.anonymize(text=cell, analyzer_results=results)
            done_bytes += len(",".join(row).encode("utf-8")) + 2
            rows += 1
            if time.perf_counter() - start > seconds:
                break
    elapsed = time.perf_counter() - start
    return {"rows": rows, "mb_per_s": done_bytes / 1e6 / elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--presidio-seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    from pii_guard import keys

    keyring = Path(tempfile.mkdtemp()) / "keys.json"
    keys.FileKeyProvider(keyring).create(keys.new_keyring_data())
    small, big = OUT / "export_20mb.csv", OUT / f"export_{args.size_mb:g}mb.csv"
    for path, size in ((small, min(20.0, args.size_mb)), (big, args.size_mb)):
        if not path.exists() or abs(path.stat().st_size / 1e6 - size) > 1:
            rows = write_export(path, size)
            print(f"generated {path.name}: {path.stat().st_size / 1e6:.0f} MB, {rows} rows")
    cores = os.cpu_count() or 1
    print(f"# scrub benchmark: complaints policy (encrypt), CSV with 8 columns; {cores} CPUs; {_core.describe()}")
    results = {}
    for label, path, workers in (("20 MB, 1 worker", small, 1), (f"{args.size_mb:g} MB, 1 worker", big, 1),
                                 (f"{args.size_mb:g} MB, {cores} workers", big, cores)):
        r = run_scrub(path, workers, keyring)
        results[label] = r
        print(f"  {label:<24} {r['seconds']:7.1f} s  {r['mb_per_s']:6.1f} MB/s  {r['per_worker']:6.1f} MB/s per worker  "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")
    one = results[f"{args.size_mb:g} MB, 1 worker"]
    many = results[f"{args.size_mb:g} MB, {cores} workers"]
    growth = one["seconds"] / results["20 MB, 1 worker"]["seconds"]
    print(f"  scaling {cores} workers vs 1: {many['mb_per_s'] / one['mb_per_s']:.2f}x (linear would be {cores}x)")
    print(f"  time growth 20 MB -> {args.size_mb:g} MB: {growth:.1f}x for {args.size_mb / 20:.0f}x the data")
    stock = presidio_scrub(small, args.presidio_seconds)
    print(f"  stock Presidio scrub (analyze + anonymize every cell), first {stock['rows']} rows, time-bounded sample, "
          f"extrapolated: {stock['mb_per_s']:.3f} MB/s -> pii-guard 1 worker is {one['mb_per_s'] / stock['mb_per_s']:.0f}x")
    print(f"  target >= 25 MB/s per worker: {'met' if one['per_worker'] >= 25 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
