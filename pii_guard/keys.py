"""Keyrings: key ids, one primary key, and providers that load them.

A keyring holds secrets by key id. The primary key protects new values;
every key may reveal, so ``rotate`` adds a new primary and old tokens keep
working (tokens carry their key id, as Tink and Vault Transit do). Operators
never see a secret directly: they ask the keyring for a *derived* key for one
purpose (``a256gcm``, ``sm4gcm``, ``a256siv``, ``hs256``, ``hsm3``), derived
with HKDF so that encryption, tokenization and hashing never share key
material.

Where secrets come from is a :class:`KeyProvider`: a key file
(:class:`FileKeyProvider`, 0600, refuses group/world-readable files) or an
environment variable (:class:`EnvKeyProvider`). A KMS or Vault envelope
provider implements the same two methods.

Nothing here puts a secret into an exception message, a log line or ``repr``.

Key file format (JSON)::

    {"format": "pii-guard-keyring", "version": 1, "family": "aes",
     "primary": "k2",
     "keys": [{"id": "k1", "created": "2026-11-25T16:00:00Z", "secret": "<base64, 32 bytes>"}, …]}

``family`` picks the default algorithms: ``aes`` (AES-256-GCM, HMAC-SHA256)
or ``sm`` (国密: SM4-GCM per GB/T 32907, HMAC-SM3).
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
import os
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Final, Mapping, Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


#: Key ids: what a token header can carry (the token grammar reuses this).
KEY_ID_SYNTAX = r"[A-Za-z0-9_-]{1,32}"
KEY_ID_PATTERN = re.compile(KEY_ID_SYNTAX)
FORMAT = "pii-guard-keyring"
FAMILIES = ("aes", "sm")
SECRET_BYTES = 32
ENV_KEYRING_PATH = "PII_GUARD_KEYRING"
ENV_KEYRING_DATA = "PII_GUARD_KEYS"

#: purpose → derived key length in bytes
PURPOSES: dict[str, int] = {"a256gcm": 32, "sm4gcm": 16, "a256siv": 64, "hs256": 32, "hsm3": 32,
                           "audit-chain": 32}  # the audit log's MAC chain (pii_guard.audit): a key of its own
#: family → default algorithm per operation
FAMILY_ALGORITHMS: dict[str, dict[str, str]] = {
    "aes": {"encrypt": "a256gcm", "tokenize": "a256siv", "hash": "hs256"},
    # No SM4-SIV in cryptography/OpenSSL: deterministic tokenization stays AES-SIV.
    "sm": {"encrypt": "sm4gcm", "tokenize": "a256siv", "hash": "hsm3"},
}


class KeyringError(Exception):
    """A keyring cannot be created, read or used. Messages never hold key material."""


@dataclass(frozen=True)
class KeyringData:
    """What a provider returns: secrets by id, the primary id, the family."""

    secrets: Mapping[str, bytes] = field(repr=False)
    primary: str
    family: str = "aes"
    created: Mapping[str, str] = field(default_factory=dict)
    #: ids of keys retired (their secrets destroyed) → when: never issued again (see :func:`retired`)
    retired: Mapping[str, str] = field(default_factory=dict)


class KeyProvider(Protocol):
    """Where key material comes from (file, environment, a KMS …)."""

    def load(self) -> KeyringData:
        """Return the current keys; raise :class:`KeyringError` on failure."""

    def describe(self) -> str:
        """A human-readable source name for messages (never the secret)."""


class Keyring:
    """Key ids → secrets, one primary, and derived per-purpose keys."""

    def __init__(self, data: KeyringData) -> None:
        if data.family not in FAMILIES:
            raise KeyringError(f"unknown key family (expected one of {', '.join(FAMILIES)})")
        if not data.secrets or data.primary not in data.secrets:
            raise KeyringError("the keyring has no primary key")
        for kid, secret in data.secrets.items():
            if not KEY_ID_PATTERN.fullmatch(kid):
                raise KeyringError("a key id may only hold letters, digits, '_' and '-' (1-32)")
            if len(secret) < SECRET_BYTES:
                raise KeyringError(f"key {kid} is shorter than {SECRET_BYTES} bytes")
            if len(set(secret)) < _FEWEST_DISTINCT_BYTES:
                # 32 random bytes hold about 30 different values; fewer than 12 one time in 10^17
                raise KeyringError(f"key {kid} is no random key (too few different bytes: all zeros, a "
                                   "repeated pattern?); create keys with 'pii-guard keys init' or rotate")
        # Only the primary writes its id into new tokens: an older key named so still reveals (its
        # tokens exist), and rotating gives the file a primary that can be used
        check_key_id(data.primary)
        self._data = data
        self._derived: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Keyring(ids={list(self._data.secrets)}, primary={self.primary_id!r}, family={self.family!r})"

    @classmethod
    def from_provider(cls, provider: KeyProvider) -> "Keyring":
        return cls(provider.load())

    @property
    def primary_id(self) -> str:
        return self._data.primary

    @property
    def family(self) -> str:
        return self._data.family

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._data.secrets)

    def created(self, key_id: str) -> str | None:
        return self._data.created.get(key_id)

    def has(self, key_id: str) -> bool:
        return key_id in self._data.secrets

    def was_retired(self, key_id: str) -> bool:
        """Whether ``key_id`` named a key retired from this keyring (its secret destroyed)."""
        return key_id in self._data.retired

    def algorithm(self, operation: str, family: str | None = None) -> str:
        """The algorithm this keyring (or ``family``) uses for ``operation``."""
        return FAMILY_ALGORITHMS[family or self.family][operation]

    def derived(self, key_id: str, purpose: str) -> bytes:
        """The key for ``purpose`` derived from key ``key_id`` (HKDF, cached)."""
        cache_key = (key_id, purpose)
        key = self._derived.get(cache_key)
        if key is not None:
            return key
        secret = self._data.secrets.get(key_id)
        if secret is None:
            raise KeyringError("unknown key id")
        length = PURPOSES[purpose]
        algorithm = hashes.SM3() if purpose in ("sm4gcm", "hsm3") else hashes.SHA256()
        key = HKDF(algorithm=algorithm, length=length, salt=None, info=f"pii-guard/v1/{purpose}".encode()).derive(secret)
        with self._lock:
            self._derived[cache_key] = key
        return key


# -- serialisation ------------------------------------------------------------------------


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


#: Fewer different byte values than this in a secret: no random key (see :class:`Keyring`).
_FEWEST_DISTINCT_BYTES: Final = 12
#: A key id with this many digits could hold someone's number, which every token would carry.
_KEY_ID_DIGITS: Final = 7


def check_key_id(kid: str) -> None:
    """Refuse a primary key id a token header cannot carry, or one that is personal data: every
    token written with the key carries its id in plaintext (``pg1.e.a256gcm.<id>.…``), so an id
    such as a mobile (``13912345678``, ``k-139-1234-5678``) would put that number beside every
    value it protects. Where the id holds seven digits or more, the detector reads it and its
    digits alone (a timestamp, ``kms-20240601120000``, passes)."""
    if not KEY_ID_PATTERN.fullmatch(kid):
        raise KeyringError("a key id may only hold letters, digits, '_' and '-' (1-32)")
    digits = "".join(ch for ch in kid if ch.isdigit())
    if len(digits) >= _KEY_ID_DIGITS:
        from pii_guard.detect import Detector

        detector = Detector.default()
        if detector.analyze(kid, 0.3) or detector.analyze(digits, 0.3):
            raise KeyringError("the primary key's id holds a number that may be personal data (a phone, a card, "
                               "an ID), which every new token would carry; rotate to a new primary key "
                               "('pii-guard keys rotate': tokens of the old one still reveal)")


_KEY_FIELDS: Final = frozenset({"id", "created", "secret"})
_KEYRING_FIELDS: Final = frozenset({"format", "version", "family", "primary", "keys", "retired"})


def _field_shown(name: object) -> str:
    """A key file's unknown field for a message: its name where it is a plain word (``revoked``),
    else not at all (a name can be anything pasted into the file, key material too)."""
    return f" '{name}'" if isinstance(name, str) and re.fullmatch(r"[A-Za-z_]{1,24}", name) else ""


def _dump(data: KeyringData) -> str:
    keys = [
        {"id": kid, "created": data.created.get(kid, ""), "secret": base64.b64encode(secret).decode("ascii")}
        for kid, secret in data.secrets.items()
    ]
    doc: dict[str, object] = {"format": FORMAT, "version": 1, "family": data.family, "primary": data.primary, "keys": keys}
    if data.retired:
        doc["retired"] = [{"id": kid, "retired": when} for kid, when in data.retired.items()]
    return json.dumps(doc, indent=2) + "\n"


class _Twice(Exception):
    """A key file's object gives one field twice."""


