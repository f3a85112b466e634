"""Validators against independent oracles (python-stdnum, phonenumbers)."""

from __future__ import annotations

import random
import re
import string

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn as stdnum_luhn
from stdnum import numdb
from stdnum.iso7064 import mod_11_2, mod_97_10

from benchmarks import synth
from pii_guard.validators import cn_bank_card, cn_phone, cn_resident_id, email_address, iban, luhn
from pii_guard.validators.exceptions import InvalidChecksum, InvalidComponent, ValidationError

digits = st.text(alphabet="0123456789", min_size=1, max_size=25)


@given(digits)
def test_luhn_agrees_with_stdnum(number: str) -> None:
    assert luhn.is_valid(number) == (stdnum_luhn.checksum(number) == 0)


@given(digits)
def test_luhn_check_digit_makes_valid(number: str) -> None:
    assert luhn.is_valid(number + luhn.calc_check_digit(number))


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_char_agrees_with_stdnum(body: str) -> None:
    expected = mod_11_2.calc_check_digit(body)
    assert cn_resident_id.calc_check_digit(body) == expected


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_id_single_digit_error_is_caught(seed: int, pos: int, delta: int) -> None:
    number = synth.resident_id(random.Random(seed))
    assert cn_resident_id.is_valid(number)
    wrong = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    assert not cn_resident_id.is_valid(wrong)  # MOD 11-2 catches every single substitution


def test_id_rules() -> None:
    assert cn_resident_id.validate("110101 19900307 4573") == "110101199003074573"
    assert cn_resident_id.validate("１１０１０１１９９００３０７４５７３") == "110101199003074573"
    body = "81000019900307123"  # Hong Kong resident's residence permit
    assert cn_resident_id.is_valid(body + cn_resident_id.calc_check_digit(body))
    bad_permit = "81010119900307123"
    assert not cn_resident_id.is_valid(bad_permit + cn_resident_id.calc_check_digit(bad_permit))
    for region, birth in [("990101", "19900307"), ("110101", "19900230"), ("110101", "20990101"), ("110101", "18990101")]:
        body = region + birth + "123"
        with pytest.raises(ValidationError):
            cn_resident_id.validate(body + cn_resident_id.calc_check_digit(body))
    leap = "110101" + "20000229" + "123"
    assert cn_resident_id.is_valid(leap + cn_resident_id.calc_check_digit(leap))
    no_leap = "110101" + "19000229" + "123"
    assert not cn_resident_id.is_valid(no_leap + cn_resident_id.calc_check_digit(no_leap))
    assert cn_resident_id.check("110101900307457") == "legacy"
    assert cn_resident_id.check("110101901307457") is None  # month 13


def test_id_x_forms() -> None:
    rng = random.Random(7)
    number = synth.resident_id(rng, check="X")
    for form in (number, number[:-1] + "x", number[:-1] + "Ｘ"):
        assert cn_resident_id.validate(form) == number


def test_stdnum_ric_rejects_permits_we_accept() -> None:
    """Why cn_resident_id does not delegate to stdnum.cn.ric (see its docstring)."""
    from stdnum.cn import ric

    body = "83000019900307123"
    number = body + cn_resident_id.calc_check_digit(body)
    assert cn_resident_id.is_valid(number)
    try:
        stdnum_says = ric.is_valid(number)
    except KeyError:  # older stdnum versions raise instead of answering
        stdnum_says = False
    assert not stdnum_says


def test_error_messages_hold_no_digits() -> None:
    for bad in ("110101199003074574", "6222021234567890123", "12345"):
        for module in (cn_resident_id, cn_bank_card, cn_phone):
            try:
                module.validate(bad)
            except ValidationError as exc:
                assert not any(ch.isdigit() for ch in str(exc))


