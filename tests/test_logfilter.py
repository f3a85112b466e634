"""The log guard: records are protected whenever and however they are logged."""

from __future__ import annotations

import io
import json
import logging
import random
from contextlib import contextmanager
from typing import Iterator

from benchmarks import synth
from pii_guard import logfilter

MOBILE = synth.mobile_number(random.Random(1234))
CARD = synth.bank_card(random.Random(4321), prefix="622202", length=19)


@contextmanager
def _only(logger_name: str, handler: logging.Handler) -> Iterator[logging.Logger]:
    """The logger, writing to ``handler`` alone while the block runs (a handler made after install())."""
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield logger
    finally:
        logger.removeHandler(handler)


def test_install_before_handlers_exist_and_extras_and_exceptions() -> None:
    logfilter.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # created after install(), as basicConfig would
    handler.setFormatter(logging.Formatter("%(message)s %(customer)s"))
    logger = logging.getLogger("test.logfilter")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("callback %s", MOBILE, extra={"customer": f"手机{MOBILE}"})
        logger.warning("json body %s", json.dumps({"t": f"手机{MOBILE}"}), extra={"customer": "-"})
        try:
            raise ValueError(f"bad phone {MOBILE}")
        except ValueError:
            logger.exception("failed", extra={"customer": "n/a"})
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    leaked = MOBILE in text
    assert not leaked and "****" in text and "ValueError" in text


def test_structlog_processor_handles_scalars_and_containers() -> None:
    processor = logfilter.structlog_processor()
    event = processor(None, "info", {"event": f"手机{MOBILE}", "phone": int(MOBILE), "tags": (f"tel {MOBILE}",)})
    leaked = MOBILE in json.dumps(event, ensure_ascii=False)
    assert not leaked


def test_extras_of_any_type_reach_a_json_formatter_protected() -> None:
    """A JSON formatter with ``default=str`` writes dataclasses, sets, bytes, Decimals and objects
    nested in dicts: each is protected, and the same rule holds for structlog."""
    import dataclasses
    import decimal

    @dataclasses.dataclass
    class Customer:
        phone: str

    class JSONFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            fields = {k: v for k, v in vars(record).items() if k.startswith("x_")}
            return json.dumps({"msg": record.getMessage(), **fields}, ensure_ascii=False, default=str)

    logfilter.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("test.logfilter.json")
    logger.addHandler(handler)
    logger.propagate = False
    extras = {"x_obj": Customer(MOBILE), "x_set": {MOBILE}, "x_bytes": f"tel {MOBILE}".encode(),
              "x_dec": decimal.Decimal(MOBILE), "x_nested": {"who": Customer(MOBILE), "n": 3}, "x_plain": decimal.Decimal("1.5")}
    try:
        logger.warning("saved", extra=extras)
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert MOBILE not in stream.getvalue() and "****" in line["x_obj"] and line["x_nested"]["n"] == 3
    assert line["x_plain"] == "1.5"  # no PII: the object is left as it was
    event = logfilter.structlog_processor()(None, "info", dict(extras))
    assert MOBILE not in json.dumps(event, ensure_ascii=False, default=str)


def test_uvicorns_access_formatter_keeps_working_after_install() -> None:
    """uvicorn's AccessFormatter unpacks the record's five arguments itself: a request line
    with nothing in it keeps them as they are, one with a phone in its query keeps them too,
    protected one by one."""
    from uvicorn.logging import AccessFormatter

    logfilter.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False))
    errors: list[str] = []
    handler.handleError = lambda record: errors.append("logging error")  # type: ignore[method-assign]
    with _only("uvicorn.access.test", handler) as logger:
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/health", "1.1", 200)
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/search?phone={MOBILE}", "1.1", 200)
    lines = stream.getvalue().splitlines()
    assert errors == [] and len(lines) == 2
    assert lines[0] == '127.0.0.1:5000 - "GET /health HTTP/1.1" 200 OK'
    leaked = MOBILE in lines[1]
    assert not leaked and "GET /search?phone=" in lines[1] and "****" in lines[1]


