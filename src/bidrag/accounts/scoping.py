"""Who may see what: the one place where data is scoped to a user.

Views, API endpoints and exports never filter by organisation themselves; they ask here.

- ``has_role(user, role)`` / ``roles_of(user)``: the user's roles (Django groups named by
  :class:`~bidrag.accounts.roles.Role`). Superusers hold no role implicitly.
- ``scoped_organisation_ids(user)``: ``None`` when the user sees every organisation (officials,
  auditors, superusers), otherwise the frozenset of organisation ids the user may see (a recipient
  user's memberships; empty for the system administrator and for anonymous users).
- ``visible(user, queryset, via="organisation")``: ``queryset`` cut to what the user may see.
  ``via`` is the lookup from the queryset's model to ``recipients.Organisation`` (``"pk"`` when
  the queryset *is* organisations, ``"entitlement__recipient"`` for deeper models).
- ``get_visible_or_404(user, queryset, **lookup)``: one object, or 404 when it does not exist
  *or* is outside the user's scope: a guessed id looks exactly like a missing one.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import ALL_SEEING_ROLES, RECIPIENT_ROLES, Role

M = TypeVar("M", bound=Model)


def roles_of(user: Any) -> frozenset[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_bidrag_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._bidrag_roles = cached
    return cached


def has_role(user: Any, *roles: Role) -> bool:
    """True when the user holds at least one of ``roles``."""
    return bool(roles_of(user) & set(roles))


def sees_everything(user: Any) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_of(user) & ALL_SEEING_ROLES)


def sees_money_data(user: Any) -> bool:
    """Sees decisions and recipients: every organisation's, or (recipients) its own, scoped."""
    return sees_everything(user) or has_role(user, *RECIPIENT_ROLES)


def scoped_organisation_ids(user: Any) -> frozenset[int] | None:
    """``None``: every organisation. Otherwise the ids of the organisations the user may see."""
    if sees_everything(user):
        return None
    if not roles_of(user):
        return frozenset()
    return frozenset(
        Membership.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True)
    )


def visible(user: Any, queryset: QuerySet[M], via: str = "organisation") -> QuerySet[M]:
    ids = scoped_organisation_ids(user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{via}__in": ids})


def get_visible_or_404(
    user: Any, queryset: QuerySet[M], via: str = "organisation", **lookup: Any
) -> M:
    try:
        return visible(user, queryset, via).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
