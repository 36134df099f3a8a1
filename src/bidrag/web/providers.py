"""The start-page panel items that the shell itself can fill; domain apps add the rest."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import visible
from bidrag.recipients.models import Organisation
from bidrag.web.panels import Item, add_provider


def organisation(user: Any) -> list[Item]:
    orgs = visible(user, Organisation.objects.all(), via="pk").order_by("name")
    return [Item(org.name, detail=org.org_number) for org in orgs]


def users_per_role(user: Any) -> list[Item]:
    counts = dict(
        Group.objects.filter(user__is_active=True)
        .annotate(n=Count("user"))
        .values_list("name", "n")
    )
    users = reverse("users:list")
    return [
        Item(
            str(role.label),
            f"{users}?roll={role.value}",
            _("%(n)s användare") % {"n": counts.get(role.value, 0)},
        )
        for role in Role
    ]


def register_builtin() -> None:
    from bidrag.web.pages import panels

    add_provider("organisation", organisation)
    add_provider("users", users_per_role)
    panels.register()
