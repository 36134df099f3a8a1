"""Every step of a payment passes through here: one transaction each, with its audit record,
ledger postings and notifications (after commit).

Payment (:data:`bidrag.payments.models.TRANSITIONS`)::

    registered ──granskningsattest, beslutsattest──▶ attested ──create_batch──▶ batched
        ▲  │                                            │  ▲                      │
        │  └─cancel──▶ cancelled ◀──cancel──────────────┘  └──remove_from_batch───┤
        │                                                                        export
        └──── bank rejects (pain.002 or by hand) ◀── accepted ◀── bank ── sent ◀──┘

Ledger per entitlement (öre):

- a scheduled payment reserves ``+reserved −open`` (cause ``entitlement:<id>:scheduled``); a
  requisition's payment takes over the requisition's reservation (nothing posted);
- exporting a batch (sending it) posts ``+paid −reserved`` per payment, dated the requested
  execution date, ``paid`` on the appropriation item of that date's budget year (cause
  ``payment:<id>:paid:<attempt>``);
- a bank rejection reverses exactly that: ``+reserved −paid`` (``payment:<id>:returned:<attempt>``),
  dated the status report's date. "Its money back to the entitlement" means: no longer paid,
  still reserved for this payment, which is back in the queue to be attested and sent again;
- cancelling an unsent payment releases ``+open −reserved`` (``payment:<id>:cancelled``).

Attestation: granskningsattest, then beslutsattest, by two different attesters, neither of them
the one who registered the payment nor the case officer who approved its requisition. Nothing
is attested, batched or exported while :func:`payment_blockers` reports a blocker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidrag import clock
from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import has_role
from bidrag.agreements.models import DisbursementMode, Entitlement
from bidrag.audit.services import Actor, actor_fields, record
from bidrag.core.money import format_kronor
from bidrag.core.payment_details import read_printed_reference
from bidrag.ledger.models import Account, TransactionKind
from bidrag.ledger.services import balances_by, item_for_year, move, post
from bidrag.notifications.send import notify, organisation_users, users_with_role
from bidrag.payments import pain001, pain002
from bidrag.payments.errors import (
    AlreadyInBatchError,
    ApproverAttestingError,
    BatchStateError,
    DetailsChangedError,
    InvalidFieldError,
    NotAllowedError,
    NothingToBatchError,
    PayerNotConfiguredError,
    PaymentBlockedError,
    PaymentStateError,
    RegistrarAttestingError,
    SameAttesterError,
    StatusFileError,
    WrongAttestationKindError,
)
from bidrag.payments.models import (
    TRANSITIONS,
    Attestation,
    AttestationKind,
    BatchItem,
    BatchStatus,
    ItemStatus,
    Kind,
    Payment,
    PaymentBatch,
    Status,
    StatusReport,
)
from bidrag.recipients.models import PaymentDetails
from bidrag.recipients.readiness import Blocker, blockers_by_organisation
from bidrag.requisitions import services as requisitions
from bidrag.requisitions.models import Requisition

DETAILS_CHANGED = Blocker(
    "details-changed",
    _(
        "Betalningsuppgifterna har ändrats sedan utbetalningen attesterades; "
        "den måste attesteras på nytt."
    ),
)
ADMIN_ROLES = (Role.PAYMENT_ADMIN,)
CANCEL_ROLES = (Role.CASE_OFFICER, Role.PAYMENT_ADMIN)

# --- readiness --------------------------------------------------------------------------------


def blockers_for_payments(payments: Sequence[Payment]) -> dict[int, list[Blocker]]:
    """What stops each payment (the beneficiary's readiness, and details changed since the
    payment was attested), in three queries for any number of payments."""
    org_ids = sorted({p.entitlement.beneficiary_id for p in payments})
    by_org = blockers_by_organisation(org_ids)
    current = dict(
        PaymentDetails.objects.filter(organisation_id__in=org_ids, is_current=True).values_list(
            "organisation_id", "pk"
        )
    )
    rounds = {p.pk: p.round for p in payments}
    started = {
        pk
        for pk, rnd in Attestation.objects.filter(payment__in=list(rounds)).values_list(
            "payment_id", "round"
        )
        if rounds[pk] == rnd
    }
    out: dict[int, list[Blocker]] = {}
    for p in payments:
        found = list(by_org.get(p.entitlement.beneficiary_id, []))
        org_details = current.get(p.entitlement.beneficiary_id)
        attested = p.status != Status.REGISTERED or p.pk in started
        if attested and org_details is not None and p.details_id != org_details:
            found.append(DETAILS_CHANGED)
        out[p.pk] = found
    return out


def payment_blockers(payment: Payment) -> list[Blocker]:
    return blockers_for_payments([payment])[payment.pk]


def _refuse_blocked(payments: Sequence[Payment]) -> None:
    blocked = {pk: b for pk, b in blockers_for_payments(payments).items() if b}
    if blocked:
        pk = min(blocked)
        raise PaymentBlockedError(
            f"payment {pk} is blocked: " + ", ".join(b.code for b in blocked[pk]),
            payment=pk,
            blockers=[str(b) for b in blocked[pk]],
            codes=[b.code for b in blocked[pk]],
            payments=sorted(blocked),
        )


# --- snapshot ---------------------------------------------------------------------------------


def _default_message(e: Entitlement) -> str:
    decision = e.line.decision
    text = f"Statsbidrag {decision.diarienummer}" if decision.diarienummer else decision.title
    return text[:140]


def _take_snapshot(p: Payment) -> None:
    """Copy the beneficiary's approved payment details (and the payee's address) onto the
    payment; the remittance is the requisition's wished reference, else the details' OCR or
    message, else the decision's diarienummer as a message."""
    d = (
        PaymentDetails.objects.filter(organisation_id=p.entitlement.beneficiary_id, is_current=True)
        .select_related("payee")
        .first()
    )
    p.details = d
    if d is None:
        return
    payee = d.payee
    p.payee_name, p.payee_org_number = d.payee_name, payee.org_number
    p.payee_street, p.payee_postal_code = payee.street, payee.postal_code
    p.payee_town, p.payee_country = payee.town, payee.country
    p.account_type, p.account_number = d.account_type, d.account_number
    p.ocr, p.message = d.ocr, d.message
    wished = p.requisition.payment_reference if p.requisition is not None else ""
    if wished:
        rem = read_printed_reference(wished).remittance
        p.ocr, p.message = rem.ocr, rem.message
    if not p.ocr and not p.message:
        p.message = _default_message(p.entitlement)


