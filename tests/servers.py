"""Start real servers (uvicorn on 127.0.0.1, through the pii-guard console script) for tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exe() -> str:
    return shutil.which("pii-guard", path=str(Path(sys.executable).parent)) or "pii-guard"


@contextmanager
def running(args: list[str], port: int, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``pii-guard ARGS`` until the block ends; yields the base URL once /health answers."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with log.open("ab") as out:
        proc = subprocess.Popen([exe(), *args], cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}; see {log}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


@contextmanager
def postgres() -> Iterator[str]:
    """A throw-away PostgreSQL server on 127.0.0.1; yields its URL.

    ``scripts/test.sh`` installs PostgreSQL from the OS packages when it is missing; a test that
    needs it is skipped (with the reason) only where it cannot be had.
    """
    import pytest

    import tempfile

    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed and could not be installed")
    # Not under pytest's tmp dir: that is 0700 root, and the server runs as another user.
    workdir = Path(tempfile.mkdtemp(prefix="pii-guard-pg-"))
    data = workdir / "pgdata"
    data.mkdir(parents=True)
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser") or next(
            (p for p in ("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser") if os.path.exists(p)), None)
        if runuser is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as an unprivileged user")
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to start PostgreSQL as")
        os.chown(workdir, user.pw_uid, user.pw_gid)
        os.chown(data, user.pw_uid, user.pw_gid)
        run_as = [runuser, "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*run_as, initdb, "-D", str(data), "-A", "trust", "-U", "pgtest", "--no-sync"],
                   check=True, capture_output=True, timeout=120)
    opts = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*run_as, pg_ctl, "-D", str(data), "-o", opts, "-l", str(workdir / "pg.log"), "-w", "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql://pgtest@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(workdir, ignore_errors=True)
