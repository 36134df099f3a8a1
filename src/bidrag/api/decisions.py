"""Beslut om utbetalning: list and detail with lines and (scoped) annex rows."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router

from bidrag.accounts.scoping import visible
from bidrag.agreements.models import DecisionLine, PaymentDecision
from bidrag.agreements.queries import visible_decisions
from bidrag.api.access import require_money_role
from bidrag.api.schemas import (
    AnnexOut,
    AnnexRowOut,
    DecisionDetail,
    DecisionSummary,
    Line,
    OrganisationRef,
)

router = Router(tags=["beslut"])


def summary(d: PaymentDecision) -> DecisionSummary:
    return DecisionSummary(
        document_id=d.document_id,
        diarienummer=d.diarienummer,
        title=d.title,
        date=d.date,
        budget_year=d.budget_year,
        total=d.total,
        agreement=d.agreement.name if d.agreement else d.agreement_diarienummer,
    )


def line_out(line: DecisionLine) -> Line:
    recipient = line.recipient
    return Line(
        key=line.key,
        position=line.position,
        amount=line.amount,
        recipient_group=line.recipient_group,
        recipient=OrganisationRef(id=recipient.pk, name=recipient.name) if recipient else None,
        purpose=" ".join(line.purpose.split()),
        appropriation_item_id=line.appropriation_item_id,
        mode=line.mode,
        window_start=line.window_start,
        window_end=line.window_end,
        requisition_deadline=line.requisition_deadline,
        repayment_deadline=line.repayment_deadline,
        report_deadline=line.report_deadline,
    )


@router.get("/decisions", response=list[DecisionSummary], summary="Gällande beslut")
def decision_list(request: HttpRequest) -> list[DecisionSummary]:
    require_money_role(request)
    return [summary(d) for d in visible_decisions(request.user).select_related("agreement")]


@router.get("/decisions/{document_id}", response=DecisionDetail, summary="Ett beslut")
def decision_detail(request: HttpRequest, document_id: str) -> DecisionDetail:
    require_money_role(request)
    decision = (
        visible_decisions(request.user)
        .select_related("agreement")
        .filter(document_id=document_id)
        .first()
    )
    if decision is None:
        raise Http404
    annexes = []
    for annex in decision.annexes.select_related("line").order_by("number", "id"):
        rows = visible(request.user, annex.rows.select_related("recipient"), via="recipient")
        annexes.append(
            AnnexOut(
                number=annex.number,
                column=annex.column,
                title=annex.title,
                line_key=annex.line.key if annex.line else None,
                printed_total=annex.printed_total,
                rows=[
                    AnnexRowOut(
                        position=r.position,
                        recipient=OrganisationRef(id=r.recipient.pk, name=r.recipient.name),
                        printed_name=r.printed_name,
                        amount=r.amount,
                    )
                    for r in rows.order_by("position")
                ],
            )
        )
    lines = decision.lines.select_related("recipient").order_by("position")
    return DecisionDetail(
        **summary(decision).dict(), lines=[line_out(x) for x in lines], annexes=annexes
    )
