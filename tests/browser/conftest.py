"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's
``live_server``; the helpers (sign-in, axe-core, screenshots) are in ``harness.py``.

Run only these: ``.venv/bin/python -m pytest -m browser``; leave them out: ``-m "not browser"``.
Playwright's own browsers are never downloaded: the tests use ``/usr/bin/chromium``
(``apt-get install chromium``; ``BIDRAG_CHROMIUM`` overrides) and are skipped with a message
when it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from harness import CHROMIUM  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bidrag.accounts.demo import create_demo_users  # noqa: E402
from bidrag.recipients.models import Organisation  # noqa: E402


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp: axe is injected as an inline script, which our own policy forbids.
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo_users(transactional_db: None) -> list[Any]:
    stockholm = Organisation.objects.create(
        kind="region", name="Region Stockholm", county_code="01", org_number="232100-0016"
    )
    return create_demo_users(stockholm.pk)
