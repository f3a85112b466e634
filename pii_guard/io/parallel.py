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
import signal
import threading
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


_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}


def _worker_signals() -> None:
    """Workers die on SIGTERM as multiprocessing expects (``Pool.terminate`` sends it): the CLI's
    handler, inherited by fork, would make a worker unwind while it holds the task queue's lock.
    They were forked with the stop signals blocked (see :func:`ordered_map`): unblocked here."""
    for number in _STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def ordered_map(guard: Guard, fn: Callable[[Guard, T], R], items: Iterable[T], workers: int | None = None) -> Iterator[R]:
    """``fn(guard, item)`` for each item, in order, on ``workers`` processes (default: all cores)."""
    global _STATE
    workers = workers or available_cpus()
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield fn(guard, item)
        return
    _STATE = (guard, fn)
    # A stop signal (SIGTERM from `timeout` or systemd) that arrived while the pool was being
    # built would unwind before `with` could terminate the workers, leaving them orphaned: the
    # signals wait, blocked, until the pool is in the `with`.
    masking = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS) if masking else None
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals) as pool:
            if previous is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
                previous = None
            pending: deque = deque()
            for item in items:
                pending.append(pool.apply_async(_run, (item,)))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        _STATE = None


def available_cpus() -> int:
    """CPUs this process may use (container and affinity limits included)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
