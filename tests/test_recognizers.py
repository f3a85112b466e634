"""Recognizer files: loading, errors with file/line/key, and adding an entity without code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pii_guard.config import ConfigError
from pii_guard.detect import Detector
from pii_guard.detect.recognizers import default_directory, load_directory, load_file
from tests.fixtures import uscc

VALID = """\
entity: CN_PHONE_NUMBER
validator: cn_phone
patterns:
  - name: mobile
    regex: '1[3-9]\\d{9}'
outcomes:
  mobile: 0.7
"""


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_recognizers_load() -> None:
    specs = load_directory()
    assert {s.entity for s in specs} == {"CN_RESIDENT_ID", "CN_BANK_CARD", "CN_PHONE_NUMBER", "EMAIL_ADDRESS"}
    for spec in specs:
        # simplified and traditional context words both present
        assert spec.context.words, spec.entity


@pytest.mark.parametrize(
    "mutation,key,line",
    [
        (lambda t: t.replace("validator: cn_phone", "validator: nope"), "validator", 2),
        (lambda t: t.replace("  mobile: 0.7", "  mobile: 7"), "outcomes.mobile", 7),
        (lambda t: t.replace("1[3-9]", "1[3-9"), "patterns.0.regex", 5),
        (lambda t: t + "colour: red\n", "colour", 8),
        (lambda t: t.replace("CN_PHONE_NUMBER", "CN_PASSPORT"), "entity", 1),
        (lambda t: t.replace("entity: CN_PHONE_NUMBER\n", ""), "(top level)", None),
        (lambda t: t + "listed: {after: [landline], joins: [/], outcome: mobile}\n", "listed.after.0", 8),
        (lambda t: t + "listed: {after: [mobile], joins: ['1'], outcome: mobile}\n", "listed.joins.0", 8),
        (lambda t: t + "listed: {after: [mobile], joins: [/], outcome: listed}\n", "listed.outcome", 8),
        (lambda t: t + "listed: {after: [mobile]}\n", "listed", 8),
        (lambda t: t + "candidate: {numbers_after_tail: ['1\\d{10}']}\n", "candidate.numbers_after_tail", 8),
        (lambda t: t + "candidate: {tails: [转], numbers_after_tail: ['1[3-9']}\n", "candidate.numbers_after_tail.0", 8),
    ],
)
def test_errors_name_file_line_and_key(tmp_path: Path, mutation, key: str, line: int | None) -> None:
    path = write(tmp_path, mutation(VALID))
    with pytest.raises(ConfigError) as info:
        load_file(path)
    message = str(info.value)
    assert str(path) in message and f": {key}:" in message
    if line is not None:
        assert f"{path}:{line}:" in message


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "patterns: [\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: \(top level\): invalid YAML"):
        load_file(path)


def test_duplicate_entity_rejected(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID, "b.yaml")
    with pytest.raises(ConfigError, match="already defined"):
        load_directory(tmp_path)


def test_new_entity_without_engine_code(tmp_path: Path) -> None:
    """A compliance engineer adds 统一社会信用代码 with a file and an outside validator."""
    for f in default_directory().glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    write(
        tmp_path,
        """\
entity: CN_USCC
custom: true
kind: text
validator: tests.fixtures.uscc:check
patterns:
  - name: uscc
    regex: '(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{2}\\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])'
outcomes:
  valid: 0.6
context:
  boost: 0.3
  words: [统一社会信用代码, 統一社會信用代碼, 信用代码, 信用代碼]
