"""The reveal audit log: append-only JSON Lines, counts only.

Every ``pii-guard reveal`` appends one record — when, who (``--as``), why
(``--purpose``), which input and output, and how many values per entity and
key id were revealed — and never a value. The file is opened with
``O_APPEND`` (each record is one ``write``, so concurrent writers do not
interleave), created 0600, and flushed to disk before the command reports
success; a record that cannot be written fails the reveal.

With a keyring, records are chained: each carries an HMAC (keyed from the keyring, HMAC-SHA256 or
HMAC-SM3 by its family) over itself and the previous record's MAC, so a record edited, removed or
inserted later breaks the chain from there on, and :func:`verify` (``pii-guard audit-verify``)
says where. Whoever holds the keys can rewrite the whole log, and cutting records off its end
leaves a shorter intact chain: keep a copy of the last MAC elsewhere (a SIEM) to see that too.
"""

from __future__ import annotations

import base64
import datetime as _dt
import fcntl
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

from cryptography.hazmat.primitives import hashes, hmac

if TYPE_CHECKING:
    from pii_guard.keys import Keyring

ENV_AUDIT_LOG = "PII_GUARD_AUDIT_LOG"
DEFAULT_AUDIT_LOG = "pii-guard-audit.jsonl"


class AuditError(OSError):
    """The audit record could not be written."""


def default_path() -> Path:
    return Path(os.environ.get(ENV_AUDIT_LOG, DEFAULT_AUDIT_LOG))


#: The HKDF purpose of the chain's MAC key (a key of its own: never one that protects values).
_CHAIN_PURPOSE = "audit-chain"
#: How much of the log's end is read to find the last record's MAC.
_TAIL = 65536


def _mac(keyring: "Keyring", key_id: str, previous: str, entry: Mapping[str, Any]) -> str:
    body = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    mac = hmac.HMAC(keyring.derived(key_id, _CHAIN_PURPOSE), hashes.SM3() if keyring.family == "sm" else hashes.SHA256())
    mac.update(previous.encode("ascii") + b"\x1f" + body)
    # base64url, not hex: a hex MAC holds eleven decimal digits in a row about one time in three,
    # which a scan or a log filter would take for a phone number
    return base64.urlsafe_b64encode(mac.finalize()).rstrip(b"=").decode("ascii")


def _last_mac(fd: int) -> str:
    """The MAC of the last record in the log open at ``fd`` ("" for an empty log or one whose last
    record has none)."""
    size = os.fstat(fd).st_size
    if not size:
        return ""
    tail = os.pread(fd, min(size, _TAIL), max(0, size - _TAIL)).rstrip(b"\n")
    last = tail.rsplit(b"\n", 1)[-1]
    try:
        chain = json.loads(last).get("chain")
    except (ValueError, AttributeError):
        raise AuditError("the audit log's last record is not a record; the chain cannot go on") from None
    return chain.get("mac", "") if isinstance(chain, dict) else ""


def append(path: str | os.PathLike[str], record: Mapping[str, Any], keyring: "Keyring | None" = None) -> dict[str, Any]:
    """Append one record (a ``time`` field is added) and fsync it; with ``keyring``, chained to
    the record before it (see the module docstring).

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

    entry: dict[str, Any] = {"time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
                             **clean(record)}
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise AuditError(f"cannot open audit log {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AuditError(f"audit log {path} is not a regular file")
        if info.st_mode & 0o077:
            raise AuditError(f"audit log {path} is readable or writable by group or others; run 'chmod 600' on it")
        # one writer at a time from reading the last MAC to writing the next record (processes too)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if keyring is not None:
            key_id = keyring.primary_id
            entry["chain"] = {"key": key_id, "mac": _mac(keyring, key_id, _last_mac(fd), entry)}
        os.write(fd, (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8"))
        os.fsync(fd)
    except AuditError:
        raise  # says why already (an OSError too: not to be wrapped below, which would say "None")
    except OSError as exc:
        raise AuditError(f"cannot write audit log {path}: {exc.strerror}") from None
    finally:
        os.close(fd)  # and the lock with it
    return entry


class Verification(NamedTuple):
    """What :func:`verify` found: how many records, the first that does not verify (its line and
    why, ``None`` where none), and the records whose key this keyring lacks (retired or unknown),
    which cannot be checked, by key id → their lines."""

    records: int
    line: int | None
    reason: str | None
    unchecked: dict[str, list[int]]


def verify(path: str | os.PathLike[str], keyring: "Keyring") -> Verification:
    """Walk the chain of the log at ``path`` (see :class:`Verification`).

    Every record must carry a MAC: one without (a record inserted, or a MAC stripped) does not
    verify, and neither does a log of none (a file of plain records is no audit log). A record
    keyed by a key retired from this keyring is listed as unchecked and the walk goes on from its
    MAC (each MAC covers the one before it), so the records of later keys are still checked. A
    record naming a key the keyring never held, or a key the chain had left for a later one (the
    primary only moves on), does not verify: that is how a record relabelled to a retired key shows.
    """
    previous = ""
    count = 0
    unchecked: dict[str, list[int]] = {}
    used: list[str] = []  # the keys the chain has named, in order: the primary only moves on
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            count += 1
            try:
                entry = json.loads(raw)
            except ValueError:
                return Verification(count, number, "is no JSON record", unchecked)
            chain = entry.pop("chain", None) if isinstance(entry, dict) else None
            if not isinstance(chain, dict):
                return Verification(count, number, "carries no MAC (a record put in, or its MAC removed)", unchecked)
            key_id, mac = chain.get("key"), chain.get("mac")
            if not isinstance(key_id, str) or not isinstance(mac, str):
                return Verification(count, number, "carries a damaged MAC", unchecked)
            if not used or used[-1] != key_id:
                if key_id in used:
                    # records are chained with the primary key, which only moves on to new keys: a
                    # key the chain left does not come back (a record relabelled to a retired key)
                    return Verification(count, number, f"names key {_shown_id(key_id)} after records of a later key", unchecked)
                used.append(key_id)
            if not keyring.has(key_id):
                if not keyring.was_retired(key_id):
                    return Verification(count, number, f"names key {_shown_id(key_id)}, which this keyring never held", unchecked)
                unchecked.setdefault(key_id, []).append(number)
            elif not hmac_equal(_mac(keyring, key_id, previous, entry), mac):
                return Verification(count, number, "does not verify: the log was changed there (a record edited, "
                                                   "removed or inserted)", unchecked)
            previous = mac
    return Verification(count, None, None, unchecked)


def _shown_id(key_id: str) -> str:
    """A key id named by a record, for a message: masked where it holds a number (a forged record's
    id is anything its writer chose, a phone too)."""
    from pii_guard.guard import masked_name

    return masked_name(key_id)


def hmac_equal(a: str, b: str) -> bool:
    import hmac as std_hmac

    return std_hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
