"""The cell helpers every spreadsheet writer uses (bidrag.documents.safe_cells)."""

from __future__ import annotations

import io

import openpyxl

from bidrag.documents.safe_cells import CsvWriter, Formula, append_row, is_formula_like, set_cell

HYPERLINK = '=HYPERLINK("http://x","y")'


def test_only_formulas_written_on_purpose_are_formulas() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    append_row(sheet, [HYPERLINK, Formula("=SUM(B1:B2)"), -3])
    assert [c.data_type for c in sheet[1]] == ["s", "f", "n"]
    out = io.StringIO()
    CsvWriter(out).writerow([HYPERLINK, -3, None, "a\x00b"])
    assert out.getvalue() == '"\'=HYPERLINK(""http://x"",""y"")",-3,,a\x00b\r\n'


def test_what_counts_as_a_formula() -> None:
    for text in (HYPERLINK, "+1+1", "-2+3", "@A1", "\t=1", "\r=1", "-", "=", "-Region"):
        assert is_formula_like(text), text
    for text in ("Region", "-5", "+46 8 123 45 67", "-1 234,50", "1-2", "", " =1"):
        assert not is_formula_like(text), text


def test_set_cell_and_illegal_characters() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    assert set_cell(sheet, "A1", HYPERLINK).data_type == "s"
    assert sheet["A1"].quotePrefix
    append_row(sheet, ["a\x01b"])  # openpyxl refuses C0 controls; they become U+FFFD
    assert sheet["A2"].value == "a\ufffdb"