""",
        "cn_uscc.yaml",
    )
    detector = Detector.from_directory(tmp_path)
    body = "91350100M000100Y4"
    code = body + uscc.calc_check_char(body)
    text = f"公司统一社会信用代码{code}，手机13912345678"
    found = [(f.entity_type, text[f.start : f.end]) for f in detector.analyze(text)]
    assert ("CN_USCC", code) in found and ("CN_PHONE_NUMBER", "13912345678") in found
    wrong = body + ("0" if code[-1] != "0" else "1")
    assert all(f.entity_type != "CN_USCC" for f in detector.analyze(f"信用代码{wrong}"))
    # a recognizer with no trigger runs on every value, one made only of digits too (an export column)
    digits_only = "91350100000000005"
    digits_only += uscc.calc_check_char(digits_only)
    assert digits_only.isdigit()
    assert [f.entity_type for f in detector.analyze(digits_only)] == ["CN_USCC"]


def test_shared_word_lists(tmp_path: Path) -> None:
    """A list in _words.yaml is named as "@name" by any recognizer beside it; _words.yaml is not one.
    A system's key is listed once and matches its other spellings (orderNo: ORDER_NO, orderno …)."""
    (tmp_path / "_words.yaml").write_text("ids: [工单号, orderNo]\n", encoding="utf-8")
    write(tmp_path, VALID + "context:\n  penalty: 0.4\n  negative_words: ['@ids', 保单号]\n")
    (spec,) = load_directory(tmp_path)
    assert spec.context.negative_words == ("工单号", "orderNo", "OrderNo", "order_no", "ORDER_NO", "orderno", "ORDERNO",
                                           "order no", "Order no", "Order No", "order No", "ORDER NO", "保单号")
    assert load_file(tmp_path / "r.yaml").context.negative_words == spec.context.negative_words
    detector = Detector(load_directory(tmp_path))
    assert [f.entity_type for f in detector.analyze("联系13912345678")] == ["CN_PHONE_NUMBER"]
    for key in ("orderNo", "ORDER_NO", "orderno", "order_no", "Order No"):
        assert detector.analyze(f"{key}=13912345678") == [], key


def test_a_shared_list_names_no_other_list(tmp_path: Path) -> None:
    (tmp_path / "_words.yaml").write_text("ids: ['@other', 工单号]\n", encoding="utf-8")
    write(tmp_path, VALID)
    with pytest.raises(ConfigError, match=r"_words\.yaml:\d+: ids: .*'@'"):
        load_directory(tmp_path)


def test_unknown_shared_list_is_named(tmp_path: Path) -> None:
    write(tmp_path, VALID + "context:\n  negative_words: ['@nope']\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.negative_words: unknown word list '@nope'"):
        load_directory(tmp_path)


def test_own_forms_hold_against_a_negative_word_and_a_bad_one_is_named(tmp_path: Path) -> None:
    """``context.own_forms``: a value typed in one of them is the entity's after another
    identifier's label; a form that is no regex is refused with its file and key."""
    grouped = VALID.replace("regex: '1[3-9]\\d{9}'", "regex: '1[3-9]\\d(?:-?\\d{4}){2}'")
    assert grouped != VALID
    write(tmp_path, grouped + "context:\n  penalty: 0.4\n  negative_words: [工单号]\n  own_forms: ['1\\d{2}-\\d{4}-\\d{4}']\n")
    detector = Detector(load_directory(tmp_path))
    assert detector.analyze("工单号13912345678") == []
    assert [f.entity_type for f in detector.analyze("工单号139-1234-5678")] == ["CN_PHONE_NUMBER"]
    write(tmp_path, VALID + "context:\n  own_forms: ['1(']\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.own_forms\.0: not a regular expression"):
        load_directory(tmp_path)


def test_outvoted_words_give_way_to_a_proving_outcome_and_bad_ones_are_named(tmp_path: Path) -> None:
    """``context.outvoted_by``: a negative word listed there does not hold against a value of the
    outcomes named (a card that proves itself after 对公账户); it still holds against others, and
    a word that is no negative word or an outcome the recognizer lacks is refused by its key."""
    write(tmp_path, VALID.replace("  mobile: 0.7\n", "  mobile: 0.7\n  mobile_trunk: 0.6\n")
          + "context:\n  penalty: 0.4\n  negative_words: [工单号, 订单号]\n"
          + "  outvoted_by: {words: [工单号], outcomes: [mobile]}\n")
    detector = Detector(load_directory(tmp_path))
    assert [f.entity_type for f in detector.analyze("工单号13912345678")] == ["CN_PHONE_NUMBER"]
    assert detector.analyze("订单号13912345678") == []
    write(tmp_path, VALID + "context:\n  negative_words: [工单号]\n  outvoted_by: {words: [订单号], outcomes: [mobile]}\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.outvoted_by\.words: '订单号' is not one of context\.negative_words"):
        load_directory(tmp_path)
    write(tmp_path, VALID + "context:\n  negative_words: [工单号]\n  outvoted_by: {words: [工单号], outcomes: [landline]}\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.outvoted_by\.outcomes: 'landline' is not one of"):
        load_directory(tmp_path)


