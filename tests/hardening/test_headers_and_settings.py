"""Cache-Control: no-store on what bidrag answers; the production settings refuse SQLite.
(SQLite's write lock and the refusal under contention: test_contention.py.)"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from bidrag.recipients.models import Organisation


def no_store(response: object) -> bool:
    return "no-store" in response["Cache-Control"]  # type: ignore[index]


def test_pages_exports_and_api_answers_are_not_stored(
    people: dict[str, User], signed_in: Callable[[str], Client]
) -> None:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    recipient = signed_in("mottagare")
    page = reverse("pages:recipient", args=[stockholm.pk])
    for response in (
        recipient.get(page),
        recipient.get(page, {"format": "xlsx"}),
        recipient.get(page, {"format": "csv"}),
        recipient.get(reverse("web:home")),
        recipient.get(reverse("api-v1:openapi-json")),
        recipient.get("/api/no-such-path"),
        signed_in("handlaggare").get(reverse("approvals:list")),
        signed_in("revisor").get(reverse("approvals:audit_log"), {"format": "csv"}),
        Client().get(reverse("accounts:login")),  # the sign-in steps show a TOTP secret
        Client().get("/no-such-page/"),
    ):
        assert response.status_code < 500
        assert no_store(response), (response.wsgi_request.path, response.get("Cache-Control"))


@pytest.mark.django_db
def test_static_files_keep_their_own_caching() -> None:
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        response = Client().get("/static/web/bidrag.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def production(database_url: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bidrag.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="bidrag.example",
        DATABASE_URL=database_url,
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "bidrag", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_sqlite_and_need_no_live_database() -> None:
    refused = production("sqlite:////tmp/bidrag-production.sqlite3")
    assert refused.returncode != 0
    assert "ImproperlyConfigured: production runs on PostgreSQL" in refused.stderr
    # Port 9: nothing listens there; the deploy check must not need a database.
    accepted = production("postgres://bidrag@127.0.0.1:9/bidrag")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
