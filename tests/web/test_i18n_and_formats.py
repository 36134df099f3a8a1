"""Swedish by default, English on request; Swedish number formats and the kronor filter."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from bidrag.accounts.testing import sign_in

NBSP = "\u00a0"


def render(source: str, **context: object) -> str:
    return Template("{% load bidrag %}" + source).render(Context(context))


def test_kronor_filter_uses_no_break_spaces() -> None:
    assert render("{{ a|kronor }}", a=215_000_000) == f"215{NBSP}000{NBSP}000{NBSP}kr"
    assert render("{{ a|kronor }}", a=-5000) == f"-5{NBSP}000{NBSP}kr"
    assert render("{{ a|kronor }}", a=None) == "–"


def test_ore_filter_shows_a_decimal_comma() -> None:
    assert render("{{ a|ore }}", a=123_456_789) == f"1{NBSP}234{NBSP}567,89{NBSP}kr"


def test_numbers_use_swedish_separators() -> None:
    with translation.override("sv"):
        assert render("{{ n }}", n=10_319_473) == f"10{NBSP}319{NBSP}473"
        assert render("{{ d }}", d=Decimal("0.5")) == "0,5"


@pytest.mark.django_db
def test_swedish_is_the_default_language(client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<html lang="sv">' in page and "Logga in" in page


def test_english_translation(client: Client, demo_users) -> None:
    sign_in(client, demo_users["mottagare"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Coming deadlines" in page and "Sign out" in page
    assert "På svenska" in page


def test_english_navigation_names_the_decisions_list_in_plural(client: Client, demo_users) -> None:
    sign_in(client, demo_users["mottagare"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    nav = client.get("/").content.decode().split("<nav", 1)[1].split("</nav>", 1)[0]
    assert ">Decisions<" in nav