def test_outvoted_by_groups_of_words_and_outcomes(tmp_path: Path) -> None:
    """``context.outvoted_by`` as a list: each group's words give way to its own outcomes only (a
    company's account label to a known issuer's card, a card's word to a network's card too); a
    bad group is named by its place."""
    write(tmp_path, VALID.replace("  mobile: 0.7\n", "  mobile: 0.7\n  mobile_trunk: 0.6\n")
          + "context:\n  penalty: 0.4\n  negative_words: [工单号, 订单号]\n"
          + "  outvoted_by:\n    - {words: [工单号], outcomes: [mobile]}\n    - {words: [订单号], outcomes: [mobile_trunk]}\n")
    detector = Detector(load_directory(tmp_path))
    assert [f.entity_type for f in detector.analyze("工单号13912345678")] == ["CN_PHONE_NUMBER"]
    assert detector.analyze("订单号13912345678") == []
    write(tmp_path, VALID + "context:\n  negative_words: [工单号]\n  outvoted_by:\n    - {words: [工单号], outcomes: [mobile]}\n"
          + "    - {words: [订单号], outcomes: [mobile]}\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.outvoted_by\.1\.words: '订单号' is not one of context\.negative_words"):
        load_directory(tmp_path)


def test_qualified_account_words_take_their_qualifiers_verdict(tmp_path: Path) -> None:
    """``context.qualified``: a negative word before a generic positive one, no value between,
    decides (对公账户：某某银行，账号…); with a digit or a sentence's end between, the positive word
    does; a qualifier that is no negative word is refused by its key."""
    write(tmp_path, VALID + "context:\n  boost: 0.3\n  penalty: 0.4\n  words: [账号]\n  negative_words: [对公账户, 订单号]\n"
          + "  qualified: {by: [对公账户], heads: [账号]}\n")
    detector = Detector(load_directory(tmp_path))
    assert detector.analyze("对公账户：招商银行深圳分行，账号13912345678") == []
    assert [f.score for f in detector.analyze("对公账户已冻结。账号13912345678")] == [1.0]
    assert [f.score for f in detector.analyze("订单号：12345，账号13912345678")] == [1.0]
    write(tmp_path, VALID + "context:\n  words: [账号]\n  negative_words: [对公账户]\n  qualified: {by: [订单号], heads: [账号]}\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.qualified\.by: '订单号' is not one of context\.negative_words"):
        load_directory(tmp_path)


def test_negative_words_outvoted_by_their_ending(tmp_path: Path) -> None:
    """``context.outvoted_by.endings``: any negative word that ends so (a kind of card: SIM卡, ETC卡)
    gives way to a value of ``ending_outcomes``; other words still hold, and an outcome the
    recognizer lacks is refused by its key."""
    write(tmp_path, VALID + "context:\n  penalty: 0.4\n  negative_words: [旧工单, 订单号]\n"
          + "  outvoted_by: {words: [], outcomes: [], endings: [工单], ending_outcomes: [mobile]}\n")
    detector = Detector(load_directory(tmp_path))
    assert [f.entity_type for f in detector.analyze("旧工单13912345678")] == ["CN_PHONE_NUMBER"]
    assert detector.analyze("订单号13912345678") == []
    write(tmp_path, VALID + "context:\n  negative_words: [旧工单]\n  outvoted_by: {words: [], outcomes: [], endings: [工单], ending_outcomes: [landline]}\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.outvoted_by\.ending_outcomes: 'landline' is not one of"):
        load_directory(tmp_path)


def test_neutral_words_hide_the_words_they_hold(tmp_path: Path) -> None:
    """``context.neutral_words``: a word that holds a negative one (备注(REFERENCE), a sales slip's
    remarks) is matched and then says nothing, so the word inside it gives no verdict, even where
    the window opens inside the neutral word; the negative word alone still holds."""
    write(tmp_path, VALID + "context:\n  penalty: 0.4\n  negative_words: [REFERENCE]\n"
          + "  neutral_words: [\"备注(REFERENCE)\"]\n")
    detector = Detector(load_directory(tmp_path))
    assert [f.score for f in detector.analyze("备注(REFERENCE)：13912345678")] == [0.7]
    assert [f.score for f in detector.analyze("备注(REFERENCE)：\n业务员吴晓东，电话在这里写着：13912345678")] == [0.7]
    assert detector.analyze("REFERENCE：13912345678") == []
    write(tmp_path, VALID + "context:\n  neutral_words: 备注\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.neutral_words"):
        load_directory(tmp_path)