def test_card_rules() -> None:
    rng = random.Random(3)
    params = {"known_prefixes": ("62",), "luhn_fail_prefixes": ("622202",)}
    card = synth.bank_card(rng, prefix="622202", length=19)
    assert cn_bank_card.check(card, params) == "valid_known_bin"
    assert cn_bank_card.check(card, {}) == "valid"
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert cn_bank_card.check(broken, params) == "luhn_fail_known_bin"
    assert cn_bank_card.check(broken, {}) is None
    ts = "20221215153643"  # a timestamp: starts with 2, never a card
    assert cn_bank_card.check(ts + luhn.calc_check_digit(ts), params) is None
    # Mastercard's 2-series (2221–2720, 16 digits) from the file's network ranges: an unknown
    # issuer's card (context needed); other numbers opening with 2 stay none
    ranges = {"network_ranges": [{"prefixes": ["2221", "23", "2720"], "lengths": [16]}]}
    for head in ("2221", "2345", "2720"):
        body = head + "".join(rng.choice("0123456789") for _ in range(11))
        assert cn_bank_card.check(body + luhn.calc_check_digit(body), ranges) == "valid"
        assert cn_bank_card.check(body + str((int(luhn.calc_check_digit(body)) + 1) % 10), ranges) is None
        assert cn_bank_card.check(body + luhn.calc_check_digit(body), params) is None  # no network range: none
    for head in ("2220", "2721", "2022"):
        body = head + "".join(rng.choice("0123456789") for _ in range(11))
        assert cn_bank_card.check(body + luhn.calc_check_digit(body), ranges) is None
    with pytest.raises(InvalidChecksum):
        cn_bank_card.validate(broken)
    assert cn_bank_card.format("6222021234567890123") == "6222 0212 3456 7890 123"


@pytest.mark.parametrize("code", sorted(cn_phone.AREA_CODES_2 | cn_phone.AREA_CODES_3))
def test_area_codes_are_real(code: str) -> None:
    subscriber = "23456789" if len(code) == 2 else "2345678"
    parsed = phonenumbers.parse(f"+86{code}{subscriber}")
    number_ok = phonenumbers.is_valid_number(parsed) or phonenumbers.is_valid_number(
        phonenumbers.parse(f"+86{code}{subscriber}8"[: 3 + len(code) + 8])
    )
    assert number_ok


_PERSONAL = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE,
             phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE, phonenumbers.PhoneNumberType.PAGER,
             phonenumbers.PhoneNumberType.VOIP, phonenumbers.PhoneNumberType.PERSONAL_NUMBER}


@pytest.mark.parametrize("region,code", [("HK", "852"), ("MO", "853"), ("TW", "886")])
def test_hong_kong_macau_and_taiwan_numbers_libphonenumber_accepts_are_read(region: str, code: str) -> None:
    """Every personal number libphonenumber calls valid for the region, written with its country
    code, is read as that region's (our rules are its plans, made coarser: a leak costs more than a rare
    false positive behind an explicit +852); a number of another length is not."""
    rng = random.Random(int(code))
    kind = cn_phone.REGIONS[code]
    accepted = 0
    for _ in range(4000):
        national = str(rng.randrange(10_000_000, 1_000_000_000))
        parsed = phonenumbers.parse(f"+{code}{national}")
        if (not phonenumbers.is_valid_number(parsed) or phonenumbers.region_code_for_number(parsed) != region
                or phonenumbers.number_type(parsed) not in _PERSONAL):
            continue  # toll-free and premium lines (HK's nine-digit 800 …) are services
        accepted += 1
        for written in (f"+{code} {national}", f"00{code}-{national}", f"({code}) {national[:-4]} {national[-4:]}"):
            assert cn_phone.check(written) == kind, written
        assert cn_phone.canonical(f"+{code} {national}") == f"+{code}{national}"
    assert accepted > 50
    assert cn_phone.check(f"+{code} 1234") is None and cn_phone.check(f"+{code} 1234567890123") is None
    assert cn_phone.check("+1 415 555 0100") is None  # any other country code


