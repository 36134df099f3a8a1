"""Helpers for the browser tests: sign in as a person would, axe-core, screenshots, and a
crawler that visits every page a signed-in role can reach by following links.

axe-core is vendored in ``vendor/`` with its licence (npm ``axe-core@4``). Screenshots go to
``screenshots/`` at the repository root (git-ignored) so that a person can look at them.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.urls import Resolver404, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from bidrag.accounts.demo import DEMO_PASSWORD, current_code

CHROMIUM = Path(os.environ.get("BIDRAG_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")


def totp_code(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return current_code(device, time.time())


def sign_in(page: Page, base_url: str, username: str) -> None:
    """Password, then the TOTP code computed from the user's device, as a person would."""
    page.goto(f"{base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Engångskod").fill(totp_code(username))
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'best-practice']}})"
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(where: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = [f"axe-core found {len(violations)} serious/critical violation(s) on {where}:"]
    for v in violations:
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{targets}] {v['helpUrl']}")
    return lines


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe-core violation, listing each with its elements."""
    violations = axe_violations(page)
    if violations:
        pytest.fail("\n".join(describe_violations(page.url, violations)), pytrace=False)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Links the crawler never follows: signing out, the language switch's target, the API and its
# docs, static files, the Django admin, and downloads (PDF, CSV, XLSX are not pages).
NOT_PAGES = ("/konto/logga-ut/", "/i18n/", "/api/", "/static/", "/admin/")
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".xlsx")


@dataclass
class Crawl:
    """What one signed-in role reached: every page checked with axe-core, problems collected.

    Pages are told apart by their route (``pages:recipient``, ``approvals:change`` …); a route
    with hundreds of instances (one page per municipality) is visited ``per_route`` times, which
    checks its template with real data without taking minutes.
    """

    page: Page
    base_url: str
    per_route: int = 2
    visited: list[str] = field(default_factory=list)  # the URLs (or labels) checked
    routes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def _normalise(self, href: str) -> str | None:
        base = urlsplit(self.base_url)
        url = urlsplit(href)
        if url.scheme not in ("http", "https") or url.netloc != base.netloc:
            return None
        if url.path.startswith(NOT_PAGES) or url.path.endswith(DOWNLOAD_SUFFIXES):
            return None
        query = [(k, v) for k, v in parse_qsl(url.query) if k != "format"]
        if len(query) != len(parse_qsl(url.query)):
            return None  # ?format=csv|xlsx: an export
        return urlunsplit((url.scheme, url.netloc, url.path, urlencode(query), ""))

    def route(self, url: str) -> str:
        try:
            return resolve(urlsplit(url).path).view_name
        except Resolver404:
            return urlsplit(url).path

    def check(self, url: str | None = None, *, label: str = "") -> None:
        """Open ``url`` (or check the page as it is), then run axe-core on it."""
        if url is not None:
            try:
                response = self.page.goto(url)
                status = response.status if response else 0
            except PlaywrightError as error:
                if "Download is starting" not in error.message:
                    raise
                # An HTML document served as an attachment (a decision's HTML rendering): the
                # browser downloads it; fetch it with the same session and show it instead.
                fetched = self.page.request.get(url)
                status = fetched.status
                self.page.set_content(fetched.text())
            if status >= 400:
                self.problems.append(f"{url}: HTTP {status} for a page the role was shown")
        where = label or url or self.page.url
        self.visited.append(where)
        violations = axe_violations(self.page)
        if violations:
            self.problems.extend(describe_violations(where, violations))

    def links(self) -> list[str]:
        hrefs = self.page.locator("a[href]:not([download])").evaluate_all(
            "links => links.map(a => a.href)"
        )
        return [u for u in (self._normalise(h) for h in hrefs) if u]

    def visit_all(self, urls: Iterable[str]) -> None:
        """Check each of ``urls`` not yet visited, whatever the count of its route."""
        for url in urls:
            if url not in self.visited:
                self.routes[self.route(url)] += 1
                self.check(url)

    def walk(self, start: Iterable[str]) -> None:
        """Breadth first from ``start``, following every link on every page reached."""
        queue = list(start)
        seen = set(queue)
        while queue:
            url = queue.pop(0)
            route = self.route(url)
            if self.routes[route] >= self.per_route:
                continue
            self.routes[route] += 1
            self.check(url)
            for link in self.links():
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
