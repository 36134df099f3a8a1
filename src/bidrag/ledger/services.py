"""Posting to the appropriation ledger and reading balances (always computed from postings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Sum

from bidrag.audit.services import Actor, record
from bidrag.ledger.models import (
    Account,
    Appropriation,
    AppropriationItem,
    ExpenditureArea,
    LedgerTransaction,
    Posting,
)


class UnbalancedTransactionError(ValueError):
    """The postings of one transaction do not sum to zero."""


@dataclass(frozen=True)
class ItemRef:
    expenditure_area: int
    expenditure_area_name: str
    appropriation: str
    appropriation_name: str
    item: int
    item_name: str
    budget_year: int


@transaction.atomic
def ensure_item(actor: Actor, ref: ItemRef) -> AppropriationItem:
    """The anslagspost for ``ref`` (and its utgiftsområde and anslag), created if new."""
    area, created = ExpenditureArea.objects.get_or_create(
        number=ref.expenditure_area, defaults={"name": ref.expenditure_area_name}
    )
    if created:
        record(actor, "ledger.expenditure_area.created", area, new={"name": area.name})
    appropriation, created = Appropriation.objects.get_or_create(
        expenditure_area=area,
        budget_year=ref.budget_year,
        code=ref.appropriation,
        defaults={"name": ref.appropriation_name},
    )
    if created:
        record(
            actor,
            "ledger.appropriation.created",
            appropriation,
            new={"name": ref.appropriation_name},
        )
    item, created = AppropriationItem.objects.get_or_create(
        appropriation=appropriation, number=ref.item, defaults={"name": ref.item_name}
    )
    if created:
        record(actor, "ledger.item.created", item, new={"name": ref.item_name})
    return item


@dataclass(frozen=True)
class Entry:
    item: AppropriationItem
    account: str
    amount_ore: int


@transaction.atomic
def post(
    actor: Actor,
    *,
    date: dt.date,
    kind: str,
    description: str,
    source: models.Model,
    entries: Sequence[Entry],
) -> LedgerTransaction:
    """Append one transaction; its entries must sum to zero (double entry)."""
    if not entries:
        raise UnbalancedTransactionError("a transaction needs postings")
    if sum(e.amount_ore for e in entries) != 0:
        raise UnbalancedTransactionError(
            f"postings sum to {sum(e.amount_ore for e in entries)} öre, not 0"
        )
    for e in entries:
        if e.account not in Account.values:
            raise ValueError(f"unknown account {e.account!r}")
        if isinstance(e.amount_ore, bool) or not isinstance(e.amount_ore, int):
            raise TypeError("amounts are integer öre")
    txn = LedgerTransaction.objects.create(
        date=date,
        kind=kind,
        description=description[:300],
        source_type=source._meta.label,
        source_id=str(source.pk),
    )
    Posting.objects.bulk_create(
        Posting(transaction=txn, item=e.item, account=e.account, amount_ore=e.amount_ore)
        for e in entries
    )
    record(
        actor,
        f"ledger.{kind}",
        txn,
        new=[{"item": str(e.item), "account": e.account, "ore": e.amount_ore} for e in entries],
    )
    return txn


def move(item: AppropriationItem, to: str, frm: str, amount_ore: int) -> list[Entry]:
    """The two entries moving ``amount_ore`` from account ``frm`` to ``to``."""
    return [Entry(item, to, amount_ore), Entry(item, frm, -amount_ore)]


@dataclass(frozen=True)
class Balances:
    """An item's balances in öre. ``decided`` is all ever decided (net of revisions);
    ``outstanding`` what is decided and neither paid nor lapsed."""

    decided: int
    outstanding: int
    paid: int
    lapsed: int
    repaid: int
    reclaimed: int

    def kronor(self) -> dict[str, int]:
        """Whole kronor (decisions are whole kronor; öre are truncated towards zero)."""
        return {k: (v // 100 if v >= 0 else -(-v // 100)) for k, v in self.__dict__.items()}


def _account_sums(
    items: models.QuerySet[AppropriationItem] | Sequence[AppropriationItem],
) -> dict[tuple[int, str], int]:
    rows = (
        Posting.objects.filter(item__in=items)
        .values("item_id", "account")
        .annotate(total=Sum("amount_ore"))
    )
    return {(r["item_id"], r["account"]): r["total"] or 0 for r in rows}


def _balances(sums: Mapping[tuple[int, str], int], item_id: int) -> Balances:
    def get(account: str) -> int:
        return sums.get((item_id, account), 0)

    return Balances(
        decided=-get(Account.APPROPRIATION),
        outstanding=get(Account.DECIDED),
        paid=get(Account.PAID),
        lapsed=get(Account.LAPSED),
        repaid=get(Account.REPAID),
        reclaimed=get(Account.RECLAIMED),
    )


def balances(item: AppropriationItem) -> Balances:
    return _balances(_account_sums([item]), item.pk)


def balance_sheet(budget_year: int) -> list[tuple[AppropriationItem, Balances]]:
    """Every appropriation item of ``budget_year`` with its balances."""
    items = list(
        AppropriationItem.objects.filter(appropriation__budget_year=budget_year)
        .select_related("appropriation__expenditure_area")
        .order_by("appropriation__expenditure_area__number", "appropriation__code", "number")
    )
    sums = _account_sums(items)
    return [(item, _balances(sums, item.pk)) for item in items]


def find_item(
    budget_year: int, appropriation: str, number: int, area: int = 9
) -> AppropriationItem:
    return AppropriationItem.objects.get(
        appropriation__budget_year=budget_year,
        appropriation__code=appropriation,
        appropriation__expenditure_area__number=area,
        number=number,
    )
