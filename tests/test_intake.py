"""The complaint-intake service end to end: real uvicorn, real SQLite, real log file."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from benchmarks import synth
from pii_guard.guard import Guard
from pii_guard.operators import tokens
from tests.servers import free_port, running

TOKEN = "handler-token-0123456789abcdef"


def digit_runs(values: list[str]) -> set[str]:
    """Every digit run (4+ digits) of every input value, ASCII-folded."""
    from pii_guard.normalise import fold

    runs: set[str] = set()
    for value in values:
        runs.update(r for r in __import__("re").findall(r"[0-9]{4,}", fold(value)))
    return runs


def plaintext_leaks(text: str, runs: set[str]) -> int:
    outside = tokens.TOKEN_PATTERN.sub(" ", text)
    return sum(1 for r in runs if r in outside)


@pytest.fixture(scope="module")
def intake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("intake")
    port = free_port()
    args = ["intake", "--port", str(port), "--db", f"sqlite:///{work}/complaints.db", "--keyring", str(work / "keys.json"),
            "--log-file", str(work / "intake.log"), "--audit-log", str(work / "audit.jsonl"), "--handler", f"handler-07:{TOKEN}"]
    with running(args, port, work / "server.out") as base:
        yield base, work


def complaint(rng: random.Random, i: int) -> tuple[dict, list[str]]:
    pid, mobile = synth.resident_id(rng), synth.mobile_number(rng)
    card = synth.bank_card(rng, prefix=rng.choice(["622202", "621700", "622848"]), length=19)
    line = synth.landline(rng)
    grouped_card = " ".join(card[j : j + 4] for j in range(0, 19, 4))
    doc = {
        "case": f"case-{i}",
        "complainant": {"name": "张某", "id_number": pid, "phone": int(mobile)},
        "text": f"代理退保中介让我提供身份证{pid}和银行卡{grouped_card}，办公电话{line.area_code}-{line.subscriber}，"
                f"手机＋８６ {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}。",
        "attachments": [{"note": f"卡号{card}"}],
    }
    return doc, [pid, mobile, card, line.subscriber]


def test_nothing_in_plaintext_reaches_storage_or_logs(intake: tuple[str, Path]) -> None:
    base, work = intake
    rng = random.Random(31)
    docs = [complaint(rng, i) for i in range(5)]
    ids = []
    for doc, _values in docs:
        r = httpx.post(f"{base}/complaints", json=doc, timeout=10)
        assert r.status_code == 201
        ids.append(r.json()["id"])
    httpx.get(f"{base}/complaints/{ids[0]}", params={"phone": docs[0][1][1]})  # PII in a query string
    runs = digit_runs([v for _doc, values in docs for v in values])
    rows = [r[0] for r in sqlite3.connect(work / "complaints.db").execute("SELECT payload FROM complaints")]
    assert len(rows) >= 5
    assert sum(plaintext_leaks(row, runs) for row in rows) == 0
    log_text = (work / "intake.log").read_text(encoding="utf-8")
    assert "POST /complaints" in log_text and "stored" in log_text
    assert plaintext_leaks(log_text, runs) == 0


def test_masked_by_default_revealed_only_to_handlers(intake: tuple[str, Path]) -> None:
    base, work = intake
    doc, values = complaint(random.Random(32), 99)
    cid = httpx.post(f"{base}/complaints", json=doc, timeout=10).json()["id"]
    masked = httpx.get(f"{base}/complaints/{cid}").json()
    assert masked["revealed"] is False
    assert plaintext_leaks(json.dumps(masked, ensure_ascii=False), digit_runs(values[:1])) == 0
    assert "*" in masked["complaint"]["complainant"]["phone"]
    for missing in ("abc", "0", "-1", "9" * 23):  # past a 64-bit id too: no complaint, not a 500
        assert httpx.get(f"{base}/complaints/{missing}").status_code == 404
    assert httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}).status_code == 403
    no_purpose = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert no_purpose.status_code == 403
    wrong = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"},
                      headers={"authorization": "Bearer not-the-token-000000", "x-purpose": "x"})
    assert wrong.status_code == 403
    refused = [json.loads(line) for line in (work / "audit.jsonl").read_text().splitlines()[-3:]]
    assert [(r["event"], r["complaint"]) for r in refused] == [("reveal_refused", cid)] * 3  # refused attempts are on record
    assert [r["actor"] for r in refused] == [None, "handler-07", None]
    purpose = f"退款到卡，回访客户{values[1]}"  # typed in Chinese, a phone in it: UTF-8 on the wire
    response = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"},
                         headers={"authorization": f"Bearer {TOKEN}", "x-purpose": purpose.encode("utf-8")})
    revealed = response.json()
    same = revealed["complaint"] == doc
    assert revealed["revealed"] is True and same and response.headers["cache-control"] == "no-store"
    intent, done = [json.loads(line) for line in (work / "audit.jsonl").read_text().splitlines()[-2:]]
    assert intent["event"] == "reveal" and intent["actor"] == "handler-07"
    assert intent["purpose"].startswith("退款到卡，回访客户") and "*" in intent["purpose"] and values[1] not in intent["purpose"]
    assert done["event"] == "reveal_done" and done["complaint"] == cid and done["revealed"]
    record = done
    assert plaintext_leaks(json.dumps(record), digit_runs(values)) == 0


def test_concurrent_posts_keep_each_complaint_its_own(intake: tuple[str, Path]) -> None:
    base, _work = intake
    rng = random.Random(33)
    docs = [complaint(rng, 1000 + i)[0] for i in range(30)]

    async def post_all() -> list[int]:
        async with httpx.AsyncClient(timeout=30) as client:
            responses = await asyncio.gather(*(client.post(f"{base}/complaints", json=d) for d in docs))
            return [r.json()["id"] for r in responses]

    ids = asyncio.run(post_all())
    headers = {"authorization": f"Bearer {TOKEN}", "x-purpose": "concurrency test"}
    for doc, cid in zip(docs, ids):
        got = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}, headers=headers).json()["complaint"]
        same = got == doc
        assert same


def test_postgresql_storage(tmp_path: Path) -> None:
    import psycopg

    from tests.servers import postgres

    with postgres() as url:
        port = free_port()
        work = tmp_path / "svc"
        work.mkdir()
        args = ["intake", "--port", str(port), "--db", url, "--keyring", str(work / "keys.json"),
                "--log-file", str(work / "intake.log"), "--audit-log", str(work / "audit.jsonl"), "--handler", f"h:{TOKEN}"]
        with running(args, port, work / "server.out") as base:
            doc, values = complaint(random.Random(34), 7)
            cid = httpx.post(f"{base}/complaints", json=doc, timeout=10).json()["id"]
            got = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"},
                            headers={"authorization": f"Bearer {TOKEN}", "x-purpose": "pg test"}).json()["complaint"]
            same = got == doc
            assert same
        with psycopg.connect(url) as conn:
            rows = [r[0] for r in conn.execute("SELECT payload FROM complaints")]
        assert len(rows) == 1 and plaintext_leaks(rows[0], digit_runs(values)) == 0


def test_malformed_whole_fields_stay_masked(intake: tuple[str, Path]) -> None:
    base, _work = intake
    bad_id = "310104197506036673"  # wrong check digit: the detector would not find it
    doc = {"complainant": {"id_number": bad_id, "phone": "138-1234-567"}, "text": "无"}
    cid = httpx.post(f"{base}/complaints", json=doc, timeout=10).json()["id"]
    shown = json.dumps(httpx.get(f"{base}/complaints/{cid}").json(), ensure_ascii=False)
    leaked = bad_id in shown or "1234-567" in shown
    assert not leaked and "*" in shown


def test_bodies_that_could_never_be_read_back_are_refused(intake: tuple[str, Path]) -> None:
    """NaN, a lone surrogate escape and made-up token-shaped text are refused at POST (400), so
    no stored complaint becomes unreadable; UTF-16/32 and a UTF-8 BOM are accepted; a purpose
    holding a phone is masked in the audit log."""
    base, work = intake
    mobile = synth.mobile_number(random.Random(77))
    fake = "pg1.e.a256gcm.k1.CN_PHONE_NUMBER.-." + "A" * 40 + "~"
    broken = "pg1.e.a256gcm.k1.CN_PHONE_NUMBER.-.AAAA"  # a header with no payload or end mark
    for raw in (b'{"text": "hi", "score": NaN}', b'{"text": "\\ud800 x"}', json.dumps({"text": f"see {fake}"}).encode(),
                json.dumps({"text": f"see {broken} x"}).encode()):
        r = httpx.post(f"{base}/complaints", content=raw, headers={"content-type": "application/json"})
        assert r.status_code == 400 and mobile not in r.text
    for encoding, declared in (("utf-16", True), ("utf-32", True), ("utf-8-sig", True), ("utf-16", False),
                               ("utf-16-le", False), ("utf-32", False)):
        # read as the guard reads JSON bytes (as json.loads does), with or without a charset
        body = json.dumps({"text": f"手机{mobile}"}, ensure_ascii=False).encode(encoding)
        ctype = f"application/json; charset={encoding.replace('-sig', '')}" if declared else "application/json"
        r = httpx.post(f"{base}/complaints", content=body, headers={"content-type": ctype})
        assert r.status_code == 201, (encoding, r.text)
        back = httpx.get(f"{base}/complaints/{r.json()['id']}", params={"reveal": "1"},
                         headers={"authorization": f"Bearer {TOKEN}", "x-purpose": f"call back {mobile}"})
        assert back.status_code == 200 and back.json()["complaint"] == {"text": f"手机{mobile}"}
    assert mobile not in (work / "audit.jsonl").read_text() and mobile not in (work / "complaints.db").read_bytes().decode("latin-1")


def test_the_keyring_the_environment_names(tmp_path: Path) -> None:
    """Without --keyring, intake uses the keyring PII_GUARD_KEYRING names, as every command does."""
    from pii_guard import keys
    from pii_guard.guard import Guard

    ring = tmp_path / "team-keys.json"
    keys.FileKeyProvider(ring).create(keys.new_keyring_data())
    port = free_port()
    args = ["intake", "--port", str(port), "--db", f"sqlite:///{tmp_path}/c.db", "--log-file", str(tmp_path / "i.log"),
            "--audit-log", str(tmp_path / "audit.jsonl")]
    doc, _values = complaint(random.Random(77), 1)
    with running(args, port, tmp_path / "server.out", env={"PII_GUARD_KEYRING": str(ring)}) as base:
        assert httpx.post(f"{base}/complaints", json=doc, timeout=10).status_code == 201
    stored = json.loads(sqlite3.connect(tmp_path / "c.db").execute("SELECT payload FROM complaints").fetchone()[0])
    same = Guard("audit", keys.load_keyring(ring)).reveal_document(stored) == doc
    assert same


def test_a_token_the_client_sends_is_refused(intake: tuple[str, Path]) -> None:
    """A client holds no token: one copied from another complaint (its row, a log, an export)
    would show that customer's data to a handler revealing this complaint. Any token sent in —
    valid, made up, of another format version, a hash, in a value or a key — is refused (400)."""
    base, work = intake
    doc, values = complaint(random.Random(91), 1)
    stored = httpx.post(f"{base}/complaints", json=doc, timeout=10).json()["id"]
    import sqlite3

    with sqlite3.connect(work / "complaints.db") as db:
        (payload,) = db.execute("select payload from complaints where id = ?", (stored,)).fetchone()
    victim = json.loads(payload)["complainant"]["id_number"]
    assert tokens.looks_like_token(victim)
    fake_hash = f"pg1.h.hs256.k1.CN_PHONE_NUMBER.-.{'B' * 43}~"
    # text that merely holds "pg1." is no token: stored
    assert httpx.post(f"{base}/complaints", json={"text": "截图见附件pg1.png，说明见/help/pg1.html"}, timeout=10).status_code == 201
    for body in ({"complainant": {"id_number": victim}}, {"text": f"x pg2.e.a256gcm.k1.CN_PHONE_NUMBER.p.{'A' * 60}~"},
                 {"text": fake_hash}, {victim: "x"}):
        r = httpx.post(f"{base}/complaints", json=body, timeout=10)
        assert r.status_code == 400 and r.json()["error"] == "token_in_request", body
        assert not any(v in r.text for v in values)


def test_a_failed_reveal_is_audited_as_failed_and_a_refused_one_names_the_client(tmp_path: Path) -> None:
    """A stored token that no longer reveals (its key gone from the keyring) ends the reveal the
    record opened with a reveal_failed record; a refused attempt records the client's address."""
    import sqlite3

    from pii_guard import keys

    ring = tmp_path / "keys.json"
    keys.FileKeyProvider(ring).create(keys.new_keyring_data())
    other = tmp_path / "other.json"
    keys.FileKeyProvider(other).create(keys.new_keyring_data())
    port = free_port()
    args = ["intake", "--port", str(port), "--db", f"sqlite:///{tmp_path}/c.db", "--keyring", str(ring),
            "--log-file", str(tmp_path / "i.log"), "--audit-log", str(tmp_path / "audit.jsonl")]
    doc, _values = complaint(random.Random(92), 1)
    foreign = Guard("complaints", keys.load_keyring(other)).protect_document(doc)
    with running(args, port, tmp_path / "server.out", env={"PII_GUARD_HANDLERS": f"handler-07:{TOKEN}"}) as base:
        assert httpx.post(f"{base}/complaints", json={"text": "无"}, timeout=10).status_code == 201
        with sqlite3.connect(tmp_path / "c.db") as db:  # a row another keyring wrote (a restored backup)
            db.execute("update complaints set payload = ? where id = 1", (json.dumps(foreign, ensure_ascii=False),))
        r = httpx.get(f"{base}/complaints/1", params={"reveal": "1"},
                      headers={"authorization": f"Bearer {TOKEN}", "x-purpose": "call back"}, timeout=10)
        assert r.status_code == 500
        assert httpx.get(f"{base}/complaints/1", params={"reveal": "1"}, timeout=10).status_code == 403
    events = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["event"] for e in events] == ["reveal", "reveal_failed", "reveal_refused"]
    assert events[2]["client"] == "127.0.0.1"


