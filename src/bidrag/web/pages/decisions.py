"""Beslut om utbetalning: list, detail (lines, annexes, findings) and the decision documents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bidrag.accounts.scoping import sees_everything, visible
from bidrag.agreements.models import AnnexRow, DecisionLine, PaymentDecision, SourceFile
from bidrag.agreements.queries import (
    entitlement_balances,
    visible_decisions,
    visible_entitlements,
)
from bidrag.documents.annexes import annex_documents
from bidrag.documents.pdf import render_pdf
from bidrag.documents.render import render_html, swedish_date
from bidrag.documents.tables import Column, Kind, Table, make_table
from bidrag.ledger import labels
from bidrag.ledger.services import Balances
from bidrag.recipients.readiness import blockers_by_organisation
from bidrag.web.pages.access import all_organisations, own_organisation
from bidrag.web.pages.exports import download, page
from bidrag.web.pages.findings import grouped
from bidrag.web.pages.table_query import ColumnFilter, TableQuery


def _get(user: Any, document_id: str) -> PaymentDecision:
    decision = visible_decisions(user).filter(document_id=document_id).first()
    if decision is None:
        raise Http404
    return decision


def item_label(line: DecisionLine) -> str:
    return labels.item_label(line.appropriation_item, short=True, year=True)


def _window(line: DecisionLine) -> str:
    if line.window_start and line.window_end:
        return f"{swedish_date(line.window_start)} – {swedish_date(line.window_end)}"
    return ""


@own_organisation
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = list(visible_decisions(request.user).select_related("agreement"))
    table = make_table(
        _("Beslut om utbetalning"),
        _("Beslut"),
        [
            Column("title", _("Beslut")),
            Column("date", _("Datum")),
            Column("diarienummer", _("Diarienummer")),
            Column("budget_year", _("Budgetår")),
            Column("agreement", _("Överenskommelse")),
            Column("total", _("Totalt, kr"), Kind.KRONOR),
        ],
        [
            [
                d.title,
                swedish_date(d.date) or _("saknas"),
                d.diarienummer or _("saknas"),
                str(d.budget_year),
                d.agreement.name if d.agreement else d.agreement_diarienummer,
                d.total,
            ]
            for d in decisions
        ],
        total_label=_("Summa"),
        links=[reverse("pages:decision", args=[d.document_id]) for d in decisions],
        sort_values={"date": [d.date for d in decisions]},
    )
    query = TableQuery.from_request(request, [ColumnFilter("budget_year", _("Budgetår"))])
    return page(request, "web/pages/decision_list.html", {}, [table], _("beslut"), query)


def lines_table(decision: PaymentDecision) -> Table:
    lines = (
        decision.lines.filter(in_force=True)
        .order_by("position")
        .select_related("recipient", "appropriation_item__appropriation__expenditure_area")
    )
    return make_table(
        _("Beslutsrader"),
        _("Beslutsrader"),
        [
            Column("recipient", _("Mottagare")),
            Column("purpose", _("Ändamål")),
            Column("item", _("Anslagspost")),
            Column("mode", _("Utbetalning")),
            Column("window", _("Utbetalningsperiod")),
            Column("requisition", _("Rekvisition senast")),
            Column("repayment", _("Återbetalning senast")),
            Column("report", _("Redovisning senast")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
        ],
        [
            [
                line.recipient.name if line.recipient else line.get_recipient_group_display(),
                " ".join(line.purpose.split()),
                item_label(line),
                line.get_mode_display(),
                _window(line),
                swedish_date(line.requisition_deadline),
                swedish_date(line.repayment_deadline),
                swedish_date(line.report_deadline),
                line.amount,
            ]
            for line in lines
        ],
        total_label=_("Summa"),
    )


def entitlements_table(user: Any, decision: PaymentDecision) -> Table:
    """The decision's entitlements the user may see, with what the ledger holds for each."""
    rows = list(
        visible_entitlements(user).filter(line__decision=decision).order_by("line__position", "id")
    )
    sums = entitlement_balances(e.pk for e in rows)
    blocked = blockers_by_organisation([e.beneficiary_id for e in rows])
    cells: list[list[Any]] = []
    for e in rows:
        money = sums.get(e.pk, Balances()).kronor()
        due = e.requisition_deadline_effective if e.mode == "with_requisition" else e.window_end
        cells.append(
            [
                e.beneficiary.name,
                e.line.key,
                e.get_mode_display(),
                swedish_date(due),
                money["decided"],
                money["requested"],
                money["paid"],
                money["lapsed"],
                money["left"],
                "; ".join(str(b) for b in blocked.get(e.beneficiary_id, [])) or _("Klar"),
            ]
        )
    return make_table(
        _("Rätt till bidrag"),
        _("Rätt till bidrag"),
        [
            Column("recipient", _("Mottagare")),
            Column("line", _("Beslutsrad")),
            Column("mode", _("Utbetalning")),
            Column("due", _("Senast")),
            Column("decided", _("Beslutat, kr"), Kind.KRONOR),
            Column("requested", _("Rekvirerat, ej utbetalt, kr"), Kind.KRONOR),
            Column("paid", _("Utbetalt, kr"), Kind.KRONOR),
            Column("lapsed", _("Förfallet, kr"), Kind.KRONOR),
            Column("left", _("Kvar, kr"), Kind.KRONOR),
            Column("payable", _("Betalningsuppgifter")),
        ],
        cells,
        total_label=_("Summa"),
        links=[reverse("pages:recipient", args=[e.beneficiary_id]) for e in rows],
    )


@own_organisation
def decision_detail(request: HttpRequest, document_id: str) -> HttpResponse:
    decision = _get(request.user, document_id)
    user = request.user

    def own_rows(rows: QuerySet[AnnexRow]) -> QuerySet[AnnexRow]:
        return visible(user, rows, via="recipient")

    lines = lines_table(decision)
    annexes = annex_documents(decision.annexes.all(), own_rows)
    entitled = entitlements_table(user, decision)
    context = {
        "decision": decision,
        "versions": SourceFile.objects.filter(document_id=decision.document_id).order_by(
            "-version"
        ),
        "lines_table": lines,
        "entitlements_table": entitled,
        "annexes": annexes,
        "findings": grouped(decision.findings.all()),
        # The whole document lists every recipient's money and bank details.
        "documents": sees_everything(user),
    }
    tables = [lines, entitled, *(a.table for a in annexes)]
    return page(request, "web/pages/decision_detail.html", context, tables, decision.document_id)


@all_organisations
def decision_document(request: HttpRequest, document_id: str, fmt: str) -> HttpResponse:
    decision = _get(request.user, document_id)
    name = slugify(decision.diarienummer or decision.document_id)
    if fmt == "pdf":
        return download(render_pdf(decision), "application/pdf", f"{name}.pdf")
    return download(
        render_html(decision).encode("utf-8"), "text/html; charset=utf-8", f"{name}.html"
    )
