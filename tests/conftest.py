"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DECISIONS = Path(__file__).resolve().parents[1] / "decisions"


@pytest.fixture(autouse=True)
def _swedish_after_each_test() -> Iterator[None]:
    """A request in English (the language switch) leaves English active in the thread; the
    next test starts in Swedish again, as a new request or command would."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Every decision file loaded with ``bidrag load``, once per module; rolled back after it.

    Loading the four documents takes a second or two, so a module shares one load; each test
    still runs in its own transaction inside it.
    """
    from django.test import TestCase

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = TestCase._enter_atomics()
        try:
            from bidrag.accounts.testing import loader

            call_command(
                "load",
                *sorted(str(p) for p in DECISIONS.glob("*.yaml")),
                user=loader().get_username(),
                stdout=StringIO(),
            )
            yield
        finally:
            TestCase._rollback_atomics(atomic)
