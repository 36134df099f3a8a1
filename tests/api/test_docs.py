"""The API's description (``/api/v1/openapi.json``, Swagger UI at ``/api/v1/docs``): behind
sign-in under the production settings, open in development (``API_DOCS_PUBLIC``)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, create_token, grant_role
from bidrag.accounts.testing import bearer, sign_in

ROOT = Path(__file__).resolve().parents[2]
SCHEMA, DOCS = "/api/v1/openapi.json", "/api/v1/docs"

PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
answers = {"API_DOCS_PUBLIC": getattr(settings, "API_DOCS_PUBLIC", False)}
for url in ("/api/v1/openapi.json", "/api/v1/docs"):
    r = client.get(url, secure=True, headers={"host": "bidrag.example"})
    answers[url] = [r.status_code, r.get("Content-Type", ""), r.get("Location", ""),
                    r.content.decode()[:300]]
print(json.dumps(answers))
"""


def test_production_settings_hide_the_description_from_anonymous_callers() -> None:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bidrag.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="bidrag.example",
        # Never connected: an anonymous request without a session cookie reads no database.
        DATABASE_URL="postgres://bidrag@127.0.0.1:1/bidrag",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["API_DOCS_PUBLIC"] is False
    status, content_type, _location, body = answers[SCHEMA]
    assert status == 401 and content_type.startswith("application/json")
    assert json.loads(body)["code"] == "not_authenticated" and "paths" not in body
    status, _content_type, location, body = answers[DOCS]
    assert status == 302 and location.startswith("/konto/logga-in/?next=/api/v1/docs")
    assert "swagger" not in body.lower()


@pytest.fixture
def users(db: None) -> dict[str, User]:
    made = {}
    for name, role in (("granskare", Role.AUDITOR), ("admin", Role.SYSADMIN), ("utan", None)):
        made[name] = User.objects.create_user(name)
        if role is not None:
            grant_role(SYSTEM, made[name], role)
    return made


@override_settings(API_DOCS_PUBLIC=False)
def test_users_with_a_role_read_the_description(users: dict[str, User]) -> None:
    for name in ("granskare", "admin"):
        browser = Client()
        sign_in(browser, users[name])
        assert "/api/v1/decisions" in browser.get(SCHEMA).json()["paths"]
        assert browser.get(DOCS).status_code == 200
    script = Client()
    token = create_token(SYSTEM, users["granskare"])[1]
    assert "/api/v1/decisions" in script.get(SCHEMA, headers=bearer(token)).json()["paths"]
    assert script.get(SCHEMA, headers=bearer("bidrag_wrong")).status_code == 401

    roleless = Client()
    sign_in(roleless, users["utan"])
    for url in (SCHEMA, DOCS):
        response = roleless.get(url)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    anonymous = Client()
    assert anonymous.get(SCHEMA).status_code == 401
    assert anonymous.get(DOCS)["Location"].startswith("/konto/logga-in/")


@override_settings(API_DOCS_PUBLIC=True)
def test_development_may_publish_the_description(db: None) -> None:
    client = Client()
    assert "/api/v1/recipients/{pk}" in client.get(SCHEMA).json()["paths"]
    assert "swagger-ui" in client.get(DOCS).content.decode()