@pytest.mark.parametrize("prefix", [f"1{a}{b}" for a in range(3, 10) for b in range(10)])
def test_mobile_segments_match_libphonenumber(prefix: str) -> None:
    """Our segment table and libphonenumber agree on every 13x–19x segment."""
    ours = prefix in cn_phone.MOBILE_SEGMENTS
    samples = [f"{prefix}{n:08d}" for n in (23456789, 87654321, 55512345)]
    theirs = any(
        phonenumbers.number_type(phonenumbers.parse("+86" + s)) in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        for s in samples
    )
    if prefix in {"146", "148", "149", "174"}:  # data-card and satellite segments we add on purpose
        assert ours and not theirs
    else:
        assert ours == theirs


@pytest.mark.parametrize(
    "number",
    ["95588", "95511", "96096", "4001666333", "400-166-6333", "800-820-8820", "12345", "12378", "110", "120", "119",
     "025-96096", "021-962888", "0755-95555", "75512345678", "10690000123456", "+1 415 555 0100",
     "0755-95105555", "02095105555", "(010)96123456", "+86 571 9610 2345"],
)
def test_service_numbers_are_not_phones(number: str) -> None:
    assert cn_phone.check(number) is None


@pytest.mark.parametrize("number", ["025-96096", "021-962888", "0571-962345", "0755-95105555", "400-820-8820", "95511-3"])
def test_a_whole_value_is_a_service_number(number: str) -> None:
    """What a phone column holds and is no subscriber's: a hotline behind its area code (five, six or
    eight digits), a 400 number, a hotline's extension."""
    assert cn_phone.service_number(number)


@pytest.mark.parametrize("number", ["021-62345678", "0571-88123456", "13812345678", "021-9623456"])
def test_a_subscribers_number_is_no_service_number(number: str) -> None:
    assert not cn_phone.service_number(number)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=2**32))
def test_synthetic_phones_validate(seed: int) -> None:
    rng = random.Random(seed)
    mobile = synth.mobile_number(rng)
    assert cn_phone.check(mobile) == "mobile"
    assert cn_phone.check(f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}") == "mobile"
    line = synth.landline(rng)
    assert cn_phone.check(f"{line.area_code}-{line.subscriber}") == "landline"
    assert cn_phone.check(f"({line.area_code}){line.subscriber}转8123") == "landline"
    assert cn_phone.check(f"+86 {line.area_code[1:]} {line.subscriber}") == "landline"
    assert cn_phone.check(line.national) == "landline_plain"


def test_phone_parse_and_format() -> None:
    assert cn_phone.parse("0086 138 1234 5678") == ("mobile", "13812345678", "")
    assert cn_phone.parse("(0755)22345678 ext. 12") == ("landline", "75522345678", "12")
    assert cn_phone.parse("010-62345678-123") == ("landline", "1062345678", "123")  # after a whole landline
    assert not cn_phone.is_valid("138-1234-5678-12") and not cn_phone.is_valid("010-6234-567-12")
    assert cn_phone.format("+86 10 62345678") == "010 62345678"
    with pytest.raises(InvalidComponent):
        cn_phone.validate("15412345678")
    with pytest.raises(InvalidComponent):  # no subscriber's number opens with 1 (an invoice's code: 0510-12100111)
        cn_phone.validate("0510-12100111")


def test_email() -> None:
    assert email_address.check("zhang.san+x@mail.example.cn") == "valid"
    for bad in ("@x.com", "a@b", "a@-b.com", "a.@b.com", "a@b.c0m"):
        assert email_address.check(bad) is None


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_is_the_weighted_sum(body: str) -> None:
    # the textbook definition, independent of the base-13 evaluation the validator uses
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    total = sum(int(d) * w for d, w in zip(body, weights))
    assert cn_resident_id.calc_check_digit(body) == "10X98765432"[total % 11]


def test_digits_of_other_scripts_are_not_numbers() -> None:
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    body = "11010119900307457"
    number = body + cn_resident_id.calc_check_digit(body)
    assert not cn_resident_id.is_valid(number.translate(arabic))
    assert cn_resident_id.check(number.translate(arabic)) is None
    assert cn_bank_card.check("6222021234567890128".translate(arabic)) is None
    assert not cn_bank_card.is_valid("6222021234567890128".translate(arabic))


