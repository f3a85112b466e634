"""Doctest collection and the compiled core (``pii_guard/_core.py``).

``--doctest-modules`` imports each source file to read its examples; a module built with mypyc
is imported from its extension instead, which pytest refuses as a file mismatch. So where a
module is compiled, its doctests are left to the plain-Python pass (``PII_GUARD_PURE=1``) that
``scripts/test.sh`` runs over the compiled modules' tests and doctests.
"""

from __future__ import annotations

from pii_guard import _core

collect_ignore = [
    str(_core.source_of(m)) for m in _core.MODULES
    if _core.extension_of(m) is not None and m not in _core.pure_modules()
]
