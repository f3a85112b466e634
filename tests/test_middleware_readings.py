"""The middleware reads a request as the app will: charsets, byte-order marks, header parameters.

Each case here is a body the guard once read one way while Starlette (or a log, or a GBK
upstream) read it another, so that a number passed in plaintext; the fixed reading is asserted
on what the app really receives, in process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pii_guard.guard import Guard
from pii_guard import keys
from tests.test_middleware import (CARD, MOBILE, PID, _complaints_in_process, _exchange, _post_in_process,
                                   _sent_through_display, keyring_path, leaks)

__all__ = ["keyring_path"]  # the module's key file fixture, shared

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _mistyped(pid: str) -> str:
    """``pid`` with a wrong check character: no ID to the detector, protected whole by the
    complaints policy's rule for an ``id_number`` field."""
    return pid[:17] + ("0" if pid[17] != "0" else "1")


@pytest.mark.parametrize("body,ctype", [
    (b"\xff\xfe" + f"phone {MOBILE} card {CARD} id {PID} ".encode(), "text/plain"),       # a mark, no label
    (b"\xff\xfe" + f"phone {MOBILE} card {CARD} id {PID} ".encode(), ""),                  # nor a type
    (b"\xfe\xff" + f"phone {MOBILE} id {PID}".encode(), "text/csv"),
    (f"客户手机{MOBILE}，身份证号{PID}".encode(), "text/plain; charset=utf-16-le"),           # a label on UTF-8 bytes
    (f"phone {MOBILE} card {CARD} ".encode(), "application/xml; charset=utf-16be"),
    (f'<?xml version="1.0" encoding="UTF-16LE"?><c><p>{MOBILE}</p></c> '.encode(), "application/xml"),
    # one NUL put into each number: not UTF-16's own digits (a NUL between every two), which a
    # reader that skips the NUL reads whole
    (b"\xff\xfe" + f"phone {MOBILE[:3]}\x00{MOBILE[3:]} id {PID[:6]}\x00{PID[6:]} ".encode(), "text/plain"),
    (f"phone {MOBILE[:3]}\x00{MOBILE[3:]} ok ".encode(), "text/plain; charset=utf-16"),
    # full-width digits and numerals in UTF-8 bytes: never UTF-16's own digits either
    (f"客户手机{MOBILE.translate(FULL_WIDTH)}".encode(), "text/plain; charset=utf-16le"),
    (b"\xff\xfe" + ("手机号" + MOBILE.translate(str.maketrans("0123456789", "零一二三四五六七八九"))).encode(), "text/plain"),
])
def test_a_wide_mark_or_label_on_narrow_text_is_refused(keyring_path: Path, body: bytes, ctype: str) -> None:
    """Read as UTF-16 as the mark or the label says, ASCII bytes are CJK characters with no digit
    in them, so the guard found nothing and passed the body; an app or a log that reads it as
    UTF-8 (a mark is no label, a label may be wrong) saw every number."""
    if len(body) % 2:
        body += b" "
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/complaints", body, ctype)
    assert status == 415 and received is None


def test_real_utf16_behind_its_mark_is_still_read(keyring_path: Path) -> None:
    text = f"\ufeff客户手机{MOBILE}，谢谢"
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/complaints", text.encode("utf-16-le"),
                                        "text/plain")
    assert status == 200 and received is not None
    seen = received.decode("utf-16-le")
    assert seen.startswith("\ufeff客户手机") and not leaks(seen)


def _form(parts: list[tuple[str, bytes]], boundary: str = "b0") -> bytes:
    """A multipart body of ``(part headers, content)``."""
    body = b"".join(f"--{boundary}\r\n{head}\r\n\r\n".encode("latin-1") + content + b"\r\n" for head, content in parts)
    return body + f"--{boundary}--\r\n".encode()


def test_a_quoted_semicolon_does_not_split_a_parameter(keyring_path: Path) -> None:
    """``name="id_number"; x="; name=note"`` names the field id_number to python-multipart (a
    ``;`` in quotes splits nothing): the guard read the field as ``note`` and its rule for
    id_number (protect a mistyped ID whole) never applied."""
    wrong = _mistyped(PID)
    body = _form([('Content-Disposition: form-data; name="id_number"; x="; name=note"', wrong.encode())])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, "multipart/form-data; boundary=b0")
    held = status == 200 and received is not None and wrong.encode() not in received  # (a failure shows no number)
    assert held
    # a boundary parameter inside another's quotes: the app splits on aa, and so does the guard
    body = _form([('Content-Disposition: form-data; name="id_number"', wrong.encode())], boundary="aa")
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body,
                                        'multipart/form-data; boundary=aa; x="; boundary=bb"')
    held = status == 200 and received is not None and wrong.encode() not in received  # (a failure shows no number)
    assert held