def _values(p: Payment) -> dict[str, Any]:
    return {
        "status": p.status,
        "amount": p.amount,
        "due_on": p.due_on.isoformat(),
        "payee": p.payee_name,
        "account": f"{p.account_type} {p.account_number}".strip(),
        "ocr": p.ocr,
        "message": p.message,
        "attempt": p.attempt,
        "round": p.round,
    }


def _registrar(actor: Actor) -> tuple[Any, str]:
    return actor_fields(actor)


def _tell(users: Iterable[Any], subject: str, body: str) -> None:
    notify(users, subject, body)


def _transition(p: Payment, to: str, action: str) -> None:
    if to not in TRANSITIONS[p.status]:
        raise PaymentStateError(
            f"{p.status} → {to} is not allowed", action=action, status=Status(p.status).label
        )


def _locked(payment: Payment | int) -> Payment:
    pk = payment if isinstance(payment, int) else payment.pk
    return (
        Payment.objects.select_for_update(of=("self",))
        .select_related(
            "entitlement__beneficiary",
            "entitlement__line__decision",
            "entitlement__line__appropriation_item__appropriation__expenditure_area",
            "requisition",
        )
        .get(pk=pk)
    )


def _copy(target: Payment, source: Payment) -> None:
    for f in Payment._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


# --- creating payments ------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """The outcome of a review: the requisition and, when approved, its payment."""

    requisition: Requisition
    payment: Payment | None


def _payment_for_requisition(actor: Any, r: Requisition) -> Payment:
    p = Payment(
        entitlement=r.entitlement,
        requisition=r,
        kind=Kind.REQUISITION,
        amount=r.amount,
        due_on=clock.today(),
        registered_by=actor,
        registered_by_label=actor.get_username(),
    )
    _take_snapshot(p)
    p.save()
    record(actor, "payment.registered", p, new=_values(p), note=f"rekvisition {r.pk}")
    _tell(
        users_with_role(Role.ATTESTER),
        f"Utbetalning {p.pk} väntar på attest",
        f"{r.recipient_name}: {format_kronor(p.amount)} efter rekvisition {r.pk}.",
    )
    return p


@transaction.atomic(durable=True)
def review_requisition(actor: Any, requisition: Requisition, decision: str, reason: str) -> Review:
    """The case officer's review of a submitted requisition: ``decision`` is ``"approve"``,
    ``"return"`` (for completion) or ``"reject"``, with a ``reason`` the recipient sees
    (required to return or reject). An approval registers the payment in the same
    transaction (due today, the reservation carried over) and returns it."""
    r, payment = requisitions.review(
        actor, requisition, decision, reason, on_approve=_payment_for_requisition
    )
    return Review(r, payment)


