"""Test helpers: sign a user in as the two-step sign-in would (no mocks, real session)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def bearer(token: str) -> dict[str, str]:
    """Headers that send an API token: ``client.get(url, headers=bearer(token))``."""
    return {"Authorization": f"Bearer {token}"}


def sign_in(client: Client, user: Any) -> None:
    """Log ``user`` in on ``client`` with a verified second factor (creating a TOTP device when
    the user has none). Use this instead of ``client.force_login`` for staff roles, whose
    sessions are otherwise signed out by ``SecondFactorMiddleware``."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


LOADER = "inlasare"


def loader(username: str = LOADER) -> Any:
    """A user who may load decision files (a ministry official), created if missing: every
    load names the person who loads (``bidrag load --user``)."""
    from django.contrib.auth import get_user_model

    from bidrag.accounts.roles import Role
    from bidrag.accounts.scoping import has_role
    from bidrag.accounts.services import grant_role, setup_roles

    setup_roles()
    user, _created = get_user_model().objects.get_or_create(username=username)
    if not has_role(user, Role.MINISTRY_OFFICIAL):
        grant_role("test", user, Role.MINISTRY_OFFICIAL)
        user = get_user_model().objects.get(pk=user.pk)  # fresh permission cache
    return user