@given(st.integers(1800, 2100), st.integers(0, 13), st.integers(0, 32))
def test_birth_date_check_agrees_with_the_calendar(year: int, month: int, day: int) -> None:
    import datetime

    try:
        real = datetime.date(year, month, day)
        expected = real.year >= 1900 and real <= datetime.date.today()
    except ValueError:
        expected = False
    assert cn_resident_id._valid_date(f"{year:04d}{month:02d}{day:02d}") == expected


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 -()+#xXtT.") + ["转", "分机", "ext", "EXT", "１", "٣"]), max_size=20).map("".join))
def test_phone_digits_and_extension_split_match_their_regexes(number: str) -> None:
    """The shortcuts for ASCII numbers (no mark with an x or "#", digits grouped with spaces and
    hyphens) give what the regexes give."""
    import re

    assert cn_phone._digits(number) == re.sub("[^0-9]+", "", number)
    m = cn_phone._EXTENSION.search(number, 1)
    assert cn_phone._split_extension(number) == ((number, "") if m is None else (number[: m.start()], number[m.end() :]))


def test_a_foreign_permanent_residents_id_has_its_own_outcome() -> None:
    """9, the issuing province, a nationality code, the birth date, the GB 11643 check: valid, and
    told apart from a resident's ID so that the recognizer can ask for its label."""
    from pii_guard.validators import cn_resident_id

    body = "91184019610914461"
    number = body + cn_resident_id.calc_check_digit(body)
    assert cn_resident_id.is_valid(number) and cn_resident_id.check(number) == "foreign_permanent"
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert not cn_resident_id.is_valid(wrong) and cn_resident_id.check(wrong) is None
    # 97: no province; 000 and 900: no nationality
    for bad in ("97184019610914461", "91100019610914461", "91190019610914461"):
        assert not cn_resident_id.is_valid(bad + cn_resident_id.calc_check_digit(bad))
    resident = "11010519880516213"
    assert cn_resident_id.check(resident + cn_resident_id.calc_check_digit(resident)) == "valid"


@given(st.integers(min_value=0, max_value=2**32))
@settings(max_examples=200)
def test_a_mobile_with_a_dialled_head_has_the_mobiles_canonical_form(seed: int) -> None:
    """013812345678, 0138-1234-5678, +86 0138…, 17951 138…: the mobile one person has, written
    with what was dialled before it, is one spelling (one deterministic token, one distinct number
    in a scan), as +86 138… and full-width digits are."""
    mobile = synth.mobile_number(random.Random(seed))
    for written in (f"0{mobile}", f"0{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"+86 0{mobile}",
                    *(f"{prefix}{mobile}" for prefix in sorted(cn_phone.IP_CALL_PREFIXES))):
        same = cn_phone.canonical(written) == cn_phone.canonical(mobile)
        assert same, "a dialled head"


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=2**32))
def test_an_id_a_spreadsheet_zeroed_has_its_own_outcome(seed: int) -> None:
    """A spreadsheet keeps 15 significant digits: an ID saved from one ends in 000. Its region and
    birth date still hold, so it is ``spreadsheet_zeroed`` (unless the zeros happen to be its check
    character, one time in eleven: then it is an ID like any other); a number whose region or date
    fails is nothing, zeros or not."""
    rng = random.Random(seed)
    number = synth.resident_id(rng)
    zeroed = number[:15] + "000"
    valid = {"valid", "company_code_shaped", "born_recently"}
    if cn_resident_id.is_valid(zeroed):
        assert cn_resident_id.check(zeroed) in valid
    else:
        assert cn_resident_id.check(zeroed) == "spreadsheet_zeroed"
    assert cn_resident_id.check(number[:15] + "001") in {None, *valid}  # only zeros are a spreadsheet's
    bad_date = number[:10] + "13" + number[12:15] + "000"  # month 13
    assert cn_resident_id.check(bad_date) is None
    bad_region = "99" + number[2:15] + "000"
    assert cn_resident_id.check(bad_region) is None


