"""Region Stockholm with printed payment details, the demo users, signed-in clients by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.testing import sign_in
from bidrag.recipients.models import Organisation
from bidrag.recipients.services import PaymentDetailsInput, ensure_payee, set_payment_details

OLD_BANKGIRO = "5728-3905"


@pytest.fixture
def payee(demo_users: dict[str, User]) -> Organisation:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    set_payment_details(
        "loader",
        stockholm,
        PaymentDetailsInput(
            ensure_payee("loader", org_number=stockholm.org_number, name=stockholm.name),
            "Region Stockholm",
            "bankgiro",
            OLD_BANKGIRO,
        ),
    )
    return stockholm


@pytest.fixture
def client_for(demo_users: dict[str, User]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        sign_in(client, demo_users[username])
        return client

    return make
