"""Every demo role signs in (password and TOTP), walks its start page and its navigation, and
axe-core finds no serious or critical violation. Screenshots: ``screenshots/``."""

import pytest
from harness import assert_accessible, screenshot, sign_in, totp_code
from playwright.sync_api import Browser, Page, expect

from bidrag.accounts.demo import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("demo", DEMO_USERS, ids=[d.username for d in DEMO_USERS])
def test_each_role_signs_in_and_its_pages_are_accessible(
    page: Page, live_server, demo_users, demo
) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    assert_accessible(page)
    sign_in(page, live_server.url, demo.username)
    expect(page.locator(".user-roles")).to_contain_text(str(demo.role.label))
    assert_accessible(page)
    screenshot(page, f"start-{demo.username}")
    hrefs = page.locator("nav.main-nav a").evaluate_all("links => links.map(a => a.href)")
    for href in hrefs:
        page.goto(href)
        assert_accessible(page)


def test_recipient_start_page_names_the_organisation(page: Page, live_server, demo_users) -> None:
    sign_in(page, live_server.url, "mottagare")
    panel = page.get_by_role("region", name="Din organisation")
    expect(panel).to_contain_text("Region Stockholm")
    expect(page.get_by_role("region", name="Kommande tidsfrister")).to_be_visible()


def test_code_page_and_a_wrong_code_are_accessible(page: Page, live_server, demo_users) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("attestant")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Fortsätt").click()
    assert_accessible(page)
    page.get_by_label("Engångskod").fill(
        "000000" if totp_code("attestant") != "000000" else "111111"
    )
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Koden stämmer inte")).to_be_visible()
    assert_accessible(page)


def test_english_start_page(page: Page, live_server, demo_users) -> None:
    sign_in(page, live_server.url, "foretradare")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("To do")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    screenshot(page, "start-foretradare-en")


def test_keyboard_only_sign_in(page: Page, live_server, demo_users) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    username = page.get_by_label("Användarnamn")
    for _ in range(10):
        page.keyboard.press("Tab")
        if username.evaluate("el => el === document.activeElement"):
            break
    expect(username).to_be_focused()
    page.keyboard.type("handlaggare")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    code = page.get_by_label("Engångskod")
    expect(code).to_be_focused()  # autofocus
    page.keyboard.type(totp_code("handlaggare"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
    # Sign out by keyboard too: focus the button and press Enter.
    page.get_by_role("button", name="Logga ut").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Logga in").first).to_be_visible()


def test_real_policy_blocks_nothing_of_ours(browser: Browser, live_server, demo_users) -> None:
    """Without bypass: our own pages raise no CSP violation and htmx loads."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live_server.url, "revisor")
    page.reload()
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert errors == []
    context.close()


def test_start_page_fits_a_phone(browser: Browser, live_server, demo_users) -> None:
    context = browser.new_context(locale="sv-SE", viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, live_server.url, "mottagare")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "start-mottagare-phone")
    context.close()