def test_structlog_chain_with_the_processor_anywhere() -> None:
    """With structlog's own processors around it, first or last: an exception's text and
    positional arguments come out protected, and the app's log call never fails."""
    import structlog

    for place in ("first", "before_renderer"):
        out = io.StringIO()
        chain: list = [structlog.stdlib.add_log_level, structlog.stdlib.PositionalArgumentsFormatter(),
                       structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        chain.insert(0 if place == "first" else len(chain) - 1, logfilter.structlog_processor())
        logger = structlog.wrap_logger(structlog.PrintLogger(out), processors=chain, wrapper_class=structlog.stdlib.BoundLogger)
        logger.info("callback %s at %s", MOBILE, "noon")
        logger.info("one %s", "x")
        try:
            raise ValueError(f"bad phone {MOBILE}")
        except ValueError:
            logger.exception("failed", note=f"手机{MOBILE}")
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        text = out.getvalue()
        leaked = MOBILE in text
        assert not leaked, place
        assert lines[0]["event"].startswith("callback ") and "****" in lines[0]["event"] and lines[1]["event"] == "one x"
        assert "ValueError" in lines[2]["exception"] and "****" in lines[2]["exception"]


def test_records_made_elsewhere_reach_later_handlers_protected() -> None:
    """A QueueListener or a socket log server hands records made with makeLogRecord straight to
    handlers, never through Logger.makeRecord: still protected after install()."""
    logfilter.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # made after install(), no filter of its own
    with _only("test.logfilter.queue", handler) as logger:
        logger.handle(logging.makeLogRecord({"name": "q", "msg": "queued %s", "args": (f"手机{MOBILE}",), "levelno": 20,
                                             "levelname": "INFO"}))
    text = stream.getvalue()
    leaked = MOBILE in text
    assert not leaked and "queued 手机" in text and "****" in text


def test_arguments_the_message_does_not_show_are_protected_too() -> None:
    """Error trackers (Sentry, APM agents) send a record's arguments as they are: a dict argument's
    other keys, a %.0s argument and an object whose repr shows a number are protected as well."""

    class Customer:
        def __str__(self) -> str:
            return "customer"

        def __repr__(self) -> str:
            return f"Customer(phone={MOBILE!r})"

    logfilter.install()
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    with _only("test.logfilter.args", Keep()) as logger:
        logger.warning("user %(name)s", {"name": "张三", "phone": MOBILE})
        logger.warning("hidden%.0s", MOBILE)
        logger.warning("who: %s", Customer())
        logger.warning("who: %r", Customer())  # %r renders the repr, masked (not the quoted str)
    masked = f"Customer(phone='{MOBILE[:3]}****{MOBILE[-4:]}')"
    assert [r.getMessage() for r in records] == ["user 张三", "hidden", "who: customer", f"who: {masked}"]
    assert json.loads(json.dumps(records[-1].args)) == ["customer"]  # a JSON formatter still serialises them
    leaked = any(MOBILE in repr(r.args) for r in records)
    assert not leaked


def test_fields_a_filter_adds_later_are_protected() -> None:
    """The logging cookbook's ContextFilter sets a field on every record, on a logger or on a
    handler, after the record was made and protected: it is protected as the record is formatted."""

    class ContextFilter(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.user_phone = f"手机{MOBILE}"
            return True

    logfilter.install()
    for on_handler in (True, False):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("%(message)s %(user_phone)s"))
        with _only("test.logfilter.context", handler) as logger:
            (handler if on_handler else logger).addFilter(ContextFilter())
            logger.info("called back")
        text = stream.getvalue()
        leaked = MOBILE in text
        assert not leaked and "called back 手机" in text and "****" in text


def test_a_message_a_filter_rewrites_or_a_formatter_extends_is_protected() -> None:
    """A filter that rewrites the message itself (adding request context), on a logger or on a
    handler, and a Formatter subclass that appends to the line (found by a red team): what they
    add is in no field, so the formatted line is protected as it leaves the handler."""
    pid = synth.resident_id(random.Random(4321))

    class AddCaller(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg = f"{record.msg} (caller phone {MOBILE})"
            return True

    class Appending(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return super().format(record) + f" id={pid}"

    logfilter.install()
    for on_handler in (True, False):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(Appending("%(levelname)s %(message)s"))
        with _only("test.logfilter.rewrite", handler) as logger:
            (handler if on_handler else logger).addFilter(AddCaller())
            logger.warning("refund failed")
        text = stream.getvalue()
        leaked = MOBILE in text or pid in text
        assert not leaked and text.startswith("WARNING refund failed (caller phone ") and " id=" in text


def test_a_number_formatted_as_hex_or_float_keeps_its_record() -> None:
    """A phone passed as an int to %x or %e no longer fits once protected: the record is written
    with the text it rendered (which shows no number), not lost."""
    logfilter.install()
    stream = io.StringIO()
    with _only("test.logfilter.hex", logging.StreamHandler(stream)) as logger:
        logger.info("id %x", int(MOBILE))
        logger.info("value %e", int(MOBILE))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and lines[0] == f"id {int(MOBILE):x}" and lines[1].startswith("value ")


def test_structlog_processor_after_the_renderer_protects_the_line() -> None:
    import structlog

    out = io.StringIO()
    chain: list = [structlog.processors.JSONRenderer(), logfilter.structlog_processor()]
    logger = structlog.wrap_logger(structlog.PrintLogger(out), processors=chain)
    logger.info("callback", phone=f"手机{MOBILE}")
    text = out.getvalue()
    leaked = MOBILE in text
    assert not leaked and "callback" in text and "****" in text
    processor = logfilter.structlog_processor()
    rendered = processor(None, "info", f"tel {MOBILE}".encode())
    assert isinstance(rendered, bytes) and MOBILE.encode() not in rendered


def test_a_rendered_json_line_stays_json() -> None:
    """structlog's JSONRenderer before the processor, or a logging Formatter that writes JSON: a
    phone or card held as a JSON number is masked as a string, so the log pipeline can still parse
    the line (it had become {"card": 622202*********0929})."""
    import structlog

    card = int(synth.bank_card(random.Random(5), prefix="622202", length=19))
    out = io.StringIO()
    chain: list = [structlog.processors.JSONRenderer(), logfilter.structlog_processor()]
    logger = structlog.wrap_logger(structlog.PrintLogger(out), processors=chain)
    logger.info("paid", card=card, phone=int(MOBILE), note=f"手机{MOBILE}")
    line = json.loads(out.getvalue())
    assert isinstance(line["card"], str) and "****" in line["card"] and str(card) not in out.getvalue()
    assert isinstance(line["phone"], str) and MOBILE not in out.getvalue()

    class JsonFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return json.dumps({"msg": record.getMessage(), "phone": int(MOBILE)})

    logfilter.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    with _only("test.logfilter.jsonformatter", handler) as log:
        log.info("callback")
    record = json.loads(stream.getvalue())
    assert record["msg"] == "callback" and isinstance(record["phone"], str) and MOBILE not in stream.getvalue()


def test_lines_that_are_no_json_are_read_together() -> None:
    """Guard.protect_lines edits JSON lines as JSON, and reads the lines between them as one text:
    a number wrapped onto the next line, or labelled on the line before, is still one number."""
    from pii_guard.guard import Guard

    guard = Guard("display")
    text = f'{{"p": {MOBILE}}}\n手机号：{MOBILE[:6]}\n{MOBILE[6:]} [info]\n卡号 [VIP]\n{CARD}\n'
    out = guard.protect_lines(text)
    assert MOBILE not in out.replace("\n", "") and MOBILE[:6] not in out and CARD not in out
    assert json.loads(out.splitlines()[0])["p"] == MOBILE[:3] + "****" + MOBILE[-4:]


def test_encoded_query_strings_and_padded_numbers_are_protected_in_the_log() -> None:
    """The access log's request line as the client sent it: full-width digits percent-encoded (a
    browser's IME input) and digits escaped twice stay in the log unless read as the app's
    unquote reads them; a phone zero-padded by %015d is no number the detector reads alone."""
    from urllib.parse import quote

    logfilter.install()
    stream = io.StringIO()
    wide = quote("".join(chr(0xFF10 + int(d)) for d in MOBILE))
    twice = "".join(f"%25{ord(d):02X}" for d in MOBILE)
    with _only("uvicorn.access.test.encoded", logging.StreamHandler(stream)) as logger:
        for path in (f"/search?phone={wide}", f"/search?phone={twice}"):
            logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", path, "1.1", 200)
        logger.info("padded %015d", int(MOBILE))
        logger.info("padded %015.0f", float(MOBILE))  # a phone column pandas read as float64
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4 and MOBILE not in lines[3] and lines[3].startswith("padded 0000" + MOBILE[:3])
    assert wide not in lines[0] and wide[:27] in lines[0] and "****" in lines[0]
    assert twice not in lines[1] and twice[:15] in lines[1] and "****" in lines[1]
    assert MOBILE not in lines[2] and lines[2].startswith("padded 0000" + MOBILE[:3])


def test_structlog_processor_protects_the_event_keys_too() -> None:
    processor = logfilter.structlog_processor()
    event = processor(None, "info", {"event": "calls", f"calls_{MOBILE}": 3, "nested": {f"k{MOBILE}": 1}})
    assert list(event)[0] == "event" and event["event"] == "calls"
    assert all(MOBILE not in key for key in event) and 3 in event.values()


def test_a_number_field_written_with_a_numeric_conversion_is_logged_masked() -> None:
    """An extra={…} number that is personal data becomes masked text, which no longer fits
    %(amount)d, %(amount)015d or {amount:d}: the line is written with the field as text, not lost
    to a logging error; a number that is none keeps its conversion."""
    from contextlib import redirect_stderr

    logfilter.install()
    for fmt, style in (("%(message)s fen=%(amount)d", "%"), ("%(message)s n=%(amount)015d", "%"),
                       ("{message} fen={amount:d}", "{")):
        stream, errors = io.StringIO(), io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter(fmt, style=style))  # type: ignore[arg-type]
        with _only(f"test.logfilter.numeric{style}{len(fmt)}", handler) as logger, redirect_stderr(errors):
            logger.warning("refund", extra={"amount": int(MOBILE)})
            logger.warning("refund", extra={"amount": 12345})
        lines = stream.getvalue().splitlines()
        assert len(lines) == 2 and "Logging error" not in errors.getvalue(), fmt
        masked = MOBILE not in lines[0] and "****" in lines[0] and lines[0].endswith(MOBILE[-4:])
        assert masked, fmt
        assert lines[1].endswith(("=12345", "=000000000012345")), fmt


def test_the_filter_protects_the_names_an_app_gives_at_run_time() -> None:
    """A logger per session (sessions.<mobile>) and a thread per callback: with the filter alone (the
    logging_config() set-up, no install()), %(name)s and %(threadName)s wrote the number (probe 49)."""
    record = logging.LogRecord(f"sessions.{MOBILE}", logging.INFO, __file__, 1, "called back", None, None)
    record.threadName = f"callback-{MOBILE}"
    record.processName = "MainProcess"
    logfilter.PIILogFilter().filter(record)
    line = logging.Formatter("%(name)s %(threadName)s %(processName)s %(message)s").format(record)
    assert MOBILE not in line and line.startswith("sessions.") and "callback-" in line and "MainProcess called back" in line
