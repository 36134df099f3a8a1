"""Fixtures of the hardening tests: the demo users (Region Stockholm's for the recipient roles)
and signed-in clients that answer server errors instead of raising them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.demo import create_demo_users
from bidrag.accounts.testing import sign_in
from bidrag.recipients.models import Organisation


@pytest.fixture
def people(db: None) -> dict[str, User]:
    stockholm = Organisation.objects.create(
        kind="region", name="Region Stockholm", county_code="01", org_number="232100-0016"
    )
    create_demo_users(stockholm.pk)
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def signed_in(people: dict[str, User]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client(raise_request_exception=False)
        sign_in(client, people[username])
        return client

    return make
