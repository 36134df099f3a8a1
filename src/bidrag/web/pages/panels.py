"""Start-page panels fed by the decisions: recent decisions, decided money, coming deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from bidrag import clock
from bidrag.accounts.scoping import scoped_organisation_ids
from bidrag.agreements.queries import decided_for, visible_decisions
from bidrag.core.deadlines import effective_deadline
from bidrag.core.money import format_kronor
from bidrag.documents.render import swedish_date
from bidrag.recipients.models import Organisation
from bidrag.web.panels import Item, add_provider

RECENT = 5


def recent_decisions(user: Any) -> list[Item]:
    decisions = visible_decisions(user).order_by("-budget_year", "-date", "-id")[:RECENT]
    return [
        Item(
            d.title,
            reverse("pages:decision", args=[d.document_id]),
            f"{d.budget_year} · {format_kronor(d.total, sep=chr(0xA0))}",
        )
        for d in decisions
    ]


def _own_ids(user: Any) -> list[int]:
    ids = scoped_organisation_ids(user)
    return [] if ids is None else list(ids)


def decided_money(user: Any) -> list[Item]:
    own = _own_ids(user)
    totals: dict[tuple[int, int], int] = {}
    for d in decided_for(own):
        key = (d.organisation_id, d.decision.budget_year)
        totals[key] = totals.get(key, 0) + d.amount
    names = dict(Organisation.objects.filter(pk__in=own).values_list("pk", "name"))
    return [
        Item(
            _("%(org)s, budgetår %(year)s") % {"org": names.get(org, ""), "year": year},
            reverse("pages:recipient", args=[org]),
            format_kronor(total, sep=chr(0xA0)),
        )
        for (org, year), total in sorted(totals.items(), key=lambda kv: (-kv[0][1], kv[0][0]))
    ]


def coming_deadlines(user: Any) -> list[Item]:
    today = clock.today()
    seen: set[tuple[int, str]] = set()
    deadlines: list[tuple[dt.date, str, str]] = []
    for d in decided_for(_own_ids(user)):
        line = d.line
        if line is None:
            continue
        for label, stated in (
            (_("Rekvisition senast"), line.requisition_deadline),
            (_("Ekonomisk redovisning senast"), line.report_deadline),
            (_("Återbetalning av medel som inte förbrukats senast"), line.repayment_deadline),
        ):
            if stated is None or (line.pk, str(label)) in seen:
                continue
            seen.add((line.pk, str(label)))
            due = effective_deadline(stated, apply_law=line.deadline_rule_applies)
            if due >= today:
                url = reverse("pages:decision", args=[d.decision.document_id])
                deadlines.append((due, f"{label}: {swedish_date(due)}", url))
    return [Item(text, url, "") for _due, text, url in sorted(deadlines)]


def register() -> None:
    add_provider("recent_decisions", recent_decisions)
    add_provider("decided_money", decided_money)
    add_provider("coming_deadlines", coming_deadlines)
