"""``/api/``: version 1 under ``v1/``; any other path under ``/api/`` is a JSON 404."""

from django.urls import URLPattern, URLResolver, path, re_path

from bidrag.api.api import VERSION, api
from bidrag.api.errors import json_errors, not_found


def _json_errors(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = json_errors(pattern.callback)
    return patterns


# Not named app_name/namespace: include() would take a module-level app_name for this module.
_v1_patterns, _v1_app, _v1_namespace = api.urls
urlpatterns = [
    path(f"{VERSION}/", (_json_errors(_v1_patterns), _v1_app, _v1_namespace)),
    re_path(r"^", not_found, name="not-found"),
]