def test_words_that_label_only_what_follows(tmp_path: Path) -> None:
    """``context.before_only``: positive words listed once, that boost a number after them and not
    one before them (汇入138…, not 138… 转账); a list of the wrong type is refused by its key."""
    write(tmp_path, VALID + "context:\n  boost: 0.3\n  words: [手机]\n  before_only: [转账]\n")
    detector = Detector(load_directory(tmp_path))
    assert [f.score for f in detector.analyze("转账13912345678")] == [1.0]
    assert [f.score for f in detector.analyze("13912345678 转账")] == [0.7]
    assert [f.score for f in detector.analyze("13912345678 手机")][0] > 0.9
    write(tmp_path, VALID + "context:\n  before_only: 转账\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.before_only"):
        load_directory(tmp_path)


def test_negative_words_that_label_only_the_value_right_after_them(tmp_path: Path) -> None:
    """``context.right_before_only``: negative words listed once, that label a number right after
    them (订单13912345678, 订单：…) and nothing further off (订单里留的是139…); a word listed there
    and in ``negative_words`` too is refused by its key."""
    write(tmp_path, VALID + "context:\n  penalty: 0.4\n  right_before_only: [订单]\n")
    detector = Detector(load_directory(tmp_path))
    assert detector.analyze("订单13912345678") == []
    assert detector.analyze("订单：13912345678") == []
    assert [f.score for f in detector.analyze("订单里留的是13912345678")] == [0.7]
    assert [f.score for f in detector.analyze("13912345678 订单")] == [0.7]
    write(tmp_path, VALID + "context:\n  negative_words: [订单号, 订单]\n  right_before_only: [订单]\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.right_before_only.*'订单' is also one of context\.negative_words"):
        load_directory(tmp_path)


def test_a_word_with_a_space_at_an_end_is_refused(tmp_path: Path) -> None:
    """A context word is matched with the gaps after its Chinese characters taken out: "流水 " would be
    流水 itself, and a list that meant only the spaced one would silently change what 流水 says (a
    shared list's word too). A tab is a word's own (a statement's company cell, "公司\t")."""
    write(tmp_path, VALID + "context:\n  negative_words: [\"流水 \"]\n")
    with pytest.raises(ConfigError, match=r"r\.yaml:\d+: context\.negative_words.*'流水 ' opens or ends with a space"):
        load_directory(tmp_path)
    write(tmp_path, VALID + "context:\n  words: [\"\u3000卡号\"]\n")
    with pytest.raises(ConfigError, match="opens or ends with a space"):
        load_directory(tmp_path)
    write(tmp_path, VALID + "context:\n  negative_words: [\"@marked\"]\n")
    write(tmp_path, "marked: [\"流水：\", \"流水 \"]\n", "_words.yaml")
    with pytest.raises(ConfigError, match=r"_words\.yaml:\d+: marked.*'流水 ' opens or ends with a space"):
        load_directory(tmp_path)
    write(tmp_path, "marked: [\"流水：\", \"公司\\t\"]\n", "_words.yaml")
    assert load_directory(tmp_path)


PASSPORT = """\
entity: CN_PASSPORT
custom: true
kind: text
validator: tests.fixtures.bad_validators:passport
canonical: alphanumeric
patterns:
  - name: passport
    regex: '(?<![0-9A-Za-z])[EeGg] ?\\d{4} ?\\d{4}(?![0-9A-Za-z])'
    requires_context: true
outcomes:
  valid: 0.8
context:
  words: [护照, 護照, passport]
"""


def _with_shipped(tmp_path: Path, text: str, name: str = "cn_passport.yaml") -> Path:
    for f in default_directory().glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    write(tmp_path, text, name)
    return tmp_path


