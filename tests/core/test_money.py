"""Amounts: the ceiling and the sign, each refusal with its code and the field it names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bidrag.core.errors import MoneyError
from bidrag.core.money import MAX_KRONOR, check_amount, parse_kronor, parse_ore


@given(st.integers(min_value=0, max_value=MAX_KRONOR))
def test_every_amount_up_to_the_ceiling_is_allowed(value: int) -> None:
    assert check_amount(value, "amount") == value


def test_the_ceiling_fits_the_ledgers_ore_in_a_signed_64_bit_integer() -> None:
    assert MAX_KRONOR * 100 * 1000 < 2**63


@pytest.mark.parametrize(
    ("value", "code", "reason"),
    [
        (-1, "money.negative", "must not be negative, got -1 kr"),
        (-49_472_318, "money.negative", "must not be negative, got -49472318 kr"),
        (MAX_KRONOR + 1, "money.above-ceiling", "is above the ceiling of 10000000000000 kr"),
        (10**20, "money.above-ceiling", "is above the ceiling of 10000000000000 kr"),
        (True, "money.not-an-integer", "must be an integer, got bool"),
        (1.0, "money.not-an-integer", "must be an integer, got float"),
    ],
)
def test_refusals_name_the_field_and_carry_a_code(value: object, code: str, reason: str) -> None:
    with pytest.raises(MoneyError) as info:
        check_amount(value, "lines[0].amount")  # type: ignore[arg-type]
    assert (info.value.field, info.value.code, info.value.reason) == (
        "lines[0].amount",
        code,
        reason,
    )
    assert str(info.value) == f"lines[0].amount: {reason}"


def test_negative_amounts_are_allowed_only_when_asked_and_still_have_a_ceiling() -> None:
    assert check_amount(-5, "adjustment", allow_negative=True) == -5
    assert check_amount(-MAX_KRONOR, "adjustment", allow_negative=True) == -MAX_KRONOR
    with pytest.raises(MoneyError) as info:
        check_amount(-MAX_KRONOR - 1, "adjustment", allow_negative=True)
    assert info.value.code == "money.above-ceiling"


@pytest.mark.parametrize("parse", [parse_kronor, parse_ore])
def test_a_number_with_thousands_of_digits_is_refused_before_it_becomes_an_integer(
    parse: object,
) -> None:
    with pytest.raises(MoneyError) as info:
        parse("9" * 5000, "total")  # type: ignore[operator]
    assert info.value.code == "money.too-many-digits"
    assert info.value.params == {"digits": 5000, "max": MAX_KRONOR}


def test_parse_errors_carry_codes_and_params() -> None:
    with pytest.raises(MoneyError) as info:
        parse_kronor("12 abc", "amount")
    assert (info.value.code, info.value.params) == ("money.not-an-amount", {"text": "12 abc"})
    with pytest.raises(MoneyError) as info:
        parse_kronor("1 234,50 kr", "amount")
    assert info.value.code == "money.ore"
