"""The JSON API: session sign-in, every list and detail scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from django.test import Client

from bidrag.accounts.roles import Role
from bidrag.agreements.models import AnnexRow
from bidrag.recipients.approvals import propose_payment_details_change
from bidrag.recipients.models import Organisation

ClientAs = Callable[..., Client]
PSV_2021 = "2021-psv-payment-decision"


def org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def test_anonymous_requests_get_401(loaded: None, db: None) -> None:
    client = Client()
    for url in (
        "/api/v1/decisions",
        f"/api/v1/decisions/{PSV_2021}",
        "/api/v1/recipients",
        f"/api/v1/recipients/{org('Region Uppsala').pk}",
        "/api/v1/appropriation-items",
        "/api/v1/payment-detail-changes?status=pending",
    ):
        assert client.get(url).status_code == 401, url


def test_a_recipient_user_sees_only_their_organisation(client_as: ClientAs) -> None:
    uppsala, stockholm = org("Region Uppsala"), org("Region Stockholm")
    client = client_as(Role.RECIPIENT_USER, "Region Uppsala")

    listed = client.get("/api/v1/recipients").json()
    assert [r["id"] for r in listed] == [uppsala.pk]
    assert client.get(f"/api/v1/recipients/{stockholm.pk}").status_code == 404
    assert client.get("/api/v1/recipients/999999").status_code == 404

    detail = client.get(f"/api/v1/recipients/{uppsala.pk}").json()
    expected = sum(
        AnnexRow.objects.filter(recipient=uppsala, annex__decision__isnull=False).values_list(
            "amount", flat=True
        )
    )
    assert detail["decided_total"] == expected > 0
    assert all(isinstance(d["amount"], int) for d in detail["decided"])
    assert listed[0]["decided_total"] == expected


def test_a_recipient_user_sees_only_their_rows_of_a_decision(client_as: ClientAs) -> None:
    uppsala = org("Region Uppsala")
    client = client_as(Role.RECIPIENT_USER, "Region Uppsala")
    decisions = client.get("/api/v1/decisions").json()
    assert PSV_2021 in [d["document_id"] for d in decisions]
    detail = client.get(f"/api/v1/decisions/{PSV_2021}").json()
    assert detail["lines"] and all(isinstance(x["amount"], int) for x in detail["lines"])
    rows = [row for annex in detail["annexes"] for row in annex["rows"]]
    assert rows and {row["recipient"]["id"] for row in rows} == {uppsala.pk}
    assert client.get("/api/v1/decisions/no-such-decision").status_code == 404


def test_recipient_users_may_not_read_appropriations_or_pending_changes(
    client_as: ClientAs,
) -> None:
    client = client_as(Role.RECIPIENT_USER, "Region Uppsala")
    assert client.get("/api/v1/appropriation-items").status_code == 403
    assert client.get("/api/v1/payment-detail-changes?status=pending").status_code == 403


def test_an_auditor_sees_everything(client_as: ClientAs) -> None:
    stockholm = org("Region Stockholm")
    officer = client_as(Role.CASE_OFFICER)
    propose_payment_details_change(
        officer.user,  # type: ignore[attr-defined]
        stockholm,
        payee_name="Region Stockholm",
        account_type="bankgiro",
        account_number="289-1919",
        reason="Intyg från banken",
    )
    auditor = client_as(Role.AUDITOR)
    listed = auditor.get("/api/v1/recipients").json()
    assert len(listed) == Organisation.objects.count()
    assert auditor.get(f"/api/v1/recipients/{stockholm.pk}").status_code == 200
    detail = auditor.get(f"/api/v1/decisions/{PSV_2021}").json()
    recipients = {row["recipient"]["id"] for a in detail["annexes"] for row in a["rows"]}
    assert len(recipients) > 1

    items = auditor.get("/api/v1/appropriation-items").json()
    assert items and all(isinstance(i["balances"]["decided"], int) for i in items)
    assert sum(i["balances"]["decided"] for i in items) > 0
    one = auditor.get(f"/api/v1/appropriation-items/{items[0]['id']}").json()
    assert one["balances_ore"]["decided"] == one["balances"]["decided"] * 100

    pending = auditor.get("/api/v1/payment-detail-changes?status=pending").json()
    assert [(p["organisation"]["id"], p["proposed"]["account_number"]) for p in pending] == [
        (stockholm.pk, "2891919")
    ]


def test_the_system_administrator_is_refused_money_data(client_as: ClientAs) -> None:
    """Users and roles only: refused like on the pages, not answered with empty lists."""
    client = client_as(Role.SYSADMIN)
    assert client.get("/api/v1/recipients").status_code == 403
    assert client.get("/api/v1/decisions").status_code == 403
    assert client.get(f"/api/v1/recipients/{org('Region Stockholm').pk}").status_code == 403
    assert client.get("/api/v1/appropriation-items").status_code == 403


def test_each_decision_carries_its_file_id(client_as: ClientAs) -> None:
    """``document_id`` is the ``id:`` of the payment decision's file in ``decisions/``."""
    files = Path(__file__).resolve().parents[2] / "decisions"
    ids = {
        document["id"]
        for document in (
            yaml.safe_load(p.read_text(encoding="utf-8")) for p in files.glob("*.yaml")
        )
        if document["kind"] == "payment_decision"
    }
    listed = client_as(Role.AUDITOR).get("/api/v1/decisions").json()
    assert {d["document_id"] for d in listed} == ids and len(ids) == 2
