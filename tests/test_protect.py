"""Protect and reveal: round trips, determinism, tamper detection, rotation, 国密.

Assertions about secrets compare booleans computed beforehand, so a failing
test never prints a plaintext number or a key.
"""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks import synth
from pii_guard import keys
from pii_guard.guard import Guard, RevealError, Stats
from pii_guard.io import jsontext
from pii_guard.operators import OperatorContext, configure, tokens
from pii_guard.operators.tokens import TokenError

ENTITIES = ("CN_RESIDENT_ID", "CN_BANK_CARD", "CN_PHONE_NUMBER", "EMAIL_ADDRESS")


def ring(family: str = "aes") -> keys.Keyring:
    return keys.Keyring(keys.new_keyring_data(family))


KEYRING = ring()
SM_KEYRING = ring("sm")


def sample(rng: random.Random, entity: str) -> str:
    if entity == "CN_RESIDENT_ID":
        return synth.resident_id(rng)
    if entity == "CN_BANK_CARD":
        return synth.bank_card(rng, prefix="622202", length=19)
    if entity == "EMAIL_ADDRESS":
        return synth.email_address(rng)
    return synth.mobile_number(rng)


CONTEXT = {"CN_RESIDENT_ID": "身份证号", "CN_BANK_CARD": "银行卡号", "CN_PHONE_NUMBER": "手机", "EMAIL_ADDRESS": "邮箱 "}


@st.composite
def complaint(draw: st.DrawFn) -> tuple[str, list[str]]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    picks = draw(st.lists(st.sampled_from(ENTITIES), min_size=1, max_size=4))
    numbers = [sample(rng, e) for e in picks]
    parts = [draw(st.sampled_from(["投诉：", "我于昨日致电，", "", "代理退保中介"]))]
    for e, n in zip(picks, numbers):
        parts.append(f"{CONTEXT[e]}{n}，")
    parts.append(draw(st.sampled_from(["请尽快处理。", "客服95588无人接听。", ""])))
    return "".join(parts), numbers


@pytest.mark.parametrize("keyring", [KEYRING, SM_KEYRING], ids=["aes", "sm"])
@settings(max_examples=60, deadline=None)
@given(case=complaint())
def test_encrypt_round_trip_and_no_plaintext(keyring: keys.Keyring, case: tuple[str, list[str]]) -> None:
    text, numbers = case
    guard = Guard("complaints", keyring)
    protected = guard.protect_text(text)
    leaked = any(n in protected for n in numbers)
    assert not leaked, "a plaintext number survived protection"
    restored = guard.reveal_text(protected)
    same = restored == text
    assert same, "reveal did not give the text back"
    algorithm = "sm4gcm" if keyring.family == "sm" else "a256gcm"
    assert all(tokens.parse(m.group()).algorithm == algorithm for m in tokens.find(protected))


@pytest.mark.parametrize("keyring", [KEYRING, SM_KEYRING], ids=["aes", "sm"])
def test_an_encryption_token_never_holds_two_hyphens(keyring: keys.Keyring) -> None:
    """A token may stand inside an XML or HTML comment (<!-- 身份证… -->), where "--" breaks the
    document; base64url writes it about once in a hundred payloads, so the operator draws another
    nonce. 3,000 tokens of one value: without that, about 30 would hold it."""
    guard = Guard("complaints", keyring)
    mobile = synth.mobile_number(random.Random(5))
    made = [guard.protect_text(f"手机{mobile}") for _ in range(3000)]
    assert len(set(made)) == 3000 and not any("--" in t for t in made)
    xml = guard.protect_text(f"<r><!-- 手机{mobile} --></r>")
    same = guard.reveal_text(xml) == f"<r><!-- 手机{mobile} --></r>" and mobile not in xml
    assert same and len(list(tokens.find(xml))) == 1


@settings(max_examples=40, deadline=None)
@given(case=complaint())
def test_every_shipped_policy(case: tuple[str, list[str]]) -> None:
    text, numbers = case
    masked = Guard("display", KEYRING).protect_text(text)
    leaked = any(n in masked for n in numbers)
    assert not leaked
    assert "*" in masked
    audit_stats = Stats()
    unchanged = Guard("audit", KEYRING).protect_text(text, stats=audit_stats) == text
    assert unchanged and sum(audit_stats.protected.values()) == len(numbers)


