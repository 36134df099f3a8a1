"""Posting to the appropriation ledger and reading balances (always computed from postings)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Sum

from bidrag.audit.services import Actor, record
from bidrag.core.errors import DomainError
from bidrag.core.money import format_ore
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


def item_for_year(actor: Actor, item: AppropriationItem, year: int) -> AppropriationItem:
    """The same anslagspost in another budget year (a payment is charged to the year paid)."""
    if item.appropriation.budget_year == year:
        return item
    a = item.appropriation
    return ensure_item(
        actor,
        ItemRef(
            expenditure_area=a.expenditure_area.number,
            expenditure_area_name=a.expenditure_area.name,
            appropriation=a.code,
            appropriation_name=a.name,
            item=item.number,
            item_name=item.name,
            budget_year=year,
        ),
    )


class OverdrawnError(DomainError):
    """A transaction would take an entitlement's account below zero (more requested, paid or
    lapsed than decided). ``entitlement_id`` and ``shortfall_ore`` say where and how much."""

    def __init__(self, entitlement_id: int, label: str, account: str, balance_ore: int) -> None:
        self.entitlement_id = entitlement_id
        self.account = account
        self.shortfall_ore = -balance_ore
        what = _WHAT.get(account, account)
        super().__init__(
            "amount",
            f"{label}: {what} would be {format_ore(balance_ore)}, "
            f"{format_ore(-balance_ore)} more than there is",
        )


_WHAT: dict[str, str] = {
    Account.OPEN: "what is left of the decided amount",
    Account.RESERVED: "the requested amount",
    Account.PAID: "the paid amount",
    Account.LAPSED: "the lapsed amount",
}


@dataclass(frozen=True)
class Entry:
    item: AppropriationItem
    account: str
    amount_ore: int
    entitlement_id: int | None = None


def _entitlement_model() -> Any:
    # The ledger sits below the domain apps: it knows the entitlement only through its relation.
    return Posting._meta.get_field("entitlement").related_model


@transaction.atomic
def post(
    actor: Actor,
    *,
    date: dt.date,
    kind: str,
    description: str,
    cause: str,
    source: models.Model,
    entries: Sequence[Entry],
) -> LedgerTransaction:
    """Append one transaction of balanced entries, once per ``cause``.

    Under a row lock on every entitlement the entries touch, refuses (:class:`OverdrawnError`)
    a transaction after which an entitlement's open, reserved, paid or lapsed balance would be
    negative: requested + paid + lapsed never exceed decided. Posting the same cause again
    returns the transaction already posted and writes nothing.
    """
    if not entries:
        raise UnbalancedTransactionError("a transaction needs postings")
    for e in entries:
        if e.account not in Account.values:
            raise ValueError(f"unknown account {e.account!r}")
        if isinstance(e.amount_ore, bool) or not isinstance(e.amount_ore, int):
            raise TypeError("amounts are integer öre")
    if sum(e.amount_ore for e in entries) != 0:
        raise UnbalancedTransactionError(
            f"postings sum to {sum(e.amount_ore for e in entries)} öre, not 0"
        )
    locked = _lock_entitlements(entries)
    existing = LedgerTransaction.objects.filter(cause=cause).first()
    if existing is not None:
        return existing
    _check_balances(entries, locked)
    try:
        with transaction.atomic():
            txn = LedgerTransaction.objects.create(
                date=date,
                kind=kind,
                description=description[:300],
                cause=cause,
                source_type=source._meta.label,
                source_id=str(source.pk),
            )
    except IntegrityError:
        # Another transaction posted the same cause first (it holds the entitlement locks
        # only when the entries name entitlements); theirs stands.
        return LedgerTransaction.objects.get(cause=cause)
    Posting.objects.bulk_create(
        Posting(
            transaction=txn,
            item=e.item,
            entitlement_id=e.entitlement_id,
            account=e.account,
            amount_ore=e.amount_ore,
        )
        for e in entries
    )
    record(
        actor,
        f"ledger.{kind}",
        txn,
        new=[
            {
                "item": str(e.item),
                "entitlement": e.entitlement_id,
                "account": e.account,
                "ore": e.amount_ore,
            }
            for e in entries
        ],
        note=cause,
    )
    return txn


def _lock_entitlements(entries: Sequence[Entry]) -> dict[int, models.Model]:
    """Row locks on the entries' entitlements, in id order (no deadlock between posters)."""
    ids = sorted({e.entitlement_id for e in entries if e.entitlement_id is not None})
    if not ids:
        return {}
    model = _entitlement_model()
    return {
        obj.pk: obj for obj in model.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }


def _check_balances(entries: Sequence[Entry], locked: dict[int, models.Model]) -> None:
    ids = list(locked)
    if not ids:
        return
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for row in (
        Posting.objects.filter(entitlement_id__in=ids)
        .values("entitlement_id", "account")
        .annotate(total=Sum("amount_ore"))
    ):
        sums[(row["entitlement_id"], row["account"])] = row["total"] or 0
    for e in entries:
        if e.entitlement_id is not None:
            sums[(e.entitlement_id, e.account)] += e.amount_ore
    for (pk, account), balance in sorted(sums.items()):
        if account != Account.COMMITMENT and balance < 0:
            raise OverdrawnError(pk, str(locked.get(pk, pk)), account, balance)


def move(
    item: AppropriationItem,
    to: str,
    frm: str,
    amount_ore: int,
    entitlement_id: int | None = None,
    *,
    to_item: AppropriationItem | None = None,
) -> list[Entry]:
    """The two entries moving ``amount_ore`` from account ``frm`` to ``to`` (``to_item`` when
    the receiving side is charged to another budget year's item)."""
    return [
        Entry(to_item or item, to, amount_ore, entitlement_id),
        Entry(item, frm, -amount_ore, entitlement_id),
    ]


@dataclass(frozen=True)
class Balances:
    """Balances in öre: ``decided`` (all decided, net of amendments) = ``requested`` (reserved,
    not yet paid) + ``paid`` + ``lapsed`` + ``left``."""

    decided: int = 0
    requested: int = 0
    paid: int = 0
    lapsed: int = 0
    left: int = 0

    def kronor(self) -> dict[str, int]:
        """Whole kronor (öre truncated towards zero)."""
        return {k: v // 100 if v >= 0 else -(-v // 100) for k, v in self.__dict__.items()}

    def __add__(self, other: Balances) -> Balances:
        return Balances(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def _from_sums(get: Callable[[str], int]) -> Balances:
    return Balances(
        decided=-get(Account.COMMITMENT),
        requested=get(Account.RESERVED),
        paid=get(Account.PAID),
        lapsed=get(Account.LAPSED),
        left=get(Account.OPEN),
    )


def balances_by(group: str, **filters: Any) -> dict[Any, Balances]:
    """Balances per value of ``group`` (a posting lookup: ``"item_id"``, ``"entitlement_id"``,
    ``"entitlement__beneficiary_id"``, ``"entitlement__line__decision_id"``), one query."""
    sums: dict[Any, dict[str, int]] = defaultdict(dict)
    rows = (
        Posting.objects.filter(**filters)
        .values(group, "account")
        .annotate(total=Sum("amount_ore"))
        .order_by()
    )
    for row in rows:
        sums[row[group]][row["account"]] = row["total"] or 0
    return {key: _from_sums(lambda a, s=s: s.get(a, 0)) for key, s in sums.items()}  # type: ignore[misc]


def balances(item: AppropriationItem) -> Balances:
    return balances_by("item_id", item=item).get(item.pk, Balances())


def balance_sheet(budget_year: int) -> list[tuple[AppropriationItem, Balances]]:
    """Every appropriation item of ``budget_year`` with its balances."""
    items = list(
        AppropriationItem.objects.filter(appropriation__budget_year=budget_year)
        .select_related("appropriation__expenditure_area")
        .order_by("appropriation__expenditure_area__number", "appropriation__code", "number")
    )
    sums = balances_by("item_id", item__in=items)
    return [(item, sums.get(item.pk, Balances())) for item in items]


def find_item(
    budget_year: int, appropriation: str, number: int, area: int = 9
) -> AppropriationItem:
    return AppropriationItem.objects.get(
        appropriation__budget_year=budget_year,
        appropriation__code=appropriation,
        appropriation__expenditure_area__number=area,
        number=number,
    )