@pytest.mark.parametrize("ctype,head", [
    ("multipart/form-data; boundary=b0; boundary=b1", 'Content-Disposition: form-data; name="note"'),
    ("multipart/form-data; boundary=b0", 'Content-Disposition: form-data; name="note"; name="id_number"'),
    ("multipart/form-data; boundary=b0; charset=utf-8; charset=gbk", 'Content-Disposition: form-data; name="note"'),
])
def test_a_parameter_named_twice_is_refused(keyring_path: Path, ctype: str, head: str) -> None:
    """Parsers differ on which of two counts (python-multipart the last, Werkzeug the first)."""
    body = _form([(head, _mistyped(PID).encode())])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, ctype)
    assert status == 400 and received is None


def test_a_field_is_read_in_the_forms_charset(keyring_path: Path) -> None:
    """Starlette decodes every field with the charset of the request's Content-Type, not the
    part's: a legacy GBK form was refused as undecodable, and a form labelled UTF-16 whose bytes
    are ASCII passed a phone number that Starlette reads as spoken numerals."""
    gbk = _form([('Content-Disposition: form-data; name="note"', "投诉内容：扣费不合理".encode("gbk"))])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", gbk, "multipart/form-data; charset=gbk; boundary=b0")
    assert status == 200 and received == gbk
    wide = MOBILE.translate(FULL_WIDTH)
    gbk = _form([('Content-Disposition: form-data; name="note"', f"请回电手机{wide}".encode("gbk"))])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", gbk, "multipart/form-data; charset=gbk; boundary=b0")
    assert status == 200 and received is not None
    seen = received.decode("gbk", "replace")
    held = "请回电手机" in seen and wide not in seen  # (a failure shows no number)
    assert held
    spoken = "手机" + "".join("〇幺二三四五六七八九"[int(d)] for d in MOBILE)  # as a phone call is transcribed
    field = spoken.encode("utf-16-le")
    assert b"\x00" not in field  # every code unit's bytes are non-zero: the body has no NUL to sniff
    body = _form([('Content-Disposition: form-data; name="note"', field)])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body,
                                        "multipart/form-data; charset=utf-16-le; boundary=b0")
    held = status == 415 or (status == 200 and received is not None and field not in received)  # (a failure shows no number)
    assert held
    # the part names a charset other than the form's, and its bytes read otherwise in each: one
    # reader or the other is not the guard's
    body = _form([('Content-Disposition: form-data; name="note"\r\nContent-Type: text/plain; charset=utf-8', "投诉".encode())])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, "multipart/form-data; charset=gbk; boundary=b0")
    assert status == 415 and received is None


def test_lone_surrogates_and_gbk_field_names_are_encrypted(keyring_path: Path) -> None:
    """A value with a lone surrogate (a JSON \\ud83d escape) and a GBK field name kept by
    surrogateescape failed encryption with a 500; they are sealed and revealed as they are."""
    value = PID[:3] + "\\ud83d" + PID[3:]
    body = ('{"complainant": {"id_number": "' + value + '"}}').encode()
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/c", body, "application/json")
    held = status == 200 and received is not None and PID[3:].encode() not in received  # (a failure shows no number)
    assert held
    import json

    stored = json.loads(received)["complainant"]["id_number"]
    revealed = Guard("audit", keys.load_keyring(keyring_path)).reveal_text(stored, "$.complainant.id_number")
    held = revealed == PID[:3] + "\ud83d" + PID[3:]  # (a failure shows no number)
    assert held
    head = 'Content-Disposition: form-data; name="手机"'.encode("gbk").decode("latin-1")
    body = _form([(head, MOBILE.encode())])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, "multipart/form-data; boundary=b0")
    held = status == 200 and received is not None and MOBILE.encode() not in received  # (a failure shows no number)
    assert held


