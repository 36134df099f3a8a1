"""What the API returns. Money is whole kronor as integers (ledger balances also in öre)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from bidrag.recipients.models import ChangeStatus


class OrganisationRef(Schema):
    id: int
    name: str


class DecisionSummary(Schema):
    document_id: str
    diarienummer: str
    title: str
    date: dt.date | None
    budget_year: int
    total: int
    agreement: str


class Line(Schema):
    key: str
    position: int
    amount: int
    recipient_group: str
    recipient: OrganisationRef | None
    purpose: str
    appropriation_item_id: int
    mode: str
    window_start: dt.date | None
    window_end: dt.date | None
    requisition_deadline: dt.date | None
    repayment_deadline: dt.date | None
    report_deadline: dt.date | None


class AnnexRowOut(Schema):
    position: int
    recipient: OrganisationRef
    printed_name: str
    amount: int


class AnnexOut(Schema):
    number: int
    column: str
    title: str
    line_key: str | None
    printed_total: int | None
    rows: list[AnnexRowOut]


class DecisionDetail(DecisionSummary):
    lines: list[Line]
    annexes: list[AnnexOut]


class RecipientSummary(Schema):
    id: int
    name: str
    kind: str
    org_number: str
    decided_total: int


class DecidedAmount(Schema):
    decision: str
    decision_title: str
    budget_year: int
    annex_number: int | None
    line_key: str | None
    printed_name: str
    amount: int


class PaymentDetailsOut(Schema):
    payee: str
    payee_name: str
    account_type: str
    account_number: str
    bank: str
    ocr: str
    message: str


class RecipientDetail(RecipientSummary):
    payment_details: PaymentDetailsOut | None
    decided: list[DecidedAmount]


class BalancesOut(Schema):
    decided: int
    requested: int
    paid: int
    lapsed: int
    left: int


class AppropriationItemOut(Schema):
    id: int
    budget_year: int
    expenditure_area: int
    appropriation: str
    appropriation_name: str
    number: int
    name: str
    balances: BalancesOut
    balances_ore: BalancesOut


class PaymentDetailChangeOut(Schema):
    id: int
    organisation: OrganisationRef
    status: ChangeStatus
    proposed_by: str
    proposed_at: dt.datetime
    reason: str
    before: dict[str, str] | None
    proposed: dict[str, str]
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str


class PayeeRef(Schema):
    id: int
    org_number: str
    name: str


class EntitlementOut(Schema):
    """Rätt till bidrag. ``requested`` is requested and not yet paid; ``amount`` = requested +
    paid + lapsed + remaining (whole kronor, from the ledger)."""

    id: int
    decision: str
    line: str
    recipient: OrganisationRef
    payee: PayeeRef | None
    amount: int
    requested: int
    paid: int
    lapsed: int
    remaining: int
    mode: str
    window_start: dt.date | None
    window_end: dt.date | None
    requisition_deadline: dt.date | None
    requisition_deadline_effective: dt.date | None
    repayment_deadline: dt.date | None
    repayment_deadline_effective: dt.date | None
    report_deadline: dt.date | None
    report_deadline_effective: dt.date | None
    blockers: list[str]


class PayeeDetailsOut(Schema):
    """Approved payment details of one beneficiary paid to this payee."""

    recipient: OrganisationRef
    payee_name: str
    bankgiro: str | None
    plusgiro: str | None
    bank: str
    ocr: str | None
    message: str | None
    note: str


class PayeeOut(Schema):
    id: int
    org_number: str
    name: str
    street: str
    postal_code: str
    town: str
    country: str
    payment_details: list[PayeeDetailsOut]
