"""What the pages show and export, on the four loaded documents."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bidrag.agreements.models import Agreement, Finding, PaymentDecision
from bidrag.ledger.models import AppropriationItem
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.django_db

PSV_2021 = "2021-psv-payment-decision"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_region_stockholms_page_shows_its_money_from_2021_and_2023(
    loaded: None, official: Client
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    response = official.get(reverse("pages:recipient", args=[stockholm.pk]))
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "49 472 318" in page  # 2021 PSV decision, bilaga 1
    assert "14 486 584" in page  # 2023 decision, bilaga 1
    assert "2021 49 472 318" in page and "2023 14 486 584" in page  # totals per budget year
    assert "Summa 63 958 902" in page


def test_region_stockholms_page_exports_what_it_shows(loaded: None, official: Client) -> None:
    url = reverse("pages:recipient", args=[Organisation.objects.get(name="Region Stockholm").pk])
    response = official.get(url + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    flat = [cell for row in rows for cell in row]
    assert "49472318" in flat and "14486584" in flat and "63958902" in flat
    response = official.get(url + "?format=xlsx")
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Beslutade medel", "Per budgetår"]
    years = list(book["Per budgetår"].iter_rows(min_row=4, values_only=True))
    assert years[:3] == [("2021", 49472318), ("2023", 14486584), ("Summa", 63958902)]


def test_decision_page_shows_lines_annexes_findings_and_download_links(
    loaded: None, official: Client
) -> None:
    response = official.get(reverse("pages:decision", args=[PSV_2021]))
    html = response.content.decode()
    assert html.count("<h1") == 1
    page = text_of(html)
    for amount in ("215 000 000", "60 000 000", "15 000 000", "49 472 318"):
        assert amount in page
    assert "Engångsvis utan rekvisition" in page and "Efter rekvisition" in page
    assert "15 februari 2021 – 15 mars 2021" in page and "1 december 2021" in page
    assert "ap. 40 Jämlik sjukvård" in page
    assert "Summa 10 319 473 215 000 000" in page
    decision = PaymentDecision.objects.get(document_id=PSV_2021)
    for finding in Finding.objects.filter(decision=decision):
        assert finding.message in html or finding.location in html
    assert 'class="message message-warning"' in html
    # the findings and their explanations are in Swedish, placed by the printed column title
    assert (
        "bilaga 1, kolumn Fördelade medel – 2 rader avviker från modellen (befolkning "
        "1 november 2019, avrundning half-up; modellens summa 214 999 998 kr): "
        "Region Värmland +1 kr; Region Västernorrland +1 kr" in page
    )
    assert "De beslutade beloppen gäller som tryckta." in page
    for link in ("beslut.pdf", "beslut.html", "?format=xlsx", "?format=csv"):
        assert link in html
    assert '<th scope="col" class="num">' in html and "<caption>" in html


def test_decision_documents_download_as_pdf_and_html(loaded: None, official: Client) -> None:
    pdf = official.get(reverse("pages:decision_pdf", args=[PSV_2021]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = official.get(reverse("pages:decision_html", args=[PSV_2021]))
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "<h2>Ärendet</h2>".encode() in html.content
    assert b"Kammarkollegiets anteckningar" in html.content


def test_decision_export_has_one_sheet_per_table(loaded: None, official: Client) -> None:
    response = official.get(reverse("pages:decision", args=[PSV_2021]) + "?format=xlsx")
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Beslutsrader", "Rätt till bidrag", "Bilaga 1", "Bilaga 2"]


def test_decision_list_and_unknown_decision(loaded: None, official: Client) -> None:
    page = text_of(official.get(reverse("pages:decisions")).content.decode())
    assert "290 000 000" in page and "226 000 000" in page and "S2023/00488" in page
    assert official.get(reverse("pages:decision", args=["nope"])).status_code == 404


def test_agreement_pages_show_areas_signatures_and_decisions(
    loaded: None, official: Client
) -> None:
    listing = official.get(reverse("pages:agreements"))
    assert listing.status_code == 200
    for agreement in Agreement.objects.all():
        assert agreement.name in listing.content.decode()
        response = official.get(reverse("pages:agreement", args=[agreement.document_id]))
        assert response.status_code == 200
        page = text_of(response.content.decode())
        assert agreement.name in page
        for area in agreement.areas.filter(parent=None):
            assert area.name in page
    export = official.get(reverse("pages:agreements") + "?format=csv")
    assert export["Content-Type"] == "text/csv; charset=utf-8"


def test_appropriation_pages_show_ledger_balances(loaded: None, official: Client) -> None:
    listing = official.get(reverse("pages:appropriations"))
    assert listing.status_code == 200
    page = text_of(listing.content.decode())
    assert "Anslagsposter budgetår 2021" in page and "Anslagsposter budgetår 2023" in page
    item = AppropriationItem.objects.get(
        appropriation__budget_year=2021, appropriation__code="1:6", number=40
    )
    detail = text_of(official.get(reverse("pages:appropriation", args=[item.pk])).content.decode())
    assert "290 000 000,00" in detail  # decided from the 2021 PSV decision
    export = official.get(reverse("pages:appropriation", args=[item.pk]) + "?format=xlsx")
    assert export["Content-Type"] == XLSX


def test_region_stockholms_page_lists_agreement_allocations_apart_from_decided_money(
    loaded: None, official: Client
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    page = text_of(official.get(reverse("pages:recipient", args=[stockholm.pk])).content.decode())
    assert "Fördelning i överenskommelser" in page
    assert "555 181 809" in page  # God och nära vård 2021, bilaga 4, printed as 'Stockholm'
    assert "Summa 63 958 902" in page  # decided money is still only the two decisions


def test_agreement_page_groups_findings_by_their_explanation(
    loaded: None, official: Client
) -> None:
    agreement = Agreement.objects.get(name__startswith="God och nära vård")
    html = official.get(reverse("pages:agreement", args=[agreement.document_id])).content.decode()
    explanations = {f.explanation for f in agreement.findings.all()}
    assert html.count('class="message message-warning"') == len(
        {(f.code, f.explanation) for f in agreement.findings.all()}
    )
    assert len(explanations) < agreement.findings.count()
    assert "2 021" not in html and "2021" in html
