"""Four-eyes change of a payee's payment details (Bankgiro/Plusgiro, bank, payment reference).

A changed account number is the classic payment-fraud path, so a change never takes effect when
it is proposed: a second person must approve it, and only then is it applied through
:func:`bidrag.recipients.services.set_payment_details` (new history row, audit record).

Who may do what (roles from :mod:`bidrag.accounts.roles`):

- **propose**: case officers (handläggare) and payment administrators;
- **approve or reject**: attesters (attestanter) and case officers, never the proposer;
- **withdraw** (reject one's own proposal): the proposer;
- **see** the proposals: the above and auditors. The system administrator holds no money
  actions and sees no payment details; recipient users send their new details to
  Kammarkollegiet (a certified bank statement), who propose the change.

Every step writes an audit event on the organisation (before and after) in its transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import has_role
from bidrag.audit.services import record
from bidrag.core.errors import DomainError
from bidrag.core.payment_details import Remittance, parse_account, remittance
from bidrag.recipients.models import (
    AccountType,
    ChangeStatus,
    Organisation,
    Payee,
    PaymentDetailsChange,
)
from bidrag.recipients.services import (
    PaymentDetailsInput,
    current_payment_details,
    ensure_payee,
    set_payment_details,
)

PROPOSER_ROLES = frozenset({Role.CASE_OFFICER, Role.PAYMENT_ADMIN})
DECIDER_ROLES = frozenset({Role.ATTESTER, Role.CASE_OFFICER})
VIEWER_ROLES = PROPOSER_ROLES | DECIDER_ROLES | {Role.AUDITOR}

# Characters per text field: the model's max_length, and for the free texts a stated bound.
LIMITS = {
    "payee_name": 140,
    "bank": 100,
    "ocr": 25,
    "message": 140,
    "reason": 2000,
    "note": 2000,
    "decision_note": 2000,
}


class ApprovalError(DomainError):
    """A step of the four-eyes procedure was refused. ``message`` is for the user (Swedish)."""

    message: Promise = _("Åtgärden är inte tillåten.")

    def __init__(self, reason: str, field: str = "change") -> None:
        super().__init__(field, reason)


class NotAllowedError(ApprovalError):
    message = _("Din roll får inte göra detta.")


class SelfApprovalError(ApprovalError):
    message = _("Du föreslog ändringen och kan därför inte godkänna den. En annan person måste.")


class NotPendingError(ApprovalError):
    message = _("Ändringen är redan beslutad.")


class StaleChangeError(ApprovalError):
    message = _(
        "Betalningsuppgifterna har ändrats sedan förslaget lämnades. "
        "Avslå förslaget och lämna ett nytt."
    )


class PendingChangeExistsError(ApprovalError):
    message = _("Det finns redan en ändring som väntar på godkännande för organisationen.")


class NoChangeError(ApprovalError):
    message = _("Förslaget är detsamma som de gällande betalningsuppgifterna.")


class InvalidProposalError(DomainError):
    """A field of a proposal is refused; ``field`` is the form field's name."""


def may_propose(user: Any) -> bool:
    return has_role(user, *PROPOSER_ROLES)


def may_decide(user: Any, change: PaymentDetailsChange | None = None) -> bool:
    """Holds a deciding role and (for a given change) did not propose it."""
    if not has_role(user, *DECIDER_ROLES):
        return False
    return change is None or change.proposed_by_id != user.pk


def may_view_changes(user: Any) -> bool:
    return has_role(user, *VIEWER_ROLES)


def _text(field: str, value: str, *, required: bool = False) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise InvalidProposalError(field, "is required")
    if len(value) > LIMITS[field]:
        raise InvalidProposalError(field, f"is longer than {LIMITS[field]} characters")
    return value


