"""Who may open what: every page and API endpoint, for every role, refusals included.

Columns: anonymous, then each role; the API rows run once with a session and once with an
API token per role (``Authorization: Bearer``). A recipient's users belong to Region Stockholm;
"other" is Region Uppsala. ``LOGIN`` means a redirect to the sign-in page. A new URL pattern fails
``test_every_url_is_in_the_matrix`` until it has a row here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, create_token, grant_role
from bidrag.accounts.testing import bearer, sign_in
from bidrag.ledger.models import AppropriationItem
from bidrag.recipients.approvals import propose_payment_details_change
from bidrag.recipients.models import Organisation

pytestmark = pytest.mark.usefixtures("loaded")

LOGIN = "login"
ANONYMOUS = "anonymous"
COLUMNS = [ANONYMOUS, *(r.value for r in Role)]
# anonymous, ministry_official, case_officer, attester, payment_admin, recipient_user,
# recipient_signatory, auditor, sysadmin
EVERYONE = (200,) * 9
ALL_SEEING = (LOGIN, 200, 200, 200, 200, 403, 403, 200, 403)
MONEY = (LOGIN, 200, 200, 200, 200, 200, 200, 200, 403)
OTHER_ORG = (LOGIN, 200, 200, 200, 200, 404, 404, 200, 403)
APPROVALS = (LOGIN, 403, 200, 200, 200, 403, 403, 200, 403)
PROPOSERS = (LOGIN, 403, 200, 403, 200, 403, 403, 403, 403)
APPROVERS_ACT = (LOGIN, 403, 302, 302, 403, 403, 403, 403, 403)
PROPOSERS_ACT = (LOGIN, 403, 302, 403, 302, 403, 403, 403, 403)
AUDITORS = (LOGIN, 403, 403, 403, 403, 403, 403, 200, 403)
API_MONEY = (401, 200, 200, 200, 200, 200, 200, 200, 403)
API_OTHER_ORG = (401, 200, 200, 200, 200, 404, 404, 200, 403)
API_ALL_SEEING = (401, 200, 200, 200, 200, 403, 403, 200, 403)
API_APPROVALS = (401, 403, 200, 200, 200, 403, 403, 200, 403)
API_SIGNED_IN = (401, *(200,) * 8)
SIGNED_IN = (LOGIN, *(200,) * 8)
SIGNED_IN_ELSEWHERE = (200, 302, 302, 302, 302, 302, 302, 302, 302)
SYSADMIN = (LOGIN, 403, 403, 403, 403, 403, 403, 403, 200)
SYSADMIN_ACT = (LOGIN, 403, 403, 403, 403, 403, 403, 403, 302)

PSV = "2021-psv-payment-decision"
GNV = "2021-agreement-god-och-nara-vard"


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    expected: tuple[int | str, ...]
    data: tuple[tuple[str, str], ...] = ()


def cases(ids: dict[str, int]) -> list[Case]:
    own, other, item = ids["own"], ids["other"], ids["item"]
    target, users = ids["target"], f"/anvandare/{ids['target']}"
    change, other_change = ids["change"], ids["other_change"]
    new_bankgiro = (
        ("organisation", str(own)),
        ("payee_name", "Region Stockholm"),
        ("account_type", "bankgiro"),
        ("account_number", "5050-1055"),
        ("reason", "Nytt bankgiro enligt intyg från banken"),
    )
    return [
        Case("GET", "/", EVERYONE),
        Case("GET", "/overenskommelser/", ALL_SEEING),
        Case("GET", f"/overenskommelser/{GNV}/", ALL_SEEING),
        Case("GET", "/beslut/", MONEY),
        Case("GET", "/beslut/?format=csv", MONEY),
        Case("GET", f"/beslut/{PSV}/", MONEY),
        Case("GET", f"/beslut/{PSV}/?format=xlsx", MONEY),
        Case("GET", f"/beslut/{PSV}/beslut.pdf", ALL_SEEING),
        Case("GET", f"/beslut/{PSV}/beslut.html", ALL_SEEING),
        Case("GET", "/mottagare/", MONEY),
        Case("GET", f"/mottagare/{own}/", MONEY),
        Case("GET", f"/mottagare/{other}/", OTHER_ORG),
        Case("GET", f"/mottagare/{other}/?format=csv", OTHER_ORG),
        Case("GET", "/anslag/", ALL_SEEING),
        Case("GET", f"/anslag/{item}/", ALL_SEEING),
        Case("GET", "/godkannanden/", APPROVALS),
        Case("GET", f"/godkannanden/betalningsuppgifter/ny/?organisation={own}", PROPOSERS),
        Case("POST", "/godkannanden/betalningsuppgifter/ny/", PROPOSERS_ACT, new_bankgiro),
        Case("GET", f"/godkannanden/betalningsuppgifter/{change}/", APPROVALS),
        Case(
            "POST",
            f"/godkannanden/betalningsuppgifter/{change}/godkann/",
            APPROVERS_ACT,
            (("confirm", "on"),),
        ),
        Case(
            "POST",
            f"/godkannanden/betalningsuppgifter/{other_change}/avsla/",
            APPROVERS_ACT,
            (("decision_note", "Underlaget saknas"),),
        ),
        Case("GET", "/granskningsspar/", AUDITORS),
        Case("GET", "/granskningsspar/?format=xlsx", AUDITORS),
        Case("GET", f"/granskningsspar/recipients.Organisation/{own}/", AUDITORS),
        # The system administrator's user pages; the POSTs run in this order on one user.
        Case("GET", "/anvandare/", SYSADMIN),
        Case("GET", "/anvandare/?roll=recipient_user", SYSADMIN),
        Case("GET", "/anvandare/ny/", SYSADMIN),
        Case("POST", "/anvandare/ny/", SYSADMIN, (("username", "matrix-new"),)),
        Case("GET", f"{users}/", SYSADMIN),
        Case(
            "POST",
            f"{users}/organisationer/lagg-till/",
            SYSADMIN_ACT,
            (("membership-organisation", str(own)),),
        ),
        Case(
            "POST", f"{users}/roller/tilldela/", SYSADMIN_ACT, (("grant-role", "recipient_user"),)
        ),
        Case("POST", f"{users}/roller/ta-bort/", SYSADMIN_ACT, (("role", "recipient_user"),)),
        Case(
            "POST", f"{users}/organisationer/ta-bort/", SYSADMIN_ACT, (("organisation", str(own)),)
        ),
        Case("POST", f"{users}/tvastegsverifiering/", SYSADMIN_ACT),
        Case("POST", f"{users}/losenordslank/", SYSADMIN),
        Case("POST", f"{users}/inaktivera/", SYSADMIN_ACT, (("deactivate-confirm", "on"),)),
        Case("GET", "/api/v1/decisions", API_MONEY),
        Case("GET", f"/api/v1/decisions/{PSV}", API_MONEY),
        Case("GET", "/api/v1/entitlements", API_MONEY),
        Case("GET", f"/api/v1/entitlements?decision={PSV}", API_MONEY),
        Case("GET", "/api/v1/payees", API_MONEY),
        Case("GET", "/api/v1/recipients", API_MONEY),
        Case("GET", f"/api/v1/recipients/{own}", API_MONEY),
        Case("GET", f"/api/v1/recipients/{other}", API_OTHER_ORG),
        Case("GET", "/api/v1/appropriation-items", API_ALL_SEEING),
        Case("GET", f"/api/v1/appropriation-items/{item}", API_ALL_SEEING),
        Case("GET", "/api/v1/payment-detail-changes?status=pending", API_APPROVALS),
        Case("GET", "/api/v1/payment-detail-changes", API_APPROVALS),
        # The API's description: for users with a role (API_DOCS_PUBLIC is off under test and
        # production settings); the Swagger page sends anonymous browsers to sign in.
        Case("GET", "/api/v1/openapi.json", API_SIGNED_IN),
        Case("GET", "/api/v1/docs", SIGNED_IN),
        # Anything else under /api/ is a JSON 404, signed in or not.
        Case("GET", "/api/v1/no-such-endpoint", (404,) * 9),
        Case("POST", "/api/v1/decisions", (405,) * 9),
        Case("GET", "/konto/logga-in/", SIGNED_IN_ELSEWHERE),
        # Without a password step in progress, the code step sends everyone back to it.
        Case("GET", "/konto/logga-in/kod/", (LOGIN,) * 9),
        # Enrolment needs a device issued by an administrator: none here, so back to the start.
        Case("GET", "/konto/logga-in/aktivera/", (LOGIN, *(302,) * 8)),
        # A set-password link with a wrong token explains that the link does not work.
        Case("GET", f"/konto/losenord/{target}/fel-token/", EVERYONE),
        Case("GET", "/konto/losenord/klart/", EVERYONE),
        Case("POST", "/konto/logga-ut/", (302,) * 9),
        Case("POST", "/i18n/setlang/", (302,) * 9, (("language", "en"), ("next", "/"))),
        # Django's admin is for superusers only; everyone else is sent to sign in.
        Case("GET", "/admin/", (302,) * 9),
    ]


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    stockholm = Organisation.objects.get(name="Region Stockholm")
    uppsala = Organisation.objects.get(name="Region Uppsala")
    item = AppropriationItem.objects.get(appropriation__budget_year=2021, number=40)
    clients: dict[str, Client] = {ANONYMOUS: Client()}
    for role in Role:
        user = User.objects.create_user(f"matrix-{role.value}", password="x" * 16)
        recipient = role in (Role.RECIPIENT_USER, Role.RECIPIENT_SIGNATORY)
        grant_role(SYSTEM, user, role, organisation_id=stockholm.pk if recipient else None)
        client = Client()
        sign_in(client, user)
        clients[role.value] = client
    proposer = User.objects.create_user("matrix-proposer", password="x" * 16)
    grant_role(SYSTEM, proposer, Role.PAYMENT_ADMIN)
    change = propose_payment_details_change(
        proposer,
        uppsala,
        payee_name="Region Uppsala",
        payee_org_number="232100-0172",
        account_type="bankgiro",
        account_number="5050-1055",
        reason="Nytt bankgiro enligt intyg",
    )
    other_change = propose_payment_details_change(
        proposer,
        Organisation.objects.get(name="Region Skåne"),
        payee_name="Region Skåne",
        payee_org_number="232100-0255",
        account_type="plusgiro",
        account_number="3 70 20-5",
        reason="Nytt plusgiro",
    )
    ids = {
        "own": stockholm.pk,
        "other": uppsala.pk,
        "item": item.pk,
        "change": change.pk,
        "other_change": other_change.pk,
        "target": User.objects.create_user("matrix-target").pk,
    }
    return {"clients": clients, "ids": ids}


def _outcome(response: Any) -> int | str:
    if response.status_code == 302 and response["Location"].startswith("/konto/logga-in/"):
        return LOGIN
    return int(response.status_code)


@pytest.mark.parametrize("column", COLUMNS)
def test_each_role_gets_exactly_its_pages(world: dict[str, Any], column: str) -> None:
    client = world["clients"][column]
    index = COLUMNS.index(column)
    mismatches = []
    for case in cases(world["ids"]):
        if case.method == "GET":
            response = client.get(case.path)
        else:
            response = client.post(case.path, dict(case.data))
        got, wanted = _outcome(response), case.expected[index]
        if got != wanted:
            mismatches.append(f"{case.method} {case.path}: got {got}, expected {wanted}")
        if case.method == "POST" and column not in (ANONYMOUS,):
            sign_in_again(world, column)
    assert not mismatches, f"{column}:\n" + "\n".join(mismatches)


@pytest.mark.parametrize("column", COLUMNS)
def test_a_token_gets_exactly_what_the_session_gets(world: dict[str, Any], column: str) -> None:
    """The API rows again, each role with an API token instead of a session."""
    client = Client()
    headers = {}
    if column != ANONYMOUS:
        user = User.objects.get(username=f"matrix-{column}")
        headers = bearer(create_token(SYSTEM, user)[1])
    index = COLUMNS.index(column)
    mismatches = []
    for case in cases(world["ids"]):
        if not case.path.startswith("/api/"):
            continue
        response = client.generic(case.method, case.path, headers=headers)
        got, wanted = _outcome(response), case.expected[index]
        if got != wanted:
            mismatches.append(f"{case.method} {case.path}: got {got}, expected {wanted}")
    assert not mismatches, f"{column}:\n" + "\n".join(mismatches)


def sign_in_again(world: dict[str, Any], column: str) -> None:
    """Sign-out and language posts change the session; later cases need the same user."""
    user = User.objects.get(username=f"matrix-{column}")
    client = Client()
    sign_in(client, user)
    world["clients"][column] = client


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            found += [(ns + name, route) for name, route in _patterns(p, prefix + str(p.pattern))]
        elif isinstance(p, URLPattern):
            found.append((p.name or "", prefix + str(p.pattern)))
    return found


def test_every_url_is_in_the_matrix(world: dict[str, Any]) -> None:
    covered = {resolve(case.path.split("?")[0]).view_name for case in cases(world["ids"])}
    ours = {
        name
        for name, route in _patterns(get_resolver())
        if not route.startswith("admin/") and name and name != "api-v1:api-root"
    }
    assert ours - covered == set()
