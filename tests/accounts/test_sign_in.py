"""The two-step sign-in, the second-factor rule and the lockout, through real requests."""

import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.demo import DEMO_PASSWORD, current_code
from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, add_membership, grant_role

LOGIN = "/konto/logga-in/"
CODE = "/konto/logga-in/kod/"


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def password_step(client: Client, username: str, password: str = DEMO_PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def code_for(username: str, at_offset: float = 0) -> str:
    device = TOTPDevice.objects.get(user__username=username)
    return current_code(device, time.time() + at_offset)


@pytest.mark.parametrize("username", ["handlaggare", "attestant", "betalning", "sysadmin"])
def test_password_alone_does_not_sign_in_staff(client: Client, demo_users, username) -> None:
    response = password_step(client, username)
    assert response.status_code == 302 and response["Location"] == CODE
    assert not signed_in(client)
    assert "Logga in" in client.get("/").content.decode()


@pytest.mark.parametrize("username", ["handlaggare", "mottagare", "revisor"])
def test_password_and_code_sign_in(client: Client, demo_users, username) -> None:
    password_step(client, username)
    response = client.post(CODE, {"code": code_for(username)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in(client)
    assert client.session["_auth_user_id"] == str(demo_users[username].pk)


def test_wrong_code_is_refused(client: Client, demo_users) -> None:
    password_step(client, "attestant")
    wrong = f"{(int(code_for('attestant')) + 1) % 1_000_000:06d}"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert not signed_in(client)


def test_code_step_without_password_step_goes_back_to_login(client: Client, demo_users) -> None:
    response = client.post(CODE, {"code": code_for("attestant")})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not signed_in(client)


def test_session_without_second_factor_is_signed_out(client: Client, demo_users) -> None:
    client.force_login(demo_users["betalning"])
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not signed_in(client)


def test_staff_without_a_device_cannot_sign_in(client: Client, db) -> None:
    user = User.objects.create_user("ny-handlaggare", password="ett-långt-lösenord-42")
    grant_role(SYSTEM, user, Role.CASE_OFFICER)
    response = password_step(client, "ny-handlaggare", "ett-långt-lösenord-42")
    assert response.status_code == 200
    assert "saknar tvåstegsverifiering" in response.content.decode()
    assert not signed_in(client)


def test_recipient_without_a_device_signs_in_with_password(client: Client, stockholm) -> None:
    user = User.objects.create_user("kommun", password="ett-långt-lösenord-42")
    add_membership(SYSTEM, user, stockholm.pk)
    grant_role(SYSTEM, user, Role.RECIPIENT_USER)
    response = password_step(client, "kommun", "ett-långt-lösenord-42")
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_after_five_failed_passwords(client: Client, demo_users) -> None:
    for _ in range(4):
        assert password_step(client, "mottagare", "fel-lösenord-123").status_code == 200
    fifth = password_step(client, "mottagare", "fel-lösenord-123")
    assert fifth.status_code == 429
    # Locked out: even the right password is refused now.
    right = password_step(client, "mottagare")
    assert right.status_code == 429
    assert "tillfälligt spärrat" in right.content.decode()
    assert not signed_in(client)


def test_wrong_codes_count_towards_the_lockout(client: Client, demo_users) -> None:
    password_step(client, "handlaggare")
    wrong = f"{(int(code_for('handlaggare')) + 5) % 1_000_000:06d}"
    statuses = [client.post(CODE, {"code": wrong}).status_code for _ in range(5)]
    assert statuses[-1] == 429
    response = client.post(CODE, {"code": code_for("handlaggare")})
    assert response.status_code in (302, 429)
    assert not signed_in(client)


def test_admin_login_goes_through_the_two_step_sign_in(client: Client, db) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_next_is_followed_only_within_the_site(client: Client, demo_users) -> None:
    client.post(
        LOGIN,
        {"username": "revisor", "password": DEMO_PASSWORD, "next": "https://evil.example/"},
    )
    response = client.post(CODE, {"code": code_for("revisor")})
    assert response["Location"] == "/"


def test_sign_out_needs_post(client: Client, demo_users) -> None:
    password_step(client, "revisor")
    client.post(CODE, {"code": code_for("revisor")})
    assert client.get("/konto/logga-ut/").status_code == 405
    client.post("/konto/logga-ut/")
    assert not signed_in(client)
