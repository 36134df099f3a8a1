"""Mottagare: organisations the user may see, with the money decided for each."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from bidrag.accounts.scoping import get_visible_or_404, visible
from bidrag.agreements.queries import decided_for, totals_by_organisation
from bidrag.api.access import require_money_role
from bidrag.api.schemas import (
    DecidedAmount,
    PaymentDetailsOut,
    RecipientDetail,
    RecipientSummary,
)
from bidrag.recipients.models import Organisation
from bidrag.recipients.services import current_payment_details

router = Router(tags=["mottagare"])


@router.get("/recipients", response=list[RecipientSummary], summary="Mottagare")
def recipient_list(request: HttpRequest) -> list[RecipientSummary]:
    require_money_role(request)
    orgs = list(visible(request.user, Organisation.objects.order_by("kind", "name"), via="pk"))
    totals = totals_by_organisation(o.pk for o in orgs)
    return [
        RecipientSummary(
            id=o.pk,
            name=o.name,
            kind=o.kind,
            org_number=o.org_number,
            decided_total=totals.get(o.pk, 0),
        )
        for o in orgs
    ]


@router.get("/recipients/{int:pk}", response=RecipientDetail, summary="En mottagare")
def recipient_detail(request: HttpRequest, pk: int) -> RecipientDetail:
    require_money_role(request)
    org = get_visible_or_404(request.user, Organisation.objects.all(), via="pk", pk=pk)
    decided = decided_for([org.pk])
    details = current_payment_details(org)
    return RecipientDetail(
        id=org.pk,
        name=org.name,
        kind=org.kind,
        org_number=org.org_number,
        decided_total=sum(d.amount for d in decided),
        payment_details=PaymentDetailsOut(**details.as_dict()) if details else None,
        decided=[
            DecidedAmount(
                decision=d.decision.document_id,
                decision_title=d.decision.title,
                budget_year=d.decision.budget_year,
                annex_number=d.annex_number,
                line_key=d.line.key if d.line else None,
                printed_name=d.printed_name,
                amount=d.amount,
            )
            for d in decided
        ],
    )
