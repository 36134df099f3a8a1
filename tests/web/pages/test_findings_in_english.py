"""The acknowledged findings on a document's page follow the reader's language."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def findings_of(page: str) -> str:
    """The findings listed on the page (not the explanations: the file's Swedish prose)."""
    section = page.split('aria-labelledby="findings-heading"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    return html.unescape("\n".join(" ".join(re.sub(r"<[^>]+>", " ", i).split()) for i in items))


def in_english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_a_finding_on_the_decision_page_is_english_for_an_english_reader(
    loaded: None, official: Client
) -> None:
    url = reverse("pages:decision", args=["2021-psv-payment-decision"])
    swedish = findings_of(official.get(url).content.decode())
    assert (
        "bilaga 1, kolumn Fördelade medel – 2 rader avviker från modellen (befolkning "
        "1 november 2019, avrundning half-up; modellens summa 214 999 998 kr): "
        "Region Värmland +1 kr; Region Västernorrland +1 kr" in swedish
    )
    english = findings_of(in_english(official).get(url).content.decode())
    assert (
        "annex 1, column Fördelade medel – differences from the model in 2 rows (befolkning "
        "1 november 2019, rounding half-up; the model's sum 214 999 998 kr): "
        "Region Värmland +1 kr; Region Västernorrland +1 kr" in english
    )
    assert (
        "annex 1, total row – '1' (column share) is printed right before '215 000 000' "
        "(column Fördelade medel): the row can also be read as 1 215 000 000 kr" in english
    )
    for swedish_word in ("bilaga", "kolumn", "avviker", "summaraden", "läsas"):
        assert not re.search(rf"\b{swedish_word}\b", english)


def test_the_agreement_pages_findings_are_english_for_an_english_reader(
    loaded: None, official: Client
) -> None:
    url = reverse("pages:agreement", args=["2021-agreement-god-och-nara-vard"])
    english = findings_of(in_english(official).get(url).content.decode())
    assert (
        "annex 4, total row, column Vårdens medarbetare – the rows add up to 2 531 000 001 kr, "
        "but the printed total is 2 531 000 000 kr (difference +1 kr)" in english
    )
    assert (
        "annex 3, row 21 'Västragötalandsregionen' – printed as 'Västragötalandsregionen', "
        "read as Västra Götalands län" in english
    )
    assert "area vision-ehealth (Insatser inom ramen för Vision e-hälsa) – the appropriation " in (
        english
    )
    # (a key the document cannot give is explained in the file's own Swedish words)
    for swedish_word in ("bilaga", "kolumn", "rad", "avviker", "summerar", "tolkas", "område"):
        assert not re.search(rf"\b{swedish_word}\b", english)
