"""No input reaches a 500: every page with hostile query strings, every form with hostile fields.

The decisions are loaded and a change of payment details is pending, so the pages show data and
the exports have rows. Each signed-in role asks every page; nothing may answer 5xx. Runs on
SQLite and, in CI, on PostgreSQL (which refuses NUL characters in text, unlike SQLite).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bidrag.accounts.demo import create_demo_users
from bidrag.accounts.testing import sign_in
from bidrag.agreements.models import Agreement, PaymentDecision
from bidrag.ledger.models import AppropriationItem
from bidrag.recipients.approvals import propose_payment_details_change
from bidrag.recipients.models import Organisation, PaymentDetailsChange

LONG = "x" * 10_001
HOSTILE = [LONG, "a\x00b", "abc", "-1", "99999999999999999999999", "2021-02-30", "=\u202e%"]
PER_FIELD = [LONG, "a\x00b", "99999999999999999999999"]
QUERY_PARAMS = [
    "q",
    "sort",
    "page",
    "format",
    "organisation",
    "event_type",
    "object_type",
    "actor",
    "text",
    "date_from",
    "date_to",
    "roll",
    "budget_year",
    "year",
    "next",
]
ROLES = ["handlaggare", "revisor", "sysadmin", "mottagare"]

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.fixture
def world(new_region: Callable[[str], Organisation]) -> Iterator[dict[str, object]]:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    create_demo_users(stockholm.pk)
    users = {u.username: u for u in User.objects.all()}
    other = new_region("Region Prov")
    change = propose_payment_details_change(
        users["handlaggare"],
        other,
        payee_name='=HYPERLINK("http://x","y")',
        account_type="bankgiro",
        account_number="5050-1055",
        reason="Nytt intyg från banken",
    )
    yield {"users": users, "stockholm": stockholm, "change": change}


def client_for(user: User) -> Client:
    client = Client(raise_request_exception=False)
    sign_in(client, user)
    return client


def page_urls(world: dict[str, object]) -> list[tuple[str, str]]:
    """(role, url) of every page, each asked by a role that may see it."""
    stockholm = world["stockholm"]
    change = world["change"]
    users = world["users"]
    assert isinstance(stockholm, Organisation) and isinstance(change, PaymentDetailsChange)
    assert isinstance(users, dict)
    decision = PaymentDecision.objects.order_by("pk").first()
    agreement = Agreement.objects.order_by("pk").first()
    item = AppropriationItem.objects.order_by("pk").first()
    assert decision and agreement and item
    official = [
        reverse("web:home"),
        reverse("pages:agreements"),
        reverse("pages:agreement", args=[agreement.document_id]),
        reverse("pages:decisions"),
        reverse("pages:decision", args=[decision.document_id]),
        reverse("pages:decision_html", args=[decision.document_id]),
        reverse("pages:recipients"),
        reverse("pages:recipient", args=[stockholm.pk]),
        reverse("pages:appropriations"),
        reverse("pages:appropriation", args=[item.pk]),
        reverse("approvals:list"),
        reverse("approvals:propose"),
        reverse("approvals:change", args=[change.pk]),
    ]
    return [
        *(("handlaggare", url) for url in official),
        ("revisor", reverse("approvals:audit_log")),
        (
            "revisor",
            reverse("approvals:record_history", args=["recipients.Organisation", stockholm.pk]),
        ),
        ("sysadmin", reverse("users:list")),
        ("sysadmin", reverse("users:create")),
        ("sysadmin", reverse("users:detail", args=[users["mottagare"].pk])),
        ("mottagare", reverse("web:home")),
        ("mottagare", reverse("pages:decisions")),
        ("mottagare", reverse("pages:recipient", args=[stockholm.pk])),
        ("mottagare", reverse("accounts:login")),
    ]


def test_hostile_query_strings_never_reach_a_server_error(world: dict[str, object]) -> None:
    users = world["users"]
    assert isinstance(users, dict)
    clients = {role: client_for(users[role]) for role in ROLES}
    failures = []
    for role, url in page_urls(world):
        queries = [dict.fromkeys(QUERY_PARAMS, value) for value in HOSTILE]
        queries += [{"format": "csv"}, {"format": "xlsx"}]  # the exports, with their rows
        for query in queries:
            response = clients[role].get(url, query)
            if response.status_code >= 500:
                failures.append(f"{role} GET {url} {str(query)[:60]}")
    assert not failures, "\n".join(failures)


def form_posts(world: dict[str, object]) -> list[tuple[str, str, list[str]]]:
    """(role, url, field names) of every form; the fields get hostile values."""
    users = world["users"]
    change = world["change"]
    assert isinstance(users, dict) and isinstance(change, PaymentDetailsChange)
    target = users["mottagare"].pk
    proposal = [
        "organisation",
        "payee_name",
        "account_type",
        "account_number",
        "bank",
        "payment_reference",
        "reason",
    ]
    return [
        ("handlaggare", reverse("approvals:propose"), proposal),
        ("attestant", reverse("approvals:approve", args=[change.pk]), ["confirm", "note"]),
        ("attestant", reverse("approvals:reject", args=[change.pk]), ["decision_note"]),
        ("sysadmin", reverse("users:create"), ["username", "first_name", "last_name", "email"]),
        (
            "sysadmin",
            reverse("users:grant", args=[target]),
            ["grant-role", "grant-organisation"],
        ),
        ("sysadmin", reverse("users:revoke", args=[target]), ["role"]),
        ("sysadmin", reverse("users:add_org", args=[target]), ["membership-organisation"]),
        ("sysadmin", reverse("users:remove_org", args=[target]), ["organisation"]),
        ("sysadmin", reverse("users:deactivate", args=[target]), ["deactivate-confirm"]),
        ("sysadmin", reverse("users:reset_device", args=[target]), []),
        ("sysadmin", reverse("users:password_link", args=[target]), []),
        ("revisor", "/i18n/setlang/", ["language", "next"]),
    ]


def test_hostile_form_fields_never_reach_a_server_error(world: dict[str, object]) -> None:
    users = world["users"]
    assert isinstance(users, dict)
    failures = []
    for role, url, fields in form_posts(world):
        client = client_for(users[role])
        for value in HOSTILE:
            # All fields hostile at once; the worst values also in each field alone, the
            # others plausible (so that the form gets as far as the service).
            plausible = {
                "organisation": str(world["stockholm"].pk),  # type: ignore[attr-defined]
                "payee_name": "Region Stockholm",
                "account_type": "bankgiro",
                "account_number": "5050-1055",
                "reason": "Intyg",
                "confirm": "on",
            }
            cases = [dict.fromkeys(fields, value)]
            if value in PER_FIELD:
                cases += [{**plausible, field: value} for field in fields]
            for data in cases:
                response = client.post(url, data)
                if response.status_code >= 500:
                    hostile = [k for k, v in data.items() if v == value]
                    failures.append(f"{role} POST {url} {hostile}={value[:20]!r}")
    assert not failures, "\n".join(failures)


def test_sign_in_forms_with_hostile_fields_never_reach_a_server_error(db: None) -> None:
    client = Client(raise_request_exception=False)
    failures = []
    for value in HOSTILE:
        for url, data in (
            (reverse("accounts:login"), {"username": value, "password": value}),
            (reverse("accounts:code"), {"code": value}),
            (reverse("accounts:enrol"), {"code": value}),
        ):
            response = client.post(url, data)
            if response.status_code >= 500:
                failures.append(f"POST {url} {value[:20]!r}")
    assert not failures, "\n".join(failures)
