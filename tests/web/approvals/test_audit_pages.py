"""The audit trail for auditors: the log with filters and CSV/XLSX export, a record's history."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from bidrag.audit.models import AuditEvent
from bidrag.recipients.approvals import (
    approve_payment_details_change,
    propose_payment_details_change,
)
from bidrag.recipients.models import Organisation

ClientFor = Callable[[str], Client]


@pytest.fixture
def approved(payee: Organisation, demo_users: dict[str, User]) -> Organisation:
    change = propose_payment_details_change(
        demo_users["handlaggare"],
        payee,
        payee_name="Region Stockholm",
        account_type="bankgiro",
        account_number="289-1919",
        reason="Intyg från banken",
    )
    approve_payment_details_change(demo_users["attestant"], change)
    return payee


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("revisor", 200),
        ("handlaggare", 403),
        ("attestant", 403),
        ("betalning", 403),
        ("departement", 403),
        ("sysadmin", 403),
        ("mottagare", 403),
    ],
)
def test_only_auditors_see_the_audit_log(client_for: ClientFor, username: str, status: int) -> None:
    client = client_for(username)
    assert client.get(reverse("approvals:audit_log")).status_code == status
    assert client.get(reverse("approvals:audit_log") + "?format=csv").status_code == status


def test_the_log_shows_proposal_and_approval_with_before_and_after(
    approved: Organisation, client_for: ClientFor
) -> None:
    url = reverse("approvals:audit_log") + "?object_type=recipients.Organisation"
    page = client_for("revisor").get(url).content.decode()
    assert "Ändring av betalningsuppgifter föreslagen" in page
    assert "Ändring av betalningsuppgifter godkänd" in page
    assert "57283905" in page and "<strong>2891919</strong>" in page
    filtered = client_for("revisor").get(
        reverse("approvals:audit_log") + "?event_type=payment_details_change.approved"
    )
    assert filtered.context["total"] == 1


def test_the_log_exports_csv_and_xlsx_of_the_selection(
    approved: Organisation, client_for: ClientFor
) -> None:
    client = client_for("revisor")
    query = "?event_type=payment_details_change.proposed&format="
    csv = client.get(reverse("approvals:audit_log") + query + "csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "payment_details_change.proposed" in text and "handlaggare" in text
    assert "2891919" in text and "57283905" in text
    assert "payment_details_change.approved" not in text

    xlsx = client.get(reverse("approvals:audit_log") + query + "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    rows = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    assert any("payment_details_change.proposed" in row for row in rows)


def test_a_records_history_page_and_template_tag(
    approved: Organisation, client_for: ClientFor, demo_users: dict[str, User]
) -> None:
    url = reverse("approvals:record_history", args=["recipients.Organisation", approved.pk])
    page = client_for("revisor").get(url).content.decode()
    assert "Ändring av betalningsuppgifter godkänd" in page and "attestant" in page
    assert client_for("handlaggare").get(url).status_code == 403

    template = Template("{% load audit_trail %}{% audit_history org %}")
    for username, shown in (("revisor", True), ("handlaggare", False), ("mottagare", False)):
        request = RequestFactory().get("/")
        request.user = demo_users[username]
        html = template.render(Context({"request": request, "org": approved}))
        assert ("Betalningsuppgifter ändrade" in html) is shown
        assert ("Granskningsspår" in html) is shown


def test_the_audit_trail_cannot_be_changed_through_the_log(
    approved: Organisation, client_for: ClientFor
) -> None:
    before = AuditEvent.objects.count()
    response = client_for("revisor").post(reverse("approvals:audit_log"), {})
    assert response.status_code == 405
    assert AuditEvent.objects.count() == before


def test_the_propose_link_is_shown_to_proposers_only(
    payee: Organisation, demo_users: dict[str, User]
) -> None:
    template = Template("{% load approvals %}{% propose_payment_details_link org %}")
    for username, shown in (("handlaggare", True), ("attestant", False), ("mottagare", False)):
        request = RequestFactory().get("/")
        request.user = demo_users[username]
        html = template.render(Context({"request": request, "org": payee}))
        assert (f"?organisation={payee.pk}" in html) is shown