@pytest.mark.parametrize("mutation,key,message", [
    # a misspelt outcome label: every ID would be dropped, silently
    (lambda t: t.replace("validator: tests.fixtures.bad_validators:passport", "validator: cn_resident_id")
                .replace("  valid: 0.8", "  vaild: 0.8"), "outcomes.vaild", "never returns 'vaild'"),
    (lambda t: t.replace("  valid: 0.8", "  vaild: 0.8"), "outcomes.vaild", "never returns 'vaild'"),
    # context-only patterns with no word to find: never reported
    (lambda t: t.replace("  words: [护照, 護照, passport]", "  words: []"), "patterns.0.requires_context", "no word"),
    (lambda t: t.split("\ncontext:")[0] + "\n", "patterns.0.requires_context", "no word"),
    (lambda t: t.replace("kind: text", "kind: text\ncandidate: {min_digits: 8}"), "candidate", "only 'digits'"),
    (lambda t: t.replace(":passport", ":one_argument"), "validator", "must take (candidate, params)"),
    (lambda t: t.replace(":passport", ":returns_bool"), "validator", "returned a bool"),
    (lambda t: t.replace("canonical: alphanumeric", "canonical: upper"), "canonical", "expected one of"),
    (lambda t: t.replace("  valid: 0.8", "  valid: {score: 0.8, labelled_by: []}"), "outcomes.valid.labelled_by", "at least one word"),
    (lambda t: t.replace("  valid: 0.8", "  valid: {score: 0.8, labelled_by: 护照}"), "outcomes.valid.labelled_by", "expected"),
    (lambda t: t.replace("  valid: 0.8", "  valid: {score: 0.8, labelled_by: [护照号]}"), "outcomes.valid.labelled_by",
     "not one of context.words"),
])
def test_a_custom_entity_that_would_never_be_reported_is_refused(tmp_path: Path, mutation, key: str, message: str) -> None:
    """What a compliance engineer gets wrong first — a misspelt outcome label, a context-only
    pattern with no words, python-stdnum's is_valid as the validator — is an error naming the
    file and key, never an entity that loads and silently finds nothing."""
    path = write(tmp_path, mutation(PASSPORT))
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert f"{path}:" in str(info.value) and f": {key}:" in str(info.value) and message in str(info.value)


@pytest.mark.parametrize("validator", ["raises", "misspelt"])
def test_a_custom_validator_that_fails_on_a_value_stops_without_showing_it(tmp_path: Path, validator: str) -> None:
    """A validator from outside that raises (its message quoting the value) or answers with a
    label its file does not score stops the run with an error naming it, not the value."""
    from pii_guard.validators import ValidatorError

    detector = Detector.from_directory(_with_shipped(tmp_path, PASSPORT.replace(":passport", f":{validator}")))
    with pytest.raises(ValidatorError) as info:
        detector.analyze("护照E12345678")
    assert "bad_validators" in str(info.value) and "12345678" not in str(info.value)
    assert info.value.__cause__ is None and (validator != "raises" or info.value.__suppress_context__)  # no traceback of it


def test_a_custom_entity_is_read_in_full_width_and_under_its_field_name(tmp_path: Path) -> None:
    """A text recognizer reads full-width and zero-width-split numbers (护照Ｅ１２３４…); a field
    or column named by its words (passport, 护照号码) is its context, as a built-in's is; and its
    declared canonical form makes one token of one number typed three ways."""
    from pii_guard import keys
    from pii_guard.guard import Guard
    from pii_guard.operators import tokens

    directory = _with_shipped(tmp_path / "r", PASSPORT) if (tmp_path / "r").mkdir() is None else None
    detector = Detector.from_directory(directory)
    for text in ("护照Ｅ１２３４５６７８", "护照E1234\u200b5678"):
        assert [(f.entity_type, text[f.start : f.end]) for f in detector.analyze(text)] == [("CN_PASSPORT", text[2:])]
    assert detector.labelled_entity("护照号码") == "CN_PASSPORT" and detector.labelled_entity("passport") == "CN_PASSPORT"
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_PASSPORT: {action: tokenize}\n  CN_PHONE_NUMBER: {action: encrypt}\n",
                      encoding="utf-8")
    keyfile = tmp_path / "k.json"
    keys.FileKeyProvider(keyfile).create(keys.new_keyring_data())
    guard = Guard(str(policy), keys.load_keyring(keyfile), detector=detector)
    doc = guard.protect_document({"passport": "G87654321", "护照号码": "E 1234 5678", "note": "护照e12345678"})
    assert tokens.looks_like_token(doc["passport"])
    assert doc["护照号码"] == doc["note"][2:] and tokens.looks_like_token(doc["护照号码"])


def test_every_command_takes_a_recognizer_directory(tmp_path: Path) -> None:
    """--recognizers on every command (or $PII_GUARD_RECOGNIZERS) loads a custom entity for
    policies, scrub and scan alike; a broken directory is a usage error, reported masked."""
    import json
    import subprocess
    import sys

    from tests.servers import ROOT

    directory = _with_shipped(tmp_path / "r", PASSPORT) if (tmp_path / "r").mkdir() is None else None
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_PASSPORT: {action: redact}\n", encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "护照E12345678"}, ensure_ascii=False) + "\n", encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pii_guard.cli", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)

    out = cli("scrub", str(src), "-o", str(tmp_path / "out.jsonl"), "--policy", str(policy), "--recognizers", str(directory))
    assert out.returncode == 0, out.stderr
    assert "12345678" not in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    out = cli("scan", str(src), "--json", str(tmp_path / "r.json"), "--recognizers", str(directory))
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["summary"]["by_entity"]["CN_PASSPORT"]["plaintext"] == 1
    broken = tmp_path / "broken"
    _with_shipped(broken, PASSPORT.replace("  valid: 0.8", "  vaild: 0.8")) if broken.mkdir() is None else None
    out = cli("scan", str(src), "--recognizers", str(broken))
    assert out.returncode == 2 and "outcomes.vaild" in out.stderr and "Traceback" not in out.stderr


