"""Helpers for the browser tests: sign in as a person would, axe-core, screenshots.

axe-core is vendored in ``vendor/`` with its licence (npm ``axe-core@4``). Screenshots go to
``screenshots/`` at the repository root (git-ignored) so that a person can look at them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
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


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'best-practice']}})"
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe-core violation, listing each with its elements."""
    violations = axe_violations(page)
    if violations:
        lines = [f"axe-core found {len(violations)} serious/critical violation(s) on {page.url}:"]
        for v in violations:
            targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{targets}] {v['helpUrl']}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
