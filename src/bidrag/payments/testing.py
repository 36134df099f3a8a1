"""Test and benchmark helpers: the people of the payment flow, made through the services.

``team()`` gives a recipient user and an authorised signatory of SKR, a recipient user of
Region Stockholm, a case officer, two attesters and a payment administrator (created if
missing); ``ready_payment_details(team)`` approves demo payment details for SKR and the regions
under four eyes. No mocks: real users, roles and memberships.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from bidrag.accounts.roles import RECIPIENT_ROLES, Role
from bidrag.accounts.services import grant_role, setup_roles
from bidrag.payments.demo import seed_demo_payment_details
from bidrag.recipients.models import Organisation, OrganisationKind


def person(username: str, role: Role, organisation: Organisation | None = None) -> Any:
    """A user holding ``role`` (and a membership of ``organisation`` for recipient roles)."""
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@bidrag.example", "first_name": username.title()},
    )
    if role in RECIPIENT_ROLES:
        assert organisation is not None, "a recipient role needs an organisation"
        grant_role("test", user, role, organisation_id=organisation.pk)
    else:
        grant_role("test", user, role)
    return get_user_model().objects.get(pk=user.pk)  # fresh role cache


@dataclass(frozen=True)
class Team:
    skr: Organisation
    stockholm: Organisation
    skr_user: Any
    signatory: Any
    stockholm_user: Any
    stockholm_signatory: Any
    officer: Any
    attester: Any
    attester2: Any
    admin: Any


def team() -> Team:
    setup_roles()
    skr = Organisation.objects.get(kind=OrganisationKind.SKR)
    stockholm = Organisation.objects.get(name="Region Stockholm")
    return Team(
        skr=skr,
        stockholm=stockholm,
        skr_user=person("t-skr", Role.RECIPIENT_USER, skr),
        signatory=person("t-skr-foretradare", Role.RECIPIENT_SIGNATORY, skr),
        stockholm_user=person("t-sthlm", Role.RECIPIENT_USER, stockholm),
        stockholm_signatory=person("t-sthlm-foretradare", Role.RECIPIENT_SIGNATORY, stockholm),
        officer=person("t-handlaggare", Role.CASE_OFFICER),
        attester=person("t-attestant", Role.ATTESTER),
        attester2=person("t-attestant2", Role.ATTESTER),
        admin=person("t-betalning", Role.PAYMENT_ADMIN),
    )


def ready_payment_details(t: Team) -> int:
    """Approved demo Bankgiro numbers and payee addresses for SKR and the 21 regions."""
    return seed_demo_payment_details(t.officer, t.attester)
