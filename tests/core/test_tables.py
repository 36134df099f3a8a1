"""The tabular reader: encodings, delimiters, headers, ragged rows, binary input, exact numbers."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bidrag.core.errors import DomainError, TableError
from bidrag.core.tables import (
    Table,
    TableRow,
    looks_double_encoded,
    parse_integer,
    parse_number,
    read_table,
    read_table_file,
    where,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scb"


def _error(exc: pytest.ExceptionInfo[TableError]) -> str:
    return str(exc.value)


# Encodings -------------------------------------------------------------------------------


def test_latin1_file_with_title_lines_reads_swedish_letters() -> None:
    table = read_table_file(
        FIXTURES / "folkmangd_lan_2019_latin1_semicolon.csv", header_contains="län", notes=True
    )
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.header == ("Län", "Folkmängd")
    assert table.header_line == 4
    assert table.preamble == (
        "Folkmängd i riket, län och kommuner 1 november 2019",
        "Källa: Regeringsbeslut 2021 (PSV), bilaga 1",
    )
    labels = table.column("Län")
    assert labels[0] == "00 Riket"
    assert "18 Örebro län" in labels
    assert table.rows[1] == TableRow(
        6, {"Län": "01 Stockholms län", "Folkmängd": "2\xa0374\xa0550"}
    )
    assert table.notes == (
        "Uppgifterna avser förhållandena den 1 november 2019.",
        "Källa: SCB, befolkningsstatistik",
    )


def test_utf8_with_bom_and_crlf() -> None:
    table = read_table_file(FIXTURES / "folkmangd_lan_2020_utf8_bom_codes.csv")
    assert table.encoding == "utf-8-sig"
    assert table.header == ("Länskod", "Län", "Folkmängd 2020-11-01")  # no BOM in the first name
    assert table.rows[0].line == 2
    assert table.rows[0].cells == {
        "Länskod": "01",
        "Län": "Stockholms län",
        "Folkmängd 2020-11-01": "2 391 841",
    }
    assert table.column("Län")[-1] == "Totalsumma"


def test_utf8_comma_pxweb_style_with_quoted_title() -> None:
    table = read_table_file(
        FIXTURES / "folkmangd_lan_2020_utf8_comma.csv", header_contains="region", notes=True
    )
    assert (table.encoding, table.delimiter) == ("utf-8", ",")
    assert table.preamble == ("Folkmängd efter region. Befolkning 1/11 - 2020",)
    assert table.header == ("region", "Befolkning 1/11 - 2020")
    assert table.rows[0].cells == {"region": "Riket", "Befolkning 1/11 - 2020": "10378483"}
    assert table.rows[0].line == 4
    assert len(table.rows) == 22
    assert table.notes == ("Källa: Överenskommelse God och nära vård 2021, bilaga 3",)


def test_cp1252_letters_outside_latin1() -> None:
    data = "Område;Belopp\nKöping – centrum;1 000 €\n".encode("cp1252")
    table = read_table(data)
    assert table.encoding == "cp1252"
    assert table.rows[0].cells["Område"] == "Köping – centrum"


def test_utf16_with_bom_is_read() -> None:
    data = "Län\tFolkmängd\r\nÖrebro län\t304634\r\n".encode("utf-16")
    table = read_table(data, "export.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].cells == {"Län": "Örebro län", "Folkmängd": "304634"}


def test_double_encoded_utf8_is_refused_naming_the_line() -> None:
    with pytest.raises(TableError) as exc:
        read_table_file(FIXTURES / "double_encoded.csv")
    assert exc.value.field.endswith("double_encoded.csv")
    assert "line 1 reads 'Ã¤'" in _error(exc)
    assert "decoded as Latin-1" in exc.value.reason
    assert looks_double_encoded("Ã–rebro län")
    assert not looks_double_encoded("Örebro län")


# Binary input ----------------------------------------------------------------------------


def test_pdf_is_refused() -> None:
    with pytest.raises(TableError) as exc:
        read_table_file(FIXTURES / "bilaga1.pdf")
    assert exc.value.field.endswith("bilaga1.pdf")
    assert "is a PDF document, not a text table" in exc.value.reason


def test_xlsx_is_refused() -> None:
    with pytest.raises(TableError, match=r"ZIP archive \(an XLSX"):
        read_table(b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "vikter.xlsx")


def test_nul_bytes_are_refused_with_offset_and_line() -> None:
    with pytest.raises(TableError) as exc:
        read_table_file(FIXTURES / "utf16_without_bom.csv")
    assert "control byte 0x00 at byte offset 1 (line 1)" in exc.value.reason
    assert "UTF-16 without a byte order mark" in exc.value.reason


def test_control_character_on_a_later_line() -> None:
    data = b"a;b\n1;2\n3;\x07\n"
    with pytest.raises(TableError) as exc:
        read_table(data, "w.csv")
    assert exc.value.field == "w.csv"
    assert "control byte 0x07 at byte offset 10 (line 3)" in exc.value.reason


def test_c1_control_character_in_utf8_is_refused() -> None:
    with pytest.raises(TableError, match=r"control character U\+0085 at line 2"):
        read_table("a;b\n1;\u0085\n".encode())


def test_not_bytes() -> None:
    with pytest.raises(TableError, match="expected bytes, got str"):
        read_table("a,b\n1,2\n")  # type: ignore[arg-type]


# Delimiters --------------------------------------------------------------------------------


def test_semicolon_with_decimal_commas_is_semicolon() -> None:
    data = b"Region;Andel;Belopp\nRegion Stockholm;0,2301038047;49 472 318\n"
    table = read_table(data)
    assert table.delimiter == ";"
    assert table.rows[0].cells["Andel"] == "0,2301038047"


def test_semicolon_header_with_comma_in_a_name() -> None:
    data = (
        b"Region;Andel, %;Belopp\nRegion Gotland;0,58;1 242 480\nRegion Blekinge;1,55;3 328 253\n"
    )
    assert read_table(data).header == ("Region", "Andel, %", "Belopp")


def test_comma_with_quoted_cells_holding_semicolons() -> None:
    data = b'Mottagare,Referens\nRegion Stockholm,"Ansvar 156; frikod 8668"\n'
    table = read_table(data)
    assert table.delimiter == ","
    assert table.rows[0].cells["Referens"] == "Ansvar 156; frikod 8668"


def test_tab_separated() -> None:
    table = read_table_file(FIXTURES / "befolkning_regioner_2019_2020_tab.csv")
    assert table.delimiter == "\t"
    assert table.rows[0].cells["Region"] == "Region Stockholm"


def test_forced_delimiter() -> None:
    assert read_table(b"a,b;c\n1,2;3\n", delimiter=",").header == ("a", "b;c")
    with pytest.raises(TableError, match="comma, a semicolon or a tab"):
        read_table(b"a|b\n", delimiter="|")


def test_single_column() -> None:
    table = read_table(b"Region\nRegion Gotland\n")
    assert table.header == ("Region",)
    assert table.column("Region") == ["Region Gotland"]


# Header and rows -------------------------------------------------------------------------


def test_blank_lines_skipped_and_cells_stripped_and_lines_counted() -> None:
    data = b"\n  Region ; Belopp \n\nRegion Gotland ;  1 242 480\n\n;\nRegion Blekinge;3 328 253\n"
    table = read_table(data)
    assert table.header == ("Region", "Belopp")
    assert table.header_line == 2
    assert [(r.line, r.cells["Region"]) for r in table.rows] == [
        (4, "Region Gotland"),
        (7, "Region Blekinge"),
    ]
    assert table.rows[0].cells["Belopp"] == "1 242 480"


def test_quoted_cell_spanning_lines_numbers_the_next_row_right() -> None:
    data = 'Mottagare;Referens\nRegion Skåne;"Region Skåne\nSödra"\nRegion Halland;x\n'.encode()
    table = read_table(data)
    assert table.rows[0].cells["Referens"] == "Region Skåne\nSödra"
    assert [r.line for r in table.rows] == [2, 4]


def test_ragged_row_names_its_line() -> None:
    with pytest.raises(TableError) as exc:
        read_table_file(FIXTURES / "ragged.csv", header_contains="län")
    assert exc.value.field == "line 6"
    assert exc.value.reason == "has 1 cell, the header (line 3) has 2 (semicolon-separated)"


def test_too_many_cells() -> None:
    with pytest.raises(TableError) as exc:
        read_table(b"a,b\n1,2\n1,2,3\n")
    assert str(exc.value) == "line 3: has 3 cells, the header (line 1) has 2 (comma-separated)"


def test_duplicate_header_names() -> None:
    with pytest.raises(TableError) as exc:
        read_table(b"Region;Belopp;belopp\nx;1;2\n")
    assert exc.value.field == "line 1"
    assert "'belopp' appears twice (columns 2 and 3)" in exc.value.reason


def test_empty_header_name() -> None:
    with pytest.raises(TableError) as exc:
        read_table(b"Region;;Belopp\nx;1;2\n", "vikter.csv")
    assert str(exc.value) == "line 1: header column 2 has no name (header of vikter.csv)"


def test_empty_input() -> None:
    with pytest.raises(TableError, match="is empty: no header line"):
        read_table(b"\n\n", "tom.csv")


def test_header_contains_not_found() -> None:
    with pytest.raises(TableError) as exc:
        read_table(b"a;b\n1;2\n", "x.csv", header_contains="Folkmängd")
    assert str(exc.value) == "x.csv: no header line with a cell containing 'Folkmängd'"


def test_header_line_explicit() -> None:
    table = read_table(b"Titel\n\nLan;Folk\n01 Stockholms lan;1\n", header_line=3)
    assert table.header == ("Lan", "Folk")
    assert table.preamble == ("Titel",)
    with pytest.raises(TableError, match="header line 2 is blank"):
        read_table(b"Titel\n\nLan;Folk\n", header_line=2)


def test_without_notes_a_trailing_note_is_a_ragged_row() -> None:
    data = b"Lan;Folk\n01;1\n\nKalla: SCB\n"
    with pytest.raises(TableError, match="^line 4: has 1 cell"):
        read_table(data)
    assert read_table(data, notes=True).notes == ("Kalla: SCB",)


def test_a_data_row_after_the_notes_break_is_an_error() -> None:
    with pytest.raises(TableError) as exc:
        read_table(b"Lan;Folk\n01;1\n\n03;2\n", notes=True)
    assert exc.value.field == "line 4"
    assert "after line 3, where the table ended" in exc.value.reason


def test_column_lookup_and_missing_column_lists_present_ones() -> None:
    table = read_table(b"Region;Befolkning\nRegion Gotland;59 636\n", "b1.csv")
    assert table.column("befolkning") == ["59 636"]  # case-insensitive fallback
    with pytest.raises(TableError) as exc:
        table.column("population")
    assert exc.value.field == "column 'population'"
    assert exc.value.reason == "not in b1.csv; present: 'Region', 'Befolkning'"
    with pytest.raises(TableError, match="line 2: no column 'x'; present: 'Region', 'Befolkning'"):
        table.rows[0]["x"]
    assert table.rows[0]["Region"] == "Region Gotland"


def test_missing_file() -> None:
    with pytest.raises(TableError, match="cannot be read"):
        read_table_file(FIXTURES / "no-such-file.csv")


def test_errors_are_domain_errors() -> None:
    assert issubclass(TableError, DomainError)


# Numbers ---------------------------------------------------------------------------------

PLACE = where(7, "population")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("2 374 550", Fraction(2374550)),
        ("2374550", Fraction(2374550)),
        ("2\xa0374\xa0550", Fraction(2374550)),
        ("2\u202f374\u202f550", Fraction(2374550)),
        ("0,2301038047", Fraction(2301038047, 10**10)),
        ("0.25", Fraction(1, 4)),
        ("-3", Fraction(-3)),
        ("\u22123", Fraction(-3)),
        ("+12", Fraction(12)),
        (" 10 319 473 ", Fraction(10319473)),
        ("1 215 000 000,50", Fraction(243000000100, 200)),
        ("007", Fraction(7)),
    ],
)
def test_parse_number(cell: str, value: Fraction) -> None:
    assert parse_number(cell, PLACE) == value


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("abc", "'abc' is not a number"),
        ("1,2,3", "'1,2,3' is not a number"),
        ("1.234.567", "'1.234.567' is not a number"),
        ("2,374,550", "'2,374,550' is not a number"),
        ("1e5", "'1e5' is not a number"),
        ("nan", "'nan' is not a number"),
        ("inf", "'inf' is not a number"),
        ("..", "'..' is not a number"),
        ("23%", "'23%' is not a number"),
        ("12 34", "'12 34' is not a number"),
        ("1  234", "'1  234' is not a number"),
        ("- 3", "'- 3' is not a number"),
        (",5", "',5' is not a number"),
        ("5,", "'5,' is not a number"),
    ],
)
def test_parse_number_refuses(cell: str, reason: str) -> None:
    with pytest.raises(TableError) as exc:
        parse_number(cell, PLACE)
    assert exc.value.field == "line 7, column 'population'"
    assert exc.value.reason == reason
    assert str(exc.value) == f"line 7, column 'population': {reason}"


def test_parse_integer() -> None:
    assert parse_integer("2 374 550", PLACE) == 2374550
    assert parse_integer("12,0", PLACE) == 12
    with pytest.raises(TableError, match="'12,5' is not a whole number"):
        parse_integer("12,5", PLACE)


# Property: any table written as UTF-8 or Latin-1, comma or semicolon (or tab), reads back ---

_NAME_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters=',;\t"'
) | st.sampled_from("ÅÄÖåäöé")
_CELL_CHARS = (
    st.characters(blacklist_categories=("Cc", "Cs"))
    | st.sampled_from('ÅÄÖåäö,;\t\n" \xa0')
    | st.sampled_from("0123456789")
)


def _stripped(chars: st.SearchStrategy[str], min_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(chars, min_size=min_size, max_size=12)
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size)
    )


@st.composite
def _tables(draw: st.DrawFn) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    width = draw(st.integers(1, 5))
    names = draw(
        st.lists(
            _stripped(_NAME_CHARS, 1),
            min_size=width,
            max_size=width,
            unique_by=lambda s: " ".join(s.split()).casefold(),
        )
    )
    rows = draw(
        st.lists(
            st.lists(_stripped(_CELL_CHARS, 0), min_size=width, max_size=width)
            .filter(lambda cells: any(cells))
            .map(tuple),
            max_size=6,
        )
    )
    return tuple(names), rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=_tables(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_written_tables_read_back(
    table: tuple[tuple[str, ...], list[tuple[str, ...]]],
    encoding: str,
    delimiter: str,
    newline: str,
) -> None:
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    assume(not looks_double_encoded(text))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        raise
    if encoding == "latin-1":
        # Latin-1 files are detected by not being UTF-8; C1 controls are not text.
        assume(all(not 0x80 <= ord(c) <= 0x9F for c in text))
        assume(data.isascii() or not _is_utf8(data))

    result = read_table(data, "written.csv")

    assert result.header == header
    assert [tuple(r.cells[h] for h in header) for r in result.rows] == rows
    if len(header) > 1:
        assert result.delimiter == delimiter
    assert isinstance(result, Table)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
