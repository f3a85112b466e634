"""Load recognizer definitions (``recognizers/*.yaml``) into frozen objects.

A definition says what an entity looks like (patterns), how it is proved
(a validator from :mod:`pii_guard.validators`), how sure a proof makes us
(outcome scores) and which words around it move that score (context). The
format is documented in ``recognizers/README.md``; one spelling per key, and
every mistake is a :class:`~pii_guard.config.ConfigError` naming file, line
and key.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, Mapping

from pii_guard import config
from pii_guard.config import ConfigError, Document
from pii_guard.detect.context import WORD_GAPS, ContextSpec, spelled
from pii_guard.detect.regex_shapes import required_characters
from pii_guard.entities import BUILTIN_ENTITIES
from pii_guard.validators import CANONICAL_FORMS, VALIDATORS, CheckFunction, guarded, outcome_labels, register_canonical, resolve

Kind = Literal["digits", "text"]
_ENTITY_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
#: The file of word lists that recognizers share (``"@name"`` in a word list), beside them.
SHARED_WORDS = "_words.yaml"
_TOP_KEYS = {"entity", "custom", "kind", "trigger", "trigger_window", "validator", "candidate", "patterns",
             "outcomes", "context", "params", "description", "listed", "canonical"}


@dataclass(frozen=True)
class PatternSpec:
    """One named regex that proposes candidates for an entity."""

    name: str
    regex: re.Pattern[str]
    requires_context: bool = False
    #: tried only where no other pattern of its recognizer reads a number from the same place: a
    #: loose reading (any grouping) for what the exact ones miss, never a longer rival to them
    fallback: bool = False
    #: the marks (not digits) every match holds, read from the regex when it is loaded
    #: (:func:`~pii_guard.detect.regex_shapes.required_characters`): a candidate without one of
    #: them is not tried (a mobile whose middle group is bracketed needs "(")
    required_marks: str = ""


@dataclass(frozen=True)
class Outcome:
    """The score a validator outcome earns, and whether it needs context."""

    score: float
    requires_context: bool = False
    #: where the validator proves too little for a word anywhere in the window (an ID whose check
    #: character is missing): the context words (as :func:`~pii_guard.detect.context.spelled`
    #: writes them) of which one must label the number right before it, as a form's field does
    #: (身份证号码：…), or a call's question ask for it on the line before
    labelled_by: frozenset[str] = frozenset()
    #: how far a negative word moves this outcome's score, where it differs from the file's
    #: ``context.penalty`` (None: that one): an ID whose "birth date" is a recent day is as often
    #: a document's number, its region and day of issue, and its check holds one time in eleven;
    #: under another identifier's label it is that identifier
    penalty: float | None = None
    #: the negative words (as :func:`~pii_guard.detect.context.spelled` writes them) after which
    #: that penalty holds; after any other, the file's (empty: after every one). A child's ID is
    #: what a school's 学籍号 or a hospital's 就诊卡号 often is; a 受理编号 of a recent day is none.
    penalised_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CandidateSpec:
    """What the shared digit prefilter must accept for this entity."""

    min_digits: int = 7
    check_chars: str = ""
    tails: tuple[str, ...] = ()
    #: Digits after a tail that are a number of their own, not the tail's (转15353089894: the
    #: number a call is forwarded to), each matched whole against the run's digits alone.
    numbers_after_tail: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class ListedSpec:
    """Numbers listed after one that give only their own last group and share the rest with it
    (``0755-83451234/83451235、83451236``: one area code, three lines). Each is read as the
    finding before it with its last group replaced, and must pass the validator so."""

    #: outcomes of the finding before that a list may follow (a landline, not an order number)
    after: tuple[str, ...]
    #: what stands between two numbers of the list (spaces around it are allowed)
    joins: tuple[str, ...]
    #: the outcome a listed number is reported with (a display mask has a rule for it: the
    #: landline's rule would show five of a bare subscriber number's eight digits)
    outcome: str = ""
    #: fewest digits the replaced group has (a subscriber number, not an extension)
    min_digits: int = 7


@dataclass(frozen=True)
class RecognizerSpec:
    """A loaded, validated recognizer definition."""

    entity: str
    source: str
    kind: Kind
    patterns: tuple[PatternSpec, ...]
    validator: str
    check: CheckFunction
    outcomes: Mapping[str, Outcome]
    context: ContextSpec
    params: Mapping[str, Any]
    candidate: CandidateSpec
    trigger: str | None = None  # kind text: run only when this literal occurs; None: always
    trigger_window: tuple[int, int] = (64, 256)  # characters searched before and after each trigger
    listed: ListedSpec | None = None  # kind digits: numbers listed after a finding (see ListedSpec)


#: The environment variable naming the recognizer directory every face loads (a copy of the shipped
#: one with a custom entity's file added): see ``Detector.default``.
ENV_RECOGNIZERS = "PII_GUARD_RECOGNIZERS"


def default_directory() -> Path:
    """``recognizers/`` of a source checkout, or the copy inside an installed wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / "recognizers", here.parent / "recognizers"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no recognizers directory found next to the pii_guard package")