def test_a_path_escaped_in_gbk_is_read_as_gbk(keyring_path: Path) -> None:
    """/customers/%A3%B1… (a full-width ID escaped in GBK bytes) is U+FFFD to a UTF-8 server and
    an ID to a GBK upstream behind the proxy: refused, as the same path escaped in UTF-8 is."""
    from pii_guard import PIIGuardMiddleware

    path_bytes = b"/customers/" + "".join(f"%{b:02X}" for b in PID.translate(FULL_WIDTH).encode("gbk")).encode()
    called: list[bool] = []

    async def app(scope, receive, send):
        called.append(True)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    from urllib.parse import unquote

    guarded = PIIGuardMiddleware(app, policy="complaints", keyring=keyring_path)
    messages = _exchange(guarded, path=unquote(path_bytes.decode()), raw_path=path_bytes)
    assert messages[0]["status"] == 400 and not called
    messages = _exchange(guarded, path=unquote("/customers/%B2%E2%CA%D4"), raw_path=b"/customers/%B2%E2%CA%D4")
    assert messages[0]["status"] == 200 and called  # a GBK path with no number passes


def test_a_gbk_stream_under_a_utf8_label_is_masked() -> None:
    """Starlette labels a StreamingResponse of text/csv utf-8 whatever its bytes: a GBK export
    streamed so passed its full-width mobile and its 15-digit ID (whose word, 身份证号, is GBK
    too) unmasked, while the same body sent whole was masked. Read in GB18030 when its first
    chunk is no UTF-8; a later chunk that is none drops the connection."""
    legacy_id = PID[:6] + PID[8:17]
    wide = MOBILE.translate(FULL_WIDTH)
    csv = f"姓名,身份证号,备注\r\n张三,{legacy_id},手机{wide}\r\n".encode("gbk")
    sent, completed = _sent_through_display(b"text/csv; charset=utf-8", [csv[:20], csv[20:]])
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode("gbk")
    hidden = completed and body.startswith("姓名,身份证号") and legacy_id not in body and wide not in body
    assert hidden
    sent, completed = _sent_through_display(b"text/csv; charset=utf-8", ["姓名,备注\r\n".encode(), csv])
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    held = not completed and wide.encode("gbk") not in body and legacy_id.encode() not in body  # (a failure shows no number)
    assert held


def _parsed_by_starlette(keyring_path: Path, body: bytes, ctype: str) -> tuple[int, dict | None]:
    """POST ``body`` through the guard to a Starlette app that parses the form with
    ``request.form()`` (python-multipart): the status, and the fields as the app read them."""
    import json

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from pii_guard import PIIGuardMiddleware

    seen: list[dict] = []

    async def form(request: Request) -> JSONResponse:
        fields = await request.form()
        seen.append({k: v if isinstance(v, str) else "<file>" for k, v in fields.multi_items()})
        return JSONResponse({"ok": True})

    app = PIIGuardMiddleware(Starlette(routes=[Route("/f", form, methods=["POST"])]), policy="complaints", keyring=keyring_path)
    with TestClient(app) as client:
        response = client.post("/f", content=body, headers={"content-type": ctype})
    json.dumps(seen)  # plain strings only
    return response.status_code, (seen[0] if seen else None)


def test_what_starlette_parses_behind_the_guard_holds_no_number(keyring_path: Path) -> None:
    """The multipart readings above, as Starlette's own form parser reads the forwarded body."""
    wrong = _mistyped(PID)
    body = _form([('Content-Disposition: form-data; name="id_number"; x="; name=note"', wrong.encode()),
                  ('Content-Disposition: form-data; name="note"', f"请回电{MOBILE}".encode())])
    status, fields = _parsed_by_starlette(keyring_path, body, "multipart/form-data; boundary=b0")
    assert status == 200 and fields is not None and set(fields) == {"id_number", "note"}
    held = wrong not in fields["id_number"] and MOBILE not in fields["note"] and fields["note"].startswith("请回电")  # (a failure shows no number)
    assert held
    wide = MOBILE.translate(FULL_WIDTH)
    body = _form([('Content-Disposition: form-data; name="note"', f"请回电手机{wide}".encode("gbk"))])
    status, fields = _parsed_by_starlette(keyring_path, body, "multipart/form-data; charset=gbk; boundary=b0")
    held = status == 200 and fields is not None and fields["note"].startswith("请回电手机") and wide not in fields["note"]  # (a failure shows no number)
    assert held


