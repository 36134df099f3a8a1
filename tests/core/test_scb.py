"""SCB population imports and the shipped reference series, on files built from the documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bidrag.core.errors import RegisterError, TableError
from bidrag.core.refdata import available_series, load_series
from bidrag.core.register import CODES
from bidrag.core.scb import PopulationSeries, import_population_csv, import_population_file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scb"
LATIN1 = FIXTURES / "folkmangd_lan_2019_latin1_semicolon.csv"
UTF8 = FIXTURES / "folkmangd_lan_2020_utf8_comma.csv"
BOM = FIXTURES / "folkmangd_lan_2020_utf8_bom_codes.csv"
TAB = FIXTURES / "befolkning_regioner_2019_2020_tab.csv"


# Reference series ------------------------------------------------------------------------


def test_available_series() -> None:
    assert available_series() == [
        "municipal_health_care_recipients_2019",
        "population_2019-11-01",
        "population_2020-11-01",
    ]


@pytest.mark.parametrize(
    ("name", "total", "stockholm", "gotland"),
    [
        ("population_2019-11-01", 10_319_473, 2_374_550, 59_636),  # seed 000 bilaga 1
        ("population_2020-11-01", 10_378_483, 2_391_841, 60_050),  # seed 003 bilaga 3 and 4
        ("municipal_health_care_recipients_2019", 404_104, 25_909, 2_080),  # seed 003 bilaga 3
    ],
)
def test_series_match_the_printed_totals(
    name: str, total: int, stockholm: int, gotland: int
) -> None:
    series = load_series(name)
    assert list(series) == list(CODES)
    assert sum(series.values()) == total
    assert series["01"] == stockholm
    assert series["09"] == gotland


def test_load_series_returns_a_copy() -> None:
    series = load_series("population_2019-11-01")
    series["01"] = 0
    assert load_series("population_2019-11-01")["01"] == 2_374_550


def test_unknown_series() -> None:
    with pytest.raises(TableError) as exc:
        load_series("population_2022-11-01")
    assert exc.value.field == "series"
    assert "'population_2022-11-01' is not a shipped series" in exc.value.reason


# Imports ---------------------------------------------------------------------------------


def test_latin1_semicolon_with_titles_codes_riket_a_municipality_and_notes() -> None:
    series = import_population_file(LATIN1)
    assert isinstance(series, PopulationSeries)
    assert series.encoding == "cp1252"
    assert series.delimiter == ";"
    assert series.column == "Folkmängd"
    assert series.title == "Folkmängd i riket, län och kommuner 1 november 2019"
    assert series.reference_date == date(2019, 11, 1)
    assert dict(series.values) == load_series("population_2019-11-01")
    assert series.total == 10_319_473
    assert series["01"] == 2_374_550  # printed with no-break spaces
    assert series.municipalities_checked == 1  # 0980 Gotland against 09 Gotlands län


def test_utf8_comma_pxweb_names_only() -> None:
    series = import_population_csv(UTF8.read_bytes(), "pxweb.csv")
    assert series.source == "pxweb.csv"
    assert (series.encoding, series.delimiter) == ("utf-8", ",")
    assert series.column == "Befolkning 1/11 - 2020"
    assert series.title == "Folkmängd efter region. Befolkning 1/11 - 2020"
    assert series.reference_date == date(2020, 11, 1)
    assert dict(series.values) == load_series("population_2020-11-01")
    assert series.total == 10_378_483


def test_bom_file_with_a_code_column_and_a_total_at_the_end() -> None:
    series = import_population_file(BOM)
    assert series.encoding == "utf-8-sig"
    assert series.column == "Folkmängd 2020-11-01"
    assert series.title is None
    assert series.reference_date == date(2020, 11, 1)  # from the column name
    assert dict(series.values) == load_series("population_2020-11-01")


def test_several_numeric_columns_need_a_choice() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(TAB)
    assert exc.value.reason == (
        "several columns hold numbers ('Befolkning 1 november 2019', "
        "'Befolkning 1 november 2020'); pass column= to choose one"
    )
    series = import_population_file(TAB, column="Befolkning 1 november 2019")
    assert series.reference_date == date(2019, 11, 1)
    assert dict(series.values) == load_series("population_2019-11-01")  # labels: region names
    series = import_population_file(TAB, column="befolkning 1 november 2020")
    assert dict(series.values) == load_series("population_2020-11-01")


def test_missing_column_lists_the_present_ones() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(LATIN1, column="Folkmängd 2020")
    assert exc.value.field == "column 'Folkmängd 2020'"
    assert exc.value.reason.endswith("present: 'Län', 'Folkmängd'")


def test_latin1_and_utf8_of_the_same_table_agree() -> None:
    text = LATIN1.read_bytes().decode("cp1252")
    as_utf8 = import_population_csv(text.encode("utf-8"), "utf8.csv")
    as_latin1 = import_population_csv(LATIN1.read_bytes(), "latin1.csv")
    assert as_utf8.values == as_latin1.values
    assert as_utf8.encoding == "utf-8"


def test_duplicate_county_names_both_lines() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(FIXTURES / "duplicate_county.csv")
    assert exc.value.field == "line 5, column 'Län'"
    assert exc.value.reason == "Uppsala län appears twice (lines 3 and 5)"


def test_missing_county_is_named() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(FIXTURES / "missing_county.csv")
    assert exc.value.reason == "counties missing: 09 Gotlands län"
    assert exc.value.value == ["09"]


def test_wrong_total_row() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(FIXTURES / "wrong_total.csv")
    assert str(exc.value) == (
        "line 2, column 'Folkmängd': the total row says 10319475, "
        "the counties add up to 10319473 (difference 2)"
    )


def test_ragged_file() -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(FIXTURES / "ragged.csv")
    assert str(exc.value) == "line 6: has 1 cell, the header (line 3) has 2 (semicolon-separated)"


@pytest.mark.parametrize("name", ["bilaga1.pdf", "utf16_without_bom.csv", "double_encoded.csv"])
def test_files_that_are_no_text_tables(name: str) -> None:
    with pytest.raises(TableError) as exc:
        import_population_file(FIXTURES / name)
    assert exc.value.field.endswith(name)


def _latin1_with(old: str, new: str) -> bytes:
    text = LATIN1.read_bytes().decode("cp1252")
    assert old in text
    return text.replace(old, new).encode("cp1252")


def test_code_and_name_disagree() -> None:
    data = _latin1_with('"03 Uppsala län"', '"03 Södermanlands län"')
    with pytest.raises(TableError) as exc:
        import_population_csv(data, "x.csv")
    assert exc.value.field == "line 7, column 'Län'"
    assert exc.value.reason == (
        "code 03 is Uppsala län but the name reads 'Södermanlands län' (Södermanlands län, 04)"
    )


def test_unknown_lanskod() -> None:
    data = _latin1_with('"03 Uppsala län"', '"02 Uppsala län"')
    with pytest.raises(RegisterError) as exc:
        import_population_csv(data, "x.csv")
    assert exc.value.field == "line 7, column 'Län'"
    assert exc.value.reason.startswith("'02' is not a länskod")


def test_misspelt_county_suggests() -> None:
    data = UTF8.read_bytes().replace("Norrbottens län".encode(), b"Norrbotten lan")
    with pytest.raises(RegisterError) as exc:
        import_population_csv(data, "x.csv")
    assert exc.value.field == "line 14, column 'region'"
    assert exc.value.reason == (
        "'Norrbotten lan' is not a known county; did you mean Norrbottens län?"
    )


def test_bad_number_names_line_and_column() -> None:
    data = _latin1_with('"2\xa0374\xa0550"', '"2 374 55O"')
    with pytest.raises(TableError) as exc:
        import_population_csv(data, "x.csv", column="Folkmängd")
    assert str(exc.value) == "line 6, column 'Folkmängd': '2 374 55O' is not a number"


def test_no_numeric_column_without_a_choice() -> None:
    data = _latin1_with('"2\xa0374\xa0550"', '".."')
    with pytest.raises(TableError, match="no column holds a number in every row"):
        import_population_csv(data, "x.csv")


def test_negative_population() -> None:
    data = _latin1_with('"59 636"\r\n"0980', '"-59 636"\r\n"0980')
    with pytest.raises(TableError) as exc:
        import_population_csv(data, "x.csv")
    assert str(exc.value) == "line 13, column 'Folkmängd': -59636 is negative"


def test_municipalities_must_add_up_to_their_county() -> None:
    data = _latin1_with('"0980 Gotland";"59 636"', '"0980 Gotland";"59 635"')
    with pytest.raises(TableError) as exc:
        import_population_csv(data, "x.csv")
    assert exc.value.field == "line 13, column 'Folkmängd'"
    assert exc.value.reason == (
        "Gotlands län is 59636 but its 1 municipality rows (lines 14–14) add up to 59635; "
        "remove the municipality rows or export all of them"
    )


def test_municipalities_only_are_refused() -> None:
    data = "Region;Folkmängd\n0114 Upplands Väsby;46 555\n0980 Gotland;59 636\n".encode()
    with pytest.raises(TableError, match="has municipality rows .* but no county rows"):
        import_population_csv(data, "kommuner.csv")


def test_no_county_rows_at_all() -> None:
    with pytest.raises(TableError, match="no row labelled with a county"):
        import_population_csv(b"a;b\n1;2\n", "x.csv")


def test_data_without_header() -> None:
    with pytest.raises(TableError) as exc:
        import_population_csv("01 Stockholms län;2374550\n".encode(), "x.csv")
    assert str(exc.value) == "line 1: the first county row of x.csv has no header line above it"


def test_no_date_in_the_file() -> None:
    data = _latin1_with("1 november 2019", "november").replace(b"1 november 2019", b"")
    assert import_population_csv(data, "x.csv").reference_date is None