def test_refused_reveals_are_throttled_per_client(intake: tuple[str, Path]) -> None:
    """Anyone who reaches the port could write audit records without end by trying to reveal: past
    ten refused attempts a minute a client gets 429, and those attempts are not recorded one by one."""
    base, work = intake
    doc, _values = complaint(random.Random(94), 1)
    cid = httpx.post(f"{base}/complaints", json=doc, timeout=10).json()["id"]
    log = work / "audit.jsonl"
    before = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    codes = [httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}, timeout=10).status_code for _ in range(25)]
    after = len(log.read_text(encoding="utf-8").splitlines())
    assert codes.count(403) <= 10 and codes[-1] == 429 and after - before <= 10
    # the address is the connection's: an X-Forwarded-For the client makes up changes nothing
    # (uvicorn would trust one from 127.0.0.1 unless told which proxies are in front)
    spoofed = [httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}, timeout=10,
                         headers={"x-forwarded-for": f"10.9.{i}.{i}"}).status_code for i in range(5)]
    assert spoofed == [429] * 5 and len(log.read_text(encoding="utf-8").splitlines()) == after
    authorised = httpx.get(f"{base}/complaints/{cid}", params={"reveal": "1"}, timeout=10,
                           headers={"authorization": f"Bearer {TOKEN}", "x-purpose": "call back"})
    assert authorised.status_code == 200  # a handler is not throttled
