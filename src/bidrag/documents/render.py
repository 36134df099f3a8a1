"""A payment decision as a document in the layout of the government's decisions.

:func:`decision_document` gathers what ``agreements`` holds into plain values (paragraphs and
tables); :func:`render_html` puts them into ``documents/decision.html``, which the PDF writer
also uses. Wording follows the printed decisions ("215 000 000 kronor utbetalas engångsvis utan
rekvisition till regionerna under perioden 15 februari 2021 till 15 mars 2021.").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from bidrag.agreements.models import DecisionLine, DisbursementMode, Finding, PaymentDecision
from bidrag.core.money import format_kronor
from bidrag.documents.annexes import AnnexDocument, decision_annexes
from bidrag.ledger.models import AppropriationItem

LANGUAGE = "sv"


@dataclass(frozen=True)
class DecisionDocument:
    decision: PaymentDecision
    heading: list[tuple[str, str]]
    addressee: list[str]
    intro: list[str]
    lines: list[str]
    appropriations: list[str]
    deadlines: list[str]
    case: list[str]
    annexes: list[AnnexDocument]
    findings: list[Finding]


def swedish_date(value: dt.date | None) -> str:
    """``2021-02-15`` → ``"15 februari 2021"``."""
    if value is None:
        return ""
    with translation.override(LANGUAGE):
        return formats.date_format(value, "j F Y")


def kronor(amount: int) -> str:
    return format_kronor(amount, unit=False)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _addressee(line: DecisionLine) -> str:
    if line.recipient is not None:
        return line.recipient.name
    return str(line.get_recipient_group_display()).lower()


def line_paragraph(line: DecisionLine) -> str:
    """The sentence a printed decision uses for one line, with its purpose."""
    values = {
        "amount": kronor(line.amount),
        "to": _addressee(line),
        "start": swedish_date(line.window_start),
        "end": swedish_date(line.window_end),
        "deadline": swedish_date(line.requisition_deadline),
    }
    if line.mode == DisbursementMode.WITHOUT_REQUISITION:
        text = _("%(amount)s kronor utbetalas engångsvis utan rekvisition till %(to)s") % values
        if line.window_start and line.window_end:
            text += _(" under perioden %(start)s till %(end)s") % values
        text += "."
    else:
        text = _("%(amount)s kronor utbetalas efter rekvisition till %(to)s.") % values
        if line.requisition_deadline:
            text += " " + _("Rekvisition ska lämnas senast den %(deadline)s.") % values
    purpose = " ".join(line.purpose.split())
    if purpose:
        text += " " + _("Ändamål: %(purpose)s") % {"purpose": purpose}
    for condition in line.conditions:
        text += " " + " ".join(str(condition).split())
    return text


def appropriation_text(item: AppropriationItem) -> str:
    a = item.appropriation
    return _(
        "utgiftsområde %(area)s %(area_name)s för budgetåret %(year)s uppförda anslaget "
        "%(code)s %(name)s, anslagsposten %(item)s %(item_name)s"
    ) % {
        "area": a.expenditure_area.number,
        "area_name": a.expenditure_area.name,
        "year": a.budget_year,
        "code": a.code,
        "name": a.name,
        "item": item.number,
        "item_name": item.name,
    }


def appropriation_paragraphs(lines: list[DecisionLine]) -> list[str]:
    items = list(dict.fromkeys(line.appropriation_item for line in lines))
    if len(items) == 1:
        return [
            _("Medlen utbetalas från det under %(text)s.") % {"text": appropriation_text(items[0])}
        ]
    return [
        _("%(amount)s kronor redovisas mot det under %(text)s.")
        % {"amount": kronor(line.amount), "text": appropriation_text(line.appropriation_item)}
        for line in lines
    ]


def deadline_paragraphs(lines: list[DecisionLine]) -> list[str]:
    out = []
    if any(line.mode == DisbursementMode.WITH_REQUISITION for line in lines):
        out.append(
            _("Rätten till bidrag förfaller om rekvisition inte har kommit in inom angiven tid.")
        )
    pairs = list(dict.fromkeys((line.repayment_deadline, line.report_deadline) for line in lines))
    for repayment, report in pairs:
        scope = (
            _("För samtliga utbetalningar gäller att medel")
            if len(pairs) == 1
            else _("För %(amounts)s kronor gäller att medel")
            % {
                "amounts": ", ".join(
                    kronor(line.amount)
                    for line in lines
                    if (line.repayment_deadline, line.report_deadline) == (repayment, report)
                )
            }
        )
        if repayment:
            out.append(
                _(
                    "%(scope)s som inte har förbrukats ska återbetalas till Kammarkollegiet "
                    "senast den %(date)s."
                )
                % {"scope": scope, "date": swedish_date(repayment)}
            )
        if report:
            out.append(
                _("En ekonomisk redovisning ska lämnas till Kammarkollegiet senast den %(date)s.")
                % {"date": swedish_date(report)}
            )
    return out


def decision_document(decision: PaymentDecision) -> DecisionDocument:
    lines = list(
        decision.lines.order_by("position").select_related(
            "recipient", "appropriation_item__appropriation__expenditure_area"
        )
    )
    missing = _("uppgift saknas i dokumentet")
    heading = [
        (_("Datum"), swedish_date(decision.date) or missing),
        (_("Diarienummer"), decision.diarienummer or missing),
    ]
    intro = paragraphs(decision.decision_text) or [
        _("Regeringen uppdrar åt %(to)s att utbetala totalt %(total)s kronor enligt nedan.")
        % {"to": decision.addressee or "Kammarkollegiet", "total": kronor(decision.total)}
    ]
    return DecisionDocument(
        decision=decision,
        heading=[(k, v) for k, v in heading if v],
        addressee=[part.strip() for part in decision.addressee.split(",") if part.strip()],
        intro=intro,
        lines=[line_paragraph(line) for line in lines],
        appropriations=appropriation_paragraphs(lines) if lines else [],
        deadlines=deadline_paragraphs(lines),
        case=paragraphs(decision.case_text),
        annexes=decision_annexes(decision),
        findings=list(decision.findings.all()),
    )


def render_html(decision: PaymentDecision, *, findings: bool = True, for_pdf: bool = False) -> str:
    """The whole decision as one standalone HTML page (Swedish)."""
    with translation.override(LANGUAGE):
        document = decision_document(decision)
        return render_to_string(
            "documents/decision.html",
            {"doc": document, "show_findings": findings, "for_pdf": for_pdf},
        )