@pytest.mark.parametrize(
    "entity,value,outcome,expected",
    [
        ("CN_PHONE_NUMBER", "18012341999", "mobile", "180****1999"),  # hutool mobilePhone
        ("CN_PHONE_NUMBER", "+86 180-1234-1999", "mobile", "+86 180-****-1999"),
        ("CN_PHONE_NUMBER", "09151234579", "landline_plain", "0915*****79"),  # hutool fixedPhone
        ("CN_RESIDENT_ID", "51010419430819266X", "valid", "5***************6X"),  # hutool ID_CARD (1, 2)
        ("CN_BANK_CARD", "6222021234567890123", "valid_known_bin", "622202*********0123"),  # PCI DSS 6 + 4
        ("CN_BANK_CARD", "6222 0212 3456 7890 123", "valid_known_bin", "6222 02** **** ***0 123"),
        ("CN_PHONE_NUMBER", "１８０１２３４１９９９", "mobile", "１８０＊＊＊＊１９９９"),
    ],
)
def test_display_masks(entity: str, value: str, outcome: str, expected: str) -> None:
    guard = Guard("display", KEYRING)
    operator = guard.compiled.operator(entity)
    assert operator.operate(value, OperatorContext(entity, outcome=outcome)) == expected


def test_a_field_protected_whole_is_masked_by_its_outcomes_rule(tmp_path) -> None:
    """A mask with a rule per outcome gets the outcome of a value protected whole (found by the
    validator only for such operators: encrypt and the rest do not read it)."""
    policy = tmp_path / "tel.yaml"
    policy.write_text("name: tel\nentities:\n  CN_PHONE_NUMBER:\n    action: mask\n"
                      "    params: {keep_first: 3, keep_last: 4, variants: {landline: {keep_first: 4, keep_last: 2}}}\n"
                      "fields:\n  - {path: $.tel, mode: protect, entity: CN_PHONE_NUMBER}\n", encoding="utf-8")
    guard = Guard(policy, KEYRING)
    assert guard.protect_document({"tel": "010-62345678"}) == {"tel": "010-6*****78"}
    assert guard.protect_document({"tel": "13812345678"}) == {"tel": "138****5678"}
    assert configure("mask", {"keep_first": 1}, None).uses_outcome is False
    assert configure("encrypt", {}, KEYRING).uses_outcome is False


def test_tokenize_is_deterministic_keyed_and_separated() -> None:
    a, b = configure("tokenize", {}, KEYRING), configure("tokenize", {}, ring())
    ctx = OperatorContext("CN_PHONE_NUMBER")
    one = a.operate("13812345678", ctx)
    assert one == a.operate("13812345678", ctx)
    assert one == a.operate("+86 138-1234-5678", ctx)  # same person, other spelling
    assert one != b.operate("13812345678", ctx)  # other key
    assert one != a.operate("13812345679", ctx)
    assert a.operate("13812345678", OperatorContext("CN_BANK_CARD")) != one  # entity is associated data
    assert tokens.parse(one).kind == "t" and tokens.parse(a.operate("1", ctx)).kind == "t"
    encrypted = configure("encrypt", {}, KEYRING).operate("13812345678", ctx)
    assert tokens.parse(encrypted).kind == "e" and encrypted != configure("encrypt", {}, KEYRING).operate("13812345678", ctx)
    revealed = Guard("audit", KEYRING).reveal_text(one)
    ok = revealed == "13812345678"
    assert ok


def test_hash_is_keyed_and_one_way() -> None:
    h1 = configure("hash", {}, KEYRING).operate("110101199003074573", OperatorContext("CN_RESIDENT_ID"))
    h2 = configure("hash", {}, ring()).operate("110101199003074573", OperatorContext("CN_RESIDENT_ID"))
    assert h1 != h2 and tokens.parse(h1).kind == "h"
    sm = configure("hash", {}, SM_KEYRING).operate("110101199003074573", OperatorContext("CN_RESIDENT_ID"))
    assert tokens.parse(sm).algorithm == "hsm3"
    stats = Stats()
    assert Guard("audit", KEYRING).reveal_text(f"哈希{h1}。", stats=stats) == f"哈希{h1}。" and stats.one_way == 1


def _encrypted(value: str = "13812345678", path: str | None = None, keyring: keys.Keyring = KEYRING) -> str:
    return configure("encrypt", {}, keyring).operate(value, OperatorContext("CN_PHONE_NUMBER", path))


def _flip(token: str, index: int) -> str:
    ch = token[index]
    return token[:index] + ("A" if ch != "A" else "B") + token[index + 1 :]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: _flip(t, len(t) - 5),  # payload bit flip
        lambda t: t[:-6],  # truncated
        lambda t: t.replace("CN_PHONE_NUMBER", "CN_BANK_CARD"),  # moved to another entity
        lambda t: t.replace(".k1.", ".k9."),  # unknown key id
        lambda t: t.replace("a256gcm", "sm4gcm"),  # algorithm swapped
        lambda t: t.replace("pg1.", "pg2.", 1),  # another format version: never left encrypted silently
    ],
    ids=["flip", "truncate", "entity", "key-id", "algorithm", "version"],
)
def test_tampered_tokens_fail_with_position(mutate) -> None:
    guard = Guard("audit", KEYRING)
    bad = mutate(_encrypted())
    with pytest.raises(RevealError) as info:
        guard.reveal_text(f"电话：{bad}")
    assert info.value.offset == 3
    assert "13812345678" not in str(info.value)


