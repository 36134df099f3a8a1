"""Payments: two-person attestation and its refusals, batches (one batch per payment, locked
once sent, the same bytes on every export), bank status (pain.002 and by hand), lapse,
scheduling and the ledger at each step."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction

from bidrag.accounts.roles import Role
from bidrag.agreements.models import Entitlement
from bidrag.ledger.models import Account, LedgerTransaction, Posting
from bidrag.ledger.services import balances_by
from bidrag.payments import pain001
from bidrag.payments.models import (
    AttestationKind,
    BatchItem,
    BatchStatus,
    ItemStatus,
    Payment,
    PaymentBatch,
    Status,
)
from bidrag.payments.services import (
    attest_payment,
    cancel_batch,
    cancel_payment,
    create_batch,
    export_batch,
    import_status_report,
    payment_blockers,
    record_payment_status,
    remove_from_batch,
    restart_attestation,
    review_requisition,
    schedule_entitlement,
)
from bidrag.payments.testing import person, ready_payment_details, team
from bidrag.recipients.approvals import (
    approve_payment_details_change,
    propose_payment_details_change,
)
from bidrag.recipients.models import Payee
from bidrag.requisitions.errors import Refusal
from bidrag.requisitions.services import Contact, create_requisition, submit_requisition

pytestmark = pytest.mark.django_db

PSV = "2021-psv-payment-decision"
YEAR = {"period_start": dt.date(2021, 1, 1), "period_end": dt.date(2021, 12, 31)}


@pytest.fixture
def t(loaded: None, settings):  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 6, 1)
    team_ = team()
    ready_payment_details(team_)
    return team_


def refused(call, code: str, field: str | None = None):  # type: ignore[no-untyped-def]
    with pytest.raises(Refusal) as info:
        call()
    assert info.value.code == code, info.value
    if field is not None:
        assert info.value.field == field
    assert info.value.message and "%(" not in info.value.message
    return info.value


def skr(t) -> Entitlement:  # type: ignore[no-untyped-def]
    return Entitlement.objects.get(line__decision__document_id=PSV, beneficiary=t.skr)


def approved_payment(t, amount: int = 1_000_000) -> Payment:  # type: ignore[no-untyped-def]
    r = create_requisition(
        t.skr_user, skr(t), amount=amount, contact=Contact("Sara", "sara@skr.example"), **YEAR
    )
    submit_requisition(t.signatory, r)
    payment = review_requisition(t.officer, r, "approve", "").payment
    assert payment is not None
    return payment


def attested(t, amount: int = 1_000_000) -> Payment:  # type: ignore[no-untyped-def]
    p = approved_payment(t, amount)
    attest_payment(t.attester, p)
    attest_payment(t.attester2, p)
    return p


def balances(t):  # type: ignore[no-untyped-def]
    e = skr(t)
    return balances_by("entitlement_id", entitlement=e)[e.pk]


# --- attestation ------------------------------------------------------------------------------


def test_two_different_attesters_give_review_then_decision(t) -> None:  # type: ignore[no-untyped-def]
    p = approved_payment(t)
    assert p.registered_by == t.officer and p.requisition.reviewed_by == t.officer
    first = attest_payment(t.attester, p)
    assert first.kind == AttestationKind.REVIEW and p.status == Status.REGISTERED
    refused(lambda: attest_payment(t.attester, p), "same-attester", "attested_by")
    refused(
        lambda: attest_payment(t.attester2, p, AttestationKind.REVIEW), "wrong-attestation-kind"
    )
    second = attest_payment(t.attester2, p)
    assert second.kind == AttestationKind.DECISION and p.status == Status.ATTESTED
    refused(lambda: attest_payment(person("t-att3", Role.ATTESTER), p), "wrong-state", "status")


def test_the_registrar_and_the_approver_cannot_attest(t) -> None:  # type: ignore[no-untyped-def]
    # A person who is both case officer and attester approves; they may not attest.
    both = person("t-both", Role.CASE_OFFICER)
    from bidrag.accounts.services import grant_role

    grant_role("test", both, Role.ATTESTER)
    both = type(both).objects.get(pk=both.pk)
    r = create_requisition(
        t.skr_user, skr(t), amount=5, contact=Contact("Sara", "sara@skr.example"), **YEAR
    )
    submit_requisition(t.signatory, r)
    p = review_requisition(both, r, "approve", "").payment
    assert p is not None
    refused(lambda: attest_payment(both, p), "registrar-attesting", "attested_by")
    # scheduled by an attester (bidrag schedule --user): the registrar may not attest
    e = Entitlement.objects.get(
        line__decision__document_id=PSV, line__key="regions", beneficiary=t.stockholm
    )
    scheduled = schedule_entitlement(t.attester, e)
    assert scheduled is not None and scheduled.registered_by == t.attester
    refused(lambda: attest_payment(t.attester, scheduled), "registrar-attesting", "attested_by")
    # the approver (not registrar) case: a payment registered by someone else
    Payment.objects.filter(pk=p.pk).update(registered_by=t.officer)
    p.refresh_from_db()
    refused(lambda: attest_payment(both, p), "approver-attesting", "attested_by")
    refused(lambda: attest_payment(t.admin, p), "not-allowed", "attested_by")


def test_the_database_refuses_one_person_giving_both_attestations(t) -> None:  # type: ignore[no-untyped-def]
    p = approved_payment(t)
    a = attest_payment(t.attester, p)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(a).objects.create(
            payment=p,
            round=0,
            kind=AttestationKind.DECISION,
            attested_by=t.attester,
            details=a.details,
        )


def test_a_payee_with_incomplete_details_blocks_attestation_and_batching(t) -> None:  # type: ignore[no-untyped-def]
    p = approved_payment(t)
    attest_payment(t.attester, p)
    Payee.objects.filter(org_number="222000-0315").update(town="", country="")
    assert [b.code for b in payment_blockers(p)] == ["no-payee-address"]
    error = refused(lambda: attest_payment(t.attester2, p), "payment-blocked", "payment")
    assert "ort och land" in error.message
    Payee.objects.filter(org_number="222000-0315").update(town="Stockholm", country="SE")
    attest_payment(t.attester2, p)
    Payee.objects.filter(org_number="222000-0315").update(town="")
    refused(lambda: create_batch(t.admin, dt.date(2021, 6, 1), payments=[p]), "payment-blocked")
    refused(lambda: create_batch(t.admin, dt.date(2021, 6, 1)), "nothing-to-batch", "due_on")


def test_details_changed_after_attestation_block_until_attested_again(t) -> None:  # type: ignore[no-untyped-def]
    p = attested(t)
    change = propose_payment_details_change(
        t.officer,
        t.skr,
        payee_name="Sveriges Kommuner och Regioner",
        account_type="bankgiro",
        account_number="5402-9681",
        reason="nytt konto",
    )
    assert "pending-change" in [b.code for b in payment_blockers(p)]
    approve_payment_details_change(t.attester, change)
    assert [b.code for b in payment_blockers(p)] == ["details-changed"]
    refused(lambda: create_batch(t.admin, dt.date(2021, 6, 1), payments=[p]), "payment-blocked")
    restart_attestation(t.officer, p, "nytt konto godkänt")
    assert p.status == Status.REGISTERED and p.round == 1 and p.account_number == "54029681"
    attest_payment(t.attester, p)
    attest_payment(t.attester2, p)
    assert payment_blockers(p) == []


# --- batches ----------------------------------------------------------------------------------


def test_a_payment_is_in_one_batch_and_a_sent_batch_is_locked(t) -> None:  # type: ignore[no-untyped-def]
    p, q = attested(t), attested(t, 2_000_000)
    refused(lambda: create_batch(t.attester, dt.date(2021, 6, 1)), "not-allowed")
    batch = create_batch(t.admin, dt.date(2021, 6, 1), payments=[p])
    assert batch.message_id == f"BIDRAG-B{batch.pk:08d}"
    error = refused(
        lambda: create_batch(t.admin, dt.date(2021, 6, 1), payments=[p, q]),
        "already-in-batch",
        "payments",
    )
    assert str(batch.pk) in error.message
    with pytest.raises(IntegrityError), transaction.atomic():
        BatchItem.objects.create(batch=batch, payment=p, attempt=0, end_to_end_id="X")
    remove_from_batch(t.admin, batch, p)
    p.refresh_from_db()
    assert p.status == Status.ATTESTED and p.attempt == 1
    cancel_batch(t.admin, batch)
    refused(lambda: export_batch(t.admin, batch), "batch-locked", "batch")
    second = create_batch(t.admin, dt.date(2021, 6, 1))
    assert set(second.items.values_list("payment_id", flat=True)) == {p.pk, q.pk}
    before = balances(t)
    data = export_batch(t.admin, second)
    assert second.status == BatchStatus.SENT
    assert (
        export_batch(t.admin, second) == data == bytes(PaymentBatch.objects.get(pk=second.pk).file)
    )
    refused(lambda: remove_from_batch(t.admin, second, p), "batch-locked", "batch")
    refused(lambda: cancel_batch(t.admin, second), "batch-locked", "batch")
    after = balances(t)
    assert after.paid - before.paid == before.requested - after.requested == 3_000_000_00
    paid = LedgerTransaction.objects.filter(kind="payment", cause__startswith=f"payment:{p.pk}:")
    assert [x.date for x in paid] == [dt.date(2021, 6, 1)]


def test_the_file_is_the_same_bytes_when_built_again(t) -> None:  # type: ignore[no-untyped-def]
    from bidrag.payments.services import _items, credit_transfer

    attested(t)
    batch = create_batch(t.admin, dt.date(2021, 6, 1))
    items = _items(batch, ItemStatus.INCLUDED)
    assert pain001.write(credit_transfer(batch, items)) == pain001.write(
        credit_transfer(batch, items)
    )
    data = export_batch(t.admin, batch)
    assert data == pain001.write(credit_transfer(batch, items))


def test_the_file_carries_ocr_as_scor_and_a_message_as_ustrd(t) -> None:  # type: ignore[no-untyped-def]
    r = create_requisition(
        t.skr_user,
        skr(t),
        amount=7,
        contact=Contact("Sara", "sara@skr.example"),
        payment_reference="12351",
        **YEAR,
    )
    submit_requisition(t.signatory, r)
    p = review_requisition(t.officer, r, "approve", "").payment
    r2 = create_requisition(
        t.skr_user,
        skr(t),
        amount=8,
        contact=Contact("Sara", "sara@skr.example"),
        payment_reference="PSV 2021",
        **YEAR,
    )
    submit_requisition(t.signatory, r2)
    q = review_requisition(t.officer, r2, "approve", "").payment
    for x in (p, q):
        attest_payment(t.attester, x)
        attest_payment(t.attester2, x)
    data = export_batch(t.admin, create_batch(t.admin, dt.date(2021, 6, 1)))
    assert b"<Cd>SCOR</Cd>" in data and b"<Ref>12351</Ref>" in data
    assert b"<Ustrd>PSV 2021</Ustrd>" in data
    assert b"<TwnNm>Stockholm</TwnNm>" in data and b"<Ctry>SE</Ctry>" in data
    assert b"<IBAN>SE4550000000058398257466</IBAN>" in data
    assert b"<Prtry>BGNR</Prtry>" in data and b"<MmbId>9900</MmbId>" in data
    read = pain001.read(data)
    assert read.control_sum_ore == 1500


def test_a_batch_whose_execution_date_has_passed_is_not_sent(t, settings) -> None:  # type: ignore[no-untyped-def]
    attested(t)
    batch = create_batch(t.admin, dt.date(2021, 6, 1))
    refused(
        lambda: create_batch(t.admin, dt.date(2021, 6, 1), execution_date=dt.date(2021, 5, 31)),
        "invalid",
        "execution_date",
    )
    settings.BIDRAG_TODAY = dt.date(2021, 6, 2)
    refused(lambda: export_batch(t.admin, batch), "invalid", "execution_date")
    cancel_batch(t.admin, batch)
    export_batch(t.admin, create_batch(t.admin, dt.date(2021, 6, 2)))


def test_payer_settings_are_required(t, settings) -> None:  # type: ignore[no-untyped-def]
    attested(t)
    batch = create_batch(t.admin, dt.date(2021, 6, 1))
    settings.BIDRAG_PAYER = None
    error = refused(lambda: export_batch(t.admin, batch), "payer-not-configured")
    assert "iban" in error.message
    assert PaymentBatch.objects.get(pk=batch.pk).status == BatchStatus.OPEN


# --- bank status ------------------------------------------------------------------------------

PAIN002 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
 <CstmrPmtStsRpt>
  <GrpHdr><MsgId>BANK-1</MsgId><CreDtTm>2021-06-02T08:00:00</CreDtTm></GrpHdr>
  <OrgnlGrpInfAndSts>
   <OrgnlMsgId>{msg}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
   <GrpSts>PART</GrpSts>
  </OrgnlGrpInfAndSts>
  <OrgnlPmtInfAndSts>
   <OrgnlPmtInfId>{msg}</OrgnlPmtInfId>
   <TxInfAndSts><OrgnlEndToEndId>{ok}</OrgnlEndToEndId><TxSts>ACCP</TxSts></TxInfAndSts>
   <TxInfAndSts>
    <OrgnlEndToEndId>{bad}</OrgnlEndToEndId><TxSts>RJCT</TxSts>
    <StsRsnInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>Kontot finns inte</AddtlInf></StsRsnInf>
   </TxInfAndSts>
  </OrgnlPmtInfAndSts>
 </CstmrPmtStsRpt>
</Document>
"""


