"""Schemathesis over the whole ``/api/v1/`` OpenAPI document, with the decisions loaded and an
API token for each demo user (one per role), plus no token at all.

For every operation schemathesis generates requests (valid and invalid parameters); each is
sent once per token through Django's WSGI application, and fails the test on any 5xx, any
status code the document does not name, a content type other than the documented one, or a
body that does not match the documented schema (the answers and the error shape alike).

Bounded so that it runs in the normal suite: ``EXAMPLES`` generated cases per operation,
deterministic (``derandomize``), and at most ``BUDGET_SECONDS`` of requests per operation (the
examples past it are skipped, never failed). For a longer run::

    BIDRAG_SCHEMATHESIS_EXAMPLES=500 BIDRAG_SCHEMATHESIS_SECONDS=600 \\
        .venv/bin/python -m pytest tests/api/test_schemathesis.py
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bidrag.accounts.testing import bearer
from bidrag.api.api import api

EXAMPLES = int(os.environ.get("BIDRAG_SCHEMATHESIS_EXAMPLES", "25"))
BUDGET_SECONDS = float(os.environ.get("BIDRAG_SCHEMATHESIS_SECONDS", "20"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The document as a client reads it (JSON), served by the real WSGI application.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = WSGIHandler()


@pytest.fixture
def wsgi_in_test_transaction(db: None) -> Iterator[None]:
    """Requests through the WSGI handler run in this thread, inside the test's transaction:
    keep Django from closing the connection at each request's end, as its test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def budget() -> dict[str, float]:
    return {"until": time.monotonic() + BUDGET_SECONDS}


@pytest.mark.usefixtures("loaded", "wsgi_in_test_transaction")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_for_every_role(
    case: schemathesis.Case, demo_tokens: dict[str, str], budget: dict[str, float]
) -> None:
    if time.monotonic() > budget["until"]:
        return
    for headers in [{}, *(bearer(token) for token in demo_tokens.values())]:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
