"""Every change of recipients, payees and payment details passes through here, audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from bidrag.audit.services import Actor, record
from bidrag.core import register
from bidrag.core.errors import DomainError
from bidrag.core.identifiers import parse_orgnr
from bidrag.core.payment_details import (
    NAME_MAX_CHARS,
    PrintedReference,
    Remittance,
    parse_account,
    read_printed_reference,
)
from bidrag.recipients.models import Organisation, OrganisationKind, Payee, PaymentDetails

SKR_NAME = "Sveriges Kommuner och Regioner"
# Sveriges Kommuner och Regioner, ideell förening (Bolagsverket).
SKR_ORG_NUMBER = "222000-0315"


def _fields(org: Organisation) -> dict[str, str]:
    return {
        "kind": org.kind,
        "name": org.name,
        "county_code": org.county_code,
        "org_number": org.org_number,
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
    ensure_organisation(actor, kind=OrganisationKind.SKR, name=SKR_NAME, org_number=SKR_ORG_NUMBER)
    return Organisation.objects.count() - before


# --- payees ----------------------------------------------------------------------------------


def _payee_fields(payee: Payee) -> dict[str, str]:
    return {
        "org_number": payee.org_number,
        "name": payee.name,
        "street": payee.street,
        "postal_code": payee.postal_code,
        "town": payee.town,
        "country": payee.country,
    }


@transaction.atomic
def ensure_payee(actor: Actor, *, org_number: str, name: str) -> Payee:
    """The payee with this organisationsnummer, created (named ``name``) if new.

    An existing payee keeps its name: a document may print a department's name for the same
    legal entity ("Hälso- och sjukvårdsförvaltningen, Region Stockholm"); that printed name
    travels in the payment details (``payee_name``), not here.
    """
    number = str(parse_orgnr(org_number, "org_number"))
    payee = Payee.objects.filter(org_number=number).first()
    if payee is not None:
        return payee
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX_CHARS:
        raise DomainError("name", f"a payee's name has 1 to {NAME_MAX_CHARS} characters")
    payee = Payee.objects.create(org_number=number, name=name)
    record(actor, "payee.created", payee, new=_payee_fields(payee))
    return payee


_ADDRESS_LIMITS = {"street": 70, "postal_code": 16, "town": 35}


@transaction.atomic
def set_payee_address(
    actor: Actor, payee: Payee, *, street: str = "", postal_code: str = "", town: str, country: str
) -> Payee:
    """Record a payee's postal address (town and ISO country code are required by banks)."""
    values = {"street": street, "postal_code": postal_code, "town": town}
    for field, value in values.items():
        values[field] = " ".join(value.split())
        if len(values[field]) > _ADDRESS_LIMITS[field]:
            raise DomainError(field, f"has more than {_ADDRESS_LIMITS[field]} characters")
    if not values["town"]:
        raise DomainError("town", "is required (banks refuse a payee without a town)")
    country = country.strip().upper()
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        raise DomainError("country", "must be a two-letter ISO 3166 code, such as SE")
    old = _payee_fields(payee)
    for field, value in {**values, "country": country}.items():
        setattr(payee, field, value)
    if _payee_fields(payee) != old:
        payee.save(update_fields=["street", "postal_code", "town", "country"])
        record(actor, "payee.address_changed", payee, old=old, new=_payee_fields(payee))
    return payee


