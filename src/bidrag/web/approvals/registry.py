"""The approval pages in the main navigation and in the start page's "pending approvals"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import visible
from bidrag.recipients.approvals import VIEWER_ROLES, may_view_changes, pending_changes
from bidrag.web.navigation import register
from bidrag.web.panels import Item, add_provider

PANEL_LIMIT = 10


def pending_payment_details(user: Any) -> list[Item]:
    """Pending payment-details changes, oldest first, for those who may see them."""
    if not may_view_changes(user):
        return []
    items = []
    for change in visible(user, pending_changes())[:PANEL_LIMIT]:
        when = formats.date_format(timezone.localtime(change.proposed_at), "SHORT_DATE_FORMAT")
        items.append(
            Item(
                _("Nya betalningsuppgifter för %(org)s") % {"org": change.organisation.name},
                reverse("approvals:change", args=[change.pk]),
                _("föreslagna av %(user)s %(date)s")
                % {"user": change.proposed_by.get_username(), "date": when},
            )
        )
    return items


def register_approvals() -> None:
    register("approvals:list", gettext_lazy("Godkännanden"), roles=sorted(VIEWER_ROLES), order=60)
    register("approvals:audit_log", gettext_lazy("Granskningsspår"), roles=[Role.AUDITOR], order=70)
    add_provider("pending_approvals", pending_payment_details)
