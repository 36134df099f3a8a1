"""The four documents, loaded from decisions/*.yaml with `bidrag load`, once per test module."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"

PSV_2021 = "2021-psv-payment-decision"
DECISION_2023 = "2023-S2023-00488-payment-decision"


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Every decision file loaded; the rows stay for the module and are removed after it."""
    from django.test import TestCase

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = TestCase._enter_atomics()
        try:
            files = sorted(str(p) for p in DECISIONS.glob("*.yaml"))
            call_command("load", *files, stdout=StringIO())
            yield
        finally:
            TestCase._rollback_atomics(atomic)
