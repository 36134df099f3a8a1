"""Kammarkollegiets anteckningar: what the system derives from a document, kept apart from it.

A decision's text is rendered as printed (:mod:`bidrag.documents.printed`); everything the
agency reads out of it or adds to it comes here and is shown under its own heading, never in
the decision's text: the deadlines as they really fall under lag (1930:173), the decision lines
as loaded, the entitlements registered, the allocation keys behind the annexes, what the
document does not print, and the findings with their acknowledgements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bidrag.agreements.checks import stored_text
from bidrag.agreements.models import (
    Agreement,
    Annex,
    DecisionLine,
    DisbursementMode,
    Entitlement,
    Finding,
    PaymentDecision,
)
from bidrag.core.deadlines import Deadline
from bidrag.core.money import format_kronor
from bidrag.documents.annexes import annex_documents
from bidrag.documents.formats import swedish_date
from bidrag.documents.tables import Column, Kind, Table, make_table
from bidrag.ledger.labels import item_label


@dataclass(frozen=True)
class AnnexNote:
    label: str  # "Bilaga 1"
    notes: tuple[str, ...]


@dataclass(frozen=True)
class FindingNote:
    location: str
    message: str
    explanation: str


@dataclass(frozen=True)
class Notes:
    missing: tuple[str, ...] = ()
    lines: Table | None = None
    entitlements: Table | None = None
    deadlines: Table | None = None
    annexes: tuple[AnnexNote, ...] = ()
    findings: tuple[FindingNote, ...] = field(default_factory=tuple)


def _findings(findings: QuerySet[Finding]) -> tuple[FindingNote, ...]:
    """Stored findings said in the active language (by code and params)."""
    out = []
    for f in findings:
        location, message = stored_text(f.code, f.details, f.location, f.message)
        out.append(FindingNote(location, message, f.explanation))
    return tuple(out)


def entitlements_table(decision: PaymentDecision) -> Table | None:
    """Rätt till bidrag as registered: one row per line and beneficiary."""
    rows = list(
        Entitlement.objects.filter(line__decision=decision, line__in_force=True)
        .select_related("beneficiary", "line")
        .order_by("line__position", "id")
    )
    if not rows:
        return None
    return make_table(
        _("Rätt till bidrag som Kammarkollegiet har registrerat"),
        _("Rätt till bidrag"),
        [
            Column("recipient", _("Mottagare")),
            Column("line", _("Beslutsrad")),
            Column("mode", _("Utbetalning")),
            Column("due", _("Senast")),
            Column("amount", _("Belopp, kr"), Kind.KRONOR),
        ],
        [
            [
                e.beneficiary.name,
                _recipient(e.line),
                e.get_mode_display(),
                swedish_date(
                    e.requisition_deadline_effective
                    if e.mode == DisbursementMode.WITH_REQUISITION
                    else e.window_end
                ),
                e.amount,
            ]
            for e in rows
        ],
        total_label=_("Summa"),
    )


def _recipient(line: DecisionLine) -> str:
    return line.recipient.name if line.recipient else str(line.get_recipient_group_display())


def _item(line: DecisionLine) -> str:
    return item_label(line.appropriation_item, short=True)


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
        decision.lines.filter(in_force=True)
        .order_by("position")
        .select_related("recipient", "appropriation_item__appropriation__expenditure_area")
    )
    missing = [p for p in decision.missing_note.split("\n") if p.strip()]
    if decision.date is None and decision.date_stand_in is not None:
        missing.append(
            _("Beslutet saknar tryckt datum; i anslagsredovisningen används %(date)s: %(why)s")
            % {"date": swedish_date(decision.date_stand_in), "why": decision.date_stand_in_reason}
        )
    return Notes(
        missing=tuple(missing),
        lines=lines_table(lines) if lines else None,
        entitlements=entitlements_table(decision),
        deadlines=deadlines_table(lines),
        annexes=_annex_notes(decision.annexes.all()),
        findings=_findings(decision.findings.all()),
    )


def agreement_notes(agreement: Agreement) -> Notes:
    return Notes(
        missing=tuple(p for p in agreement.notes.split("\n") if p.strip()),
        annexes=_annex_notes(agreement.annexes.all()),
        findings=_findings(agreement.findings.all()),
    )