def _schedulable(window_starts_by: dt.date | None) -> list[Entitlement]:
    qs = (
        Entitlement.objects.filter(mode=DisbursementMode.WITHOUT_REQUISITION, amount__gt=0)
        .exclude(payments__kind=Kind.SCHEDULED)
        .select_related("beneficiary", "line__decision")
        .order_by("pk")
    )
    if window_starts_by is not None:
        qs = qs.filter(Q(window_start__lte=window_starts_by) | Q(window_start__isnull=True))
    return list(qs)


@transaction.atomic(durable=True)
def schedule_entitlement(actor: Actor, entitlement: Entitlement) -> Payment | None:
    """The one scheduled payment of an entitlement paid "engångsvis utan rekvisition": what is
    left of it, due on its window's first day, reserved. None when it already has one or
    nothing is left."""
    e = (
        Entitlement.objects.select_for_update(of=("self",))
        .select_related("beneficiary", "line__decision", "line__appropriation_item")
        .get(pk=entitlement.pk)
    )
    if e.mode != DisbursementMode.WITHOUT_REQUISITION:
        raise InvalidFieldError(
            "the entitlement is paid on requisition",
            field="entitlement",
            field_label="Rätt till bidrag",
            problem="betalas ut efter rekvisition, inte enligt plan",
        )
    if Payment.objects.filter(entitlement=e, kind=Kind.SCHEDULED).exists():
        return None
    b = balances_by("entitlement_id", entitlement_id=e.pk).get(e.pk)
    left = b.left if b else 0
    if left < 100:
        return None
    user, label = _registrar(actor)
    p = Payment(
        entitlement=e,
        kind=Kind.SCHEDULED,
        amount=left // 100,
        due_on=e.window_start or e.line.decision.business_date,
        registered_by=user,
        registered_by_label=label,
    )
    _take_snapshot(p)
    p.save()
    post(
        actor,
        date=e.line.decision.business_date,
        kind=TransactionKind.RESERVATION,
        description=f"Utbetalning {p.pk} enligt plan: {e.beneficiary}",
        cause=f"entitlement:{e.pk}:scheduled",
        source=p,
        entries=move(
            e.line.appropriation_item, Account.RESERVED, Account.OPEN, p.amount * 100, e.pk
        ),
    )
    record(actor, "payment.scheduled", p, new=_values(p))
    return p


def schedule_payments(actor: Actor, *, window_starts_by: dt.date | None = None) -> list[Payment]:
    """Schedule every entitlement paid without requisition that has no payment yet (those
    whose window starts by ``window_starts_by``, when given); idempotent. Each entitlement is
    its own transaction; attesters are told once."""
    made = []
    for e in _schedulable(window_starts_by):
        try:
            p = schedule_entitlement(actor, e)
        except IntegrityError:  # scheduled at the same moment by another run
            continue
        if p is not None:
            made.append(p)
    if made:
        with transaction.atomic():
            _tell(
                users_with_role(Role.ATTESTER),
                f"{len(made)} utbetalningar väntar på attest",
                f"{len(made)} utbetalningar utan rekvisition har lagts in, totalt "
                f"{format_kronor(sum(p.amount for p in made))}.",
            )
    return made


# --- attestation ------------------------------------------------------------------------------


def next_attestation(p: Payment, done: Sequence[Attestation]) -> str | None:
    kinds = {a.kind for a in done}
    if AttestationKind.REVIEW not in kinds:
        return AttestationKind.REVIEW
    if AttestationKind.DECISION not in kinds:
        return AttestationKind.DECISION
    return None


def check_attester(actor: Any, p: Payment, done: Sequence[Attestation]) -> None:
    """The attestation rules about people (raised in this order)."""
    if not has_role(actor, Role.ATTESTER):
        raise NotAllowedError("only attesters attest payments", field="attested_by")
    if p.registered_by_id is not None and p.registered_by_id == actor.pk:
        raise RegistrarAttestingError("the registrar cannot attest")
    if p.requisition_id and p.requisition is not None and p.requisition.reviewed_by_id == actor.pk:
        raise ApproverAttestingError("the approver of the requisition cannot attest")
    if any(a.attested_by_id == actor.pk for a in done):
        raise SameAttesterError("the same person cannot give both attestations")


