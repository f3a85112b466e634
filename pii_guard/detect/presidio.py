"""Thin Presidio adapters over the same recognizer definitions.

Each entity is a ``presidio_analyzer`` recognizer that can be registered in a
stock ``AnalyzerEngine``::

    from presidio_analyzer import AnalyzerEngine
    from pii_guard.detect.presidio import presidio_recognizers
    engine = AnalyzerEngine(...)
    for recognizer in presidio_recognizers(language="zh"):
        engine.registry.add_recognizer(recognizer)

The adapters call :class:`~pii_guard.detect.detector.Detector` (once per text for all of them)
and translate findings to ``RecognizerResult``; they add no logic of their own. Context has
already been scored (in a character window, which works for Chinese), so the
results are marked as context-enhanced and Presidio's token-based enhancer
leaves them alone. pii-guard's own hot path never goes through
``AnalyzerEngine.analyze``, whose per-call overhead is ~50x a bare regex.
"""

from __future__ import annotations

from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from pii_guard.detect.detector import CHECKED_OUTCOMES, Detector, Finding


class _Reading:
    """One detector's findings for the text Presidio hands each registered recognizer in turn.

    The detector reads every entity at once and resolves their readings against each other: an
    ID followed by a mobile with no gap is two numbers only when both are read (a detector of one
    entity cannot tell the other's digits from its own, and reported neither), and a number both a
    valid ID and Luhn-valid is the ID, not also a card. So every recognizer takes its entity's
    findings from one reading of the whole text, made once and kept for the next recognizer.

    Only the last text is kept, and it is known by identity (Presidio hands each recognizer the
    same string object; an equal string read again is read again, a ``str`` subclass's ``__eq__``
    is never asked): a tuple swapped whole, so threads that interleave at worst read a text once
    more per recognizer. The last text and its findings stay referenced until the next call."""

    def __init__(self, detector: Detector) -> None:
        self.detector = detector
        self._last: tuple[str, float | None, list[Finding]] | None = None

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the last text it read and its findings (personal data)."""
        return {"detector": self.detector, "_last": None}

    def findings(self, text: str, threshold: float | None) -> list[Finding]:
        last = self._last
        if last is not None and last[0] is text and last[1] == threshold:
            return last[2]
        found = self.detector.analyze(text, threshold)
        self._last = (text, threshold, found)
        return found


class PiiGuardRecognizer(EntityRecognizer):
    """A Presidio recognizer for one pii-guard entity."""

    def __init__(
        self,
        entity: str,
        detector: Detector | None = None,
        supported_language: str = "zh",
        threshold: float | None = None,
        reading: _Reading | None = None,
    ) -> None:
        """``reading``: the reading shared with the other recognizers of one registry (its
        detector is the one used; ``detector`` is for a recognizer of its own)."""
        self._reading = reading or _Reading(detector or Detector.default())
        if entity not in self._reading.detector.entities:
            # a misspelt entity (CN_PHONE) would find nothing and say nothing: plaintext passes
            raise ValueError(f"unknown entity {entity!r} (known: {', '.join(self._reading.detector.entities)})")
        self._entity = entity
        self._threshold = threshold
        super().__init__(
            supported_entities=[entity],
            name=f"PiiGuard{''.join(p.title() for p in entity.split('_'))}Recognizer",
            supported_language=supported_language,
            version="1",
        )

    def load(self) -> None:  # noqa: D102 - nothing to load; definitions are compiled in __init__
        return None

    def analyze(
        self, text: str, entities: List[str], nlp_artifacts: Optional[NlpArtifacts] = None
    ) -> List[RecognizerResult]:
        """Run the pii-guard detector for this recognizer's entity."""
        if entities and not set(entities) & set(self.supported_entities):
            return []
        results = []
        for f in self._reading.findings(text, self._threshold):
            if f.entity_type != self._entity:
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name,
                original_score=f.score,
                pattern_name=f.pattern,
                # whether a check digit proved it (an ID's, a card's Luhn: True), failed (a known
                # issuer's number failing Luhn, reported by its word: False) or none has one (None)
                validation_result=True if f.outcome in CHECKED_OUTCOMES else False if f.outcome.startswith("luhn_fail") else None,
                textual_explanation=f"pii-guard outcome {f.outcome}",
            )
            explanation.set_supportive_context_word(f.context_word or "")
            results.append(
                RecognizerResult(
                    entity_type=f.entity_type,
                    start=f.start,
                    end=f.end,
                    score=f.score,
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                    },
                )
            )
        return results


def presidio_recognizers(
    detector: Detector | None = None, language: str = "zh", threshold: float | None = None
) -> list[PiiGuardRecognizer]:
    """One recognizer per entity of ``detector`` (default: the shipped ones), all reading a text
    once together (:class:`_Reading`). ``threshold``: the lowest score a finding is reported with
    (default: the detector's, 0.5); Presidio's ``score_threshold`` filters what is reported, so
    pass a lower one here to let it go below."""
    detector = detector or Detector.default()
    reading = _Reading(detector)
    return [PiiGuardRecognizer(e, detector, language, threshold, reading) for e in detector.entities]