def test_a_status_report_accepts_and_rejects_and_importing_twice_changes_nothing(t) -> None:  # type: ignore[no-untyped-def]
    p, q = attested(t), attested(t, 2_000_000)
    batch = create_batch(t.admin, dt.date(2021, 6, 1))
    export_batch(t.admin, batch)
    sent = balances(t)
    data = PAIN002.format(msg=batch.message_id, ok=p.end_to_end_id, bad=q.end_to_end_id).encode()
    report = import_status_report(t.admin, data, "status.xml")
    assert (report.accepted, report.rejected) == (1, 1)
    p.refresh_from_db()
    q.refresh_from_db()
    assert p.status == Status.ACCEPTED
    assert q.status == Status.REGISTERED and q.attempt == 1 and q.round == 1
    assert "AC01 Kontot finns inte" in q.returned_reason
    after = balances(t)
    assert sent.paid - after.paid == after.requested - sent.requested == 2_000_000_00
    returned = LedgerTransaction.objects.get(cause=f"payment:{q.pk}:returned:0")
    assert returned.date == dt.date(2021, 6, 2) and returned.kind == "payment_returned"
    postings = Posting.objects.count()
    again = import_status_report(t.admin, data, "status.xml")
    assert again.pk == report.pk and Posting.objects.count() == postings
    # the rejected payment goes round again: attest, batch, send
    attest_payment(t.attester, q)
    attest_payment(t.attester2, q)
    second = create_batch(t.admin, dt.date(2021, 6, 2))
    export_batch(t.admin, second)
    assert BatchItem.objects.filter(payment=q).count() == 2
    assert balances(t).paid == sent.paid


