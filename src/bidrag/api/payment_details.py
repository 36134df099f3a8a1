"""Ändringar av betalningsuppgifter: proposed changes of payment details and their outcome
(read-only; proposing and deciding happen on the web pages, four eyes)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from bidrag.accounts.scoping import visible
from bidrag.api.errors import Refusal
from bidrag.api.schemas import OrganisationRef, PaymentDetailChangeOut
from bidrag.recipients.approvals import may_view_changes
from bidrag.recipients.models import ChangeStatus, PaymentDetailsChange

router = Router(tags=["betalningsuppgifter"])


def _changes(status: ChangeStatus | None) -> QuerySet[PaymentDetailsChange]:
    changes = PaymentDetailsChange.objects.select_related(
        "organisation", "proposed_by", "decided_by"
    ).order_by("proposed_at", "id")
    return changes if status is None else changes.filter(status=status)


@router.get(
    "/payment-detail-changes",
    response=list[PaymentDetailChangeOut],
    summary="Ändringar av betalningsuppgifter (filter ?status=pending)",
)
def change_list(
    request: HttpRequest, status: ChangeStatus | None = None
) -> list[PaymentDetailChangeOut]:
    if not may_view_changes(request.user):
        raise Refusal(403, _("Din roll ser inte ändringar av betalningsuppgifter."))
    return [
        PaymentDetailChangeOut(
            id=c.pk,
            organisation=OrganisationRef(id=c.organisation.pk, name=c.organisation.name),
            status=ChangeStatus(c.status),
            proposed_by=c.proposed_by.get_username(),
            proposed_at=c.proposed_at,
            reason=c.reason,
            before=c.old_values,
            proposed=c.proposed_values(),
            decided_by=c.decided_by.get_username() if c.decided_by else None,
            decided_at=c.decided_at,
            decision_note=c.decision_note,
        )
        for c in visible(request.user, _changes(status))
    ]
