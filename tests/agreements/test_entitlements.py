"""Registering payment decisions: entitlements per line and beneficiary, amendments in place,
payment details under four eyes, loading by a named person."""

from __future__ import annotations

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, grant_role
from bidrag.accounts.testing import loader
from bidrag.agreements.models import AnnexRow, DecisionLine, Entitlement, PaymentDecision
from bidrag.agreements.services import LoadPermissionError, load_files
from bidrag.audit.models import AuditEvent
from bidrag.ledger.models import Account, LedgerTransaction, Posting
from bidrag.ledger.services import balances_by, move, post
from bidrag.recipients.approvals import approve_payment_details_change
from bidrag.recipients.models import ChangeStatus, PaymentDetails, PaymentDetailsChange
from bidrag.recipients.readiness import payment_blockers

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
S2023 = DECISIONS / "2023-S2023-00488-payment-decision.yaml"
AGREEMENTS = sorted(str(p) for p in DECISIONS.glob("*agreement*.yaml"))


def entitlements(document_id: str) -> list[Entitlement]:
    return list(
        Entitlement.objects.filter(line__decision__document_id=document_id).select_related(
            "line", "beneficiary", "annex_row"
        )
    )


def amended(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    target = tmp_path / PSV_2021.name
    shutil.copy(PSV_2021, target)
    text = target.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.django_db
def test_seeds_000_and_001_give_28_and_32_entitlements_equal_to_their_annex_rows() -> None:
    load_files([str(PSV_2021), str(S2023), *AGREEMENTS], loader())
    psv, s2023 = (
        entitlements("2021-psv-payment-decision"),
        entitlements("2023-S2023-00488-payment-decision"),
    )
    assert len(psv) == 28 and len(s2023) == 32
    by_line = {key: sum(1 for e in psv if e.line.key == key) for key in ("regions", "skr")}
    assert by_line == {"regions": 21, "skr": 1}
    for e in psv + s2023:
        if e.annex_row is not None:
            assert e.amount == e.annex_row.amount
            assert e.annex_row.annex.line_id == e.line_id
        else:  # SKR's lines name their one recipient
            assert e.line.recipient_id == e.beneficiary_id and e.amount == e.line.amount
    sums = balances_by("entitlement_id")
    assert all(sums[e.pk].decided == e.amount * 100 for e in psv + s2023)
    # every line's entitlements add up to the line (seed 000 and 001 annexes sum exactly)
    for line in DecisionLine.objects.all():
        assert sum(e.amount for e in line.entitlements.all()) == line.amount
    assert (
        not Entitlement.objects.filter(line__decision__agreement__isnull=True)
        .filter(line__decision__document_id__contains="agreement")
        .exists()
    )


@pytest.mark.django_db
def test_entitlements_carry_deadlines_as_printed_and_as_effective() -> None:
    load_files([str(PSV_2021), str(S2023)], loader())
    (skr_2021,) = [e for e in entitlements("2021-psv-payment-decision") if e.line.key == "skr"]
    assert skr_2021.mode == "with_requisition"
    assert skr_2021.requisition_deadline == dt.date(2021, 12, 1)  # a Wednesday: unmoved
    assert skr_2021.requisition_deadline_effective == dt.date(2021, 12, 1)
    # 31 March 2024 is Easter Sunday, 1 April Easter Monday: the deadline moves to 2 April
    e2023 = entitlements("2023-S2023-00488-payment-decision")[0]
    assert e2023.repayment_deadline == dt.date(2024, 3, 31)
    assert e2023.repayment_deadline_effective == dt.date(2024, 4, 2)
    region = next(e for e in entitlements("2021-psv-payment-decision") if e.line.key == "regions")
    assert region.mode == "without_requisition"
    assert (region.window_start, region.window_end) == (dt.date(2021, 2, 15), dt.date(2021, 3, 15))


@pytest.mark.django_db
def test_an_amendment_changes_amounts_in_place_and_posts_the_difference(tmp_path: Path) -> None:
    user = loader()
    load_files([str(PSV_2021)], user)
    before = {e.pk: e for e in entitlements("2021-psv-payment-decision")}
    line_ids = set(DecisionLine.objects.values_list("pk", flat=True))
    changed = amended(
        tmp_path,
        ("total: 290 000 000", "total: 289 000 000"),
        ("amount: 15 000 000\n", "amount: 14 000 000\n"),  # the SKR line and its stated total
    )
    (report,) = load_files([str(changed)], user, new_version=True)
    assert report.errors == [] and report.version == 2
    after = {e.pk: e for e in entitlements("2021-psv-payment-decision")}
    assert after.keys() == before.keys()  # the same rows
    assert set(DecisionLine.objects.values_list("pk", flat=True)) == line_ids
    skr = next(e for e in after.values() if e.line.key == "skr")
    assert skr.amount == 14_000_000
    assert balances_by("entitlement_id", entitlement=skr)[skr.pk].decided == 14_000_000_00
    amendment = LedgerTransaction.objects.get(kind="amendment")
    assert sorted(amendment.postings.values_list("account", "amount_ore")) == [
        (Account.COMMITMENT, 1_000_000_00),
        (Account.OPEN, -1_000_000_00),
    ]
    decision = PaymentDecision.objects.get()
    assert decision.source.version == 2
    assert AuditEvent.objects.filter(event_type="payment_decision.amended").exists()


@pytest.mark.django_db
def test_an_amendment_below_what_is_already_requested_is_refused(tmp_path: Path) -> None:
    user = loader()
    load_files([str(PSV_2021)], user)
    skr = next(e for e in entitlements("2021-psv-payment-decision") if e.line.key == "skr")
    post(
        "test",
        date=dt.date(2021, 6, 1),
        kind="reservation",
        description="rekvisition",
        cause="test:skr",
        source=skr,
        entries=move(
            skr.line.appropriation_item, Account.RESERVED, Account.OPEN, 14_500_000_00, skr.pk
        ),
    )
    postings = Posting.objects.count()
    changed = amended(
        tmp_path,
        ("total: 290 000 000", "total: 289 000 000"),
        ("amount: 15 000 000\n", "amount: 14 000 000\n"),  # the SKR line and its stated total
    )
    (report,) = load_files([str(changed)], user, new_version=True)
    assert report.status == "refused"
    message = " ".join(report.errors)
    assert "Sveriges Kommuner och Regioner" in message
    assert "14 500 000 kr är redan rekvirerat" in message and "500 000 kr för lite" in message
    assert Posting.objects.count() == postings
    skr.refresh_from_db()
    assert skr.amount == 15_000_000 and PaymentDecision.objects.get().source.version == 1


@pytest.mark.django_db
def test_another_bankgiro_in_a_new_version_waits_for_a_second_person(tmp_path: Path) -> None:
    user = loader()
    load_files([str(PSV_2021)], user)
    norra = PaymentDetails.objects.get(organisation__name="Norra samverkansregionen")
    changed = amended(tmp_path, ("bankgiro: 5728-3905", "bankgiro: 289-1919"))
    (report,) = load_files([str(changed)], user, new_version=True)
    assert report.errors == []
    current = PaymentDetails.objects.get(
        organisation__name="Norra samverkansregionen", is_current=True
    )
    assert current.pk == norra.pk and current.account_number == "57283905"
    change = PaymentDetailsChange.objects.get(status=ChangeStatus.PENDING)
    assert change.account_number == "2891919" and change.proposed_by == user
    assert change.old_values is not None and change.old_values["account_number"] == "57283905"
    blockers = [b.code for b in payment_blockers(change.organisation)]
    assert "pending-change" in blockers
    # loading the same version again proposes nothing new
    load_files([str(changed)], user, new_version=True)
    assert PaymentDetailsChange.objects.count() == 1
    # a second person approves; the loader could not
    attester = User.objects.create_user("anna")
    grant_role(SYSTEM, attester, Role.ATTESTER)
    approve_payment_details_change(attester, change)
    assert (
        PaymentDetails.objects.get(
            organisation__name="Norra samverkansregionen", is_current=True
        ).account_number
        == "2891919"
    )


@pytest.mark.django_db
def test_incomplete_payee_details_block_payment_with_the_reason() -> None:
    load_files([str(PSV_2021)], loader())
    sydostra = PaymentDetails.objects.get(organisation__name="Sydöstra samverkansregionen")
    codes = [b.code for b in payment_blockers(sydostra.organisation)]
    assert codes == ["no-account", "no-payee-address"]
    stockholm = AnnexRow.objects.get(printed_name="Region Stockholm").recipient
    assert [b.code for b in payment_blockers(stockholm)] == ["no-payment-details"]


@pytest.mark.django_db
def test_loading_names_a_person_holding_the_load_permission() -> None:
    nobody = User.objects.create_user("utan-roll")
    with pytest.raises(LoadPermissionError):
        load_files([str(PSV_2021)], nobody)
    with pytest.raises(LoadPermissionError):
        load_files([str(PSV_2021)], "cli")
    assert not PaymentDecision.objects.exists()
    with pytest.raises(CommandError, match="finns inte"):
        call_command("load", str(PSV_2021), user="ingen-sadan", stdout=StringIO())
    with pytest.raises(CommandError, match="load_decisions"):
        call_command("load", str(PSV_2021), user="utan-roll", stdout=StringIO())
    call_command("load", str(PSV_2021), user=loader().get_username(), stdout=StringIO())
    event = AuditEvent.objects.get(event_type="payment_decision.loaded")
    assert event.actor_label == "inlasare" and event.actor is not None


@pytest.mark.django_db
def test_a_decision_without_a_printed_date_needs_a_stand_in(tmp_path: Path) -> None:
    text = PSV_2021.read_text(encoding="utf-8")
    start = text.index("date_stand_in:")
    end = text.index("missing:")
    target = tmp_path / "no-date.yaml"
    target.write_text(text[:start] + text[end:], encoding="utf-8")
    (report,) = load_files([str(target)], loader())
    assert report.status == "refused"
    assert "date_stand_in" in " ".join(report.errors)