def test_an_id_that_reads_as_a_company_code_of_digits_has_its_own_outcome() -> None:
    """统一社会信用代码 opens with its kind (11 机关, 51 社会团体 …) and the province it was registered
    in: a valid ID that opens so (a prefecture numbered as a province is, 5113…, 4113…) is
    ``company_code_shaped`` (the detector weighs the code's label against it); one whose prefecture
    no province's code is, or whose first two digits no kind, stays ``valid``."""
    for body, expected in (("11110119780512123", "company_code_shaped"), ("51130219780512123", "company_code_shaped"),
                           ("44130219780512123", "valid"), ("51010419780512123", "valid"),
                           ("11010519780512123", "valid")):
        number = body + cn_resident_id.calc_check_digit(body)
        assert cn_resident_id.check(number) == expected, body
        assert cn_resident_id.is_valid(number)


def test_an_id_born_within_ten_years_has_its_own_outcome() -> None:
    """A valid ID whose birth date is within the last ten years is ``born_recently`` (the detector
    weighs another identifier's label more against it), one born before is ``valid``."""
    import datetime

    today = datetime.date.today()
    for years, expected in ((1, "born_recently"), (9, "born_recently"), (11, "valid"), (40, "valid")):
        body = f"110101{today.year - years:04d}0101123"
        number = body + cn_resident_id.calc_check_digit(body)
        assert cn_resident_id.check(number) == expected, years
        assert cn_resident_id.is_valid(number)


def _iban(country: str, bban: str) -> str:
    """An IBAN of ``country`` around ``bban``, its check digits computed (ISO 7064 MOD 97-10)."""
    rearranged = bban + country + "00"
    check = 98 - int("".join(str(int(ch, 36)) for ch in rearranged)) % 97
    return f"{country}{check:02d}{bban}"


def _registry_length(country: str) -> int | None:
    """An IBAN's length in ``country`` by python-stdnum's copy of SWIFT's registry (None: none)."""
    info = numdb.get("iban").info(country + "00")[0][1]
    return 4 + sum(int(n) for n in re.findall(r"(\d+)!?[nac]", info["bban"])) if info else None


def test_iban_lengths_are_the_registrys() -> None:
    """Every country of SWIFT's registry, and no other, with its length."""
    countries = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    assert {c: n for c in countries if (n := _registry_length(c)) is not None} == iban.LENGTHS


@settings(max_examples=500)
@given(st.sampled_from(sorted(iban.LENGTHS)), st.randoms(use_true_random=False), st.integers(0, 3))
def test_iban_agrees_with_the_mod_97_oracle(country: str, rng: random.Random, damage: int) -> None:
    """Synthetic IBANs of every country's length (capitals and digits), some with a character
    changed or dropped: valid exactly where the length is the country's and python-stdnum's ISO
    7064 MOD 97-10 holds (its ``iban`` checks each country's BBAN layout too, which a detector
    that only leaves an IBAN's digits alone does not need)."""
    size = iban.LENGTHS[country] - 4
    value = _iban(country, "".join(rng.choice("0123456789" * 3 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(size)))
    if damage == 1:
        # a digit for a digit (the check digits included): the sum moves by a multiple of a power of
        # ten, never of 97
        k = rng.choice([i for i in range(2, len(value)) if value[i].isdigit()])
        value = value[:k] + rng.choice([d for d in "0123456789" if d != value[k]]) + value[k + 1 :]
    elif damage == 2:
        value = value[:-1]
    expected = len(value) == _registry_length(country) and mod_97_10.is_valid(value[4:] + value[:4])
    assert iban.is_valid(value) == expected == (damage in (0, 3))


def test_iban_refuses_what_is_no_iban() -> None:
    """A label and a Chinese ID run together (ID110101…), a country that issues no IBAN (CN), a
    wrong length, lower case: none is an IBAN."""
    rng = random.Random(122)
    assert not iban.is_valid("ID" + synth.resident_id(rng))
    assert not iban.is_valid(_iban("CN", "1" * 18))
    assert not iban.is_valid(_iban("DE", "1" * 17))
    assert not iban.is_valid(_iban("DE", "1" * 18).lower())
