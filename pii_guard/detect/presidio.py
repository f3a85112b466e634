"""Thin Presidio adapters over the same recognizer definitions.

Each entity is a ``presidio_analyzer`` recognizer that can be registered in a
stock ``AnalyzerEngine``::

    from presidio_analyzer import AnalyzerEngine
    from pii_guard.detect.presidio import presidio_recognizers
    engine = AnalyzerEngine(...)
    for recognizer in presidio_recognizers(language="zh"):
        engine.registry.add_recognizer(recognizer)

The adapters call :class:`~pii_guard.detect.detector.Detector` and translate
findings to ``RecognizerResult``; they add no logic of their own. Context has
already been scored (in a character window, which works for Chinese), so the
results are marked as context-enhanced and Presidio's token-based enhancer
leaves them alone. pii-guard's own hot path never goes through
``AnalyzerEngine.analyze``, whose per-call overhead is ~50x a bare regex.
"""

from __future__ import annotations

from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from pii_guard.detect.detector import Detector


class PiiGuardRecognizer(EntityRecognizer):
    """A Presidio recognizer for one pii-guard entity."""

    def __init__(
        self,
        entity: str,
        detector: Detector | None = None,
        supported_language: str = "zh",
        threshold: float | None = None,
    ) -> None:
        base = detector or Detector.default()
        self._detector = base.restricted([entity])
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
        for f in self._detector.analyze(text, self._threshold):
            explanation = AnalysisExplanation(
                recognizer=self.name,
                original_score=f.score,
                pattern_name=f.pattern,
                validation_result=True,
                textual_explanation=f"pii-guard outcome {f.outcome}",
            )
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
    """One recognizer per entity of ``detector`` (default: the shipped ones)."""
    detector = detector or Detector.default()
    return [PiiGuardRecognizer(e, detector, language, threshold) for e in detector.entities]
