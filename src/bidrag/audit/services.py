"""Writing the audit trail. Called by every domain service inside its own transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction

from bidrag.audit.models import AuditEvent

Actor = AbstractBaseUser | AnonymousUser | str | None


def actor_fields(actor: Actor) -> tuple[Any, str]:
    """A user, or a label for work done without one (``"cli"``, ``"system"``)."""
    if isinstance(actor, str):
        return None, actor
    if actor is None or not actor.is_authenticated:
        return None, "system"
    return actor, actor.get_username()


def record(
    actor: Actor,
    event_type: str,
    obj: models.Model,
    *,
    old: Any = None,
    new: Any = None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    user, label = actor_fields(actor)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label,
        event_type=event_type,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        old_value=old,
        new_value=new,
        note=note,
    )


def history(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.for_object(obj)
