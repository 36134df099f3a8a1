"""Contention: two people changing the same thing at the same moment get a clear refusal.

The services lock what they change (``select_for_update`` on PostgreSQL; on SQLite every write
transaction starts ``IMMEDIATE`` and waits up to ``DATABASE_LOCK_TIMEOUT`` seconds, see the
settings), so the second of two simultaneous approvals normally waits and is then refused by
the service ("already decided"). What is left, when a wait runs out or the database gives up,
is a lock error; this module turns it into a refusal instead of a server error:

- a page: status 409 with the message and a link back to where the user came from;
- under ``/api/``: status 409 with ``{"detail": message, "code": "contention", "field": null}``
  (the API's error shape).

:class:`ContentionMiddleware` does it for exceptions from views (django-ninja re-raises
unhandled exceptions to Django); the project's ``handler400`` (:func:`bad_request`: the session
middleware turns a failed save into a 400) and ``handler500`` (:func:`server_error`) for those
raised after the view. An API exception handler that catches every exception must ask
:func:`contention_response` first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults

from bidrag import contention

CODE = contention.CODE
is_contention = contention.is_contention


def message() -> str:
    return _(
        "Någon annan arbetade med samma uppgifter i samma ögonblick, så din åtgärd gjordes inte. "
        "Ladda om sidan, se vad som gäller nu och försök igen om det behövs."
    )


def _back(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.path if request.method in ("GET", "HEAD") else "/"


def contention_response(request: HttpRequest, exc: BaseException | None) -> HttpResponse | None:
    """The refusal for ``exc`` when it is contention, else ``None``."""
    if not is_contention(exc):
        return None
    if request.path.startswith("/api/"):
        body = {"detail": message(), "code": CODE, "field": None}  # the API's error shape
        return JsonResponse(body, status=409, json_dumps_params={"ensure_ascii": False})
    context = {"message": message(), "back": _back(request)}
    return render(request, "web/contention.html", context, status=409)


class ContentionMiddleware:
    """Turns a lock error raised by a view into :func:`contention_response`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return contention_response(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a lock error raised outside a view is still a refusal, not a 500."""
    response = contention_response(request, sys.exc_info()[1])
    return response if response is not None else defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: the session middleware answers 400 when the session cannot be saved;
    when a lock is why, it is the same refusal as anywhere else."""
    response = contention_response(request, exception)
    return response if response is not None else defaults.bad_request(request, exception)