def _members_once(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """``json.loads``' object hook: refuse an object that gives a field twice."""
    doc = dict(pairs)
    if len(doc) != len(pairs):
        raise _Twice
    return doc


def parse_keyring(text: str, source: str) -> KeyringData:
    """Parse key-file JSON; errors name ``source`` and never echo content."""
    try:
        doc = json.loads(text, object_pairs_hook=_members_once)
    except _Twice:
        raise KeyringError(f"{source}: a field is given twice in one object (readers differ on which counts: "
                           "\"primary\" twice could make an old key primary again)") from None
    except (ValueError, RecursionError):  # nested past the parser's depth: no keyring either
        raise KeyringError(f"{source}: not a pii-guard keyring (invalid JSON)") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != 1:
        raise KeyringError(f"{source}: not a pii-guard keyring (format/version)")
    # a field this version does not know is refused, not dropped: "revoked": true on a key would
    # otherwise be ignored (the key still encrypting) and lost at the next rotation
    for name in doc:
        if name not in _KEYRING_FIELDS:
            raise KeyringError(f"{source}: unknown field{_field_shown(name)} in the keyring "
                               "(retire a key with 'pii-guard keys retire')")
    secrets: dict[str, bytes] = {}
    created: dict[str, str] = {}
    keys = doc.get("keys")
    if not isinstance(keys, list) or not keys:
        raise KeyringError(f"{source}: the keyring holds no keys")
    for i, entry in enumerate(keys):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("secret"), str):
            raise KeyringError(f"{source}: key #{i + 1} needs an 'id' and a 'secret'")
        unknown = [name for name in entry if name not in _KEY_FIELDS]
        if unknown:
            raise KeyringError(f"{source}: key #{i + 1} has an unknown field{_field_shown(unknown[0])} "
                               "(retire a key with 'pii-guard keys retire')")
        if entry["id"] in secrets:
            raise KeyringError(f"{source}: key id #{i + 1} appears twice")
        try:
            secrets[entry["id"]] = base64.b64decode(entry["secret"], validate=True)
        except (binascii.Error, ValueError):
            raise KeyringError(f"{source}: key #{i + 1} has a secret that is not base64") from None
        created[entry["id"]] = str(entry.get("created", ""))
    primary = doc.get("primary")
    family = doc.get("family", "aes")
    if not isinstance(primary, str) or primary not in secrets:
        raise KeyringError(f"{source}: the primary key id is missing or not among the keys")
    if family not in FAMILIES:
        raise KeyringError(f"{source}: unknown key family")
    retired: dict[str, str] = {}
    listed = doc.get("retired", [])
    if not isinstance(listed, list):
        raise KeyringError(f"{source}: 'retired' must be a list of retired keys")
    for i, entry in enumerate(listed):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or set(entry) - {"id", "retired"}:
            raise KeyringError(f"{source}: retired key #{i + 1} needs an 'id' (and a 'retired' date) only")
        if entry["id"] in secrets:
            raise KeyringError(f"{source}: key id #{i + 1} of the retired keys is a key of the keyring too")
        retired[entry["id"]] = str(entry.get("retired", ""))
    return KeyringData(secrets, primary, family, created, retired)


