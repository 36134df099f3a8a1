"""Anslagsposter: items per budget year with their ledger balances (from the ledger's helpers)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from bidrag.agreements.models import DecisionLine
from bidrag.documents.render import swedish_date
from bidrag.documents.tables import Column, Kind, Table, make_table
from bidrag.ledger.labels import item_label
from bidrag.ledger.models import AppropriationItem, Posting
from bidrag.ledger.services import Balances, balance_sheet, balances
from bidrag.web.pages.access import all_organisations
from bidrag.web.pages.exports import page
from bidrag.web.pages.table_query import ColumnFilter, TableQuery


def _balance_columns() -> list[Column]:
    return [
        Column("decided", _("Beslutat, kr"), Kind.ORE),
        Column("requested", _("Rekvirerat, ej utbetalt, kr"), Kind.ORE),
        Column("paid", _("Utbetalt, kr"), Kind.ORE),
        Column("lapsed", _("Förfallet, kr"), Kind.ORE),
        Column("left", _("Kvar, kr"), Kind.ORE),
    ]


def _balance_cells(b: Balances) -> list[str | int | None]:
    return [b.decided, b.requested, b.paid, b.lapsed, b.left]


@all_organisations
def item_list(request: HttpRequest) -> HttpResponse:
    years = (
        AppropriationItem.objects.values_list("appropriation__budget_year", flat=True)
        .distinct()
        .order_by("appropriation__budget_year")
    )
    tables: list[Table] = []
    for year in years:
        sheet = balance_sheet(year)
        tables.append(
            make_table(
                _("Anslagsposter budgetår %(year)s") % {"year": year},
                str(year),
                [Column("item", _("Anslagspost")), *_balance_columns()],
                [[item_label(item), *_balance_cells(b)] for item, b in sheet],
                total_label=_("Summa"),
                links=[reverse("pages:appropriation", args=[item.pk]) for item, _b in sheet],
            )
        )
    # One table per budget year: the year chooses among the tables.
    query = TableQuery.from_request(request, [ColumnFilter("year", _("Budgetår"), by_sheet=True)])
    return page(request, "web/pages/appropriation_list.html", {}, tables, _("anslagsposter"), query)


@all_organisations
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        AppropriationItem.objects.select_related("appropriation__expenditure_area"), pk=pk
    )
    b = balances(item)
    balance_table = make_table(
        _("Saldon"),
        _("Saldon"),
        [Column("budget_year", _("Budgetår")), *_balance_columns()],
        [[str(item.budget_year), *_balance_cells(b)]],
    )
    lines = list(
        DecisionLine.objects.filter(appropriation_item=item, in_force=True)
        .select_related("decision", "recipient")
        .order_by("decision__date", "decision_id", "position")
    )
    line_table = make_table(
        _("Beslutsrader som belastar anslagsposten"),
        _("Beslutsrader"),
        [
            Column("decision", _("Beslut")),
            Column("date", _("Datum")),
            Column("recipient", _("Mottagare")),
            Column("mode", _("Utbetalning")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
        ],
        [
            [
                line.decision.title,
                swedish_date(line.decision.date) or _("saknas"),
                line.recipient.name if line.recipient else line.get_recipient_group_display(),
                line.get_mode_display(),
                line.amount,
            ]
            for line in lines
        ],
        total_label=_("Summa"),
        links=[reverse("pages:decision", args=[line.decision.document_id]) for line in lines],
    )
    postings = (
        Posting.objects.filter(item=item)
        .select_related("transaction")
        .order_by("transaction__date", "transaction_id", "id")
    )
    posting_table = make_table(
        _("Konteringar"),
        _("Konteringar"),
        [
            Column("date", _("Affärshändelsens datum")),
            Column("kind", _("Verifikation")),
            Column("description", _("Beskrivning")),
            Column("account", _("Konto")),
            Column("amount", _("Belopp, kr"), Kind.ORE),
        ],
        [
            [
                swedish_date(p.transaction.date),
                p.transaction.get_kind_display(),
                p.transaction.description,
                p.get_account_display(),
                p.amount_ore,
            ]
            for p in postings
        ],
    )
    tables = [balance_table, line_table, posting_table]
    context = {"item": item, "item_name": item_label(item)}
    return page(request, "web/pages/appropriation_detail.html", context, tables, str(item))
