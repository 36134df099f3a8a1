"""Queues and ledger figures for the pages and the API: right numbers, scoped, and a fixed
number of queries however many rows."""

from __future__ import annotations

import datetime as dt

import pytest

from bidrag.agreements.models import Entitlement
from bidrag.payments import queries
from bidrag.payments.models import Status
from bidrag.payments.services import attest_payment, create_batch, export_batch, schedule_payments
from bidrag.payments.testing import ready_payment_details, team
from bidrag.requisitions.queries import review_queue, visible_requisitions
from bidrag.requisitions.services import Contact, create_requisition, submit_requisition

pytestmark = pytest.mark.django_db


@pytest.fixture
def t(loaded: None, settings):  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 2, 15)
    team_ = team()
    ready_payment_details(team_)
    return team_


def test_the_attestation_queue_says_who_may_attest_and_what_blocks(  # type: ignore[no-untyped-def]
    t, django_assert_max_num_queries
) -> None:
    made = schedule_payments(t.attester)  # the attester registered them: may not attest
    attest_payment(t.attester2, made[0])
    with django_assert_max_num_queries(8):
        rows = queries.attestation_queue(t.attester2)
    assert len(rows) == 27
    # attester2 may attest every unblocked payment but the one they already attested
    assert sum(r.may_attest for r in rows) == 25
    assert not any(r.may_attest for r in queries.attestation_queue(t.attester))  # registrar
    rows_other = queries.attestation_queue(t.officer)
    assert not any(r.may_attest for r in rows_other)  # not an attester
    blocked = [r for r in rows if r.blockers]
    assert [b.code for r in blocked for b in r.blockers] == ["no-account"]
    first = next(r for r in rows if r.payment.pk == made[0].pk)
    assert first.next_kind == "decision" and len(first.attestations) == 1


def test_batch_candidates_and_ledger_lines(t, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    made = schedule_payments("system")
    for p in made[:5]:
        attest_payment(t.attester, p)
        attest_payment(t.attester2, p)
    c = queries.batch_candidates(dt.date(2021, 3, 15))
    assert [p.pk for p in c.ready] == [p.pk for p in made[:5]]
    assert c.total == sum(p.amount for p in made[:5])
    export_batch(t.admin, create_batch(t.admin, dt.date(2021, 3, 15)))
    with django_assert_max_num_queries(3):
        lines = queries.by_entitlement(t.officer)
    assert len(lines) == Entitlement.objects.count()
    paid = sum(line.balances.paid for line in lines)
    assert paid == sum(p.amount for p in made[:5]) * 100
    requested = sum(line.balances.requested for line in lines)
    assert requested == sum(p.amount for p in made[5:]) * 100
    with django_assert_max_num_queries(3):
        recipients = queries.by_recipient(t.officer)
    assert sum(r.balances.paid for r in recipients) == paid
    decisions = {line.obj.document_id: line.balances for line in queries.by_decision(t.officer)}
    assert decisions["2021-psv-payment-decision"].decided == 290_000_000_00
    assert decisions["2021-psv-payment-decision"].paid == paid
    items = queries.by_item(2021)
    assert sum(i.balances.decided for i in items) == 290_000_000_00
    assert queries.paid_by_year([made[0].entitlement_id]) == {
        made[0].entitlement_id: {2021: made[0].amount * 100}
    }
    # a recipient sees its own organisation's figures only
    own = queries.by_entitlement(t.stockholm_user)
    assert {line.obj.beneficiary_id for line in own} == {t.stockholm.pk}
    assert [line.obj.document_id for line in queries.by_decision(t.skr_user)] == [
        "2021-psv-payment-decision",
        "2023-S2023-00488-payment-decision",
    ]
    mine = list(queries.visible_payments(t.stockholm_user))
    assert {p.entitlement.beneficiary_id for p in mine} == {t.stockholm.pk}
    assert list(queries.visible_payments(t.officer, Status.SENT)) == made[:5]


def test_the_review_queue_and_scoped_requisitions(t, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = dt.date(2021, 6, 1)
    e = Entitlement.objects.get(
        line__decision__document_id="2021-psv-payment-decision", beneficiary=t.skr
    )
    r = create_requisition(
        t.skr_user,
        e,
        amount=5,
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        contact=Contact("Sara", "sara@skr.example"),
    )
    assert list(review_queue()) == []
    submit_requisition(t.signatory, r)
    assert list(review_queue()) == [r]
    assert list(visible_requisitions(t.skr_user)) == [r]
    assert list(visible_requisitions(t.stockholm_user)) == []
    assert list(visible_requisitions(t.officer)) == [r]