def test_a_refused_request_leaves_no_number_in_a_plain_uvicorns_access_log(keyring_path: Path, tmp_path: Path) -> None:
    """Under ``uvicorn app:app`` with the README's one-line middleware and no pii-guard log
    filter, a request refused for the number in its path or query was logged with it: uvicorn
    writes the access line from the scope, which the guard now masks before refusing."""
    import os
    import subprocess
    import sys
    import time
    from urllib.parse import quote

    import httpx

    from tests.servers import ROOT, free_port

    port = free_port()
    script = tmp_path / "serve.py"
    script.write_text(
        "import sys, uvicorn\n"
        "from pii_guard import PIIGuardMiddleware\n"
        "from tests.fixtures.echo_app import app\n"
        f"uvicorn.run(PIIGuardMiddleware(app, policy='complaints', keyring={str(keyring_path)!r}), host='127.0.0.1', port={port}, "
        "access_log=True, log_level='info')\n", encoding="utf-8")
    log = tmp_path / "uvicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        wide = MOBILE.translate(FULL_WIDTH)
        statuses = [httpx.get(f"{base}/customers/{MOBILE}").status_code,
                    httpx.get(f"{base}/customers/{quote(wide)}").status_code,
                    httpx.get(f"{base}/x?{MOBILE}=1").status_code,
                    httpx.get(f"{base}/x?t=%FF%FE{CARD}").status_code]
        time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    written = log.read_text(encoding="utf-8", errors="replace")
    assert statuses == [400, 400, 400, 400] and written.count(" 400") >= 4
    logged = [s for s in (MOBILE, CARD, wide, quote(wide), MOBILE[3:], CARD[-10:]) if s in written]
    assert not logged


def test_header_parameters_are_split_as_python_multipart_splits_them() -> None:
    """The guard's reading of a part's Content-Disposition (and a form's Content-Type) is
    python-multipart's, which Starlette uses, on any header, quotes and escapes included; and it
    stays linear (counting quotes again at every ";" took 20 s for a 200 KB part header)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from python_multipart.multipart import parse_options_header

    from pii_guard.middleware import _Refusal, _media_type

    atoms = st.sampled_from(['form-data', ';', ' ', '"', '\\', '=', 'name', 'filename', 'x', 'a;b', '\\"', 'boundary'])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(atoms, max_size=16).map("".join))
    def agree(value: str) -> None:
        _, theirs = parse_options_header(value)
        try:
            _, ours = _media_type(value, request=True)
        except _Refusal:  # a parameter named twice: refused, whichever a parser would take
            return
        for key in (b"name", b"filename", b"boundary"):
            if key in theirs:
                assert ours.get(key.decode()) == theirs[key].decode("latin-1"), value

    agree()
    _, params = _media_type('form-data; name="' + ";" * 200_000)
    assert "name" in params  # (linear: this returns at once)


def test_a_gbk_stream_whose_label_reader_sees_more_is_cut() -> None:
    """A stream under a UTF-8 label read as GB18030 (its bytes are no UTF-8): a full-width UTF-8
    mobile after one stray byte, or a mobile whose first digit a four-byte GB18030 character takes
    in, is no number to the GB18030 reading and the whole mobile to a browser that follows the
    label. The connection is dropped (a whole body: 502), also where a chunk's edge cuts it."""
    wide = MOBILE.translate(FULL_WIDTH)
    for body in ("caf\xe9 ".encode("latin-1") + f"手机{wide}，谢谢".encode("utf-8"),
                 # the same number again in ASCII digits, which both readings see: still hidden once
                 "caf\xe9 ".encode("latin-1") + f"手机{wide}，备用 {MOBILE}".encode("utf-8"),
                 "电话 ".encode("gbk") + b"\x819\x81" + MOBILE.encode() + "，谢谢".encode("gbk")):
        sent, completed = _sent_through_display(b"text/plain; charset=utf-8", [body[:12], body[12:]])
        out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode("utf-8", "replace")
        held = not completed and MOBILE not in out and wide not in out  # (a failure shows no number)
        assert held
        sent, completed = _sent_through_display(b"text/plain; charset=utf-8", [body])
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode("utf-8", "replace")
        held = status == 502 and MOBILE not in out and wide not in out  # (a failure shows no number)
        assert held


