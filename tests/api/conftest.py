"""The four decision files loaded once per module; signed-in clients and API tokens per role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.demo import DEMO_ORGANISATION, DEMO_USERS, create_demo_users
from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, add_membership, create_token, grant_role
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


@pytest.fixture
def demo_tokens(loaded: None, db: None) -> dict[str, str]:
    """An API token for each demo user (``bidrag demo``: one per role, recipients of Region
    Stockholm), by username: ``{"departement": "bidrag_…", "mottagare": …, "sysadmin": …}``.
    Created through ``accounts.services.create_token`` as ``bidrag token create`` does."""
    create_demo_users(Organisation.objects.get(name=DEMO_ORGANISATION).pk)
    return {
        demo.username: create_token("test", User.objects.get(username=demo.username))[1]
        for demo in DEMO_USERS
    }


@pytest.fixture
def role_tokens(demo_tokens: dict[str, str]) -> dict[Role, str]:
    """One token per role (the first demo user of each role)."""
    tokens: dict[Role, str] = {}
    for demo in DEMO_USERS:
        tokens.setdefault(demo.role, demo_tokens[demo.username])
    return tokens
