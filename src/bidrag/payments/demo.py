"""Demo payment details: approved (four eyes) Bankgiro numbers and payee addresses for SKR and
the 21 regions, so that the whole flow from requisition to payment file can be walked.

For development and tests only (``bidrag demo`` refuses without DEBUG). The Bankgiro numbers
are made up (valid check digits, ``5050`` + county code); the addresses are the regions' seats
with a made-up street; a region without a known organisationsnummer gets a made-up one
(``232100-9`` + county code + check digit). Idempotent: details already complete are kept.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from stdnum import luhn

from bidrag.core import register
from bidrag.recipients import approvals
from bidrag.recipients.models import Organisation, OrganisationKind, Payee, PaymentDetails
from bidrag.recipients.services import (
    SKR_ORG_NUMBER,
    current_payment_details,
    ensure_payee,
    set_payee_address,
)

# The seat (residensstad or the region's head office) of each region, by county code.
TOWNS = {
    "01": "Stockholm",
    "03": "Uppsala",
    "04": "Nyköping",
    "05": "Linköping",
    "06": "Jönköping",
    "07": "Växjö",
    "08": "Kalmar",
    "09": "Visby",
    "10": "Karlskrona",
    "12": "Kristianstad",
    "13": "Halmstad",
    "14": "Vänersborg",
    "17": "Karlstad",
    "18": "Örebro",
    "19": "Västerås",
    "20": "Falun",
    "21": "Gävle",
    "22": "Härnösand",
    "23": "Östersund",
    "24": "Umeå",
    "25": "Luleå",
}
SKR_CODE = "99"
SKR_ADDRESS = {"street": "Hornsgatan 20", "postal_code": "118 82", "town": "Stockholm"}


def _with_check(base: str) -> str:
    return base + luhn.calc_check_digit(base)


def demo_bankgiro(code: str) -> str:
    """``"01"`` → ``"50500102"``-like: 8 digits, a valid Luhn check digit."""
    return _with_check(f"5050{code}0")


def demo_org_number(code: str) -> str:
    digits = _with_check(f"2321009{code}")
    return f"{digits[:6]}-{digits[6:]}"


def _address(actor: Any, payee: Payee, code: str) -> None:
    if payee.has_address:
        return
    if code == SKR_CODE:
        set_payee_address(actor, payee, country="SE", **SKR_ADDRESS)
    else:
        set_payee_address(
            actor, payee, street="Demovägen 1", town=TOWNS.get(code, "Stockholm"), country="SE"
        )


def _targets() -> list[tuple[Organisation, str, str]]:
    """(organisation, county code or SKR's, organisationsnummer of its payee)."""
    orgs = {o.name: o for o in Organisation.objects.all()}
    out = []
    for region in register.REGIONS:
        org = orgs.get(region.name)
        if org is not None:
            number = org.org_number or region.organisationsnummer
            out.append((org, region.code, number or demo_org_number(region.code)))
    skr = Organisation.objects.filter(kind=OrganisationKind.SKR).first()
    if skr is not None:
        out.append((skr, SKR_CODE, skr.org_number or SKR_ORG_NUMBER))
    return out


@transaction.atomic
def seed_demo_payment_details(proposer: Any, approver: Any) -> int:
    """Approved payment details (proposed by ``proposer``, approved by ``approver``) and a
    payee address for SKR and every region lacking them. Returns how many were approved."""
    approved = 0
    for org, code, number in _targets():
        current = current_payment_details(org)
        if current is None or not current.account_type:
            payee = (
                current.payee if current else ensure_payee("demo", org_number=number, name=org.name)
            )
            change = approvals.propose_payment_details_change(
                proposer,
                org,
                payee_name=current.payee_name if current else org.name,
                payee_org_number=payee.org_number,
                account_type="bankgiro",
                account_number=demo_bankgiro(code),
                reason="Demo: betalningsuppgifter för att kunna gå igenom flödet.",
            )
            approvals.approve_payment_details_change(approver, change, "Demo")
            approved += 1
            current = current_payment_details(org)
        assert current is not None
        _address("demo", current.payee, code)
    # Payees printed in decisions (collaboration regions' payees) get their region's town.
    towns = {number: code for _org, code, number in _targets()}
    for details in PaymentDetails.objects.filter(is_current=True).select_related("payee"):
        _address("demo", details.payee, towns.get(details.payee.org_number, "01"))
    return approved
