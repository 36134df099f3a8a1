"""Sending notifications: the one module every app uses to tell people about a step.

``notify(users, subject, body)`` queues one e-mail per user for after the current transaction
commits (``transaction.on_commit``), so a step that rolls back tells nobody. Users who turned
e-mail off (:mod:`bidrag.notifications.services`), inactive users and users without an address
are skipped. The mail backend is Django's (``EMAIL_BACKEND``, the console by default).

Who to tell: :func:`organisation_users` (a recipient's users) and :func:`users_with_role`
(officers by role).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.core.mail.message import EmailMessage
from django.db import transaction

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import RECIPIENT_ROLES, Role
from bidrag.notifications.models import Preference

logger = logging.getLogger(__name__)


def organisation_users(organisation_id: int) -> list[Any]:
    """The active users holding a recipient role with a membership of the organisation."""
    ids = Membership.objects.filter(organisation_id=organisation_id).values("user_id")
    return list(
        get_user_model()
        .objects.filter(
            pk__in=ids, is_active=True, groups__name__in=[r.value for r in RECIPIENT_ROLES]
        )
        .distinct()
        .order_by("pk")
    )


def users_with_role(*roles: Role) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[r.value for r in roles])
        .distinct()
        .order_by("pk")
    )


def _wanted(users: Iterable[Any]) -> list[Any]:
    users = [u for u in users if u is not None and u.is_active and u.email]
    off = set(
        Preference.objects.filter(user__in=users, email=False).values_list("user_id", flat=True)
    )
    seen: set[int] = set()
    out = []
    for u in users:
        if u.pk not in off and u.pk not in seen:
            seen.add(u.pk)
            out.append(u)
    return out


def notify(users: Iterable[Any], subject: str, body: str) -> int:
    """Queue ``subject``/``body`` to each wanting user, sent after commit. Returns how many."""
    wanted = _wanted(users)
    if not wanted:
        return 0
    messages = [
        EmailMessage(
            subject=str(subject),
            body=str(body),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[u.email],
        )
        for u in wanted
    ]

    def send() -> None:
        try:
            get_connection().send_messages(messages)
        except OSError:  # a mail server down must not undo a committed step
            logger.exception("notification e-mail could not be sent: %s", subject)

    transaction.on_commit(send)
    return len(messages)