@transaction.atomic(durable=True)
def attest_payment(actor: Any, payment: Payment, kind: str | None = None) -> Attestation:
    """Give the payment's next attestation: granskningsattest first, then beslutsattest (or
    the one named by ``kind``, refused if it is not the next). The first attestation of a
    round attests the beneficiary's current approved details (the snapshot is refreshed); the
    second must attest the same details. The second makes the payment ``attested``."""
    p = _locked(payment)
    _transition(p, Status.ATTESTED, "attestera")
    done = list(p.attestations.filter(round=p.round))
    check_attester(actor, p, done)
    expected = next_attestation(p, done)
    if expected is None:  # pragma: no cover - a registered payment has at most one
        raise PaymentStateError("already attested", action="attestera", status=p.status)
    if kind is not None and kind != expected:
        raise WrongAttestationKindError(
            f"the next attestation is {expected}", expected=AttestationKind(expected).label
        )
    blockers = blockers_by_organisation([p.entitlement.beneficiary_id])[
        p.entitlement.beneficiary_id
    ]
    if blockers:
        raise PaymentBlockedError(
            "the beneficiary's payment details are not ready",
            payment=p.pk,
            blockers=[str(b) for b in blockers],
            codes=[b.code for b in blockers],
        )
    old = _values(p)
    current = PaymentDetails.objects.get(
        organisation_id=p.entitlement.beneficiary_id, is_current=True
    )
    if not done:
        _take_snapshot(p)
    elif p.details_id != current.pk:
        raise DetailsChangedError("details changed after the first attestation", payment=p.pk)
    try:
        with transaction.atomic():
            a = Attestation.objects.create(
                payment=p, round=p.round, kind=expected, attested_by=actor, details=current
            )
    except IntegrityError as exc:  # the same person or kind at the same moment
        raise SameAttesterError("attested twice at once") from exc
    if len(done) + 1 == 2:
        p.status = Status.ATTESTED
    p.save()
    record(
        actor,
        f"payment.attested.{expected}",
        p,
        old=old,
        new=_values(p),
        note=f"{AttestationKind(expected).label}, omgång {p.round}",
    )
    if p.status == Status.ATTESTED:
        _tell(
            users_with_role(Role.PAYMENT_ADMIN),
            f"Utbetalning {p.pk} är attesterad",
            f"{p.payee_name}: {format_kronor(p.amount)}, förfaller {p.due_on}.",
        )
    _copy(payment, p)
    return a


@transaction.atomic(durable=True)
def restart_attestation(actor: Any, payment: Payment, reason: str) -> Payment:
    """Start a new attestation round on a registered or attested payment (the details
    changed, an attestation was wrong): the snapshot is taken again and both attestations
    are needed anew. Case officers and payment administrators."""
    if not has_role(actor, *CANCEL_ROLES):
        raise NotAllowedError("only case officers and payment administrators restart")
    p = _locked(payment)
    _transition(p, Status.REGISTERED, "börja om attesten")
    reason = " ".join(reason.split())
    old = _values(p)
    p.round += 1
    p.status = Status.REGISTERED
    _take_snapshot(p)
    p.save()
    record(actor, "payment.attestation_restarted", p, old=old, new=_values(p), note=reason)
    _copy(payment, p)
    return p


@transaction.atomic(durable=True)
def cancel_payment(actor: Any, payment: Payment, reason: str) -> Payment:
    """Cancel (makulera) a payment not yet in a batch; its reservation goes back to what is
    left of the entitlement (``+open −reserved``). Needs a reason."""
    if not has_role(actor, *CANCEL_ROLES):
        raise NotAllowedError("only case officers and payment administrators cancel")
    p = _locked(payment)
    _transition(p, Status.CANCELLED, "makulera")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidFieldError(
            "a reason is required", field="reason", field_label="Skäl", problem="måste fyllas i"
        )
    old = _values(p)
    e = p.entitlement
    post(
        actor,
        date=clock.today(),
        kind=TransactionKind.RELEASE,
        description=f"Utbetalning {p.pk} makulerad",
        cause=f"payment:{p.pk}:cancelled",
        source=p,
        entries=move(
            e.line.appropriation_item, Account.OPEN, Account.RESERVED, p.amount * 100, e.pk
        ),
    )
    p.status, p.cancel_reason = Status.CANCELLED, reason
    p.save()
    record(actor, "payment.cancelled", p, old=old, new=_values(p), note=reason)
    _tell(
        organisation_users(e.beneficiary_id),
        f"Utbetalning {p.pk} har makulerats",
        f"Utbetalningen på {format_kronor(p.amount)} har makulerats: {reason}",
    )
    _copy(payment, p)
    return p


