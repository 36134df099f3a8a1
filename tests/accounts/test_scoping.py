"""Scoping: a recipient user sees its own organisation only; a guessed id is a 404."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import (
    get_visible_or_404,
    has_role,
    roles_of,
    scoped_organisation_ids,
    visible,
)
from bidrag.recipients.models import Organisation, Payee, PaymentDetails


@pytest.fixture
def uppsala(db) -> Organisation:
    return Organisation.objects.create(kind="region", name="Region Uppsala", county_code="03")


def test_recipient_user_sees_own_organisation_only(demo_users, stockholm, uppsala) -> None:
    user = demo_users["mottagare"]
    assert scoped_organisation_ids(user) == {stockholm.pk}
    assert list(visible(user, Organisation.objects.all(), via="pk")) == [stockholm]
    with pytest.raises(Http404):
        get_visible_or_404(user, Organisation.objects.all(), via="pk", pk=uppsala.pk)
    assert get_visible_or_404(user, Organisation.objects.all(), via="pk", pk=stockholm.pk)


def test_scope_follows_a_foreign_key(demo_users, stockholm, uppsala) -> None:
    for org, number in ((stockholm, "232100-0016"), (uppsala, "232100-0164")):
        payee = Payee.objects.create(org_number=number, name=org.name)
        PaymentDetails.objects.create(organisation=org, payee=payee, payee_name=org.name)
    mine = visible(demo_users["foretradare"], PaymentDetails.objects.all())
    assert [d.organisation for d in mine] == [stockholm]


@pytest.mark.parametrize("username", ["departement", "handlaggare", "attestant", "revisor"])
def test_officials_and_auditors_see_every_organisation(demo_users, uppsala, username) -> None:
    user = demo_users[username]
    assert scoped_organisation_ids(user) is None
    assert visible(user, Organisation.objects.all(), via="pk").count() == 2


def test_sysadmin_sees_no_organisation_data(demo_users, stockholm) -> None:
    assert visible(demo_users["sysadmin"], Organisation.objects.all(), via="pk").count() == 0


def test_anonymous_and_roleless_users_see_nothing(db, stockholm) -> None:
    nobody = User.objects.create_user("nobody")
    for user in (AnonymousUser(), nobody):
        assert scoped_organisation_ids(user) == frozenset()
        assert not visible(user, Organisation.objects.all(), via="pk").exists()


def test_inactive_user_has_no_role(demo_users) -> None:
    user = demo_users["handlaggare"]
    user.is_active = False
    assert roles_of(user) == frozenset()


def test_has_role_accepts_any_of_several(demo_users) -> None:
    user = demo_users["attestant"]
    assert has_role(user, Role.ATTESTER)
    assert has_role(user, Role.CASE_OFFICER, Role.ATTESTER)
    assert not has_role(user, Role.PAYMENT_ADMIN)
