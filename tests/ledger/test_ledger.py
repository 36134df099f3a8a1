"""The appropriation ledger: balanced, append-only postings per entitlement, dated by the
business event, one transaction per cause; never more requested, paid or lapsed than decided."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Sum

from bidrag.accounts.testing import loader
from bidrag.agreements.models import Entitlement
from bidrag.agreements.services import load_files
from bidrag.ledger.models import Account, AppendOnlyError, LedgerTransaction, Posting
from bidrag.ledger.services import (
    Balances,
    Entry,
    ItemRef,
    OverdrawnError,
    UnbalancedTransactionError,
    balance_sheet,
    balances,
    balances_by,
    ensure_item,
    item_for_year,
    move,
    post,
)

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
REF = ItemRef(
    9,
    "Hälsovård, sjukvård och social omsorg",
    "1:6",
    "Bidrag till folkhälsa och sjukvård",
    40,
    "Jämlik sjukvård",
    2021,
)


def stockholm() -> Entitlement:
    """Region Stockholm's entitlement of seed 000 (49 472 318 kr), loaded from its file."""
    load_files([str(PSV_2021)], loader())
    return Entitlement.objects.select_related("line__appropriation_item__appropriation").get(
        beneficiary__name="Region Stockholm", line__key="regions"
    )


def reserve(e: Entitlement, ore: int, cause: str) -> LedgerTransaction:
    item = e.line.appropriation_item
    return post(
        "test",
        date=dt.date(2021, 3, 1),
        kind="reservation",
        description="rekvisition",
        cause=cause,
        source=e,
        entries=move(item, Account.RESERVED, Account.OPEN, ore, e.pk),
    )


@pytest.mark.django_db
def test_region_stockholm_is_one_posting_on_its_entitlement_dated_by_the_decision() -> None:
    e = stockholm()
    postings = list(Posting.objects.filter(entitlement=e).select_related("transaction"))
    assert sorted((p.account, p.amount_ore) for p in postings) == [
        (Account.COMMITMENT, -49_472_318_00),
        (Account.OPEN, 49_472_318_00),
    ]
    # seed 000 prints no date: the file's stand-in (the window's first day) dates it
    assert {p.transaction.date for p in postings} == {dt.date(2021, 2, 15)}
    assert balances_by("entitlement_id", entitlement=e)[e.pk] == Balances(
        decided=49_472_318_00, left=49_472_318_00
    )


@pytest.mark.django_db
def test_balances_per_item_recipient_and_decision_are_read_from_postings() -> None:
    e = stockholm()
    reserve(e, 1_000_000_00, "test:r1")
    item = e.line.appropriation_item
    paid_in_2022 = item_for_year("test", item, 2022)
    assert paid_in_2022.budget_year == 2022 and paid_in_2022.number == item.number
    post(
        "test",
        date=dt.date(2022, 1, 10),
        kind="payment",
        description="utbetalning",
        cause="test:p1",
        source=e,
        entries=move(item, Account.PAID, Account.RESERVED, 400_000_00, e.pk, to_item=paid_in_2022),
    )
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert b == Balances(
        decided=49_472_318_00,
        requested=600_000_00,
        paid=400_000_00,
        left=48_472_318_00,
    )
    assert b.decided == b.requested + b.paid + b.lapsed + b.left
    # the payment is charged to the budget year it was paid in (anslagsförordningen 12 §)
    assert balances(item).paid == 0 and balances(paid_in_2022).paid == 400_000_00
    by_org = balances_by("entitlement__beneficiary_id", entitlement__beneficiary=e.beneficiary)
    assert by_org[e.beneficiary_id].paid == 400_000_00
    by_decision = balances_by("entitlement__line__decision_id")
    assert by_decision[e.line.decision_id].decided == 290_000_000_00
    ((row_item, row),) = balance_sheet(2021)
    assert row_item == item and row.decided == 290_000_000_00


