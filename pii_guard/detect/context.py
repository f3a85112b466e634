"""Context words in a character window around a candidate — no segmentation.

Chinese is not split into words, so Presidio's token-based context enhancer
never sees ``身份证`` inside ``身份证号码为``. Here each recognizer compiles
its positive and negative words into one alternation, longest first, and looks
for them in a window of characters around the candidate. The nearest word
*before* the number decides: ``卡号6222…`` boosts, ``订单号 6222…`` penalises,
and in ``卡号：…，订单号 6222…`` the nearer ``订单号`` wins. A positive word
shortly *after* the number (``13812345678（手机）``) boosts too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["positive", "negative", "none"]


@dataclass(frozen=True)
class ContextSpec:
    """Context words and the score they move, from a recognizer file."""

    words: tuple[str, ...] = ()
    negative_words: tuple[str, ...] = ()
    before: int = 20
    after: int = 8
    boost: float = 0.0
    penalty: float = 0.0
    _regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _kinds: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, **kwargs: object) -> "ContextSpec":
        """Create the spec and compile its one regex.

        One plain alternation, longest word first, no groups: Python's ``re``
        then scans with its literal-prefix fast path (about 4x faster than an
        alternation of named groups). The kind of the matched word comes from
        a dict. Matching is case-sensitive; list ``tel`` and ``Tel`` both.
        """
        spec = cls(**kwargs)  # type: ignore[arg-type]
        kinds = {w: True for w in spec.words}
        kinds.update({w: False for w in spec.negative_words})  # a word in both lists is negative
        if not kinds:
            return spec
        ordered = sorted(kinds, key=len, reverse=True)
        object.__setattr__(spec, "_regex", re.compile("|".join(re.escape(w) for w in ordered)))
        object.__setattr__(spec, "_kinds", kinds)
        return spec

    def verdict(self, text: str, start: int, end: int) -> tuple[Verdict, str | None]:
        """Classify the context of ``text[start:end]``; return the deciding word too."""
        regex = self._regex
        if regex is None:
            return "none", None
        last = None
        for last in regex.finditer(text, max(0, start - self.before), start):
            pass
        if last is not None:
            word = last.group()
            return ("positive" if self._kinds[word] else "negative"), word
        after = regex.search(text, end, end + self.after)
        while after is not None:
            word = after.group()
            if self._kinds[word]:
                return "positive", word
            after = regex.search(text, after.end(), end + self.after)
        return "none", None

    def adjust(self, score: float, verdict: Verdict) -> float:
        """Apply the boost or penalty for ``verdict`` and clamp to [0, 1]."""
        if verdict == "positive":
            score += self.boost
        elif verdict == "negative":
            score -= self.penalty
        return min(1.0, max(0.0, score))