# --- batches ----------------------------------------------------------------------------------


def _check_admin(actor: Any) -> None:
    if not has_role(actor, *ADMIN_ROLES):
        raise NotAllowedError("only payment administrators handle batches", field="batch")


def _payments_qs() -> Any:
    return Payment.objects.select_related(
        "entitlement__beneficiary", "entitlement__line__decision", "requisition"
    )


@transaction.atomic(durable=True)
def create_batch(
    actor: Any,
    due_on: dt.date,
    *,
    execution_date: dt.date | None = None,
    payments: Iterable[Payment | int] | None = None,
) -> PaymentBatch:
    """Gather attested payments due on or before ``due_on`` into a new batch to be paid on
    ``execution_date`` (default: today). Without ``payments``, every such payment without a
    blocker is taken (blocked ones stay in the queue); with ``payments``, exactly those, and
    each must be attested, due and unblocked (a payment already in a batch is refused).

    The payments' rows are locked and their status moves to ``batched`` in the same
    transaction, and ``(payment, attempt)`` is unique in the database: however many run at
    once, a payment lands in one batch.
    """
    _check_admin(actor)
    today = clock.today()
    execution_date = execution_date or today
    if execution_date < today:
        raise InvalidFieldError(
            "execution date in the past",
            field="execution_date",
            field_label="Önskad utbetalningsdag",
            problem=f"kan inte vara före i dag ({today})",
        )
    locking = Payment.objects.select_for_update(of=("self",)).order_by("pk")
    if payments is None:
        rows = list(locking.filter(status=Status.ATTESTED, due_on__lte=due_on))
        chosen = _payments_qs().filter(pk__in=[p.pk for p in rows]).order_by("pk")
        candidates = list(chosen)
        blocked = blockers_for_payments(candidates)
        candidates = [p for p in candidates if not blocked[p.pk]]
    else:
        ids = sorted({p if isinstance(p, int) else p.pk for p in payments})
        locked_ids = list(locking.filter(pk__in=ids).values_list("pk", flat=True))
        candidates = list(_payments_qs().filter(pk__in=locked_ids).order_by("pk"))
        for p in candidates:
            if p.status in (Status.BATCHED, Status.SENT, Status.ACCEPTED):
                item = BatchItem.objects.filter(payment=p, attempt=p.attempt).first()
                raise AlreadyInBatchError(
                    f"payment {p.pk} is already in a batch",
                    payment=p.pk,
                    batch=item.batch_id if item else "?",
                )
            if p.status != Status.ATTESTED:
                raise PaymentStateError(
                    f"payment {p.pk} is {p.status}",
                    field="payments",
                    action="lägga i ett betalningsuppdrag",
                    status=Status(p.status).label,
                )
            if p.due_on > due_on:
                raise InvalidFieldError(
                    f"payment {p.pk} is due {p.due_on}",
                    field="payments",
                    field_label=f"Utbetalning {p.pk}",
                    problem=f"förfaller {p.due_on}, efter {due_on}",
                )
        _refuse_blocked(candidates)
    if not candidates:
        raise NothingToBatchError("no payments to batch", due_on=due_on)
    batch = PaymentBatch.objects.create(
        due_on=due_on, execution_date=execution_date, created_by=actor
    )
    batch.message_id = f"BIDRAG-B{batch.pk:08d}"
    batch.save(update_fields=["message_id"])
    try:
        with transaction.atomic():
            BatchItem.objects.bulk_create(
                BatchItem(batch=batch, payment=p, attempt=p.attempt, end_to_end_id=p.end_to_end_id)
                for p in candidates
            )
    except IntegrityError as exc:
        raise AlreadyInBatchError(
            "a payment is already in a batch", payment="?", batch="?"
        ) from exc
    Payment.objects.filter(pk__in=[p.pk for p in candidates]).update(status=Status.BATCHED)
    record(
        actor,
        "payment_batch.created",
        batch,
        new={
            "due_on": due_on.isoformat(),
            "execution_date": execution_date.isoformat(),
            "payments": [p.pk for p in candidates],
            "total": sum(p.amount for p in candidates),
        },
    )
    return batch


def _locked_batch(batch: PaymentBatch) -> PaymentBatch:
    return PaymentBatch.objects.select_for_update().get(pk=batch.pk)


