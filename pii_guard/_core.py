"""The compiled core: which modules are built with mypyc, and when their source runs instead.

The hot path (the detector, its context test, text folding and the validators) is plain typed
Python that ``scripts/build_core.py`` compiles with mypyc into C extensions beside the sources,
as black and mypy ship themselves: the same code, about 1.4x faster on complaint text. Python
imports an extension before a ``.py`` of the same name, so a compiled module that no longer
matches its source (edited since the build) would silently run old code. :func:`install`
prevents that: it compares each source with the hash recorded at build time and, where they
differ or where ``PII_GUARD_PURE=1`` asks for it, makes Python import the source instead.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Sequence

#: The modules compiled, in build order (dependencies first). One list for the build and the check.
MODULES = (
    "pii_guard.normalise",
    "pii_guard.validators.luhn",
    "pii_guard.validators.cn_resident_id",
    "pii_guard.validators.cn_bank_card",
    "pii_guard.validators.cn_phone",
    "pii_guard.validators.email_address",
    "pii_guard.validators.iban",
    "pii_guard.detect.context",
    "pii_guard.detect.recognizers",
    "pii_guard.detect.finding",
    "pii_guard.detect.text_scans",
    "pii_guard.detect.detector",
    "pii_guard.walk",
    "pii_guard.edits",
    "pii_guard.operators.base",
    "pii_guard.operators.tokens",
    "pii_guard.operators.encrypt",
    "pii_guard.operators.mask",
    "pii_guard.operators.hash",
    "pii_guard.operators.redact",
    "pii_guard.operators.tokenize",
    "pii_guard.policy",
    "pii_guard.guard",
    "pii_guard.io.jsontext",
)
#: C extensions written by hand, built and recorded with the others: each stands in for a few
#: regexes that its Python caller runs when the extension is missing or stale.
NATIVE = ("pii_guard._scan",)
#: Written by the build: module → SHA-256 of the source it was compiled from.
BUILD_RECORD = Path(__file__).resolve().parent / "_core_build.json"
_ROOT = Path(__file__).resolve().parent.parent


def source_of(module: str) -> Path:
    """The ``.py`` file of one of :data:`MODULES`."""
    return _ROOT.joinpath(*module.split(".")).with_suffix(".py")


def native_source(module: str) -> Path:
    """The ``.c`` file of one of :data:`NATIVE`."""
    return _ROOT.joinpath(*module.split(".")).with_suffix(".c")


def native_extension(module: str) -> Path | None:
    """The built extension of one of :data:`NATIVE`, if there is one."""
    source = native_source(module)
    return _extension(source.parent, source.stem)


def native_current(module: str) -> bool:
    """Whether one of :data:`NATIVE` is built, from its current source (an install without the
    source, such as a wheel, has nothing to compare: its build is taken as it is)."""
    source = native_source(module)
    if native_extension(module) is None:
        return False
    if not source.exists():
        return True
    try:
        record = json.loads(BUILD_RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(record.get(module) == file_hash(source))


def native_module(module: str) -> ModuleType | None:
    """One of :data:`NATIVE`, imported, or ``None`` where it must not run: not built, built from
    another source, or ``PII_GUARD_PURE=1``."""
    if _forced() or not native_current(module):
        return None
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def source_hash(module: str) -> str:
    return file_hash(source_of(module))


def source_hashes() -> dict[str, str]:
    """What a build records, source by source: every one of :data:`MODULES` and :data:`NATIVE`."""
    return {m: source_hash(m) for m in MODULES} | {m: file_hash(native_source(m)) for m in NATIVE}


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extension(folder: Path, stem: str) -> Path | None:
    """``folder/stem<suffix>`` for the first of this interpreter's extension suffixes that exists."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = folder / (stem + suffix)
        if candidate.exists():
            return candidate
    return None


def extension_of(module: str) -> Path | None:
    """The compiled extension of ``module`` beside its source, if there is one."""
    source = source_of(module)
    return _extension(source.parent, source.stem)


def built_extensions() -> dict[str, Path]:
    """Every extension module of this interpreter inside the package, by module name: those of
    :data:`MODULES` and any left by an older build that compiled more (which Python would import
    just the same)."""
    found: dict[str, Path] = {}
    package = _ROOT / "pii_guard"
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            suffix = next((x for x in suffixes if name.endswith(x)), None)
            if suffix is not None:
                path = Path(folder, name)
                parts = path.relative_to(_ROOT).parent.parts + (name[: -len(suffix)],)
                found.setdefault(".".join(parts), path)
    return found