def test_a_gbk_forms_field_names_are_read_in_gbk(keyring_path: Path) -> None:
    """Under multipart/form-data; charset=gbk Starlette decodes a field's name in GBK: the guard
    kept it as escaped UTF-8 bytes, so the token was bound to a path no one could reveal it by and
    the field rule for 身份证号 never applied (a mistyped ID passed)."""
    wrong = _mistyped(PID)
    fields = [('Content-Disposition: form-data; name="手机"', f"请回电{MOBILE}"),
              ('Content-Disposition: form-data; name="id_number"', wrong)]
    body = _form([(head.encode("gbk").decode("latin-1"), value.encode("gbk")) for head, value in fields])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, "multipart/form-data; charset=gbk; boundary=b0")
    held = status == 200 and received is not None and MOBILE.encode() not in received and wrong.encode() not in received  # (a failure shows no number)
    assert held
    part = received.split(b"\r\n\r\n", 1)[1].split(b"\r\n--b0")[0].decode("gbk")
    revealed = Guard("audit", keys.load_keyring(keyring_path)).reveal_text(part, "$['手机']")
    held = revealed == f"请回电{MOBILE}"  # (a failure shows no number)
    assert held
    # a part labelled ISO-8859-1 in a UTF-8 form (Apache HttpClient's addTextBody): ASCII reads
    # alike under both, so it passes
    body = _form([('Content-Disposition: form-data; name="note"\r\nContent-Type: text/plain; charset=ISO-8859-1', b"ok 42")])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body, "multipart/form-data; charset=UTF-8; boundary=b0")
    assert status == 200 and received == body


def test_a_gbk_forms_part_header_is_split_on_its_bytes(keyring_path: Path) -> None:
    """A GBK trail byte 0x5C is a backslash to python-multipart, which splits the header on its
    bytes: name="籠"; filename="a.txt" is a text field to Starlette. Read in GBK, the guard saw a
    file part, and with file_parts="keep" passed its mobile. And a UTF-8 full-width mobile in a
    field name under a form labelled ISO-8859-1 is refused, as it was (a raw-body log reads it)."""
    from pii_guard import PIIGuardMiddleware

    head = 'Content-Disposition: form-data; name="籠"; filename="a.txt"'.encode("gbk").decode("latin-1")
    body = _form([(head, f"请回电{MOBILE}".encode("gbk"))])
    keep = lambda app: PIIGuardMiddleware(app, policy="complaints", keyring=keyring_path, file_parts="keep")  # noqa: E731
    status, received = _post_in_process(keep, "/f", body, "multipart/form-data; charset=gbk; boundary=b0")
    held = status == 200 and received is not None and MOBILE.encode() not in received  # (a failure shows no number)
    assert held
    named = 'Content-Disposition: form-data; name="手机' + MOBILE.translate(FULL_WIDTH) + '"'
    body = _form([(named.encode("utf-8").decode("latin-1"), b"ok")])
    status, received = _post_in_process(_complaints_in_process(keyring_path), "/f", body,
                                        "multipart/form-data; charset=iso-8859-1; boundary=b0")
    assert status == 400 and received is None


def _streamed(media: bytes, chunks: list[bytes]) -> tuple[bytes, bool]:
    """The body a response of ``media`` sent in ``chunks`` comes out as (display policy), and
    whether it completed."""
    sent, completed = _sent_through_display(media, chunks)
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"), completed


def test_utf8_streamed_under_a_gbk_label_is_masked_in_its_utf8_reading() -> None:
    """A UTF-8 stream labelled GBK (an app that names the charset it once used): its full-width
    mobile is mojibake to the GBK reading and the number itself to a UTF-8 terminal, a log shipper
    or a client that sniffs. Sent whole it was masked in both readings; streamed, it went out in
    plaintext. Now read as UTF-8 from its first bytes past ASCII, wherever a chunk's edge falls
    (also inside the first Han character, or after an ASCII header line)."""
    wide = MOBILE.translate(FULL_WIDTH)
    body = f"客户来电，手机{wide}，已回访。\n".encode("utf-8")
    header = b"id,note\n"
    for media in (b"text/plain; charset=gbk", b"text/csv; charset=gb2312", b"text/plain; charset=big5"):
        for chunks in ([body[:9], body[9:]], [body[:1], body[1:2], body[2:]], [header, body[:4], body[4:]],
                       [header + body[:40], body[40:]]):
            out, completed = _streamed(media, chunks)
            seen = out.decode("utf-8")  # masks are ASCII: the body stays UTF-8
            held = completed and "客户来电" in seen and wide not in seen and MOBILE not in seen.translate(_FOLD)
            assert held


