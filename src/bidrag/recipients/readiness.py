"""Whether a beneficiary's money can be paid: complete, approved payment details.

One place answers it for the pages, the API and the payment services. Each blocker has a stable
``code`` and a sentence for people (Swedish, translated).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.recipients.models import (
    ChangeStatus,
    Organisation,
    PaymentDetails,
    PaymentDetailsChange,
)


@dataclass(frozen=True)
class Blocker:
    code: str
    message: Promise

    def __str__(self) -> str:
        return str(self.message)


NO_DETAILS = Blocker(
    "no-payment-details", _("Betalningsmottagare och konto saknas (inga betalningsuppgifter).")
)
NO_ACCOUNT = Blocker("no-account", _("Bankgiro- eller plusgironummer saknas."))
NO_ADDRESS = Blocker(
    "no-payee-address",
    _("Betalningsmottagarens postadress (minst ort och land) saknas; banken kräver den."),
)
PENDING_CHANGE = Blocker(
    "pending-change",
    _("En ändring av betalningsuppgifterna väntar på en andra persons godkännande."),
)


def blockers_for(details: PaymentDetails | None, pending_change: bool = False) -> list[Blocker]:
    """What stops a payment to these details (``select_related("payee")`` them)."""
    out: list[Blocker] = []
    if details is None:
        out.append(NO_DETAILS)
    else:
        if not details.account_type:
            out.append(NO_ACCOUNT)
        if not details.payee.has_address:
            out.append(NO_ADDRESS)
    if pending_change:
        out.append(PENDING_CHANGE)
    return out


def payment_blockers(org: Organisation) -> list[Blocker]:
    details = org.payment_details.filter(is_current=True).select_related("payee").first()
    pending = PaymentDetailsChange.objects.filter(
        organisation=org, status=ChangeStatus.PENDING
    ).exists()
    return blockers_for(details, pending)


def blockers_by_organisation(org_ids: list[int]) -> dict[int, list[Blocker]]:
    """:func:`payment_blockers` for many organisations in two queries (lists, API)."""
    details = {
        d.organisation_id: d
        for d in PaymentDetails.objects.filter(
            organisation_id__in=org_ids, is_current=True
        ).select_related("payee")
    }
    pending = set(
        PaymentDetailsChange.objects.filter(
            organisation_id__in=org_ids, status=ChangeStatus.PENDING
        ).values_list("organisation_id", flat=True)
    )
    return {pk: blockers_for(details.get(pk), pk in pending) for pk in org_ids}
