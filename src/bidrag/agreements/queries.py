"""Read-only queries over decisions, shared by the pages, the API and the start page.

What was decided for organisations: an organisation's money is its rows in the annexes of
current decisions, plus the lines that name it as their one recipient and have no annex (SKR's
lines). Amounts in kronor. Which decisions a user may see is scoped by ``accounts.scoping``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum

from bidrag.accounts.scoping import visible
from bidrag.agreements.models import AnnexRow, DecisionLine, PaymentDecision


@dataclass(frozen=True)
class Decided:
    """One amount decided for one organisation."""

    organisation_id: int
    decision: PaymentDecision
    line: DecisionLine | None
    annex_number: int | None
    printed_name: str
    amount: int


def decided_for(organisation_ids: Iterable[int]) -> list[Decided]:
    ids = list(organisation_ids)
    rows = (
        AnnexRow.objects.filter(recipient_id__in=ids, annex__decision__is_current=True)
        .select_related(
            "annex__decision",
            "annex__line__appropriation_item__appropriation__expenditure_area",
        )
        .order_by(
            "annex__decision__budget_year", "annex__decision__date", "annex__number", "position"
        )
    )
    out = [
        Decided(
            r.recipient_id,
            r.annex.decision,  # type: ignore[arg-type]
            r.annex.line,
            r.annex.number,
            r.printed_name,
            r.amount,
        )
        for r in rows
    ]
    lines = (
        DecisionLine.objects.filter(
            recipient_id__in=ids, decision__is_current=True, annexes__isnull=True
        )
        .select_related("decision", "appropriation_item__appropriation__expenditure_area")
        .order_by("decision__budget_year", "decision__date", "position")
    )
    for line in lines.select_related("recipient"):
        name = line.recipient.name if line.recipient else ""
        out.append(Decided(line.recipient_id or 0, line.decision, line, None, name, line.amount))
    out.sort(
        key=lambda d: (
            d.decision.budget_year,
            d.decision.date or dt.date.min,
            d.decision.pk,
            d.annex_number or 0,
        )
    )
    return out


def totals_by_organisation(organisation_ids: Iterable[int]) -> dict[int, int]:
    ids = list(organisation_ids)
    totals: dict[int, int] = {}
    by_rows = (
        AnnexRow.objects.filter(recipient_id__in=ids, annex__decision__is_current=True)
        .values("recipient_id")
        .annotate(total=Sum("amount"))
    )
    by_lines = (
        DecisionLine.objects.filter(
            recipient_id__in=ids, decision__is_current=True, annexes__isnull=True
        )
        .values("recipient_id")
        .annotate(total=Sum("amount"))
    )
    for r in [*by_rows, *by_lines]:
        totals[r["recipient_id"]] = totals.get(r["recipient_id"], 0) + (r["total"] or 0)
    return totals


def visible_decisions(user: Any) -> QuerySet[PaymentDecision]:
    """Current decisions the user may see: all, or those with a row or line for its organisation."""
    current = PaymentDecision.objects.filter(is_current=True)
    by_row = visible(user, current, via="annexes__rows__recipient").values("pk")
    by_line = visible(user, current, via="lines__recipient").values("pk")
    return current.filter(Q(pk__in=by_row) | Q(pk__in=by_line)).order_by(
        "budget_year", "date", "id"
    )
