"""What the detector reports, and how overlapping readings of the same digits are settled.

Every pass of :class:`pii_guard.detect.detector.Detector` appends :class:`Finding` s to one list;
:func:`resolve` keeps, of the findings that overlap, the reading that explains the most
characters, then the stronger one. Here so that a reader finds the rule in one short module.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple


class Finding(NamedTuple):
    """An entity found in a text; ``start``/``end`` index the original string.

    A named tuple: immutable and cheap to create on the hot path.
    """

    entity_type: str
    start: int
    end: int
    score: float
    pattern: str = ""
    outcome: str = ""
    context_word: str | None = None
    #: the score before clamping to 1: how strongly the evidence supports this reading, used to
    #: choose between overlapping readings (a permit number 810000… that also passes Luhn)
    strength: float = 0.0

    def to_dict(self, explain: bool = False) -> dict[str, object]:
        """Presidio-shaped dict; ``explain`` adds pattern, outcome and context word."""
        out: dict[str, object] = {
            "entity_type": self.entity_type,
            "start": self.start,
            "end": self.end,
            "score": self.score,
        }
        if explain:
            out["explanation"] = {"pattern": self.pattern, "outcome": self.outcome, "context_word": self.context_word}
        return out


class Spans:
    """The spans of some findings, sorted, for overlap tests in O(log n) each."""

    def __init__(self, found: list[Finding]) -> None:
        spans = sorted((f.start, f.end) for f in found)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def overlap(self, begin: int, end: int) -> bool:
        """Whether a span overlaps ``[begin, end)``."""
        k = bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.reach[k - 1] > begin


def outranked(wholes: list[Finding], found: list[Finding]) -> bool:
    """Whether a finding overlaps a whole reading partly and is at least as long.

    Only such a finding can beat the whole reading and leave one of the inner readings that
    ``_scan_candidate`` skipped standing (one that covers the whole reading covers those too), so
    only then is the text read again with every start. Past a few numbers, a sweep: findings by
    start, and for each whole reading only those that start less than the longest finding's
    length before it (a text of 32,000 grouped mobiles: 0.5 s, not 51).
    """
    ordered, longest = found, 0
    starts: list[int] | None = None  # only past a few numbers: the sweep's index
    if len(wholes) * len(found) > 256:
        ordered = sorted(found, key=lambda f: f.start)
        starts = [f.start for f in ordered]
        longest = max(f.end - f.start for f in ordered)
    for w in wholes:
        size = w.end - w.start
        near = ordered if starts is None else ordered[bisect_left(starts, w.start - longest) : bisect_left(starts, w.end)]
        for g in near:
            if g.start < w.end and g.end > w.start and g.end - g.start >= size and (g.start > w.start or g.end < w.end):
                return True
    return False


def overlaps(found: list[Finding], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a finding of ``found`` (sorted by start, no overlaps)."""
    j = bisect_left(starts, end)
    return j > 0 and found[j - 1].end > start


def resolve(findings: list[Finding]) -> list[Finding]:
    """Keep the best of overlapping findings: longer span, then higher score.

    Findings are sorted by start and cut into clusters of overlapping spans
    (a sweep, O(n log n)); the best-first choice runs inside each cluster,
    which holds one or two findings in practice.
    """
    findings.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    cluster: list[Finding] = []
    cluster_end = -1
    for f in findings:
        if cluster and f.start >= cluster_end:
            kept.extend(_best_of(cluster))
            cluster = []
        cluster.append(f)
        cluster_end = max(cluster_end, f.end) if len(cluster) > 1 else f.end
    kept.extend(_best_of(cluster))
    return kept


def _best_of(cluster: list[Finding]) -> list[Finding]:
    # The reading that explains the most characters wins, then the score: in
    # "4367 4289 0229 8720 107" a card whose checksum fails is still the
    # better reading than the landline "0229 8720 107" inside it. Over-covering
    # protects every digit; under-covering would leak the rest of the number.
    if len(cluster) == 1:
        return cluster
    chosen: list[Finding] = []
    for f in sorted(cluster, key=lambda f: (-(f.end - f.start), -f.strength, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in chosen):
            chosen.append(f)
    chosen.sort(key=lambda f: f.start)
    if len(cluster) > 2:
        # Side by side, shorter readings may explain more than the longest one between them: two
        # mobiles 3-4-4 one space apart (178 6205 2748 151 8447 7700), where a card read from the
        # second group to the end would leave the first mobile's head uncovered.
        tiled = _most_covered(cluster)
        if sum(f.end - f.start for f in tiled) > sum(f.end - f.start for f in chosen):
            return tiled
    return chosen


def _most_covered(cluster: list[Finding]) -> list[Finding]:
    """The findings of ``cluster`` that overlap none of each other and cover the most characters
    (weighted interval scheduling; a cluster holds a handful)."""
    ordered = sorted(cluster, key=lambda f: f.end)
    best: list[tuple[int, list[Finding]]] = [(0, [])]  # best[k]: the best of the first k findings
    for k, f in enumerate(ordered):
        j = k
        while j > 0 and ordered[j - 1].end > f.start:
            j -= 1
        with_f = (best[j][0] + f.end - f.start, best[j][1] + [f])
        best.append(with_f if with_f[0] > best[k][0] else best[k])
    return best[-1][1]
