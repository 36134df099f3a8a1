"""Mottagare: organisations and all money decided for each, across decisions and years."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from bidrag.accounts.scoping import get_visible_or_404, sees_everything, visible
from bidrag.agreements.models import AnnexRow
from bidrag.agreements.queries import Decided, decided_for, totals_by_organisation
from bidrag.documents.render import swedish_date
from bidrag.documents.tables import Cell, Column, Kind, Table, make_table
from bidrag.recipients.models import Organisation, PaymentDetails
from bidrag.recipients.readiness import payment_blockers
from bidrag.recipients.services import current_payment_details, receives_for
from bidrag.web.pages.access import own_organisation
from bidrag.web.pages.decisions import item_label
from bidrag.web.pages.exports import page
from bidrag.web.pages.table_query import ColumnFilter, TableQuery


@own_organisation
def recipient_list(request: HttpRequest) -> HttpResponse:
    organisations = list(
        visible(request.user, Organisation.objects.all(), via="pk").order_by("kind", "name")
    )
    totals = totals_by_organisation(o.pk for o in organisations)
    table = make_table(
        _("Mottagare"),
        _("Mottagare"),
        [
            Column("name", _("Organisation")),
            Column("kind", _("Typ")),
            Column("org_number", _("Organisationsnummer")),
            Column("decided", _("Beslutat totalt, kr"), Kind.KRONOR),
        ],
        [[o.name, o.get_kind_display(), o.org_number, totals.get(o.pk, 0)] for o in organisations],
        total_label=_("Summa"),
        links=[reverse("pages:recipient", args=[o.pk]) for o in organisations],
    )
    query = TableQuery.from_request(request, [ColumnFilter("kind", _("Typ"))])
    return page(request, "web/pages/recipient_list.html", {}, [table], _("mottagare"), query)


def decided_table(organisation: Organisation, decided: list[Decided]) -> Table:
    rows: list[list[Cell]] = []
    for d in decided:
        money = d.balances.kronor()
        where = (
            _("Bilaga %(n)s") % {"n": d.annex_number}
            if d.annex_number is not None
            else _("Beslutsrad")
        )
        rows.append(
            [
                d.decision.title,
                str(d.decision.budget_year),
                swedish_date(d.decision.date) or _("saknas"),
                d.decision.diarienummer or _("saknas"),
                where,
                item_label(d.line) if d.line else "",
                str(d.line.get_mode_display()) if d.line else "",
                money["decided"],
                money["requested"],
                money["paid"],
                money["lapsed"],
                money["left"],
            ]
        )
    return make_table(
        _("Beslutade medel till %(name)s") % {"name": organisation.name},
        _("Beslutade medel"),
        [
            Column("decision", _("Beslut")),
            Column("budget_year", _("Budgetår")),
            Column("date", _("Datum")),
            Column("diarienummer", _("Diarienummer")),
            Column("where", _("Bilaga/rad")),
            Column("item", _("Anslagspost")),
            Column("mode", _("Utbetalning")),
            Column("amount", _("Beslutat, kr"), Kind.KRONOR),
            Column("requested", _("Rekvirerat, ej utbetalt, kr"), Kind.KRONOR),
            Column("paid", _("Utbetalt, kr"), Kind.KRONOR),
            Column("lapsed", _("Förfallet, kr"), Kind.KRONOR),
            Column("left", _("Kvar, kr"), Kind.KRONOR),
        ],
        rows,
        total_label=_("Summa"),
        links=[reverse("pages:decision", args=[d.decision.document_id]) for d in decided],
    )


def per_year_table(decided: list[Decided]) -> Table:
    years: dict[int, int] = {}
    for d in decided:
        years[d.decision.budget_year] = years.get(d.decision.budget_year, 0) + d.amount
    return make_table(
        _("Summa per budgetår"),
        _("Per budgetår"),
        [Column("budget_year", _("Budgetår")), Column("amount", _("Belopp, kr"), Kind.KRONOR)],
        [[str(year), amount] for year, amount in sorted(years.items())],
        total_label=_("Summa"),
    )


def agreement_table(organisation: Organisation) -> Table | None:
    """The organisation's rows in the annexes of current agreements (not yet decided)."""
    rows = list(
        AnnexRow.objects.filter(recipient=organisation, annex__agreement__isnull=False)
        .select_related("annex__agreement")
        .order_by("annex__agreement__year", "annex__number", "annex_id")
    )
    if not rows:
        return None
    agreements = [r.annex.agreement for r in rows]
    return make_table(
        _("Fördelning i överenskommelser (inte beslut om utbetalning)"),
        _("Överenskommelser"),
        [
            Column("agreement", _("Överenskommelse")),
            Column("year", _("År")),
            Column("annex", _("Bilaga")),
            Column("column", _("Del")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
        ],
        [
            [
                a.name if a else "",
                str(a.year) if a else "",
                str(r.annex.number),
                r.annex.column_title,
                r.amount,
            ]
            for r, a in zip(rows, agreements, strict=True)
        ],
        links=[reverse("pages:agreement", args=[a.document_id]) if a else None for a in agreements],
    )


def payment_table(details: PaymentDetails | None) -> Table | None:
    if details is None:
        return None
    payee = details.payee
    address = ", ".join(
        x for x in (payee.street, payee.postal_code, payee.town, payee.country) if x
    )
    return make_table(
        _("Betalningsuppgifter"),
        _("Betalningsuppgifter"),
        [
            Column("payee", _("Betalningsmottagare")),
            Column("org_number", _("Organisationsnummer")),
            Column("address", _("Postadress")),
            Column("account", _("Konto")),
            Column("bank", _("Bank")),
            Column("ocr", _("OCR-referens")),
            Column("message", _("Meddelande")),
        ],
        [
            [
                details.payee_name,
                payee.org_number,
                address or _("saknas"),
                f"{details.get_account_type_display()} {details.account_number}".strip()
                if details.account_type
                else _("saknas"),
                details.bank,
                details.ocr,
                details.message,
            ]
        ],
    )


@own_organisation
def recipient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_visible_or_404(request.user, Organisation.objects.all(), via="pk", pk=pk)
    decided = decided_for([organisation.pk])
    tables = [decided_table(organisation, decided), per_year_table(decided)]
    allocated = agreement_table(organisation)
    if allocated is not None:
        # Agreement pages are for those who see every organisation.
        tables.append(allocated if sees_everything(request.user) else replace(allocated, links=()))
    details = current_payment_details(organisation)
    payment = payment_table(details)
    if payment is not None:
        tables.append(payment)
    context = {
        "organisation": organisation,
        "payment_details": details,
        "blockers": payment_blockers(organisation),
        "payee_for": receives_for(organisation),
    }
    return page(request, "web/pages/recipient_detail.html", context, tables, organisation.name)
