"""API tokens (API-nycklar): how a token looks, how it is stored, and whom it signs in.

A token is ``bidrag_`` followed by 43 URL-safe characters (32 random bytes). The database keeps
its SHA-256 (``ApiToken.digest``) and its first characters (``prefix``, to recognise it in a
list); the token itself exists only in what :func:`bidrag.accounts.services.create_token`
returns. A fast hash is enough: the token is random and long, so there is nothing to guess.

:func:`user_for_token` is what the API's bearer authentication asks. It answers the token's
user only while the token is neither revoked nor expired and the user is active; the user's
roles and scoping are then read as for a session (``accounts.scoping``), so a user who lost a
role loses it for every token too. Creating and revoking tokens are audited service functions in
:mod:`bidrag.accounts.services`.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from bidrag.accounts.models import ApiToken

TOKEN_PREFIX = "bidrag_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6  # what lists show: "bidrag_AbC123…"
MAX_TOKEN_LENGTH = 200  # anything longer is not ours; refused before hashing
# Last use is written at most once a minute per token, so a busy script is not a write per call.
LAST_USE_RESOLUTION = timedelta(minutes=1)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_token(token: str) -> Any | None:
    """The active user of a usable token, or ``None``. Records the token's last use."""
    token = token.strip()
    if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = ApiToken.objects.select_related("user").filter(digest=token_digest(token)).first()
    now = timezone.now()
    if row is None or not row.is_usable(now) or not row.user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USE_RESOLUTION:
        _record_use(row, now)
    return row.user


def _record_use(row: ApiToken, now: Any) -> None:
    """Best effort: a busy database must not refuse a read because of this bookkeeping."""
    try:
        with transaction.atomic():
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    except DatabaseError:
        return
    row.last_used_at = now


def tokens(username: str | None = None) -> QuerySet[ApiToken]:
    """Every token (of one user), oldest first, with its user."""
    rows = ApiToken.objects.select_related("user").order_by("created_at", "id")
    return rows if username is None else rows.filter(user__username=username)


def token_status(row: ApiToken, now: Any = None) -> str:
    """``"active"``, ``"revoked"`` or ``"expired"`` (the user's activity is shown apart)."""
    if row.revoked_at is not None:
        return "revoked"
    return "active" if row.is_usable(now or timezone.now()) else "expired"
