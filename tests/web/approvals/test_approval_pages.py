"""The approval pages: propose, approve by someone else, refusals, start-page panel, nav."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bidrag.accounts.testing import sign_in
from bidrag.audit.models import AuditEvent
from bidrag.recipients.models import ChangeStatus, Organisation, PaymentDetailsChange
from bidrag.recipients.services import current_payment_details

ClientFor = Callable[[str], Client]


def proposal(org: Organisation, **overrides: str) -> dict[str, Any]:
    return {
        "organisation": str(org.pk),
        "payee_name": "Region Stockholm",
        "account_type": "bankgiro",
        "account_number": "289-1919",
        "bank": "Nordea",
        "ocr": "",
        "message": "",
        "payee_org_number": "",
        "reason": "Intyg från banken",
        **overrides,
    }


def test_a_proposal_is_pending_until_another_person_approves_it(
    payee: Organisation, client_for: ClientFor
) -> None:
    officer = client_for("handlaggare")
    response = officer.post(reverse("approvals:propose"), proposal(payee))
    change = PaymentDetailsChange.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:change", args=[change.pk])
    assert change.status == ChangeStatus.PENDING
    current = current_payment_details(payee)
    assert current is not None and current.account_number == "57283905"

    page = officer.get(reverse("approvals:change", args=[change.pk])).content.decode()
    assert "Du föreslog ändringen" in page and 'action="/godkannanden/betalningsuppgifter/' in page

    attester = client_for("attestant")
    page = attester.get(reverse("approvals:change", args=[change.pk])).content.decode()
    assert "Godkänn ändringen" in page and "2891919" in page and "57283905" in page
    response = attester.post(reverse("approvals:approve", args=[change.pk]), {"confirm": "on"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    current = current_payment_details(payee)
    assert current is not None and (current.account_number, current.bank) == ("2891919", "Nordea")


def test_an_invalid_bankgiro_is_refused_naming_the_field_and_nothing_is_written(
    payee: Organisation, client_for: ClientFor
) -> None:
    before = AuditEvent.objects.count()
    response = client_for("betalning").post(
        reverse("approvals:propose"), proposal(payee, account_number="289-1918")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kontonummer: kontrollsiffran stämmer inte" in page
    # The error text has the id the field's aria-describedby names (with the help text).
    assert 'id="id_account_number_error"' in page
    assert 'aria-describedby="id_account_number_helptext id_account_number_error"' in page
    assert not PaymentDetailsChange.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"account_number": "289-191911"}, "Kontonummer: ett bankgironummer har 7 eller 8 siffror"),
        ({"account_number": "28x-1919"}, "Kontonummer: får bara innehålla siffror"),
        ({"account_type": "", "account_number": "2891919"}, "Kontotyp: välj bankgiro eller"),
        ({"reason": ""}, "Motivering: måste fyllas i"),
        ({"payee_name": ""}, "Betalningsmottagare: måste fyllas i"),
        ({"organisation": ""}, "Mottagare: välj en organisation"),
    ],
)
def test_form_messages_name_the_field(
    payee: Organisation, client_for: ClientFor, overrides: dict[str, str], message: str
) -> None:
    response = client_for("handlaggare").post(
        reverse("approvals:propose"), proposal(payee, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PaymentDetailsChange.objects.exists()


def test_the_proposer_cannot_approve_and_approval_needs_confirmation(
    payee: Organisation, client_for: ClientFor
) -> None:
    officer = client_for("handlaggare")
    officer.post(reverse("approvals:propose"), proposal(payee))
    change = PaymentDetailsChange.objects.get()
    response = officer.post(reverse("approvals:approve", args=[change.pk]), {"confirm": "on"})
    assert response.status_code == 409
    assert "kan därför inte godkänna den" in response.content.decode()

    response = client_for("attestant").post(reverse("approvals:approve", args=[change.pk]), {})
    assert response.status_code == 400
    assert "Bekräfta att du har kontrollerat" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_a_second_approval_is_refused(payee: Organisation, client_for: ClientFor) -> None:
    client_for("handlaggare").post(reverse("approvals:propose"), proposal(payee))
    change = PaymentDetailsChange.objects.get()
    url = reverse("approvals:approve", args=[change.pk])
    assert client_for("attestant").post(url, {"confirm": "on"}).status_code == 302
    response = client_for("attestant2").post(url, {"confirm": "on"})
    assert response.status_code == 409
    assert "redan beslutad" in response.content.decode()
    assert payee.payment_details.count() == 2


def test_rejecting_needs_a_reason_and_keeps_the_details(
    payee: Organisation, client_for: ClientFor
) -> None:
    client_for("handlaggare").post(reverse("approvals:propose"), proposal(payee))
    change = PaymentDetailsChange.objects.get()
    attester = client_for("attestant")
    url = reverse("approvals:reject", args=[change.pk])
    response = attester.post(url, {"decision_note": ""})
    assert response.status_code == 400 and "Motivering: skriv varför" in response.content.decode()
    assert attester.post(url, {"decision_note": "Saknar intyg"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    current = current_payment_details(payee)
    assert current is not None and current.account_number == "57283905"


def test_posts_need_a_csrf_token(payee: Organisation, demo_users: dict[str, User]) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in(client, demo_users["handlaggare"])
    assert client.post(reverse("approvals:propose"), proposal(payee)).status_code == 403
    assert not PaymentDetailsChange.objects.exists()


@pytest.mark.parametrize(
    ("username", "list_status", "propose_status"),
    [
        ("handlaggare", 200, 200),
        ("betalning", 200, 200),
        ("attestant", 200, 403),
        ("revisor", 200, 403),
        ("departement", 403, 403),
        ("sysadmin", 403, 403),
        ("mottagare", 403, 403),
        ("foretradare", 403, 403),
    ],
)
def test_who_may_open_the_pages(
    payee: Organisation, client_for: ClientFor, username: str, list_status: int, propose_status: int
) -> None:
    client = client_for(username)
    assert client.get(reverse("approvals:list")).status_code == list_status
    assert client.get(reverse("approvals:propose")).status_code == propose_status


def test_anonymous_visitors_are_sent_to_sign_in(payee: Organisation) -> None:
    for name in ("approvals:list", "approvals:propose", "approvals:audit_log"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/konto/" in response["Location"]


def test_the_start_page_panel_and_navigation_show_pending_changes(
    payee: Organisation, client_for: ClientFor
) -> None:
    client_for("handlaggare").post(reverse("approvals:propose"), proposal(payee))
    change = PaymentDetailsChange.objects.get()
    page = client_for("attestant").get(reverse("web:home")).content.decode()
    assert "Nya betalningsuppgifter för Region Stockholm" in page
    assert reverse("approvals:change", args=[change.pk]) in page
    assert f'href="{reverse("approvals:list")}"' in page
    recipient_page = client_for("mottagare").get(reverse("web:home")).content.decode()
    assert "Nya betalningsuppgifter" not in recipient_page
    assert f'href="{reverse("approvals:list")}"' not in recipient_page


def test_the_propose_form_is_prefilled_with_the_current_details(
    payee: Organisation, client_for: ClientFor
) -> None:
    url = reverse("approvals:propose") + f"?organisation={payee.pk}"
    page = client_for("handlaggare").get(url).content.decode()
    assert 'value="57283905"' in page
