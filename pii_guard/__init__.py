"""pii-guard: detect and protect Chinese resident IDs, bank cards and phone numbers.

The detector (:class:`pii_guard.detect.Detector`) is the foundation every face
uses: the CLI, the Presidio adapters and, next, the guard engine, middleware,
scrubber and scanner.
"""

from pii_guard.detect import DEFAULT_THRESHOLD, Detector, Finding

__version__ = "0.1.0"
__all__ = ["DEFAULT_THRESHOLD", "Detector", "Finding", "__version__"]
