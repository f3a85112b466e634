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
import zipfile
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


#: Protects (encrypt, mask, tokenize) and reveals texts with a given keyring, both as JSON.
_PROTECT = """
import json, sys
from pii_guard import _core, keys
from pii_guard.guard import Guard
job = json.load(sys.stdin)
ring = keys.load_keyring(job["ring"])
out = {"compiled": _core.compiled()}
out["encrypted"] = [Guard("complaints", ring).protect_text(t) for t in job["texts"]]
out["masked"] = [Guard("display", ring).protect_text(t) for t in job["texts"]]
out["revealed"] = [Guard("complaints", ring).reveal_text(t) for t in job["tokens"]]
out["document"] = Guard("complaints", ring).reveal_document(Guard("complaints", ring).protect_document(job["doc"]))
print(json.dumps(out))
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


def _run(env: dict[str, str], texts: object, path: Path = ROOT, script: str = _FINDINGS) -> dict:
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True,
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


def _copy_with_build(tmp_path: Path, shared_library: bool = True) -> None:
    shutil.copytree(ROOT / "pii_guard", tmp_path / "pii_guard", ignore=shutil.ignore_patterns("__pycache__"))
    shared = _core.shared_library()
    assert shared is not None
    if shared_library:
        shutil.copy2(shared, tmp_path)
    shutil.copytree(ROOT / "recognizers", tmp_path / "recognizers")


@needs_build
def test_compiled_protect_engine_and_source_read_each_others_output(tmp_path: Path) -> None:
    from pii_guard import keys

    ring = tmp_path / "keys.json"
    keys.FileKeyProvider(ring).create(keys.new_keyring_data())
    texts = _texts()[:300]
    doc = {"姓名": "张某", "身份证号": synth.resident_id(random.Random(3)), "描述": texts[0], "金额": 12.5}
    job = {"ring": str(ring), "texts": texts, "tokens": [], "doc": doc}
    compiled = _run({"PII_GUARD_PURE": "0"}, job, script=_PROTECT)
    pure = _run({"PII_GUARD_PURE": "1"}, {**job, "tokens": compiled["encrypted"]}, script=_PROTECT)
    back = _run({"PII_GUARD_PURE": "0"}, {**job, "tokens": pure["encrypted"]}, script=_PROTECT)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert compiled["encrypted"] != texts  # numbers were protected (random nonces: not comparable)
    assert pure["revealed"] == texts and back["revealed"] == texts  # each reads the other's tokens
    assert compiled["masked"] == pure["masked"] != texts  # deterministic: the same output
    assert compiled["document"] == pure["document"] == doc


@needs_build
def test_an_extension_older_than_its_source_is_not_run(tmp_path: Path) -> None:
    # A copy of the package with its build, one compiled source edited after the build.
    _copy_with_build(tmp_path)
    (tmp_path / "pii_guard" / "validators" / "luhn.py").open("a", encoding="utf-8").write("\n# edited\n")
    texts = ["卡号 6222021234567890123，手机13812345678"]
    copy = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path)
    assert copy["compiled"] is False  # the whole group runs from source: not just the edited module
    assert "does not match its source (pii_guard.validators.luhn)" in copy["stderr"]
    assert copy["findings"] == _run({"PII_GUARD_PURE": "1"}, texts)["findings"]


#: Whether the detector uses the C scanner, and what it finds, for the texts on stdin.
_SCANNER = """
import json, sys
from pii_guard.detect import Detector, detector
texts = json.load(sys.stdin)
print(json.dumps({"scanner": detector._scan is not None,
                  "findings": [[list(f) for f in Detector.default().analyze(t)] for t in texts]}))
