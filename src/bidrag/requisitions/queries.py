"""Read-only queries over requisitions for the pages and the API (no query per row)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bidrag.accounts.scoping import visible
from bidrag.requisitions.models import Requisition, Status


def requisitions() -> QuerySet[Requisition]:
    """Requisitions with what lists show (entitlement, decision, people), newest first.
    ``signed_pdf`` and ``signed_content`` are deferred (fetched when a page shows one)."""
    return (
        Requisition.objects.select_related(
            "entitlement__beneficiary",
            "entitlement__line__decision",
            "signed_by",
            "reviewed_by",
            "created_by",
            "proposed_change",
        )
        .defer("signed_pdf", "signed_content")
        .order_by("-created_at", "-id")
    )


def visible_requisitions(user: Any) -> QuerySet[Requisition]:
    """What ``user`` may see: every requisition for officials, its own organisation's for a
    recipient user (``accounts.scoping``)."""
    return visible(user, requisitions(), via="entitlement__beneficiary")


def review_queue() -> QuerySet[Requisition]:
    """The case officer's queue: submitted requisitions, first signed first."""
    return requisitions().filter(status=Status.SUBMITTED).order_by("signed_at", "id")


def for_entitlement(entitlement_id: int) -> QuerySet[Requisition]:
    return requisitions().filter(entitlement_id=entitlement_id)
