"""The main navigation: one registry, filtered by the user's roles.

Other apps add their pages from ``AppConfig.ready()``::

    from bidrag.web.navigation import register
    register("agreements:list", _("Överenskommelser"), roles=OFFICIAL_ROLES, order=20)

``roles`` empty means every signed-in user. Items whose URL name does not resolve are left out,
so an app can register before its pages exist. Superusers see every item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import roles_of


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Promise | str
    roles: frozenset[Role]
    order: int


@dataclass(frozen=True)
class Link:
    url: str
    label: Promise | str
    current: bool


_REGISTRY: dict[str, NavItem] = {}


def register(
    url_name: str, label: Promise | str, roles: Iterable[Role] = (), order: int = 100
) -> None:
    """Add (or replace) the item for ``url_name``."""
    _REGISTRY[url_name] = NavItem(url_name, label, frozenset(roles), order)


def items_for(user: Any, current_path: str = "") -> list[Link]:
    if not getattr(user, "is_authenticated", False):
        return []
    roles = roles_of(user)
    links = []
    for item in sorted(_REGISTRY.values(), key=lambda i: (i.order, i.url_name)):
        if item.roles and not (item.roles & roles) and not user.is_superuser:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = current_path == url or (url != "/" and current_path.startswith(url))
        links.append(Link(url, item.label, current))
    return links


register("web:home", _("Start"), order=0)