# --- payment details -------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentDetailsInput:
    """Payment details as given (a file, a form, an approved change), before normalising."""

    payee: Payee
    payee_name: str
    account_type: str = ""  # "bankgiro", "plusgiro" or "" (no account known)
    account_number: str = ""
    bank: str = ""
    remittance: Remittance = Remittance()
    note: str = ""
    source: str = ""

    def normalised(self) -> PaymentDetailsInput:
        number = self.account_number.strip()
        if self.account_type:
            number = parse_account(self.account_type, number).digits
        elif number:
            raise DomainError("account_type", "an account number needs bankgiro or plusgiro")
        name = " ".join(self.payee_name.split())
        if not name or len(name) > NAME_MAX_CHARS:
            raise DomainError("payee_name", f"has 1 to {NAME_MAX_CHARS} characters")
        return PaymentDetailsInput(
            self.payee,
            name,
            self.account_type,
            number,
            " ".join(self.bank.split()),
            self.remittance,
            self.note,
            self.source,
        )

    def fields(self) -> dict[str, Any]:
        """The values of the payment-details fields (``PaymentDetails``,
        ``PaymentDetailsChange``) as model keyword arguments."""
        return {
            "payee": self.payee,
            "payee_name": self.payee_name,
            "account_type": self.account_type,
            "account_number": self.account_number,
            "bank": self.bank,
            "ocr": self.remittance.ocr,
            "message": self.remittance.message,
        }

    def as_dict(self) -> dict[str, str]:
        """As :meth:`bidrag.recipients.models.PaymentDetails.as_dict` (compared, audited)."""
        return {**self.fields(), "payee": self.payee.org_number}


def printed_details(
    actor: Actor,
    *,
    payee_name: str,
    org_number: str,
    bankgiro: str | None,
    plusgiro: str | None,
    bank: str | None,
    payment_reference: str | None,
    source: str,
) -> PaymentDetailsInput:
    """Payment details as a decision prints them (its annex's payee block)."""
    payee = ensure_payee(actor, org_number=org_number, name=payee_name)
    printed: PrintedReference = read_printed_reference(payment_reference or "")
    note = ""
    if printed.not_ocr is not None:
        note = (
            f"Den tryckta betalningsreferensen '{printed.remittance.message}' är inte en giltig "
            "OCR-referens (kontrollsiffran stämmer inte) och skickas som meddelande."
        )
    kind = "bankgiro" if bankgiro else "plusgiro" if plusgiro else ""
    return PaymentDetailsInput(
        payee=payee,
        payee_name=payee_name,
        account_type=kind,
        account_number=bankgiro or plusgiro or "",
        bank=bank or "",
        remittance=printed.remittance,
        note=note,
        source=source,
    ).normalised()


def current_payment_details(org: Organisation) -> PaymentDetails | None:
    return org.payment_details.filter(is_current=True).select_related("payee").first()


@transaction.atomic
def set_payment_details(
    actor: Actor, org: Organisation, details: PaymentDetailsInput
) -> PaymentDetails:
    """Make ``details`` the organisation's current payment details (a new history row).

    Unchanged details change nothing. Internal to the service layer: the decision-file loader
    (only where no details are recorded) and
    :func:`bidrag.recipients.approvals.approve_payment_details_change` call it. Faces (web,
    API, commands) never do: a person's change goes through the four-eyes procedure in
    :mod:`bidrag.recipients.approvals` (propose, then a second person approves).
    """
    details = details.normalised()
    current = current_payment_details(org)
    new_values = details.as_dict()
    if current is not None and current.as_dict() == new_values:
        return current
    old = current.as_dict() if current is not None else None
    if current is not None:
        PaymentDetails.objects.filter(pk=current.pk).update(
            is_current=False, ended_at=timezone.now()
        )
    row = PaymentDetails.objects.create(
        organisation=org, note=details.note[:300], source=details.source[:300], **details.fields()
    )
    record(actor, "payment_details.changed", org, old=old, new=new_values, note=details.source)
    return row


def receives_for(org: Organisation) -> list[Organisation]:
    """Other beneficiaries whose money is paid to this organisation as a legal entity (Region
    Stockholm for Stockholm-Gotland samverkansregion)."""
    if not org.org_number:
        return []
    return list(
        Organisation.objects.filter(
            payment_details__is_current=True, payment_details__payee__org_number=org.org_number
        )
        .exclude(pk=org.pk)
        .order_by("name")
    )
