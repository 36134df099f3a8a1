"""Who may open which page. Scoping of rows stays in :mod:`bidrag.accounts.scoping`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from bidrag.accounts.roles import ALL_SEEING_ROLES, RECIPIENT_ROLES
from bidrag.accounts.scoping import sees_everything, sees_money_data

View = Callable[..., HttpResponse]

# The navigation: everyone who sees money data; recipients see their own part of it.
EVERY_ORGANISATION = ALL_SEEING_ROLES
OWN_ORGANISATION = ALL_SEEING_ROLES | RECIPIENT_ROLES


def all_organisations(view: View) -> View:
    """Signed in, and a role that sees every organisation (staff roles, auditor)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sees_everything(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def own_organisation(view: View) -> View:
    """Signed in, and either sees every organisation or works for one (rows are scoped)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sees_money_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
