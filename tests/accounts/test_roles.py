"""Roles are groups with exactly their permissions; setting them up twice changes nothing."""

from django.contrib.auth.models import Group, User

from bidrag.accounts.roles import Role
from bidrag.accounts.services import setup_roles

MONEY_ACTIONS = {
    "accounts.load_decisions",
    "accounts.review_cases",
    "accounts.attest_payments",
    "accounts.manage_payments",
    "accounts.file_for_organisation",
    "accounts.sign_for_organisation",
}


def perms(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_is_a_group_after_migrate(db) -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_setting_up_roles_twice_changes_nothing(db) -> None:
    setup_roles()
    before = {g.name: perms(g) for g in Group.objects.all()}
    setup_roles()
    assert {g.name: perms(g) for g in Group.objects.all()} == before
    assert Group.objects.count() == len(before)


def test_setup_restores_a_tampered_group(db) -> None:
    sysadmin = Group.objects.get(name=Role.SYSADMIN.value)
    attester = Group.objects.get(name=Role.ATTESTER.value)
    sysadmin.permissions.add(*attester.permissions.all())
    setup_roles()
    assert "accounts.attest_payments" not in perms(sysadmin)


def test_each_role_holds_its_own_actions(db) -> None:
    groups = {g.name: perms(g) for g in Group.objects.all()}
    assert "accounts.attest_payments" in groups["attester"]
    assert "accounts.manage_payments" in groups["payment_admin"]
    assert "accounts.sign_for_organisation" in groups["recipient_signatory"]
    assert "accounts.sign_for_organisation" not in groups["recipient_user"]
    assert "accounts.load_decisions" in groups["ministry_official"]
    assert "accounts.manage_users" in groups["sysadmin"]


def test_sysadmin_and_auditor_hold_no_money_action(db) -> None:
    for name in ("sysadmin", "auditor"):
        assert not perms(Group.objects.get(name=name)) & MONEY_ACTIONS


def test_auditor_reads_everything_and_changes_nothing(db) -> None:
    auditor = perms(Group.objects.get(name="auditor"))
    assert "recipients.view_organisation" in auditor
    assert all(p.split(".")[1].startswith("view_") for p in auditor)


def test_user_permissions_follow_the_role(demo_users: dict[str, User]) -> None:
    assert demo_users["attestant"].has_perm("accounts.attest_payments")
    assert not demo_users["sysadmin"].has_perm("accounts.attest_payments")
    assert demo_users["sysadmin"].has_perm("auth.change_user")
