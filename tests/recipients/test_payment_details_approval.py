"""Four eyes on payment details: proposed by one person, in effect only once another approves."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections

from bidrag.accounts.roles import Role
from bidrag.accounts.services import SYSTEM, grant_role
from bidrag.audit.models import AuditEvent
from bidrag.audit.services import history
from bidrag.core.errors import IdentifierError
from bidrag.recipients.approvals import (
    InvalidProposalError,
    NoChangeError,
    NotAllowedError,
    NotPendingError,
    PendingChangeExistsError,
    SelfApprovalError,
    StaleChangeError,
    approve_payment_details_change,
    propose_payment_details_change,
    reject_payment_details_change,
)
from bidrag.recipients.models import ChangeStatus, Organisation, PaymentDetailsChange
from bidrag.recipients.services import (
    PaymentDetailsInput,
    current_payment_details,
    ensure_payee,
    seed_register,
    set_payment_details,
)

OLD_BANKGIRO = "5728-3905"
NEW_BANKGIRO = "289-1919"


def user_with(username: str, *roles: Role, organisation: Organisation | None = None) -> User:
    user = User.objects.create_user(username)
    for role in roles:
        grant_role(SYSTEM, user, role, organisation_id=organisation.pk if organisation else None)
    return user


@pytest.fixture
def skane(db: None) -> Organisation:
    seed_register("test")
    org = Organisation.objects.get(name="Region Skåne")
    payee = ensure_payee("loader", org_number="232100-0255", name="Region Skåne")
    set_payment_details(
        "loader", org, PaymentDetailsInput(payee, "Region Skåne", "bankgiro", OLD_BANKGIRO)
    )
    return org


@pytest.fixture
def people(skane: Organisation) -> dict[str, User]:
    return {
        "officer": user_with("hans", Role.CASE_OFFICER),
        "officer2": user_with("hedda", Role.CASE_OFFICER),
        "attester": user_with("anna", Role.ATTESTER),
        "payments": user_with("bea", Role.PAYMENT_ADMIN),
        "auditor": user_with("rut", Role.AUDITOR),
        "sysadmin": user_with("sam", Role.SYSADMIN),
        # Works for Region Skåne itself, and still may not change its payment details.
        "recipient": user_with("maja", Role.RECIPIENT_USER, organisation=skane),
    }


def propose(actor: User, org: Organisation, **overrides: Any) -> PaymentDetailsChange:
    values: dict[str, Any] = {
        "payee_name": "Region Skåne",
        "account_type": "bankgiro",
        "account_number": NEW_BANKGIRO,
        "bank": "Handelsbanken",
        "reason": "Intyg från banken 2025-03-01",
    }
    return propose_payment_details_change(actor, org, **{**values, **overrides})


def test_a_change_stays_pending_until_a_second_person_approves_it(
    skane: Organisation, people: dict[str, User]
) -> None:
    change = propose(people["officer"], skane)
    assert change.status == ChangeStatus.PENDING
    current = current_payment_details(skane)
    assert current is not None and current.account_number == "57283905"

    approve_payment_details_change(people["attester"], change)

    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert change.decided_by == people["attester"] and change.decided_at is not None
    current = current_payment_details(skane)
    assert current is not None
    assert (current.account_number, current.bank) == ("2891919", "Handelsbanken")
    assert skane.payment_details.count() == 2  # the old row is kept as history


def test_the_audit_trail_shows_proposal_and_approval_with_before_and_after(
    skane: Organisation, people: dict[str, User]
) -> None:
    change = propose(people["payments"], skane)
    approve_payment_details_change(people["officer"], change, note="Kontrollerat mot intyget")

    events = list(history(skane).filter(event_type__startswith="payment_details"))
    kinds = [(e.event_type, e.actor_label) for e in events]
    assert kinds[-3:] == [
        ("payment_details_change.proposed", "bea"),
        ("payment_details_change.approved", "hans"),
        ("payment_details.changed", "hans"),
    ]
    proposed, approved, changed = events[-3:]
    for event in (proposed, approved, changed):
        assert event.old_value["account_number"] == "57283905"
        assert event.new_value["account_number"] == "2891919"
    assert "Intyg från banken" in proposed.note
    assert "föreslagen av bea" in approved.note and "Kontrollerat" in approved.note


def test_the_proposer_cannot_approve_their_own_change(
    skane: Organisation, people: dict[str, User]
) -> None:
    change = propose(people["officer"], skane)
    before = AuditEvent.objects.count()
    with pytest.raises(SelfApprovalError):
        approve_payment_details_change(people["officer"], change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert AuditEvent.objects.count() == before
    current = current_payment_details(skane)
    assert current is not None and current.account_number == "57283905"


def test_an_invalid_bankgiro_check_digit_is_refused_naming_the_field(
    skane: Organisation, people: dict[str, User]
) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(IdentifierError) as refused:
        propose(people["officer"], skane, account_number="289-1918")
    assert refused.value.field == "account_number"
    assert "check digit" in refused.value.reason
    assert not PaymentDetailsChange.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_invalid_plusgiro_and_missing_fields_are_refused_naming_the_field(
    skane: Organisation, people: dict[str, User]
) -> None:
    cases = [
        ({"account_type": "plusgiro", "account_number": "3 70 20-4"}, "account_number"),
        ({"account_type": "", "account_number": "2891919"}, "account_type"),
        ({"payee_name": "  "}, "payee_name"),
        ({"reason": ""}, "reason"),
    ]
    for overrides, field in cases:
        with pytest.raises((IdentifierError, InvalidProposalError)) as refused:
            propose(people["officer"], skane, **overrides)
        assert refused.value.field == field
    assert not PaymentDetailsChange.objects.exists()


def test_double_approval_is_refused(skane: Organisation, people: dict[str, User]) -> None:
    change = propose(people["officer"], skane)
    approve_payment_details_change(people["attester"], change)
    stale_copy = PaymentDetailsChange.objects.get(pk=change.pk)
    with pytest.raises(NotPendingError):
        approve_payment_details_change(people["officer2"], stale_copy)
    assert skane.payment_details.count() == 2
    assert history(skane).filter(event_type="payment_details_change.approved").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks the file)"
)
def test_two_simultaneous_approvals_apply_the_change_once() -> None:
    seed_register("test")
    org = Organisation.objects.get(name="Region Skåne")
    payee = ensure_payee("loader", org_number="232100-0255", name="Region Skåne")
    set_payment_details(
        "loader", org, PaymentDetailsInput(payee, "Region Skåne", "bankgiro", OLD_BANKGIRO)
    )
    officer = user_with("hans", Role.CASE_OFFICER)
    approvers = [user_with("anna", Role.ATTESTER), user_with("adam", Role.ATTESTER)]
    change = propose(officer, org)
    barrier = threading.Barrier(len(approvers))
    outcomes: list[str] = []

    def approve(user: User) -> None:
        try:
            barrier.wait()
            approve_payment_details_change(user, PaymentDetailsChange.objects.get(pk=change.pk))
            outcomes.append("approved")
        except NotPendingError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in approvers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert org.payment_details.count() == 2
    assert history(org).filter(event_type="payment_details.changed").count() == 2  # load + one


def test_rejection_leaves_the_details_and_is_audited(
    skane: Organisation, people: dict[str, User]
) -> None:
    change = propose(people["officer"], skane)
    with pytest.raises(InvalidProposalError) as refused:
        reject_payment_details_change(people["attester"], change, "")
    assert refused.value.field == "decision_note"
    reject_payment_details_change(people["attester"], change, "Intyget saknar stämpel")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.decision_note.startswith("Intyget")
    current = current_payment_details(skane)
    assert current is not None and current.account_number == "57283905"
    event = history(skane).get(event_type="payment_details_change.rejected")
    assert event.actor_label == "anna" and event.new_value["account_number"] == "2891919"
    with pytest.raises(NotPendingError):
        approve_payment_details_change(people["officer2"], change)


def test_the_proposer_may_withdraw(skane: Organisation, people: dict[str, User]) -> None:
    change = propose(people["payments"], skane)
    reject_payment_details_change(people["payments"], change, "Fel uppgifter")
    assert history(skane).filter(event_type="payment_details_change.withdrawn").count() == 1


def test_who_may_propose_and_decide(skane: Organisation, people: dict[str, User]) -> None:
    for name in ("attester", "auditor", "sysadmin", "recipient"):
        with pytest.raises(NotAllowedError):
            propose(people[name], skane)
    change = propose(people["officer"], skane)
    for name in ("payments", "auditor", "sysadmin", "recipient"):
        with pytest.raises(NotAllowedError):
            approve_payment_details_change(people[name], change)
        with pytest.raises(NotAllowedError):
            reject_payment_details_change(people[name], change, "nej")
    approve_payment_details_change(people["officer2"], change)


def test_one_pending_change_per_organisation_and_no_empty_change(
    skane: Organisation, people: dict[str, User]
) -> None:
    with pytest.raises(NoChangeError):
        propose(people["officer"], skane, account_number=OLD_BANKGIRO, bank="")
    propose(people["officer"], skane)
    with pytest.raises(PendingChangeExistsError):
        propose(people["payments"], skane, account_number="390-1485")
    assert PaymentDetailsChange.objects.count() == 1


def test_approval_is_refused_when_the_details_changed_since_the_proposal(
    skane: Organisation, people: dict[str, User]
) -> None:
    change = propose(people["officer"], skane)
    current = current_payment_details(skane)
    assert current is not None
    set_payment_details(
        "loader",
        skane,
        PaymentDetailsInput(current.payee, "Region Skåne", "bankgiro", "390-1485"),
    )
    with pytest.raises(StaleChangeError):
        approve_payment_details_change(people["attester"], change)
    current = current_payment_details(skane)
    assert current is not None and current.account_number == "3901485"


def test_no_face_can_change_payment_details_without_approval() -> None:
    """Web pages, the API and console commands never call set_payment_details directly."""
    src = Path(__file__).resolve().parents[2] / "src" / "bidrag"
    faces = [src / "web", src / "api", src / "cli"]
    offenders = [
        str(path.relative_to(src))
        for face in faces
        for path in face.rglob("*.py")
        if "set_payment_details" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