def test_a_bad_status_file_is_refused_and_nothing_is_written(t) -> None:  # type: ignore[no-untyped-def]
    p = attested(t)
    batch = create_batch(t.admin, dt.date(2021, 6, 1))
    export_batch(t.admin, batch)
    postings = Posting.objects.count()
    for data, code in (
        (b"not xml", "status-file-invalid"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "status-file-invalid"),
        (PAIN002.format(msg="OTHER", ok=p.end_to_end_id, bad="X").encode(), "status-file-invalid"),
        (PAIN002.format(msg=batch.message_id, ok="NOPE", bad="X").encode(), "status-file-invalid"),
    ):
        refused(lambda data=data: import_status_report(t.admin, data), code, "file")
    assert Posting.objects.count() == postings
    p.refresh_from_db()
    assert p.status == Status.SENT


def test_a_status_entered_by_hand(t) -> None:  # type: ignore[no-untyped-def]
    p = attested(t)
    refused(lambda: record_payment_status(t.admin, p, accepted=True), "wrong-state")
    export_batch(t.admin, create_batch(t.admin, dt.date(2021, 6, 1)))
    refused(lambda: record_payment_status(t.admin, p, accepted=False), "invalid", "reason")
    record_payment_status(t.admin, p, accepted=True)
    assert p.status == Status.ACCEPTED
    record_payment_status(t.admin, p, accepted=False, reason="Återförd av banken")
    assert p.status == Status.REGISTERED and p.returned_reason == "Återförd av banken"
    assert balances(t).paid == 0


