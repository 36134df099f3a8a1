"""The four decision files loaded once per module; signed-in clients per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.services import add_membership, grant_role
from bidrag.accounts.testing import sign_in
from bidrag.recipients.models import Organisation

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Every decision file loaded; the rows stay for the module and are rolled back after it."""
    from django.test import TestCase

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = TestCase._enter_atomics()
        try:
            call_command(
                "load", *sorted(str(p) for p in DECISIONS.glob("*.yaml")), stdout=StringIO()
            )
            yield
        finally:
            TestCase._rollback_atomics(atomic)


@pytest.fixture
def client_as(loaded: None, db: None) -> Callable[..., Client]:
    """``client_as(Role.AUDITOR)`` or ``client_as(Role.RECIPIENT_USER, "Region Uppsala")``."""
    count = 0

    def make(role: Role, organisation: str | None = None) -> Client:
        nonlocal count
        count += 1
        user = User.objects.create_user(f"api-{role.value}-{count}")
        grant_role(user, role)
        if organisation is not None:
            add_membership(user, Organisation.objects.get(name=organisation).pk)
        client = Client()
        sign_in(client, user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return make
