"""Shared fixtures. Test data is synthetic: numbers come from benchmarks.synth,
which builds valid check digits for people who do not exist."""

from __future__ import annotations

import pytest

from pii_guard.detect import Detector


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.default()


def spans(detector: Detector, text: str, threshold: float | None = None) -> list[tuple[str, str]]:
    """(entity, covered text) pairs — readable in assertion diffs."""
    return [(f.entity_type, text[f.start : f.end]) for f in detector.analyze(text, threshold)]