def test_cancelling_an_unsent_payment_gives_the_money_back(t) -> None:  # type: ignore[no-untyped-def]
    p = attested(t, 4_000_000)
    refused(lambda: cancel_payment(t.attester, p, "x"), "not-allowed")
    refused(lambda: cancel_payment(t.officer, p, " "), "invalid", "reason")
    cancel_payment(t.officer, p, "Rekvisitionen var felaktig")
    b = balances(t)
    assert (b.requested, b.left) == (0, 15_000_000_00)
    refused(lambda: attest_payment(t.attester, p), "wrong-state")


# --- scheduling, lapse and the commands -------------------------------------------------------


def test_schedule_command_is_idempotent(t) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("schedule", stdout=out)
    assert "27 utbetalningar" in out.getvalue()
    out = StringIO()
    call_command("schedule", stdout=out)
    assert "0 utbetalningar" in out.getvalue()
    stockholm = Payment.objects.get(
        entitlement__beneficiary=t.stockholm, entitlement__line__key="regions"
    )
    assert stockholm.amount == 49_472_318 and stockholm.due_on == dt.date(2021, 2, 15)
    assert stockholm.registered_by is None and stockholm.registered_by_label == "system"
    e = stockholm.entitlement
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert (b.requested, b.left) == (49_472_318_00, 0)