_FOLD = str.maketrans("０１２３４５６７８９", "0123456789")


def test_a_gbk_stream_is_still_read_in_gbk() -> None:
    """Real GBK text under its label stays read in GBK (its bytes are no UTF-8): its full-width
    mobile is masked, and the body goes out in GBK, wherever the chunks are cut."""
    wide = MOBILE.translate(FULL_WIDTH)
    body = f"姓名,备注\n张三,手机{wide}\n".encode("gbk")
    for chunks in ([body], [b"id\n", body[:5], body[5:]], [body[:1], body[1:]]):
        out, completed = _streamed(b"text/plain; charset=gbk", chunks)
        seen = out.decode("gbk")
        held = completed and "姓名,备注\n张三,手机" in seen and wide not in seen
        assert held


def test_utf8_under_a_gbk_label_keeps_what_its_utf8_reading_keeps() -> None:
    """Read as UTF-8, an order number after 订单号 is kept, as in any UTF-8 text: the GBK
    mojibake of the word does not make the stream's label reading show "more" and cut it (only a
    number of digits that are no ASCII ones in the label's reading would)."""
    body = f"订单号：{MOBILE}，已处理。\n".encode("utf-8")
    out, completed = _streamed(b"text/plain; charset=gbk", [body[:7], body[7:]])
    kept = completed and out == body
    assert kept


def test_a_reading_shows_more_only_where_its_own_digits_make_a_number() -> None:
    """The check behind a stream read otherwise than its label: the label's reading shows more
    where it holds a number (of digits no ASCII digit, with hidden_only) the other does not."""
    from pii_guard.middleware import _shows_more

    guard = Guard("display")
    wide = MOBILE.translate(FULL_WIDTH)
    shown_only_in_utf8 = f"手机{wide}".encode("utf-8")
    assert _shows_more(shown_only_in_utf8, guard, "utf-8", "latin-1", hidden_only=True)
    assert not _shows_more(shown_only_in_utf8, guard, "latin-1", "utf-8", hidden_only=True)
    # ASCII digits are the same bytes in both readings: not counted with hidden_only, though the
    # mojibake reading lacks the word that makes them an order number
    labelled = f"订单号：{MOBILE}".encode("utf-8")
    assert not _shows_more(labelled, guard, "latin-1", "utf-8", hidden_only=True)
    assert _shows_more(labelled, guard, "latin-1", "utf-8")


def test_gbk_bytes_under_a_utf8_label_are_protected_in_their_gbk_reading_too() -> None:
    """Under ``uninspectable: protect`` (the display policy) a body that is no UTF-8 under a UTF-8
    label (or none) was protected in its UTF-8 reading only, where a GBK full-width mobile is
    escaped bytes: an app or an upstream that reads the legacy client's GBK got the number. Now
    its GB18030 reading is protected too, and the body stays GBK."""
    from pii_guard.middleware import PIIGuardMiddleware

    wide = MOBILE.translate(FULL_WIDTH)
    body = f"客户留言：请回电手机{wide}，谢谢".encode("gbk")
    for ctype in ("text/plain; charset=utf-8", "text/plain", "application/json"):
        status, received = _post_in_process(lambda app: PIIGuardMiddleware(app, policy="display"), "/x", body, ctype)
        seen = received.decode("gbk") if received is not None else ""
        held = status == 200 and seen.startswith("客户留言：请回电手机") and wide not in seen
        assert held


def test_utf8_streamed_under_an_ascii_label_is_read_as_utf8() -> None:
    """charset=us-ascii on UTF-8 bytes (a server that names the narrowest charset): read as UTF-8
    from its first bytes past ASCII, as under any other label that is not UTF-8."""
    wide = MOBILE.translate(FULL_WIDTH)
    body = f"客户来电，手机{wide}，已回访。\n".encode("utf-8")
    for media in (b"text/plain; charset=us-ascii", b"text/csv; charset=ascii"):
        for chunks in ([body], [b"id\n", body[:4], body[4:]]):
            out, completed = _streamed(media, chunks)
            seen = out.decode("utf-8")
            held = completed and "客户来电" in seen and wide not in seen
            assert held


