"""API tokens: created by the command, stored hashed, acting with the user's roles and scoping
as they are now, revocable, expiring, audited."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from bidrag.accounts.models import ApiToken
from bidrag.accounts.roles import Role
from bidrag.accounts.services import (
    SYSTEM,
    NotAllowedError,
    TokenError,
    create_token,
    deactivate_user,
    grant_role,
    revoke_role,
    revoke_token,
)
from bidrag.accounts.testing import bearer, sign_in
from bidrag.accounts.tokens import token_digest
from bidrag.audit.models import AuditEvent
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.usefixtures("loaded")


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def names(response: object) -> list[str]:
    return sorted(r["name"] for r in response.json())  # type: ignore[attr-defined]


def test_the_command_prints_a_token_that_the_api_accepts(demo_tokens: dict[str, str]) -> None:
    output = run("create", "mottagare", "--name", "månadsrapport", "--days", "30")
    token = output.strip().splitlines()[-1]
    assert token.startswith("bidrag_") and len(token) > 40

    response = Client().get("/api/v1/recipients", headers=bearer(token))
    assert response.status_code == 200
    assert names(response) == ["Region Stockholm"]  # the user's scope, as in the browser

    row = ApiToken.objects.get(digest=token_digest(token))
    assert row.user.username == "mottagare" and row.name == "månadsrapport"
    assert row.created_by == "cli" and row.last_used_at is not None
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)


def test_only_the_hash_is_stored_and_audited(db: None) -> None:
    user = User.objects.create_user("skript")
    row, token = create_token(SYSTEM, user, name="export")
    stored = [
        json.dumps(list(ApiToken.objects.values().get(pk=row.pk).values()), default=str),
        json.dumps(
            list(AuditEvent.objects.for_object(user).values("old_value", "new_value", "note"))
        ),
    ]
    assert row.digest == token_digest(token) and row.prefix == token[: len(row.prefix)]
    assert all(token not in text and token[len(row.prefix) :] not in text for text in stored)
    listed = run("list", "skript")
    assert f"{row.prefix}…" in listed and token not in listed


def test_creation_and_revocation_are_audited_on_the_user(db: None) -> None:
    user = User.objects.create_user("skript")
    row = ApiToken.objects.get(pk=run("create", "skript").splitlines()[0].split()[1])
    assert "revoked" in run("revoke", str(row.pk))
    run("revoke", str(row.pk))  # a second time changes nothing
    events = list(AuditEvent.objects.for_object(user).order_by("id"))
    assert [(e.event_type, e.actor_label) for e in events] == [
        ("user.token_created", "cli"),
        ("user.token_revoked", "cli"),
    ]
    assert events[0].new_value["token"] == row.pk and events[1].new_value["revoked_at"]


def test_a_revoked_or_expired_token_gives_nothing(demo_tokens: dict[str, str]) -> None:
    client = Client()
    revoked, expired = demo_tokens["revisor"], demo_tokens["handlaggare"]
    for token in (revoked, expired):
        assert client.get("/api/v1/decisions", headers=bearer(token)).status_code == 200
    revoke_token(SYSTEM, ApiToken.objects.get(digest=token_digest(revoked)).pk)
    # Time passes: the token's lifetime ran out a second ago.
    ApiToken.objects.filter(digest=token_digest(expired)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    for token in (revoked, expired):
        response = client.get("/api/v1/decisions", headers=bearer(token))
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    statuses = {line.split("\t")[2] for line in run("list").splitlines()[1:]}
    assert {"revoked", "expired", "active"} <= statuses


def test_a_token_carries_the_users_roles_as_they_are_now(demo_tokens: dict[str, str]) -> None:
    client = Client()
    attester, officer = (
        User.objects.get(username="attestant"),
        User.objects.get(username="handlaggare"),
    )
    items = "/api/v1/appropriation-items"
    assert client.get(items, headers=bearer(demo_tokens["attestant"])).status_code == 200

    revoke_role(SYSTEM, attester, Role.ATTESTER)
    response = client.get(items, headers=bearer(demo_tokens["attestant"]))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"

    deactivate_user(SYSTEM, officer)
    assert client.get(items, headers=bearer(demo_tokens["handlaggare"])).status_code == 401


def test_a_recipient_token_sees_only_its_organisation(demo_tokens: dict[str, str]) -> None:
    client = Client()
    token = demo_tokens["foretradare"]
    other = Organisation.objects.get(name="Region Uppsala")
    assert client.get(f"/api/v1/recipients/{other.pk}", headers=bearer(token)).status_code == 404
    rows = client.get("/api/v1/decisions/2021-psv-payment-decision", headers=bearer(token)).json()[
        "annexes"
    ]
    assert {r["recipient"]["name"] for a in rows for r in a["rows"]} == {"Region Stockholm"}
    assert client.get("/api/v1/appropriation-items", headers=bearer(token)).status_code == 403


def test_a_wrong_token_is_refused_even_in_a_signed_in_browser(db: None) -> None:
    user = User.objects.create_user("granskare")
    grant_role(SYSTEM, user, Role.AUDITOR)
    client = Client()
    sign_in(client, user)
    assert client.get("/api/v1/decisions").status_code == 200
    for header in ("Bearer bidrag_not-a-token", "Bearer ", "Basic Zm9vOmJhcg==", "bidrag_x"):
        response = client.get("/api/v1/decisions", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_tokens_are_created_by_their_user_or_trusted_code_only(db: None) -> None:
    admin, user = User.objects.create_user("admin"), User.objects.create_user("skript")
    grant_role(SYSTEM, admin, Role.SYSADMIN)
    with pytest.raises(NotAllowedError):
        create_token(admin, user)  # nobody mints a token to act as someone else
    own, _token = create_token(user, user, name="mitt skript")
    assert own.created_by == "skript"
    assert revoke_token(admin, own.pk).revoked_at is not None  # an administrator may revoke
    other = User.objects.create_user("annan")
    with pytest.raises(NotAllowedError):
        revoke_token(other, create_token(SYSTEM, user)[0].pk)


def test_refusals_name_the_field_and_write_nothing(db: None) -> None:
    user = User.objects.create_user("skript")
    cases = [
        ({"lifetime": timedelta(0)}, "lifetime"),
        ({"lifetime": timedelta(days=-1)}, "lifetime"),
        ({"lifetime": timedelta(days=4000)}, "lifetime"),
        ({"name": "x" * 101}, "name"),
    ]
    for kwargs, field in cases:
        with pytest.raises(TokenError) as error:
            create_token(SYSTEM, user, **kwargs)  # type: ignore[arg-type]
        assert error.value.field == field
    deactivate_user(SYSTEM, user)
    with pytest.raises(TokenError) as error:
        create_token(SYSTEM, user)
    assert error.value.field == "user"
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(event_type="user.token_created").exists()


def test_the_command_refuses_unknown_users_and_tokens(db: None) -> None:
    with pytest.raises(CommandError, match="username: no user 'nobody'"):
        run("create", "nobody")
    with pytest.raises(CommandError, match="username"):
        run("list", "nobody")
    with pytest.raises(CommandError, match="token: no token 999"):
        run("revoke", "999")
    with pytest.raises(CommandError, match="lifetime"):
        User.objects.create_user("skript")
        run("create", "skript", "--days", "0")
    assert not ApiToken.objects.exists()


def test_a_session_without_its_second_factor_is_signed_out_and_answered_as_json(
    db: None,
) -> None:
    user = User.objects.create_user("granskare")
    grant_role(SYSTEM, user, Role.AUDITOR)
    half = Client()
    half.force_login(user)  # password only: a staff role needs its TOTP code too
    response = half.get("/api/v1/decisions")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert "_auth_user_id" not in half.session
    token = create_token(SYSTEM, user)[1]
    half.force_login(user)
    assert half.get("/api/v1/decisions", headers=bearer(token)).status_code == 200
