"""A payment decision rendered as PDF, HTML, XLSX and CSV, from the loaded decision files."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bidrag.agreements.models import Finding, PaymentDecision
from bidrag.documents.annexes import decision_annexes
from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.pdf import render_pdf
from bidrag.documents.render import render_html
from bidrag.documents.xlsx import write_xlsx

PSV_2021 = "2021-psv-payment-decision"
COLLABORATION_REGIONS = [
    "Norra samverkansregionen",
    "Sydöstra samverkansregionen",
    "Stockholm-Gotland samverkansregion",
    "Västra samverkansregionen",
    "Uppsala-Örebro samverkansregion",
    "Södra samverkansregionen",
]

pytestmark = pytest.mark.django_db


def psv() -> PaymentDecision:
    return PaymentDecision.objects.get(document_id=PSV_2021)


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # table cells may wrap inside the PDF


def test_pdf_of_the_2021_psv_decision_prints_its_text_and_both_annexes(loaded: None) -> None:
    data = render_pdf(psv())
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    # The decision's own sentences, as printed.
    assert "Regeringen uppdrar åt Kammarkollegiet att utbetala totalt 290 000 000 kronor" in text
    assert "SKR får i enlighet med vad som anges i överenskommelsen rekvirera 15 000 000" in text
    assert "För hanteringen i övrigt gäller vad som anges i överenskommelsen." in text
    # The head prints no date or diarienummer: seed 000 has none.
    assert "Regeringen Socialdepartementet Kammarkollegiet Utbetalning av medel" in text
    assert "1 (5)" in text and "5 (5)" in text and "Datum" not in text
    for heading in ("Ärendet", "På regeringens vägnar", "Kopia till"):
        assert heading in text
    assert "Regeringens beslut" not in text  # not printed in seed 000
    assert "Lena Hallengren" in text and "Lovisa Persson" in text
    # Annex 1: 21 regions with the printed amounts and the printed totals row.
    assert "Bilaga 1" in text and "Bilaga 2" in text
    assert "Region Stockholm 2 374 550 0,2301038047 49 472 318" in text
    assert "Region Gotland 59 636 0,0057789773 1 242 480" in text
    assert "Summa 10 319 473 1 215 000 000" in text
    # Annex 2 as printed: the six collaboration regions with their payees, no table.
    for region in COLLABORATION_REGIONS:
        assert f"{region}, 10 000 000 kronor" in text
    assert "Bankgiro: 5716-1507" in text
    assert "Summa 60 000 000" not in text


def test_html_render_is_one_page_with_the_document_and_the_notes_after_it(
    loaded: None,
) -> None:
    decision = psv()
    html = render_html(decision)
    assert html.count("<h1>") == 1
    assert '<html lang="sv">' in html
    assert '<th scope="col" class="num">Fördelade medel</th>' in html
    assert '<td class="num"><span class="nowrap">49 472 318</span></td>' in html
    assert "<tfoot>" in html and '<td class="num"><span class="nowrap">215 000 000</span>' in html
    document, notes = html.split('<aside class="notes"')
    assert "</article>" in document
    findings = list(Finding.objects.filter(decision=decision))
    assert findings, "the decision file acknowledges the hand adjustments of bilaga 1"
    assert "Kvitterade avvikelser" in notes and "Kvitterade avvikelser" not in document
    for finding in findings:
        assert finding.location in notes
    # The deadlines as they really fall, in the notes only.
    assert "Frister" in notes and "Ändamål" not in html


def test_pdf_leaves_out_the_findings_that_the_html_page_shows(loaded: None) -> None:
    assert "Kvitterade avvikelser" not in pdf_text(render_pdf(psv()))


def test_xlsx_has_one_sheet_per_annex_with_rows_numbers_and_total(loaded: None) -> None:
    annexes = decision_annexes(psv())
    book = load_workbook(io.BytesIO(write_xlsx([a.table for a in annexes])))
    assert book.sheetnames == ["Bilaga 1", "Bilaga 2"]
    sheet = book["Bilaga 1"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == (
        "Region",
        "Befolkning 1 november 2019",
        "Andel av rikets befolkning",
        "Fördelade medel",
    )
    assert rows[3] == ("Region Stockholm", 2374550, "0,2301038047", 49472318)
    assert rows[24] == ("Summa", 10319473, None, 215000000)
    assert sheet.cell(row=4, column=4).number_format == "#,##0"
    assert sheet.cell(row=25, column=1).font.bold
    second = list(book["Bilaga 2"].iter_rows(values_only=True))
    assert [r[0] for r in second[3:9]] == COLLABORATION_REGIONS
    assert second[9][:2] == ("Summa", 60000000)


def test_csv_of_an_annex_has_header_rows_and_total_row(loaded: None) -> None:
    annex = decision_annexes(psv())[0]
    data = csv_bytes(annex.table)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Region" and rows[0][-1] == "Fördelade medel"
    assert rows[1] == ["Region Stockholm", "2374550", "0,2301038047", "49472318"]
    assert rows[-1] == ["Summa", "10319473", "", "215000000"]
    assert len(rows) == 1 + 21 + 1


def test_amounts_giro_numbers_and_dates_never_break_across_lines(loaded: None) -> None:
    decision = PaymentDecision.objects.get(document_id="2023-S2023-00488-payment-decision")
    html = render_html(decision)
    assert '<span class="nowrap">62 500 000 kronor</span> ska utbetalas' in html
    assert '<span class="nowrap">1 december 2023</span>' in html
    assert ".nowrap { white-space: nowrap; }" in html
    head = html.split('<div class="reference">')[1].split("</div>")[0]  # the head, as printed
    assert "<p>2023-02-02</p>" in head and "S2023/00488" in head
    psv_html = render_html(psv())
    assert 'Bankgiro: <span class="nowrap">5716-1507</span>' in psv_html
    assert 'Plusgiro: <span class="nowrap">3 70 20-5</span>' in psv_html
    assert '<span class="nowrap">232100 -0057</span>' in psv_html


def test_reference_data_named_but_not_printed_is_a_note_not_an_empty_column(
    loaded: None,
) -> None:
    decision = PaymentDecision.objects.get(document_id="2023-S2023-00488-payment-decision")
    (bilaga_1, *_rest) = decision_annexes(decision)
    table = bilaga_1.table
    assert [c.title for c in table.columns][-1] == "Belopp, kr"
    assert len(table.columns) == 2
    assert any("inte tryckt" in note for note in table.notes)
