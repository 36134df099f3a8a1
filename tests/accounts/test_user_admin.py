"""User administration services: each change audited with before and after; the refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import roles_of
from bidrag.accounts.second_factor import ENROLMENT_DEVICE_NAME, issued_enrolment_device
from bidrag.accounts.services import (
    SYSTEM,
    InvalidUserError,
    MembershipConflictError,
    MembershipRequiredError,
    NotAllowedError,
    RoleConflictError,
    SelfChangeError,
    add_membership,
    create_user,
    deactivate_user,
    grant_role,
    remove_membership,
    reset_second_factor,
    revoke_role,
)
from bidrag.audit.models import AuditEvent
from bidrag.recipients.models import Organisation


def events(user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.for_object(user))


def last(user: User) -> AuditEvent:
    return events(user)[-1]


@pytest.fixture
def admin(db: None) -> User:
    user = User.objects.create_user("sam")
    grant_role(SYSTEM, user, Role.SYSADMIN)
    return user


@pytest.fixture
def person(db: None) -> User:
    return User.objects.create_user("person")


@pytest.fixture
def uppsala(db: None) -> Organisation:
    return Organisation.objects.create(kind="region", name="Region Uppsala", county_code="03")


def snap(roles=(), organisations=(), active=True, second_factor="none") -> dict:
    return {
        "roles": list(roles),
        "organisations": list(organisations),
        "active": active,
        "second_factor": second_factor,
    }


def test_create_user_has_no_password_an_issued_device_and_an_audit_record(admin: User) -> None:
    user = create_user(admin, " nils.n ", "Nils", "Nilsson", "nils@example.se")
    assert user.username == "nils.n" and not user.has_usable_password()
    assert issued_enrolment_device(user) is not None
    event = last(user)
    assert event.event_type == "user.created" and event.actor == admin
    assert event.old_value is None
    assert event.new_value == snap(second_factor="pending")


@pytest.mark.parametrize(
    ("username", "email", "field"),
    [("", "", "username"), ("SAM", "", "username"), ("ok", "not-an-address", "email")],
)
def test_create_user_refuses_bad_fields(admin: User, username, email, field) -> None:
    with pytest.raises(InvalidUserError) as refused:
        create_user(admin, username, email=email)
    assert refused.value.field == field
    assert User.objects.count() == 1


def test_grant_and_revoke_role_record_before_and_after(admin: User, person: User) -> None:
    grant_role(admin, person, Role.ATTESTER)
    assert roles_of(person) == {Role.ATTESTER}
    granted = last(person)
    assert granted.event_type == "user.role_granted" and granted.actor == admin
    assert (granted.old_value, granted.new_value) == (snap(), snap(["attester"]))
    revoke_role(admin, person, Role.ATTESTER)
    assert roles_of(person) == set()
    revoked = last(person)
    assert revoked.event_type == "user.role_revoked"
    assert (revoked.old_value, revoked.new_value) == (snap(["attester"]), snap())


def test_memberships_record_before_and_after(admin: User, person: User, stockholm, uppsala) -> None:
    add_membership(admin, person, stockholm.pk)
    added = last(person)
    assert added.event_type == "user.membership_added" and added.note == "Region Stockholm"
    assert (added.old_value, added.new_value) == (snap(), snap(organisations=["Region Stockholm"]))
    grant_role(admin, person, Role.RECIPIENT_USER)
    add_membership(admin, person, uppsala.pk)
    remove_membership(admin, person, stockholm.pk)
    removed = last(person)
    assert removed.event_type == "user.membership_removed"
    assert removed.old_value == snap(["recipient_user"], ["Region Stockholm", "Region Uppsala"])
    assert removed.new_value == snap(["recipient_user"], ["Region Uppsala"])


def test_deactivate_records_before_and_after(admin: User, person: User) -> None:
    deactivate_user(admin, person)
    person.refresh_from_db()
    assert not person.is_active
    event = last(person)
    assert event.event_type == "user.deactivated"
    assert (event.old_value, event.new_value) == (snap(), snap(active=False))


def test_reset_second_factor_replaces_the_devices(admin: User, person: User) -> None:
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    device = reset_second_factor(admin, person)
    assert list(TOTPDevice.objects.filter(user=person)) == [device]
    assert not device.confirmed and device.name == ENROLMENT_DEVICE_NAME
    assert issued_enrolment_device(person) == device
    event = last(person)
    assert event.event_type == "user.second_factor_reset"
    assert (event.old_value, event.new_value) == (
        snap(second_factor="confirmed"),
        snap(second_factor="pending"),
    )


def test_an_issued_device_expires(admin: User, person: User) -> None:
    device = reset_second_factor(admin, person)
    TOTPDevice.objects.filter(pk=device.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert issued_enrolment_device(person) is None


def test_nobody_changes_their_own_account(admin: User, stockholm) -> None:
    before = len(events(admin))
    for change in (
        lambda: grant_role(admin, admin, Role.AUDITOR),
        lambda: revoke_role(admin, admin, Role.SYSADMIN),
        lambda: add_membership(admin, admin, stockholm.pk),
        lambda: remove_membership(admin, admin, stockholm.pk),
        lambda: deactivate_user(admin, admin),
        lambda: reset_second_factor(admin, admin),
    ):
        with pytest.raises(SelfChangeError):
            change()
    assert roles_of(admin) == {Role.SYSADMIN} and len(events(admin)) == before


def test_only_user_administrators_may_change_users(person: User, stockholm) -> None:
    officer = User.objects.create_user("hans")
    grant_role(SYSTEM, officer, Role.CASE_OFFICER)
    for change in (
        lambda: create_user(officer, "ny"),
        lambda: grant_role(officer, person, Role.ATTESTER),
        lambda: revoke_role(officer, person, Role.ATTESTER),
        lambda: add_membership(officer, person, stockholm.pk),
        lambda: deactivate_user(officer, person),
        lambda: reset_second_factor(officer, person),
    ):
        with pytest.raises(NotAllowedError):
            change()
    assert not roles_of(person) and not events(person)
    assert not User.objects.filter(username="ny").exists()


def test_a_system_administrator_may_not_touch_a_superuser(admin: User) -> None:
    root = User.objects.create_superuser("root")
    with pytest.raises(NotAllowedError):
        reset_second_factor(admin, root)


def test_recipient_and_staff_roles_never_together(admin: User, person: User, stockholm) -> None:
    grant_role(admin, person, Role.CASE_OFFICER)
    with pytest.raises(RoleConflictError):
        grant_role(admin, person, Role.RECIPIENT_USER, organisation_id=stockholm.pk)
    with pytest.raises(MembershipConflictError):
        add_membership(admin, person, stockholm.pk)
    assert roles_of(person) == {Role.CASE_OFFICER}
    assert not Membership.objects.filter(user=person).exists()

    other = User.objects.create_user("maja")
    grant_role(admin, other, Role.RECIPIENT_SIGNATORY, organisation_id=stockholm.pk)
    for staff in (Role.AUDITOR, Role.SYSADMIN, Role.ATTESTER):
        with pytest.raises(RoleConflictError):
            grant_role(admin, other, staff)
    assert roles_of(other) == {Role.RECIPIENT_SIGNATORY}


def test_recipient_roles_need_an_organisation(admin: User, person: User, stockholm) -> None:
    with pytest.raises(MembershipRequiredError):
        grant_role(admin, person, Role.RECIPIENT_USER)
    assert not roles_of(person) and not events(person)
    grant_role(admin, person, Role.RECIPIENT_USER, organisation_id=stockholm.pk)
    event = last(person)
    assert event.old_value == snap()
    assert event.new_value == snap(["recipient_user"], ["Region Stockholm"])
    with pytest.raises(MembershipRequiredError):
        remove_membership(admin, person, stockholm.pk)
    revoke_role(admin, person, Role.RECIPIENT_USER)
    remove_membership(admin, person, stockholm.pk)
    assert not Membership.objects.filter(user=person).exists()


def test_a_member_gets_no_staff_role(admin: User, person: User, stockholm) -> None:
    add_membership(admin, person, stockholm.pk)
    with pytest.raises(MembershipConflictError):
        grant_role(admin, person, Role.PAYMENT_ADMIN)
