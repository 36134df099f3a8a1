"""Pending changes of payment details (read-only; deciding happens on the web pages)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from bidrag.accounts.scoping import visible
from bidrag.api.schemas import OrganisationRef, PendingChangeOut
from bidrag.recipients.approvals import may_view_changes, pending_changes

router = Router(tags=["godkännanden"])


@router.get(
    "/payment-details-changes/pending",
    response=list[PendingChangeOut],
    summary="Ändringar av betalningsuppgifter som väntar på godkännande",
)
def pending(request: HttpRequest) -> list[PendingChangeOut]:
    if not may_view_changes(request.user):
        raise HttpError(403, "Din roll ser inte ändringar av betalningsuppgifter.")
    return [
        PendingChangeOut(
            id=c.pk,
            organisation=OrganisationRef(id=c.organisation.pk, name=c.organisation.name),
            proposed_by=c.proposed_by.get_username(),
            proposed_at=c.proposed_at,
            reason=c.reason,
            before=c.old_values,
            proposed=c.proposed_values(),
        )
        for c in visible(request.user, pending_changes())
    ]
