"""Key files, providers and policy validation."""

from __future__ import annotations

import base64
import json
import os
import random
import stat
from pathlib import Path

import pytest

from benchmarks import synth
from pii_guard import keys
from pii_guard.config import ConfigError
from pii_guard.guard import Guard
from pii_guard.policy import load


def test_key_file_created_0600_and_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "ring.json"
    provider = keys.FileKeyProvider(path)
    provider.create(keys.new_keyring_data())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(keys.KeyringError, match="refusing to overwrite"):
        provider.create(keys.new_keyring_data())
    ring = keys.Keyring.from_provider(provider)
    assert ring.primary_id == "k1" and "secret" not in repr(ring)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o620, 0o602])
def test_group_or_world_readable_key_file_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "ring.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    os.chmod(path, mode)
    with pytest.raises(keys.KeyringError, match="readable or writable by group or others"):
        keys.FileKeyProvider(path).load()


@pytest.mark.parametrize("mode", [0o600, 0o400, 0o711, 0o700])
def test_owner_only_key_file_loads_whatever_its_execute_bits(tmp_path: Path, mode: int) -> None:
    # SparkFiles copies a file shipped with --files as 711: nobody else can read it
    path = tmp_path / "ring.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    os.chmod(path, mode)
    assert keys.FileKeyProvider(path).load().primary == "k1"


def test_rotate_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "ring.json"
    provider = keys.FileKeyProvider(path)
    provider.create(keys.new_keyring_data("sm"))
    provider.replace(keys.rotated(provider.load()))
    data = provider.load()
    assert data.primary == "k2" and set(data.secrets) == {"k1", "k2"} and data.family == "sm"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["ring.json"]


def test_environment_provider(tmp_path: Path) -> None:
    path = tmp_path / "ring.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    text = path.read_text()
    for value in (text, base64.b64encode(text.encode()).decode()):
        ring = keys.load_keyring(environ={"PII_GUARD_KEYS": value})
        assert ring.primary_id == "k1"
    assert keys.load_keyring(environ={"PII_GUARD_KEYRING": str(path)}).primary_id == "k1"
    with pytest.raises(keys.KeyringError):
        keys.load_keyring(environ={})
    with pytest.raises(keys.KeyringError) as info:
        keys.load_keyring(environ={"PII_GUARD_KEYS": "not-base64-and-not-json!"})
    assert "not-base64" not in str(info.value)


def test_corrupt_key_file_errors_hold_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "ring.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    doc = json.loads(path.read_text())
    secret = doc["keys"][0]["secret"]
    doc["primary"] = "k7"
    path.write_text(json.dumps(doc))
    with pytest.raises(keys.KeyringError) as info:
        keys.FileKeyProvider(path).load()
    assert secret not in str(info.value)


POLICY = """\
name: test
entities:
  CN_PHONE_NUMBER: {action: encrypt}
  CN_BANK_CARD:
    action: mask
    params: {keep_first: 6, keep_last: 4}
fields:
  - {path: "$.a[*].b", mode: scan}
"""


@pytest.mark.parametrize(
    "old,new,key,line",
    [
        ("CN_PHONE_NUMBER: {action: encrypt}", "CN_PASSPORT: {action: encrypt}", "entities.CN_PASSPORT", 3),
        ("{action: encrypt}", "{action: encrpyt}", "entities.CN_PHONE_NUMBER.action", 3),
        ("keep_first: 6", "keep_frist: 6", "entities.CN_BANK_CARD.params", 6),
        ("mode: scan", "mode: shred", "fields.0.mode", 8),
        ("mode: scan", "mode: protect", "fields.0", 8),
        ("$.a[*].b", "$.a[*", "fields.0.path", 8),
    ],
)
def test_policy_errors_name_line_and_key(tmp_path: Path, old: str, new: str, key: str, line: int) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace(old, new))
    with pytest.raises(ConfigError) as info:
        load(path)
    assert f"{path}:{line}: {key}:" in str(info.value)


