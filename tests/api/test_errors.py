"""Every API error is JSON of one shape: ``{"detail", "code", "field"}`` (422: also ``errors``).

The real endpoints give 401, 403, 404, 405 and 422; the crashes and conflicts come from a small
NinjaAPI of this module with the same authentication and error handlers (``errors.install``),
whose operations raise what a service or the database raises.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg.errors
import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path
from django.views.decorators.csrf import ensure_csrf_cookie
from ninja import NinjaAPI

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, create_token, grant_role
from bidrag.accounts.testing import bearer, sign_in
from bidrag.api import errors
from bidrag.api.api import api
from bidrag.api.auth import AUTH
from bidrag.core.errors import MoneyError
from bidrag.urls import handler500

SHAPE = {"detail", "code", "field"}


def assert_error(response: Any, status: int, code: str, field: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert SHAPE <= set(body) <= SHAPE | {"errors"}
    assert body["code"] == code and body["field"] == field and body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


@pytest.fixture
def auditor(db: None) -> str:
    user = User.objects.create_user("granskare")
    grant_role(SYSTEM, user, Role.AUDITOR)
    return create_token(SYSTEM, user)[1]


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api/decisions",  # the unversioned paths are gone
        "/api/v2/decisions",
        "/api/v1/",
        "/api/v1/nothing",
        "/api/v1/decisions/",
        "/api/v1/recipients/not-a-number",
        "/api/v1/recipients/999999",
        "/api/v1/decisions/no-such-decision",
    ],
)
def test_a_path_that_matches_nothing_is_a_json_404(auditor: str, url: str) -> None:
    assert_error(Client().get(url, headers=bearer(auditor)), 404, "not_found")


def test_refusals_are_json(auditor: str) -> None:
    client = Client()
    body = assert_error(client.get("/api/v1/decisions"), 401, "not_authenticated")
    assert "Bearer" in body["detail"]

    sysadmin = User.objects.create_user("admin")
    grant_role(SYSTEM, sysadmin, Role.SYSADMIN)
    token = create_token(SYSTEM, sysadmin)[1]
    assert_error(client.get("/api/v1/decisions", headers=bearer(token)), 403, "permission_denied")

    response = client.delete("/api/v1/decisions", headers=bearer(auditor))
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


def test_the_detail_is_english_with_the_language_switch(auditor: str) -> None:
    client = Client()
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")
    assert client.get("/api/v1/nothing").json()["detail"] == "Ingen sådan adress i API:t."
    client.cookies["django_language"] = "en"
    assert client.get("/api/v1/nothing").json()["detail"] == "No such address in the API."
    body = client.get("/api/v1/decisions").json()
    assert body["detail"].startswith("Sign-in required") and body["code"] == "not_authenticated"


def test_a_validation_error_names_the_field_and_the_rule(auditor: str) -> None:
    client = Client()
    response = client.get("/api/v1/appropriation-items?budget_year=tjugo", headers=bearer(auditor))
    body = assert_error(response, 422, "int_parsing", "budget_year")
    assert body["errors"] == [{k: body[k] for k in SHAPE}]
    response = client.get("/api/v1/payment-detail-changes?status=open", headers=bearer(auditor))
    assert_error(response, 422, "enum", "status")


def test_the_openapi_document_names_the_error_shape_on_every_operation() -> None:
    schema = json.loads(json.dumps(api.get_openapi_schema()))  # as clients read it
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == SHAPE | {"errors"}
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) >= 7
    for op in operations:
        for status in ("401", "403", "422", "default"):
            content = op["responses"][status]["content"]["application/json"]
            assert content["schema"] == error, (op["operationId"], status)


def wrapped(kind: type[Exception], cause: Exception) -> Exception:
    """``kind`` raised from ``cause``, as Django raises a driver's error."""
    error = kind(str(cause))
    error.__cause__ = cause
    return error


# A small API with the real authentication and error handlers, whose operations fail.
crash_api = NinjaAPI(urls_namespace="crash-test", auth=AUTH, docs_url=None, openapi_url=None)
errors.install(crash_api)
RAISES: dict[str, Exception] = {
    "locked": OperationalError("database is locked"),
    # Django wraps the driver's error; PostgreSQL's is recognised by its SQLSTATE.
    "deadlock": wrapped(OperationalError, psycopg.errors.DeadlockDetected("deadlock detected")),
    "lock-timeout": wrapped(
        OperationalError, psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
    ),
    "caused-by-lock": wrapped(RuntimeError, OperationalError("database is locked")),
    "broken": OperationalError("no such table: ledger_posting"),
    "duplicate": IntegrityError("UNIQUE constraint failed: x.y"),
    "bug": KeyError("reason"),
    "amount": MoneyError("amount", "must not be negative", -1),
    "refused": errors.Refusal(409, "Ändringen är redan beslutad.", code="not_pending", field="id"),
}


@crash_api.get("/raise/{kind}")
def raise_it(request: Any, kind: str) -> None:
    raise RAISES[kind]


@crash_api.post("/change")
def change(request: Any) -> dict[str, bool]:
    return {"changed": True}


@ensure_csrf_cookie
def csrf_page(request: Any) -> HttpResponse:
    return HttpResponse("<form method=post></form>")


urlpatterns = [path("api/crash/", crash_api.urls), path("form/", csrf_page)]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("kind", "status", "code", "field"),
    [
        ("locked", 409, "contention", None),
        ("deadlock", 409, "contention", None),
        ("lock-timeout", 409, "contention", None),
        ("caused-by-lock", 409, "contention", None),
        ("broken", 500, "server_error", None),
        ("duplicate", 409, "conflict", None),
        ("bug", 500, "server_error", None),
        ("amount", 422, "invalid", "amount"),
        ("refused", 409, "not_pending", "id"),
    ],
)
def test_exceptions_become_the_error_shape(
    auditor: str, kind: str, status: int, code: str, field: str | None
) -> None:
    response = Client().get(f"/api/crash/raise/{kind}", headers=bearer(auditor))
    body = assert_error(response, status, code, field)
    if status == 500:
        assert str(RAISES[kind]) not in body["detail"]  # nothing of the crash leaks


@pytest.mark.urls(__name__)
def test_the_browser_needs_the_csrf_token_for_unsafe_methods(db: None) -> None:
    user = User.objects.create_user("granskare")
    grant_role(SYSTEM, user, Role.AUDITOR)
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, user)
    assert_error(browser.post("/api/crash/change"), 403, "csrf_failed")

    browser.get("/form/")  # a page with a form sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    assert browser.post("/api/crash/change", headers={"X-CSRFToken": csrf}).json() == {
        "changed": True
    }
    # A script's token needs no CSRF token, and anonymous requests are simply unauthenticated.
    token = create_token(SYSTEM, user)[1]
    script = Client(enforce_csrf_checks=True)
    assert script.post("/api/crash/change", headers=bearer(token)).status_code == 200
    assert_error(script.post("/api/crash/change"), 401, "not_authenticated")


def test_a_crash_outside_the_api_handlers_is_json_under_api_only(db: None) -> None:
    factory = RequestFactory()
    response = errors.server_error(factory.get("/api/v1/decisions"))
    assert_error(response, 500, "server_error")
    try:  # handler500 runs while the exception is being handled
        raise OperationalError("database is locked")
    except OperationalError:
        assert_error(errors.server_error(factory.get("/api/v1/decisions")), 409, "contention")
    page = handler500(factory.get("/beslut/"))
    assert page.status_code == 500 and not page["Content-Type"].startswith("application/json")
    assert_error(handler500(factory.get("/api/v1/decisions")), 500, "server_error")
