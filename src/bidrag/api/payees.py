"""Betalningsmottagare: the legal entities money is paid to, each with the approved payment
details of the beneficiaries paid to it (Bankgiro or Plusgiro; OCR or message)."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest
from ninja import Router

from bidrag.accounts.scoping import visible
from bidrag.api.access import require_money_role
from bidrag.api.schemas import OrganisationRef, PayeeDetailsOut, PayeeOut
from bidrag.recipients.models import AccountType, Payee, PaymentDetails

router = Router(tags=["betalningsmottagare"])


@router.get("/payees", response=list[PayeeOut], summary="Betalningsmottagare")
def payee_list(request: HttpRequest) -> list[PayeeOut]:
    require_money_role(request)
    details = visible(
        request.user,
        PaymentDetails.objects.filter(is_current=True).select_related("organisation"),
    ).order_by("organisation__name")
    by_payee: dict[int, list[PayeeDetailsOut]] = defaultdict(list)
    for d in details:
        by_payee[d.payee_id].append(
            PayeeDetailsOut(
                recipient=OrganisationRef(id=d.organisation_id, name=d.organisation.name),
                payee_name=d.payee_name,
                bankgiro=d.account_number if d.account_type == AccountType.BANKGIRO else None,
                plusgiro=d.account_number if d.account_type == AccountType.PLUSGIRO else None,
                bank=d.bank,
                ocr=d.ocr or None,
                message=d.message or None,
                note=d.note,
            )
        )
    payees = Payee.objects.filter(pk__in=list(by_payee)).order_by("name", "org_number")
    return [
        PayeeOut(
            id=p.pk,
            org_number=p.org_number,
            name=p.name,
            street=p.street,
            postal_code=p.postal_code,
            town=p.town,
            country=p.country,
            payment_details=by_payee[p.pk],
        )
        for p in payees
    ]