def _compile(doc: Document, path: config.KeyPath, regex: Any, kind: Kind) -> re.Pattern[str]:
    if not isinstance(regex, str) or not regex:
        raise doc.error(path, "expected a regular expression string")
    try:
        compiled = re.compile(regex)  # alone first: wrapping could hide an unclosed [ or (
        if kind == "digits":
            # Digit boundaries instead of \b: \b never fires between a Han character and a
            # digit. Letters count too: 17 digits glued to an X are not a card.
            compiled = re.compile(rf"(?<![0-9A-Za-z])(?:{regex})(?![0-9A-Za-z])")
    except re.error as exc:
        raise doc.error(path, f"invalid regular expression: {exc}") from None
    return compiled


def _outcomes(doc: Document, raw: Any, shared: Mapping[str, tuple[str, ...]]) -> Mapping[str, Outcome]:
    if not isinstance(raw, dict) or not raw:
        raise doc.error(("outcomes",), "expected a mapping of outcome label to score")
    result: dict[str, Outcome] = {}
    for label, value in raw.items():
        path = ("outcomes", label)
        if isinstance(value, dict):
            doc.check_keys(path, value, {"score", "requires_context", "labelled_by", "penalty", "penalised_by"}, {"score"})
            score = config.number(doc, (*path, "score"), value["score"], 0, 1)
            penalty = config.number(doc, (*path, "penalty"), value["penalty"], 0, 1) if "penalty" in value else None
            penalised = (_expand(doc, (*path, "penalised_by"), config.string_list(doc, (*path, "penalised_by"), value["penalised_by"]), shared)
                         if "penalised_by" in value else ())
            if penalised and penalty is None:
                raise doc.error((*path, "penalised_by"), "names the words after which this outcome's penalty holds: give its penalty")
            needs = value.get("requires_context", False)
            if not isinstance(needs, bool):
                raise doc.error((*path, "requires_context"), "expected true or false")
            labels = (_expand(doc, (*path, "labelled_by"), config.string_list(doc, (*path, "labelled_by"), value["labelled_by"]), shared)
                      if "labelled_by" in value else ())
            if "labelled_by" in value and not labels:
                raise doc.error((*path, "labelled_by"), "expected at least one word")
            result[str(label)] = Outcome(score, needs or bool(labels), frozenset(map(spelled, labels)), penalty,
                                         frozenset(map(spelled, penalised)))
        else:
            result[str(label)] = Outcome(config.number(doc, path, value, 0, 1))
    return MappingProxyType(result)


