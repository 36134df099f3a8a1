"""Överenskommelser: list and detail (areas, amounts, signatures, annexes, decisions)."""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from bidrag.agreements.models import Agreement, Area
from bidrag.documents.annexes import annex_documents
from bidrag.documents.render import swedish_date
from bidrag.documents.tables import Column, Kind, Table, make_table
from bidrag.web.pages.access import all_organisations
from bidrag.web.pages.exports import page
from bidrag.web.pages.findings import grouped
from bidrag.web.pages.table_query import ColumnFilter, TableQuery


def current_agreements() -> QuerySet[Agreement]:
    return Agreement.objects.all()


@all_organisations
def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = current_agreements().annotate(n_decisions=Count("decisions"))
    table = make_table(
        _("Överenskommelser"),
        _("Överenskommelser"),
        [
            Column("name", _("Överenskommelse")),
            Column("year", _("År")),
            Column("diarienummer", _("Diarienummer")),
            Column("total", _("Statens medel, kr"), Kind.KRONOR),
            Column("co_financing", _("Regionernas insats, kr"), Kind.KRONOR),
            Column("decisions", _("Beslut om utbetalning"), Kind.INTEGER),
        ],
        [
            [a.name, str(a.year), a.diarienummer, a.total, a.co_financing, a.n_decisions]
            for a in agreements
        ],
        total_label=_("Summa"),
        links=[reverse("pages:agreement", args=[a.document_id]) for a in agreements],
    )
    query = TableQuery.from_request(request, [ColumnFilter("year", _("År"))])
    return page(request, "web/pages/agreement_list.html", {}, [table], _("överenskommelser"), query)


def _area_rows(areas: list[Area]) -> list[list[str | int | None]]:
    rows: list[list[str | int | None]] = []
    by_parent: dict[int | None, list[Area]] = {}
    for area in areas:
        by_parent.setdefault(area.parent_id, []).append(area)

    def walk(parent: int | None, depth: int) -> None:
        for area in by_parent.get(parent, []):
            name = ("– " * depth) + area.name
            group = area.get_recipient_group_display() if area.recipient_group else ""
            own = _("regionernas egen insats") if area.co_financing else ""
            rows.append(
                [
                    area.section or "",
                    name,
                    str(group),
                    own,
                    area.amount if depth == 0 else None,
                    area.amount if depth else None,
                ]
            )
            walk(area.pk, depth + 1)

    walk(None, 0)
    return rows


@all_organisations
def agreement_detail(request: HttpRequest, document_id: str) -> HttpResponse:
    agreement = get_object_or_404(current_agreements(), document_id=document_id)
    areas = list(agreement.areas.order_by("position"))
    area_table = make_table(
        _("Utvecklingsområden och belopp"),
        _("Områden"),
        [
            Column("section", _("Avsnitt")),
            Column("name", _("Område")),
            Column("group", _("Mottagare")),
            Column("co_financing", _("Finansiering")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
            Column("sub_amount", _("Varav delområde, kr"), Kind.KRONOR),
        ],
        _area_rows(areas),
    )
    top_level = sum(a.amount for a in areas if a.parent_id is None)
    area_table = replace(area_table, total=(_("Summa"), None, None, None, top_level, None))
    signature_table = make_table(
        _("Undertecknande"),
        _("Undertecknande"),
        [
            Column("party", _("Part")),
            Column("place", _("Ort")),
            Column("date", _("Datum")),
            Column("signatory", _("Undertecknare")),
            Column("title", _("Titel")),
        ],
        [
            [
                s.party,
                s.place,
                swedish_date(s.signed_on) or s.signed_on_printed,
                s.signatory,
                s.title,
            ]
            for s in agreement.signatures.all()
        ],
    )
    decisions = agreement.decisions.order_by("date", "id")
    decision_table = make_table(
        _("Beslut om utbetalning enligt överenskommelsen"),
        _("Beslut"),
        [
            Column("title", _("Beslut")),
            Column("date", _("Datum")),
            Column("diarienummer", _("Diarienummer")),
            Column("total", _("Belopp, kr"), Kind.KRONOR),
        ],
        [[d.title, swedish_date(d.date), d.diarienummer, d.total] for d in decisions],
        total_label=_("Summa"),
        links=[reverse("pages:decision", args=[d.document_id]) for d in decisions],
    )
    annexes = annex_documents(agreement.annexes.all())
    tables: list[Table] = [area_table, signature_table, decision_table]
    tables += [a.table for a in annexes]
    context = {
        "agreement": agreement,
        "area_table": area_table,
        "signature_table": signature_table,
        "decision_table": decision_table,
        "annexes": annexes,
        "findings": grouped(agreement.findings.all()),
    }
    return page(request, "web/pages/agreement_detail.html", context, tables, agreement.document_id)
