"""Role administration: the only place that writes groups, permissions and memberships."""

from __future__ import annotations

from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import AUDITOR_VIEW_APPS, ROLE_PERMISSIONS, Role


def _wanted_permissions(role: Role) -> tuple[list[Permission], list[str]]:
    found: list[Permission] = []
    missing: list[str] = []
    for name in ROLE_PERMISSIONS[role]:
        app_label, codename = name.split(".", 1)
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is None:
            missing.append(name)
        else:
            found.append(perm)
    if role is Role.AUDITOR:
        found += Permission.objects.filter(
            content_type__app_label__in=AUDITOR_VIEW_APPS, codename__startswith="view_"
        )
    return found, missing


@transaction.atomic
def setup_roles() -> dict[Role, list[str]]:
    """Create one group per role and give it exactly its permissions. Idempotent.

    Returns, per role, the permissions named in ``ROLE_PERMISSIONS`` that do not exist (yet).
    """
    missing_by_role: dict[Role, list[str]] = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        perms, missing = _wanted_permissions(role)
        group.permissions.set(perms)
        missing_by_role[role] = missing
    return missing_by_role


def setup_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate receiver: runs once per migrate, after the last app's permissions exist."""
    with_models = [c for c in django_apps.get_app_configs() if c.models_module is not None]
    if with_models and sender is with_models[-1]:
        setup_roles()


def grant_role(user: AbstractBaseUser, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)  # type: ignore[attr-defined]
    user.__dict__.pop("_bidrag_roles", None)


def revoke_role(user: AbstractBaseUser, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name=role.value))  # type: ignore[attr-defined]
    user.__dict__.pop("_bidrag_roles", None)


def add_membership(user: AbstractBaseUser, organisation_id: int) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user_id=user.pk, organisation_id=organisation_id
    )
    return membership


def remove_membership(user: AbstractBaseUser, organisation_id: int) -> None:
    Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id).delete()
