"""The user pages in the main navigation (the system administrator only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from bidrag.accounts.roles import Role
from bidrag.web.navigation import register


def register_users() -> None:
    register("users:list", gettext_lazy("Användare och roller"), roles=[Role.SYSADMIN], order=80)
