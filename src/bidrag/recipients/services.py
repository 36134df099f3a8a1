"""Every change of recipients and payment details passes through here, audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bidrag.audit.services import Actor, record
from bidrag.core import register
from bidrag.core.identifiers import parse_bankgiro, parse_orgnr, parse_plusgiro
from bidrag.recipients.models import Organisation, OrganisationKind, PaymentDetails

SKR_NAME = "Sveriges Kommuner och Regioner"


def _fields(org: Organisation) -> dict[str, str]:
    return {
        "kind": org.kind,
        "name": org.name,
        "county_code": org.county_code,
        "org_number": org.org_number,
        "designated_payee": org.designated_payee.name if org.designated_payee else "",
    }


@transaction.atomic
def ensure_organisation(
    actor: Actor,
    *,
    kind: str,
    name: str,
    county_code: str = "",
    org_number: str = "",
) -> Organisation:
    """The organisation named ``name``, created if new; a given orgnr is validated and set."""
    number = str(parse_orgnr(org_number)) if org_number else ""
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        org = Organisation.objects.create(
            kind=kind, name=name, county_code=county_code, org_number=number
        )
        record(actor, "organisation.created", org, new=_fields(org))
        return org
    if number and org.org_number != number:
        old = _fields(org)
        org.org_number = number
        org.save(update_fields=["org_number"])
        record(actor, "organisation.changed", org, old=old, new=_fields(org))
    return org


@transaction.atomic
def seed_register(actor: Actor) -> int:
    """The 21 regions, 21 counties and SKR from ``core.register``; idempotent. Returns #new."""
    before = Organisation.objects.count()
    for region in register.REGIONS:
        ensure_organisation(
            actor,
            kind=OrganisationKind.REGION,
            name=region.name,
            county_code=region.code,
            org_number=region.organisationsnummer or "",
        )
    for county in register.COUNTIES:
        ensure_organisation(
            actor, kind=OrganisationKind.COUNTY, name=county.name, county_code=county.code
        )
    ensure_organisation(actor, kind=OrganisationKind.SKR, name=SKR_NAME)
    return Organisation.objects.count() - before


@dataclass(frozen=True)
class PaymentDetailsInput:
    payee: Organisation
    payee_name: str
    account_type: str = ""  # "bankgiro", "plusgiro" or "" (none printed)
    account_number: str = ""
    bank: str = ""
    payment_reference: str = ""
    source: str = ""

    def normalised(self) -> PaymentDetailsInput:
        number = self.account_number
        if self.account_type == "bankgiro":
            number = parse_bankgiro(number).digits
        elif self.account_type == "plusgiro":
            number = parse_plusgiro(number).digits
        elif number:
            raise ValueError("an account number needs account_type bankgiro or plusgiro")
        return PaymentDetailsInput(
            self.payee,
            self.payee_name,
            self.account_type,
            number,
            self.bank,
            self.payment_reference,
            self.source,
        )


def current_payment_details(org: Organisation) -> PaymentDetails | None:
    return org.payment_details.filter(is_current=True).first()


@transaction.atomic
def set_payment_details(
    actor: Actor, org: Organisation, details: PaymentDetailsInput
) -> PaymentDetails:
    """Make ``details`` the organisation's current payment details (a new history row).

    Unchanged details change nothing. Internal to the service layer: the decision-file loader
    and :func:`bidrag.recipients.approvals.approve_payment_details_change` call it. Faces (web,
    API, commands) never do: a person's change goes through the four-eyes procedure in
    :mod:`bidrag.recipients.approvals` (propose, then a second person approves).
    """
    details = details.normalised()
    current = current_payment_details(org)
    new_values = {
        "payee": details.payee.name,
        "payee_name": details.payee_name,
        "account_type": details.account_type,
        "account_number": details.account_number,
        "bank": details.bank,
        "payment_reference": details.payment_reference,
    }
    if current is not None and current.as_dict() == new_values:
        return current
    old = current.as_dict() if current is not None else None
    if current is not None:
        PaymentDetails.objects.filter(pk=current.pk).update(
            is_current=False, ended_at=timezone.now()
        )
    row = PaymentDetails.objects.create(
        organisation=org,
        payee=details.payee,
        payee_name=details.payee_name,
        account_type=details.account_type,
        account_number=details.account_number,
        bank=details.bank,
        payment_reference=details.payment_reference,
        source=details.source,
    )
    record(actor, "payment_details.changed", org, old=old, new=new_values, note=details.source)
    return row


@transaction.atomic
def set_designated_payee(actor: Actor, org: Organisation, payee: Organisation) -> None:
    if org.designated_payee_id == payee.pk:
        return
    old = _fields(org)
    org.designated_payee = payee
    org.save(update_fields=["designated_payee"])
    record(actor, "organisation.changed", org, old=old, new=_fields(org))
