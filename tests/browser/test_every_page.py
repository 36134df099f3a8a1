"""Every page each demo role can reach, on the loaded decision files, checked with axe-core.

One test walks all roles so that the four decision files are loaded once (as ``bidrag demo``
does): each role gets its own browser context, signs in with password and TOTP, and the crawler
(``harness.Crawl``) follows every link from its start page: lists and detail pages of
agreements, decisions (and the decision's HTML rendering), recipients and appropriation items,
the approvals pages with pending and decided changes, the audit log and record histories. Pages
no link leads to (a proposal for a given organisation, someone else's and one's own pending
change, the audit log's filter with an error) are opened directly where the role may. Every
serious or critical violation, and every link that leads a role to an error page, is collected
and reported together at the end. Screenshots of the start pages: ``screenshots/``.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from harness import Crawl, axe_violations, describe_violations, screenshot, sign_in
from playwright.sync_api import Browser, expect

from bidrag.accounts.demo import (
    DEMO_ORGANISATION,
    DEMO_USERS,
    SKR_ORGANISATION,
    DemoUser,
    create_demo_users,
)
from bidrag.accounts.roles import ALL_SEEING_ROLES, RECIPIENT_ROLES, Role
from bidrag.accounts.testing import loader
from bidrag.recipients.approvals import (
    PROPOSER_ROLES,
    VIEWER_ROLES,
    approve_payment_details_change,
    propose_payment_details_change,
    reject_payment_details_change,
)
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.browser

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
MONEY_ROLES = ALL_SEEING_ROLES | RECIPIENT_ROLES


# Test payees' organisationsnummer (valid check digits) where the register records none.
ORG_NUMBERS = {"Region Skåne": "232100-0255", "Region Uppsala": "232100-0172"}


def _propose(user: User, organisation: str, reason: str) -> Any:
    return propose_payment_details_change(
        user,
        Organisation.objects.get(name=organisation),
        payee_name=organisation,
        payee_org_number=ORG_NUMBERS.get(organisation, "232100-0180"),
        account_type="bankgiro",
        account_number="5728-3905",
        bank="Exempelbanken",
        reason=reason,
    )


@pytest.fixture
def loaded_app(transactional_db: None) -> dict[str, int]:
    """The decision files as ``bidrag demo`` loads them, the demo users, and payment-detail
    changes in every state: approved, rejected, pending from someone else, pending one's own
    (for the case officer)."""
    call_command(
        "load",
        *sorted(str(p) for p in DECISIONS.glob("*.yaml")),
        user=loader().get_username(),
        stdout=StringIO(),
    )
    stockholm = Organisation.objects.get(name=DEMO_ORGANISATION)
    skr = Organisation.objects.get(name=SKR_ORGANISATION)
    create_demo_users(organisations={stockholm.name: stockholm.pk, skr.name: skr.pk})
    users = {u.username: u for u in User.objects.all()}
    approved = _propose(users["handlaggare"], DEMO_ORGANISATION, "Intyg från banken")
    approve_payment_details_change(users["attestant"], approved, note="Kontrollerat mot intyget")
    rejected = _propose(users["betalning"], "Region Skåne", "Nytt konto")
    reject_payment_details_change(users["attestant"], rejected, "Intyget saknas")
    pending_other = _propose(users["betalning"], "Region Uppsala", "Bytt bank")
    pending_own = _propose(users["handlaggare"], "Region Gotland", "Bytt bank")
    return {"stockholm": stockholm.pk, "pending": pending_other.pk, "own": pending_own.pk}


def _direct_pages(base: str, role: Role, app: dict[str, int]) -> list[str]:
    """Pages a role may open that no link from its start page needs to lead to."""
    pages = []
    if role in MONEY_ROLES:
        pages.append(f"{base}/mottagare/{app['stockholm']}/")
    if role in PROPOSER_ROLES:
        pages.append(f"{base}/godkannanden/betalningsuppgifter/ny/?organisation={app['stockholm']}")
    if role in VIEWER_ROLES:
        pages += [
            f"{base}/godkannanden/betalningsuppgifter/{app['pending']}/",
            f"{base}/godkannanden/betalningsuppgifter/{app['own']}/",
        ]
    if role == Role.AUDITOR:
        pages.append(f"{base}/granskningsspar/?date_from=2025-13-45")  # the filter's error
    return pages


def test_every_page_of_every_role_is_accessible(
    browser: Browser, live_server: Any, loaded_app: dict[str, int]
) -> None:
    base = live_server.url
    problems: list[str] = []
    summary: list[str] = []
    walked: set[Role] = set()

    def visit(demo: DemoUser) -> None:
        context = browser.new_context(locale="sv-SE", bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(10_000)
        crawl = Crawl(page, base)
        if not walked:  # the pages before signing in, once
            crawl.check(f"{base}/")
            crawl.check(f"{base}/konto/logga-in/")
        sign_in(page, base, demo.username)
        expect(page.locator(".user-roles")).to_contain_text(str(demo.role.label))
        screenshot(page, f"start-{demo.username}")
        if demo.role in walked:
            # A second person with the same role (attestant2): the start page is enough.
            if violations := axe_violations(page):
                problems.extend(describe_violations(page.url, violations))
            summary.append(f"{demo.username}: start page (role walked as another user)")
        else:
            walked.add(demo.role)
            crawl.walk([f"{base}/"])
            crawl.visit_all(_direct_pages(base, demo.role, loaded_app))
            routes = ", ".join(f"{r} ×{n}" for r, n in sorted(crawl.routes.items()))
            summary.append(f"{demo.username}: {len(crawl.visited)} pages: {routes}")
        problems.extend(f"[{demo.username}] {p}" for p in crawl.problems)
        context.close()

    for demo in DEMO_USERS:
        visit(demo)
    print("\n".join(["", "Pages checked with axe-core per role:", *summary]))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_english_pages_for_an_auditor(
    browser: Browser, live_server: Any, loaded_app: dict[str, int]
) -> None:
    """Swedish is the default whatever the browser says; after "In English" (a POST to
    /i18n/setlang/) the decision, recipient, approvals and audit pages speak English."""
    base = live_server.url
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, "revisor")
    page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("To do")
    crawl = Crawl(page, base)

    def headings(url: str, h1: str | None, *h2: str) -> None:
        crawl.check(url)
        if h1 is not None:
            expect(page.get_by_role("heading", level=1)).to_have_text(h1)
        for text in h2:
            expect(page.get_by_role("heading", level=2, name=text, exact=True)).to_be_visible()

    headings(
        f"{base}/beslut/2021-psv-payment-decision/",
        None,
        "Download",
        "The Government's decision",
        "Annex 1",
        "On behalf of the Government",
    )
    expect(page.locator(".facts")).to_contain_text("Reference number")
    headings(f"{base}/mottagare/{loaded_app['stockholm']}/", "Region Stockholm", "Audit trail")
    expect(page.locator(".facts")).to_contain_text("Type")
    headings(f"{base}/godkannanden/", "Approvals", "Pending approval", "Recently decided")
    headings(
        f"{base}/godkannanden/betalningsuppgifter/{loaded_app['pending']}/",
        "New payment details for Region Uppsala",
    )
    headings(f"{base}/granskningsspar/", "Audit trail")
    expect(page.get_by_role("button", name="Filter")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Performed by")).to_be_visible()
    page.get_by_role("link", name="Region Stockholm").first.click()
    expect(page.get_by_role("heading", level=2, name="Audit trail")).to_be_visible()
    crawl.check()
    screenshot(page, "record-history-revisor-en")
    context.close()
    if crawl.problems:
        pytest.fail("\n".join(crawl.problems), pytrace=False)
