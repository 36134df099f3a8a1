"""Annexes (bilagor) of a payment decision as :class:`~bidrag.documents.tables.Table`.

An annex number may hold several ``Annex`` rows (one per amount column); they become one table
with one amount column each. Reference values (population …), printed values (shares as
printed) and payee details as printed become columns in the order the file gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bidrag.agreements.models import Annex, AnnexRow, PaymentDecision
from bidrag.core.money import format_kronor
from bidrag.documents.tables import Cell, Column, Kind, Table, make_table
from bidrag.recipients.models import OrganisationKind


@dataclass(frozen=True)
class AnnexDocument:
    number: int
    title: str
    table: Table


def _recipient_title(rows: list[AnnexRow]) -> str:
    kind = rows[0].recipient.kind if rows else ""
    titles: dict[str, str] = {
        OrganisationKind.REGION: _("Region"),
        OrganisationKind.COUNTY: _("Län"),
        OrganisationKind.COLLABORATION_REGION: _("Samverkansregion"),
    }
    return titles.get(kind, _("Mottagare"))


def _printed_title(key: str) -> str:
    return {"share": _("Andel av rikets befolkning")}.get(key, key)


def _payee_columns() -> list[tuple[str, str]]:
    return [
        ("name", _("Betalningsmottagare")),
        ("org_number", _("Organisationsnummer")),
        ("bankgiro", _("Bankgiro")),
        ("plusgiro", _("Plusgiro")),
        ("bank", _("Bank")),
        ("payment_reference", _("Betalningsreferens")),
    ]


def _ordered_keys(first: Iterable[str], rows: Iterable[dict[str, object]]) -> list[str]:
    keys = list(dict.fromkeys(first))
    for values in rows:
        keys.extend(k for k in values if k not in keys)
    return keys


RowFilter = Callable[[QuerySet[AnnexRow]], QuerySet[AnnexRow]]


def _all_rows(rows: QuerySet[AnnexRow]) -> QuerySet[AnnexRow]:
    return rows


def annex_table(annexes: list[Annex], rows_filter: RowFilter = _all_rows) -> Table:
    """One table for the ``Annex`` rows that share a number (their columns side by side).

    ``rows_filter`` cuts the rows (a recipient user sees only its own organisation's rows);
    the total row then sums the rows shown.
    """
    base = annexes[0]
    rows = list(rows_filter(base.rows.select_related("recipient").order_by("position")))
    amounts = [{r.position: r.amount for r in rows_filter(annex.rows.all())} for annex in annexes]
    ref_keys = _ordered_keys(base.reference_data, (r.reference_values for r in rows))
    # Reference data named but not printed (seed 001's population) gets a note, not an empty
    # column whose total would read 0.
    ref_columns = [k for k in ref_keys if any(r.reference_values.get(k) is not None for r in rows)]
    printed_keys = _ordered_keys((), (r.printed_values for r in rows))
    present = {k for r in rows for k, v in r.payee_details.items() if v}
    payee_keys = [(k, title) for k, title in _payee_columns() if k in present]

    columns = [Column("recipient", _recipient_title(rows))]
    for key in ref_columns:
        described = base.reference_data.get(key) or {}
        columns.append(Column(key, str(described.get("description") or key), Kind.INTEGER))
    columns += [Column(f"printed_{k}", _printed_title(k)) for k in printed_keys]
    for i, annex in enumerate(annexes):
        title = annex.column_title or _("Belopp, kr")
        columns.append(Column(f"amount_{annex.column or i}", title, Kind.KRONOR))
    columns += [Column(f"payee_{k}", title) for k, title in payee_keys]

    body: list[list[Cell]] = []
    for row in rows:
        cells: list[Cell] = [row.printed_name]
        cells += [row.reference_values.get(k) for k in ref_columns]
        cells += [row.printed_values.get(k) for k in printed_keys]
        cells += [column.get(row.position) for column in amounts]
        cells += [row.payee_details.get(k) or None for k, _title in payee_keys]
        body.append(cells)

    notes = [base.key_description] if base.key_description else []
    for key in ref_keys:
        source = (base.reference_data.get(key) or {}).get("source")
        if source:
            notes.append(_("Underlag: %(source)s") % {"source": source})
    for annex, column in zip(annexes, amounts, strict=True):
        shown = sum(column.values())
        complete = len(column) == annex.rows.count()
        if complete and annex.printed_total is not None and annex.printed_total != shown:
            notes.append(
                _("Tryckt summa %(printed)s avviker från radernas summa %(shown)s.")
                % {
                    "printed": format_kronor(annex.printed_total),
                    "shown": format_kronor(shown),
                }
            )
    label = _("Bilaga %(number)s") % {"number": base.number}
    return make_table(
        f"{label}. {base.title}",
        label,
        columns,
        body,
        total_label=_("Summa"),
        notes=notes,
    )


def annex_documents(
    annexes: QuerySet[Annex], rows_filter: RowFilter = _all_rows
) -> list[AnnexDocument]:
    """Every annex in number order, each number as one table."""
    out = []
    for number, group in groupby(annexes.order_by("number", "id"), key=lambda a: a.number):
        members = list(group)
        out.append(AnnexDocument(number, members[0].title, annex_table(members, rows_filter)))
    return out


def decision_annexes(decision: PaymentDecision) -> list[AnnexDocument]:
    return annex_documents(decision.annexes.all())
