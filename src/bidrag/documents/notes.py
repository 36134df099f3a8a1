"""Kammarkollegiets anteckningar: what the system derives from a document, kept apart from it.

A decision's text is rendered as printed (:mod:`bidrag.documents.printed`); everything the
agency reads out of it or adds to it comes here and is shown under its own heading, never in
the decision's text: the deadlines as they really fall under lag (1930:173), the decision lines
as loaded, the allocation keys behind the annexes, what the document does not print, and the
findings with their acknowledgements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bidrag.agreements.models import Agreement, Annex, DecisionLine, Finding, PaymentDecision
from bidrag.core.deadlines import Deadline
from bidrag.core.money import format_kronor
from bidrag.documents.annexes import annex_documents
from bidrag.documents.formats import swedish_date
from bidrag.documents.tables import Column, Kind, Table, make_table


@dataclass(frozen=True)
class AnnexNote:
    label: str  # "Bilaga 1"
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Notes:
    missing: tuple[str, ...] = ()
    lines: Table | None = None
    deadlines: Table | None = None
    annexes: tuple[AnnexNote, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)


def _recipient(line: DecisionLine) -> str:
    return line.recipient.name if line.recipient else str(line.get_recipient_group_display())


def _item(line: DecisionLine) -> str:
    item = line.appropriation_item
    a = item.appropriation
    return _("UO %(area)s anslag %(code)s ap. %(item)s %(name)s") % {
        "area": a.expenditure_area.number,
        "code": a.code,
        "item": item.number,
        "name": item.name,
    }


def lines_table(lines: list[DecisionLine]) -> Table:
    return make_table(
        _("Beslutsrader som de har lästs in"),
        _("Beslutsrader"),
        [
            Column("recipient", _("Mottagare")),
            Column("mode", _("Utbetalning")),
            Column("item", _("Anslagspost")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
        ],
        [[_recipient(x), x.get_mode_display(), _item(x), x.amount] for x in lines],
        total_label=_("Summa"),
    )


def deadlines_table(lines: list[DecisionLine]) -> Table | None:
    """Each stated deadline and the day it really falls on (lag (1930:173) moves a day off)."""
    kinds = [
        ("requisition_deadline", _("Rekvisition senast")),
        ("repayment_deadline", _("Återbetalning senast")),
        ("report_deadline", _("Ekonomisk redovisning senast")),
    ]
    rows: list[list[str | int | None]] = []
    for line in lines:
        for attr, label in kinds:
            stated: dt.date | None = getattr(line, attr)
            if stated is None:
                continue
            deadline = Deadline(stated, apply_law=line.deadline_rule_applies)
            reason = deadline.moved_because
            if reason:
                why = _("flyttas från %(day)s enligt lag (1930:173)") % {"day": reason}
            elif not line.deadline_rule_applies:
                why = _("lag (1930:173) tillämpas inte enligt beslutet")
            else:
                why = ""
            rows.append(
                [
                    _recipient(line),
                    format_kronor(line.amount),
                    label,
                    swedish_date(stated),
                    swedish_date(deadline.effective),
                    why,
                ]
            )
    if not rows:
        return None
    return make_table(
        _("Frister och den dag de faktiskt infaller"),
        _("Frister"),
        [
            Column("recipient", _("Mottagare")),
            Column("amount", _("Belopp")),
            Column("kind", _("Frist")),
            Column("stated", _("Enligt beslutet")),
            Column("effective", _("Infaller")),
            Column("why", _("Anmärkning")),
        ],
        rows,
    )


def _annex_notes(annexes: QuerySet[Annex]) -> tuple[AnnexNote, ...]:
    return tuple(
        AnnexNote(_("Bilaga %(number)s") % {"number": a.number}, a.table.notes)
        for a in annex_documents(annexes)
        if a.table.notes
    )


def decision_notes(decision: PaymentDecision) -> Notes:
    lines = list(
        decision.lines.order_by("position").select_related(
            "recipient", "appropriation_item__appropriation__expenditure_area"
        )
    )
    return Notes(
        missing=tuple(p for p in decision.missing_note.split("\n") if p.strip()),
        lines=lines_table(lines) if lines else None,
        deadlines=deadlines_table(lines),
        annexes=_annex_notes(decision.annexes.all()),
        findings=tuple(decision.findings.all()),
    )


def agreement_notes(agreement: Agreement) -> Notes:
    return Notes(
        missing=tuple(p for p in agreement.notes.split("\n") if p.strip()),
        annexes=_annex_notes(agreement.annexes.all()),
        findings=tuple(agreement.findings.all()),
    )
