"""Sign-in, forms with errors, the main flows by keyboard only, English, the real CSP and a
phone's width, in Chromium with axe-core. Every page of every role: ``test_every_page.py``.
Screenshots: ``screenshots/``."""

import re

import pytest
from django.contrib.auth.models import User
from harness import assert_accessible, screenshot, sign_in, totp_code
from playwright.sync_api import Browser, Locator, Page, expect

from bidrag.accounts.demo import DEMO_PASSWORD
from bidrag.recipients.approvals import propose_payment_details_change
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.browser


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
    code = page.get_by_label("Engångskod")
    expect(code).to_have_accessible_description(re.compile("Koden stämmer inte"))
    expect(page.get_by_role("alert")).to_be_focused()
    assert_accessible(page)


def test_english_start_page(page: Page, live_server, demo_users) -> None:
    sign_in(page, live_server.url, "foretradare")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("To do")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    screenshot(page, "start-foretradare-en")


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (Shift+Tab) until ``target`` has the focus, as a keyboard user would."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press(key)
    expect(target).to_be_focused()


def keyboard_sign_in(page: Page, base_url: str, username: str) -> None:
    """Skip link, username, password, code: only Tab, typing and Enter."""
    page.goto(f"{base_url}/konto/logga-in/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    tab_to(page, page.get_by_label("Användarnamn"), limit=10)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    code = page.get_by_label("Engångskod")
    expect(code).to_be_focused()  # autofocus
    page.keyboard.type(totp_code(username))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")


def keyboard_sign_out(page: Page) -> None:
    tab_to(page, page.get_by_role("button", name="Logga ut"), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Logga in").first).to_be_visible()


def test_keyboard_only_sign_in(page: Page, live_server, demo_users) -> None:
    keyboard_sign_in(page, live_server.url, "handlaggare")
    keyboard_sign_out(page)


def test_keyboard_only_payment_details_change(page: Page, live_server, demo_users) -> None:
    """A case officer proposes a new Bankgiro, mistyped first, and an attester approves it:
    Tab, Shift+Tab, Enter, Space and typing only."""
    keyboard_sign_in(page, live_server.url, "handlaggare")
    tab_to(page, page.get_by_role("link", name="Mottagare", exact=True))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Region Stockholm"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Region Stockholm")
    tab_to(page, page.get_by_role("link", name="Föreslå nya betalningsuppgifter"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Mottagare", exact=True)).to_have_value(re.compile(r"\d+"))
    # The reason first, then back (Shift+Tab) to the account number, mistyped.
    tab_to(page, page.get_by_label("Motivering"))
    page.keyboard.type("Nytt bankgiro enligt intyg från banken")
    account = page.get_by_label("Kontonummer")
    tab_to(page, account, backwards=True)
    page.keyboard.type("5728-3904")
    tab_to(page, page.get_by_role("button", name="Skicka för godkännande"))
    page.keyboard.press("Enter")
    # The error summary has the focus; its link takes the user to the field.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("kontrollsiffran stämmer inte")
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(account).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("5728-3905")
    tab_to(page, page.get_by_role("button", name="Skicka för godkännande"))
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nya betalningsuppgifter för Region Stockholm"
    )
    expect(page.get_by_role("status")).to_contain_text("Ändringen är föreslagen")
    keyboard_sign_out(page)

    keyboard_sign_in(page, live_server.url, "attestant")
    tab_to(page, page.get_by_role("link", name="Nya betalningsuppgifter för Region Stockholm"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Jag har kontrollerat de nya uppgifterna mot underlaget."))
    page.keyboard.press("Space")
    expect(
        page.get_by_label("Jag har kontrollerat de nya uppgifterna mot underlaget.")
    ).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kommentar (frivillig)")).to_be_focused()
    page.keyboard.type("Kontrollerat mot bankens intyg")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Godkänn ändringen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Ändringen är godkänd")
    expect(page.locator(".facts")).to_contain_text("Godkänd")
    keyboard_sign_out(page)


def test_form_errors_are_announced_and_tied_to_their_fields(
    page: Page, live_server, demo_users
) -> None:
    """The propose form with a wrong Bankgiro, the approval without its confirmation and a
    wrong password: an error summary with links, aria-invalid and aria-describedby on the
    field pointing at its error text, and no axe-core violation."""
    stockholm = Organisation.objects.get(name="Region Stockholm")
    sign_in(page, live_server.url, "handlaggare")
    page.goto(f"{live_server.url}/godkannanden/betalningsuppgifter/ny/?organisation={stockholm.pk}")
    account = page.get_by_label("Kontonummer")
    account.fill("5728-3904")
    page.get_by_label("Motivering").fill("Nytt bankgiro")
    page.get_by_role("button", name="Skicka för godkännande").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Formuläret innehåller fel")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_account_number")
    expect(account).to_have_attribute("aria-invalid", "true")
    described_by = (account.get_attribute("aria-describedby") or "").split()
    assert described_by == ["id_account_number_helptext", "id_account_number_error"]
    expect(page.locator("#id_account_number_error")).to_contain_text(
        "kontrollsiffran stämmer inte (sista siffran är 4, den ska vara 5)"
    )
    expect(page.locator("#id_account_number_helptext")).to_contain_text("Bankgiro: 7–8 siffror")
    expect(account).to_have_accessible_description(re.compile("kontrollsiffran stämmer inte"))
    assert_accessible(page)
    screenshot(page, "form-errors-propose")

    change = propose_payment_details_change(
        User.objects.get(username="betalning"),
        stockholm,
        payee_name="Region Stockholm",
        account_type="bankgiro",
        account_number="5728-3905",
        reason="Intyg från banken",
    )
    page.goto(f"{live_server.url}/godkannanden/betalningsuppgifter/{change.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Godkänn ändringen").click()
    confirm = page.get_by_label("Jag har kontrollerat de nya uppgifterna mot underlaget.")
    expect(confirm).to_have_attribute("aria-invalid", "true")
    expect(confirm).to_have_accessible_description("Bekräfta att du har kontrollerat uppgifterna.")
    expect(page.get_by_role("alert").get_by_role("link")).to_have_attribute("href", "#id_confirm")
    assert_accessible(page)
    page.get_by_role("button", name="Avslå förslaget").click()
    expect(page.get_by_label("Motivering till avslaget")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("handlaggare")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord.")
    assert_accessible(page)


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
