"""The start page per role, the navigation registry and the shell on every page."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.accounts.testing import sign_in
from bidrag.web import navigation, panels

OFFICIAL_PANELS = ("Väntar på godkännande", "Senaste beslut")
RECIPIENT_PANELS = ("Din organisation", "Beslutade medel", "Kommande tidsfrister")


def start_page(client: Client, user: User) -> str:
    sign_in(client, user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "username", ["departement", "handlaggare", "attestant", "betalning", "revisor"]
)
def test_officials_see_decisions_and_approvals(client: Client, demo_users, username) -> None:
    page = start_page(client, demo_users[username])
    for title in OFFICIAL_PANELS:
        assert title in page
    for title in RECIPIENT_PANELS:
        assert title not in page


@pytest.mark.parametrize("username", ["mottagare", "foretradare"])
def test_recipient_sees_its_organisation_and_deadlines(
    client: Client, demo_users, username
) -> None:
    page = start_page(client, demo_users[username])
    assert "Region Stockholm" in page
    assert "Inga tidsfrister framöver." in page
    for title in OFFICIAL_PANELS:
        assert title not in page


def test_sysadmin_sees_users_per_role_and_no_money(client: Client, demo_users) -> None:
    page = start_page(client, demo_users["sysadmin"])
    assert "Användare och roller" in page
    assert "Attestant" in page and "2 användare" in page
    for title in OFFICIAL_PANELS + RECIPIENT_PANELS:
        assert title not in page


def test_visitor_sees_a_welcome_and_the_sign_in_link(client: Client, db) -> None:
    page = client.get("/").content.decode()
    assert 'href="/konto/logga-in/"' in page
    assert "Att göra" not in page


def test_header_shows_user_role_and_sign_out(client: Client, demo_users) -> None:
    page = start_page(client, demo_users["attestant"])
    assert "Anna Attestant" in page and "Attestant" in page
    assert 'action="/konto/logga-ut/"' in page


@pytest.fixture
def temporary_nav_item() -> Iterator[None]:
    navigation.register("accounts:login", "Endast attestanter", roles={Role.ATTESTER}, order=50)
    yield
    navigation._REGISTRY.pop("accounts:login")


def test_navigation_follows_the_roles(client: Client, demo_users, temporary_nav_item) -> None:
    assert "Endast attestanter" in start_page(client, demo_users["attestant"])
    client.logout()
    assert "Endast attestanter" not in start_page(client, demo_users["handlaggare"])


def test_navigation_leaves_out_pages_that_do_not_exist(client: Client, demo_users) -> None:
    navigation.register("nowhere:list", "Finns inte än")
    try:
        assert "Finns inte än" not in start_page(client, demo_users["revisor"])
    finally:
        navigation._REGISTRY.pop("nowhere:list")


def test_current_page_is_marked_in_the_navigation(client: Client, demo_users) -> None:
    assert 'href="/" aria-current="page"' in start_page(client, demo_users["revisor"])


def test_panel_providers_fill_panels(client: Client, demo_users) -> None:
    def provider(user: User) -> list[panels.Item]:
        return [panels.Item("Beslut S2023/00488", "/", "2 feb. 2023")]

    panels.add_provider("recent_decisions", provider)
    try:
        page = start_page(client, demo_users["handlaggare"])
        assert "Beslut S2023/00488" in page and "Inga beslut registrerade ännu." not in page
    finally:
        panels._PANELS["recent_decisions"].providers.remove(provider)


def test_every_page_loads_htmx_and_the_stylesheet(client: Client, db) -> None:
    for url in ("/", "/konto/logga-in/"):
        page = client.get(url).content.decode()
        assert '<script src="/static/web/vendor/htmx.min.js" defer></script>' in page
        assert 'href="/static/web/bidrag.css"' in page
        assert 'class="skip-link" href="#main"' in page
