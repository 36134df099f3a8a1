"""Signed-in staff clients for the list pages; the decision files come from ``loaded``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, grant_role
from bidrag.accounts.testing import sign_in


def _signed_in(username: str, role: Role) -> Client:
    user = User.objects.create_user(username, password="x" * 16)
    grant_role(SYSTEM, user, role)
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def official(db: None) -> Client:
    """A case officer: sees every organisation, the approvals and every list page."""
    return _signed_in("handlaggare", Role.CASE_OFFICER)


@pytest.fixture
def auditor(db: None) -> Client:
    """An auditor: reads everything, the audit log included."""
    return _signed_in("revisor", Role.AUDITOR)
