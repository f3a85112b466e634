"""The compiled core (pii_guard/_core.py, scripts/build_core.py): it computes what the source
computes, ``PII_GUARD_PURE=1`` runs the source, and an extension older than its source is never
run. The build is made by scripts/setup.sh; without one (no C compiler) these tests skip."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import corpus, synth
from pii_guard import _core

ROOT = Path(__file__).resolve().parent.parent
needs_build = pytest.mark.skipif(not _core.compiled_build(), reason="no compiled core here (scripts/build_core.py)")

#: Prints, as JSON, every finding on the texts given as JSON on stdin, and which core ran.
_FINDINGS = """
import json, sys
from pii_guard import _core
from pii_guard.detect import Detector
d = Detector.default()
texts = json.load(sys.stdin)
print(json.dumps({"compiled": _core.compiled(),
                  "findings": [[list(f) for f in d.analyze(t)] for t in texts]}))
"""


def _texts() -> list[str]:
    rng = random.Random(20261130)
    texts = [r["text"] for r in corpus.generate(600, seed=31, family="dev")]
    for _ in range(400):  # grouped numbers beside letters, marks and other numbers
        number = rng.choice((synth.mobile_number, synth.resident_id, synth.bank_card))(rng)
        cut = rng.randint(3, len(number) - 3)
        texts.append(rng.choice(("", "卡号", "ID", "+", "(", "订单号", "a")) + number[:cut]
                     + rng.choice((" ", "-", "  ", "\n", "\t")) + number[cut:] + rng.choice(("", "X", "x12", " 2023", "年")))
    return texts


def _run(env: dict[str, str], texts: list[str], path: Path = ROOT) -> dict:
    result = subprocess.run([sys.executable, "-c", _FINDINGS], input=json.dumps(texts), capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(path), **env}, cwd=path, timeout=300)
    assert result.returncode == 0, "the detector process failed"
    return {**json.loads(result.stdout), "stderr": result.stderr}


@needs_build
def test_compiled_core_finds_what_the_source_finds() -> None:
    texts = _texts()
    compiled = _run({"PII_GUARD_PURE": "0"}, texts)
    pure = _run({"PII_GUARD_PURE": "1"}, texts)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert sum(map(len, pure["findings"])) > 1000  # the texts do hold numbers
    differing = [i for i, (a, b) in enumerate(zip(compiled["findings"], pure["findings"])) if a != b]
    assert differing == []


def _copy_with_build(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "pii_guard", tmp_path / "pii_guard", ignore=shutil.ignore_patterns("__pycache__"))
    shared = _core.shared_library()
    assert shared is not None
    shutil.copy2(shared, tmp_path)
    shutil.copytree(ROOT / "recognizers", tmp_path / "recognizers")


@needs_build
def test_an_extension_older_than_its_source_is_not_run(tmp_path: Path) -> None:
    # A copy of the package with its build, one compiled source edited after the build.
    _copy_with_build(tmp_path)
    (tmp_path / "pii_guard" / "validators" / "luhn.py").open("a", encoding="utf-8").write("\n# edited\n")
    texts = ["卡号 6222021234567890123，手机13812345678"]
    copy = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path)
    assert copy["compiled"] is False  # the whole group runs from source: not just the edited module
    assert "older than its source (pii_guard.validators.luhn)" in copy["stderr"]
    assert copy["findings"] == _run({"PII_GUARD_PURE": "1"}, texts)["findings"]


@needs_build
def test_an_extension_left_by_an_older_build_is_not_run(tmp_path: Path) -> None:
    # An older build compiled a module this one does not: Python would import its extension.
    _copy_with_build(tmp_path)
    suffix = _core.extension_of("pii_guard.detect.detector").name.removeprefix("detector")
    (tmp_path / "pii_guard" / f"walk{suffix}").write_bytes(b"not an extension module")
    texts = ["手机13812345678"]
    copy = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path)
    assert copy["compiled"] is False and "pii_guard.walk" in copy["stderr"]
    assert copy["findings"] == _run({"PII_GUARD_PURE": "1"}, texts)["findings"]


def test_pure_runs_the_source() -> None:
    result = _run({"PII_GUARD_PURE": "1"}, ["手机13812345678"])
    assert result["compiled"] is False
    assert [f[0] for f in result["findings"][0]] == ["CN_PHONE_NUMBER"]


def test_stale_check_compares_with_the_build_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "build.json"
    monkeypatch.setattr(_core, "BUILD_RECORD", record)
    built = [m for m in _core.MODULES if _core.extension_of(m) is not None]
    record.write_text(json.dumps({m: _core.source_hash(m) for m in _core.MODULES}), encoding="utf-8")
    assert _core.stale_modules() == []
    record.write_text(json.dumps({m: "0" * 64 for m in _core.MODULES}), encoding="utf-8")
    assert _core.stale_modules() == built
    monkeypatch.delenv("PII_GUARD_PURE", raising=False)
    assert _core.pure_modules() == (list(_core.MODULES) if built else [])
    record.unlink()  # no record at all: every extension is suspect
    assert _core.stale_modules() == built