def test_unknown_key_id_fails_at_load_not_at_request(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace("{action: encrypt}", "{action: encrypt, params: {key_id: k9}}"))
    policy = load(path)
    with pytest.raises(ConfigError, match=r"p\.yaml:3: entities\.CN_PHONE_NUMBER: unknown key id"):
        Guard(policy, keys.Keyring(keys.new_keyring_data()))


def test_encrypt_policy_without_keyring_fails_at_load() -> None:
    with pytest.raises(ConfigError, match="needs a keyring"):
        Guard("complaints", None)
    Guard("display", None)  # masking needs no keys


@pytest.mark.parametrize("name", ["complaints", "display", "audit"])
def test_shipped_policies_load(name: str) -> None:
    policy = load(name)
    assert policy.name == name and set(policy.entities) >= {"CN_RESIDENT_ID", "CN_BANK_CARD", "CN_PHONE_NUMBER"}


@pytest.mark.parametrize("kind", ["not_utf8", "directory"])
def test_unreadable_key_files_are_clear_errors(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ring.json"
    if kind == "directory":
        path.mkdir(mode=0o700)
    else:
        path.write_bytes(b"\xff\xfe{not json")
        path.chmod(0o600)
    with pytest.raises(keys.KeyringError):
        keys.FileKeyProvider(path).load()


@pytest.mark.parametrize("text,key", [
    ("name: d\nentities:\n  CN_PHONE_NUMBER: {action: mask}\n  CN_PHONE_NUMBER: {action: redact}\n", "entities.CN_PHONE_NUMBER: duplicate key"),
    ("name: v\nentities:\n  CN_PHONE_NUMBER:\n    action: mask\n    params: {variants: {landlne: {keep_first: 0}}}\n",
     "entities.CN_PHONE_NUMBER.params.variants.landlne: unknown outcome"),
])
def test_policy_mistakes_yaml_would_swallow_are_errors(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load(path)
    assert key in str(info.value)


def test_trimmed_paths_drop_only_the_spaces_around_quoted_names() -> None:
    from pii_guard.walk import trimmed

    assert trimmed("$['id_ref ']") == trimmed("$[' id_ref']") == "$.id_ref"
    assert trimmed("$['a b ']") == "$['a b']" and trimmed("$.x[0]") == "$.x[0]"
    assert trimmed("$['it\\'s ']") == "$['it\\'s']"
    long = "$['x" + " " * 40000 + "y ']"  # one pass: a client's key of any length
    assert trimmed(long) == "$['x" + " " * 40000 + "y']"


def test_a_bare_policy_name_is_the_shipped_policy_beside_a_folder_of_that_name(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`--policy audit` (scan's default) run where the working directory holds an "audit" folder
    loads the shipped policy, not "cannot read file: IsADirectoryError"."""
    from pii_guard import policy

    (tmp_path / "audit").mkdir()
    monkeypatch.chdir(tmp_path)
    assert policy.load("audit").name == "audit"


def test_key_files_that_hang_nest_or_belong_to_another_user_are_clear_errors(tmp_path: Path) -> None:
    """A FIFO named as the key file is refused at once (no wait for a writer); JSON nested past
    the parser's depth is no keyring; a key file another user owns is refused (whoever planted it
    knows its keys): each a KeyringError, no traceback."""
    import threading

    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo, 0o600)
    done: list[BaseException] = []

    def load() -> None:
        try:
            keys.FileKeyProvider(fifo).load()
        except BaseException as exc:  # noqa: BLE001
            done.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(5)
    assert done and isinstance(done[0], keys.KeyringError)
    with pytest.raises(keys.KeyringError, match="invalid JSON"):
        keys.parse_keyring("[" * 100_000 + "]" * 100_000, "deep.json")
    if os.geteuid() != 0:
        pytest.skip("planting a key file owned by another user needs root")
    planted = tmp_path / "planted.json"
    keys.FileKeyProvider(planted).create(keys.new_keyring_data())
    os.chown(planted, 65534, 65534)
    with pytest.raises(keys.KeyringError, match="owned by another user"):
        keys.FileKeyProvider(planted).load()


def test_the_audit_log_is_a_chain_that_shows_an_edit(tmp_path: Path) -> None:
    """With a keyring, each audit record carries an HMAC over itself and the record before it:
    audit-verify passes an untouched log and names the line where a record was edited, removed
    or inserted; a keyring without the chain's key cannot vouch for it."""
    import subprocess
    import sys

    from pii_guard import audit
    from tests.servers import ROOT

    keyfile = tmp_path / "k.json"
    keys.FileKeyProvider(keyfile).create(keys.new_keyring_data())
    ring = keys.load_keyring(keyfile)
    log = tmp_path / "audit.jsonl"
    for i in range(4):
        audit.append(log, {"event": "reveal", "actor": f"handler-{i}", "complaint": i}, ring)
    assert audit.verify(log, ring) == (4, None, None, {})
    import re

    macs = [json.loads(line)["chain"]["mac"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", mac) for mac in macs)  # base64url: no long digit runs as hex has

    def verify_cli() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pii_guard.cli", "audit-verify", str(log), "--keyring", str(keyfile)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert verify_cli().returncode == 0
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    for changed in (lines[:1] + [lines[1].replace("handler-1", "handler-9")] + lines[2:],  # an edit
                    lines[:1] + lines[2:],                                                   # a removal
                    lines[:1] + [json.dumps({"time": "x", "event": "reveal"}) + "\n"] + lines[1:]):  # an insertion
        log.write_text("".join(changed), encoding="utf-8")
        assert audit.verify(log, ring)[1] == 2
        out = verify_cli()
        assert out.returncode == 1 and "line 2" in out.stderr
    other = tmp_path / "other.json"
    keys.FileKeyProvider(other).create(keys.new_keyring_data())
    log.write_text("".join(lines), encoding="utf-8")
    assert audit.verify(log, keys.load_keyring(other))[1] == 1


def test_audit_verify_needs_a_mac_on_every_record_and_checks_past_a_retired_key(tmp_path: Path) -> None:
    """A log whose MACs were stripped (the actors then edited, a reveal removed), or a plain data
    file, is no intact chain: audit-verify names the first record without a MAC and exits 1, as it
    does for a file of no record. Records keyed by a key retired since are listed as unchecked by
    key and line, and the walk goes on: the later key's records are still checked (an edit there
    is found), and the run is not called intact."""
    import subprocess
    import sys

    from pii_guard import audit
    from tests.servers import ROOT

    keyfile = tmp_path / "k.json"
    provider = keys.FileKeyProvider(keyfile)
    provider.create(keys.new_keyring_data())
    log = tmp_path / "audit.jsonl"
    for i in range(2):
        audit.append(log, {"event": "reveal", "actor": f"handler-{i}"}, keys.load_keyring(keyfile))
    provider.rotate()
    for i in range(2, 4):
        audit.append(log, {"event": "reveal", "actor": f"handler-{i}"}, keys.load_keyring(keyfile))
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)

    def verify_cli(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pii_guard.cli", "audit-verify", str(path), "--keyring", str(keyfile)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert verify_cli(log).returncode == 0
    stripped = [json.loads(line) for line in lines]
    for record in stripped:
        del record["chain"]
        record["actor"] = "nobody"
    log.write_text("".join(json.dumps(r) + "\n" for r in stripped[1:]), encoding="utf-8")
    out = verify_cli(log)
    assert out.returncode == 1 and "line 1 carries no MAC" in out.stderr and "intact" not in out.stderr
    data = tmp_path / "data.jsonl"
    data.write_text('{"id": 1, "text": "nothing"}\n', encoding="utf-8")
    assert verify_cli(data).returncode == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = verify_cli(empty)
    assert out.returncode == 1 and "no record" in out.stderr

    provider.retire("k1")
    log.write_text("".join(lines), encoding="utf-8")
    result = audit.verify(log, keys.load_keyring(keyfile))
    assert result == (4, None, None, {"k1": [1, 2]})
    out = verify_cli(log)
    assert out.returncode == 1 and "2 record(s) keyed by k1, which was retired" in out.stderr
    assert "the 2 checked verify" in out.stderr and "chain intact" not in out.stderr
    log.write_text("".join(lines[:3] + [lines[3].replace("handler-3", "handler-9")]), encoding="utf-8")
    assert audit.verify(log, keys.load_keyring(keyfile))[1] == 4
    # relabelled to the retired key, an edited record of a later key would go unchecked: the chain
    # never comes back to a key it left, and names no key the keyring never held
    forged = json.loads(lines[3])
    forged["actor"], forged["chain"]["key"] = "mallory", "k1"
    log.write_text("".join(lines[:3]) + json.dumps(forged) + "\n", encoding="utf-8")
    result = audit.verify(log, keys.load_keyring(keyfile))
    assert result[1] == 4 and "after records of a later key" in result[2]
    forged["chain"]["key"] = "k9"
    log.write_text("".join(lines[:3]) + json.dumps(forged) + "\n", encoding="utf-8")
    result = audit.verify(log, keys.load_keyring(keyfile))
    assert result[1] == 4 and "never held" in result[2]


def test_retired_key_ids_are_never_issued_again_and_the_primary_cannot_be_retired(tmp_path: Path) -> None:
    """keys retire destroys a key's secret and keeps its id as retired: the next rotation issues a
    new id past every id held or retired (an old token or audit record under a reissued id would
    read as forged), the primary cannot be retired, and the CLI asks for --yes first."""
    import subprocess
    import sys

    from tests.servers import ROOT

    keyfile = tmp_path / "k.json"
    provider = keys.FileKeyProvider(keyfile)
    provider.create(keys.new_keyring_data())
    provider.rotate()
    assert keys.load_keyring(keyfile).ids == ("k1", "k2")
    with pytest.raises(keys.KeyringError, match="primary"):
        provider.retire("k2")
    cli = [sys.executable, "-m", "pii_guard.cli", "keys", "retire", "--keyring", str(keyfile), "k1"]
    out = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--yes" in out.stderr and keys.load_keyring(keyfile).has("k1")
    out = subprocess.run([*cli, "--yes"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    ring = keys.load_keyring(keyfile)
    assert not ring.has("k1") and ring.was_retired("k1") and ring.ids == ("k2",)
    provider.rotate()
    provider.retire("k2")
    provider.rotate()
    assert keys.load_keyring(keyfile).ids == ("k3", "k4")
    with pytest.raises(keys.KeyringError, match="retired already"):
        provider.retire("k1")


def test_a_key_file_with_an_unknown_field_a_weak_secret_or_a_personal_key_id_is_refused(tmp_path: Path) -> None:
    """Fields this version does not know ("revoked": true) are refused, not ignored and dropped at
    the next rotation; a secret of a few repeated bytes is no key; and a key id holding a phone
    would be written into every token, so it is refused (a timestamp in an id is not)."""
    def ring_text(**changes: object) -> str:
        key = {"id": "k1", "created": "", "secret": base64.b64encode(os.urandom(32)).decode()}
        key.update(changes.pop("key", {}))  # type: ignore[arg-type]
        doc = {"format": "pii-guard-keyring", "version": 1, "family": "aes", "primary": key["id"], "keys": [key], **changes}
        return json.dumps(doc)

    keys.parse_keyring(ring_text(), "k.json")
    keys.parse_keyring(ring_text(key={"id": "kms-20240601120000"}), "k.json")
    with pytest.raises(keys.KeyringError, match="unknown field 'note'"):
        keys.parse_keyring(ring_text(note="x"), "k.json")
    with pytest.raises(keys.KeyringError, match="unknown field 'revoked'"):
        keys.parse_keyring(ring_text(key={"revoked": True}), "k.json")
    for secret in (bytes(32), b"ab" * 16):
        data = keys.parse_keyring(ring_text(key={"secret": base64.b64encode(secret).decode()}), "k.json")
        with pytest.raises(keys.KeyringError, match="no random key"):
            keys.Keyring(data)
    phone = synth.mobile_number(random.Random(3))
    for kid in (phone, f"key-{phone}", f"k-{phone[:3]}-{phone[3:7]}-{phone[7:]}"):
        data = keys.parse_keyring(ring_text(key={"id": kid}), "k.json")
        with pytest.raises(keys.KeyringError) as caught:
            keys.Keyring(data)
        assert "personal data" in str(caught.value) and phone not in str(caught.value)
    keys.Keyring(keys.parse_keyring(ring_text(key={"id": "kms-20240601120000"}), "k.json"))
    # an older key so named still reveals its tokens: only the primary writes its id into new ones
    older = json.loads(ring_text(key={"id": phone}))
    older["keys"].append({"id": "k2", "created": "", "secret": base64.b64encode(os.urandom(32)).decode()})
    older["primary"] = "k2"
    assert keys.Keyring(keys.parse_keyring(json.dumps(older), "k.json")).has(phone)


def test_audit_verify_messages_mask_a_number_in_a_key_id_a_record_names(tmp_path: Path) -> None:
    """A forged record's key id is whatever its writer chose, a phone too: audit.verify's reason,
    a message an API caller may log, masks the number in the id it quotes (the CLI's stderr is
    masked as a whole besides)."""
    import subprocess
    import sys

    from pii_guard import audit
    from tests.servers import ROOT

    keyfile = tmp_path / "k.json"
    keys.FileKeyProvider(keyfile).create(keys.new_keyring_data())
    log = tmp_path / "audit.jsonl"
    audit.append(log, {"event": "reveal", "actor": "a"}, keys.load_keyring(keyfile))
    phone = synth.mobile_number(random.Random(11))
    record = json.loads(log.read_text(encoding="utf-8"))
    record["chain"]["key"] = phone
    log.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = audit.verify(log, keys.load_keyring(keyfile))
    assert result[1] == 1 and "never held" in result[2] and phone not in result[2]
    out = subprocess.run([sys.executable, "-m", "pii_guard.cli", "audit-verify", str(log), "--keyring", str(keyfile)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "line 1" in out.stderr and "never held" in out.stderr
    assert phone not in out.stderr


def test_a_key_file_giving_a_field_twice_is_refused_and_keys_list_masks_numbers(tmp_path: Path) -> None:
    """"primary": "k2", "primary": "k1" loaded with the last one winning (an old key primary
    again, new tokens under it, where another reader takes the first); and keys list printed a
    hand-edited 'created' field, a mobile in it, as it was."""
    from tests.test_cli import pii_guard

    path = tmp_path / "keys.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    doc = json.loads(path.read_text())
    mobile = synth.mobile_number(random.Random(691))
    doc["keys"][0]["created"] = f"客户手机{mobile}"
    path.write_text(json.dumps(doc))
    listed = pii_guard("keys", "list", "--keyring", str(path))
    held = listed.returncode == 0 and "primary" in listed.stdout and mobile not in listed.stdout + listed.stderr  # (a failure shows no number)
    assert held
    text = json.dumps(doc).replace('"primary": "k1"', '"primary": "k1", "primary": "k1"')
    path.write_text(text)
    with pytest.raises(keys.KeyringError, match="given twice"):
        keys.load_keyring(path)
