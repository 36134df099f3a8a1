"""The appropriation ledger: balanced, append-only postings; balances computed from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Sum

from bidrag.ledger.models import Account, AppendOnlyError, LedgerTransaction, Posting
from bidrag.ledger.services import (
    Entry,
    ItemRef,
    UnbalancedTransactionError,
    balance_sheet,
    balances,
    ensure_item,
    move,
    post,
)

REF = ItemRef(
    9,
    "Hälsovård, sjukvård och social omsorg",
    "1:6",
    "Bidrag till folkhälsa och sjukvård",
    40,
    "Jämlik sjukvård",
    2021,
)


@pytest.mark.django_db
def test_postings_move_money_and_balances_follow() -> None:
    item = ensure_item("test", REF)
    source = item
    post(
        "test",
        date=dt.date(2021, 2, 1),
        kind="decision",
        description="beslut",
        source=source,
        entries=move(item, Account.DECIDED, Account.APPROPRIATION, 290_000_000_00),
    )
    post(
        "test",
        date=dt.date(2021, 3, 1),
        kind="payment",
        description="utbetalning",
        source=source,
        entries=move(item, Account.PAID, Account.DECIDED, 215_000_000_00),
    )
    post(
        "test",
        date=dt.date(2022, 4, 1),
        kind="repayment",
        description="återbetalning",
        source=source,
        entries=move(item, Account.REPAID, Account.PAID, 1_234_56),
    )
    b = balances(item)
    assert b.decided == 290_000_000_00
    assert b.outstanding == 75_000_000_00
    assert b.paid == 215_000_000_00 - 1_234_56
    assert b.repaid == 1_234_56
    ((row_item, row),) = balance_sheet(2021)
    assert row_item == item and row == b


@pytest.mark.django_db
def test_an_unbalanced_transaction_is_refused_and_nothing_is_written() -> None:
    item = ensure_item("test", REF)
    with pytest.raises(UnbalancedTransactionError):
        post(
            "test",
            date=dt.date(2021, 1, 1),
            kind="decision",
            description="x",
            source=item,
            entries=[Entry(item, Account.DECIDED, 100), Entry(item, Account.APPROPRIATION, -99)],
        )
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.django_db
def test_every_transaction_balances_after_loading_all_decisions() -> None:
    from bidrag.agreements.services import load_files

    decisions = Path(__file__).resolve().parents[2] / "decisions"
    assert load_files(sorted(str(p) for p in decisions.glob("*.yaml")), "test")
    assert LedgerTransaction.objects.count() == 2
    for txn in LedgerTransaction.objects.all():
        assert txn.postings.aggregate(s=Sum("amount_ore"))["s"] == 0


@pytest.mark.django_db
def test_postings_are_append_only() -> None:
    item = ensure_item("test", REF)
    with transaction.atomic():
        txn = post(
            "test",
            date=dt.date(2021, 1, 1),
            kind="decision",
            description="x",
            source=item,
            entries=move(item, Account.DECIDED, Account.APPROPRIATION, 100),
        )
    posting = Posting.objects.filter(transaction=txn).first()
    assert posting is not None
    posting.amount_ore = 5
    with pytest.raises(AppendOnlyError):
        posting.save()
    with pytest.raises(AppendOnlyError):
        txn.delete()
