#!/usr/bin/env bash
# Create .venv at the repository root, install pii-guard with its test extras, and compile its
# hot path with mypyc (scripts/build_core.py: skipped with PII_GUARD_PURE=1, plain Python if it
# cannot compile). Idempotent: installs again only when pyproject.toml changed since the last
# install, compiles again only when a compiled module's source changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.pii-guard-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test,compile]"
    echo "$want" > "$stamp"
fi
.venv/bin/python scripts/build_core.py
