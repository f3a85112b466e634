"""Shared fixtures. Test data is synthetic: numbers come from benchmarks.synth,
which builds valid check digits for people who do not exist."""

from __future__ import annotations

import re

import pytest

from pii_guard.detect import Detector
from pii_guard.normalise import CHINESE_NUMERALS


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.default()


def spans(detector: Detector, text: str, threshold: float | None = None) -> list[tuple[str, str]]:
    """(entity, covered text) pairs — readable in assertion diffs."""
    return [(f.entity_type, text[f.start : f.end]) for f in detector.analyze(text, threshold)]


#: A run of seven or more digits (ASCII or full-width, with the separators people type, and a check
#: character): what an ID, card or phone number looks like in a failure report. Between digits:
#: separators (also commas, slashes, bars, an extension's 转 or # and the emoji ads part a number with), line breaks and
#: tabs, raw or escaped as repr() and JSON print them, and HTML entities; a digit itself may be
#: escaped (\\uff11, as json.dumps writes a full-width one).
_BETWEEN_DIGITS = (r"(?:[ \-\u3000.\uff0e\u00b7\u2014\uff0c\t\r\n\u200b\u00a0,/、|转轉#\ufe0f\u2600-\u27bf\U0001f000-\U0001faff]"
                   r"|\\[nrt]|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&nbsp;|&#\d{1,7};){0,3}")
_DIGIT = r"(?:[0-9\uff10-\uff19]|\\u(?:003|ff1)[0-9])"
_NUMBER_RUN = re.compile(_DIGIT + r"(?:" + _BETWEEN_DIGITS + _DIGIT + r"){6,}[Xx\uff38]?")
#: The same read out, as the detector reads it: seven or more Chinese numerals and digits
#: (幺三八…, 一五一，就是，一双八…), or digits' English names (one five eight, double five …).
_NUMERAL_RUN = re.compile(f"[{CHINESE_NUMERALS}](?:[^\\n{CHINESE_NUMERALS}0-9]{{0,4}}[{CHINESE_NUMERALS}0-9]){{6,}}")
_DIGIT_NAME = r"(?:(?:double|triple)[ -]?)?(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)\b"
_SPELLED_RUN = re.compile(rf"(?i)\b{_DIGIT_NAME}(?:[\s,.\-…]+(?:(?:uh|um|er)[\s,.]+)?{_DIGIT_NAME}){{6,}}")


def redact(text: str) -> str:
    """Replace every long run of digits, numerals or digits' names with ``#``: test output never
    shows a (synthetic) number, written in digits or read out."""
    for run in (_NUMBER_RUN, _NUMERAL_RUN, _SPELLED_RUN):
        text = run.sub(lambda m: "#" * len(m.group()), text)
    return text


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Parametrized test ids (shown in every report line) with long digit runs redacted."""
    if isinstance(val, str) and _NUMBER_RUN.search(val):
        return redact(val).encode("unicode_escape").decode("ascii")
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Failure reports — assertion diffs, Hypothesis's falsifying examples, captured output — with
    long digit runs redacted, so a failing test prints no ID, card or phone number."""
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        report.longrepr = redact(str(report.longrepr))
        report.sections = [(name, redact(content)) for name, content in report.sections]