def test_a_validator_that_returns_the_value_is_not_quoted(tmp_path: Path) -> None:
    """A validator shaped like python-stdnum's validate() returns the value itself: the error says
    so without quoting it."""
    from pii_guard.validators import ValidatorError

    (tmp_path / "r").mkdir()
    fixture = tmp_path / "echo_validator.py"
    fixture.write_text("def check(candidate, params=None):\n    return candidate if candidate[:1] in 'EG' else None\n",
                       encoding="utf-8")
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        detector = Detector.from_directory(_with_shipped(tmp_path / "r", PASSPORT.replace("tests.fixtures.bad_validators:passport",
                                                                                          "echo_validator:check")))
        with pytest.raises(ValidatorError) as info:
            detector.analyze("护照E73519046")
        assert "73519046" not in str(info.value)
    finally:
        sys.path.remove(str(tmp_path))


def test_an_outcome_labelled_by_its_words_is_read_only_right_after_one(tmp_path: Path) -> None:
    """``labelled_by`` on an outcome: a number its validator proves too little is read only where
    one of those words labels it right before (a form's field, a call's question), not where the
    word stands anywhere in the window."""
    labelled = PASSPORT.replace("  valid: 0.8", "  valid: {score: 0.8, labelled_by: [护照, passport]}")
    detector = Detector.from_directory(_with_shipped(tmp_path, labelled))
    assert [f.entity_type for f in detector.analyze("护照号码：E12345678")] == ["CN_PASSPORT"]
    assert [f.entity_type for f in detector.analyze("客服：请报一下护照号码。\n客户：嗯，E12345678")] == ["CN_PASSPORT"]
    assert detector.analyze("护照号码已核实，工单E12345678") == []
    assert detector.analyze("办理护照时用的E12345678") == []  # the word of the entity, but no label of this value


def test_an_outcomes_labels_are_named_once_in_the_shared_lists() -> None:
    """cn_resident_id.yaml names its labels as "@id_labels" in its context words and in
    check_missing's labelled_by: one list, so a label added to one is in the other."""
    from pii_guard.detect.context import spelled
    from pii_guard.detect.recognizers import key_spellings, load_shared_words

    shared = load_shared_words(default_directory())
    spec = next(s for s in load_directory(default_directory()) if s.entity == "CN_RESIDENT_ID")
    labels = frozenset(spelled(s) for w in shared["id_labels"] for s in key_spellings(w))
    assert spec.outcomes["check_missing"].labelled_by == labels
    assert labels <= {spelled(w) for w in spec.context.words} and "证" in spec.context.words and "证" not in labels


def test_an_account_word_is_listed_once_and_matches_its_older_form() -> None:
    """A word with the account character is listed with 账 (賬) alone and the loader adds its
    older form 帐 (帳): each list holds both, and no shipped file lists the older one beside its
    twin (one place for each word)."""
    from pii_guard.detect.recognizers import variant_spellings

    assert variant_spellings("对公账户") == ("对公账户", "对公帐户")
    assert variant_spellings("對公賬號") == ("對公賬號", "對公帳號")
    assert variant_spellings("账号账户") == ("账号账户", "账号帐户", "帐号账户", "帐号帐户")
    assert variant_spellings("手机号") == ("手机号",)
    card = next(s for s in load_directory(default_directory()) if s.entity == "CN_BANK_CARD")
    assert {"对公帐户", "對公帳戶", "帐号", "帳號"} <= set(card.context.negative_words) | set(card.context.words)
    for path in default_directory().glob("*.yaml"):
        doc = path.read_text(encoding="utf-8")
        for word in set(re.findall(r"[\u4e00-\u9fff]*[帐帳][\u4e00-\u9fff]*", doc)):
            twin = word.replace("帐", "账").replace("帳", "賬")
            listed = re.search(rf"[\[,]\s*\"?{twin}\"?\s*[,\]]", doc) and re.search(rf"[\[,]\s*\"?{word}\"?\s*[,\]]", doc)
            assert not listed, f"{path.name} lists {word} beside {twin}"
