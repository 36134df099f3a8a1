"""Signed-in clients per role; the four documents loaded with `bidrag load` once per module."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.second_factor import STRONG_AUTH_SESSION_KEY
from bidrag.accounts.services import SYSTEM, grant_role
from bidrag.recipients.models import Organisation

PSV_2021 = "2021-psv-payment-decision"
DECISION_2023 = "2023-S2023-00488-payment-decision"


def _client_for(user: User, *, second_factor: bool) -> Client:
    client = Client()
    client.force_login(user)
    if second_factor:
        session = client.session
        session[STRONG_AUTH_SESSION_KEY] = True  # as after a TOTP step
        session.save()
    return client


@pytest.fixture
def official(db: None) -> Client:
    """A case officer (sees every organisation), signed in with both factors."""
    user = User.objects.create_user("handlaggare", password="x" * 16)
    grant_role(SYSTEM, user, Role.CASE_OFFICER)
    return _client_for(user, second_factor=True)


@pytest.fixture
def recipient_of(db: None) -> Callable[[str], Client]:
    """A signed-in recipient user of the named organisation (no second factor is required)."""

    def make(organisation_name: str) -> Client:
        organisation = Organisation.objects.get(name=organisation_name)
        user = User.objects.create_user(f"user-{organisation.pk}", password="x" * 16)
        grant_role(SYSTEM, user, Role.RECIPIENT_USER, organisation_id=organisation.pk)
        return _client_for(user, second_factor=False)

    return make