@pytest.mark.django_db
def test_more_than_decided_is_refused_naming_the_recipient() -> None:
    e = stockholm()
    reserve(e, 49_000_000_00, "test:r1")
    with pytest.raises(OverdrawnError) as refused:
        reserve(e, 472_319_00, "test:r2")
    assert "Region Stockholm" in str(refused.value)
    assert refused.value.shortfall_ore == 1_00
    reserve(e, 472_318_00, "test:r3")  # exactly what is left
    assert balances_by("entitlement_id", entitlement=e)[e.pk].left == 0


@pytest.mark.django_db
def test_the_same_cause_posts_once() -> None:
    e = stockholm()
    first = reserve(e, 100_00, "requisition:1")
    again = reserve(e, 100_00, "requisition:1")
    assert again.pk == first.pk
    assert balances_by("entitlement_id", entitlement=e)[e.pk].requested == 100_00


@pytest.mark.django_db
def test_an_unbalanced_transaction_is_refused_and_nothing_is_written() -> None:
    item = ensure_item("test", REF)
    with pytest.raises(UnbalancedTransactionError):
        post(
            "test",
            date=dt.date(2021, 1, 1),
            kind="decision",
            description="x",
            cause="test:unbalanced",
            source=item,
            entries=[Entry(item, Account.OPEN, 100), Entry(item, Account.COMMITMENT, -99)],
        )
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.django_db
def test_every_transaction_balances_after_loading_all_decisions() -> None:
    assert load_files(sorted(str(p) for p in DECISIONS.glob("*.yaml")), loader())
    assert LedgerTransaction.objects.count() == 2  # one per payment decision; agreements none
    for txn in LedgerTransaction.objects.all():
        assert txn.postings.aggregate(s=Sum("amount_ore"))["s"] == 0
        assert not txn.postings.filter(entitlement__isnull=True).exists()


@pytest.mark.django_db
def test_postings_are_append_only_through_models_and_querysets() -> None:
    e = stockholm()
    posting = Posting.objects.filter(entitlement=e).first()
    assert posting is not None
    posting.amount_ore = 5
    with pytest.raises(AppendOnlyError):
        posting.save()
    with pytest.raises(AppendOnlyError):
        posting.delete()
    with pytest.raises(AppendOnlyError):
        Posting.objects.filter(entitlement=e).update(amount_ore=0)
    with pytest.raises(AppendOnlyError):
        Posting.objects.filter(entitlement=e).delete()
    with pytest.raises(AppendOnlyError):
        LedgerTransaction.objects.all().delete()
    assert Posting.objects.filter(entitlement=e).aggregate(s=Sum("amount_ore"))["s"] == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_an_update_or_delete_in_sql_is_refused_on_postgresql() -> None:
    e = stockholm()
    for sql in (
        "UPDATE ledger_posting SET amount_ore = 0 WHERE entitlement_id = %s",
        "DELETE FROM ledger_posting WHERE entitlement_id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"):  # noqa: SIM117
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [e.pk])
    assert Posting.objects.filter(entitlement=e).count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks the file)"
)
def test_twenty_parallel_postings_never_exceed_the_entitlement() -> None:
    e = stockholm()
    item = e.line.appropriation_item
    # 20 requests of 3 000 000 kr each against 49 472 318 kr: at most 16 fit.
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def request(n: int) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                post(
                    "test",
                    date=dt.date(2021, 3, 1),
                    kind="reservation",
                    description="rekvisition",
                    cause=f"test:parallel:{n}",
                    source=e,
                    entries=move(item, Account.RESERVED, Account.OPEN, 3_000_000_00, e.pk),
                )
            outcomes.append("posted")
        except OverdrawnError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("posted") == 16 and outcomes.count("refused") == 4
    b = balances_by("entitlement_id", entitlement=e)[e.pk]
    assert b.requested == 48_000_000_00 and b.left == 1_472_318_00
