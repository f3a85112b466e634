"""Complaint storage: SQLite by default, PostgreSQL when given a URL.

Both stores hold the payload exactly as the app received it — already
protected by the middleware — plus an id and a timestamp. The stores are
synchronous and small; the app calls them in a worker thread.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse


class Store(Protocol):
    def add(self, payload: str) -> int: ...
    def get(self, complaint_id: int) -> tuple[int, str, str] | None: ...
    def all_payloads(self) -> list[str]: ...
    def close(self) -> None: ...


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    """One SQLite file (WAL mode); one connection guarded by a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS complaints ("
                "id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, payload TEXT NOT NULL)"
            )

    def add(self, payload: str) -> int:
        with self._lock:
            cur = self._db.execute("INSERT INTO complaints (received_at, payload) VALUES (?, ?)", (_now(), payload))
            return int(cur.lastrowid)  # type: ignore[arg-type]

    def get(self, complaint_id: int) -> tuple[int, str, str] | None:
        with self._lock:
            row = self._db.execute("SELECT id, received_at, payload FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def all_payloads(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT payload FROM complaints ORDER BY id")]

    def close(self) -> None:
        with self._lock:
            self._db.close()


class PostgresStore:
    """PostgreSQL through psycopg 3 (``pip install 'pii-guard[postgres]'``)."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise RuntimeError("PostgreSQL needs psycopg: pip install 'pii-guard[postgres]'") from exc
        self._db = psycopg.connect(url, autocommit=True)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS complaints ("
                "id BIGSERIAL PRIMARY KEY, received_at TEXT NOT NULL, payload TEXT NOT NULL)"
            )

    def add(self, payload: str) -> int:
        with self._lock:
            row = self._db.execute("INSERT INTO complaints (received_at, payload) VALUES (%s, %s) RETURNING id", (_now(), payload)).fetchone()
        return int(row[0])  # type: ignore[index]

    def get(self, complaint_id: int) -> tuple[int, str, str] | None:
        with self._lock:
            row = self._db.execute("SELECT id, received_at, payload FROM complaints WHERE id = %s", (complaint_id,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def all_payloads(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT payload FROM complaints ORDER BY id").fetchall()]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_store(url: str) -> Store:
    """``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``sqlite:///:memory:`` (SQLAlchemy's
    spelling), a bare file path, or ``postgresql://…``."""
    scheme = urlparse(url).scheme
    if scheme in ("postgres", "postgresql"):
        return PostgresStore(url)
    if scheme == "sqlite":
        if not url.startswith("sqlite:///"):
            raise ValueError("a SQLite URL looks like sqlite:///file.db")
        return SQLiteStore(url[len("sqlite:///") :])
    if "://" not in url:
        return SQLiteStore(url)
    raise ValueError("unsupported database URL (use sqlite:///FILE or postgresql://…)")
