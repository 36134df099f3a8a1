"""Requisitions: the form prefilled, signing (who, when, SHA-256, the PDF kept), the
reservation in the ledger, and every refusal with its code, field and message."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from django.core import mail
from pypdf import PdfReader

from bidrag.accounts.testing import loader
from bidrag.agreements.models import Entitlement
from bidrag.agreements.services import load_files
from bidrag.audit.models import AuditEvent
from bidrag.ledger.services import balances_by
from bidrag.payments.services import review_requisition
from bidrag.payments.testing import ready_payment_details, team
from bidrag.recipients.approvals import approve_payment_details_change
from bidrag.recipients.models import ChangeStatus
from bidrag.recipients.readiness import payment_blockers
from bidrag.requisitions.errors import Refusal
from bidrag.requisitions.models import Status
from bidrag.requisitions.services import (
    Contact,
    create_requisition,
    requisition_prefill,
    submit_requisition,
    update_requisition,
    verify_signature,
    withdraw_requisition,
)

pytestmark = pytest.mark.django_db

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV = "2021-psv-payment-decision"
CONTACT = Contact(name="Sara", email="sara@skr.example", phone="08-452 70 00")
YEAR = {"period_start": dt.date(2021, 1, 1), "period_end": dt.date(2021, 12, 31)}


@pytest.fixture
def t(loaded: None, settings):  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 6, 1)
    return team()


def skr_2021(t) -> Entitlement:  # type: ignore[no-untyped-def]
    return Entitlement.objects.get(line__decision__document_id=PSV, beneficiary=t.skr)


def draft(t, amount: int = 1_000_000, **kw):  # type: ignore[no-untyped-def]
    return create_requisition(t.skr_user, skr_2021(t), amount=amount, contact=CONTACT, **YEAR, **kw)


def refused(call, code: str, field: str):  # type: ignore[no-untyped-def]
    with pytest.raises(Refusal) as info:
        call()
    assert (info.value.code, info.value.field) == (code, field), info.value
    assert info.value.message and "%(" not in info.value.message
    return info.value


def test_the_form_is_prefilled_from_the_decision_the_ledger_and_the_approved_details(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    p = requisition_prefill(skr_2021(t), t.skr_user)
    assert p.recipient_name == "Sveriges Kommuner och Regioner"
    assert p.org_number == "222000-0315"
    assert p.agreement_diarienummer == "S2020/09781"
    assert "Sammanhållen, jämlik och säker vård 2021" in p.agreement_name
    assert (p.amount, p.left) == (15_000_000, 15_000_000)
    assert (p.period_start, p.period_end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert p.account_type == "bankgiro" and p.approved_account
    assert p.deadline == dt.date(2021, 12, 1)
    assert p.contact.email == "t-skr@bidrag.example"
    assert "Stockholm" in p.contact.postal_address


def test_signing_records_who_when_the_hash_and_keeps_the_pdf_and_reserves(  # type: ignore[no-untyped-def]
    t, django_capture_on_commit_callbacks
) -> None:
    ready_payment_details(t)
    r = draft(t, 4_000_000, payment_reference="Faktura 17")
    assert r.status == Status.DRAFT and r.account_type == "bankgiro"
    e = skr_2021(t)
    assert balances_by("entitlement_id", entitlement=e)[e.pk].requested == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit_requisition(t.signatory, r)
    r.refresh_from_db()
    assert r.status == Status.SUBMITTED and r.signed_by == t.signatory
    assert r.signed_on == dt.date(2021, 6, 1) and r.signed_at is not None
    assert r.content_sha256 == hashlib.sha256(r.signed_content.encode()).hexdigest()
    assert '"amount_kronor":4000000' in r.signed_content and "t-skr-foretradare" in r.signed_content
    pdf = bytes(r.signed_pdf)
    assert pdf.startswith(b"%PDF") and r.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Rekvisition" in text and r.content_sha256 in text.replace("\n", "")
    assert verify_signature(r)
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert (b.requested, b.left) == (4_000_000_00, 11_000_000_00)
    assert AuditEvent.objects.filter(event_type="requisition.submitted").exists()
    # the recipient's users and the case officers are told, after commit
    told = {m.to[0] for m in mail.outbox}
    assert {"t-skr@bidrag.example", "t-handlaggare@bidrag.example"} <= told
    # a tampered PDF no longer verifies
    r.signed_pdf = pdf + b" "
    assert not verify_signature(r)


def test_several_requisitions_up_to_the_amount_then_over_requisition_is_refused(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    for amount in (6_000_000, 9_000_000):
        submit_requisition(t.signatory, draft(t, amount))
    e = skr_2021(t)
    assert balances_by("entitlement_id", entitlement=e)[e.pk].left == 0
    error = refused(lambda: draft(t, 1), "amount-above-left", "amount")
    assert "0 kr" in error.message
    # a draft made while there was room is refused at signing
    withdraw_requisition(t.skr_user, e.requisitions.filter(amount=9_000_000).get())
    late = draft(t, 9_000_000)
    submit_requisition(t.signatory, draft(t, 5_000_000))
    refused(lambda: submit_requisition(t.signatory, late), "amount-above-left", "amount")
    assert balances_by("entitlement_id", entitlement=e)[e.pk].requested == 11_000_000_00


def test_a_requisition_after_the_deadline_is_refused(t, settings) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    r = draft(t)
    settings.BIDRAG_TODAY = dt.date(2021, 12, 2)  # the deadline, 1 December, was a Wednesday
    error = refused(lambda: submit_requisition(t.signatory, r), "after-deadline", "entitlement")
    assert "2021-12-01" in error.message
    refused(lambda: draft(t), "after-deadline", "entitlement")
    settings.BIDRAG_TODAY = dt.date(2021, 12, 1)
    submit_requisition(t.signatory, r)  # the last day itself is in time


def test_a_deadline_on_a_weekend_moves_to_the_next_weekday(  # type: ignore[no-untyped-def]
    loaded: None, tmp_path: Path, settings
) -> None:
    # An amended copy of seed 000 whose requisition deadline is Saturday 4 December 2021.
    target = tmp_path / "2021-psv-payment-decision.yaml"
    shutil.copy(DECISIONS / target.name, target)
    text = target.read_text(encoding="utf-8")
    assert "requisition_deadline: 2021-12-01" in text
    target.write_text(
        text.replace("requisition_deadline: 2021-12-01", "requisition_deadline: 2021-12-04")
    )
    (report,) = load_files([str(target)], loader(), new_version=True)
    assert report.errors == [], report.errors
    t = team()
    ready_payment_details(t)
    e = skr_2021(t)
    assert e.requisition_deadline == dt.date(2021, 12, 4)
    assert e.requisition_deadline_effective == dt.date(2021, 12, 6)  # Monday
    settings.BIDRAG_TODAY = dt.date(2021, 12, 6)
    r = draft(t)
    submit_requisition(t.signatory, r)
    settings.BIDRAG_TODAY = dt.date(2021, 12, 7)
    error = refused(lambda: draft(t), "after-deadline", "entitlement")
    assert "2021-12-06" in error.message


def test_an_account_other_than_the_approved_one_is_refused(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    error = refused(
        lambda: draft(t, account_type="bankgiro", account_number="5402-9681"),
        "account-not-approved",
        "account_number",
    )
    assert "5402-9681" in error.message
    refused(
        lambda: draft(t, account_type="bankgiro", account_number="5402-9682"),
        "invalid",
        "account_number",
    )


def test_without_approved_details_the_account_is_proposed_and_the_payment_waits(t) -> None:  # type: ignore[no-untyped-def]
    # SKR has no payment details yet: the signed account becomes a four-eyes proposal.
    assert payment_blockers(t.skr)[0].code == "no-payment-details"
    r = draft(t, 2_000_000, account_type="bankgiro", account_number="5402-9681")
    submit_requisition(t.signatory, r)
    r.refresh_from_db()
    change = r.proposed_change
    assert change is not None and change.status == ChangeStatus.PENDING
    assert (change.account_number, change.proposed_by) == ("54029681", t.signatory)
    assert [b.code for b in payment_blockers(t.skr)] == ["no-payment-details", "pending-change"]
    # a second requisition must name the same account while the proposal waits
    refused(
        lambda: draft(t, 1, account_type="bankgiro", account_number="5050-1055"),
        "account-not-approved",
        "account_number",
    )
    payment = review_requisition(t.officer, r, "approve", "").payment
    assert payment is not None and payment.details is None
    approve_payment_details_change(t.attester, change)
    # the account is approved now; the new payee still needs its postal address
    assert [b.code for b in payment_blockers(t.skr)] == ["no-payee-address"]


def test_only_the_organisations_signatory_signs(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    r = draft(t)
    refused(lambda: submit_requisition(t.skr_user, r), "not-authorised-signatory", "signed_by")
    refused(
        lambda: submit_requisition(t.stockholm_signatory, r),
        "not-authorised-signatory",
        "signed_by",
    )
    refused(lambda: submit_requisition(t.officer, r), "not-allowed", "signed_by")
    r.refresh_from_db()
    assert r.status == Status.DRAFT and r.signed_by is None


def test_a_recipient_user_cannot_act_for_another_organisation(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    e = skr_2021(t)
    error = refused(
        lambda: create_requisition(t.stockholm_user, e, amount=1, contact=CONTACT, **YEAR),
        "not-your-organisation",
        "entitlement",
    )
    assert error.http_status == 403 and "Sveriges Kommuner och Regioner" in error.message
    r = draft(t)
    refused(
        lambda: withdraw_requisition(t.stockholm_user, r), "not-your-organisation", "entitlement"
    )
    refused(
        lambda: update_requisition(t.stockholm_user, r, amount=2),
        "not-your-organisation",
        "entitlement",
    )


def test_entitlements_paid_without_requisition_cannot_be_requested(t) -> None:  # type: ignore[no-untyped-def]
    stockholm = Entitlement.objects.get(
        line__decision__document_id=PSV, line__key="regions", beneficiary=t.stockholm
    )
    refused(
        lambda: create_requisition(t.stockholm_user, stockholm, amount=1, contact=CONTACT, **YEAR),
        "no-requisition-needed",
        "entitlement",
    )


def test_bad_fields_are_refused_by_name_and_nothing_is_written(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    refused(lambda: draft(t, 0), "invalid", "amount")
    refused(lambda: draft(t, -5), "invalid", "amount")
    bad = Contact(name="Sara", email="inte-en-adress")
    refused(
        lambda: create_requisition(t.skr_user, skr_2021(t), amount=1, contact=bad, **YEAR),
        "invalid",
        "email",
    )
    refused(
        lambda: create_requisition(
            t.skr_user,
            skr_2021(t),
            amount=1,
            contact=CONTACT,
            period_start=dt.date(2021, 12, 31),
            period_end=dt.date(2021, 1, 1),
        ),
        "invalid",
        "period_end",
    )
    assert not skr_2021(t).requisitions.exists()


def test_withdraw_before_review_releases_and_after_approval_is_refused(t) -> None:  # type: ignore[no-untyped-def]
    ready_payment_details(t)
    e = skr_2021(t)
    r = draft(t, 3_000_000)
    submit_requisition(t.signatory, r)
    withdraw_requisition(t.skr_user, r, "fel belopp")
    assert r.status == Status.WITHDRAWN
    assert balances_by("entitlement_id", entitlement=e)[e.pk].left == 15_000_000_00
    refused(lambda: submit_requisition(t.signatory, r), "wrong-state", "status")
    r2 = draft(t, 3_000_000)
    submit_requisition(t.signatory, r2)
    review_requisition(t.officer, r2, "approve", "")
    refused(lambda: withdraw_requisition(t.skr_user, r2), "wrong-state", "status")


def test_return_for_completion_then_resubmit_and_reject_with_reasons(  # type: ignore[no-untyped-def]
    t, django_capture_on_commit_callbacks
) -> None:
    ready_payment_details(t)
    e = skr_2021(t)
    r = draft(t, 3_000_000)
    submit_requisition(t.signatory, r)
    refused(lambda: review_requisition(t.officer, r, "return", "  "), "reason-required", "reason")
    refused(lambda: review_requisition(t.skr_user, r, "approve", ""), "not-allowed", "decision")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review = review_requisition(t.officer, r, "return", "Perioden saknas.")
    assert review.payment is None and r.status == Status.RETURNED
    assert r.review_reason == "Perioden saknas." and r.reviewed_by == t.officer
    assert any("Perioden saknas." in m.body for m in mail.outbox)
    assert balances_by("entitlement_id", entitlement=e)[e.pk].requested == 0
    update_requisition(t.skr_user, r, period_start=dt.date(2021, 3, 1))
    submit_requisition(t.signatory, r)
    assert r.submission == 2 and r.status == Status.SUBMITTED
    review_requisition(t.officer, r, "reject", "Inte enligt överenskommelsen.")
    assert r.status == Status.REJECTED
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert (b.requested, b.left) == (0, 15_000_000_00)


def test_refusals_speak_english_after_the_language_switch(t) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    ready_payment_details(t)
    with translation.override("en"):
        error = refused(lambda: draft(t, 20_000_000), "amount-above-left", "amount")
        assert error.message.startswith("The amount 20\u00a0000\u00a0000 kr is more than")
    assert error.message.startswith("Beloppet 20\u00a0000\u00a0000 kr är mer än")
