"""Session timeout, CSP, password rules and the production deploy check."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from bidrag.accounts.testing import sign_in

ROOT = Path(__file__).resolve().parents[2]


def test_sessions_end_after_thirty_idle_minutes() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle time, not time since sign-in


def test_an_expired_session_is_signed_out(client: Client, demo_users) -> None:
    sign_in(client, demo_users["handlaggare"])
    assert client.session.get_expiry_age() == 30 * 60
    assert "Väntar på godkännande" in client.get("/").content.decode()
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert "Väntar på godkännande" not in client.get("/").content.decode()


def test_every_request_extends_the_session(client: Client, demo_users) -> None:
    sign_in(client, demo_users["revisor"])
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)
    client.get("/")
    assert Session.objects.get().expire_date > soon + timedelta(minutes=20)


@pytest.mark.django_db
def test_content_security_policy_allows_no_inline_script(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_forms_carry_a_csrf_token(client: Client) -> None:
    assert 'name="csrfmiddlewaretoken"' in client.get("/konto/logga-in/").content.decode()


@pytest.mark.parametrize(
    "password", ["kort-lösen1", "password1234", "123456789012345", "handlaggare-x1"]
)
def test_weak_passwords_are_refused(password: str, demo_users) -> None:
    with pytest.raises(ValidationError):
        validate_password(password, demo_users["handlaggare"])


def test_deploy_check_passes_with_production_settings() -> None:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bidrag.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="bidrag.example",
        DATABASE_URL="postgres://bidrag@127.0.0.1:9/bidrag",  # no live database needed
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "-m", "bidrag", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
