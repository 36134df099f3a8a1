"""Forms refuse what the services would refuse, naming the field: never a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bidrag.core.errors import DomainError
from bidrag.recipients.approvals import LIMITS, propose_payment_details_change
from bidrag.recipients.models import Organisation, PaymentDetailsChange

LONG = "x" * 10_001  # longer than any text the services take


def proposal(organisation: Organisation, **changes: str) -> dict[str, str]:
    return {
        "organisation": str(organisation.pk),
        "payee_name": organisation.name,
        "account_type": "bankgiro",
        "account_number": "5050-1055",
        "bank": "",
        "payment_reference": "",
        "reason": "Intyg från banken",
        **changes,
    }


def test_a_10001_character_reason_is_refused_naming_the_field(
    people: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    response = signed_in("handlaggare").post(
        reverse("approvals:propose"), proposal(stockholm, reason=LONG)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Motivering: får vara högst {LIMITS['reason']} tecken (nu 10001)." in page
    assert not PaymentDetailsChange.objects.exists()


def test_the_service_refuses_an_overlong_reason_by_its_field(people: dict[str, User]) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    with pytest.raises(DomainError) as refused:
        propose_payment_details_change(
            people["handlaggare"],
            stockholm,
            payee_name="Region Stockholm",
            account_type="bankgiro",
            account_number="5050-1055",
            reason=LONG,
        )
    assert refused.value.field == "reason"
    assert refused.value.reason == f"is longer than {LIMITS['reason']} characters"


def test_an_overlong_approval_note_is_refused_and_nothing_is_decided(
    people: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    change = propose_payment_details_change(
        people["handlaggare"],
        stockholm,
        payee_name="Region Stockholm",
        account_type="bankgiro",
        account_number="5050-1055",
        reason="Intyg från banken",
    )
    response = signed_in("attestant").post(
        reverse("approvals:approve", args=[change.pk]), {"confirm": "on", "note": LONG}
    )
    assert response.status_code == 400
    assert f"Kommentar: får vara högst {LIMITS['note']} tecken" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending"


def test_a_query_string_id_that_is_no_number_is_ignored(
    people: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    client = signed_in("handlaggare")
    for value in ("abc", "-1", "9" * 30, "1\x00"):
        response = client.get(reverse("approvals:propose"), {"organisation": value})
        assert response.status_code == 200, value
