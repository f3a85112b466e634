"""Wheel build hook: ship the compiled core (see ``pii_guard/_core.py``) in built wheels.

A standard wheel build runs ``scripts/build_core.py`` (mypyc, in place) and adds the extensions,
mypyc's shared library and the build record to the wheel, which then carries a platform tag.
Where the core cannot be compiled (no C compiler) or ``PII_GUARD_PURE=1`` is set, the wheel is
plain Python, as before. Editable installs are left alone: ``scripts/setup.sh`` compiles in place.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledCoreHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        if not (root / "scripts" / "build_core.py").exists():
            return
        subprocess.run([sys.executable, str(root / "scripts" / "build_core.py")], cwd=root, check=True)
        spec = importlib.util.spec_from_file_location("_pii_guard_core", root / "pii_guard" / "_core.py")
        assert spec is not None and spec.loader is not None
        core = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(core)
        if not core.compiled_build(importing=False):
            return  # a plain-Python wheel; build_core.py said why
        include = build_data["force_include"]
        extensions = [core.extension_of(m) for m in core.MODULES] + [core.native_extension(m) for m in core.NATIVE]
        for ext in extensions:
            include[str(ext)] = ext.relative_to(root).as_posix()
        shared = core.shared_library()
        if shared is not None:
            include[str(shared)] = shared.name
        include[str(core.BUILD_RECORD)] = core.BUILD_RECORD.relative_to(root).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