def _default_payee(actor: Any, organisation: Organisation, payee_name: str) -> Payee:
    """The current details' payee, else the organisation itself as a legal entity."""
    current = current_payment_details(organisation)
    if current is not None:
        return current.payee
    if not organisation.org_number:
        raise InvalidProposalError(
            "payee_org_number",
            "the payee's organisationsnummer is required (none is recorded for the recipient)",
        )
    return ensure_payee(actor, org_number=organisation.org_number, name=organisation.name)


def _input(
    actor: Any,
    organisation: Organisation,
    *,
    payee_name: str,
    payee_org_number: str,
    account_type: str,
    account_number: str,
    bank: str,
    ocr: str,
    message: str,
) -> PaymentDetailsInput:
    """Form or API values checked field by field, each refusal naming its field."""
    name = _text("payee_name", payee_name, required=True)
    if account_type not in ("", *AccountType.values):
        raise InvalidProposalError("account_type", f"unknown account type {account_type!r}")
    if account_number.strip() and not account_type:
        raise InvalidProposalError("account_type", "an account number needs an account type")
    if account_type and not account_number.strip():
        raise InvalidProposalError("account_number", "is required for the account type")
    number = parse_account(account_type, account_number).digits if account_type else ""
    if ocr.strip() and message.strip():
        raise InvalidProposalError("ocr", "give an OCR reference or a message, not both")
    try:
        rem = remittance(ocr=ocr, message=message)
    except DomainError as e:
        raise InvalidProposalError(e.field, e.reason) from e
    payee = (
        ensure_payee(actor, org_number=payee_org_number, name=name)
        if payee_org_number.strip()
        else _default_payee(actor, organisation, name)
    )
    return PaymentDetailsInput(
        payee=payee,
        payee_name=name,
        account_type=account_type,
        account_number=number,
        bank=_text("bank", bank),
        remittance=rem,
    )


@transaction.atomic
def propose_payment_details_change(
    actor: Any,
    organisation: Organisation,
    *,
    payee_name: str,
    account_type: str,
    account_number: str = "",
    bank: str = "",
    ocr: str = "",
    message: str = "",
    reason: str,
    payee_org_number: str = "",
) -> PaymentDetailsChange:
    """Record a proposed change; it does not take effect until someone else approves it."""
    if not may_propose(actor):
        raise NotAllowedError("the actor may not propose payment details changes")
    details = _input(
        actor,
        organisation,
        payee_name=payee_name,
        payee_org_number=payee_org_number,
        account_type=account_type,
        account_number=account_number,
        bank=bank,
        ocr=ocr,
        message=message,
    )
    return _propose(actor, organisation, details, _text("reason", reason, required=True))


@transaction.atomic
def propose_from_decision_file(
    actor: Any, organisation: Organisation, details: PaymentDetailsInput, reason: str
) -> PaymentDetailsChange:
    """A decision file's new version prints other payment details than those recorded: the
    loading person proposes them (the load permission is checked by the loader), and a second
    person must approve as for any change."""
    return _propose(actor, organisation, details.normalised(), reason)


@transaction.atomic
def propose_from_requisition(
    actor: Any, organisation: Organisation, details: PaymentDetailsInput, reason: str
) -> PaymentDetailsChange:
    """A signed requisition names an account where the beneficiary has none approved: the
    signatory's account is proposed (the requisitions service checks who signs), and the payment
    waits until a second person (an attester or case officer) approves it as any change."""
    return _propose(actor, organisation, details.normalised(), reason)


def _propose(
    actor: Any, organisation: Organisation, details: PaymentDetailsInput, reason: str
) -> PaymentDetailsChange:
    current = current_payment_details(organisation)
    old = current.as_dict() if current is not None else None
    if old == details.as_dict():
        raise NoChangeError("the proposal equals the current payment details", field="")
    try:
        with transaction.atomic():
            change = PaymentDetailsChange.objects.create(
                organisation=organisation,
                old_values=old,
                reason=reason,
                proposed_by=actor,
                **details.fields(),
            )
    except IntegrityError as exc:
        raise PendingChangeExistsError("a change is already pending", field="") from exc
    record(
        actor,
        "payment_details_change.proposed",
        organisation,
        old=old,
        new=change.proposed_values(),
        note=f"#{change.pk}: {reason}",
    )
    return change