def test_lapse_command_lapses_what_is_left_once_and_tells_the_recipient(  # type: ignore[no-untyped-def]
    t, django_capture_on_commit_callbacks
) -> None:
    p = attested(t, 6_000_000)
    export_batch(t.admin, create_batch(t.admin, dt.date(2021, 6, 1)))
    out = StringIO()
    call_command("lapse", "--as-of", "2021-12-01", stdout=out)  # the last day: nothing yet
    assert "0 förfallna" in out.getvalue()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("lapse", "--as-of", "2021-12-02", stdout=StringIO())
    call_command("lapse", "--as-of", "2021-12-03", stdout=StringIO())
    b = balances(t)
    assert (b.paid, b.lapsed, b.left) == (6_000_000_00, 9_000_000_00, 0)
    (txn,) = LedgerTransaction.objects.filter(kind="lapse", cause__startswith=f"lapse:{skr(t).pk}:")
    assert txn.date == dt.date(2021, 12, 2)
    assert any("t-skr@bidrag.example" in m.to for m in mail.outbox)
    assert p.amount == 6_000_000


def test_notifications_can_be_turned_off(t, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from bidrag.notifications.services import NotAllowedError, set_email_notifications

    with pytest.raises(NotAllowedError):
        set_email_notifications(t.officer, t.skr_user, False)
    set_email_notifications(t.skr_user, t.skr_user, False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved_payment(t)
    told = {m.to[0] for m in mail.outbox}
    assert "t-skr@bidrag.example" not in told
    assert {"t-handlaggare@bidrag.example", "t-attestant@bidrag.example"} <= told
    assert "t-skr-foretradare@bidrag.example" in told


def test_nothing_is_sent_when_the_step_is_refused(t, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = create_requisition(
            t.skr_user, skr(t), amount=1, contact=Contact("Sara", "sara@skr.example"), **YEAR
        )
        with pytest.raises(Refusal):
            submit_requisition(t.skr_user, r)
    assert mail.outbox == []
    assert Account.RESERVED not in set(
        Posting.objects.filter(entitlement=skr(t)).values_list("account", flat=True)
    )
