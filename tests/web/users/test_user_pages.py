"""The system administrator's user pages, and enrolment of an issued second factor, end to end
through real requests (no mocks): the codes are computed from the device's key."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.demo import DEMO_PASSWORD, current_code
from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import roles_of
from bidrag.accounts.testing import sign_in
from bidrag.audit.models import AuditEvent
from bidrag.recipients.models import Organisation

LOGIN = "/konto/logga-in/"
ENROL = "/konto/logga-in/aktivera/"
NEW_PASSWORD = "korp-lykta-fjäll-47"


@pytest.fixture
def admin_client(demo_users: dict[str, User]) -> Client:
    client = Client()
    sign_in(client, demo_users["sysadmin"])
    return client


def signed_in_as(client: Client) -> str | None:
    """The username the client is signed in as with a verified session, or None."""
    response = client.get("/")
    if response.status_code != 200 or "_auth_user_id" not in client.session:
        return None
    return User.objects.get(pk=client.session["_auth_user_id"]).username


def test_sysadmin_creates_a_user_and_grants_a_role(
    admin_client: Client, demo_users: dict[str, User]
) -> None:
    response = admin_client.post(
        "/anvandare/ny/",
        {"username": "hedda", "first_name": "Hedda", "last_name": "H", "email": "h@ex.se"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Användaren hedda är skapad" in page
    assert re.search(r'value="http://testserver/konto/losenord/[^"]+/"', page)
    hedda = User.objects.get(username="hedda")
    assert not hedda.has_usable_password()

    response = admin_client.post(
        f"/anvandare/{hedda.pk}/roller/tilldela/", {"grant-role": Role.CASE_OFFICER.value}
    )
    assert response.status_code == 302
    assert roles_of(hedda) == {Role.CASE_OFFICER}
    event = AuditEvent.objects.for_object(hedda).get(event_type="user.role_granted")
    assert event.actor == demo_users["sysadmin"]
    assert event.new_value["roles"] == ["case_officer"]

    page = admin_client.get(f"/anvandare/{hedda.pk}/").content.decode()
    assert "Roll tilldelad" in page and "Användare skapad" in page  # the audit trail
    listing = admin_client.get("/anvandare/?roll=case_officer").content.decode()
    assert f'href="/anvandare/{hedda.pk}/"' in listing
    assert f'href="/anvandare/{demo_users["mottagare"].pk}/"' not in listing


def test_the_list_shows_roles_organisations_and_second_factor(admin_client: Client) -> None:
    page = admin_client.get("/anvandare/").content.decode()
    assert "Användare hos mottagare" in page and "Region Stockholm" in page
    assert "Aktiverad" in page
    assert 'href="/anvandare/"' in page  # the navigation item


@pytest.mark.parametrize("username", ["handlaggare", "attestant", "revisor", "mottagare"])
def test_other_roles_get_403(demo_users: dict[str, User], username: str) -> None:
    client = Client()
    sign_in(client, demo_users[username])
    target = demo_users["mottagare"].pk
    assert client.get("/anvandare/").status_code == 403
    assert client.get(f"/anvandare/{target}/").status_code == 403
    response = client.post(f"/anvandare/{target}/inaktivera/", {"deactivate-confirm": "on"})
    assert response.status_code == 403
    assert User.objects.get(pk=target).is_active
    assert 'href="/anvandare/"' not in client.get("/").content.decode()


def test_refusals_are_shown_on_the_page(admin_client: Client, demo_users: dict[str, User]) -> None:
    officer = demo_users["handlaggare"]
    response = admin_client.post(
        f"/anvandare/{officer.pk}/roller/tilldela/",
        {"grant-role": Role.RECIPIENT_USER.value},
    )
    assert response.status_code == 409
    assert "jäv" in response.content.decode()
    assert roles_of(officer) == {Role.CASE_OFFICER}

    fresh = User.objects.create_user("ny")
    response = admin_client.post(
        f"/anvandare/{fresh.pk}/roller/tilldela/", {"grant-role": Role.RECIPIENT_USER.value}
    )
    assert response.status_code == 409
    assert "kräver en organisation" in response.content.decode()

    own = demo_users["sysadmin"]
    response = admin_client.post(
        f"/anvandare/{own.pk}/roller/tilldela/", {"grant-role": Role.AUDITOR.value}
    )
    assert response.status_code == 409
    assert "ditt eget konto" in response.content.decode()
    assert roles_of(own) == {Role.SYSADMIN}


def test_recipient_role_with_organisation_in_one_step(admin_client: Client) -> None:
    fresh = User.objects.create_user("kommunen")
    org = Organisation.objects.get(name="Region Stockholm")
    response = admin_client.post(
        f"/anvandare/{fresh.pk}/roller/tilldela/",
        {"grant-role": Role.RECIPIENT_USER.value, "grant-organisation": str(org.pk)},
    )
    assert response.status_code == 302
    assert roles_of(fresh) == {Role.RECIPIENT_USER}
    assert fresh.memberships.get().organisation == org


def enrol_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return current_code(device)


def test_reset_second_factor_then_enrol_at_sign_in(
    admin_client: Client, demo_users: dict[str, User]
) -> None:
    officer = demo_users["handlaggare"]
    old_key = TOTPDevice.objects.get(user=officer).key
    response = admin_client.post(f"/anvandare/{officer.pk}/tvastegsverifiering/")
    assert response.status_code == 302

    client = Client()
    response = client.post(LOGIN, {"username": "handlaggare", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == ENROL
    assert signed_in_as(client) is None

    page = client.get(ENROL).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page and "Nyckel att skriva in" in page
    assert "<script" not in page.split("</head>")[1]

    wrong = client.post(ENROL, {"code": "000000" if enrol_code(officer) != "000000" else "1"})
    assert wrong.status_code == 200 and "Koden stämmer inte" in wrong.content.decode()
    time.sleep(1.1)  # django-otp throttles a device for a second after a wrong code

    response = client.post(ENROL, {"code": enrol_code(officer)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_as(client) == "handlaggare"
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.key != old_key
    kinds = list(AuditEvent.objects.for_object(officer).values_list("event_type", "actor_label"))
    assert kinds == [
        ("user.role_granted", "demo"),
        ("user.second_factor_reset", "sysadmin"),
        ("user.second_factor_enrolled", "handlaggare"),
    ]

    # The next sign-in asks for a code from the enrolled device, as usual.
    later = Client()
    response = later.post(LOGIN, {"username": "handlaggare", "password": DEMO_PASSWORD})
    assert response["Location"] == "/konto/logga-in/kod/"


def test_a_new_user_chooses_a_password_then_enrols(
    admin_client: Client, demo_users: dict[str, User]
) -> None:
    page = admin_client.post("/anvandare/ny/", {"username": "ny.attestant"}).content.decode()
    link = re.search(r'value="http://testserver(/konto/losenord/[^"]+/)"', page)[1]  # type: ignore[index]
    user = User.objects.get(username="ny.attestant")
    admin_client.post(f"/anvandare/{user.pk}/roller/tilldela/", {"grant-role": "attester"})

    client = Client()
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and not User.objects.get(pk=user.pk).has_usable_password()
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/konto/losenord/klart/"
    assert client.get(link).status_code in (200, 302)  # used: it no longer works
    assert "fungerar inte längre" in Client().get(link, follow=True).content.decode()

    response = client.post(LOGIN, {"username": "ny.attestant", "password": NEW_PASSWORD})
    assert response["Location"] == ENROL
    response = client.post(ENROL, {"code": enrol_code(user)})
    assert response.status_code == 302
    assert signed_in_as(client) == "ny.attestant"
    assert list(AuditEvent.objects.for_object(user).values_list("event_type", flat=True)) == [
        "user.created",
        "user.role_granted",
        "user.password_set",
        "user.second_factor_enrolled",
    ]


def test_enrolment_needs_an_issued_device(demo_users: dict[str, User]) -> None:
    """A staff user with no device at all is not offered enrolment (nobody can enrol a device
    for someone else's account with the password alone)."""
    officer = demo_users["handlaggare"]
    TOTPDevice.objects.filter(user=officer).update(confirmed=False, name="self-made")
    client = Client()
    response = client.post(LOGIN, {"username": "handlaggare", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert "saknar tvåstegsverifiering" in response.content.decode()
    assert client.get(ENROL)["Location"] == LOGIN


def test_deactivated_user_cannot_sign_in(admin_client: Client, demo_users: dict[str, User]) -> None:
    target = demo_users["revisor"]
    response = admin_client.post(f"/anvandare/{target.pk}/inaktivera/")
    assert response.status_code == 400  # not confirmed
    response = admin_client.post(
        f"/anvandare/{target.pk}/inaktivera/", {"deactivate-confirm": "on"}
    )
    assert response.status_code == 302
    client = Client()
    response = client.post(LOGIN, {"username": "revisor", "password": DEMO_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