"""


@needs_build
def test_a_c_scanner_older_than_its_source_is_not_run(tmp_path: Path) -> None:
    # The C scanner's source edited after the build: the detector runs the regexes it stands in for.
    _copy_with_build(tmp_path)
    texts = ["卡号 6222021234567890123，手机13812345678，一三八一二三四五六七八"]
    built = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path, script=_SCANNER)
    assert built["scanner"] is True and built["stderr"] == ""
    (tmp_path / "pii_guard" / "_scan.c").open("a", encoding="utf-8").write("\n/* edited */\n")
    edited = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path, script=_SCANNER)
    assert edited["scanner"] is False and "pii_guard._scan does not match its C source" in edited["stderr"]
    assert edited["findings"] == built["findings"] and sum(map(len, built["findings"])) == 3


@needs_build
def test_an_extension_left_by_an_older_build_is_not_run(tmp_path: Path) -> None:
    # An older build compiled a module this one does not: Python would import its extension.
    _copy_with_build(tmp_path)
    suffix = _core.extension_of("pii_guard.detect.detector").name.removeprefix("detector")
    orphan = next(m for m in ("pii_guard.metrics", "pii_guard.audit") if m not in _core.MODULES)
    (tmp_path / "pii_guard" / f"{orphan.split('.')[-1]}{suffix}").write_bytes(b"not an extension module")
    texts = ["手机13812345678"]
    copy = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path)
    assert copy["compiled"] is False and orphan in copy["stderr"]
    assert copy["findings"] == _run({"PII_GUARD_PURE": "1"}, texts)["findings"]


@needs_build
def test_a_package_copied_without_its_shared_library_runs_its_source(tmp_path: Path) -> None:
    # `COPY pii_guard/` alone: each extension would import mypyc's library by name, here another
    # build's (this checkout's, on the path of the test's environment) or none at all.
    _copy_with_build(tmp_path, shared_library=False)
    texts = ["手机13812345678"]
    copy = _run({"PII_GUARD_PURE": "0"}, texts, tmp_path)
    assert copy["compiled"] is False and "does not match its source" in copy["stderr"]
    assert copy["findings"] == _run({"PII_GUARD_PURE": "1"}, texts)["findings"]


def test_pure_runs_the_source() -> None:
    result = _run({"PII_GUARD_PURE": "1"}, ["手机13812345678"])
    assert result["compiled"] is False
    assert [f[0] for f in result["findings"][0]] == ["CN_PHONE_NUMBER"]


@needs_build
def test_stale_check_compares_with_the_build_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "build.json"
    monkeypatch.setattr(_core, "BUILD_RECORD", record)
    built = list(_core.MODULES)
    shared = _core.shared_library()
    assert shared is not None
    good = {**{m: _core.source_hash(m) for m in _core.MODULES}, "pii_guard__mypyc": _core.file_hash(shared)}
    record.write_text(json.dumps(good), encoding="utf-8")
    assert _core.stale_modules() == []
    record.write_text(json.dumps({**good, "pii_guard.walk": "0" * 64}), encoding="utf-8")
    assert _core.stale_modules() == ["pii_guard.walk"]  # one changed source
    record.write_text(json.dumps({**good, "pii_guard__mypyc": "0" * 64}), encoding="utf-8")
    assert _core.stale_modules() == built  # another build's library: none of the stubs may load it
    monkeypatch.delenv("PII_GUARD_PURE", raising=False)
    assert _core.pure_modules() == (list(_core.MODULES) if built else [])
    record.unlink()  # no record at all: every extension is suspect
    assert _core.stale_modules() == built


@needs_build
def test_a_wheel_built_from_the_source_tree_carries_the_compiled_core(tmp_path: Path) -> None:
    # What `pip install .` or a release build does: the tracked files only, no build beside them,
    # built by hatch_build.py in a process that does not import from the checkout.
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    tree = tmp_path / "src"
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(tree)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert not wheel.name.endswith("-none-any.whl")  # a platform wheel
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for module in _core.MODULES + _core.NATIVE:
        stem = module.replace(".", "/")
        assert any(n.startswith(stem + ".") and not n.endswith((".py", ".c")) for n in names), module
    assert "pii_guard/_core_build.json" in names and any(n.startswith("pii_guard__mypyc.") for n in names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    installed = _run({"PII_GUARD_PURE": "0"}, ["手机13812345678"], target)
    assert installed["compiled"] is True and installed["stderr"] == ""
    assert _run({"PII_GUARD_PURE": "0"}, ["手机13812345678"], target, script=_SCANNER)["scanner"] is True
    assert [f[0] for f in installed["findings"][0]] == ["CN_PHONE_NUMBER"]
