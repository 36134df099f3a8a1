"""Which roles may call which endpoints; the rows are scoped by ``accounts.scoping``."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from bidrag.accounts.scoping import sees_everything, sees_money_data
from bidrag.api.errors import Refusal


def require_money_role(request: HttpRequest) -> None:
    """Decisions and recipients: staff roles and auditors, or a recipient's own users."""
    if not sees_money_data(request.user):
        raise Refusal(403, _("Din roll ser inte beslut och mottagare."))


def require_all_organisations(request: HttpRequest) -> None:
    """Appropriation items: only roles that see every organisation."""
    if not sees_everything(request.user):
        raise Refusal(403, _("Din roll ser inte anslagen."))
