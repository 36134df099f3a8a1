"""The start page's panels, filled from the loaded decisions and scoped to the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from bidrag.agreements.models import DecisionLine, PaymentDecision

pytestmark = pytest.mark.usefixtures("loaded")


def test_officials_see_the_recent_decisions_newest_first(official: Client) -> None:
    html = official.get("/").content.decode()
    newest = html.index("Sammanhållen, jämlik och säker vård 2023")
    older = html.index("Utbetalning av medel för Personcentrerade och sammanhållna vårdförlopp")
    assert newest < older
    assert "Inga beslut registrerade ännu." not in html


def test_a_recipient_sees_its_money_per_budget_year_and_no_one_elses(
    recipient_of: Callable[[str], Client],
) -> None:
    html = recipient_of("Region Stockholm").get("/").content.decode()
    assert "Region Stockholm, budgetår 2021" in html
    assert "49\xa0472\xa0318 kr" in html
    assert "Region Stockholm, budgetår 2023" in html
    assert "14\xa0486\xa0584 kr" in html
    assert "Region Uppsala" not in html


def test_coming_deadlines_list_only_future_ones_moved_to_a_weekday(
    recipient_of: Callable[[str], Client],
) -> None:
    client = recipient_of("Region Stockholm")
    assert "Inga tidsfrister framöver." in client.get("/").content.decode()  # all are past
    # A report deadline on Saturday 3 April 2100 moves to Monday 5 April (Easter Monday is
    # 29 March that year), under lag (1930:173).
    line = DecisionLine.objects.filter(
        decision__in=PaymentDecision.objects.filter(budget_year=2023),
        annexes__rows__recipient__name="Region Stockholm",
    ).first()
    assert line is not None
    DecisionLine.objects.filter(pk=line.pk).update(report_deadline=dt.date(2100, 4, 3))
    html = client.get("/").content.decode()
    assert "Ekonomisk redovisning senast: 5 april 2100" in html
