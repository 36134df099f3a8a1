"""Finding the documents to render: current versions only, by document id or database id."""

from __future__ import annotations

from django.db.models import QuerySet

from bidrag.agreements.models import Agreement, PaymentDecision


class UnknownDecision(LookupError):
    """No current payment decision (or agreement, for :func:`find_document`) has this id."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(ref)


def current_decisions() -> QuerySet[PaymentDecision]:
    return PaymentDecision.objects.order_by("budget_year", "date", "id")


def find_decision(ref: str) -> PaymentDecision:
    """The current decision with document id ``ref`` (or database id, when ``ref`` is digits)."""
    decisions = current_decisions()
    found = decisions.filter(document_id=ref).first()
    if found is None and ref.isdigit():
        found = decisions.filter(pk=int(ref)).first()
    if found is None:
        raise UnknownDecision(ref)
    return found


def find_document(ref: str) -> PaymentDecision | Agreement:
    """The current decision with document id ``ref``, else the current agreement with it."""
    try:
        return find_decision(ref)
    except UnknownDecision:
        found = Agreement.objects.filter(document_id=ref).first()
        if found is None:
            raise
        return found
