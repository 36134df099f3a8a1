"""Each record's page shows its audit trail to auditors, and to no one else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, grant_role
from bidrag.accounts.testing import sign_in
from bidrag.audit.models import AuditEvent
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.usefixtures("loaded")

PSV_2021 = "2021-psv-payment-decision"


@pytest.fixture
def auditor(db: None) -> Client:
    user = User.objects.create_user("revisor", password="x" * 16)
    grant_role(SYSTEM, user, Role.AUDITOR)
    client = Client()
    sign_in(client, user)
    return client


def test_auditor_sees_the_decisions_audit_trail(auditor: Client) -> None:
    html = auditor.get(f"/beslut/{PSV_2021}/").content.decode()
    assert "Granskningsspår" in html
    event = AuditEvent.objects.filter(object_type="agreements.PaymentDecision").first()
    assert event is not None and event.event_type in html


def test_auditor_sees_a_recipients_audit_trail(auditor: Client) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    html = auditor.get(f"/mottagare/{stockholm.pk}/").content.decode()
    assert "Granskningsspår" in html


def test_case_officers_and_recipients_do_not_see_the_audit_trail(
    official: Client, recipient_of: Callable[[str], Client]
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    assert "Granskningsspår" not in official.get(f"/beslut/{PSV_2021}/").content.decode()
    own = recipient_of("Region Stockholm").get(f"/mottagare/{stockholm.pk}/")
    assert own.status_code == 200
    assert "Granskningsspår" not in own.content.decode()


def test_case_officer_is_offered_to_propose_new_payment_details(official: Client) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    html = official.get(f"/mottagare/{stockholm.pk}/").content.decode()
    assert f"/godkannanden/betalningsuppgifter/ny/?organisation={stockholm.pk}" in html


def test_recipient_user_is_not_offered_to_propose(recipient_of: Callable[[str], Client]) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    html = recipient_of("Region Stockholm").get(f"/mottagare/{stockholm.pk}/").content.decode()
    assert "betalningsuppgifter/ny" not in html
