"""Deadlines under lag (1930:173) 2 §: concrete days and calendar properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bidrag.core.deadlines import (
    FIRST_YEAR,
    LAST_YEAR,
    Deadline,
    day_off_reason,
    effective_deadline,
    is_valid_day,
    next_valid_day,
)
from bidrag.core.errors import DomainError


@pytest.mark.parametrize(
    ("stated", "effective", "reason"),
    [
        (date(2022, 3, 31), date(2022, 3, 31), None),  # a Thursday
        (date(2024, 3, 31), date(2024, 4, 2), "Påskdagen"),  # Easter Monday is a holiday too
        (date(2024, 3, 29), date(2024, 4, 2), "Långfredagen"),
        (date(2021, 12, 24), date(2021, 12, 27), "Julafton"),
        (date(2021, 12, 25), date(2021, 12, 27), "Juldagen"),
        (date(2021, 12, 26), date(2021, 12, 27), "Annandag jul"),
        (date(2023, 6, 23), date(2023, 6, 26), "Midsommarafton"),
        (date(2021, 1, 1), date(2021, 1, 4), "Nyårsdagen"),  # Friday, then the weekend
        (date(2022, 4, 2), date(2022, 4, 4), "lördag"),
        (date(2022, 4, 3), date(2022, 4, 4), "söndag"),
        (date(2025, 12, 31), date(2026, 1, 2), "Nyårsafton"),  # over the year boundary
        (date(2024, 6, 6), date(2024, 6, 7), "Nationaldagen"),
        (date(2024, 5, 1), date(2024, 5, 2), "Första maj"),
        (date(2024, 5, 9), date(2024, 5, 10), "Kristi himmelsfärdsdag"),
        (date(2022, 3, 31) + timedelta(days=1), date(2022, 4, 1), None),  # Friday
    ],
)
def test_concrete_deadlines(stated: date, effective: date, reason: str | None) -> None:
    assert next_valid_day(stated) == effective
    assert effective_deadline(stated) == effective
    assert day_off_reason(stated) == reason
    assert is_valid_day(stated) is (reason is None)
    deadline = Deadline(stated)
    assert deadline.effective == effective
    assert deadline.moved_because == reason


def test_decision_can_turn_the_rule_off() -> None:
    easter = date(2024, 3, 31)
    assert effective_deadline(easter, apply_law=False) == easter
    off = Deadline(easter, apply_law=False)
    assert off.effective == easter
    assert off.moved_because is None


def test_eves_that_are_not_public_holidays_still_move_the_deadline() -> None:
    # Midsommarafton, julafton, nyårsafton are working days in law (DE_FACTO, not PUBLIC)
    # but 2 § names them. 2024-12-24 and 2024-12-31 are Tuesdays.
    assert next_valid_day(date(2024, 12, 24)) == date(2024, 12, 27)
    assert next_valid_day(date(2024, 12, 31)) == date(2025, 1, 2)
    assert next_valid_day(date(2024, 6, 21)) == date(2024, 6, 24)


def test_ordinary_sunday_is_not_a_holiday_name_but_is_refused() -> None:
    # holidays' Sweden can list every Sunday as "Söndag"; we name weekends ourselves.
    assert day_off_reason(date(2024, 3, 10)) == "söndag"


def test_largest_shift_in_the_calendar() -> None:
    """The longest move is 5 days: Saturday 22 December to Thursday 27 (julafton on a Monday)."""
    worst = 0
    d = date(FIRST_YEAR, 1, 1)
    while d.year < LAST_YEAR:
        worst = max(worst, (next_valid_day(d) - d).days)
        d += timedelta(days=1)
    assert worst == 5
    assert next_valid_day(date(2018, 12, 22)) == date(2018, 12, 27)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (datetime(2024, 3, 31, 12, 0), "expected a date, got datetime"),
        ("2024-03-31", "expected a date, got str"),
    ],
)
def test_refuses_what_is_not_a_date(value: object, reason: str) -> None:
    with pytest.raises(DomainError) as info:
        next_valid_day(value)  # type: ignore[arg-type]
    assert info.value.reason == reason
    with pytest.raises(DomainError):
        Deadline(value)  # type: ignore[arg-type]


def test_refuses_years_outside_the_holiday_calendar() -> None:
    with pytest.raises(DomainError) as info:
        next_valid_day(date(LAST_YEAR + 1, 12, 25))
    assert info.value.reason == (
        f"year {LAST_YEAR + 1} is outside the holiday calendar ({FIRST_YEAR}–{LAST_YEAR})"
    )


_dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 20))


@given(_dates)
def test_next_valid_day_properties(d: date) -> None:
    result = next_valid_day(d)
    assert result >= d
    assert (result - d).days <= 5
    assert next_valid_day(result) == result  # idempotent
    assert result.weekday() < 5
    assert is_valid_day(result)
    assert day_off_reason(result) is None
    # every day skipped was a day off, so no earlier valid day was passed over
    skipped = d
    while skipped < result:
        assert day_off_reason(skipped) is not None
        skipped += timedelta(days=1)
    assert (result == d) is is_valid_day(d)


@given(_dates, st.booleans())
def test_deadline_agrees_with_functions(d: date, apply_law: bool) -> None:
    deadline = Deadline(d, apply_law=apply_law)
    assert deadline.effective == effective_deadline(d, apply_law=apply_law)
    assert (deadline.moved_because is not None) is (deadline.effective != d)
