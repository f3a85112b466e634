"""The log guard: records are protected whenever and however they are logged."""

from __future__ import annotations

import io
import json
import logging
import random

from benchmarks import synth
from pii_guard import logfilter

MOBILE = synth.mobile_number(random.Random(1234))


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