def _refuse_unless_open(b: PaymentBatch) -> None:
    if b.status != BatchStatus.OPEN:
        raise BatchStateError(
            f"batch {b.pk} is {b.status}", batch=b.pk, status=BatchStatus(b.status).label
        )


def _take_out(item: BatchItem) -> None:
    """Take an unsent item out of its batch: the payment is attested again, next attempt."""
    item.status = ItemStatus.REMOVED
    item.save(update_fields=["status"])
    Payment.objects.filter(pk=item.payment_id).update(
        status=Status.ATTESTED, attempt=item.attempt + 1
    )


@transaction.atomic(durable=True)
def remove_from_batch(actor: Any, batch: PaymentBatch, payment: Payment) -> PaymentBatch:
    """Take a payment out of a batch not yet sent (it returns to the attested queue)."""
    _check_admin(actor)
    b = _locked_batch(batch)
    _refuse_unless_open(b)
    item = b.items.select_for_update().filter(payment=payment, status=ItemStatus.INCLUDED).first()
    if item is None:
        raise InvalidFieldError(
            "not in the batch",
            field="payment",
            field_label=f"Utbetalning {payment.pk}",
            problem=f"finns inte i betalningsuppdrag {b.pk}",
        )
    _take_out(item)
    record(actor, "payment_batch.payment_removed", b, note=f"utbetalning {payment.pk}")
    return b


@transaction.atomic(durable=True)
def cancel_batch(actor: Any, batch: PaymentBatch) -> PaymentBatch:
    """Cancel a batch not yet sent; its payments return to the attested queue."""
    _check_admin(actor)
    b = _locked_batch(batch)
    _refuse_unless_open(b)
    for item in b.items.select_for_update().filter(status=ItemStatus.INCLUDED):
        _take_out(item)
    b.status = BatchStatus.CANCELLED
    b.save(update_fields=["status"])
    record(actor, "payment_batch.cancelled", b)
    batch.status = b.status
    return b


def payer() -> pain001.Debtor:
    """The paying agency (debtor) from ``settings.BIDRAG_PAYER``."""
    conf = getattr(settings, "BIDRAG_PAYER", None) or {}
    needed = ("name", "org_number", "town", "country", "iban", "bic")
    missing = [k for k in needed if not conf.get(k)]
    if missing:
        raise PayerNotConfiguredError(f"BIDRAG_PAYER lacks {missing}", missing=missing)
    return pain001.Debtor(
        party=pain001.Party(
            name=conf["name"],
            org_number=conf["org_number"],
            street=conf.get("street", ""),
            postal_code=conf.get("postal_code", ""),
            town=conf["town"],
            country=conf["country"],
        ),
        iban=conf["iban"],
        bic=conf["bic"],
        id_scheme=conf.get("id_scheme", "BANK"),
    )


def _items(b: PaymentBatch, *statuses: str) -> list[BatchItem]:
    return list(
        b.items.filter(status__in=statuses)
        .select_related(
            "payment__entitlement__beneficiary",
            "payment__entitlement__line__decision",
            "payment__entitlement__line__appropriation_item__appropriation__expenditure_area",
            "payment__requisition",
        )
        .order_by("payment_id")
    )


def credit_transfer(b: PaymentBatch, items: Sequence[BatchItem]) -> pain001.CreditTransfer:
    """The batch as a pain.001 message: deterministic (stored message id, the batch's
    creation time in Stockholm, payments in id order, each payment's snapshot)."""
    created = timezone.localtime(b.created_at).replace(microsecond=0, tzinfo=None)
    return pain001.CreditTransfer(
        message_id=b.message_id or f"BIDRAG-B{b.pk:08d}",
        created_at=created,
        execution_date=b.execution_date,
        debtor=payer(),
        transfers=tuple(
            pain001.Transfer(
                end_to_end_id=i.end_to_end_id,
                amount_ore=i.payment.amount * 100,
                payee=pain001.Party(
                    name=i.payment.payee_name,
                    org_number=i.payment.payee_org_number,
                    street=i.payment.payee_street,
                    postal_code=i.payment.payee_postal_code,
                    town=i.payment.payee_town,
                    country=i.payment.payee_country,
                ),
                account_type=i.payment.account_type,
                account_number=i.payment.account_number,
                ocr=i.payment.ocr,
                message=i.payment.message,
            )
            for i in items
        ),
    )


