"""What was decided for organisations: annex rows and lines of current payment decisions.

An organisation's money is its rows in the annexes of current decisions, plus the lines that
name it as their one recipient and have no annex (SKR's lines). Read-only; amounts in kronor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Sum

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
