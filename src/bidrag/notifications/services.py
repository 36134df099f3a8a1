"""Changing a user's notification choice (audited) and reading it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bidrag.audit.services import Actor, record
from bidrag.notifications.models import Preference


class NotAllowedError(PermissionError):
    """Only the user (or trusted code) changes a user's notification choice."""


@transaction.atomic
def set_email_notifications(actor: Actor, user: Any, enabled: bool) -> Preference:
    """Turn e-mail notifications on or off for ``user``. A person changes only their own;
    a string actor (``"demo"``, ``"system"``) is trusted code."""
    if not isinstance(actor, str) and getattr(actor, "pk", None) != user.pk:
        raise NotAllowedError("a user changes only their own notification choice")
    pref, _created = Preference.objects.select_for_update().get_or_create(user=user)
    if pref.email != enabled:
        old = pref.email
        pref.email = enabled
        pref.save(update_fields=["email", "changed_at"])
        record(
            actor, "notifications.email_changed", user, old={"email": old}, new={"email": enabled}
        )
    return pref


def email_enabled(user: Any) -> bool:
    pref = Preference.objects.filter(user=user).first()
    return True if pref is None else pref.email