@transaction.atomic(durable=True)
def export_batch(actor: Any, batch: PaymentBatch) -> bytes:
    """The batch's pain.001.001.03 file. The first export sends it: the file is stored, the
    batch locked, each payment posted ``paid`` dated the execution date on that budget year's
    item, and the recipients told. Every later export returns the stored bytes unchanged.
    Refused while any payment of the batch has a blocker."""
    _check_admin(actor)
    b = _locked_batch(batch)
    if b.status == BatchStatus.SENT and b.file is not None:
        return bytes(b.file)
    _refuse_unless_open(b)
    if b.execution_date < clock.today():
        raise InvalidFieldError(
            "the execution date has passed",
            field="execution_date",
            field_label="Önskad utbetalningsdag",
            problem=f"{b.execution_date} har passerat; makulera uppdraget och gör ett nytt",
        )
    items = _items(b, ItemStatus.INCLUDED)
    if not items:
        raise NothingToBatchError("the batch is empty", due_on=b.due_on)
    _refuse_blocked([i.payment for i in items])
    data = pain001.write(credit_transfer(b, items))
    b.file, b.file_sha256 = data, hashlib.sha256(data).hexdigest()
    b.status, b.sent_by, b.sent_at = BatchStatus.SENT, actor, timezone.now()
    b.save(update_fields=["file", "file_sha256", "status", "sent_by", "sent_at"])
    BatchItem.objects.filter(pk__in=[i.pk for i in items]).update(status=ItemStatus.SENT)
    Payment.objects.filter(pk__in=[i.payment_id for i in items]).update(
        status=Status.SENT, paid_on=b.execution_date
    )
    year = b.execution_date.year
    for i in items:
        p, e = i.payment, i.payment.entitlement
        decided_item = e.line.appropriation_item
        post(
            actor,
            date=b.execution_date,
            kind=TransactionKind.PAYMENT,
            description=f"Utbetalning {p.pk} i betalningsuppdrag {b.pk}: {p.payee_name}",
            cause=f"payment:{p.pk}:paid:{i.attempt}",
            source=p,
            entries=move(
                decided_item,
                Account.PAID,
                Account.RESERVED,
                p.amount * 100,
                e.pk,
                to_item=item_for_year(actor, decided_item, year),
            ),
        )
        _tell(
            organisation_users(e.beneficiary_id),
            f"Utbetalning av {format_kronor(p.amount)}",
            f"Kammarkollegiet betalar {format_kronor(p.amount)} till {p.payee_name} "
            f"({p.get_account_type_display()} {p.account_number}) den {b.execution_date}.",
        )
    record(
        actor,
        "payment_batch.sent",
        b,
        new={
            "message_id": b.message_id,
            "sha256": b.file_sha256,
            "payments": len(items),
            "total": sum(i.payment.amount for i in items),
        },
    )
    batch.status, batch.file, batch.file_sha256 = b.status, b.file, b.file_sha256
    return data


# --- bank status ------------------------------------------------------------------------------


def _apply(actor: Any, item: BatchItem, accepted: bool, reason: str, on: dt.date) -> bool:
    """Apply the bank's word on one item; True when it changed something."""
    if accepted:
        if item.status != ItemStatus.SENT:
            return False
        item.status, item.decided_at = ItemStatus.ACCEPTED, timezone.now()
        item.save(update_fields=["status", "decided_at"])
        p = _locked(item.payment_id)
        old = _values(p)
        p.status = Status.ACCEPTED
        p.save(update_fields=["status"])
        record(actor, "payment.accepted", p, old=old, new=_values(p), note=reason)
        return True
    if item.status not in (ItemStatus.SENT, ItemStatus.ACCEPTED):
        return False
    item.status, item.reason, item.decided_at = ItemStatus.REJECTED, reason, timezone.now()
    item.save(update_fields=["status", "reason", "decided_at"])
    p = _locked(item.payment_id)
    e = p.entitlement
    decided_item = e.line.appropriation_item
    paid_item = item_for_year(actor, decided_item, (p.paid_on or on).year)
    post(
        actor,
        date=on,
        kind=TransactionKind.PAYMENT_RETURNED,
        description=f"Utbetalning {p.pk} avvisad av banken: {reason}"[:300],
        cause=f"payment:{p.pk}:returned:{item.attempt}",
        source=p,
        entries=move(
            paid_item,
            Account.RESERVED,
            Account.PAID,
            p.amount * 100,
            e.pk,
            to_item=decided_item,
        ),
    )
    old = _values(p)
    p.status = Status.REGISTERED
    p.attempt = item.attempt + 1
    p.round += 1
    p.paid_on = None
    p.returned_reason = reason or "avvisad av banken"
    _take_snapshot(p)
    p.save()
    record(actor, "payment.rejected_by_bank", p, old=old, new=_values(p), note=reason)
    _tell(
        users_with_role(Role.PAYMENT_ADMIN, Role.CASE_OFFICER),
        f"Utbetalning {p.pk} avvisades av banken",
        f"{p.payee_name}: {format_kronor(p.amount)}. Skäl: {p.returned_reason}. "
        "Utbetalningen ligger åter i kön och behöver attesteras på nytt.",
    )
    return True