def _context(doc: Document, raw: Any, shared: Mapping[str, tuple[str, ...]], outcomes: Mapping[str, Outcome]) -> ContextSpec:
    if raw is None:
        return ContextSpec()
    doc.check_keys(("context",), raw, {"words", "before_only", "negative_words", "right_before_only", "neutral_words", "before",
                                       "after", "boost", "penalty", "own_forms", "outvoted_by", "qualified"})
    kwargs: dict[str, Any] = {}
    for key in ("words", "negative_words", "before_only", "right_before_only", "neutral_words"):
        if key in raw:
            kwargs[key] = _expand(doc, ("context", key), config.string_list(doc, ("context", key), raw[key]), shared)
    for key, listed in (("before_only", "words"), ("right_before_only", "negative_words")):
        # positive (negative) words too, that label only a value after them (right after them): listed once, here
        if key in kwargs:
            twice = {spelled(w) for w in kwargs.get(listed, ())} & {spelled(w) for w in kwargs[key]}
            if twice:
                raise doc.error(("context", key), f"{sorted(twice)[0]!r} is also one of context.{listed}")
            kwargs[listed] = (*kwargs.get(listed, ()), *kwargs[key])
            kwargs[key] = frozenset(map(spelled, kwargs[key]))
    for key in ("before", "after"):
        if key in raw:
            kwargs[key] = int(config.number(doc, ("context", key), raw[key], 0, 200))
    for key in ("boost", "penalty"):
        if key in raw:
            kwargs[key] = config.number(doc, ("context", key), raw[key], 0, 1)
    if "own_forms" in raw:
        forms = config.string_list(doc, ("context", "own_forms"), raw["own_forms"])
        for k, form in enumerate(forms):
            try:
                re.compile(form)
            except re.error as exc:
                raise doc.error(("context", "own_forms", str(k)), f"not a regular expression: {exc}") from None
        kwargs["own_forms"] = forms
    if "outvoted_by" in raw:
        kwargs.update(_outvoted(doc, raw["outvoted_by"], kwargs.get("negative_words", ()), outcomes, shared))
    if "qualified" in raw:
        kwargs.update(_qualified(doc, raw["qualified"], kwargs.get("words", ()), kwargs.get("negative_words", ()), shared))
    return ContextSpec.build(**kwargs)


