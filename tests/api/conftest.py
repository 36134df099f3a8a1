"""The four decision files loaded once per module; signed-in clients per role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, add_membership, grant_role
from bidrag.accounts.testing import sign_in
from bidrag.recipients.models import Organisation


@pytest.fixture
def client_as(loaded: None, db: None) -> Callable[..., Client]:
    """``client_as(Role.AUDITOR)`` or ``client_as(Role.RECIPIENT_USER, "Region Uppsala")``."""
    count = 0

    def make(role: Role, organisation: str | None = None) -> Client:
        nonlocal count
        count += 1
        user = User.objects.create_user(f"api-{role.value}-{count}")
        if organisation is not None:
            add_membership(SYSTEM, user, Organisation.objects.get(name=organisation).pk)
        grant_role(SYSTEM, user, role)
        client = Client()
        sign_in(client, user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return make