#: The library mypyc builds for the group: ``pii_guard__mypyc<suffix>`` beside the package.
GROUP = "pii_guard"


def shared_library() -> Path | None:
    """mypyc's shared library of this interpreter's build, if there is one."""
    return _extension(_ROOT, f"{GROUP}__mypyc")


def stale_modules(importing: bool = True) -> list[str]:
    """Compiled modules that must not run: changed since the build, no build record, no longer
    compiled at all (left by an older build), or without the group's own shared library.

    Each extension is a stub that imports ``pii_guard__mypyc`` by name from wherever ``sys.path``
    finds it first: the library recorded at build time must be the one beside the package, and
    the one that import would find (not another checkout's, nor none when only the package
    folder was copied).
    """
    order = {m: i for i, m in enumerate(MODULES)}
    built = sorted((m for m in built_extensions() if source_of(m).exists()), key=lambda m: (order.get(m, len(order)), m))
    if not built:
        return []
    try:
        record = json.loads(BUILD_RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return built
    shared = shared_library()
    if shared is None or record.get(_SHARED_KEY) != file_hash(shared):
        return built
    if importing:  # (a build checks its own output, whatever path it runs with)
        found = importlib.util.find_spec(f"{GROUP}__mypyc")
        if found is None or found.origin is None or Path(found.origin).resolve() != shared.resolve():
            return built
    return [m for m in built if m not in MODULES or record.get(m) != source_hash(m)]


#: The build record's key for the hash of the group's shared library.
_SHARED_KEY = f"{GROUP}__mypyc"


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Import the listed modules from their ``.py`` files, whatever lies beside them."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = frozenset(modules)

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        source = source_of(fullname)
        if fullname not in self.modules or not source.exists():  # an install without sources: nothing to prefer
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def compiled_build(importing: bool = True) -> bool:
    """Whether every compiled module has an extension built from its current source (and, when
    ``importing``, one this interpreter's imports would load)."""
    return (all(extension_of(m) is not None for m in MODULES) and shared_library() is not None
            and not stale_modules(importing) and all(native_current(m) for m in NATIVE))


def compiled() -> bool:
    """Whether the detector in use is the compiled one."""
    module = sys.modules.get("pii_guard.detect.detector")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")


def _forced() -> bool:
    return os.environ.get("PII_GUARD_PURE", "") not in ("", "0")


def pure_modules(stale: list[str] | None = None) -> list[str]:
    """The modules that run from source: all of them with ``PII_GUARD_PURE=1`` or when one is
    stale (``stale``: :func:`stale_modules`, if already known), else none.

    All or none: mypyc compiles the modules as one group whose members call each other directly
    in C, so a compiled detector would go on calling a stale compiled validator whatever Python
    imports under that validator's name.
    """
    stale = stale_modules() if stale is None else stale
    if _forced() or stale:
        return list(MODULES) + [m for m in stale if m not in MODULES]
    return []


def install() -> None:
    """Run the sources instead of the extensions where they are stale or ``PII_GUARD_PURE=1``.

    Called by ``pii_guard/__init__.py`` before any of :data:`MODULES` is imported.
    """
    stale = stale_modules()
    native_stale = [m for m in NATIVE if native_extension(m) is not None and not native_current(m)]
    if native_stale and not _forced():
        warnings.warn(
            f"pii-guard: {', '.join(native_stale)} does not match its C source: running the regexes it "
            "stands in for. Run scripts/setup.sh to rebuild it.",
            RuntimeWarning,
            stacklevel=2,
        )
    if stale and not _forced():
        warnings.warn(
            f"pii-guard: the compiled core does not match its source ({', '.join(stale)}): "
            "running the source instead. Run scripts/setup.sh to rebuild it.",
            RuntimeWarning,
            stacklevel=2,
        )
    modules = pure_modules(stale)
    if modules and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst(modules))


def describe() -> str:
    """Which core runs, in words, for the benchmarks to print."""
    if _forced():
        return "plain Python (PII_GUARD_PURE=1)"
    if not built_extensions():
        return "plain Python (no compiled build: scripts/build_core.py)"
    if stale_modules():
        return "plain Python (the compiled build does not match its source)"
    scanner = all(native_current(m) for m in NATIVE)
    return "compiled core (mypyc)" + (" and C scanner" if scanner else ", regex scans (no C scanner)")
