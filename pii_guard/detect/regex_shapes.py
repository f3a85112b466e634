"""What a recognizer's regex can match, read from its parse tree once, when a detector is built.

The recognizer files declare patterns as regexes; the detector asks each of them a few
questions before the first text arrives (how long a match can be, whether a run of bare digits
can match at all, whether every such run does, which characters a match can hold) and takes the
short cuts the answers allow on the hot path. Nothing here runs per text.
"""

from __future__ import annotations

import re
from typing import Any, Sequence


def parsed(regex: re.Pattern[str]) -> Any:
    """The parse tree ``re`` compiles ``regex`` from: ``(opcode, argument)`` items, each opcode
    carrying its ``name``; asked when a detector is built, never on the hot path."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    return sre_parse.parse(regex.pattern, regex.flags)


def width(regex: re.Pattern[str]) -> tuple[int, int]:
    """Minimum and maximum match length of a compiled pattern."""
    low, high = parsed(regex).getwidth()
    return int(low), int(min(high, 1 << 30))


def digits_can_match(regex: re.Pattern[str]) -> bool:
    """Whether ``regex`` could match a string of digits only (``str.isdigit``); ``True`` wherever
    this cannot tell (a negated class, a category, a lookaround, anything unusual).

    A grouped pattern (``\\d{4}(?:[ -]{1,3}\\d{4}){3}``) needs a separator, so the detector's path
    for a run of bare digits need not try it: a quarter of that path's regex calls.

    >>> digits_can_match(re.compile(r"\\d{4}(?:[ -]{1,3}\\d{4}){3}")), digits_can_match(re.compile(r"1[3-9]\\d{9}"))
    (False, True)
    """
    def admits_digit(items: object) -> bool:
        for kind, value in items:  # type: ignore[attr-defined]
            name = kind.name
            if name == "LITERAL" and chr(value).isdigit():
                return True
            if name == "RANGE" and (value[1] - value[0] > 4096 or any(chr(c).isdigit() for c in range(value[0], value[1] + 1))):
                return True
            if name not in ("LITERAL", "RANGE"):
                return True  # a negated class, a category: cannot tell
        return False

    def possible(items: object) -> bool:
        for op, arg in items:  # type: ignore[attr-defined]
            name = op.name
            if name == "LITERAL" and not chr(arg).isdigit():
                return False
            if name == "IN" and not admits_digit(arg):
                return False
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] > 0 and not possible(arg[2]):
                return False
            if name == "SUBPATTERN" and not possible(arg[3]):
                return False
            if name == "ATOMIC_GROUP" and not possible(arg):
                return False
            if name == "BRANCH" and not any(possible(branch) for branch in arg[1]):
                return False
        return True

    return possible(parsed(regex))


def every_digit_run(regex: re.Pattern[str]) -> bool:
    """Whether ``regex`` fullmatches every string of ASCII digits whose length is within its width.

    True only for what this can prove: lookarounds that assert no character before the start or
    after the end (true at the ends of a candidate read alone), around a sequence of repeats of a
    class that holds every ASCII digit (``\\d{17}[\\dXx]``, ``\\d{14,19}``): such a sequence
    matches exactly the digit strings of a length between its least and most. Anything else
    (a literal, a branch, a separator, a lookaround inside) is False, and the regex is asked.

    >>> every_digit_run(re.compile(r"(?<![0-9])(?:\\d{17}[\\dXx])(?![0-9])")), every_digit_run(re.compile(r"1[3-9]\\d{9}"))
    (True, False)
    """
    items = list(parsed(regex))
    while items and items[0][0].name == "ASSERT_NOT" and items[0][1][0] == -1:
        items.pop(0)  # (?<!…) at the start: nothing is before a candidate read alone
    while items and items[-1][0].name == "ASSERT_NOT" and items[-1][1][0] == 1:
        items.pop()  # (?!…) at the end: nothing is after it
    if len(items) == 1 and items[0][0].name == "SUBPATTERN":
        items = list(items[0][1][3])  # (?:…) around the rest

    def any_digit(item: Any) -> bool:
        op, arg = item
        if op.name != "IN":
            return False
        digits: set[int] = set()
        for kind, value in arg:
            if kind.name == "NEGATE":
                return False
            if kind.name == "CATEGORY" and value.name == "CATEGORY_DIGIT":
                return True
            if kind.name == "LITERAL":
                digits.add(value)
            elif kind.name == "RANGE":
                digits.update(range(value[0], value[1] + 1))
        return digits >= set(range(48, 58))

    for item in items:
        op, arg = item
        if op.name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            body = list(arg[2])
            if len(body) != 1 or not any_digit(body[0]):
                return False
        elif not any_digit(item):
            return False
    return bool(items)


def match_alphabet(regexes: Sequence[re.Pattern[str]], trigger: str | None) -> frozenset[str] | None:
    """Every character that a match of any of ``regexes``, or a lookaround of one, can hold, when
    each match must hold ``trigger``; else ``None``.

    Then a match lies inside the run of these characters around one trigger, and a window cut to
    such runs (:func:`pii_guard.detect.text_scans.trigger_windows`) finds the same matches: the regex cannot take a
    character outside the run, a lookbehind still sees the text before the window, and at the
    window's end a lookahead sees either the end of the text or a character it cannot match.
    ``None`` (scan the whole windows) for what this cannot vouch for: a trigger of more than one
    character or not required at the top level of a pattern, anchors, ``.``, classes such as
    ``\\w`` or negated ones, flags such as IGNORECASE, also scoped ones (``(?i:…)``).

    >>> sorted(match_alphabet([re.compile("[a-c]+@[a-c]+(?![x])")], "@"))
    ['@', 'a', 'b', 'c', 'x']
    >>> match_alphabet([re.compile(r"\\w+@\\w+")], "@") is None
    True
    """
    if trigger is None or len(trigger) != 1 or not regexes:
        return None
    chars: set[str] = set()

    def walk(items: object) -> bool:
        for op, arg in items:  # type: ignore[attr-defined]
            name = op.name
            if name == "LITERAL":
                chars.add(chr(arg))
            elif name == "IN":
                for kind, value in arg:
                    if kind.name == "LITERAL":
                        chars.add(chr(value))
                    elif kind.name == "RANGE" and value[1] - value[0] < 4096:
                        chars.update(chr(c) for c in range(value[0], value[1] + 1))
                    else:
                        return False  # a negated class, a category (\\d, \\w), a huge range
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                if not walk(arg[2]):
                    return False
            elif name == "SUBPATTERN":
                if arg[1] or arg[2] or not walk(arg[3]):
                    return False  # (?i:…) and other scoped flags: its characters stand for more
            elif name in ("ASSERT", "ASSERT_NOT"):
                if not walk(arg[1]):
                    return False
            elif name == "ATOMIC_GROUP":
                if not walk(arg):
                    return False
            elif name == "BRANCH":
                if not all(walk(branch) for branch in arg[1]):
                    return False
            else:
                return False  # anchors, ".", back references, conditionals, anything new
        return True

    for regex in regexes:
        if regex.flags & ~re.UNICODE:
            return None
        tree = parsed(regex)
        if not any(op.name == "LITERAL" and arg == ord(trigger) for op, arg in tree):
            return None  # a match need not hold the trigger
        if not walk(tree):
            return None
    return frozenset(chars)


def required_characters(regex: re.Pattern[str]) -> frozenset[str]:
    """Characters every match of ``regex`` holds: a literal, or a class of one character, that no
    optional part, repeat of none or branch leaves out (a branch: what all its branches need).
    The detector skips a pattern for a candidate without them (a mobile whose middle group is
    bracketed needs "("): its regex would be tried at every start of the candidate only to fail.

    >>> sorted(required_characters(re.compile(r"1[3-9]\\d[ ]?\\(\\d{4}\\)[ ]?\\d{4}")))
    ['(', ')', '1']
    >>> sorted(required_characters(re.compile(r"(?:\\+86)?1\\d{10}|0\\d{9}")))
    []
    """
    def needs(items: object) -> set[str]:
        found: set[str] = set()
        for op, arg in items:  # type: ignore[attr-defined]
            name = op.name
            if name == "LITERAL":
                found.add(chr(arg))
            elif name == "IN" and len(arg) == 1 and arg[0][0].name == "LITERAL":
                found.add(chr(arg[0][1]))
            elif name == "SUBPATTERN":
                found |= needs(arg[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] > 0:
                found |= needs(arg[2])
            elif name == "BRANCH":
                branches = [needs(branch) for branch in arg[1]]
                found |= set.intersection(*branches) if branches else set()
            elif name == "ATOMIC_GROUP":
                found |= needs(arg)
        return found

    return frozenset(needs(parsed(regex)))
