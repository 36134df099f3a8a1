"""Lapse (rätten till bidrag förfaller): what is left of an entitlement paid on requisition
lapses once its effective requisition deadline has passed.

``lapse_due(actor, as_of)`` (``bidrag lapse --as-of DATE``, a daily cron) posts, per
entitlement whose effective deadline is before ``as_of`` and that has money left (``open``),
``+lapsed −open`` for all of it, dated the day after the deadline (the day the right lapsed),
and tells the recipient's users. Each entitlement is its own transaction. The cause is
``lapse:<entitlement>:<n>``, ``n`` counting the entitlement's lapses: running twice changes
nothing (nothing is left the second time, and two runs at once post the same cause once).
Money reserved by a requisition submitted in time does not lapse; if such a requisition is
later returned or rejected, the released money lapses at the next run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bidrag.agreements.models import DisbursementMode, Entitlement
from bidrag.core.money import format_ore
from bidrag.ledger.models import Account, LedgerTransaction, Posting, TransactionKind
from bidrag.ledger.services import balances_by, move, post
from bidrag.notifications.send import notify, organisation_users


@dataclass(frozen=True)
class Lapsed:
    entitlement_id: int
    beneficiary: str
    amount_ore: int
    date: dt.date


def due(as_of: dt.date) -> list[Entitlement]:
    """With-requisition entitlements whose effective deadline is before ``as_of`` and that
    have money left (two queries)."""
    candidates = list(
        Entitlement.objects.filter(
            mode=DisbursementMode.WITH_REQUISITION, requisition_deadline_effective__lt=as_of
        )
        .select_related("beneficiary", "line__decision", "line__appropriation_item")
        .order_by("pk")
    )
    sums = balances_by("entitlement_id", entitlement_id__in=[e.pk for e in candidates])
    return [e for e in candidates if e.pk in sums and sums[e.pk].left > 0]


@transaction.atomic(durable=True)
def lapse_entitlement(actor: Any, entitlement: Entitlement, as_of: dt.date) -> Lapsed | None:
    """Lapse what is left of one entitlement (None when nothing is left or not yet due)."""
    e = entitlement
    deadline = e.requisition_deadline_effective
    if e.mode != DisbursementMode.WITH_REQUISITION or deadline is None or as_of <= deadline:
        return None
    # Lock first, then read: the balance cannot change under us.
    Entitlement.objects.select_for_update().filter(pk=e.pk).first()
    left = balances_by("entitlement_id", entitlement_id=e.pk).get(e.pk)
    if left is None or left.left <= 0:
        return None
    n = (
        LedgerTransaction.objects.filter(
            kind=TransactionKind.LAPSE,
            pk__in=Posting.objects.filter(entitlement_id=e.pk).values("transaction_id"),
        ).count()
        + 1
    )
    date = deadline + dt.timedelta(days=1)
    post(
        actor,
        date=date,
        kind=TransactionKind.LAPSE,
        description=f"Rätten till bidrag förföll {date}: {e.beneficiary}",
        cause=f"lapse:{e.pk}:{n}",
        source=e,
        entries=move(e.line.appropriation_item, Account.LAPSED, Account.OPEN, left.left, e.pk),
    )
    decision = e.line.decision
    notify(
        organisation_users(e.beneficiary_id),
        f"Rätten till bidrag har förfallit: {decision.diarienummer or decision.title}",
        f"Ingen rekvisition av återstående {format_ore(left.left)} kom in senast {deadline}. "
        f"Rätten till den delen av bidraget ({decision.title}) har förfallit.",
    )
    return Lapsed(e.pk, e.beneficiary.name, left.left, date)


def lapse_due(actor: Any, as_of: dt.date) -> list[Lapsed]:
    """Lapse every entitlement due at ``as_of``, each in its own transaction."""
    out = []
    for e in due(as_of):
        done = lapse_entitlement(actor, e, as_of)
        if done is not None:
            out.append(done)
    return out
