"""Rätt till bidrag: each beneficiary's entitlement of a decision line, with the ledger's
figures and whether its money can be paid."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from bidrag.agreements.models import Entitlement
from bidrag.agreements.queries import entitlement_balances, visible_entitlements
from bidrag.api.access import require_money_role
from bidrag.api.schemas import EntitlementOut, OrganisationRef, PayeeRef
from bidrag.ledger.services import Balances
from bidrag.recipients.models import PaymentDetails
from bidrag.recipients.readiness import blockers_by_organisation

router = Router(tags=["rätt till bidrag"])


def entitlements_out(rows: list[Entitlement]) -> list[EntitlementOut]:
    """The schema for many entitlements in four queries (balances, details, blockers)."""
    org_ids = sorted({e.beneficiary_id for e in rows})
    sums = entitlement_balances(e.pk for e in rows)
    blockers = blockers_by_organisation(org_ids)
    payees = {
        d.organisation_id: d.payee
        for d in PaymentDetails.objects.filter(
            organisation_id__in=org_ids, is_current=True
        ).select_related("payee")
    }
    out = []
    for e in rows:
        money = sums.get(e.pk, Balances()).kronor()
        payee = payees.get(e.beneficiary_id)
        out.append(
            EntitlementOut(
                id=e.pk,
                decision=e.line.decision.document_id,
                line=e.line.key,
                recipient=OrganisationRef(id=e.beneficiary_id, name=e.beneficiary.name),
                payee=PayeeRef(id=payee.pk, org_number=payee.org_number, name=payee.name)
                if payee
                else None,
                amount=money["decided"],
                requested=money["requested"],
                paid=money["paid"],
                lapsed=money["lapsed"],
                remaining=money["left"],
                mode=e.mode,
                window_start=e.window_start,
                window_end=e.window_end,
                requisition_deadline=e.requisition_deadline,
                requisition_deadline_effective=e.requisition_deadline_effective,
                repayment_deadline=e.repayment_deadline,
                repayment_deadline_effective=e.repayment_deadline_effective,
                report_deadline=e.report_deadline,
                report_deadline_effective=e.report_deadline_effective,
                blockers=[b.code for b in blockers.get(e.beneficiary_id, [])],
            )
        )
    return out


@router.get(
    "/entitlements",
    response=list[EntitlementOut],
    summary="Rätt till bidrag (filter ?decision=<document_id>)",
)
def entitlement_list(request: HttpRequest, decision: str | None = None) -> list[EntitlementOut]:
    require_money_role(request)
    rows = visible_entitlements(request.user)
    if decision is not None:
        rows = rows.filter(line__decision__document_id=decision)
    return entitlements_out(list(rows))
