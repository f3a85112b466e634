"""Compile pii-guard's hot path with mypyc, in place (see ``pii_guard/_core.py``).

Usage: ``python scripts/build_core.py [--force]``. Does nothing when every compiled module
matches its source. Needs mypy and setuptools (the ``compile`` extra) and a C compiler; when
the build fails, pii-guard runs as plain Python and this says why. ``PII_GUARD_PURE=1`` skips
the build and removes an existing one.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import warnings
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _core():
    # pii_guard/_core.py alone, without importing the package (which would import the modules)
    spec = importlib.util.spec_from_file_location("_pii_guard_core", ROOT / "pii_guard" / "_core.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def remove(core) -> None:
    for ext in core.built_extensions().values():
        ext.unlink()
    while (shared := core.shared_library()) is not None:
        shared.unlink()
    core.BUILD_RECORD.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    core = _core()
    if os.environ.get("PII_GUARD_PURE", "") not in ("", "0"):
        remove(core)
        print("pii-guard: PII_GUARD_PURE is set: running as plain Python", file=sys.stderr)
        return 0
    if "--force" not in argv and core.compiled_build(importing=False):
        return 0
    try:
        from mypyc.build import mypycify
        from setuptools import Extension, setup
    except ImportError as exc:
        print(f"pii-guard: cannot compile the core ({exc}); running as plain Python", file=sys.stderr)
        return 0
    remove(core)
    sources = [str(core.source_of(m).relative_to(ROOT)) for m in core.MODULES]
    hashes = core.source_hashes()
    native = [Extension(m, [str(core.native_source(m).relative_to(ROOT))], extra_compile_args=["-O2"]) for m in core.NATIVE]
    print(f"pii-guard: compiling {len(sources)} modules with mypyc (about a minute)…", file=sys.stderr)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with warnings.catch_warnings():
            # setuptools reads pyproject.toml from here and comments on its hatchling metadata
            warnings.simplefilter("ignore")
            setup(
                name="pii-guard-core",
                packages=[],
                py_modules=[],
                ext_modules=mypycify(["--ignore-missing-imports", *sources], opt_level="3", group_name=core.GROUP, verbose=False)
                + native,
                script_args=["--quiet", "build_ext", "--inplace", "--build-temp", "build/core", "--build-lib", "build/core-lib"],
            )
    except (Exception, SystemExit) as exc:  # a compiler error ends setup() with SystemExit
        remove(core)
        print(f"pii-guard: compiling the core failed ({type(exc).__name__}: {exc}); running as plain Python",
              file=sys.stderr)
        return 0
    finally:
        os.chdir(cwd)
        shutil.rmtree(ROOT / ".mypy_cache", ignore_errors=True)
    if core.source_hashes() != hashes:
        remove(core)  # a source changed while it compiled: the build matches none of them
        print("pii-guard: a source changed during the build; run it again", file=sys.stderr)
        return 1
    shared = core.shared_library()
    if shared is None:
        remove(core)
        print("pii-guard: mypyc built no shared library; running as plain Python", file=sys.stderr)
        return 0
    hashes[core._SHARED_KEY] = core.file_hash(shared)
    core.BUILD_RECORD.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
