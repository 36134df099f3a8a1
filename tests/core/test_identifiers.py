"""Identifiers: the printed numbers of seed 000 bilaga 2, refusals, and Luhn properties."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from bidrag.core.errors import DomainError, IdentifierError
from bidrag.core.identifiers import (
    Bankgiro,
    OrgNumber,
    Plusgiro,
    make_ocr,
    parse_bankgiro,
    parse_ocr,
    parse_orgnr,
    parse_plusgiro,
)

# The transcription of seed 000 bilaga 2, copied into the repository's fixtures.
BILAGA2 = (
    Path(__file__).parent.parent
    / "fixtures"
    / "seeds"
    / "000_bilaga2_psv_collaboration_regions_2021.csv"
)


def _refused(fn: Callable[..., object], *args: object, **kwargs: object) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        fn(*args, **kwargs)
    return info.value


# --- The six payees of seed 000, bilaga 2, as printed --------------------------------------

ORGNR_PRINTED = [
    ("222000-1651", "222000-1651"),
    ("232100 -0057", "232100-0057"),
    ("232100-0016", "232100-0016"),
    ("232100-0131", "232100-0131"),
    ("2321000156", "232100-0156"),
    ("232100 -0255", "232100-0255"),
]


@pytest.mark.parametrize(("printed", "value"), ORGNR_PRINTED)
def test_printed_orgnr_parse(printed: str, value: str) -> None:
    org = parse_orgnr(printed)
    assert org.value == value == str(org)
    assert org.group == 2  # regions and their bodies
    assert org.digits == value.replace("-", "")


@pytest.mark.parametrize(
    ("printed", "digits", "formatted"),
    [
        ("5728-3905", "57283905", "5728-3905"),
        ("5716-1507", "57161507", "5716-1507"),
        ("390-1485", "3901485", "390-1485"),
        ("289-1919", "2891919", "289-1919"),
        ("5728 3905", "57283905", "5728-3905"),
        (" 390\u00a01485 ", "3901485", "390-1485"),
        ("0057283905", "57283905", "5728-3905"),  # zero-padded as in payment files
    ],
)
def test_printed_bankgiro_parse(printed: str, digits: str, formatted: str) -> None:
    bg = parse_bankgiro(printed)
    assert bg.digits == digits
    assert bg.formatted == formatted == str(bg)


def test_printed_plusgiro_parses_and_formats_as_printed() -> None:
    pg = parse_plusgiro("3 70 20-5")
    assert pg.digits == "370205"
    assert pg.formatted == "3 70 20-5" == str(pg)
    assert parse_plusgiro("370205") == pg
    assert parse_plusgiro("37020-5") == pg


@pytest.mark.parametrize(
    ("digits", "formatted"),
    [("18", "1-8"), ("1230", "1 23-0"), ("12345674", "1 23 45 67-4")],
)
def test_plusgiro_grouping_is_pairs_from_the_right(digits: str, formatted: str) -> None:
    assert luhn.is_valid(digits)
    assert Plusgiro(digits).formatted == formatted


def test_every_account_in_bilaga2_csv_parses() -> None:
    """The transcribed CSV: each printed number parses to the normalised column beside it."""
    with BILAGA2.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["row_type"] == "data"]
    assert len(rows) == 6
    for row in rows:
        assert str(parse_orgnr(row["organisationsnummer_printed"])) == row["organisationsnummer"]
        kind, printed = row["account_type"], row["account_printed"]
        if kind == "bankgiro":
            assert parse_bankgiro(printed).digits == row["account_digits"]
        elif kind == "plusgiro":
            assert parse_plusgiro(printed).digits == row["account_digits"]
        else:
            assert kind == "" and printed == ""  # Region Jönköpings län: none printed


def test_printed_payment_reference_0319200_is_not_an_ocr_reference() -> None:
    """Norra sjukvårdsregionförbundet's "betalningsreferens" 0319200 fails the Luhn check.

    It is a reference for the payee's own books, not an OCR number: it must travel as free text
    (``RmtInf/Ustrd``), never as a structured ``SCOR`` reference.
    """
    err = _refused(parse_ocr, "0319200")
    assert err.reason == "check digit is 0, expected 2"


# --- Organisationsnummer refusals ----------------------------------------------------------


def test_orgnr_12_digit_form_with_16() -> None:
    assert parse_orgnr("16232100-0016").value == "232100-0016"
    assert parse_orgnr("162321000016").value == "232100-0016"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("232100-0058", "check digit is 8, expected 7"),
        ("232100-00x7", "contains 'x'"),
        ("232100+0057", "contains '+'"),
        ("23210-0057", "has 9 digits, an organisationsnummer has 10 (or 12 with the prefix 16)"),
        ("", "is empty"),
        ("  - ", "contains no digits"),
        ("811218-9876", "digits 3–4 are 12: that is a personnummer, not an organisation"),
        ("551501-0006", "digits 3–4 are 15: an organisationsnummer has 20 or more there"),
    ],
)
def test_orgnr_refusals(text: str, reason: str) -> None:
    err = _refused(parse_orgnr, text, "payee.orgnr")
    assert err.field == "payee.orgnr"
    assert err.reason == reason
    assert err.value == text
    assert str(err) == f"payee.orgnr: {reason}"


def test_orgnr_refuses_personnummer_even_with_valid_luhn() -> None:
    # python-stdnum accepts this (length and Luhn only); we do not.
    from stdnum.se import orgnr

    assert orgnr.is_valid("8112189876")
    assert "personnummer" in _refused(parse_orgnr, "811218-9876").reason


def test_orgnr_12_digits_with_century_is_refused() -> None:
    err = _refused(parse_orgnr, "198112189876")
    assert "starting 19 (19 or 20 begins a personnummer)" in err.reason
    assert "starts 16" in err.reason


def test_orgnr_refuses_non_text() -> None:
    err = _refused(parse_orgnr, 2321000016)
    assert err.reason == "expected text, got int"


def test_orgnr_value_object_checks_itself() -> None:
    assert OrgNumber("232100-0016").group == 2
    assert "NNNNNN-NNNN" in _refused(OrgNumber, "2321000016").reason
    assert _refused(OrgNumber, "232100-0017").reason == "check digit is 7, expected 6"
    with pytest.raises(dataclasses.FrozenInstanceError):
        OrgNumber("232100-0016").value = "232100-0057"  # type: ignore[misc]


def test_identifier_error_is_a_domain_error() -> None:
    with pytest.raises(DomainError):
        parse_orgnr("nope")


# --- Bankgiro and Plusgiro refusals -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5728-3904", "check digit is 4, expected 5"),
        ("572-839", "has 6 digits, a Bankgiro number has 7 or 8"),
        ("5728-39051", "has 9 digits, a Bankgiro number has 7 or 8"),
        ("5728/3905", "contains '/'"),
        ("BG 5728-3905", "contains 'B'"),
        ("5728-39०5", "contains '०'"),  # a Devanagari zero: isdigit() but not an ASCII digit
    ],
)
def test_bankgiro_refusals(text: str, reason: str) -> None:
    err = _refused(parse_bankgiro, text)
    assert (err.field, err.reason) == ("bankgiro", reason)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 70 20-4", "check digit is 4, expected 5"),
        ("5", "has 1 digit, a Plusgiro number has 2 to 8"),
        ("1234567-82", "has 9 digits, a Plusgiro number has 2 to 8"),
        ("3 70 20-5 PG", "contains 'P'"),
    ],
)
def test_plusgiro_refusals(text: str, reason: str) -> None:
    err = _refused(parse_plusgiro, text, "payee.plusgiro")
    assert (err.field, err.reason) == ("payee.plusgiro", reason)


def test_giro_value_objects_check_themselves() -> None:
    assert Bankgiro("57283905").formatted == "5728-3905"
    assert "digits only" in _refused(Bankgiro, "5728-3905").reason
    assert _refused(Bankgiro, "57283906").reason == "check digit is 6, expected 5"
    assert "digits only" in _refused(Plusgiro, "3 70 20-5").reason


# --- OCR -----------------------------------------------------------------------------------


def test_ocr_length_digit_example_from_domain() -> None:
    assert make_ocr("123") == "12351"
    assert parse_ocr("12351", length_digit=True) == "12351"
    assert parse_ocr("1 2351") == "12351"


def test_ocr_without_length_digit() -> None:
    ref = make_ocr("123", length_digit=False)
    assert ref == "1230"
    assert parse_ocr(ref, length_digit=False) == ref
    assert parse_ocr(ref) == ref  # None accepts either form
    err = _refused(parse_ocr, ref, length_digit=True)
    assert err.reason == "length digit is 3, expected 4 (the reference has 4 digits)"


def test_ocr_keeps_leading_zeros() -> None:
    ref = make_ocr("000417")
    assert ref.startswith("000417")
    assert parse_ocr(ref, length_digit=True) == ref


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12352", "check digit is 2, expected 1"),
        ("1", "has 1 digit, an OCR reference has 2 to 25"),
        ("1" * 26, "has 26 digits, an OCR reference has 2 to 25"),
        ("1235-1", "contains '-'"),
        ("OCR12351", "contains 'O'"),
    ],
)
def test_ocr_refusals(text: str, reason: str) -> None:
    err = _refused(parse_ocr, text, "repayment.ocr")
    assert (err.field, err.reason) == ("repayment.ocr", reason)


@pytest.mark.parametrize(
    ("base", "length_digit", "reason"),
    [
        ("", True, "must be a non-empty string of digits"),
        ("12a", True, "must be a non-empty string of digits"),
        (
            "1" * 24,
            True,
            "has 24 digits: with the control digits the reference would have 26, more than 25",
        ),
        (
            "1" * 25,
            False,
            "has 25 digits: with the control digits the reference would have 26, more than 25",
        ),
    ],
)
def test_make_ocr_refusals(base: str, length_digit: bool, reason: str) -> None:
    assert _refused(make_ocr, base, length_digit=length_digit).reason == reason


def test_make_ocr_longest() -> None:
    assert len(make_ocr("9" * 23)) == 25
    assert len(make_ocr("9" * 24, length_digit=False)) == 25


# --- Properties ----------------------------------------------------------------------------

_digit_text = st.text(alphabet="0123456789", min_size=1, max_size=23)


@given(_digit_text, st.booleans())
def test_make_ocr_always_parses(base: str, with_length: bool) -> None:
    ref = make_ocr(base, length_digit=with_length)
    assert ref.startswith(base)
    assert parse_ocr(ref, length_digit=with_length) == ref
    assert parse_ocr(ref) == ref
    if with_length:
        assert int(ref[-2]) == len(ref) % 10


def _valid_with_check(body: str) -> str:
    return body + luhn.calc_check_digit(body)


_bankgiros = st.integers(min_value=100_000, max_value=9_999_999).map(
    lambda n: _valid_with_check(str(n))
)


@given(_bankgiros, st.data())
def test_any_single_digit_change_of_a_bankgiro_is_refused(bg: str, data: st.DataObject) -> None:
    assert parse_bankgiro(bg).digits == bg
    i = data.draw(st.integers(min_value=0, max_value=len(bg) - 1))
    new = data.draw(st.sampled_from([c for c in "0123456789" if c != bg[i]]))
    changed = bg[:i] + new + bg[i + 1 :]
    if changed[0] == "0":
        # a leading zero shortens the number: refused for its length or its check digit
        with pytest.raises(IdentifierError):
            parse_bankgiro(changed)
    else:
        err = _refused(parse_bankgiro, changed)
        assert err.reason.startswith("check digit is ")


@given(_bankgiros)
def test_bankgiro_formatted_round_trips(bg: str) -> None:
    parsed = parse_bankgiro(bg)
    assert parse_bankgiro(parsed.formatted) == parsed
    assert parsed.formatted.replace("-", "") == bg


@given(st.integers(min_value=1, max_value=9_999_999).map(lambda n: _valid_with_check(str(n))))
def test_plusgiro_formatted_round_trips(pg: str) -> None:
    parsed = parse_plusgiro(pg)
    assert parse_plusgiro(parsed.formatted) == parsed
    assert parse_plusgiro(parsed.formatted.replace(" ", "")) == parsed


@given(
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=20, max_value=99),
    st.integers(min_value=0, max_value=99_999),
)
def test_valid_orgnr_round_trips(group: int, d2: int, middle: int, rest: int) -> None:
    value = _valid_with_check(f"{group}{d2}{middle}{rest:05d}")
    org = parse_orgnr(value)
    assert org.digits == value
    assert parse_orgnr(str(org)) == org == parse_orgnr("16" + value)
    assert org.group == group