def test_a_gbk_stream_whose_first_characters_are_also_utf8_is_not_cut() -> None:
    """One GBK character may be valid UTF-8 (女 is C5 AE, 投 CD B6): a GBK stream whose first
    character past ASCII came alone in its chunk was read as UTF-8, and its next GBK bytes dropped
    the connection. The stream is read as UTF-8 only after several characters past ASCII are."""
    rows = ["id,gender,mobile\n", f"1,女,{MOBILE}\n", f"2,男,{MOBILE}\n"]
    out, completed = _streamed(b"text/csv; charset=gbk", [r.encode("gbk") for r in rows])
    seen = out.decode("gbk")
    held = completed and "1,女," in seen and "2,男," in seen and MOBILE not in seen
    assert held
    tokens = ["投", "诉", "已", "受", "理", f"，电话{MOBILE}"]
    out, completed = _streamed(b"text/plain; charset=gbk", [t.encode("gbk") for t in tokens])
    seen = out.decode("gbk")
    held = completed and seen.startswith("投诉已受理，电话") and MOBILE not in seen
    assert held


def test_a_stream_kept_on_its_label_drops_a_number_only_its_utf8_reading_shows() -> None:
    """A UTF-8 stream under a GBK label whose first bytes past ASCII hold a stray byte (an emoji
    cut short) stays read as GBK; a full-width mobile later on is mojibake there and the number
    to a UTF-8 reader: the connection is dropped rather than it pass (sent whole it is masked)."""
    wide = MOBILE.translate(FULL_WIDTH)
    first = "客户来电，".encode() + b"\xf0\x9f\x98\n"
    later = f"手机{wide}，已回访。\n".encode()
    out, completed = _streamed(b"text/plain; charset=gbk", [b"id\n", first, later])
    held = not completed and wide not in out.decode("utf-8", "replace")
    assert held
    out, completed = _streamed(b"text/plain; charset=gbk", [b"id\n" + first + later])
    held = completed and wide not in out.decode("utf-8", "replace")
    assert held


def test_big5_bytes_under_a_utf8_label_are_protected_in_their_big5_reading_too() -> None:
    """As GBK's (above): a legacy Taiwan or Hong Kong client's Big5 under a UTF-8 label, under
    ``uninspectable: protect``, is protected in its Big5 reading too."""
    from pii_guard.middleware import PIIGuardMiddleware

    wide = MOBILE.translate(FULL_WIDTH)
    body = f"客戶留言：請回電手機{wide}，謝謝".encode("big5")
    status, received = _post_in_process(lambda app: PIIGuardMiddleware(app, policy="display"), "/x", body,
                                        "text/plain; charset=utf-8")
    seen = received.decode("big5", "replace") if received is not None else ""
    held = status == 200 and "請回電手機" in seen and wide not in seen
    assert held


def test_a_stream_read_otherwise_than_its_label_is_checked_whole() -> None:
    """The per-chunk check of a stream's other reading: under a stateful label (ISO-2022, HZ)
    whose stream is never read as UTF-8; with the ASCII that went out before the first non-ASCII
    byte; across a chunk's edge inside a number whose 60-odd bytes of Chinese before hold no ASCII
    mark (the tail read again was cut at a hyphen inside the number). Each dropped the connection
    where it now must; each passed a full-width mobile to a UTF-8 reader before."""
    wide = MOBILE.translate(FULL_WIDTH)
    body = f"客户来电，手机{wide}，已回访。\n".encode("utf-8")
    for label in (b"iso-2022-jp", b"hz-gb-2312", b"iso-2022-kr"):
        out, completed = _streamed(b"text/plain; charset=" + label, [b"id,note\n", body[:10], body[10:], b"end\n"])
        held = not completed and wide not in out.decode("utf-8", "replace")
        assert held
    out, completed = _streamed(b"text/plain; charset=gbk", [f"mobile: {MOBILE[:3]}".encode(), wide[3:].encode() + b" \xff\n"])
    held = not completed and wide[3:] not in out.decode("utf-8", "replace")
    assert held
    number = f"{wide[:3]}-{wide[3:7]}-{wide[7:]}"
    text = ("客户来电说他的新手机号码是" * 3).encode() + f"{number}请回访\n".encode()
    cut = len(("客户来电说他的新手机号码是" * 3).encode()) + len(f"{wide[:3]}-{wide[3:6]}".encode())
    out, completed = _streamed(b"text/plain; charset=gbk", [b"id\n", "客户来电".encode() + b"\xf0\x9f\x98\n", text[:cut], text[cut:]])
    held = not completed and number not in out.decode("utf-8", "replace")
    assert held


