"""Two-factor sign-in: who needs a second factor and how a TOTP code is checked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp import match_token, user_has_device
from django_otp.models import Device

from bidrag.accounts.roles import SECOND_FACTOR_ROLES
from bidrag.accounts.scoping import roles_of

# Set to True by an external sign-in that is itself multi-factor (e.g. a SAML assertion from a
# Swedish e-identification at assurance level 3): the session then counts as verified.
STRONG_AUTH_SESSION_KEY = "bidrag_strong_authentication"


def is_verified(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.is_verified() or request.session.get(STRONG_AUTH_SESSION_KEY))


def needs_second_factor(user: Any) -> bool:
    """Staff roles and superusers must sign in with TOTP; recipients when they have a device."""
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    if roles_of(user) & SECOND_FACTOR_ROLES:
        return True
    return user_has_device(user, confirmed=True)


def check_code(request: HttpRequest, user: Any, code: str) -> Device | None:
    """The device that accepts ``code``, or ``None``; a wrong code counts as a failed sign-in
    towards the lockout (django-axes listens to ``user_login_failed``)."""
    device = match_token(user, code.strip().replace(" ", "")) if code.strip() else None
    if device is None:
        user_login_failed.send(
            sender=__name__,
            credentials={"username": user.get_username()},
            request=request,
        )
    return device
