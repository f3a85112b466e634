"""Ordered parallel map over chunks, in bounded memory, with the guard inherited by fork.

Workers are forked after the guard is built, so the policy, keyring and compiled
recognizers are shared copy-on-write instead of pickled; at most ``2 × workers``
chunks are in flight, so reading waits for writing and memory stays flat however
large the input. On platforms without ``fork`` (or with one worker) the map runs
in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

from pii_guard.guard import Guard

T = TypeVar("T")
R = TypeVar("R")
_STATE: tuple[Guard, Callable[[Guard, Any], Any]] | None = None


def _run(item: Any) -> Any:
    assert _STATE is not None
    guard, fn = _STATE
    return fn(guard, item)


def ordered_map(guard: Guard, fn: Callable[[Guard, T], R], items: Iterable[T], workers: int | None = None) -> Iterator[R]:
    """``fn(guard, item)`` for each item, in order, on ``workers`` processes (default: all cores)."""
    global _STATE
    workers = workers or available_cpus()
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield fn(guard, item)
        return
    _STATE = (guard, fn)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque = deque()
            for item in items:
                pending.append(pool.apply_async(_run, (item,)))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        _STATE = None


def available_cpus() -> int:
    """CPUs this process may use (container and affinity limits included)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