def test_wrong_keyring_and_moved_field() -> None:
    token = _encrypted(path="$.complainant.phone")
    with pytest.raises(RevealError):
        Guard("audit", ring()).reveal_text(token, "$.complainant.phone")
    guard = Guard("audit", KEYRING)
    with pytest.raises(RevealError):
        guard.reveal_text(token, "$.other.phone")  # path is associated data
    with pytest.raises(RevealError):
        guard.reveal_text(token)  # bound token outside its document
    ok = guard.reveal_text(token, "$.complainant.phone") == "13812345678"
    assert ok


def test_rotation_keeps_old_tokens() -> None:
    data = keys.new_keyring_data()
    old = keys.Keyring(data)
    token = _encrypted(keyring=old)
    new = keys.Keyring(keys.rotated(data))
    assert new.primary_id == "k2" and tokens.parse(_encrypted(keyring=new)).key_id == "k2"
    ok = Guard("audit", new).reveal_text(token) == "13812345678"
    assert ok
    moved = Guard("audit", new).rekey_text(token)
    ok = Guard("audit", new).reveal_text(moved) == "13812345678"
    assert tokens.parse(moved).key_id == "k2" and ok


def test_json_document_round_trip_byte_exact() -> None:
    rng = random.Random(4)
    pid, card, mobile = synth.resident_id(rng), synth.bank_card(rng, prefix="621700", length=19), synth.mobile_number(rng)
    doc = {
        "complaint_id": "C20231115000123",
        "complainant": {"name": "张某", "id_number": pid, "phone": int(mobile)},
        "text": f"卡号{card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}，手机＋８６ {mobile}",
        "attachments": [{"note": f"身份证{pid}"}, {"note": "无"}],
        "amount": 1234.5,
    }
    guard = Guard("complaints", KEYRING)
    for line in (json.dumps(doc), json.dumps(doc, ensure_ascii=False), json.dumps(doc, ensure_ascii=False, indent=2)):
        stats = Stats()
        out = jsontext.rewrite(line, lambda p, t, n: guard.value_edits(p, t, n, stats))
        leaked = any(x in out for x in (pid, card, mobile, card[:4] + " " + card[4:8]))
        assert not leaked
        parsed = json.loads(out)
        assert parsed["complaint_id"] == doc["complaint_id"] and parsed["amount"] == 1234.5
        assert isinstance(parsed["complainant"]["phone"], str)
        back = jsontext.reveal(out, lambda p, tok, off: guard.reveal_token(tok, p, off))
        exact = back == line
        assert exact
        assert json.loads(back)["complainant"]["phone"] == int(mobile)
    document = guard.protect_document(doc)
    ok = guard.reveal_document(document) == doc
    assert ok


def test_existing_tokens_are_not_protected_twice() -> None:
    guard = Guard("complaints", KEYRING)
    once = guard.protect_text("手机13812345678")
    stats = Stats()
    assert guard.protect_text(once, stats=stats) == once and stats.kept_tokens == 1


def test_field_rules(tmp_path) -> None:
    from pii_guard.policy import load

    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_PHONE_NUMBER: {action: encrypt}\n  CN_RESIDENT_ID: {action: encrypt}\n"
                      "fields:\n  - {path: $.complaint_id, mode: keep}\n"
                      "  - {path: $.complainant.id_number, mode: protect, entity: CN_RESIDENT_ID}\n")
    guard = Guard(load(policy), KEYRING)
    doc = {"complaint_id": "13812345678", "complainant": {"id_number": "not-a-valid-id 123"}}
    out = guard.protect_document(doc)
    kept = out["complaint_id"] == "13812345678"
    assert kept  # keep
    assert tokens.looks_like_token(out["complainant"]["id_number"])  # protect whole, even malformed
    nested = guard.protect_document({"complainant": {"id_number": ["bad-id-1", "bad-id-2"]}})
    assert all(tokens.looks_like_token(v) for v in nested["complainant"]["id_number"])  # under the path too
    ok = guard.reveal_document(out) == doc
    assert ok


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(doc=json_values, ensure_ascii=st.booleans(), indent=st.sampled_from([None, 1]),
       separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]))
