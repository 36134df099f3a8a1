"""Sorting, filtering and exporting the list pages' tables (real database, real responses)."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bidrag.core.collation import swedish_key
from bidrag.recipients.models import Organisation

ROW = re.compile(r'<tr><th scope="row">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</th>(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def body(html: str, index: int = 0) -> list[list[str]]:
    """The rows of the page's ``index``-th table body, as shown text (first cell first)."""
    tbody = html.split("<tbody>")[index + 1].split("</tbody>")[0]
    return [
        [unescape(first), *map(unescape, CELL.findall(rest))] for first, rest in ROW.findall(tbody)
    ]


def total(html: str, index: int = 0) -> list[str]:
    foot = html.split("<tfoot>")[index + 1].split("</tfoot>")[0]
    return [unescape(c) for c in CELL.findall(foot)]


def kronor(text: str) -> int:
    return int(text.replace(" ", "").replace("\xa0", "") or 0)


def get(client: Client, name: str, query: str = "", **headers: str) -> str:
    response = client.get(reverse(name) + query, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(client: Client, name: str, query: str) -> list[list[str]]:
    response = client.get(reverse(name) + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# -- recipients: amounts, Swedish order, search, export ---------------------------------------


def test_sorting_by_money_compares_kronor_as_numbers(loaded: None, official: Client) -> None:
    descending = body(get(official, "pages:recipients", "?kind=Region&sort=-decided"))
    amounts = [kronor(row[3]) for row in descending]
    assert descending[0][0] == "Region Stockholm"
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > 10 * amounts[-1] > 0
    ascending = body(get(official, "pages:recipients", "?kind=Region&sort=decided"))
    assert [kronor(row[3]) for row in ascending] == sorted(amounts)
    assert ascending[-1][0] == "Region Stockholm"


def test_text_sorts_in_swedish_alphabetical_order(loaded: None, official: Client) -> None:
    names = [row[0] for row in body(get(official, "pages:recipients", "?kind=Region&sort=name"))]
    assert names == sorted(names, key=swedish_key)
    # … x y z å ä ö: the Ö regions come last, Örebro (r) before Östergötland (s)
    regions = [n for n in names if n.startswith("Region ")]
    assert regions[-2:] == ["Region Örebro län", "Region Östergötland"]
    reverse_names = body(get(official, "pages:recipients", "?kind=Region&sort=-name"))
    assert [row[0] for row in reverse_names] == names[::-1]


def test_search_keeps_matching_rows_and_the_total_sums_them(loaded: None, official: Client) -> None:
    html = get(official, "pages:recipients", "?q=sk%C3%A5ne")
    rows = body(html)
    assert rows and all("skåne" in " ".join(row).casefold() for row in rows)
    assert "Region Skåne" in [row[0] for row in rows]
    assert kronor(total(html)[-1]) == sum(kronor(row[3]) for row in rows)
    everything = get(official, "pages:recipients")
    all_rows = len(body(everything))
    assert f"Mottagare ({len(rows)} av {all_rows} rader)</caption>" in html
    assert f"Visar {len(rows)} av {all_rows} rader." in html  # the live region
    assert kronor(total(everything)[-1]) > kronor(total(html)[-1])


def test_a_search_is_case_insensitive_and_may_match_nothing(loaded: None, official: Client) -> None:
    assert body(get(official, "pages:recipients", "?q=SK%C3%85NE")) == body(
        get(official, "pages:recipients", "?q=sk%C3%A5ne")
    )
    html = get(official, "pages:recipients", "?q=finns-inte")
    assert body(html) == [] and kronor(total(html)[-1]) == 0
    assert "Inga rader matchar urvalet." in html


def test_the_export_has_the_rows_shown_in_the_order_shown(loaded: None, official: Client) -> None:
    query = "?q=region&kind=Region&sort=-decided"
    shown = body(get(official, "pages:recipients", query))
    exported = csv_rows(official, "pages:recipients", query + "&format=csv")
    header, *rows, last = exported
    assert header[0] == "Organisation"
    assert [r[0] for r in rows] == [r[0] for r in shown]
    assert [int(r[3]) for r in rows] == [kronor(r[3]) for r in shown]
    assert last[0] == "Summa" and int(last[3]) == sum(kronor(r[3]) for r in shown)
    book = load_workbook(
        io.BytesIO(official.get(reverse("pages:recipients") + query + "&format=xlsx").content)
    )
    names = [c.value for c in book.active["A"]][3 : 3 + len(shown)]
    assert names == [r[0] for r in shown]


def test_export_links_carry_the_current_query(loaded: None, official: Client) -> None:
    html = get(official, "pages:recipients", "?q=sk%C3%A5ne&sort=-decided")
    tools = html.split('<p class="table-tools">')[1].split("</p>")[0]
    links = [parse_qs(unescape(href)[1:]) for href in re.findall(r'href="([^"]*)"', tools)]
    assert links == [
        {"q": ["skåne"], "sort": ["-decided"], "format": ["xlsx"]},
        {"q": ["skåne"], "sort": ["-decided"], "format": ["csv"]},
    ]


# -- markup: sort links, aria-sort, the form, htmx -----------------------------------------


def test_headers_are_sort_links_and_the_sorted_one_has_aria_sort(
    loaded: None, official: Client
) -> None:
    html = get(official, "pages:recipients", "?sort=-decided&q=region")
    assert html.count("aria-sort=") == 1
    sorted_th = re.search(r'<th scope="col" class="num" aria-sort="descending">(.*?)</th>', html)
    assert sorted_th is not None
    # its link turns the order around, keeps the search, and says the direction in words
    assert 'href="/mottagare/?sort=decided&amp;q=region"' in sorted_th.group(1)
    assert '<span class="visually-hidden"> (sorterad fallande)</span>' in sorted_th.group(1)
    assert 'href="/mottagare/?sort=name&amp;q=region"' in html
    ascending = get(official, "pages:recipients", "?sort=name")
    assert '<th scope="col" aria-sort="ascending">' in ascending
    assert "(sorterad stigande)" in ascending


def test_the_filter_form_is_a_labelled_get_form_that_keeps_the_sort(
    loaded: None, official: Client
) -> None:
    html = get(official, "pages:recipients", "?sort=-decided&kind=Region")
    form = html.split('<form class="table-filter"')[1].split("</form>")[0]
    assert 'method="get"' in form and 'hx-get="/mottagare/"' in form
    assert '<label for="table-q">' in form and '<input type="search" id="table-q" name="q"' in form
    assert '<label for="table-filter-kind">' in form
    assert '<option value="Region" selected>' in form
    assert '<input type="hidden" name="sort" value="-decided">' in form
    assert '<button class="button" type="submit">' in form
    assert 'id="table-status" class="table-status" role="status"' in html
    assert 'hx-target="#table-region"' in html and 'hx-push-url="true"' in html


def test_an_htmx_request_gets_only_the_table_region(loaded: None, official: Client) -> None:
    response = official.get(
        reverse("pages:recipients") + "?q=sk%C3%A5ne&sort=name", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert html.lstrip().startswith('<div id="table-region"')
    assert "<html" not in html and "<nav" not in html and "<form" not in html
    assert body(html) == body(get(official, "pages:recipients", "?q=sk%C3%A5ne&sort=name"))
    # the row count and the form's sort field, for htmx to swap out of band
    assert re.search(r'<p id="table-status">Visar \d+ av \d+ rader\.</p>', html)
    assert '<span id="table-sort-field"><input type="hidden" name="sort" value="name">' in html
    # htmx restoring a page missing from its history cache needs the whole page
    restore = get(
        official,
        "pages:recipients",
        "?sort=name",
        **{"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore


def test_unknown_sort_keys_and_filter_values_are_ignored(loaded: None, official: Client) -> None:
    plain = body(get(official, "pages:recipients"))
    for query in ("?sort=nope", "?sort=-", "?sort=--decided", "?kind=Planet", "?sort=%00"):
        html = get(official, "pages:recipients", query)
        assert body(html) == plain, query
        assert "aria-sort" not in html
    assert body(get(official, "pages:decisions", "?budget_year=1999")) == body(
        get(official, "pages:decisions")
    )


# -- the other list pages -------------------------------------------------------------------


def test_decisions_sort_by_date_as_dates_and_filter_by_budget_year(
    loaded: None, official: Client
) -> None:
    rows = body(get(official, "pages:decisions"))
    assert {row[3] for row in rows} == {"2021", "2023"}
    only_2023 = body(get(official, "pages:decisions", "?budget_year=2023"))
    assert only_2023 and all(row[3] == "2023" for row in only_2023)
    assert len(only_2023) < len(rows)
    by_date = body(get(official, "pages:decisions", "?sort=date"))
    newest_first = body(get(official, "pages:decisions", "?sort=-date"))
    # a decision without a printed date ("saknas") stays last both ways
    assert by_date[-1][1] == newest_first[-1][1] == "saknas"
    html = get(official, "pages:decisions", "?sort=-total")
    totals = [kronor(row[5]) for row in body(html)]
    assert totals == sorted(totals, reverse=True)


def test_agreements_sort_and_search(loaded: None, official: Client) -> None:
    html = get(official, "pages:agreements", "?sort=-total")
    totals = [kronor(row[3]) for row in body(html)]
    assert len(totals) > 1 and totals == sorted(totals, reverse=True)
    found = body(get(official, "pages:agreements", "?q=n%C3%A4ra+v%C3%A5rd"))
    assert found and all("nära vård" in row[0].casefold() for row in found)
    assert len(found) < len(totals)


def test_appropriation_items_filter_by_budget_year_and_sort(loaded: None, official: Client) -> None:
    html = get(official, "pages:appropriations")
    years = re.findall(r"<caption>Anslagsposter budgetår (\d{4})</caption>", html)
    assert len(years) > 1
    one = get(official, "pages:appropriations", f"?year={years[-1]}&sort=-decided")
    assert re.findall(r"<caption>Anslagsposter budgetår (\d{4})", one) == [years[-1]]
    decided = [kronor(row[1].replace(",", "")) for row in body(one)]
    assert decided == sorted(decided, reverse=True)
    exported = load_workbook(
        io.BytesIO(
            official.get(reverse("pages:appropriations") + f"?year={years[-1]}&format=xlsx").content
        )
    )
    assert exported.sheetnames == [years[-1]]


ORG_NUMBERS = {"Region Skåne": "232100-0255", "Region Örebro län": "232100-0164"}


def propose(client: Client, organisation: str) -> None:
    response = client.post(
        reverse("approvals:propose"),
        {
            "organisation": str(Organisation.objects.get(name=organisation).pk),
            "payee_name": organisation,
            "account_type": "bankgiro",
            "account_number": "289-1919",
            "bank": "Nordea",
            "ocr": "",
            "message": "",
            "payee_org_number": ORG_NUMBERS.get(organisation, ""),
            "reason": "Intyg från banken",
        },
    )
    assert response.status_code == 302


def test_approvals_list_sorts_searches_and_exports(loaded: None, official: Client) -> None:
    for name in ("Region Skåne", "Region Örebro län", "Region Stockholm"):
        propose(official, name)
    names = [row[0] for row in body(get(official, "approvals:list", "?sort=-organisation"))]
    assert names == ["Region Örebro län", "Region Stockholm", "Region Skåne"]
    html = get(official, "approvals:list", "?sort=organisation")
    assert [row[0] for row in body(html)] == names[::-1]
    assert 'id="table-region"' in html and 'aria-sort="ascending"' in html
    assert "Inga beslutade ändringar ännu." in html
    found = get(official, "approvals:list", "?q=sk%C3%A5ne")
    assert [row[0] for row in body(found)] == ["Region Skåne"]
    nothing = get(official, "approvals:list", "?q=finns-inte")
    assert "Inga ändringar som väntar matchar urvalet." in nothing
    exported = csv_rows(official, "approvals:list", "?sort=-organisation&format=csv")
    assert [r[0] for r in exported[2:5]] == names  # title, header, then the pending rows


# -- the audit log --------------------------------------------------------------------------


def audit_actors(html: str) -> list[str]:
    tbody = html.split("<tbody>")[1].split("</tbody>")[0]
    return [unescape(a) for a in re.findall(r"</time></td>\s*<td>(.*?)</td>", tbody)]


def test_the_audit_log_sorts_by_actor_in_swedish_order_and_exports_so(
    loaded: None, official: Client, auditor: Client
) -> None:
    propose(official, "Region Örebro län")
    newest = get(auditor, "approvals:audit_log")
    assert audit_actors(newest)[0] == "handlaggare"
    assert '<th scope="col" aria-sort="descending"><a class="sort-link"' in newest
    by_actor = get(auditor, "approvals:audit_log", "?sort=-actor")
    actors = audit_actors(by_actor)
    assert actors == sorted(actors, key=swedish_key, reverse=True) and len(set(actors)) > 2
    header = '<th scope="col" aria-sort="descending"><a class="sort-link" href="/granskningsspar/'
    assert header + '?sort=actor"' in by_actor
    assert 'href="?sort=-actor&amp;format=csv"' in by_actor
    exported = csv_rows(auditor, "approvals:audit_log", "?sort=-actor&format=csv")
    assert [row[1] for row in exported[1 : 1 + len(actors)]] == actors
    oldest = audit_actors(get(auditor, "approvals:audit_log", "?sort=time"))
    assert oldest[0] != "handlaggare"
    assert audit_actors(get(auditor, "approvals:audit_log", "?sort=bogus")) == audit_actors(newest)
