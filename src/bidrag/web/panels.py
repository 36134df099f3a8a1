"""The start page's "what needs your attention" panels, filled by providers from other apps.

A panel has a key, a title, the roles that see it and a text for when it is empty. Its items
come from every provider registered for its key; a provider is a function of the user that
returns :class:`Item` values already scoped to that user (through ``bidrag.accounts.scoping``)::

    from bidrag.web.panels import Item, add_provider
    add_provider("recent_decisions", lambda user: [Item(d.title, d.get_absolute_url())
                                                    for d in recent_decisions(user)])

Keys defined here: ``organisation``, ``decided_money``, ``coming_deadlines`` (recipients);
``recent_decisions``, ``pending_approvals`` (officials and auditors); ``users`` (sysadmin).
Later issues add their own queues with :func:`define`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.accounts.roles import ALL_SEEING_ROLES, RECIPIENT_ROLES, Role
from bidrag.accounts.scoping import roles_of


@dataclass(frozen=True)
class Item:
    text: str
    url: str = ""
    detail: str = ""


Provider = Callable[[Any], Sequence[Item]]


@dataclass
class Panel:
    key: str
    title: Promise | str
    roles: frozenset[Role]
    empty_text: Promise | str
    order: int
    providers: list[Provider] = field(default_factory=list)


@dataclass(frozen=True)
class FilledPanel:
    key: str
    title: Promise | str
    items: list[Item]
    empty_text: Promise | str


_PANELS: dict[str, Panel] = {}
NOTHING_NOW = _("Inget just nu.")


def define(
    key: str,
    title: Promise | str,
    roles: Iterable[Role],
    empty_text: Promise | str = NOTHING_NOW,
    order: int = 100,
) -> None:
    """Define a panel (again: keeps the providers already added)."""
    providers = _PANELS[key].providers if key in _PANELS else []
    _PANELS[key] = Panel(key, title, frozenset(roles), empty_text, order, providers)


def add_provider(key: str, provider: Provider) -> None:
    if provider not in _PANELS[key].providers:
        _PANELS[key].providers.append(provider)


def panels_for(user: Any) -> list[FilledPanel]:
    roles = roles_of(user)
    if user.is_superuser:
        roles = frozenset(ALL_SEEING_ROLES | {Role.SYSADMIN})
    filled = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        if panel.roles & roles:
            items = [item for provider in panel.providers for item in provider(user)]
            filled.append(FilledPanel(panel.key, panel.title, items, panel.empty_text))
    return filled


OFFICIALS = ALL_SEEING_ROLES
define(
    "organisation",
    _("Din organisation"),
    RECIPIENT_ROLES,
    _("Du är inte kopplad till någon organisation. Kontakta systemadministratören."),
    order=0,
)
define(
    "decided_money",
    _("Beslutade medel"),
    RECIPIENT_ROLES,
    _("Inga beslut om medel ännu."),
    order=10,
)
define(
    "coming_deadlines",
    _("Kommande tidsfrister"),
    RECIPIENT_ROLES,
    _("Inga tidsfrister framöver."),
    order=20,
)
define(
    "pending_approvals",
    _("Väntar på godkännande"),
    OFFICIALS,
    _("Inget väntar på godkännande."),
    order=10,
)
define(
    "recent_decisions",
    _("Senaste beslut"),
    OFFICIALS,
    _("Inga beslut registrerade ännu."),
    order=20,
)
define("users", _("Användare och roller"), {Role.SYSADMIN}, _("Inga användare ännu."), order=0)
