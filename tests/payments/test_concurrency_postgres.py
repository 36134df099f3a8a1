"""On PostgreSQL, with real parallel transactions: 20 requisitions signed at once against one
entitlement never exceed it; 10 parallel attempts to batch the same payments put each payment
in exactly one batch."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection, connections

from bidrag.accounts.testing import loader
from bidrag.agreements.models import Entitlement
from bidrag.agreements.services import load_files
from bidrag.ledger.services import balances_by
from bidrag.payments.models import BatchItem, Payment, Status
from bidrag.payments.services import attest_payment, create_batch, schedule_payments
from bidrag.payments.testing import ready_payment_details, team
from bidrag.requisitions.errors import Refusal
from bidrag.requisitions.models import Requisition
from bidrag.requisitions.services import Contact, create_requisition, submit_requisition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (SQLite locks the file)",
    ),
]
PSV = Path(__file__).resolve().parents[2] / "decisions" / "2021-psv-payment-decision.yaml"


def in_parallel(n: int, work: Callable[[int], str]) -> list[str]:
    """Run ``work(i)`` in ``n`` threads released at once; each returns an outcome."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes.append(work(i))
        except Refusal as e:
            outcomes.append(e.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


def test_twenty_parallel_requisitions_never_exceed_the_entitlement(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 6, 1)
    load_files([str(PSV)], loader())
    t = team()
    ready_payment_details(t)
    e = Entitlement.objects.get(beneficiary=t.skr)  # 15 000 000 kr on requisition
    drafts = [
        create_requisition(
            t.skr_user,
            e,
            amount=1_000_000,
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2021, 12, 31),
            contact=Contact("Sara", "sara@skr.example"),
        )
        for _ in range(20)
    ]

    def sign(i: int) -> str:
        submit_requisition(t.signatory, Requisition.objects.get(pk=drafts[i].pk))
        return "submitted"

    outcomes = Counter(in_parallel(20, sign))
    assert outcomes == {"submitted": 15, "amount-above-left": 5}
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert (b.requested, b.left) == (15_000_000_00, 0)
    assert Requisition.objects.filter(status="submitted").count() == 15


def test_ten_parallel_batches_put_each_payment_in_exactly_one(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 2, 15)
    load_files([str(PSV)], loader())
    t = team()
    ready_payment_details(t)
    payments = [p for p in schedule_payments("system") if p.entitlement.line.key == "regions"][:8]
    for p in payments:
        attest_payment(t.attester, p)
        attest_payment(t.attester2, p)
    due = dt.date(2021, 3, 15)
    # half of the attempts gather what is due, half name the payments explicitly
    ids = [p.pk for p in payments]

    def batch(i: int) -> str:
        create_batch(t.admin, due, payments=ids if i % 2 else None)
        return "batched"

    outcomes = Counter(in_parallel(10, batch))
    assert outcomes["batched"] >= 1
    assert set(outcomes) <= {"batched", "nothing-to-batch", "already-in-batch"}
    per_payment = Counter(BatchItem.objects.values_list("payment_id", flat=True))
    assert per_payment == {pk: 1 for pk in ids}
    assert set(Payment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        Status.BATCHED
    }
