"""Broken decision files are refused with file, line and field, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from bidrag.accounts.testing import loader
from bidrag.agreements.models import PaymentDecision, SourceFile
from bidrag.agreements.services import load_files, verify_files
from bidrag.audit.models import AuditEvent
from bidrag.ledger.models import Posting
from bidrag.recipients.models import Organisation

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
S2023 = DECISIONS / "2023-S2023-00488-payment-decision.yaml"


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = PSV_2021.read_text()
    assert text.count(old) >= 1, old
    line = text[: text.index(old)].count("\n") + 1
    target = tmp_path / "broken.yaml"
    target.write_text(text.replace(old, new, 1))
    return target, line


def refuse(path: Path) -> str:
    """Load ``path`` together with a good file: all refused, nothing written."""
    user = loader()
    events = AuditEvent.objects.count()
    reports = load_files([str(S2023), str(path)], user)
    assert [r.status for r in reports] == ["not loaded", "refused"]
    assert SourceFile.objects.count() == 0
    assert PaymentDecision.objects.count() == 0
    assert Posting.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert AuditEvent.objects.count() == events
    return "\n".join(reports[1].errors)


@pytest.mark.django_db
def test_a_wrong_sum_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "amount: 215 000 000", "amount: 215 000 001")
    errors = refuse(path)
    assert "[lines-sum]" in errors and "290 000 001 kr" in errors
    assert "[annex-sum] bilaga 1, kolumn Fördelade medel" in errors
    assert f"{path}:" in errors


@pytest.mark.django_db
def test_an_unknown_region_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "{name: Region Gotland,", "{name: Region Gotlnd,")
    errors = refuse(path)
    assert f"{path}:{line}: annexes[0].rows[20].name" in errors
    assert "'Region Gotlnd' är inte ett känt namn på region; menade du Region Gotland?" in errors


@pytest.mark.django_db
def test_a_line_without_appropriation_item_is_refused(tmp_path: Path) -> None:
    old = "    appropriation_item: ap40\n    mode: with_requisition"
    path, line = broken(tmp_path, old, "    mode: with_requisition")
    errors = refuse(path)
    assert "lines[2]: [missing-appropriation-item] beslutsrad skr" in errors
    assert f"{path}:{line - 9}" in errors or f"{path}:" in errors


@pytest.mark.django_db
def test_a_bad_date_is_refused_with_its_line_and_field(tmp_path: Path) -> None:
    path, line = broken(
        tmp_path, "requisition_deadline: 2021-12-01", "requisition_deadline: 2021-02-30"
    )
    errors = refuse(path)
    assert f"{path}:{line}: lines[2].requisition_deadline:" in errors
    assert "ogiltigt datum '2021-02-30' (dagen finns inte i den månaden); ange ÅÅÅÅ-MM-DD" in errors


@pytest.mark.django_db
def test_a_bad_bankgiro_check_digit_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "bankgiro: 5728-3905", "bankgiro: 5728-3906")
    errors = refuse(path)
    assert f"{path}:{line}: annexes[1].rows[0].payee.bankgiro:" in errors
    assert "kontrollsiffran stämmer inte (sista siffran är 6, den ska vara 5)" in errors


@pytest.mark.django_db
def test_an_unacknowledged_hand_adjustment_is_an_error(tmp_path: Path) -> None:
    path, _ = broken(
        tmp_path,
        "  - code: model-deviation\n    at: bilaga 1",
        "  - code: model-deviation\n    at: bilaga 9",
    )
    errors = refuse(path)
    assert "[model-deviation] bilaga 1, kolumn Fördelade medel" in errors
    assert "[unused-acknowledgement]" in errors


@pytest.mark.django_db
def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "budget_year: 2021", "budget_yaer: 2021")
    errors = refuse(path)
    assert f"{path}:{line}: budget_yaer: okänt fält (menade du 'budget_year'?)" in errors


@pytest.mark.django_db
def test_a_value_outside_a_fixed_list_names_the_allowed_values(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "mode: with_requisition", "mode: with_requisiton")
    errors = refuse(path)
    assert (
        f"{path}:{line}: lines[2].mode: ogiltigt värde 'with_requisiton'; tillåtna värden: "
        "'without_requisition' eller 'with_requisition'" in errors
    )


def test_an_acknowledgement_may_name_the_column_by_its_printed_title(tmp_path: Path) -> None:
    path, _ = broken(
        tmp_path, "at: bilaga 1, kolumn amount", "at: bilaga 1, kolumn Fördelade medel"
    )
    (report,) = verify_files([str(path)])
    assert report.errors == [] and len(report.warnings) == 2


def test_an_acknowledgement_in_the_old_english_form_is_refused_with_a_hint(
    tmp_path: Path,
) -> None:
    path, _ = broken(tmp_path, "at: bilaga 1, kolumn amount", "at: bilaga 1, column amount")
    (report,) = verify_files([str(path)])
    errors = "\n".join(report.errors)
    assert "[model-deviation] bilaga 1, kolumn Fördelade medel" in errors
    assert (
        "[unused-acknowledgement] kvittering 1: kvitterar model-deviation vid "
        "”bilaga 1, column amount”, men där finns ingen sådan avvikelse "
        "(platser skrivs på svenska" in errors
    )
