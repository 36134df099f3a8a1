"""Sign-in in two steps (password, then the TOTP code) and sign-out. Server-rendered.

A user whose only device is one an administrator issued (new user, or a reset second factor)
goes from the password step to enrolment instead: the QR code of that device, then a code from
the app confirms it and signs in. Choosing a password through the one-time link that the
administrator hands over is Django's ``PasswordResetConfirmView`` with our templates, audited.
"""

from __future__ import annotations

import base64
import time
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LogoutView, PasswordResetConfirmView
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.forms import CodeForm, PasswordForm
from bidrag.accounts.second_factor import (
    check_code,
    issued_enrolment_device,
    needs_second_factor,
)
from bidrag.accounts.services import confirm_enrolment, snapshot
from bidrag.audit.services import record

PENDING_KEY = "bidrag_pending_sign_in"
PENDING_SECONDS = 300
# Enrolment takes longer: the user may have to install an authenticator app first.
ENROL_PENDING_SECONDS = 900


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/"


@sensitive_post_parameters("password")
@never_cache
def password_step(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = PasswordForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        enrol = issued_enrolment_device(user) is not None
        if not enrol and not needs_second_factor(user):
            login(request, user)
            return redirect(_next_url(request))
        if not enrol and not user_has_device(user, confirmed=True):
            form.add_error(
                None,
                _("Ditt konto saknar tvåstegsverifiering. Kontakta systemadministratören."),
            )
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": _next_url(request),
                "enrol": enrol,
            }
            return redirect("accounts:enrol" if enrol else "accounts:code")
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


@sensitive_post_parameters("code")
@never_cache
def code_step(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Logga in med användarnamn och lösenord först."))
        return redirect("accounts:login")
    if pending.get("enrol"):
        return redirect("accounts:enrol")
    user = get_user_model().objects.get(pk=pending["user"])
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.session.pop(PENDING_KEY, None)
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = check_code(request, user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_KEY]
            user.backend = pending["backend"]
            login(request, user)
            otp_login(request, device)
            return redirect(pending["next"])
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    return render(request, "accounts/code.html", {"form": form})


def _qr_data_uri(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` URL as a QR code: an SVG image in a ``data:`` URL (the CSP
    allows ``img-src data:``; no inline script or style is needed)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _grouped_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("code")
@never_cache
def enrol_step(request: HttpRequest) -> HttpResponse:
    """Enrol the administrator-issued device: after the password step, or signed in (a
    recipient user, who signs in without a second factor until they have one)."""
    pending = request.session.get(PENDING_KEY)
    if pending and pending.get("enrol") and time.time() - pending["at"] <= ENROL_PENDING_SECONDS:
        user: Any = get_user_model().objects.get(pk=pending["user"])
    elif request.user.is_authenticated:
        pending, user = None, request.user
    else:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Logga in med användarnamn och lösenord först."))
        return redirect("accounts:login")
    device = issued_enrolment_device(user)
    if device is None:
        if pending is None:
            return redirect("web:home")
        request.session.pop(PENDING_KEY, None)
        messages.info(
            request,
            _("Aktiveringen har gått ut. Be systemadministratören om en ny och logga in igen."),
        )
        return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.session.pop(PENDING_KEY, None)
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    # The QR code and the key come first; focus stays at the top of the page.
    form.fields["code"].widget.attrs.pop("autofocus", None)
    if request.method == "POST" and form.is_valid():
        if confirm_enrolment(user, device, form.cleaned_data["code"]):
            device.refresh_from_db()
            if pending is not None:
                del request.session[PENDING_KEY]
                user.backend = pending["backend"]
                login(request, user)
            otp_login(request, device)
            messages.success(request, _("Tvåstegsverifieringen är aktiverad. Du är inloggad."))
            return redirect(pending["next"] if pending else "web:home")
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    context = {"form": form, "qr": _qr_data_uri(device), "secret": _grouped_secret(device)}
    return render(request, "accounts/enrol.html", context)


class AuditedSetPasswordForm(SetPasswordForm):
    """Django's form (the password validators apply); the change is audited, by the user."""

    def save(self, commit: bool = True) -> Any:
        with transaction.atomic():
            before = snapshot(self.user)
            user = super().save(commit=commit)
            record(user, "user.password_set", user, old=before, new=snapshot(user))
        return user


class SetPasswordView(PasswordResetConfirmView):
    """The one-time link from the administrator: choose a password (then sign in)."""

    form_class = AuditedSetPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:password_set")
    post_reset_login = False


set_password_view = SetPasswordView.as_view()


def password_set(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_set.html")


logout_view = LogoutView.as_view(next_page="web:home")