def new_keyring_data(family: str = "aes", key_id: str = "k1") -> KeyringData:
    """Fresh key material from ``os.urandom``."""
    if family not in FAMILIES:
        raise KeyringError(f"unknown key family (expected one of {', '.join(FAMILIES)})")
    return KeyringData({key_id: os.urandom(SECRET_BYTES)}, key_id, family, {key_id: _now()})


def rotated(data: KeyringData) -> KeyringData:
    """A new primary key with the next id ``kN``, past every ``kN`` the keyring holds or has
    retired: an id is never issued twice (a token or an audit record names its key by id, and a
    new key under an old id would make them read as forged). Old keys stay for reveal."""
    numbers = [int(m.group(1)) for kid in (*data.secrets, *data.retired) if (m := _NUMBERED_ID.fullmatch(kid))]
    n = max([len(data.secrets) + len(data.retired), *numbers]) + 1
    while f"k{n}" in data.secrets or f"k{n}" in data.retired:
        n += 1
    kid = f"k{n}"
    secrets = dict(data.secrets)
    secrets[kid] = os.urandom(SECRET_BYTES)
    created = dict(data.created)
    created[kid] = _now()
    return KeyringData(secrets, kid, data.family, created, data.retired)


def retired(data: KeyringData, key_id: str) -> KeyringData:
    """The keyring without key ``key_id``'s secret, its id kept among the retired ones. Tokens of
    that key can no longer be revealed by anyone holding this file (crypto-shredding), and the
    audit records it keyed are reported as such by ``audit-verify``. The primary key cannot be
    retired: rotate first."""
    if key_id not in data.secrets:
        raise KeyringError("no key with that id in the keyring" + (" (it is retired already)" if key_id in data.retired else ""))
    if key_id == data.primary:
        raise KeyringError("the primary key cannot be retired; rotate first ('pii-guard keys rotate')")
    secrets = {kid: secret for kid, secret in data.secrets.items() if kid != key_id}
    created = {kid: when for kid, when in data.created.items() if kid != key_id}
    return KeyringData(secrets, data.primary, data.family, created, {**data.retired, key_id: _now()})


