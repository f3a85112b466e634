"""Limits in one place, with documented defaults.

Every face that reads untrusted input (the middleware, the proxy, the file
commands) takes its limits from a :class:`Limits`; nothing hard-codes a size.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: Largest request body accepted, after any Content-Encoding is undone (413 beyond).
    max_body_bytes: int = 1 << 20  # 1 MiB
    #: Largest compressed request body accepted (413 beyond).
    max_encoded_body_bytes: int = 1 << 20
    #: Decompressed/compressed size ratio beyond which a body is a decompression bomb (413).
    max_decompression_ratio: int = 100
    #: Deepest JSON nesting inspected; deeper documents are uninspectable (400 or protect).
    max_json_depth: int = 64
    #: Largest response body held back for scrubbing; bigger ones are streamed in pieces.
    max_response_buffer_bytes: int = 8 << 20  # 8 MiB
    #: Bodies at least this large are inspected in a worker thread, off the event loop.
    thread_minimum_bytes: int = 256 << 10  # 256 KiB
