"""pii-guard: detect and protect Chinese resident IDs, bank cards and phone numbers.

The detector (:class:`pii_guard.detect.Detector`) is the foundation every face
uses: the CLI, the Presidio adapters and, next, the guard engine, middleware,
scrubber and scanner.
"""

from typing import Any

from pii_guard import _core

_core.install()  # before the first compiled module is imported: a stale build runs its source

from pii_guard.detect import DEFAULT_THRESHOLD, Detector, Finding  # noqa: E402

__version__ = "0.1.0"
__all__ = ["DEFAULT_THRESHOLD", "Detector", "Finding", "Guard", "PIIGuardMiddleware", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so `pii-guard detect` does not load Starlette and cryptography.
    if name == "PIIGuardMiddleware":
        from pii_guard.middleware import PIIGuardMiddleware

        return PIIGuardMiddleware
    if name == "Guard":
        from pii_guard.guard import Guard

        return Guard
    raise AttributeError(name)
