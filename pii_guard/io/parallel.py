"""Ordered parallel map over chunks, in bounded memory, with the guard inherited by fork.

Workers are forked after the guard is built, so the policy, keyring and compiled
recognizers are shared copy-on-write instead of pickled; at most ``2 × workers``
chunks are in flight, so reading waits for writing and memory stays flat however
large the input. On platforms without ``fork`` (or with one worker) the map runs
in-process.

Each worker has a pipe of its own, and chunk ``i`` goes to worker ``i mod n``, so results come
back in order without a shared queue. That is the point: ``multiprocessing.Pool`` shares one
task queue guarded by a lock that an idle worker holds while it waits, and a worker killed
while holding it (Ctrl-C or a stop signal sent to the whole process group, as a terminal,
systemd or Kubernetes do) left ``Pool.terminate`` waiting for that lock forever. Here a worker
can die at any moment: the parent sees its pipe close, and stopping kills what is left.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar

if TYPE_CHECKING:
    from pii_guard.guard import Guard

T = TypeVar("T")
R = TypeVar("R")

_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}
#: Blocked while the workers are forked: the stop signals, and Ctrl-C, which a new worker must not
#: take (with a traceback) before it has set itself to ignore it.
_FORK_MASK = _STOP_SIGNALS | {signal.SIGINT}


class WorkerError(RuntimeError):
    """A worker process stopped before it returned its chunk (killed, or out of memory)."""


_GONE = "a worker process stopped before it finished (killed, or out of memory)"


def _serve(conn: Connection, guard: Guard, fn: Callable[[Guard, Any], Any], inherited: list[Connection]) -> None:
    """A worker: chunks in, ``(ok, result or exception)`` out, on its own pipe, until ``None``.

    Ctrl-C is the parent's to act on (it stops the run and kills the workers); the stop signals
    kill a worker at once, as their default does: it holds nothing another process waits for.
    They were blocked while it was forked (see :func:`ordered_map`) and are unblocked here.

    ``inherited``: the parent's ends of the pipes forked with it (its own, and the workers' before
    it), closed at once. Held open here, they kept each pipe alive after the parent died (killed
    with SIGKILL): a worker writing its result blocked for ever, its keys in memory, holding the
    parent's output open for whoever read it. Closed, the parent's death ends every worker."""
    for end in inherited:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in _STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _FORK_MASK)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            out: tuple[bool, Any] = (True, fn(guard, item))
        except Exception as exc:  # handed to the parent, which raises it where the result was due
            out = (False, _portable(exc))
        try:
            conn.send(out)
        except OSError:  # the parent is gone: nothing wants the result
            return


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else an error that names its type (never its arguments,
    which may hold data)."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return WorkerError(f"{exc.__class__.__name__} in a worker process")


class _Feeder(threading.Thread):
    """Sends the chunks to the workers in turn, at most ``limit`` ahead of the results taken.

    A thread of its own: a chunk larger than a pipe's buffer blocks its sender until the worker
    reads it, and the worker may be writing a result the parent has not read yet."""

    def __init__(self, items: Iterable[Any], conns: list[Connection], limit: int) -> None:
        super().__init__(name="pii-guard-feeder", daemon=True)
        self.items, self.conns, self.limit = items, conns, limit
        self.sent = 0
        self.taken = 0
        self.done = False
        self.error: BaseException | None = None
        self.stopping = False
        self.changed = threading.Condition()

    def run(self) -> None:
        try:
            for item in self.items:
                with self.changed:
                    while self.sent - self.taken >= self.limit and not self.stopping:
                        self.changed.wait()
                    if self.stopping:
                        return
                try:
                    self.conns[self.sent % len(self.conns)].send(item)
                except OSError:  # the worker is gone (killed while it waited for a chunk)
                    raise WorkerError(_GONE) from None
                with self.changed:
                    self.sent += 1
                    self.changed.notify_all()
        except BaseException as exc:  # reading the input failed (a bad file), or a worker is gone
            self.error = exc
        finally:
            with self.changed:
                self.done = True
                self.changed.notify_all()

    def ready(self, index: int) -> bool:
        """Wait until chunk ``index`` was sent (``True``) or no more will be (``False``)."""
        with self.changed:
            while self.sent <= index and not self.done:
                self.changed.wait()
            return self.sent > index

    def took(self) -> None:
        with self.changed:
            self.taken += 1
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


def ordered_map(guard: Guard, fn: Callable[[Guard, T], R], items: Iterable[T], workers: int | None = None) -> Iterator[R]:
    """``fn(guard, item)`` for each item, in order, on ``workers`` processes (default: all cores)."""
    workers = worker_count(workers)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield fn(guard, item)
        return
    context = multiprocessing.get_context("fork")
    # A stop signal (SIGTERM from `timeout` or systemd) that arrived while the workers were being
    # forked would unwind before the `finally` could know them, leaving them orphaned: the
    # signals wait, blocked, until every worker is listed.
    masking = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _FORK_MASK) if masking else None
    processes: list[Any] = []
    conns: list[Connection] = []
    feeder: _Feeder | None = None
    finished = False
    try:
        for _ in range(workers):
            here, there = context.Pipe()
            process = context.Process(target=_serve, args=(there, guard, fn, [*conns, here]), daemon=True)
            process.start()
            there.close()
            processes.append(process)
            conns.append(here)
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            previous = None
        feeder = _Feeder(items, conns, 2 * workers)
        feeder.start()
        index = 0
        while feeder.ready(index):
            try:
                ok, value = conns[index % workers].recv()
            except (EOFError, OSError):
                raise WorkerError(_GONE) from None
            feeder.took()
            if not ok:
                raise value
            yield value
            index += 1
        if feeder.error is not None:
            raise feeder.error
        finished = True
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if feeder is not None:
            feeder.stop()
        for conn, process in zip(conns, processes):
            if finished:
                try:
                    conn.send(None)  # done: each worker leaves its loop
                except OSError:
                    pass
            elif process.is_alive():
                process.kill()  # stopped or failed: nothing of theirs is wanted any more
        for process in processes:
            process.join(timeout=None if finished else 5)
            if process.is_alive():  # pragma: no cover - a worker that ignored the end of its input
                process.kill()
                process.join()
        for conn in conns:
            conn.close()


def worker_count(requested: int | None) -> int:
    """The processes a run asking for ``requested`` (None or 0: all cores) starts: at most twice the CPUs
    it may use. The work is CPU-bound, so more only costs memory (a copy of the detector each) and
    start-up; ``--workers 100000`` forked until the machine ran out of memory."""
    cpus = available_cpus()
    return cpus if not requested else max(1, min(requested, 2 * cpus))


def available_cpus() -> int:
    """CPUs this process may use (container and affinity limits included)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