def _lock_pending(actor: Any, change: PaymentDetailsChange) -> PaymentDetailsChange:
    """The change row, locked until the transaction ends; refused unless still pending."""
    locked = (
        PaymentDetailsChange.objects.select_for_update()
        .select_related("organisation", "payee", "proposed_by")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.PENDING:
        raise NotPendingError(f"the change is {locked.status}, not pending")
    return locked


def _decide(actor: Any, change: PaymentDetailsChange, status: str, note: str) -> None:
    change.status = status
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.decision_note = note
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def _copy_decision(target: PaymentDetailsChange, source: PaymentDetailsChange) -> None:
    for name in ("status", "decided_by", "decided_at", "decision_note"):
        setattr(target, name, getattr(source, name))


@transaction.atomic
def approve_payment_details_change(
    actor: Any, change: PaymentDetailsChange, note: str = ""
) -> PaymentDetailsChange:
    """Approve a pending change by someone other than its proposer, and apply it."""
    if not has_role(actor, *DECIDER_ROLES):
        raise NotAllowedError("the actor may not approve payment details changes")
    locked = _lock_pending(actor, change)
    if locked.proposed_by_id == actor.pk:
        raise SelfApprovalError("the proposer cannot approve their own change")
    org = locked.organisation
    current = current_payment_details(org)
    if (current.as_dict() if current is not None else None) != locked.old_values:
        raise StaleChangeError("the payment details changed after the proposal")
    note = _text("note", note)
    _decide(actor, locked, ChangeStatus.APPROVED, note)
    proposer = locked.proposed_by.get_username()
    record(
        actor,
        "payment_details_change.approved",
        org,
        old=locked.old_values,
        new=locked.proposed_values(),
        note=f"#{locked.pk}, föreslagen av {proposer}" + (f": {note}" if note else ""),
    )
    set_payment_details(
        actor,
        org,
        PaymentDetailsInput(
            payee=locked.payee,
            payee_name=locked.payee_name,
            account_type=locked.account_type,
            account_number=locked.account_number,
            bank=locked.bank,
            remittance=Remittance(ocr=locked.ocr, message=locked.message),
            source=f"ändring #{locked.pk}: föreslagen av {proposer}, "
            f"godkänd av {actor.get_username()}",
        ),
    )
    _copy_decision(change, locked)
    return locked


@transaction.atomic
def reject_payment_details_change(
    actor: Any, change: PaymentDetailsChange, reason: str
) -> PaymentDetailsChange:
    """Reject a pending change (a decider), or withdraw it (its proposer). Needs a reason."""
    locked = _lock_pending(actor, change)
    own = locked.proposed_by_id == actor.pk
    if not (own or has_role(actor, *DECIDER_ROLES)):
        raise NotAllowedError("the actor may not reject payment details changes")
    if not reason.strip():
        raise InvalidProposalError("decision_note", "a rejection needs a reason")
    reason = _text("decision_note", reason)
    _decide(actor, locked, ChangeStatus.REJECTED, reason)
    record(
        actor,
        "payment_details_change.withdrawn" if own else "payment_details_change.rejected",
        locked.organisation,
        old=locked.old_values,
        new=locked.proposed_values(),
        note=f"#{locked.pk}: {reason}",
    )
    _copy_decision(change, locked)
    return locked


def pending_changes() -> QuerySet[PaymentDetailsChange]:
    """Every pending change, oldest first (scope it with ``accounts.scoping.visible``)."""
    return (
        PaymentDetailsChange.objects.filter(status=ChangeStatus.PENDING)
        .select_related("organisation", "payee", "proposed_by")
        .order_by("proposed_at", "id")
    )
