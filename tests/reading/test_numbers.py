"""Amounts, dates, periods and table numbers as Swedish decisions print them."""

from __future__ import annotations

import datetime as dt

import pytest

from bidrag.agreements.reading.numbers import (
    find_amounts,
    find_dates,
    find_period,
    integer,
    parse_date,
    segmentations,
)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("215 000 000 kronor utbetalas", [215_000_000]),
        ("Fördelning av 215 miljoner kronor efter invånare", [215_000_000]),
        ("totalt 2,5 miljarder kronor", [2_500_000_000]),
        ("2,5 miljoner kronor ska betalas ut", [2_500_000]),
        ("rekvirera 15 000 000 från Kammarkollegiet", [15_000_000]),  # grouped: no unit needed
        ("85 mnkr", [85_000_000]),
        ("500 kr per region", [500]),
        # not amounts: a year, a day of a month, an appropriation, a diarienummer
        ("för budgetåret 2021 uppförda anslaget 1:6, anslagsposten 40", []),
        ("senast den 1 december 2023", []),
        ("(dnr S2020/09781)", []),
        # a scaled decimal that is not whole kronor is not read as an amount
        ("0,0000001 miljoner kronor", []),
    ],
)
def test_amounts(text: str, values: list[int]) -> None:
    assert [a.value for a in find_amounts(text)] == values


def test_amount_knows_whether_a_unit_was_printed() -> None:
    with_unit, without = find_amounts("3 000 000 kronor och 15 000 000 från")
    assert with_unit.unit and not without.unit
    assert with_unit.text == "3 000 000 kronor"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("senast den 1 december 2023", dt.date(2023, 12, 1)),
        ("2023-02-02", dt.date(2023, 2, 2)),
        ("31 mars 2022", dt.date(2022, 3, 31)),
        ("den 30 februari 2024", None),  # no such day: not invented
        ("den 1 december", None),  # no year printed
    ],
)
def test_dates(text: str, value: dt.date | None) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "under perioden 15 februari till 15 mars 2021",
            dt.date(2021, 2, 15),
            dt.date(2021, 3, 15),
        ),
        (
            "under perioden 15 februari 2021 till 15 mars 2021",
            dt.date(2021, 2, 15),
            dt.date(2021, 3, 15),
        ),
        ("under perioden 1–15 mars 2024", dt.date(2024, 3, 1), dt.date(2024, 3, 15)),
        ("under perioden den 2–30 april 2024", dt.date(2024, 4, 2), dt.date(2024, 4, 30)),
        ("under perioden 15 april–30 april 2024", dt.date(2024, 4, 15), dt.date(2024, 4, 30)),
        (
            "från och med den 1 maj till och med den 31 maj 2024",
            dt.date(2024, 5, 1),
            dt.date(2024, 5, 31),
        ),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date) -> None:
    found = find_period(text)
    assert found is not None
    assert found[:2] == (start, end)


def test_a_day_without_its_year_takes_the_year_of_its_period() -> None:
    dates = find_dates("15 februari till 15 mars 2021")
    assert [d.value for d in dates] == [dt.date(2021, 2, 15), dt.date(2021, 3, 15)]


def test_totals_row_run_together_has_every_grouping_reading() -> None:
    tokens = ["10", "319", "473", "1", "215", "000", "000"]
    readings = segmentations(tokens, 3)
    assert ["10 319 473", "1", "215 000 000"] in readings
    assert ["10 319", "473", "1 215 000 000"] in readings
    # a group of three after a head is one number; a leading zero never starts one
    assert all(not cell.startswith("0") for r in readings for cell in r)


def test_segmentation_respects_decimals_and_per_cents() -> None:
    assert segmentations(["2", "374", "550", "0,2301", "49", "472", "318"], 3) == [
        ["2 374 550", "0,2301", "49 472 318"]
    ]
    assert segmentations(["159", "227", "2%"], 2) == [["159 227", "2%"]]
    assert segmentations(["1", "2"], 3) == []


def test_integer() -> None:
    assert integer("10 319 473") == 10_319_473
    assert integer("0,23") is None
    assert integer("") is None
