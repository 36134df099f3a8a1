"""The NinjaAPI of ``/api/v1/``: its routers, authentication, errors and OpenAPI document.

Authentication (:mod:`bidrag.api.auth`): ``Authorization: Bearer TOKEN`` or the browser's
session (CSRF on unsafe methods). Errors (:mod:`bidrag.api.errors`): one JSON shape, documented
on every operation. OpenAPI at ``/api/v1/openapi.json``, Swagger UI at ``/api/v1/docs`` (behind
sign-in unless ``API_DOCS_PUBLIC``; django-ninja serves its bundled Swagger files as static
files, since the Content-Security-Policy blocks a CDN).

**Adding endpoints**: write a module next to the others with ``router = Router(tags=[...])``
and its operations (thin: check the role through :mod:`bidrag.api.access`, scope through
``bidrag.accounts.scoping``, call one service, answer a schema from :mod:`bidrag.api.schemas`
with money in whole kronor), then add the module to :data:`ROUTERS`. Paths are absolute within
the version (``"/entitlements"``); a refusal raises :class:`bidrag.api.errors.Refusal` or lets a
``DomainError`` through.
"""

from __future__ import annotations

from http.client import responses as reasons
from typing import Any

from django.apps import apps
from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from bidrag.api import (
    appropriations,
    decisions,
    entitlements,
    payees,
    payment_details,
    recipients,
)
from bidrag.api.auth import AUTH, docs_access
from bidrag.api.errors import ErrorOut, install

# Every endpoint module of /api/v1/, in the order the documentation lists them.
ROUTERS = (decisions, entitlements, recipients, payees, payment_details, appropriations)

VERSION = "v1"
# Documented on every operation besides its own answers; "default" covers 405, 409, 500 ….
ERROR_STATUSES = (401, 403, 422)


class _ErrorResponse(Schema):
    response: ErrorOut


class _OpenAPISchema(OpenAPISchema):
    def responses(self, operation: Operation) -> dict[Any, Any]:
        result: dict[Any, Any] = super().responses(operation)
        schema = self._create_schema_from_model(
            _ErrorResponse,  # type: ignore[type-var]
            mode="serialization",
        )[0]
        content = {self.api.renderer.media_type: {"schema": schema}}
        statuses = list(ERROR_STATUSES)
        if "{" in operation.path:
            statuses.append(404)
        for status in sorted(statuses):
            result.setdefault(status, {"description": reasons[status], "content": content})
        result.setdefault("default", {"description": "Fel (error)", "content": content})
        return result


class BidragAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document names the error shape on every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _OpenAPISchema(self, path_prefix)


api = BidragAPI(
    title="bidrag API",
    version="1",
    description=(
        "Statsbidrag enligt överenskommelser: beslut, mottagare, anslag. Belopp i hela kronor "
        "som heltal. Autentisering: `Authorization: Bearer TOKEN` (`bidrag token create "
        "USERNAME`) eller inloggad session. Varje fel är JSON: "
        '`{"detail": "…", "code": "…", "field": "…"}`.'
    ),
    auth=AUTH,
    urls_namespace="api-v1",
    docs_url="/docs" if apps.is_installed("ninja") else None,
    docs_decorator=docs_access,
)
install(api)
for module in ROUTERS:
    api.add_router("", module.router)
