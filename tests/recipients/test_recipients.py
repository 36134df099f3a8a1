"""Recipients: the register seeded once; payment details kept as history."""

from __future__ import annotations

import pytest

from bidrag.audit.models import AuditEvent
from bidrag.core.errors import IdentifierError
from bidrag.recipients.models import Organisation, PaymentDetails
from bidrag.recipients.services import (
    PaymentDetailsInput,
    ensure_payee,
    seed_register,
    set_payment_details,
)

SKANE_ORGNR = "232100-0255"


@pytest.mark.django_db
def test_seeding_the_register_is_idempotent() -> None:
    assert seed_register("test") == 43
    assert seed_register("test") == 0
    assert Organisation.objects.filter(kind="region").count() == 21
    assert Organisation.objects.filter(kind="county").count() == 21
    assert Organisation.objects.get(name="Region Värmland").org_number == "232100-0156"


@pytest.mark.django_db
def test_changing_payment_details_keeps_the_old_row_and_audits_it() -> None:
    seed_register("test")
    org = Organisation.objects.get(name="Region Skåne")
    payee = ensure_payee("test", org_number=SKANE_ORGNR, name="Region Skåne")
    first = set_payment_details(
        "test", org, PaymentDetailsInput(payee, "Region Skåne", "bankgiro", "289-1919")
    )
    again = set_payment_details(
        "test", org, PaymentDetailsInput(payee, "Region Skåne", "bankgiro", "2891919")
    )
    assert again.pk == first.pk
    second = set_payment_details(
        "test", org, PaymentDetailsInput(payee, "Region Skåne", "plusgiro", "3 70 20-5")
    )
    assert PaymentDetails.objects.filter(organisation=org).count() == 2
    assert PaymentDetails.objects.get(organisation=org, is_current=True) == second
    event = AuditEvent.objects.filter(event_type="payment_details.changed").last()
    assert event is not None and event.old_value["account_number"] == "2891919"


@pytest.mark.django_db
def test_a_bad_bankgiro_is_refused() -> None:
    seed_register("test")
    org = Organisation.objects.get(name="Region Skåne")
    payee = ensure_payee("test", org_number=SKANE_ORGNR, name="Region Skåne")
    with pytest.raises(IdentifierError):
        set_payment_details("test", org, PaymentDetailsInput(payee, "x", "bankgiro", "289-1918"))
    assert not PaymentDetails.objects.exists()
