"""Who may open the pages: sign-in, roles, and a recipient's own organisation only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.django_db

PSV_2021 = "2021-psv-payment-decision"


def stockholm_url() -> str:
    return reverse("pages:recipient", args=[Organisation.objects.get(name="Region Stockholm").pk])


@pytest.mark.parametrize(
    "name,args",
    [
        ("pages:agreements", []),
        ("pages:decisions", []),
        ("pages:decision", [PSV_2021]),
        ("pages:decision_pdf", [PSV_2021]),
        ("pages:recipients", []),
        ("pages:appropriations", []),
    ],
)
def test_anonymous_users_are_sent_to_sign_in(loaded: None, name: str, args: list[str]) -> None:
    url = reverse(name, args=args)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_user_is_sent_to_sign_in_from_a_recipient_page(loaded: None) -> None:
    response = Client().get(stockholm_url())
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_recipient_user_of_another_organisation_gets_404_on_region_stockholms_page(
    loaded: None, recipient_of: Callable[[str], Client]
) -> None:
    client = recipient_of("Region Skåne")
    assert client.get(stockholm_url()).status_code == 404
    assert client.get(stockholm_url() + "?format=csv").status_code == 404


def test_recipient_user_sees_its_own_page_and_only_itself_in_the_list(
    loaded: None, recipient_of: Callable[[str], Client]
) -> None:
    client = recipient_of("Region Stockholm")
    assert client.get(stockholm_url()).status_code == 200
    listing = client.get(reverse("pages:recipients")).content.decode()
    assert "Region Stockholm" in listing
    assert "Region Skåne" not in listing


def test_recipient_user_sees_only_its_own_rows_of_the_decisions_annexes(
    loaded: None, recipient_of: Callable[[str], Client]
) -> None:
    client = recipient_of("Region Skåne")
    page = client.get(reverse("pages:decision", args=[PSV_2021])).content.decode()
    assert "28 681 860" in page  # Skåne's row in bilaga 1
    assert "49 472 318" not in page  # Stockholm's row is not Skåne's business
    assert "5716-1507" not in page  # nor another payee's Bankgiro
    assert client.get(reverse("pages:decision_pdf", args=[PSV_2021])).status_code == 403


def test_recipient_user_may_not_open_agreements_or_the_ledger(
    loaded: None, recipient_of: Callable[[str], Client]
) -> None:
    client = recipient_of("Region Stockholm")
    assert client.get(reverse("pages:agreements")).status_code == 403
    assert client.get(reverse("pages:appropriations")).status_code == 403


def test_navigation_shows_each_role_its_pages(
    loaded: None, official: Client, recipient_of: Callable[[str], Client]
) -> None:
    staff_nav = official.get(reverse("pages:decisions")).content.decode()
    for label in ("Överenskommelser", "Beslut", "Mottagare", "Anslag"):
        assert f">{label}</a>" in staff_nav
    recipient_nav = (
        recipient_of("Region Stockholm").get(reverse("pages:decisions")).content.decode()
    )
    assert ">Beslut</a>" in recipient_nav and ">Mottagare</a>" in recipient_nav
    assert ">Överenskommelser</a>" not in recipient_nav and ">Anslag</a>" not in recipient_nav
