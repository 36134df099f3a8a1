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


def org_number(n: int) -> str:
    """A valid organisationsnummer (group 2, as regions have), different for each ``n``."""
    digits = f"2321{n:05d}"
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    check = (10 - total % 10) % 10
    return f"{digits[:6]}-{digits[6:]}{check}"


@pytest.fixture
def new_region(db: None) -> Callable[[str], Organisation]:
    """Makes a region of its own, with an organisationsnummer (so that it can be its payee)."""
    made: list[Organisation] = []

    def make(name: str) -> Organisation:
        made.append(
            Organisation.objects.create(
                kind="region", name=name, org_number=org_number(len(made) + 1)
            )
        )
        return made[-1]

    return make


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
