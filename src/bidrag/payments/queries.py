"""Read-only queries for the pages and the API: queues, lists and the ledger per entitlement,
recipient, decision and appropriation item. A fixed number of queries, never one per row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import has_role, scoped_organisation_ids, visible
from bidrag.agreements.models import Entitlement, PaymentDecision
from bidrag.ledger.models import Account, AppropriationItem, Posting
from bidrag.ledger.services import Balances, balances_by
from bidrag.payments.models import Attestation, BatchStatus, Payment, PaymentBatch, Status
from bidrag.payments.services import blockers_for_payments, next_attestation
from bidrag.recipients.models import Organisation
from bidrag.recipients.readiness import Blocker


def payments() -> QuerySet[Payment]:
    """Payments with what lists show, the current round's attestations prefetched."""
    return Payment.objects.select_related(
        "entitlement__beneficiary",
        "entitlement__line__decision",
        "requisition__reviewed_by",
        "registered_by",
    ).prefetch_related(
        Prefetch(
            "attestations",
            queryset=Attestation.objects.select_related("attested_by").order_by("id"),
        )
    )


def visible_payments(user: Any, status: str | None = None) -> QuerySet[Payment]:
    """The payments ``user`` may see (a recipient: its own organisation's), by ``status``."""
    qs = visible(user, payments(), via="entitlement__beneficiary")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_on", "id")


@dataclass(frozen=True)
class Row:
    """A payment in a queue with what stops it and who may attest it next."""

    payment: Payment
    blockers: list[Blocker]
    attestations: list[Attestation]
    next_kind: str | None
    may_attest: bool = False


def rows(qs: QuerySet[Payment], user: Any = None) -> list[Row]:
    """Payments as :class:`Row` (blockers in bulk; ``may_attest`` for ``user``)."""
    items = list(qs)
    blocked = blockers_for_payments(items)
    attester = user is not None and has_role(user, Role.ATTESTER)
    out = []
    for p in items:
        done = [a for a in p.attestations.all() if a.round == p.round]
        may = (
            attester
            and p.status == Status.REGISTERED
            and not blocked[p.pk]
            and p.registered_by_id != user.pk
            and not (p.requisition is not None and p.requisition.reviewed_by_id == user.pk)
            and all(a.attested_by_id != user.pk for a in done)
        )
        out.append(Row(p, blocked[p.pk], done, next_attestation(p, done), bool(may)))
    return out


def attestation_queue(user: Any) -> list[Row]:
    """Payments waiting for an attestation, oldest due first; ``may_attest`` says whether
    ``user`` may give the next one."""
    return rows(payments().filter(status=Status.REGISTERED).order_by("due_on", "id"), user)


@dataclass(frozen=True)
class Candidates:
    """What a batch due on a date would take, and what is attested but blocked."""

    ready: list[Payment]
    blocked: list[Row]
    total: int = field(default=0)


def batch_candidates(due_on: dt.date) -> Candidates:
    rows_ = rows(payments().filter(status=Status.ATTESTED, due_on__lte=due_on).order_by("pk"))
    ready = [r.payment for r in rows_ if not r.blockers]
    return Candidates(ready, [r for r in rows_ if r.blockers], sum(p.amount for p in ready))


def batches(status: str | None = None) -> QuerySet[PaymentBatch]:
    qs = PaymentBatch.objects.select_related("created_by", "sent_by").defer("file")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def open_batches() -> QuerySet[PaymentBatch]:
    return batches(BatchStatus.OPEN)


# --- the ledger: decided, requested, paid, lapsed and left ------------------------------------


@dataclass(frozen=True)
class Line:
    """One thing (entitlement, organisation, decision, appropriation item) with its balances
    in öre (``balances.kronor()`` for whole kronor)."""

    obj: Any
    balances: Balances


def _lines(objs: list[Any], sums: dict[Any, Balances]) -> list[Line]:
    return [Line(o, sums.get(o.pk, Balances())) for o in objs]


def by_entitlement(user: Any, **filters: Any) -> list[Line]:
    """Every entitlement ``user`` may see (``filters`` narrow it) with its balances."""
    qs = visible(
        user,
        Entitlement.objects.filter(**filters).select_related(
            "beneficiary", "line__decision", "line__appropriation_item__appropriation"
        ),
        via="beneficiary",
    ).order_by("line__decision__budget_year", "line__decision_id", "line__position", "id")
    objs = list(qs)
    return _lines(objs, balances_by("entitlement_id", entitlement_id__in=[e.pk for e in objs]))


def by_recipient(user: Any) -> list[Line]:
    """Every organisation ``user`` may see that has an entitlement, with its balances."""
    objs = list(
        visible(user, Organisation.objects.filter(entitlements__isnull=False).distinct(), "pk")
    )
    ids = [o.pk for o in objs]
    return _lines(
        objs, balances_by("entitlement__beneficiary_id", entitlement__beneficiary_id__in=ids)
    )


def by_decision(user: Any) -> list[Line]:
    """Every payment decision with its balances (a recipient: its own share of each)."""
    scope = scoped_organisation_ids(user)
    decisions = PaymentDecision.objects.order_by("budget_year", "date", "id")
    filters: dict[str, Any] = {"entitlement__isnull": False}
    if scope is not None:
        decisions = decisions.filter(lines__entitlements__beneficiary_id__in=scope).distinct()
        filters["entitlement__beneficiary_id__in"] = scope
    objs = list(decisions)
    filters["entitlement__line__decision_id__in"] = [d.pk for d in objs]
    return _lines(objs, balances_by("entitlement__line__decision_id", **filters))


def by_item(budget_year: int | None = None) -> list[Line]:
    """Every appropriation item (of ``budget_year``) with its balances. A payment is charged
    to the item of the year it is paid in, so an item's ``paid`` may come from another year's
    decisions (officials and auditors only: scope before calling)."""
    items = AppropriationItem.objects.select_related("appropriation__expenditure_area")
    if budget_year is not None:
        items = items.filter(appropriation__budget_year=budget_year)
    objs = list(
        items.order_by(
            "appropriation__budget_year",
            "appropriation__expenditure_area__number",
            "appropriation__code",
            "number",
        )
    )
    return _lines(objs, balances_by("item_id", item_id__in=[i.pk for i in objs]))


def paid_by_year(entitlement_ids: list[int]) -> dict[int, dict[int, int]]:
    """Öre paid per entitlement and budget year of payment (the paid item's year)."""
    out: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Posting.objects.filter(entitlement_id__in=entitlement_ids, account=Account.PAID)
        .values("entitlement_id", "item__appropriation__budget_year")
        .annotate(total=Sum("amount_ore"))
        .order_by()
    ):
        out[row["entitlement_id"]][row["item__appropriation__budget_year"]] = row["total"] or 0
    return dict(out)
