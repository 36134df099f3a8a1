"""Two-factor sign-in: who needs a second factor and how a TOTP code is checked.

Enrolment: an administrator issues an unconfirmed TOTP device (``accounts.services.create_user``
or ``reset_second_factor``). Right after the password step, a user whose only device is such an
issued one is shown its QR code and confirms it with a code (``accounts:enrol``). Nobody can
enrol a device without an administrator having issued it, and an issued device that is not
enrolled within ``ENROLMENT_WINDOW`` must be issued again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.roles import SECOND_FACTOR_ROLES
from bidrag.accounts.scoping import roles_of

# Set to True by an external sign-in that is itself multi-factor (e.g. a SAML assertion from a
# Swedish e-identification at assurance level 3): the session then counts as verified.
STRONG_AUTH_SESSION_KEY = "bidrag_strong_authentication"

# The name of the unconfirmed device an administrator issues; only such a device is enrolled.
ENROLMENT_DEVICE_NAME = "issued-by-administrator"
ENROLMENT_WINDOW = timedelta(days=7)


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


def issued_enrolment_device(user: Any) -> TOTPDevice | None:
    """The administrator-issued device the user should enrol now, or ``None``: only when the
    user has no confirmed device and the issued one is younger than ``ENROLMENT_WINDOW``."""
    if not getattr(user, "pk", None) or user_has_device(user, confirmed=True):
        return None
    return (
        TOTPDevice.objects.filter(
            user_id=user.pk,
            confirmed=False,
            name=ENROLMENT_DEVICE_NAME,
            created_at__gte=timezone.now() - ENROLMENT_WINDOW,
        )
        .order_by("-id")
        .first()
    )
