#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: unit, property and CLI tests, doctests, and
# the tests that start real servers (uvicorn on 127.0.0.1, PostgreSQL from the OS packages) and
# open the HTML scan report in headless Chromium (also from the OS packages).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing PostgreSQL for the storage tests (OS packages)…" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
            || echo "could not install PostgreSQL: its tests will be skipped and say so" >&2
    fi
fi
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Chromium for the HTML report test (OS packages)…" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || echo "could not install Chromium: the HTML report test will be skipped and say so" >&2
    fi
fi
if .venv/bin/python -c "import sys; from pii_guard import _core; sys.exit(not _core.compiled_build())"; then
    # The compiled modules once more as plain Python: their doctests (which pytest cannot read
    # from an extension) and the tests of what they compute.
    echo "plain-Python pass over the compiled modules (PII_GUARD_PURE=1):" >&2
    mapfile -t compiled < <(.venv/bin/python -c "from pii_guard import _core
for m in _core.MODULES: print(_core.source_of(m).relative_to(_core._ROOT))")
    PII_GUARD_PURE=1 .venv/bin/python -m pytest -q tests/test_detector.py tests/test_validators.py \
        tests/test_recognizers.py tests/test_protect.py tests/test_keys_and_policy.py tests/test_redaction.py \
        "${compiled[@]}" >&2
fi
exec .venv/bin/python -m pytest "$@"
