"""Every step of a requisition (rekvisition) passes through here, in one transaction with its
audit record, ledger postings and notifications (sent after commit).

State machine (:data:`bidrag.requisitions.models.TRANSITIONS`)::

    draft ──submit (sign)──▶ submitted ──review──▶ approved   (a payment is created)
      │                        │   │      └─────▶ rejected
      │                        │   └──review────▶ returned ──submit──▶ submitted …
      └──withdraw──▶ withdrawn ◀──withdraw (before review, or when returned)

Ledger (per entitlement, öre): submit reserves ``+reserved −open`` (cause
``requisition:<id>:reserve:<n>``, dated the business day of signing); withdraw, return and
reject release ``+open −reserved`` (``requisition:<id>:release:<n>``); approval leaves the
reservation to the payment it creates. The ledger refuses a reservation above what is left,
under a row lock on the entitlement, so parallel requisitions never exceed it.

Who: recipient users and signatories of the entitlement's organisation draft, edit and
withdraw; only its authorised signatory (``recipient_signatory`` with a membership) signs and
submits; a case officer reviews (:func:`bidrag.payments.services.review_requisition` is the one
entry for review, since an approval creates the payment).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from bidrag import clock
from bidrag.accounts.models import Membership
from bidrag.accounts.roles import RECIPIENT_ROLES, Role
from bidrag.accounts.scoping import has_role
from bidrag.agreements.models import DisbursementMode, Entitlement
from bidrag.audit.services import record
from bidrag.core.errors import DomainError
from bidrag.core.money import format_kronor
from bidrag.core.payment_details import parse_account, read_printed_reference
from bidrag.ledger.models import Account, TransactionKind
from bidrag.ledger.services import OverdrawnError, balances_by, move, post
from bidrag.notifications.send import notify, organisation_users, users_with_role
from bidrag.recipients import approvals
from bidrag.recipients.models import AccountType, ChangeStatus, PaymentDetailsChange
from bidrag.recipients.services import PaymentDetailsInput, current_payment_details, ensure_payee
from bidrag.requisitions.errors import (
    AccountNotApprovedError,
    AfterDeadlineError,
    AmountAboveLeftError,
    InvalidFieldError,
    NoRequisitionNeededError,
    NotAllowedError,
    NotSignatoryError,
    NotYourOrganisationError,
    ReasonRequiredError,
    WrongStateError,
)
from bidrag.requisitions.models import EDITABLE, TRANSITIONS, Requisition, Status

T = TypeVar("T")

# The signatory's declaration, as printed in seed 002 bilaga 1, point 4.
DECLARATION = (
    "Bidragstagaren intygar att lämnade uppgifter är riktiga samt försäkrar att bidraget kommer "
    "att användas enligt den gemensamma överenskommelsen."
)
MAX_AMOUNT_KRONOR = 10**13
LIMITS = {
    "recipient_name": 200,
    "org_number": 11,
    "contact_name": 200,
    "postal_address": 300,
    "phone": 40,
    "fax": 40,
    "email": 254,
    "agreement_diarienummer": 40,
    "decision_diarienummer": 40,
    "agreement_name": 300,
    "payment_reference": 140,
    "reason": 2000,
}
LABELS = {
    "recipient_name": "Bidragsmottagare",
    "org_number": "Organisationsnummer",
    "contact_name": "Kontaktperson",
    "postal_address": "Postadress",
    "phone": "Telefon",
    "fax": "Faxnummer",
    "email": "E-postadress",
    "agreement_diarienummer": "Överenskommelsens diarienummer",
    "decision_diarienummer": "Beslutets diarienummer",
    "agreement_name": "Överenskommelsens benämning",
    "amount": "Belopp som rekvireras",
    "period_start": "Perioden från",
    "period_end": "Perioden till",
    "account_type": "Bankgiro/Plusgiro",
    "account_number": "Kontonummer",
    "payment_reference": "Önskad betalningsreferens",
}


# --- input ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """1. Kontaktuppgifter: the contact person of the requisition."""

    name: str
    email: str
    phone: str = ""
    fax: str = ""
    postal_address: str = ""


@dataclass(frozen=True)
class Prefill:
    """What the system knows for a new requisition of one entitlement (the form's defaults).

    ``left`` is what is left of the entitlement (kronor) and the default ``amount``;
    ``approved_account`` says whether ``account_*`` are approved payment details (else the
    recipient gives an account, which is proposed for a second person's approval).
    """

    entitlement_id: int
    recipient_name: str
    org_number: str
    contact: Contact
    agreement_diarienummer: str
    decision_diarienummer: str
    agreement_name: str
    amount: int
    left: int
    period_start: dt.date
    period_end: dt.date
    account_type: str
    account_number: str
    payment_reference: str
    deadline: dt.date | None
    approved_account: bool
    pending_account: bool = False
    fields: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("fields")
        return data


def left_kronor(entitlement: Entitlement) -> int:
    """What is left (open) of the entitlement, whole kronor, from the ledger."""
    b = balances_by("entitlement_id", entitlement_id=entitlement.pk).get(entitlement.pk)
    return (b.left if b else 0) // 100


def _agreement_name(entitlement: Entitlement) -> str:
    decision = entitlement.line.decision
    if decision.agreement is not None:
        return decision.agreement.name
    marker = "överenskommelsen "
    title = decision.title
    return title[title.index(marker) + len(marker) :] if marker in title else ""


def requisition_prefill(entitlement: Entitlement, user: Any = None) -> Prefill:
    """The form's defaults for a requisition of ``entitlement`` (by ``user``, the contact)."""
    decision = entitlement.line.decision
    org = entitlement.beneficiary
    details = current_payment_details(org)
    pending = (
        PaymentDetailsChange.objects.filter(organisation=org, status=ChangeStatus.PENDING)
        .select_related("payee")
        .first()
    )
    shown = details if details is not None and details.account_type else pending
    payee = shown.payee if shown is not None else None
    address = ""
    if payee is not None and payee.has_address:
        address = ", ".join(p for p in (payee.street, f"{payee.postal_code} {payee.town}") if p)
    name = ""
    if user is not None and getattr(user, "is_authenticated", False):
        name = user.get_full_name() or user.get_username()
    left = left_kronor(entitlement)
    year = decision.budget_year
    return Prefill(
        entitlement_id=entitlement.pk,
        recipient_name=org.name,
        org_number=org.org_number or (payee.org_number if payee else ""),
        contact=Contact(
            name=name,
            email=getattr(user, "email", "") or "",
            postal_address=address.strip(),
        ),
        agreement_diarienummer=(decision.agreement.diarienummer if decision.agreement else "")
        or decision.agreement_diarienummer,
        decision_diarienummer=decision.diarienummer,
        agreement_name=_agreement_name(entitlement),
        amount=left,
        left=left,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        account_type=shown.account_type if shown else "",
        account_number=shown.account_number if shown else "",
        payment_reference=(shown.ocr or shown.message) if shown else "",
        deadline=entitlement.requisition_deadline_effective,
        approved_account=bool(details is not None and details.account_type),
        pending_account=pending is not None and pending.account_type != "",
    )


# --- checks -----------------------------------------------------------------------------------


def _invalid(field_name: str, problem: str) -> InvalidFieldError:
    return InvalidFieldError(
        problem, field=field_name, field_label=LABELS.get(field_name, field_name), problem=problem
    )


def _text(field_name: str, value: Any, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _invalid(field_name, "ska vara text")
    value = " ".join(value.split())
    if required and not value:
        raise _invalid(field_name, "måste fyllas i")
    if len(value) > LIMITS[field_name]:
        raise _invalid(field_name, f"får vara högst {LIMITS[field_name]} tecken")
    return value


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid("amount", "ska vara ett heltal kronor")
    if value <= 0:
        raise _invalid("amount", "ska vara mer än 0 kr")
    if value > MAX_AMOUNT_KRONOR:
        raise _invalid("amount", "är orimligt stort")
    return value


def _date(field_name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _invalid(field_name, "ska vara ett datum")
    return value


def _membership(actor: Any, organisation_id: int) -> bool:
    return Membership.objects.filter(user_id=actor.pk, organisation_id=organisation_id).exists()


def _check_filer(actor: Any, entitlement: Entitlement) -> None:
    """A recipient user or signatory with a membership of the entitlement's organisation."""
    if not has_role(actor, *RECIPIENT_ROLES):
        raise NotAllowedError("only the recipient's users file requisitions", field="entitlement")
    if not _membership(actor, entitlement.beneficiary_id):
        raise NotYourOrganisationError(
            "the user has no membership of the organisation",
            organisation=entitlement.beneficiary.name,
        )


def _check_signatory(actor: Any, entitlement: Entitlement) -> None:
    org = entitlement.beneficiary
    if not has_role(actor, *RECIPIENT_ROLES):
        raise NotAllowedError("only the recipient's signatory signs", field="signed_by")
    member = _membership(actor, org.pk)
    signatory = has_role(actor, Role.RECIPIENT_SIGNATORY)
    if not signatory and not member:
        raise NotYourOrganisationError("the user has no membership", organisation=org.name)
    if not (signatory and member):
        raise NotSignatoryError(
            "the user is not an authorised signatory of the organisation", organisation=org.name
        )


def _check_entitlement(entitlement: Entitlement) -> None:
    if entitlement.mode != DisbursementMode.WITH_REQUISITION:
        raise NoRequisitionNeededError("the entitlement is paid without requisition")


def check_deadline(entitlement: Entitlement, today: dt.date | None = None) -> None:
    """Refuse after the effective deadline (lag 1930:173: a weekend deadline moves on)."""
    today = today or clock.today()
    deadline = entitlement.requisition_deadline_effective
    if deadline is not None and today > deadline:
        raise AfterDeadlineError(
            f"the deadline {deadline} has passed", deadline=deadline, today=today
        )


def _check_left(entitlement: Entitlement, amount: int, already: int = 0) -> None:
    left = left_kronor(entitlement) + already
    if amount > left:
        raise AmountAboveLeftError(
            f"{amount} kr is above what is left ({left} kr)", amount_kronor=amount, left_kronor=left
        )


def _account(account_type: str, account_number: str) -> tuple[str, str]:
    if account_type not in (AccountType.BANKGIRO, AccountType.PLUSGIRO):
        raise _invalid("account_type", "ange bankgiro eller plusgiro")
    try:
        return account_type, parse_account(account_type, account_number).digits
    except DomainError as e:
        raise _invalid("account_number", e.reason) from e


def _formatted(account_type: str, digits: str) -> str:
    label = "Bankgiro" if account_type == AccountType.BANKGIRO else "Plusgiro"
    try:
        return f"{label} {parse_account(account_type, digits).formatted}"
    except DomainError:
        return f"{label} {digits}"


@dataclass(frozen=True)
class AccountCheck:
    """Whether the requisition's account is the approved one, or must be proposed."""

    approved: bool
    pending: PaymentDetailsChange | None = None


def check_account(entitlement: Entitlement, account_type: str, account_number: str) -> AccountCheck:
    """The account must be the approved payment details' account; where none is approved it
    must equal a pending proposal, or it will be proposed when the requisition is signed."""
    org = entitlement.beneficiary
    kind, digits = _account(account_type, account_number)
    details = current_payment_details(org)
    if details is not None and details.account_type:
        if (details.account_type, details.account_number) != (kind, digits):
            raise AccountNotApprovedError(
                "the account differs from the approved payment details",
                account=_formatted(kind, digits),
                organisation=org.name,
                approved=_formatted(details.account_type, details.account_number),
            )
        return AccountCheck(approved=True)
    pending = PaymentDetailsChange.objects.filter(
        organisation=org, status=ChangeStatus.PENDING
    ).first()
    if pending is not None and (pending.account_type, pending.account_number) != (kind, digits):
        raise AccountNotApprovedError(
            "the account differs from the pending proposal",
            account=_formatted(kind, digits),
            organisation=org.name,
            approved=_formatted(pending.account_type, pending.account_number)
            + " (väntar på godkännande)",
        )
    return AccountCheck(approved=False, pending=pending)


# --- drafting ---------------------------------------------------------------------------------

_FORM_FIELDS = (
    "recipient_name",
    "org_number",
    "agreement_diarienummer",
    "decision_diarienummer",
    "agreement_name",
    "payment_reference",
)


def _values(entitlement: Entitlement, given: dict[str, Any]) -> dict[str, Any]:
    """Checked field values (``given`` overrides what the prefill says)."""
    out: dict[str, Any] = {}
    for name in _FORM_FIELDS:
        if name in given:
            out[name] = _text(name, given[name], required=name == "recipient_name")
    if "contact" in given:
        contact = given["contact"]
        if not isinstance(contact, Contact):
            raise _invalid("contact_name", "kontaktuppgifter saknas")
        out["contact_name"] = _text("contact_name", contact.name, required=True)
        email = _text("email", contact.email, required=True)
        try:
            validate_email(email)
        except ValidationError:
            raise _invalid("email", "är inte en giltig e-postadress") from None
        out["email"] = email
        out["phone"] = _text("phone", contact.phone)
        out["fax"] = _text("fax", contact.fax)
        out["postal_address"] = _text("postal_address", contact.postal_address)
    if "amount" in given:
        out["amount"] = _amount(given["amount"])
    for name in ("period_start", "period_end"):
        if name in given:
            out[name] = _date(name, given[name])
    if "account_type" in given or "account_number" in given:
        kind, digits = _account(
            str(given.get("account_type") or ""), str(given.get("account_number") or "")
        )
        out["account_type"], out["account_number"] = kind, digits
    if "payment_reference" in out:
        try:
            read_printed_reference(out["payment_reference"])
        except DomainError as e:
            raise _invalid("payment_reference", e.reason) from e
    return out


def _check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise _invalid("period_end", "perioden slutar före den börjar")


def _snapshot(r: Requisition) -> dict[str, Any]:
    return {
        "status": r.status,
        "amount": r.amount,
        "period": [r.period_start.isoformat(), r.period_end.isoformat()],
        "account": f"{r.account_type} {r.account_number}",
        "payment_reference": r.payment_reference,
        "contact": [r.contact_name, r.email, r.phone],
    }


@transaction.atomic(durable=True)
def create_requisition(
    actor: Any,
    entitlement: Entitlement,
    *,
    amount: int,
    period_start: dt.date,
    period_end: dt.date,
    contact: Contact,
    account_type: str | None = None,
    account_number: str | None = None,
    payment_reference: str | None = None,
    **form: str,
) -> Requisition:
    """A draft requisition of ``entitlement`` by a user of its organisation.

    Fields not given come from :func:`requisition_prefill` (``form`` may hold
    ``recipient_name``, ``org_number``, ``agreement_diarienummer``, ``decision_diarienummer``,
    ``agreement_name``). Refused: a user of another organisation, an entitlement paid without
    requisition, after the deadline, an amount above what is left, an account other than the
    approved one. Nothing is reserved until the signatory submits.
    """
    unknown = set(form) - set(_FORM_FIELDS)
    if unknown:
        raise _invalid(sorted(unknown)[0], "okänt fält")
    entitlement = Entitlement.objects.select_related("beneficiary", "line__decision").get(
        pk=entitlement.pk
    )
    _check_filer(actor, entitlement)
    _check_entitlement(entitlement)
    check_deadline(entitlement)
    prefill = requisition_prefill(entitlement, actor)
    given: dict[str, Any] = {
        "recipient_name": prefill.recipient_name,
        "org_number": prefill.org_number,
        "agreement_diarienummer": prefill.agreement_diarienummer,
        "decision_diarienummer": prefill.decision_diarienummer,
        "agreement_name": prefill.agreement_name,
        "payment_reference": prefill.payment_reference
        if payment_reference is None
        else payment_reference,
        "contact": contact,
        "amount": amount,
        "period_start": period_start,
        "period_end": period_end,
        "account_type": prefill.account_type if account_type is None else account_type,
        "account_number": prefill.account_number if account_number is None else account_number,
        **form,
    }
    values = _values(entitlement, given)
    _check_period(values["period_start"], values["period_end"])
    _check_left(entitlement, values["amount"])
    check_account(entitlement, values["account_type"], values["account_number"])
    requisition = Requisition.objects.create(
        entitlement=entitlement, status=Status.DRAFT, created_by=actor, **values
    )
    record(actor, "requisition.created", requisition, new=_snapshot(requisition))
    return requisition


def _locked(requisition: Requisition) -> Requisition:
    return (
        Requisition.objects.select_for_update(of=("self",))
        .select_related("entitlement__beneficiary", "entitlement__line__decision")
        .get(pk=requisition.pk)
    )


_ACTIONS = {
    Status.SUBMITTED: "lämna in",
    Status.APPROVED: "godkänna",
    Status.RETURNED: "återsända",
    Status.REJECTED: "avslå",
    Status.WITHDRAWN: "återkalla",
    "edit": "ändra",
}


def _transition(r: Requisition, to: str) -> None:
    if to not in TRANSITIONS[r.status]:
        raise WrongStateError(
            f"{r.status} → {to} is not allowed",
            action=_ACTIONS.get(to, to),
            status=Status(r.status).label,
        )


@transaction.atomic(durable=True)
def update_requisition(actor: Any, requisition: Requisition, **changes: Any) -> Requisition:
    """Change fields of a draft or returned requisition (the same checks as creating it).
    ``changes`` are form fields (``amount``, ``period_start``, ``contact`` …)."""
    r = _locked(requisition)
    _check_filer(actor, r.entitlement)
    if r.status not in EDITABLE:
        raise WrongStateError(
            "only drafts and returned requisitions change",
            action=_ACTIONS["edit"],
            status=Status(r.status).label,
        )
    allowed = {*_FORM_FIELDS, "contact", "amount", "period_start", "period_end"}
    allowed |= {"account_type", "account_number"}
    unknown = set(changes) - allowed
    if unknown:
        raise _invalid(sorted(unknown)[0], "okänt fält")
    if ("account_type" in changes) != ("account_number" in changes):
        changes.setdefault("account_type", r.account_type)
        changes.setdefault("account_number", r.account_number)
    values = _values(r.entitlement, changes)
    old = _snapshot(r)
    for name, value in values.items():
        setattr(r, name, value)
    _check_period(r.period_start, r.period_end)
    check_deadline(r.entitlement)
    _check_left(r.entitlement, r.amount)
    check_account(r.entitlement, r.account_type, r.account_number)
    r.save()
    record(actor, "requisition.changed", r, old=old, new=_snapshot(r))
    _copy(requisition, r)
    return r


def _copy(target: Requisition, source: Requisition) -> None:
    """Let the caller's instance see what the locked copy became."""
    for f in Requisition._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


# --- signing and submitting -------------------------------------------------------------------


def canonical_content(r: Requisition, signatory: Any, signed_on: dt.date) -> str:
    """The content the signatory signs, as canonical JSON (sorted keys, no spaces): the form's
    fields, what they concern, who signs, the business date and the declaration."""
    decision = r.entitlement.line.decision
    content = {
        "requisition": r.pk,
        "submission": r.submission + 1,
        "entitlement": r.entitlement_id,
        "decision": decision.document_id,
        "line": r.entitlement.line.key,
        "contact": {
            "recipient": r.recipient_name,
            "org_number": r.org_number,
            "contact_person": r.contact_name,
            "postal_address": r.postal_address,
            "phone": r.phone,
            "fax": r.fax,
            "email": r.email,
        },
        "grant": {
            "agreement_diarienummer": r.agreement_diarienummer,
            "decision_diarienummer": r.decision_diarienummer,
            "agreement_name": r.agreement_name,
            "amount_kronor": r.amount,
            "period": [r.period_start.isoformat(), r.period_end.isoformat()],
        },
        "payment": {
            "account_type": r.account_type,
            "account_number": r.account_number,
            "payment_reference": r.payment_reference,
        },
        "signature": {
            "declaration": DECLARATION,
            "signed_on": signed_on.isoformat(),
            "username": signatory.get_username(),
            "name": signatory.get_full_name() or signatory.get_username(),
        },
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def verify_signature(r: Requisition) -> bool:
    """The kept content and PDF still hash to what was recorded at signing."""
    if not r.content_sha256 or r.signed_pdf is None:
        return False
    return (
        sha256(r.signed_content) == r.content_sha256 and sha256(bytes(r.signed_pdf)) == r.pdf_sha256
    )


def _reserve_cause(r: Requisition) -> str:
    return f"requisition:{r.pk}:reserve:{r.submission}"


def _propose_account(actor: Any, r: Requisition) -> PaymentDetailsChange:
    org = r.entitlement.beneficiary
    current = current_payment_details(org)
    if current is not None:
        payee, name = current.payee, current.payee_name
    else:
        number = org.org_number or r.org_number
        if not number:
            raise _invalid("org_number", "organisationsnumret behövs för nya betalningsuppgifter")
        payee = ensure_payee(actor, org_number=number, name=r.recipient_name)
        name = r.recipient_name
    printed = read_printed_reference(r.payment_reference)
    return approvals.propose_from_requisition(
        actor,
        org,
        PaymentDetailsInput(
            payee=payee,
            payee_name=name,
            account_type=r.account_type,
            account_number=r.account_number,
            remittance=printed.remittance,
            source=f"rekvisition {r.pk}",
        ),
        f"Konto angivet i rekvisition {r.pk}, undertecknad av {actor.get_username()}; "
        "inga godkända betalningsuppgifter fanns.",
    )


@transaction.atomic(durable=True)
def submit_requisition(actor: Any, requisition: Requisition) -> Requisition:
    """The authorised signatory signs and submits (lämnar in) a draft or returned requisition.

    Records who signed, when (time and business date), the canonical content and its SHA-256,
    and the PDF as signed with its SHA-256; reserves the amount on the entitlement. Refused:
    not the organisation's signatory, after the deadline, above what is left, another account
    than the approved one. Where no account is approved, the given one is proposed as the
    beneficiary's payment details (a second person approves; the payment waits for it).
    """
    from bidrag.requisitions.pdf import render_signed_pdf

    r = _locked(requisition)
    e = r.entitlement
    _check_signatory(actor, e)
    _transition(r, Status.SUBMITTED)
    _check_entitlement(e)
    today = clock.today()
    check_deadline(e, today)
    _check_left(e, r.amount)
    account = check_account(e, r.account_type, r.account_number)
    content = canonical_content(r, actor, today)
    signed_at = timezone.now()
    pdf = render_signed_pdf(r, actor, today, signed_at, sha256(content))
    r.submission += 1
    try:
        post(
            actor,
            date=today,
            kind=TransactionKind.RESERVATION,
            description=f"Rekvisition {r.pk}: {r.recipient_name}",
            cause=_reserve_cause(r),
            source=r,
            entries=move(
                e.line.appropriation_item, Account.RESERVED, Account.OPEN, r.amount * 100, e.pk
            ),
        )
    except OverdrawnError as exc:
        left = r.amount - exc.shortfall_ore // 100
        raise AmountAboveLeftError(
            str(exc), amount_kronor=r.amount, left_kronor=max(left, 0)
        ) from exc
    if not account.approved:
        r.proposed_change = account.pending or _propose_account(actor, r)
    old = _snapshot(r)
    r.status = Status.SUBMITTED
    r.signed_by, r.signed_at, r.signed_on = actor, signed_at, today
    r.signed_content, r.content_sha256 = content, sha256(content)
    r.signed_pdf, r.pdf_sha256 = pdf, sha256(pdf)
    r.reviewed_by, r.reviewed_at, r.review_reason = None, None, ""
    r.save()
    record(
        actor,
        "requisition.submitted",
        r,
        old=old,
        new={**_snapshot(r), "content_sha256": r.content_sha256, "pdf_sha256": r.pdf_sha256},
        note=f"inlämning {r.submission}",
    )
    _tell(
        r,
        f"Rekvisition {r.pk} har lämnats in",
        f"{r.recipient_name} har rekvirerat {format_kronor(r.amount)} "
        f"({r.decision_diarienummer or e.line.decision.document_id}). "
        f"Undertecknad av {actor.get_full_name() or actor.get_username()} {today}.",
        officers=True,
    )
    _copy(requisition, r)
    return r


def _release(actor: Any, r: Requisition, why: str) -> None:
    """Give the submission's reservation back to the entitlement (+open −reserved)."""
    e = r.entitlement
    post(
        actor,
        date=clock.today(),
        kind=TransactionKind.RELEASE,
        description=f"Rekvisition {r.pk}: {why}",
        cause=f"requisition:{r.pk}:release:{r.submission}",
        source=r,
        entries=move(
            e.line.appropriation_item, Account.OPEN, Account.RESERVED, r.amount * 100, e.pk
        ),
    )


@transaction.atomic(durable=True)
def withdraw_requisition(actor: Any, requisition: Requisition, reason: str = "") -> Requisition:
    """A user of the organisation withdraws (återkallar) a draft, a returned requisition, or a
    submitted one before review; a submitted one's reservation is released."""
    r = _locked(requisition)
    _check_filer(actor, r.entitlement)
    _transition(r, Status.WITHDRAWN)
    reason = _text("reason", reason)
    old = _snapshot(r)
    if r.status == Status.SUBMITTED:
        _release(actor, r, "återkallad")
    r.status = Status.WITHDRAWN
    r.save(update_fields=["status", "updated_at"])
    record(actor, "requisition.withdrawn", r, old=old, new=_snapshot(r), note=reason)
    if old["status"] == Status.SUBMITTED:
        _tell(
            r,
            f"Rekvisition {r.pk} har återkallats",
            f"{r.recipient_name} har återkallat rekvisitionen på {format_kronor(r.amount)}.",
            officers=True,
        )
    _copy(requisition, r)
    return r


# --- review (called by bidrag.payments.services.review_requisition) ---------------------------

APPROVE, RETURN, REJECT = "approve", "return", "reject"
DECISIONS = {APPROVE: Status.APPROVED, RETURN: Status.RETURNED, REJECT: Status.REJECTED}


@transaction.atomic
def review(
    actor: Any,
    requisition: Requisition,
    decision: str,
    reason: str,
    *,
    on_approve: Callable[[Any, Requisition], T],
) -> tuple[Requisition, T | None]:
    """A case officer approves, returns for completion or rejects a submitted requisition,
    with a reason the recipient sees (required to return or reject). Return and reject release
    the reservation. On approval ``on_approve(actor, requisition)`` runs in the same
    transaction and its result (the payment) is returned: the payments app passes its payment
    factory, so that this app never imports payments and no approval is without its payment.
    """
    if not has_role(actor, Role.CASE_OFFICER):
        raise NotAllowedError("only case officers review requisitions", field="decision")
    if decision not in DECISIONS:
        raise _invalid("decision", "ska vara approve, return eller reject")
    r = _locked(requisition)
    to = DECISIONS[decision]
    _transition(r, to)
    reason = _text("reason", reason)
    if decision != APPROVE and not reason:
        raise ReasonRequiredError("a reason is required")
    old = _snapshot(r)
    if decision != APPROVE:
        _release(actor, r, "återsänd" if decision == RETURN else "avslagen")
    r.status = to
    r.reviewed_by, r.reviewed_at, r.review_reason = actor, timezone.now(), reason
    r.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason", "updated_at"])
    record(actor, f"requisition.{to}", r, old=old, new=_snapshot(r), note=reason)
    result = on_approve(actor, r) if decision == APPROVE else None
    what = {APPROVE: "godkänts", RETURN: "återsänts för komplettering", REJECT: "avslagits"}
    _tell(
        r,
        f"Rekvisition {r.pk} har {what[decision]}",
        f"Rekvisitionen på {format_kronor(r.amount)} har {what[decision]}."
        + (f"\n\nMotivering: {reason}" if reason else ""),
        officers=False,
    )
    _copy(requisition, r)
    return r, result


def _tell(r: Requisition, subject: str, body: str, *, officers: bool) -> None:
    users = organisation_users(r.entitlement.beneficiary_id)
    if officers:
        users += users_with_role(Role.CASE_OFFICER)
    notify(users, subject, body)
