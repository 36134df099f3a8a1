"""Spreadsheet injection: text that a spreadsheet would run is exported inert, in every export
(OWASP "CSV Injection"); numbers, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.tables import Column, Kind, make_table
from bidrag.documents.xlsx import write_xlsx
from bidrag.recipients.approvals import (
    approve_payment_details_change,
    propose_payment_details_change,
)
from bidrag.recipients.models import Organisation

HYPERLINK = '=HYPERLINK("http://x","y")'
HOSTILE = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
PLAIN_NUMBER = re.compile(r"[+-]?[\d ]+(?:[.,]\d+)?")


def is_formula_like(text: str) -> bool:
    """What a spreadsheet runs: text starting = + - @ tab or CR that is not a plain number."""
    return text.startswith(("=", "+", "-", "@", "\t", "\r")) and not PLAIN_NUMBER.fullmatch(text)


def xlsx_cells(data: bytes) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def assert_inert_xlsx(data: bytes, texts: list[str]) -> None:
    cells = xlsx_cells(data)
    assert not [c.value for c in cells if c.data_type == "f"], "a formula in the export"
    for text in texts:
        found = [c for c in cells if c.value == text]
        assert found, f"{text!r} not exported"
        assert all(c.data_type == "s" and c.quotePrefix for c in found)


def csv_cells(data: bytes, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def assert_inert_csv(data: bytes, texts: list[str], delimiter: str) -> None:
    cells = csv_cells(data, delimiter)
    assert not [c for c in cells if is_formula_like(c)], "a live formula in the CSV"
    for text in texts:
        assert "'" + text in cells, f"{text!r} not exported neutralised"


def test_the_table_writers_neutralise_text_and_keep_numbers() -> None:
    table = make_table(
        "Utbetalningar",
        "Blad",
        [
            Column("name", "Namn"),
            Column("amount", "Belopp", Kind.KRONOR),
            Column("ore", "Öre", Kind.ORE),
        ],
        [[text, -5, -123456] for text in HOSTILE] + [["-7", 7, 1], ["Region; =1+1", 0, 0]],
        total_label="Summa",
    )
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx([table])))
    sheet = book.active
    assert sheet is not None
    assert_inert_xlsx(write_xlsx([table]), HOSTILE)
    assert sheet["B4"].value == -5 and sheet["B4"].data_type == "n"
    assert float(sheet["C4"].value) == -1234.56
    data = csv_bytes(table)
    assert_inert_csv(data, HOSTILE, ";")
    text = data.decode("utf-8-sig")
    assert ";-5;-1234,56\r\n" in text  # numbers stay bare, negative ones too
    assert "\r\n-7;7;0,01\r\n" in text  # text that is only a number is left as it is
    assert '"Region; =1+1"' in text  # a separator inside text is quoted


def test_a_payees_bank_name_is_exported_inert_to_the_recipient_and_the_auditor(
    people: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    change = propose_payment_details_change(
        people["handlaggare"],
        stockholm,
        payee_name="@SUM(1+1)",
        account_type="bankgiro",
        account_number="5050-1055",
        bank=HYPERLINK,
        reason="Intyg från banken",
    )
    approve_payment_details_change(people["attestant"], change)
    page = reverse("pages:recipient", args=[stockholm.pk])
    for role, url in (("mottagare", page), ("revisor", reverse("approvals:audit_log"))):
        client = signed_in(role)
        xlsx = client.get(url, {"format": "xlsx"})
        assert xlsx.status_code == 200
        exported = [c.value for c in xlsx_cells(xlsx.content)]
        assert any(isinstance(v, str) and "HYPERLINK" in v for v in exported)
        assert not [c.value for c in xlsx_cells(xlsx.content) if c.data_type == "f"]
        answer = client.get(url, {"format": "csv"})
        assert answer.status_code == 200
        cells = csv_cells(answer.content, ";")
        assert not [c for c in cells if is_formula_like(c)]
    recipient = signed_in("mottagare")
    assert_inert_xlsx(recipient.get(page, {"format": "xlsx"}).content, [HYPERLINK, "@SUM(1+1)"])
    assert_inert_csv(recipient.get(page, {"format": "csv"}).content, [HYPERLINK, "@SUM(1+1)"], ";")


def test_allocate_exports_a_formula_like_recipient_inert(tmp_path: Path) -> None:
    weights = tmp_path / "w.csv"
    weights.write_text(
        'recipient,population\n"=HYPERLINK(""http://x"",""y"")",3\n-Region,1\n', encoding="utf-8"
    )
    args = ["--total", "1000", "--weights", str(weights), "--key", "population"]
    call_command("allocate", *args, "--format", "csv", "--output", str(tmp_path / "a.csv"))
    data = (tmp_path / "a.csv").read_bytes()
    assert_inert_csv(data, [HYPERLINK, "-Region"], ",")
    assert data.decode().splitlines()[1].endswith(",750,0,750")
    target = tmp_path / "a.xlsx"
    call_command("allocate", *args, "--format", "xlsx", "--output", str(target))
    cells = xlsx_cells(target.read_bytes())
    assert [c.value for c in cells if c.data_type == "f"] == [
        "=SUM(C2:C3)",
        "=SUM(D2:D3)",
        "=SUM(E2:E3)",
    ]
    inert = [c for c in cells if c.value in (HYPERLINK, "-Region")]
    assert len(inert) == 2 and all(c.data_type == "s" and c.quotePrefix for c in inert)