@example(doc=[float("nan"), "13812345678", {"a": float("-inf"), "b": 1}], ensure_ascii=True, indent=None, separators=None)
def test_property_json_scan_finds_every_scalar_with_its_path(doc, ensure_ascii: bool, indent, separators) -> None:
    """The in-place JSON scanner agrees with json.loads + the structured walk on every document,
    object keys included (with the path of the object that holds them), and NaN or an infinity
    in an array counts as an element (the next element's index is its own)."""
    from pii_guard.walk import child

    text = json.dumps(doc, ensure_ascii=ensure_ascii, indent=indent, separators=separators)
    expected: list[tuple[str, str, object]] = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                expected.append(("key", path, k))
                walk(v, child(path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")
        elif isinstance(node, float) and not math.isfinite(node):
            pass  # NaN, Infinity, -Infinity: json.loads takes them; values, not literals to edit
        elif isinstance(node, str) or (isinstance(node, (int, float)) and not isinstance(node, bool)):
            expected.append(("string" if isinstance(node, str) else "number", path, node))

    walk(doc, "$")
    got = [(lit.kind, lit.path, json.loads(text[lit.start : lit.end])) for lit in jsontext.scan(text)]
    assert got == expected


def test_array_order_and_number_type_do_not_break_reveal_or_joins() -> None:
    guard = Guard("complaints", KEYRING)
    doc = {"phones": ["13812345678", "13912345678"]}
    out = guard.protect_document(doc)
    swapped = {"phones": list(reversed(out["phones"]))}
    ok = guard.reveal_document(swapped) == {"phones": ["13912345678", "13812345678"]}
    assert ok
    tok = configure("tokenize", {}, KEYRING)
    as_number = tok.operate("13812345678", OperatorContext("CN_PHONE_NUMBER", number=True))
    as_text = tok.operate("13812345678", OperatorContext("CN_PHONE_NUMBER"))
    assert as_number == as_text


def test_numbers_written_as_floats_are_protected() -> None:
    guard = Guard("complaints", KEYRING)
    for literal in ("13812345678.0", "1.3812345678e10", "6.222021234567890128e18"):
        line = '{"phone": ' + literal + ', "amount": 12.5}'
        out = jsontext.rewrite(line, lambda p, t, n: guard.value_edits(p, t, n))
        leaked = "13812345678" in out or "6222021234567890128" in out or "3812345678" in out
        assert not leaked and '"amount": 12.5' in out


@pytest.mark.parametrize("literal", ["1.38123456780000000000000001e10", "13812345678.0000000000000001", "1381234567.80000000000000001e1"])
def test_a_json_number_a_parser_rounds_to_an_integer_is_read_as_that_integer(literal: str) -> None:
    """json.loads reads 1.38123456780000000000000001e10 as 13812345678.0 (the nearest double):
    the app gets a phone that the exact decimal, not integral, hid from the guard. Read as the
    integer a parser gets; 12.5 and a large non-integral 13812345678.5 stay as they are read."""
    assert json.loads(literal) == 13812345678.0
    guard = Guard("complaints", KEYRING)
    out = jsontext.rewrite('{"x": ' + literal + ', "y": 12.5}', lambda p, t, n: guard.value_edits(p, t, n))
    doc = json.loads(out)
    assert "3812345678" not in out and isinstance(doc["x"], str) and doc["y"] == 12.5
    # the integer a parser reads (or, where the text shows the phone before its fraction, as written)
    assert guard.reveal_text(doc["x"], "$.x") in ("13812345678", literal)


def test_an_integral_float_comes_back_as_it_was_written() -> None:
    """pandas and Python write a mobile in a float column as 13812345678.0: its zero fraction
    stays after the token, so reveal gives the file back byte-exact (it came back 13812345678)."""
    guard = Guard("complaints", KEYRING)
    line = '{"phone": 13812345678.0, "tel": -13912345678.000, "amount": 12.0}'
    out = jsontext.rewrite(line, lambda p, t, n: guard.value_edits(p, t, n))
    leaked = "3812345678" in out or "3912345678" in out
    assert not leaked and '"amount": 12.0' in out
    back = jsontext.reveal(out, lambda p, t, o: guard.reveal_text(t, p))
    same = back == line
    assert same


def test_a_negative_number_comes_back_a_number() -> None:
    guard = Guard("complaints", KEYRING)
    line = '{"phone": -13812345678, "n": -5}'
    out = jsontext.rewrite(line, lambda p, t, n: guard.value_edits(p, t, n))
    assert "3812345678" not in out and '"n": -5' in out
    back = jsontext.reveal(out, lambda p, t, o: guard.reveal_text(t, p))
    assert back == line


def test_a_number_holding_two_values_or_a_fraction_comes_back_a_number() -> None:
    """A JSON number the detector cuts into parts (two cards typed into one 38-digit number, a
    phone with a fraction) becomes a string of tokens; reveal gives back the number, byte-exact,
    in a text and in a parsed document."""
    rng = random.Random(7)
    card_a, card_b = (synth.bank_card(rng, prefix="622202", length=19) for _ in range(2))
    guard = Guard("complaints", KEYRING)
    line = '{"acct": ' + card_a + card_b + ', "phone": 13812345678.5, "neg": -' + card_a + '}'
    out = jsontext.rewrite(line, lambda p, t, n: guard.value_edits(p, t, n))
    leaked = card_a in out or card_b in out or "3812345678" in out
    assert not leaked and out.count("pg1.") >= 4
    back = jsontext.reveal(out, lambda p, t, o: guard.reveal_text(t, p))
    assert back == line
    doc = {"acct": int(card_a + card_b), "neg": -int(card_a)}
    protected = guard.protect_document(doc)
    assert all(isinstance(v, str) for v in protected.values())
    assert guard.reveal_document(protected) == doc
    # a string that merely holds such tokens next to text stays a string
    text_doc = {"note": "卡号" + card_a + card_b}
    assert guard.reveal_document(guard.protect_document(text_doc)) == text_doc


def test_keep_on_a_parent_does_not_shadow_protect_on_a_child(tmp_path) -> None:
    from pii_guard.policy import load

    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_RESIDENT_ID: {action: mask, params: {keep_first: 1}}\n"
                      "fields:\n  - {path: $.case, mode: keep}\n  - {path: $.case.id_number, mode: protect, entity: CN_RESIDENT_ID}\n")
    guard = Guard(load(policy), None)
    out = guard.protect_document({"case": {"id_number": "bad-id-123", "note": "x"}})
    assert out["case"]["id_number"] != "bad-id-123" and out["case"]["note"] == "x"


def test_fake_token_with_plaintext_is_not_trusted() -> None:
    guard = Guard("complaints", KEYRING)
    fake = "pg1.e.a256gcm.k1.CN_PHONE_NUMBER.p.13812345678~"
    out = guard.protect_document({"complainant": {"phone": fake}})
    leaked = "13812345678" in json.dumps(out)
    assert not leaked
    typed = guard.protect_text("投诉人写了 pg1.e. 这几个字")
    assert guard.reveal_text(typed) == typed  # text that merely starts like a token is not an error


def test_negative_and_infinite_numbers() -> None:
    guard = Guard("complaints", KEYRING)
    out = jsontext.rewrite('{"a": -13812345678, "b": 1e999}', lambda p, t, n: guard.value_edits(p, t, n))
    leaked = "13812345678" in out
    assert not leaked and '"b": 1e999' in out


def test_a_forged_token_carrying_a_number_is_not_stepped_around() -> None:
    guard = Guard("complaints", KEYRING)
    mobile = "13812345678"
    for joint in ("-", "--", "_", "---"):
        forged = f"pg1.e.a256gcm.k1.CN_PHONE_NUMBER.-.AAAA{joint}{mobile[:3]}{joint}{mobile[3:7]}{joint}{mobile[7:]}" + "A" * 30 + "~"
        out = guard.protect_text(f"备注 {forged}")
        leaked = f"1234{joint}5678" in out
        assert not leaked


def test_a_forged_token_hiding_a_number_between_letters_is_protected() -> None:
    """A token-shaped string whose payload glues a number between letters
    (…AAAA13812345678BBBB…, a key id and an entity of this keyring) is no token: the number is
    protected, in text, in a field and in a scrubbed cell; a real token's payload, random
    base64url, is still stepped around (6,000 genuine tokens below)."""
    guard = Guard("complaints", KEYRING)
    rng = random.Random(7)
    mobile, card = synth.mobile_number(rng), synth.bank_card(rng, prefix="622202", length=19)
    for number in (mobile, card):
        for padding in (("A" * 20, "B" * 24), ("Zz9", "q" * 40), ("", "A" * 44)):
            body = padding[0] + number + padding[1]
            body = body[: len(body) - len(body) % 4]  # base64url's one spelling: whole quanta
            forged = f"pg1.e.a256gcm.k1.CN_PHONE_NUMBER.p.{body}~"
            for protected in (guard.protect_text(f"备注 {forged} 谢谢"),
                              json.dumps(guard.protect_document({"note": forged, "complainant": {"phone": forged}}))):
                hidden = number not in protected
                assert hidden
    for glued in ("9", "Zz9", "77_"):  # a digit glued on: a run longer than any number
        forged = f"pg1.e.a256gcm.k1.CN_PHONE_NUMBER.p.{glued}{mobile}" + "q" * (40 - (len(glued) + 11) % 4) + "~"
        hidden = mobile not in guard.protect_text(f"备注 {forged}")
        assert hidden
    # letters part digits as no mark in text does (a speech-to-text "。" between groups joins
    # them: 148。4。6917702 is a mobile, 148a4b6917702 in text none), so such a payload is random
    lettered = "pg1.e.a256gcm.k1.CN_PHONE_NUMBER.p." + "Qx" * 8 + "148a4b6917702" + "Qx" * 12 + "Qxw~"
    stepped = [guard._trusted(m) for m in tokens.find(lettered)] == [True]
    kept = guard.protect_text(f"备注 {lettered}") == f"备注 {lettered}"
    assert stepped and kept
    genuine = [m for _ in range(2000) for m in tokens.find(guard.protect_text(
        f"手机{synth.mobile_number(rng)}，卡号{synth.bank_card(rng)}，身份证{synth.resident_id(rng)}"))]
    assert len(genuine) == 6000 and all(guard._trusted(m) for m in genuine)


def test_a_mask_never_shows_most_of_a_short_value() -> None:
    from pii_guard.operators.mask import mask

    assert mask("13812345678", 3, 4) == "138****5678"  # the usual masks are unchanged
    assert mask("6222021234567890", 6, 4) == "622202******7890"
    short = mask("62345678", 6, 4)  # an 8-digit number under a card's rule
    assert short.count("*") >= 3 and short != "62345678"


def test_nesting_past_the_deepest_limit_fails_closed_whatever_the_setting() -> None:
    # Compiled, the walk recurses on the C stack, which no RecursionError guards: a setting far
    # past Python's limit still stops at walk.DEEPEST with DepthError, never a crash.
    from pii_guard.walk import DEEPEST, DepthError, transform

    doc: object = "13812345678"
    for _ in range(100_000):
        doc = [doc]
    with pytest.raises(DepthError, match=f"deeper than {DEEPEST} levels"):
        Guard("complaints", KEYRING, max_depth=10**9).protect_document(doc)
    shallow: object = "x"
    for _ in range(DEEPEST):
        shallow = [shallow]
    assert transform(shallow, lambda p, v: v.upper(), "$", 10**9) is not None


def test_operator_contexts_are_shared_frozen_and_bounded() -> None:
    """One context object per distinct (entity, path, outcome, number): equal to a new one,
    immutable (so sharing it is safe), and the cache starts over past its bound."""
    import dataclasses

    from pii_guard.operators import base

    ctx = base.operator_context("CN_PHONE_NUMBER", "$.phone", "mobile", False)
    assert ctx == base.OperatorContext("CN_PHONE_NUMBER", "$.phone", "mobile", False)
    assert base.operator_context("CN_PHONE_NUMBER", "$.phone", "mobile", False) is ctx
    assert base.operator_context("CN_PHONE_NUMBER", "$.phone", "mobile", True) is not ctx
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.path = "$.other"  # type: ignore[misc]
    for i in range(5000):
        base.operator_context("CN_BANK_CARD", "$.card_" + "".join(chr(97 + int(d)) for d in str(i)))
    assert len(base._CONTEXTS) <= 4096


def test_operator_contexts_keep_no_path_that_could_hold_personal_data() -> None:
    """A key can be personal data itself (a phone as a JSON key under uninspectable: protect):
    its context is made for the call and not kept."""
    from pii_guard.operators import base

    phone = synth.mobile_number(random.Random(8))
    for path in (f"$.note.{phone}", "$.note.zhang@qq.com", "$.备注", "$." + "x" * 100):
        ctx = base.operator_context("CN_PHONE_NUMBER", path)
        same = ctx.path == path  # compared, not shown: a failing assert would print the phone
        assert same
        assert not any(key[1] == path for key in base._CONTEXTS)


def test_a_token_glued_after_digits_reveals() -> None:
    """Digits the detector leaves right before a number it reads (an extension's last digits run
    on into a mobile) end up glued to that number's token: reveal still finds it."""
    guard = Guard("complaints", KEYRING)
    phone = synth.mobile_number(random.Random(9))
    text = f"订单号123456789012345678分機123456{phone}，请回电"
    protected = guard.protect_text(text)
    hidden = phone not in protected and "123456pg1." in protected  # not shown: it would print the phone
    assert hidden
    exact = guard.reveal_text(protected) == text
    assert exact


def test_a_mask_keeps_markup_and_masks_look_alike_digits() -> None:
    """A number split by inline tags keeps its tags whole (173</span>****1706, not 173</****>…);
    one written in look-alike digits is masked like any other."""
    guard = Guard("display", KEYRING)
    mobile = synth.mobile_number(random.Random(8))
    masked = guard.protect_text(f"<span class=x>{mobile[:3]}</span>{mobile[3:]}")
    assert masked == f"<span class=x>{mobile[:3]}</span>****{mobile[-4:]}"
    circled = mobile.translate(str.maketrans("0123456789", "⓪①②③④⑤⑥⑦⑧⑨"))
    shown = guard.protect_text(f"加我{circled}")
    assert shown.count("*") == 4 and circled not in shown


def test_a_mask_hides_a_number_spoken_in_chinese_numerals() -> None:
    """A phone or ID that speech-to-text wrote in numerals (一三八…, 五六七叉) is masked like its
    digits: the display policy once masked only digits and letters, leaving the numerals readable."""
    guard = Guard("display", KEYRING)
    rng = random.Random(31)
    mobile = synth.mobile_number(rng)
    numerals = dict(zip("0123456789", "零一二三四五六七八九"))
    spoken = "".join(numerals[d] for d in mobile)
    shown = guard.protect_text(f"客户：我的手机是{spoken}。")
    assert spoken not in shown
    assert shown == f"客户：我的手机是{spoken[:3]}****{spoken[-4:]}。"
    rid = synth.resident_id(rng)
    while not rid.endswith("X"):
        rid = synth.resident_id(rng)
    spoken_id = "".join(numerals[d] for d in rid[:-1]) + "叉"
    shown = guard.protect_text(f"客户：身份证号码是{spoken_id}。")
    hidden = [ch for ch in shown if ch == "*"]
    assert len(hidden) == 15, "an ID's display rule keeps its first and last characters"
    # the X spoken as its name: no digit but the first shown (the name's characters are the last two)
    shown = guard.protect_text(f"客户：身份证号码是{spoken_id[:-1]}艾克斯。")
    assert shown == f"客户：身份证号码是{spoken_id[0]}{'*' * 17}克斯。"


def test_a_token_has_one_spelling() -> None:
    """The last base64 character's unused bits set is another spelling of the same bytes: refused,
    so that a token compares as the value it stands for (joins, blocklists) and tampering fails."""
    guard = Guard("complaints", KEYRING)
    token = guard.protect_text(synth.resident_id(random.Random(4)))
    assert tokens.looks_like_token(token)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = token[-2]
    others = [token[:-2] + c + "~" for c in alphabet if c != last]
    spellings = [t for t in others if _reveals(guard, t)]
    assert spellings == []


def _reveals(guard: Guard, token: str) -> bool:
    try:
        guard.reveal_text(token)
    except (RevealError, TokenError):
        return False
    return True


@pytest.mark.parametrize("head", ["pg1.h.hs256.{mobile}.CN_PHONE_NUMBER.-.", "pg1.e.a256gcm.k1.ID{mobile}.p.",
                                  "pg1.e.a256gcm.{mobile}.CN_PHONE_NUMBER.p."])
def test_a_number_in_a_token_header_is_no_token(head: str) -> None:
    """A token-shaped string is stepped around only with a key id of this keyring and an entity
    the detector knows: a made-up header can carry a number past the guard otherwise."""
    guard = Guard("complaints", KEYRING)
    mobile = synth.mobile_number(random.Random(5))
    fake = head.format(mobile=mobile) + "B" * 43 + "~"
    for protected in (guard.protect_text(f"回电 {fake}"), json.dumps(guard.protect_document({"complainant": {"phone": fake}})),
                      guard.protect_text(fake), json.dumps(guard.protect_document({"note": fake})),
                      guard.protect_value(fake, "$.phone"), guard.protect_value(fake, "$.note")):
        hidden = mobile not in protected  # not shown: a failing assert would print the number
        assert hidden


def test_another_keyrings_token_with_digits_in_its_key_id_is_left_intact() -> None:
    """A key id may hold a long run of digits (kms-20240601120000): another keyring's genuine token
    so named is no forgery to edit; a guard without that key steps around it (nothing in it reads
    as a number), and its owner still reveals it byte-exact."""
    owner = Guard("complaints", keys.Keyring(keys.new_keyring_data(key_id="kms-20240601120000")))
    rng = random.Random(41)
    text = f"手机{synth.mobile_number(rng)}，卡号{synth.bank_card(rng)}"
    protected = owner.protect_text(text)
    stepped_around = Guard("complaints", KEYRING).protect_text(protected) == protected
    revealed = owner.reveal_text(protected) == text  # compared, not shown: a failing assert would print the numbers
    assert stepped_around and revealed


def test_two_rules_for_one_field_protect_by_the_strictest_and_one_path_given_twice_is_an_error(tmp_path) -> None:
    """A "keep" on $.phone and a "protect" on the bare name phone both name $.phone: the strictest
    applies (the first of the two used to, and kept the phone in plaintext), and the same path
    given twice with different modes is refused at load, as a duplicate entity key is."""
    from pii_guard.config import ConfigError
    from pii_guard.policy import load

    phone = synth.mobile_number(random.Random(41))
    policy = tmp_path / "p.yaml"
    policy.write_text("name: p\nentities:\n  CN_PHONE_NUMBER: {action: encrypt}\n"
                      "fields:\n  - {path: $.phone, mode: keep}\n  - {path: phone, mode: protect, entity: CN_PHONE_NUMBER}\n")
    out = Guard(load(policy), KEYRING).protect_document({"phone": phone, "other": {"phone": "x-1"}})
    assert tokens.looks_like_token(out["phone"]) and tokens.looks_like_token(out["other"]["phone"])
    policy.write_text("name: p\nentities:\n  CN_PHONE_NUMBER: {action: encrypt}\n"
                      "fields:\n  - {path: Phone, mode: keep}\n  - {path: phone, mode: protect, entity: CN_PHONE_NUMBER}\n")
    with pytest.raises(ConfigError, match="conflicts with an earlier rule"):
        load(policy)


def test_protect_document_reads_every_python_value_or_refuses_it() -> None:
    """A Python caller's document is not always what json.loads gives: bytes, tuples, sets,
    Decimals (json.loads(parse_float=Decimal), which finance code uses) and number keys are read
    too, each keeping its type where it holds nothing; a fraction in a field protected whole takes
    a token and reveals as the number; a key that is a phone is refused as the CLI refuses it; and
    a value of a type the guard cannot read raises, naming the type and never the value."""
    import datetime
    from decimal import Decimal

    from pii_guard.guard import PIIInNameError

    rng = random.Random(43)
    phone = synth.mobile_number(rng)
    guard = Guard("complaints", KEYRING)
    doc = {"complainant": {"phone": Decimal(phone + ".5")},
           "note": phone.encode(), "buf": bytearray(f"手机{phone}".encode()),
           "pair": (f"手机{phone}", 3), "tags": {f"手机{phone}"}, "n": Decimal(phone),
           "when": datetime.date(2024, 5, 1), "plain": (b"none", Decimal("12.50"), 1.25)}
    out = guard.protect_document(doc)
    assert phone not in repr(out)
    assert isinstance(out["note"], bytes) and isinstance(out["buf"], bytearray)
    assert isinstance(out["pair"], tuple) and out["pair"][1] == 3 and isinstance(out["tags"], set)
    assert out["plain"] == (b"none", Decimal("12.50"), 1.25) and out["when"] == doc["when"]
    back = guard.reveal_document(out)
    assert back["complainant"]["phone"] == float(phone + ".5") and back["n"] == int(phone)
    # bytes keep their type on the way back: their tokens revealed (were left as tokens), masked
    assert back["note"] == doc["note"] and type(back["note"]) is bytes
    assert back["buf"] == doc["buf"] and type(back["buf"]) is bytearray
    shown = guard.mask_document(out, Guard("display"))
    assert isinstance(shown["buf"], bytearray) and not tokens.HEADER_PATTERN.search(shown["buf"].decode())
    assert phone not in repr(shown) and phone[-4:] in shown["buf"].decode()
    with pytest.raises(PIIInNameError):
        guard.protect_document({phone: "x"})
    with pytest.raises(PIIInNameError):
        guard.protect_document({int(phone): "x"})

    with pytest.raises(PIIInNameError):
        guard.protect_document({phone.encode(): "x"})
    with pytest.raises(TypeError, match="key of type tuple"):
        guard.protect_document({(phone,): "x"})
    twins = {f"手机{phone}": 1, f"手机{phone[:3]}{'0000' if phone[3:7] != '0000' else '1111'}{phone[7:]}": 2}
    with pytest.raises(ValueError, match="become one"):  # masked alike (138****5678): a value would be lost
        Guard("display").protect_document(twins)

    class Opaque:
        def __str__(self) -> str:
            return phone

    with pytest.raises(TypeError) as caught:
        guard.protect_document({"x": Opaque()})
    assert "Opaque" in str(caught.value) and phone not in str(caught.value)


def test_a_guard_takes_a_key_files_path_for_its_keyring(tmp_path) -> None:
    """Guard("complaints", "keys.json") loads the key file (it raised AttributeError on a str);
    a missing one is a KeyringError that names the path, and the same file is read once."""
    path = tmp_path / "k.json"
    keys.FileKeyProvider(path).create(keys.new_keyring_data())
    phone = synth.mobile_number(random.Random(47))
    token = Guard("complaints", str(path)).protect_text(f"手机{phone}")
    assert phone not in token and Guard("audit", path).reveal_text(token) == f"手机{phone}"
    assert keys.keyring_from(str(path)) is keys.keyring_from(str(path))
    with pytest.raises(keys.KeyringError, match="no such key file"):
        Guard("complaints", str(tmp_path / "missing.json"))