#: The ids :func:`rotated` issues.
_NUMBERED_ID: Final = re.compile(r"k([0-9]{1,6})")


# -- providers --------------------------------------------------------------------------------


#: A run of the base64 alphabet as long as a key (32 bytes: 43 characters) in a path's part: no
#: one names a file so, a secret or a key file's base64 pasted where its path belongs is so.
_KEY_LIKE: Final = re.compile(r"[A-Za-z0-9+/=_-]{40,}")


def _shown(path: Path) -> str:
    """``path`` for a message, unless it is no path but key material: a key file's content or its
    base64 (what ``$PII_GUARD_KEYS`` takes) or a bare secret given to ``--keyring`` or
    ``$PII_GUARD_KEYRING``, which name a file. A message must never repeat a key."""
    text = str(path)
    content = any(ch in text for ch in '{}"\n\r')  # a key file's JSON
    secret = any(_KEY_LIKE.fullmatch(part) for part in text.split("/") if part)
    # base64 holds "/" too but never ".", which a key file's name has
    encoded = "." not in text and _KEY_LIKE.search(text.replace("/", "")) is not None
    if content or secret or encoded:
        return "(the key file's path given is key material itself; give a path, or the content in $PII_GUARD_KEYS)"
    return text


class FileKeyProvider:
    """A key file on disk, written 0600; group/world-readable files are refused."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return str(self.path)

    def load(self) -> KeyringData:
        try:
            # Symlinks are allowed (Kubernetes mounts secrets through them); the permission check
            # below runs on the opened file itself (fstat), so it judges the real target.
            # O_NONBLOCK: a FIFO named as the key file opens at once (and is refused below), it
            # does not wait for a writer for ever; on a regular file the flag changes nothing
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            raise KeyringError(f"{_shown(self.path)}: no such key file (create one with 'pii-guard keys init')") from None
        except OSError as exc:
            raise KeyringError(f"{_shown(self.path)}: cannot open key file ({exc.strerror})") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise KeyringError(f"{_shown(self.path)}: not a key file (a directory or a device)")
            # A key file another user owns is refused: whoever planted it (in a shared folder, as
            # .pii-guard/keys.json before the service first ran) knows the keys it would encrypt
            # with. Root's are allowed (a secret mounted by the platform); no other user can plant one.
            if info.st_uid not in (os.geteuid(), 0):
                raise KeyringError(f"{_shown(self.path)}: key file is owned by another user; "
                                   "use a key file this user (or root) owns")
            # Read or write access for anyone but the owner is refused; execute bits alone are
            # not access to the keys (Spark's SparkFiles copies shipped files with mode 711).
            if info.st_mode & (stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH):
                raise KeyringError(
                    f"{_shown(self.path)}: key file is readable or writable by group or others "
                    f"(mode {stat.S_IMODE(info.st_mode):o}); run 'chmod 600' on it"
                )
            with os.fdopen(fd, "r", encoding="utf-8") as handle:
                fd = -1
                try:
                    text = handle.read()
                except UnicodeDecodeError:  # corrupted; the message names neither byte nor content
                    raise KeyringError(f"{_shown(self.path)}: key file is not valid UTF-8 (corrupted?)") from None
                except OSError as exc:
                    raise KeyringError(f"{_shown(self.path)}: cannot read key file ({exc.strerror})") from None
        finally:
            if fd >= 0:
                os.close(fd)
        return parse_keyring(text, str(self.path))

    def create(self, data: KeyringData) -> None:
        """Write a new key file; refuse to overwrite an existing one."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise KeyringError(f"{_shown(self.path)}: file exists; refusing to overwrite a keyring") from None
        except OSError as exc:
            raise KeyringError(f"{_shown(self.path)}: cannot create key file ({exc.strerror})") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_dump(data))
            handle.flush()
            os.fsync(handle.fileno())

    def replace(self, data: KeyringData) -> None:
        """Atomically replace the key file: a unique 0600 temp file, fsync, rename, fsync the folder."""
        import tempfile

        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        tmp = Path(name)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_dump(data))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            folder = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def rotate(self) -> KeyringData:
        """Add a new primary key under an exclusive lock (two rotations never lose a key).

        Through a symlink, the file it points to is replaced, so every reader sees the new key.
        """
        return self._change(rotated)

    def retire(self, key_id: str) -> KeyringData:
        """Destroy one key's secret, keeping its id as retired (see :func:`retired`), under the same lock."""
        return self._change(lambda data: retired(data, key_id))

    def _change(self, change: "Callable[[KeyringData], KeyringData]") -> KeyringData:
        import fcntl

        if self.path.is_symlink():
            return FileKeyProvider(os.path.realpath(self.path))._change(change)
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        lock = os.open(lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = change(self.load())
            Keyring(data)  # what is written must load again
            self.replace(data)
            return data
        finally:
            os.close(lock)


class EnvKeyProvider:
    """Keys from an environment variable holding the key-file JSON (or its base64)."""

    def __init__(self, variable: str = ENV_KEYRING_DATA, environ: Mapping[str, str] | None = None) -> None:
        self.variable = variable
        self._environ = environ if environ is not None else os.environ

    def describe(self) -> str:
        return f"${self.variable}"

    def load(self) -> KeyringData:
        raw = self._environ.get(self.variable)
        if not raw:
            raise KeyringError(f"${self.variable} is not set")
        text = raw.strip()
        if not text.startswith("{"):
            try:
                text = base64.b64decode(text, validate=True).decode("utf-8")
            except (binascii.Error, ValueError):
                raise KeyringError(f"${self.variable}: neither keyring JSON nor its base64") from None
        return parse_keyring(text, f"${self.variable}")


def load_keyring(path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Keyring:
    """A keyring from ``path``, else ``$PII_GUARD_KEYRING`` (a path), else ``$PII_GUARD_KEYS`` (data)."""
    env = environ if environ is not None else os.environ
    if path is not None:
        return Keyring.from_provider(FileKeyProvider(path))
    if env.get(ENV_KEYRING_PATH):
        return Keyring.from_provider(FileKeyProvider(env[ENV_KEYRING_PATH]))
    if env.get(ENV_KEYRING_DATA):
        return Keyring.from_provider(EnvKeyProvider(ENV_KEYRING_DATA, env))
    raise KeyringError(f"no keyring: pass --keyring, or set ${ENV_KEYRING_PATH} (a key file) or ${ENV_KEYRING_DATA}")


#: Key files loaded by :func:`keyring_from`, by path, with the file's identity when read.
_LOADED: dict[str, tuple[tuple[int, ...], Keyring]] = {}
_LOADED_LOCK = threading.Lock()


def keyring_from(value: "Keyring | str | os.PathLike[str] | None") -> Keyring | None:
    """A keyring given as one, or as its key file's path (what a caller writes first:
    ``Guard("complaints", "keys.json")``), loaded and kept while the file stays as it was (a
    Presidio operator asks once per entity). ``None`` stays ``None``."""
    if value is None or isinstance(value, Keyring):
        return value
    if not isinstance(value, (str, os.PathLike)):
        raise KeyringError(f"a keyring is a Keyring or a key file's path, not a {type(value).__name__}")
    path = os.fspath(value)
    try:
        info = os.stat(path)
        # the mode and owner too: a file made group-readable since is loaded again, and refused
        identity = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, info.st_mode, info.st_uid)
    except OSError:
        identity = (0, 0, 0, -1, 0, -1)  # loaded below, which says why it cannot be read
    with _LOADED_LOCK:
        hit = _LOADED.get(path)
    if hit is not None and hit[0] == identity:
        return hit[1]
    keyring = load_keyring(path)
    with _LOADED_LOCK:
        _LOADED[path] = (identity, keyring)
    return keyring


def configured_keyring(path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Keyring | None:
    """Like :func:`load_keyring`, but ``None`` when no keyring is configured at all.

    A masking policy needs no keys; an encrypting one then fails when its Guard is built. A
    keyring that *is* configured but cannot be read is an error, never "no keys".
    """
    env = environ if environ is not None else os.environ
    if path is None and not (env.get(ENV_KEYRING_PATH) or env.get(ENV_KEYRING_DATA)):
        return None
    return load_keyring(path, environ)
