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

    @classmethod
    def build(cls, **kwargs: object) -> "ContextSpec":
        """Create the spec and compile its one regex."""
        spec = cls(**kwargs)  # type: ignore[arg-type]
        alternatives = [(w, "p") for w in spec.words] + [(w, "n") for w in spec.negative_words]
        if not alternatives:
            return spec
        alternatives.sort(key=lambda item: len(item[0]), reverse=True)
        pos = "|".join(re.escape(w) for w, kind in alternatives if kind == "p") or "(?!)"
        neg = "|".join(re.escape(w) for w, kind in alternatives if kind == "n") or "(?!)"
        # Negative words first at equal position: 订单号 must not read as 单号→…
        regex = re.compile(f"(?P<n>{neg})|(?P<p>{pos})", re.IGNORECASE)
        object.__setattr__(spec, "_regex", regex)
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
            return ("negative" if last.lastgroup == "n" else "positive"), last.group()
        after = regex.search(text, end, end + self.after)
        if after is not None and after.lastgroup == "p":
            return "positive", after.group()
        return "none", None

    def adjust(self, score: float, verdict: Verdict) -> float:
        """Apply the boost or penalty for ``verdict`` and clamp to [0, 1]."""
        if verdict == "positive":
            score += self.boost
        elif verdict == "negative":
            score -= self.penalty
        return min(1.0, max(0.0, score))
