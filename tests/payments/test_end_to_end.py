"""Issue 9's end-to-end flow on the loaded 2021 and 2023 decisions: scheduled payments for the
regions in their window, SKR's 15 MSEK requested in two parts, reviewed, attested by two,
batched and exported as pain.001 files that pass the official XSD; lapse; the ledger balances
to the krona per entitlement and per appropriation item."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.core import mail
from django.db.models import Sum

from bidrag.agreements.models import DisbursementMode, Entitlement
from bidrag.ledger.models import Account, LedgerTransaction, Posting
from bidrag.ledger.services import balances_by
from bidrag.payments import pain001
from bidrag.payments.errors import PaymentBlockedError
from bidrag.payments.models import BatchItem, Kind, Payment, Status
from bidrag.payments.services import (
    attest_payment,
    create_batch,
    export_batch,
    payment_blockers,
    review_requisition,
    schedule_payments,
)
from bidrag.payments.testing import ready_payment_details, team
from bidrag.recipients.services import current_payment_details
from bidrag.requisitions.lapse import lapse_due
from bidrag.requisitions.services import Contact, create_requisition, submit_requisition

pytestmark = pytest.mark.django_db

PSV = "2021-psv-payment-decision"
S2023 = "2023-S2023-00488-payment-decision"
CONTACT = Contact(name="Sara Kommunförbund", email="sara@skr.example", phone="08-452 70 00")


def attest_both(t, payments):  # type: ignore[no-untyped-def]
    for p in payments:
        attest_payment(t.attester, p)
        attest_payment(t.attester2, p)


def test_a_national_year_from_decision_to_payment_file(loaded: None, settings) -> None:  # type: ignore[no-untyped-def]
    t = team()
    ready_payment_details(t)

    # --- 2021: the regions' and collaboration regions' money, once, in the window --------------
    settings.BIDRAG_TODAY = dt.date(2021, 2, 15)
    scheduled = schedule_payments("system")
    without = Entitlement.objects.filter(
        line__decision__document_id=PSV, mode=DisbursementMode.WITHOUT_REQUISITION
    )
    assert len(scheduled) == without.count() == 27
    assert schedule_payments("system") == []  # idempotent
    assert {p.due_on for p in scheduled} == {dt.date(2021, 2, 15)}
    # Seed 000 prints no Bankgiro for Sydöstra samverkansregionen: its payment waits, blocked.
    blocked = {p.pk: b for p, b in zip(scheduled, map(payment_blockers, scheduled), strict=True)}
    (sydostra,) = [p for p in scheduled if blocked[p.pk]]
    assert sydostra.entitlement.beneficiary.name == "Sydöstra samverkansregionen"
    assert [b.code for b in blocked[sydostra.pk]] == ["no-account"]
    with pytest.raises(PaymentBlockedError) as refused:
        attest_payment(t.attester, sydostra)
    assert refused.value.code == "payment-blocked" and "Bankgiro" in refused.value.message
    attest_both(t, [p for p in scheduled if p is not sydostra])
    window_batch = create_batch(t.admin, dt.date(2021, 3, 15))
    data = export_batch(t.admin, window_batch)
    assert export_batch(t.admin, window_batch) == data  # the same bytes again
    read = pain001.read(data)  # validates against the XSD
    assert read.number_of_transactions == len(read.transfers) == 26
    assert read.control_sum_ore == sum(x.amount_ore for x in read.transfers) == 265_000_000_00
    regions = {
        e.beneficiary.name
        for e in without.filter(line__key="regions").select_related("beneficiary")
    }
    assert len(regions) == 21
    in_batch = set(
        BatchItem.objects.filter(batch=window_batch).values_list(
            "payment__entitlement__beneficiary__name", flat=True
        )
    )
    assert regions <= in_batch
    assert read.execution_date == dt.date(2021, 2, 15)

    # --- SKR requests its 15 MSEK (seed 000's SKR line) in two parts ---------------------------
    settings.BIDRAG_TODAY = dt.date(2021, 6, 1)
    skr_2021 = Entitlement.objects.get(line__decision__document_id=PSV, beneficiary=t.skr)
    assert skr_2021.amount == 15_000_000
    parts = []
    for amount in (10_000_000, 5_000_000):
        r = create_requisition(
            t.skr_user,
            skr_2021,
            amount=amount,
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2021, 12, 31),
            contact=CONTACT,
        )
        submit_requisition(t.signatory, r)
        parts.append(r)
    assert balances_by("entitlement_id", entitlement=skr_2021)[skr_2021.pk].requested == (
        15_000_000_00
    )
    mail.outbox.clear()
    payments = [review_requisition(t.officer, r, "approve", "").payment for r in parts]
    assert all(p is not None and p.status == Status.REGISTERED for p in payments)
    attest_both(t, payments)
    skr_batch = create_batch(t.admin, dt.date(2021, 6, 1))
    skr_file = pain001.read(export_batch(t.admin, skr_batch))
    assert skr_file.number_of_transactions == 2
    assert skr_file.control_sum_ore == 15_000_000_00
    approved = current_payment_details(t.skr)
    assert approved is not None
    assert {(x.account_scheme, x.account_number, x.clearing) for x in skr_file.transfers} == {
        ("BGNR", approved.account_number, "9900")
    }
    assert {x.payee_name for x in skr_file.transfers} == {approved.payee_name}
    assert all(x.town and x.country == "SE" for x in skr_file.transfers)

    # --- 2023: one SKR line requested and paid, the rest lapses after 1 December --------------
    settings.BIDRAG_TODAY = dt.date(2023, 5, 2)
    psv_2023 = Entitlement.objects.get(
        line__decision__document_id=S2023, line__key="skr-psv", beneficiary=t.skr
    )
    r = create_requisition(
        t.skr_user,
        psv_2023,
        amount=17_500_000,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        contact=CONTACT,
    )
    submit_requisition(t.signatory, r)
    p2023 = review_requisition(t.officer, r, "approve", "Komplett.").payment
    assert p2023 is not None
    attest_both(t, [p2023])
    pain001.read(export_batch(t.admin, create_batch(t.admin, dt.date(2023, 5, 2))))
    lapsed = lapse_due("lapse", dt.date(2023, 12, 2))
    assert lapse_due("lapse", dt.date(2023, 12, 2)) == []  # twice changes nothing
    with_req_2023 = Entitlement.objects.filter(
        line__decision__document_id=S2023, mode=DisbursementMode.WITH_REQUISITION
    )
    assert {x.entitlement_id for x in lapsed} == set(
        with_req_2023.exclude(pk=psv_2023.pk).values_list("pk", flat=True)
    )
    assert sum(x.amount_ore for x in lapsed) == (226_000_000 - 17_500_000) * 100

    # --- the ledger balances to the krona ------------------------------------------------------
    assert all(
        sum(txn.postings.values_list("amount_ore", flat=True)) == 0
        for txn in LedgerTransaction.objects.prefetch_related("postings")
    )
    sums = balances_by("entitlement_id", entitlement__isnull=False)
    paid: dict[int, int] = defaultdict(int)
    reserved: dict[int, int] = defaultdict(int)
    for p in Payment.objects.all():
        (paid if p.status == Status.SENT else reserved)[p.entitlement_id] += p.amount * 100
    for e in Entitlement.objects.all():
        b = sums[e.pk]
        assert b.decided == e.amount * 100
        assert b.decided == b.requested + b.paid + b.lapsed + b.left
        assert b.paid == paid[e.pk]
        assert b.requested == reserved[e.pk]  # only Sydöstra's blocked payment is unpaid
    by_item = balances_by("item_id")
    for item_id, b in by_item.items():
        decided = (
            Entitlement.objects.filter(line__appropriation_item_id=item_id).aggregate(
                s=Sum("amount")
            )["s"]
            or 0
        )
        assert b.decided == decided * 100
        assert b.decided == b.requested + b.paid + b.lapsed + b.left, item_id
    assert Posting.objects.filter(account=Account.PAID).aggregate(s=Sum("amount_ore"))["s"] == (
        (265_000_000 + 15_000_000 + 17_500_000) * 100
    )
    assert sum(reserved.values()) == 10_000_000_00
    assert Payment.objects.filter(kind=Kind.SCHEDULED).count() == 27
