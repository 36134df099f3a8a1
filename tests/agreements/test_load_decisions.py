"""Loading the four decision files: verify output, idempotence, versions, refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bidrag.accounts.testing import loader
from bidrag.agreements.models import Agreement, AnnexRow, Finding, PaymentDecision, SourceFile
from bidrag.agreements.services import load_files, verify_files
from bidrag.ledger.models import LedgerTransaction, Posting
from bidrag.ledger.services import balances, find_item
from bidrag.recipients.models import Organisation, PaymentDetails

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
S2023 = DECISIONS / "2023-S2023-00488-payment-decision.yaml"
AGREEMENT_002 = DECISIONS / "2021-agreement-patient-safety-psv.yaml"
AGREEMENT_003 = DECISIONS / "2021-agreement-god-och-nara-vard.yaml"
ALL = [str(p) for p in (PSV_2021, S2023, AGREEMENT_002, AGREEMENT_003)]


def codes(path: Path) -> list[tuple[str, str, str]]:
    (report,) = verify_files([str(path)])
    return [(p.code, p.where, p.status) for p in report.problems]


def test_verify_reports_seed_000_hand_adjustments_and_merged_total_row() -> None:
    (report,) = verify_files([str(PSV_2021)])
    assert report.errors == []
    warnings = "\n".join(report.warnings)
    assert "Region Värmland +1 kr; Region Västernorrland +1 kr" in warnings
    assert "modellens summa 214 999 998 kr" in warnings
    assert "raden kan också läsas som 1 215 000 000 kr" in warnings
    assert len(report.warnings) == 2


def test_verify_reports_the_misspelt_norrbotten_of_seed_001() -> None:
    found = codes(S2023)
    assert ("name-as-printed", "bilaga 1, rad 21 'Region Norrbottens'", "warning") in found
    assert ("model-unknown", "bilaga 1, kolumn amount", "warning") in found
    assert all(status == "warning" for _, _, status in found)


def test_verify_reports_seed_003_annex_problems() -> None:
    (report,) = verify_files([str(AGREEMENT_003)])
    assert report.errors == []
    text = "\n".join(report.warnings)
    assert (
        "raderna summerar till 2 531 000 001 kr, men den tryckta summan är 2 531 000 000 kr" in text
    )
    assert "bilaga 4, kolumn Nära vård: 1 rad avviker" in text
    assert "Region Östergötland −1 kr" in text
    assert "bilaga 3, kolumn Vårdens medarbetare: fördelningsnyckeln går inte att härleda" in text
    assert "bilaga 3, kolumn Nära vård: 21 rader avviker från modellen som texten anger" in text
    assert "bilaga 3, kolumn Nära vård: 10 rader avviker från modellen (mottagare" in text
    assert "tryckt som 'Västragötalandsregionen', tolkas som Västra Götalands län" in text
    assert "tryckt som 'Region Örebro', tolkas som Örebro län" in text
    assert "955 447 732 kr, men tryckt belopp är 955 447 731 kr" in text


def test_agreement_002_checks_clean_against_its_stated_totals() -> None:
    (report,) = verify_files([str(AGREEMENT_002)])
    assert report.errors == [] and report.warnings == []


@pytest.mark.django_db
def test_loading_the_four_files_records_documents_recipients_and_ledger() -> None:
    reports = load_files(ALL, loader())
    assert [r.status for r in reports] == ["new"] * 4
    assert Agreement.objects.count() == 2
    decision = PaymentDecision.objects.get(document_id="2021-psv-payment-decision")
    assert decision.diarienummer == "" and decision.date is None
    assert decision.agreement is not None and decision.agreement.diarienummer == "S2020/09781"
    assert [line.amount for line in decision.lines.all()] == [215_000_000, 60_000_000, 15_000_000]
    stockholm = AnnexRow.objects.get(
        annex__decision=decision, annex__number=1, printed_name="Region Stockholm"
    )
    assert stockholm.amount == 49_472_318 and stockholm.recipient.county_code == "01"
    norrbotten = AnnexRow.objects.get(printed_name="Region Norrbottens")
    assert norrbotten.recipient.name == "Region Norrbotten"
    assert Finding.objects.filter(decision=decision, code="model-deviation").exists()
    item40 = find_item(2021, "1:6", 40)
    assert balances(item40).decided == 290_000_000 * 100
    assert balances(find_item(2023, "1:6", 40)).decided == 140_000_000 * 100
    norra = Organisation.objects.get(name="Norra samverkansregionen")
    details = PaymentDetails.objects.get(organisation=norra, is_current=True)
    assert details.payee.org_number == "222000-1651"
    assert (details.account_type, details.account_number) == ("bankgiro", "57283905")
    # the printed reference fails the OCR check: a message, and said so
    assert (details.ocr, details.message) == ("", "0319200")
    assert "inte en giltig OCR-referens" in details.note
    sydostra = PaymentDetails.objects.get(organisation__name="Sydöstra samverkansregionen")
    assert sydostra.account_number == "" and sydostra.payee.name == "Region Jönköpings län"


@pytest.mark.django_db
def test_loading_the_same_files_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load", *ALL, user=loader().get_username())
    counts = (SourceFile.objects.count(), Posting.objects.count(), AnnexRow.objects.count())
    call_command("load", *ALL, user=loader().get_username())
    out = capsys.readouterr().out
    assert out.count("oförändrad (version 1 är redan inläst): inget att göra") == 4
    assert (SourceFile.objects.count(), Posting.objects.count(), AnnexRow.objects.count()) == counts


def changed_copy(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / PSV_2021.name
    shutil.copy(PSV_2021, target)
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    return target


@pytest.mark.django_db
def test_a_changed_file_is_refused_without_new_version_and_versioned_with_it(
    tmp_path: Path,
) -> None:
    load_files([str(PSV_2021)], loader())
    changed = changed_copy(
        tmp_path, "title: Utbetalning av medel", "title: Ändrad utbetalning av medel"
    )
    (refused,) = load_files([str(changed)], loader())
    assert refused.status == "refused"
    assert "läs in filen med --new-version" in " ".join(refused.errors)
    assert SourceFile.objects.count() == 1
    (loaded,) = load_files([str(changed)], loader(), new_version=True)
    assert loaded.status == "new-version" and loaded.version == 2
    assert any(c.startswith("title:") for c in loaded.changes)
    assert PaymentDecision.objects.count() == 1
    current = PaymentDecision.objects.get()
    assert current.title.startswith("Ändrad") and current.source.version == 2
    assert SourceFile.objects.filter(document_id=current.document_id).count() == 2
    # the amounts did not change, so the ledger did not either
    assert balances(find_item(2021, "1:6", 40)).decided == 290_000_000 * 100
    assert LedgerTransaction.objects.count() == 1


@pytest.mark.django_db
def test_a_new_version_with_another_amount_posts_the_difference(tmp_path: Path) -> None:
    load_files([str(PSV_2021)], loader())
    changed = changed_copy(tmp_path, "total: 290 000 000", "total: 289 000 000")
    text = changed.read_text().replace("amount: 15 000 000\n", "amount: 14 000 000\n")
    changed.write_text(text)
    (report,) = load_files([str(changed)], loader(), new_version=True)
    assert report.errors == []
    assert balances(find_item(2021, "1:6", 40)).decided == 289_000_000 * 100
    assert LedgerTransaction.objects.filter(kind="amendment").count() == 1


@pytest.mark.django_db
def test_verify_command_fails_on_an_error_and_names_file_and_line(tmp_path: Path) -> None:
    broken = changed_copy(tmp_path, "{name: Region Gotland,", "{name: Region Gotlnd,")
    with pytest.raises(CommandError):
        call_command("verify", str(broken))
