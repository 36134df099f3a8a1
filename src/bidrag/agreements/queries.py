"""Read-only queries over decisions and entitlements, shared by the pages, the API and panels.

What was decided for an organisation is its entitlements; every amount (decided, requested,
paid, lapsed, left) is read from the ledger. Which decisions a user may see is scoped by
``accounts.scoping``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from bidrag.accounts.scoping import visible
from bidrag.agreements.models import DecisionLine, Entitlement, PaymentDecision
from bidrag.ledger.services import Balances, balances_by


@dataclass(frozen=True)
class Decided:
    """One entitlement of one organisation, with its ledger balances (öre)."""

    entitlement: Entitlement
    balances: Balances

    @property
    def organisation_id(self) -> int:
        return self.entitlement.beneficiary_id

    @property
    def decision(self) -> PaymentDecision:
        return self.entitlement.line.decision

    @property
    def line(self) -> DecisionLine:
        return self.entitlement.line

    @property
    def annex_number(self) -> int | None:
        row = self.entitlement.annex_row
        return row.annex.number if row is not None else None

    @property
    def printed_name(self) -> str:
        row = self.entitlement.annex_row
        return row.printed_name if row is not None else self.entitlement.beneficiary.name

    @property
    def amount(self) -> int:
        """Decided, whole kronor, from the ledger."""
        return self.balances.kronor()["decided"]


def entitlements() -> QuerySet[Entitlement]:
    """Entitlements with what their pages and lists show, in decision order."""
    return Entitlement.objects.select_related(
        "beneficiary",
        "annex_row__annex",
        "line__decision",
        "line__appropriation_item__appropriation__expenditure_area",
    ).order_by("line__decision__budget_year", "line__decision__date", "line__position", "id")


def entitlement_balances(ids: Iterable[int]) -> dict[int, Balances]:
    ids = list(ids)
    return balances_by("entitlement_id", entitlement_id__in=ids)


def decided_for(organisation_ids: Iterable[int]) -> list[Decided]:
    rows = list(entitlements().filter(beneficiary_id__in=list(organisation_ids)))
    sums = entitlement_balances(e.pk for e in rows)
    out = [Decided(e, sums.get(e.pk, Balances())) for e in rows]
    out.sort(
        key=lambda d: (
            d.decision.budget_year,
            d.decision.date or dt.date.min,
            d.decision.pk,
            d.annex_number or 0,
            d.line.position,
        )
    )
    return out


def totals_by_organisation(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Decided per organisation in whole kronor, from the ledger."""
    ids = list(organisation_ids)
    sums = balances_by("entitlement__beneficiary_id", entitlement__beneficiary_id__in=ids)
    return {pk: b.kronor()["decided"] for pk, b in sums.items()}


def visible_decisions(user: Any) -> QuerySet[PaymentDecision]:
    """Decisions the user may see: all, or those that concern its organisation (an annex row
    or an entitlement of its own)."""
    decisions = PaymentDecision.objects.all()
    by_row = visible(user, decisions, via="annexes__rows__recipient").values("pk")
    by_entitlement = visible(user, decisions, via="lines__entitlements__beneficiary").values("pk")
    return decisions.filter(Q(pk__in=by_row) | Q(pk__in=by_entitlement)).order_by(
        "budget_year", "date", "id"
    )


def visible_entitlements(user: Any) -> QuerySet[Entitlement]:
    return visible(user, entitlements(), via="beneficiary")
