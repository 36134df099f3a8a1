"""Who calls the API: a script with a token, or the browser with its session.

- :class:`TokenAuth`: ``Authorization: Bearer TOKEN`` (``bidrag token create USERNAME``); the
  request then acts as the token's user (``request.user``), with the user's roles and scoping as
  they are now (``bidrag.accounts.tokens.user_for_token``). No CSRF: a header is never sent by a
  browser on its own.
- :class:`SessionAuth`: the signed-in browser; unsafe methods need the CSRF token
  (``X-CSRFToken``), as for the pages. A request that carries an ``Authorization`` header is
  judged by it alone, so a wrong token is a 401 even in a signed-in browser.

:func:`docs_access` guards the OpenAPI document and Swagger UI: open when the setting
``API_DOCS_PUBLIC`` is true (development), otherwise only for a signed-in user (token or
session) who holds a role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from bidrag.accounts.scoping import roles_of
from bidrag.accounts.tokens import user_for_token
from bidrag.api.errors import Refusal, error_response, not_authenticated

AUTHORIZATION = "Authorization"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Django's session (as ``ninja.security.SessionAuth``), CSRF checked on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if AUTHORIZATION in request.headers:
            return None
        key = request.COOKIES.get(self.param_name)
        if key and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise Refusal(
                403,
                _(
                    "CSRF-kontrollen misslyckades: skicka huvudet X-CSRFToken med värdet från "
                    "kakan csrftoken, eller använd en API-nyckel."
                ),
                code="csrf_failed",
            )
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        return user if key and user.is_authenticated else None


AUTH = [TokenAuth(), SessionAuth()]


def caller(request: HttpRequest) -> Any | None:
    """The signed-in user of a request outside an operation (token first, then session)."""
    header = request.headers.get(AUTHORIZATION, "")
    if header:
        scheme, _sep, token = header.partition(" ")
        return user_for_token(token) if scheme.lower() == "bearer" else None
    user = request.user
    return user if user.is_authenticated else None


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The API's description for users who hold a role, unless ``API_DOCS_PUBLIC``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(settings, "API_DOCS_PUBLIC", False):
            return view(request, *args, **kwargs)
        user = caller(request)
        if user is None:
            if request.path.endswith(".json") or AUTHORIZATION in request.headers:
                return not_authenticated()
            return redirect_to_login(request.get_full_path())
        if not (roles_of(user) or user.is_superuser):
            return error_response(403, _("API-dokumentationen visas för användare med en roll."))
        return view(request, *args, **kwargs)

    return wrapped
