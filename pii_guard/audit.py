"""The reveal audit log: append-only JSON Lines, counts only.

Every ``pii-guard reveal`` appends one record — when, who (``--as``), why
(``--purpose``), which input and output, and how many values per entity and
key id were revealed — and never a value. The file is opened with
``O_APPEND`` (each record is one ``write``, so concurrent writers do not
interleave), created 0600, and flushed to disk before the command reports
success; a record that cannot be written fails the reveal.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any, Mapping

ENV_AUDIT_LOG = "PII_GUARD_AUDIT_LOG"
DEFAULT_AUDIT_LOG = "pii-guard-audit.jsonl"


class AuditError(OSError):
    """The audit record could not be written."""


def default_path() -> Path:
    return Path(os.environ.get(ENV_AUDIT_LOG, DEFAULT_AUDIT_LOG))


def append(path: str | os.PathLike[str], record: Mapping[str, Any]) -> dict[str, Any]:
    """Append one record (a ``time`` field is added) and fsync it.

    Free text in a record — a purpose, a handler's name, a file name, a complaint id — comes from
    people and may hold a phone or an ID ("回访客户 138…", ``case_138….jsonl``): every string in it
    is written with its findings masked, so the log keeps counts and never a value.
    """
    from pii_guard.guard import masked_name

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return masked_name(value)
        if isinstance(value, Mapping):
            return {clean(k): clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    entry = {"time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"), **clean(record)}
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise AuditError(f"cannot open audit log {path}: {exc.strerror}") from None
    if os.fstat(fd).st_mode & 0o077:
        os.close(fd)
        raise AuditError(f"audit log {path} is readable or writable by group or others; run 'chmod 600' on it")
    try:
        os.write(fd, line)
        os.fsync(fd)
    except OSError as exc:
        raise AuditError(f"cannot write audit log {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return entry