def _qualified(doc: Document, raw: Any, positive: tuple[str, ...], negative: tuple[str, ...],
               shared: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """``context.qualified``: ``{by: [...], heads: [...]}``, negative words that say whose account
    a generic account word after them names (see :attr:`ContextSpec.qualifiers`), and those words,
    each one of the recognizer's negative and positive words respectively."""
    path = ("context", "qualified")
    doc.check_keys(path, raw, {"by", "heads"}, required=("by", "heads"))
    return {"qualifiers": frozenset(_words_among(doc, (*path, "by"), raw["by"], negative, "negative_words", shared)),
            "qualified_heads": frozenset(_words_among(doc, (*path, "heads"), raw["heads"], positive, "words", shared))}


def _words_among(doc: Document, path: tuple[str, ...], raw: Any, listed_in: tuple[str, ...], name: str,
                 shared: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The words at ``path`` (shared lists expanded), spelled, each one of ``listed_in`` (the
    context list ``name``): a word the recognizer does not list never gives the verdict the key is about."""
    words = _expand(doc, path, config.string_list(doc, path, raw), shared)
    listed = {spelled(w) for w in listed_in}
    stray = [w for w in words if spelled(w) not in listed]
    if stray:
        raise doc.error(path, f"{stray[0]!r} is not one of context.{name}")
    return [spelled(w) for w in words]


def _outvoted(doc: Document, raw: Any, negative: tuple[str, ...], outcomes: Mapping[str, Outcome],
              shared: Mapping[str, tuple[str, ...]]) -> dict[str, object]:
    """``context.outvoted_by``: ``{words: [...], outcomes: [...]}``, negative words that a value of
    one of these validator outcomes outvotes (see :attr:`ContextSpec.outvoted_words`), and
    ``endings``/``ending_outcomes``: the same for any negative word that ends so; or a list of
    such mappings, words outvoted by different outcomes (a company's account label only by a
    known issuer's card, a card's own word by any network's too)."""
    groups = raw if isinstance(raw, list) else [raw]
    by_word: dict[str, frozenset[str]] = {}
    endings: list[str] = []
    by_ending: list[str] = []
    for k, group in enumerate(groups):
        path = ("context", "outvoted_by") if not isinstance(raw, list) else ("context", "outvoted_by", str(k))
        doc.check_keys(path, group, {"words", "outcomes", "endings", "ending_outcomes"})
        words = _words_among(doc, (*path, "words"), group.get("words"), negative, "negative_words", shared)
        named = frozenset(_outcomes_named(doc, (*path, "outcomes"), group.get("outcomes"), outcomes))
        for word in words:
            by_word[word] = by_word.get(word, frozenset()) | named
        endings.extend(config.string_list(doc, (*path, "endings"), group.get("endings", [])))
        by_ending.extend(_outcomes_named(doc, (*path, "ending_outcomes"), group.get("ending_outcomes", []), outcomes))
    return {"outvoted_words": by_word, "outvoted_endings": tuple(endings), "ending_outcomes": frozenset(by_ending)}


def _outcomes_named(doc: Document, path: tuple[str, ...], raw: Any, outcomes: Mapping[str, Outcome]) -> tuple[str, ...]:
    """The list of outcome names at ``path``, each one of the recognizer's ``outcomes``."""
    named = config.string_list(doc, path, raw)
    unknown = [o for o in named if o not in outcomes]
    if unknown:
        raise doc.error(path, f"{unknown[0]!r} is not one of this recognizer's outcomes")
    return named


def _check_edges(doc: Document, path: tuple[str, ...], word: str) -> None:
    """Refuse a word that opens or ends with a space (or an ideographic one): a context word is matched
    with the gaps after its Chinese characters taken out (:func:`spelled`), so "流水 " would be 流水
    itself, and whatever the list says of it would silently say it of 流水. (A tab is a word's own:
    "公司\t" is a statement's company cell before its account's.)"""
    if word != word.strip(WORD_GAPS):
        raise doc.error(path, f"{word!r} opens or ends with a space, which no word is matched with")


def _expand(doc: Document, path: tuple[str, ...], words: tuple[str, ...], shared: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Put the words of each shared list named ``@name`` in its place, and each system key written
    in camelCase or snake_case with its other spellings (:func:`key_spellings`), and each word with
    the account character in both its forms (:func:`variant_spellings`); each once, in order."""
    out: dict[str, None] = {}  # (a dict: a list's "not in" made loading quadratic in a list's length)
    for word in words:
        if word.startswith("@"):
            if word[1:] not in shared:
                raise doc.error(path, f"unknown word list {word!r} (shared lists live in {SHARED_WORDS})")
            listed = shared[word[1:]]
        else:
            listed = (word,)
            _check_edges(doc, path, word)
        for each in listed:
            for spelling in key_spellings(each):
                out.update(dict.fromkeys(variant_spellings(spelling)))
    return tuple(out)


#: Characters written two ways in the same script, each with its other form: 帐 for 账 (the older
#: form, still common in simplified text: 对公帐户, 结算帐户), 帳 for 賬 in traditional text (對公帳號).
#: A list names a word once; the trie holds every way it is typed.
VARIANT_CHARS: Final = {"账": "帐", "帐": "账", "賬": "帳", "帳": "賬"}


def variant_spellings(word: str) -> tuple[str, ...]:
    """``word`` and every spelling of it with each variant character (:data:`VARIANT_CHARS`) in
    either form.

    >>> variant_spellings("对公账户"), variant_spellings("對公帳號"), variant_spellings("手机号")
    (('对公账户', '对公帐户'), ('對公帳號', '對公賬號'), ('手机号',))
    """
    spellings = [""]
    for ch in word:
        other = VARIANT_CHARS.get(ch)
        spellings = [s + c for s in spellings for c in ((ch, other) if other else (ch,))]
    return tuple(spellings)


#: A system's key: ASCII letters and digits in two words or more, by case (orderId, OrderNo, deviceID)
#: or by underscores (order_no, CUST_NO).
_KEY: Final = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
_KEY_WORDS: Final = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def key_spellings(word: str) -> tuple[str, ...]:
    """``word`` and, where it is a system's key of two words or more, the other ways systems spell
    that key: camelCase, PascalCase, snake_case, upper SNAKE_CASE, the words run together in lower
    and in upper case (orderId: orderid, ORDERID, order_id, ORDER_ID, OrderId), and the words apart
    as a form writes them (order id, Order id, Order ID, order ID, ORDER ID). A list names a key once; a
    database's upper-case column, a log's lower-case key or a form's field is the same label.

    >>> key_spellings("custNo")
    ('custNo', 'CustNo', 'cust_no', 'CUST_NO', 'custno', 'CUSTNO', 'cust no', 'Cust no', 'Cust No', 'cust No', 'CUST NO')
    >>> key_spellings("手机号"), key_spellings("tel"), key_spellings("Order No")
    (('手机号',), ('tel',), ('Order No',))
    """
    if not word.isascii() or _KEY.fullmatch(word) is None:
        return (word,)
    parts = [part.lower() for part in _KEY_WORDS.findall(word.replace("_", " "))]
    if len(parts) < 2:
        return (word,)
    title = [p.upper() if p == "id" else p.capitalize() for p in parts]
    spellings = (parts[0] + "".join(p.capitalize() for p in parts[1:]), "".join(p.capitalize() for p in parts),
                 "_".join(parts), "_".join(parts).upper(), "".join(parts), "".join(parts).upper(),
                 # as a form or a person writes the key's words (Transaction ID, order no)
                 " ".join(parts), " ".join([parts[0].capitalize(), *parts[1:]]), " ".join(title), " ".join([parts[0], *title[1:]]),
                 " ".join(parts).upper())
    return (word, *(s for s in dict.fromkeys(spellings) if s != word))


def load_shared_words(directory: str | Path) -> Mapping[str, tuple[str, ...]]:
    """The named word lists of ``directory``'s :data:`SHARED_WORDS` file (none if it has none)."""
    path = Path(directory) / SHARED_WORDS
    if not path.exists():
        return MappingProxyType({})
    doc = config.load(path)
    if not isinstance(doc.data, dict):
        raise doc.error((), "expected a mapping of list names to lists of words")
    shared = {str(name): config.string_list(doc, (str(name),), words) for name, words in doc.data.items()}
    for name, words in shared.items():
        if any(word.startswith("@") for word in words):
            raise doc.error((name,), "a shared list holds words; it cannot name another list with '@'")
        for word in words:
            _check_edges(doc, (name,), word)
    return MappingProxyType(shared)


def _candidate(doc: Document, raw: Any) -> CandidateSpec:
    if raw is None:
        return CandidateSpec()
    doc.check_keys(("candidate",), raw, {"min_digits", "check_chars", "tails", "numbers_after_tail"})
    min_digits = int(config.number(doc, ("candidate", "min_digits"), raw.get("min_digits", 7), 1, 64))
    check_chars = raw.get("check_chars", "")
    if not isinstance(check_chars, str) or not check_chars.isalpha() and check_chars:
        raise doc.error(("candidate", "check_chars"), "expected letters, e.g. X")
    tails = config.string_list(doc, ("candidate", "tails"), raw["tails"]) if "tails" in raw else ()
    after = config.string_list(doc, ("candidate", "numbers_after_tail"), raw["numbers_after_tail"]) \
        if "numbers_after_tail" in raw else ()
    if after and not tails:
        raise doc.error(("candidate", "numbers_after_tail"), "numbers after a tail need tails")
    numbers = tuple(_compile(doc, ("candidate", "numbers_after_tail", i), regex, "text") for i, regex in enumerate(after))
    return CandidateSpec(min_digits, check_chars, tails, numbers)


def _listed(doc: Document, raw: Any, kind: Kind, outcomes: Mapping[str, Outcome]) -> ListedSpec | None:
    if raw is None:
        return None
    if kind != "digits":
        raise doc.error(("listed",), "only 'digits' recognizers take a list rule")
    doc.check_keys(("listed",), raw, {"after", "joins", "min_digits", "outcome"}, {"after", "joins", "outcome"})
    after = config.string_list(doc, ("listed", "after"), raw["after"])
    for i, label in enumerate(after):
        if label not in outcomes:
            raise doc.error(("listed", "after", i), f"not an outcome of this recognizer: {label}")
    joins = config.string_list(doc, ("listed", "joins"), raw["joins"])
    for i, join in enumerate(joins):
        if any(ch.isdigit() for ch in join):
            raise doc.error(("listed", "joins", i), "a join cannot hold a digit")
    min_digits = int(config.number(doc, ("listed", "min_digits"), raw.get("min_digits", 7), 1, 64))
    outcome = raw["outcome"]
    if outcome not in outcomes:
        raise doc.error(("listed", "outcome"), f"not an outcome of this recognizer: {outcome}")
    return ListedSpec(after, joins, outcome, min_digits)


def parse(doc: Document, shared: Mapping[str, tuple[str, ...]] | None = None) -> RecognizerSpec:
    """Validate one parsed recognizer file; ``shared`` holds the word lists it may name."""
    raw = doc.data
    doc.check_keys((), raw, _TOP_KEYS, {"entity", "patterns", "validator", "outcomes"})
    entity = raw["entity"]
    custom = raw.get("custom", False)
    if not isinstance(entity, str) or not _ENTITY_NAME.fullmatch(entity):
        raise doc.error(("entity",), "expected an upper-case entity name such as CN_RESIDENT_ID")
    if entity not in BUILTIN_ENTITIES and custom is not True:
        raise doc.error(("entity",), "not a built-in entity; set 'custom: true' to define a new one")
    kind = raw.get("kind", "digits")
    if kind not in ("digits", "text"):
        raise doc.error(("kind",), "expected 'digits' or 'text'")
    trigger = raw.get("trigger")
    if trigger is not None and (not isinstance(trigger, str) or not trigger):
        raise doc.error(("trigger",), "expected a non-empty literal, e.g. '@'")
    if kind == "digits" and trigger is not None:
        raise doc.error(("trigger",), "only 'text' recognizers take a trigger")
    patterns_raw = raw["patterns"]
    if not isinstance(patterns_raw, list) or not patterns_raw:
        raise doc.error(("patterns",), "expected a non-empty list")
    patterns = []
    for i, item in enumerate(patterns_raw):
        doc.check_keys(("patterns", i), item, {"name", "regex", "requires_context", "fallback"}, {"name", "regex"})
        flags = {}
        for flag in ("requires_context", "fallback"):
            flags[flag] = item.get(flag, False)
            if not isinstance(flags[flag], bool):
                raise doc.error(("patterns", i, flag), "expected true or false")
        regex = _compile(doc, ("patterns", i, "regex"), item["regex"], kind)
        marks = "".join(sorted(ch for ch in required_characters(regex) if not ch.isdigit()))
        patterns.append(PatternSpec(str(item["name"]), regex, **flags, required_marks=marks))
    patterns.sort(key=lambda p: p.fallback)  # fallbacks after the patterns they back up
    validator = raw["validator"]
    try:
        check = resolve(str(validator))
    except LookupError as exc:
        raise doc.error(("validator",), str(exc)) from None
    window = raw.get("trigger_window", [64, 256])
    if (not isinstance(window, list) or len(window) != 2 or not all(isinstance(w, int) and 0 <= w <= 4096 for w in window)):
        raise doc.error(("trigger_window",), "expected [before, after]: two integers from 0 to 4096")
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise doc.error(("params",), "expected a mapping")
    outcomes = _outcomes(doc, raw["outcomes"], shared if shared is not None else {})
    listed = _listed(doc, raw.get("listed"), kind, outcomes)
    check = _checked_validator(doc, str(validator), check, params, outcomes, listed)
    context = _context(doc, raw.get("context"), shared if shared is not None else {}, outcomes)
    for label, outcome in outcomes.items():
        unknown = sorted(outcome.labelled_by - {spelled(w) for w in context.words})
        if unknown:  # the deciding word is always one of context.words: this one would never label
            raise doc.error(("outcomes", label, "labelled_by"), f"{unknown[0]!r} is not one of context.words")
        stray = sorted(outcome.penalised_by - {spelled(w) for w in context.negative_words})
        if stray:  # a word that is no negative word never gives a verdict to penalise
            raise doc.error(("outcomes", label, "penalised_by"), f"{stray[0]!r} is not one of context.negative_words")
    needs_words = [("patterns", i, "requires_context") for i, p in enumerate(patterns_raw) if p.get("requires_context")] + \
        [("outcomes", label) for label, o in outcomes.items() if o.requires_context]
    if needs_words and not set(context.words) - set(context.negative_words):
        # a pattern or an outcome that needs a context word, and no word to find: never reported
        raise doc.error(needs_words[0], "requires context, but context.words lists no word to find; "
                                        "add the words that label this entity")
    form = raw.get("canonical")
    if form is not None:
        if form not in CANONICAL_FORMS:
            raise doc.error(("canonical",), f"expected one of {', '.join(CANONICAL_FORMS)}")
        if entity in BUILTIN_ENTITIES:
            raise doc.error(("canonical",), "a built-in entity has its own canonical form")
        register_canonical(entity, form)  # so that tokens and hashes of one number typed two ways agree
    if kind == "text" and raw.get("candidate") is not None:
        raise doc.error(("candidate",), "only 'digits' recognizers take a candidate (a 'text' recognizer's patterns "
                                        "run on the text itself)")
    return RecognizerSpec(
        entity=entity,
        source=doc.source,
        kind=kind,
        patterns=tuple(patterns),
        validator=str(validator),
        check=check,
        outcomes=outcomes,
        context=context,
        params=MappingProxyType(config.freeze(params)),
        candidate=_candidate(doc, raw.get("candidate")),
        trigger=trigger,
        trigger_window=(window[0], window[1]),
        listed=listed,
    )


def _checked_validator(doc: Document, name: str, check: CheckFunction, params: Mapping[str, Any],
                       outcomes: Mapping[str, Outcome], listed: ListedSpec | None) -> CheckFunction:
    """The validator, checked against the file: every outcome the file scores is one the validator
    returns, where its labels are known (a misspelt ``vaild`` would drop every finding); one from
    outside pii-guard takes ``(candidate, params)`` and returns a label or None (python-stdnum's
    ``is_valid`` returns a bool), and is wrapped (:func:`pii_guard.validators.guarded`)."""
    labels = outcome_labels(name, check)
    if labels is not None:
        produced = labels | ({listed.outcome} if listed is not None else set())
        for label in outcomes:
            if label not in produced:
                raise doc.error(("outcomes", label), f"validator {name} never returns {label!r} "
                                                     f"(it returns: {', '.join(sorted(labels))})")
    if name in VALIDATORS:
        return check
    try:
        inspect.signature(check).bind("0", params)
    except TypeError:
        raise doc.error(("validator",), f"{name} must take (candidate, params) and return an outcome label or None") from None
    except ValueError:
        pass  # no signature to read (a builtin): the calls will tell
    outside: Any = check  # called as untyped code: compiled, a typed call would check the answer itself
    trial: object = None
    try:
        trial = outside("0", dict(params))
    except Exception:  # noqa: BLE001 - a validator may reject "0" any way it likes
        pass
    if trial is not None and not isinstance(trial, str):
        raise doc.error(("validator",), f"{name} returned a {type(trial).__name__}; a validator returns an outcome "
                                        "label (a key of outcomes) or None")
    return guarded(name, check, frozenset(outcomes) | ({listed.outcome} if listed is not None else frozenset()))


def load_file(path: str | Path) -> RecognizerSpec:
    """Load and validate one recognizer file (with the shared word lists beside it)."""
    return parse(config.load(path), load_shared_words(Path(path).parent))


def load_directory(directory: str | Path | None = None) -> tuple[RecognizerSpec, ...]:
    """Load every ``*.yaml`` in ``directory`` (default: :func:`default_directory`) but ``_*.yaml``."""
    directory = Path(directory) if directory is not None else default_directory()
    files = sorted(f for f in directory.glob("*.yaml") if not f.name.startswith("_"))
    if not files:
        raise ConfigError(str(directory), (), "no recognizer files (*.yaml) found")
    shared = load_shared_words(directory)
    specs = tuple(parse(config.load(f), shared) for f in files)
    seen: dict[str, str] = {}
    for spec in specs:
        if spec.entity in seen:
            raise ConfigError(spec.source, ("entity",), f"entity {spec.entity} is already defined in {seen[spec.entity]}")
        seen[spec.entity] = spec.source
    return specs
