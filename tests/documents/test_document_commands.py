"""`bidrag decisions` and `bidrag render`."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

PSV_2021 = "2021-psv-payment-decision"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_decisions_lists_current_decisions_id_first_with_date_number_title_total(
    loaded: None,
) -> None:
    lines = run("decisions").splitlines()
    assert lines == [
        "2021-psv-payment-decision\t-\t-\tUtbetalning av medel för Personcentrerade och "
        "sammanhållna vårdförlopp\t290 000 000 kr",
        "2023-S2023-00488-payment-decision\t2023-02-02\tS2023/00488\tUtbetalning av medel i "
        "enlighet med överenskommelsen Sammanhållen, jämlik och säker vård 2023\t226 000 000 kr",
    ]


def test_render_pdf_writes_the_decision(loaded: None, tmp_path: Path) -> None:
    target = tmp_path / "psv.pdf"
    run("render", PSV_2021, "--format", "pdf", "--output", str(target))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "49 472 318" in text


def test_render_html_to_standard_output(loaded: None) -> None:
    html = run("render", PSV_2021, "--format", "html", "--output", "-")
    assert html.startswith("<!DOCTYPE html>") and "<h2>Ärendet</h2>" in html
    assert "Kammarkollegiets anteckningar" in html
    alone = run("render", PSV_2021, "--format", "html", "--no-notes", "--output", "-")
    assert "<h2>Ärendet</h2>" in alone and "Kammarkollegiets anteckningar" not in alone


def test_render_takes_an_agreement_too(loaded: None, tmp_path: Path) -> None:
    html = run("render", "2021-agreement-patient-safety-psv", "--format", "html", "-o", "-")
    assert "<h1>9. Godkännande av överenskommelsen</h1>" in html
    assert "Information som ska ingå i SKR:s rekvisition" in html
    target = tmp_path / "gnv.pdf"
    run(
        "render",
        "2021-agreement-god-och-nara-vard",
        "--format",
        "pdf",
        "--notes",
        "-o",
        str(target),
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Medel till regionerna" in text and "Kammarkollegiets anteckningar" in text
    run(
        "render",
        "2021-agreement-god-och-nara-vard",
        "--format",
        "xlsx",
        "-o",
        str(tmp_path / "a.xlsx"),
    )
    assert load_workbook(tmp_path / "a.xlsx").sheetnames == ["Bilaga 3", "Bilaga 4"]


def test_render_xlsx_has_every_annex(loaded: None, tmp_path: Path) -> None:
    target = tmp_path / "psv.xlsx"
    run("render", PSV_2021, "--format", "xlsx", "--output", str(target))
    assert load_workbook(target).sheetnames == ["Bilaga 1", "Bilaga 2"]


def test_render_csv_writes_one_file_per_annex_or_the_one_asked_for(
    loaded: None, tmp_path: Path
) -> None:
    run("render", PSV_2021, "--format", "csv", "--output", str(tmp_path / "psv.csv"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["psv-bilaga-1.csv", "psv-bilaga-2.csv"]
    only = tmp_path / "two.csv"
    run("render", PSV_2021, "--format", "csv", "--annex", "2", "--output", str(only))
    assert "Stockholm-Gotland samverkansregion;10000000" in only.read_text("utf-8-sig")


def test_render_of_an_unknown_id_is_refused_with_a_hint(loaded: None) -> None:
    with pytest.raises(
        CommandError,
        match="no loaded payment decision or agreement has id 'nope'.*bidrag decisions",
    ):
        run("render", "nope", "--format", "pdf", "--output", "/tmp/x.pdf")


def test_render_of_a_missing_annex_or_folder_is_refused(loaded: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="has no annex 7"):
        run("render", PSV_2021, "--format", "csv", "--annex", "7", "--output", "-")
    with pytest.raises(CommandError, match="does not exist"):
        run("render", PSV_2021, "--format", "html", "--output", str(tmp_path / "no" / "x.html"))
    with pytest.raises(CommandError, match="standard output"):
        run("render", PSV_2021, "--format", "pdf", "--output", "-")


def test_render_csv_to_standard_output_puts_each_annex_after_its_title(loaded: None) -> None:
    out = run("render", PSV_2021, "--format", "csv", "--output", "-")
    assert out.startswith("Bilaga 1. Utbetalning av stimulansmedel till regioner")
    assert "\r\nBilaga 2. Utbetalning av stimulansmedel till samverkansregioner" in out
