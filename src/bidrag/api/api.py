"""The NinjaAPI: session authentication (CSRF checked on unsafe methods), OpenAPI schema at
``/api/openapi.json``. Every queryset is scoped through :mod:`bidrag.accounts.scoping`; an
organisation outside the user's scope is a 404.

Swagger UI at ``/api/docs`` only when ``"ninja"`` is in ``INSTALLED_APPS``: then django-ninja
serves its bundled Swagger files as static files; without it the page would load them from a
CDN, which the Content-Security-Policy (``script-src 'self'``) blocks."""

from __future__ import annotations

from django.apps import apps
from ninja import NinjaAPI
from ninja.security import django_auth

from bidrag.api import appropriations, approvals, decisions, recipients

api = NinjaAPI(
    title="bidrag API",
    version="1",
    description="Statsbidrag enligt överenskommelser: beslut, mottagare, anslag (läsåtkomst). "
    "Belopp i hela kronor som heltal.",
    auth=django_auth,
    urls_namespace="api",
    docs_url="/docs" if apps.is_installed("ninja") else None,
)
for module in (decisions, recipients, appropriations, approvals):
    api.add_router("", module.router)