def test_gbk_streams_of_characters_that_are_two_byte_utf8_stay_gbk() -> None:
    """About one GB2312 character in seven is a two-byte UTF-8 sequence (医院通知 is four in a
    row): a GBK stream opening so, a character or two a chunk, was read as UTF-8 and cut at its
    next GBK bytes. Under a multi-byte label only CJK characters of UTF-8 (three bytes) tell."""
    text = f"医院通知：请回电{MOBILE}，谢谢\n"
    raw = text.encode("gbk")
    chunks = [text[i : i + 2].encode("gbk") for i in range(0, len(text), 2)]
    out, completed = _streamed(b"text/plain; charset=gbk", chunks)
    seen = out.decode("gbk")
    held = completed and seen.startswith("医院通知：请回电") and MOBILE not in seen and len(out) == len(raw)
    assert held


def test_digits_a_gb18030_four_byte_character_takes_in_are_checked() -> None:
    """Under charset=gb18030, \\x81 0 \\x81 before a mobile is one four-byte character that takes
    in the mobile's first digit: ten digits to the guard, the mobile to a UTF-8 reader. Refused
    (502) whole, the connection dropped streamed."""
    body = b"id,note\n1,\x81\x30\x81" + MOBILE.encode() + b"\n"
    out, completed = _streamed(b"text/plain; charset=gb18030", [body[:8], body[8:], b"end\n"])
    held = not completed and MOBILE not in out.decode("utf-8", "replace")
    assert held
    out, completed = _streamed(b"text/plain; charset=gb18030", [body])
    held = b"uninspectable_response" in out and MOBILE not in out.decode("utf-8", "replace")
    assert held


def test_an_event_stream_is_read_as_utf8_whatever_its_label() -> None:
    """EventSource reads an event stream as UTF-8 whatever its label or bytes (a bad byte is
    U+FFFD). After a stray byte the stream was read as GB18030 (or by its GBK label), and a
    full-width mobile split over data: events reached the client's joined text; now it is read as
    the client reads it, and its numbers across events are masked."""
    wide = MOBILE.translate(FULL_WIDTH)
    parts = ["手机", wide[:3], wide[3:7], wide[7:]]
    chunks = [b"data: hi \xf0\x9f\x98\n\n"] + [f"data: {p}\n\n".encode() for p in parts] + [b"data: [DONE]\n\n"]
    for media in (b"text/event-stream; charset=gbk", b"text/event-stream; charset=utf-8", b"text/event-stream"):
        for sent in (chunks, [b"".join(chunks)]):
            out, completed = _streamed(media, sent)
            deltas = "".join(line[6:] for line in out.decode("utf-8", "replace").split("\n") if line.startswith("data: "))
            held = completed and deltas.startswith("hi ") and deltas.endswith("[DONE]") and wide not in deltas
            assert held


def test_utf16_streamed_in_the_other_byte_order_than_its_label_is_cut() -> None:
    """charset=utf-16le on UTF-16BE bytes with no mark, the first chunk CJK (no NUL to tell the order
    by): the other order was asked of the first chunk only, and a mobile in the second went out
    as the label's mojibake, which a reader that sniffs the NULs reads as the number (probe 49).
    Every chunk is now read in the other order too, code units aligned across a chunk's edge cut
    inside one; where that order shows a number the label's does not, the connection drops. The
    same stream in the label's order is masked."""
    head = "投诉内容如下".encode("utf-16-be")
    rest = f"客户手机{MOBILE}，请回电\n".encode("utf-16-be")
    for cut in (0, 1, 9):  # the second chunk's edge inside a code unit, or inside the number
        body, completed = _streamed(b"text/plain; charset=utf-16le", [head + rest[:cut], rest[cut:]])
        assert not completed and MOBILE.encode("utf-16-be") not in body, cut
    body, completed = _streamed(b"text/plain; charset=utf-16le", ["投诉内容如下".encode("utf-16-le"),
                                                                   f"客户手机{MOBILE}，请回电\n".encode("utf-16-le")])
    assert completed and MOBILE not in body.decode("utf-16-le") and "****" in body.decode("utf-16-le")
