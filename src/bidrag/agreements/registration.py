"""Registering a payment decision: its entitlements (rätt till bidrag) and the ledger.

One entitlement per line in force and beneficiary: the rows of the annex columns tied to the line
(never a column that totals other columns), or the line's single recipient; money "regionerna
via SKR" is SKR's to pass on (its annex names the final recipients). Each entitlement's decided
amount is posted on it, dated by the decision (or the file's stand-in date). An amendment posts
the difference per entitlement; the ledger refuses one that would leave an entitlement with less
than has been requested, paid or lapsed, and the refusal names the recipient and the kronor.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Sum

from bidrag.agreements import decision_file as df
from bidrag.agreements.models import (
    AnnexRow,
    DecisionLine,
    Entitlement,
    PaymentDecision,
    RecipientGroup,
)
from bidrag.agreements.writing import LoadRefused
from bidrag.core.deadlines import effective_deadline
from bidrag.core.money import format_kronor
from bidrag.ledger.models import Account, AppropriationItem, Posting, TransactionKind
from bidrag.ledger.services import Entry, OverdrawnError, move, post
from bidrag.recipients.models import Organisation, OrganisationKind

# Lines whose money is paid to SKR, which passes it on to the recipients of their annex.
PAID_TO_SKR = frozenset({RecipientGroup.REGIONS_VIA_SKR})


@dataclass
class Target:
    """What the decision, as now loaded, gives one beneficiary on one line."""

    line: DecisionLine
    beneficiary: Organisation
    amount: int = 0
    annex_row: AnnexRow | None = None
    entitlement: Entitlement | None = None


def targets(decision: PaymentDecision, doc: df.PaymentDecisionIn) -> list[Target]:
    """Every (line, beneficiary) the decision gives money, with its amount in kronor."""
    sums_of = {
        (annex.number, column.id)
        for annex in doc.annexes
        for column in annex.columns
        if column.sum_of
    }
    by_line: dict[int, dict[int, Target]] = defaultdict(dict)
    lines = {line.pk: line for line in decision.lines.filter(in_force=True)}
    skr = Organisation.objects.get(kind=OrganisationKind.SKR)
    for annex in decision.annexes.filter(line__isnull=False).prefetch_related("rows__recipient"):
        line = lines.get(annex.line_id or 0)
        column = annex.column or _only_column(doc, annex.number)
        if line is None or (annex.number, column) in sums_of or line.recipient_group in PAID_TO_SKR:
            continue
        for row in annex.rows.all():
            target = by_line[line.pk].setdefault(
                row.recipient_id, Target(line, row.recipient, annex_row=row)
            )
            target.amount += row.amount
    out: list[Target] = []
    for line in lines.values():
        found = by_line.get(line.pk)
        if found:
            out.extend(found.values())
        elif line.recipient is not None:
            out.append(Target(line, line.recipient, line.amount))
        elif line.recipient_group in PAID_TO_SKR:
            out.append(Target(line, skr, line.amount))
        else:
            raise LoadRefused(
                f"beslutsrad {line.key}: ingen bilaga anger hur beloppet fördelas och raden har "
                "ingen enskild mottagare, så ingen rätt till bidrag kan registreras"
            )
    return out


def _only_column(doc: df.PaymentDecisionIn, number: int) -> str:
    for annex in doc.annexes:
        if annex.number == number and len(annex.columns) == 1:
            return annex.columns[0].id
    return ""


def _effective(line: DecisionLine, printed: dt.date | None) -> dt.date | None:
    if printed is None:
        return None
    return effective_deadline(printed, apply_law=line.deadline_rule_applies)


def register(
    actor: AbstractBaseUser, decision: PaymentDecision, doc: df.PaymentDecisionIn, version: int
) -> None:
    """Create or update the decision's entitlements and post what changed to the ledger."""
    wanted = {(t.line.pk, t.beneficiary.pk): t for t in targets(decision, doc)}
    existing = {
        (e.line_id, e.beneficiary_id): e
        for e in Entitlement.objects.filter(line__decision=decision).select_related("line")
    }
    for key, t in wanted.items():
        line = t.line
        values = {
            "amount": t.amount,
            "annex_row": t.annex_row,
            "mode": line.mode,
            "window_start": line.window_start,
            "window_end": line.window_end,
            "requisition_deadline": line.requisition_deadline,
            "requisition_deadline_effective": _effective(line, line.requisition_deadline),
            "repayment_deadline": line.repayment_deadline,
            "repayment_deadline_effective": _effective(line, line.repayment_deadline),
            "report_deadline": line.report_deadline,
            "report_deadline_effective": _effective(line, line.report_deadline),
        }
        t.entitlement = existing.pop(key, None)
        if t.entitlement is None:
            t.entitlement = Entitlement.objects.create(
                line=line, beneficiary=t.beneficiary, **values
            )
        else:
            for name, value in values.items():
                setattr(t.entitlement, name, value)
            t.entitlement.save()
    retired = list(existing.values())  # no longer in the decision: 0 kr from now on
    for entitlement in retired:
        entitlement.amount = 0
        entitlement.annex_row = None
        entitlement.save(update_fields=["amount", "annex_row"])
    entitlements = [t.entitlement for t in wanted.values() if t.entitlement] + retired
    _post_decided(actor, decision, entitlements, version)


def _post_decided(
    actor: AbstractBaseUser,
    decision: PaymentDecision,
    entitlements: list[Entitlement],
    version: int,
) -> None:
    """Post, per entitlement and item, the difference between decided and what the ledger holds."""
    held: dict[tuple[int, int], int] = defaultdict(int)
    for row in (
        Posting.objects.filter(entitlement__in=entitlements, account=Account.COMMITMENT)
        .values("entitlement_id", "item_id")
        .annotate(total=Sum("amount_ore"))
    ):
        held[(row["entitlement_id"], row["item_id"])] = -(row["total"] or 0)
    entries: list[Entry] = []
    for e in entitlements:
        item = e.line.appropriation_item
        want = {(e.pk, item.pk): e.amount * 100}
        for key in [k for k in held if k[0] == e.pk]:
            want.setdefault(key, 0)
        for (pk, item_id), ore in want.items():
            diff = ore - held.get((pk, item_id), 0)
            if diff:
                on = item if item_id == item.pk else AppropriationItem.objects.get(pk=item_id)
                entries += move(on, Account.OPEN, Account.COMMITMENT, diff, e.pk)
    if not entries:
        return
    label = decision.diarienummer or decision.document_id
    first = not Posting.objects.filter(
        entitlement__line__decision=decision, transaction__kind=TransactionKind.DECISION
    ).exists()
    try:
        post(
            actor,
            date=decision.business_date,
            kind=TransactionKind.DECISION if first else TransactionKind.AMENDMENT,
            description=f"Beslut {label} version {version}: {decision.title}",
            cause=f"decision:{decision.document_id}:v{version}",
            source=decision,
            entries=entries,
        )
    except OverdrawnError as e:
        entitlement = next(x for x in entitlements if x.pk == e.entitlement_id)
        raise LoadRefused(
            f"ändringen ger {entitlement.beneficiary.name} {format_kronor(entitlement.amount)} på "
            f"beslutsrad {entitlement.line.key}, men "
            f"{format_kronor(entitlement.amount + e.shortfall_ore // 100)} är redan rekvirerat, "
            f"utbetalt eller förfallet: {format_kronor(-(-e.shortfall_ore // 100))} för lite"
        ) from e
