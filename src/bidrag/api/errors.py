"""Every API error is JSON of one shape, :class:`ErrorOut`::

    {"detail": "Belopp: får inte vara negativt.", "code": "negative", "field": "amount"}

``detail`` is for a person (Swedish; English with the cookie ``django_language=en``, as the
language switch sets it), ``code`` a stable
word for a program (``not_authenticated``, ``permission_denied``, ``not_found``,
``method_not_allowed``, ``csrf_failed``, ``contention``, ``conflict``, ``server_error``, a pydantic
rule such as ``int_parsing`` or ``missing`` for a 422, or a domain error's own code), ``field``
names the refused input (``null`` when none). A 422 also lists every refused input in
``errors`` (each of the same shape); the top level repeats the first.

Where the shape is made:

- :func:`install` registers the handlers on the NinjaAPI: ``HttpError`` (and
  :class:`Refusal`, which carries a code and a field), ``Http404``/``ObjectDoesNotExist``,
  ``PermissionDenied``, ninja's validation errors, ``DomainError`` (422, or the error's
  ``http_status``), database contention (SQLite's "database is locked", PostgreSQL's lock
  timeout, deadlock or serialization failure, also as the cause of another error: 409
  ``contention``, the code the pages' contention handling uses), ``IntegrityError`` (409
  ``conflict``), an oversized body (413) and anything else (500, logged, no trace in the body).
  Add a mapping with ``api.add_exception_handler(MyError, handler)`` and answer with
  :func:`error_response`.
- :func:`json_errors` wraps every URL of the API outside ninja's operations: a method that the
  path does not take (405, with ``Allow``) and a 404 from the documentation's root.
- :func:`not_found` answers a path under ``/api/`` that matches nothing.
- :func:`server_error` (``handler500`` in ``bidrag.urls``) answers a crash outside ninja (in a
  middleware, say) as JSON under ``/api/`` and as the usual page elsewhere.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bidrag.contention import is_contention
from bidrag.core.errors import DomainError

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


# A database error meaning "another transaction holds what we need": SQLite's messages and
# PostgreSQL's SQLSTATEs (serialization failure, deadlock, lock not available / lock_timeout).
class FieldErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None


class ErrorOut(FieldErrorOut):
    """The body of every API error. ``errors`` only on a 422: every refused input."""

    errors: list[FieldErrorOut] | None = None


class Refusal(HttpError):
    """Raise in an endpoint to refuse with a code and the field: ``Refusal(409, _("…"),
    code="not_pending", field="status")``."""

    def __init__(self, status: int, detail: str, *, code: str = "", field: str | None = None):
        super().__init__(status, detail)
        self.code = code or CODES.get(status, "error")
        self.field = field


def error_response(
    status: int,
    detail: str,
    code: str = "",
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JsonResponse:
    body: dict[str, Any] = {
        "detail": str(detail),
        "code": code or CODES.get(status, "error"),
        "field": field,
    }
    if errors is not None:
        body["errors"] = errors
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="bidrag"'
    return response


def not_authenticated() -> JsonResponse:
    return error_response(
        401,
        _(
            "Inloggning krävs: skicka en giltig API-nyckel (Authorization: Bearer …) "
            "eller logga in."
        ),
    )


def missing() -> JsonResponse:
    return error_response(404, _("Finns inte, eller så får du inte se det."))


def contention() -> JsonResponse:
    return error_response(
        409,
        _("Databasen är upptagen av en annan ändring. Försök igen om en stund."),
        "contention",
    )


def _field(loc: Iterable[Any]) -> str | None:
    """``["query", "budget_year"]`` → ``"budget_year"``; ``["body", "payload", "amount"]`` →
    ``"amount"`` (ninja wraps a body in the parameter's name)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "cookie", "body", "form", "file"):
        source, parts = parts[0], parts[1:]
        if source == "body" and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or None


def validation_error(errors: list[dict[str, Any]]) -> JsonResponse:
    listed: list[dict[str, Any]] = [
        {
            "detail": str(e.get("msg", "")),
            "code": str(e.get("type", "invalid")),
            "field": _field(e.get("loc", ())),
        }
        for e in errors
    ] or [{"detail": _("Ogiltiga uppgifter."), "code": "invalid", "field": None}]
    first = listed[0]
    return error_response(422, first["detail"], first["code"], first["field"], errors=listed)


def _domain_detail(exc: DomainError) -> str:
    message = getattr(exc, "message", None)
    return str(message) if message else str(exc.reason)


def _server_error(request: HttpRequest, exc: BaseException) -> JsonResponse:
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": request},
    )
    response = error_response(500, _("Ett internt fel inträffade. Felet är loggat."))
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django logs it once
    return response


def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The JSON answer for any exception raised in an operation (see the module docstring)."""
    if isinstance(exc, Refusal):
        return error_response(exc.status_code, exc.message, exc.code, exc.field)
    if isinstance(exc, AuthenticationError):
        return not_authenticated()
    if isinstance(exc, HttpError):
        return error_response(exc.status_code, exc.message)
    if isinstance(exc, ValidationError):
        return validation_error(exc.errors)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return missing()
    if isinstance(exc, PermissionDenied):
        return error_response(403, _("Din roll får inte göra detta."))
    if isinstance(exc, DomainError):
        status = int(getattr(exc, "http_status", 422))
        code = str(getattr(exc, "code", "") or "invalid")
        return error_response(status, _domain_detail(exc), code, exc.field or None)
    if is_contention(exc):
        return contention()
    if isinstance(exc, IntegrityError):
        return error_response(
            409,
            _("Ändringen krockar med en annan ändring. Hämta uppgifterna igen och försök på nytt."),
            "conflict",
        )
    if isinstance(exc, RequestDataTooBig):
        return error_response(413, _("Anropet är för stort."))
    if isinstance(exc, SuspiciousOperation):
        return error_response(400, _("Anropet kan inte tas emot."))
    return _server_error(request, exc)


def install(api: NinjaAPI) -> None:
    """Route every exception of ``api``'s operations through :func:`handle`. Ninja picks the
    handler of the nearest class in the exception's MRO, so registering ``Exception`` and the
    classes ninja itself registers sends everything here."""

    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        return handle(request, exc)

    for exc_class in (Exception, HttpError, ValidationError, Http404):
        api.add_exception_handler(exc_class, handler)


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a URL's view of the API: a 405 or a 404 raised outside an operation becomes JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return missing()
        if response.status_code == 405 and not _is_json(response):
            answer = error_response(
                405,
                _("Metoden %(method)s går inte att använda här.") % {"method": request.method},
            )
            answer["Allow"] = response.get("Allow", "")
            return answer
        return response

    return wrapped


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any path under ``/api/`` that matches no endpoint."""
    return error_response(404, _("Ingen sådan adress i API:t."))


def server_error(request: HttpRequest) -> HttpResponse:
    """The API's part of ``handler500`` (see ``bidrag.urls``): JSON, 409 for contention."""
    if is_contention(sys.exc_info()[1]):
        return contention()
    return error_response(500, _("Ett internt fel inträffade. Felet är loggat."))