@transaction.atomic(durable=True)
def import_status_report(actor: Any, data: bytes, filename: str = "") -> StatusReport:
    """Read a bank's pain.002.001.03 status report for a sent batch and mark its payments
    accepted or rejected (a rejected payment goes back to the queue with the reason, its money
    back from paid to reserved). The same file imported again changes nothing and returns the
    report already recorded. A file that cannot be read, or names an unknown batch or payment,
    is refused and nothing is written."""
    _check_admin(actor)
    digest = hashlib.sha256(bytes(data)).hexdigest()
    existing = StatusReport.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    try:
        status = pain002.read(bytes(data), filename or "file")
    except pain002.Pain002Error as e:
        raise StatusFileError(str(e), problem=str(e)) from e
    b = PaymentBatch.objects.select_for_update().filter(message_id=status.original_message_id)
    batch = b.first()
    if batch is None:
        raise StatusFileError(
            "unknown batch", problem=f"inget betalningsuppdrag har id {status.original_message_id}"
        )
    if batch.status != BatchStatus.SENT:
        raise BatchStateError(
            f"batch {batch.pk} is not sent", batch=batch.pk, status=batch.get_status_display()
        )
    items = {i.end_to_end_id: i for i in batch.items.select_for_update()}
    unknown = [t.end_to_end_id for t in status.transactions if t.end_to_end_id not in items]
    if unknown:
        raise StatusFileError(
            f"unknown end-to-end ids {unknown}",
            problem=f"betalningen {unknown[0]} finns inte i uppdrag {batch.message_id}",
        )
    on = status.created_on or clock.today()
    accepted = rejected = 0
    decided: dict[str, tuple[bool, str]] = {}
    if status.group_status == pain002.REJECTED:
        decided = {e2e: (False, status.group_reason) for e2e in items}
    else:
        for t in status.transactions:
            if t.status == pain002.REJECTED:
                decided[t.end_to_end_id] = (False, t.reason)
            elif t.status in pain002.ACCEPTED:
                decided[t.end_to_end_id] = (True, t.reason)
        if status.group_status in pain002.ACCEPTED:
            for e2e in items:
                decided.setdefault(e2e, (True, ""))
    for e2e in sorted(decided):
        ok, reason = decided[e2e]
        if _apply(actor, items[e2e], ok, reason, on):
            accepted, rejected = accepted + ok, rejected + (not ok)
    report = StatusReport.objects.create(
        batch=batch,
        sha256=digest,
        filename=filename[:255],
        content=bytes(data),
        message_id=status.message_id[:35],
        created_on=status.created_on,
        accepted=accepted,
        rejected=rejected,
        imported_by=actor,
    )
    record(
        actor,
        "payment_batch.status_imported",
        batch,
        new={"accepted": accepted, "rejected": rejected, "sha256": digest},
        note=filename,
    )
    return report


@transaction.atomic(durable=True)
def record_payment_status(
    actor: Any, payment: Payment, *, accepted: bool, reason: str = ""
) -> Payment:
    """The bank's answer entered by hand for a sent payment (accepted, or rejected with a
    reason); the same effect as a status report."""
    _check_admin(actor)
    reason = " ".join(reason.split())
    if not accepted and not reason:
        raise InvalidFieldError(
            "a rejection needs the bank's reason",
            field="reason",
            field_label="Skäl",
            problem="ange bankens skäl till avvisningen",
        )
    item = (
        BatchItem.objects.select_for_update()
        .filter(payment=payment, status__in=[ItemStatus.SENT, ItemStatus.ACCEPTED])
        .order_by("-attempt")
        .first()
    )
    if item is None:
        p = Payment.objects.get(pk=payment.pk)
        raise PaymentStateError(
            "not sent", action="registrera bankens besked", status=Status(p.status).label
        )
    _apply(actor, item, accepted, reason, clock.today())
    p = Payment.objects.get(pk=payment.pk)
    _copy(payment, p)
    return p
