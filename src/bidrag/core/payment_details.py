"""Payment details (betalningsuppgifter) in the shape a bank file needs: one definition.

An account is a Bankgiro or a Plusgiro number (each with its Luhn check digit). What travels
with the money to the payee is either a structured OCR reference (ISO 20022 ``SCOR``: Luhn
check digit, optional length digit, at most 25 digits) or a free-text message (``Ustrd``, at
most 140 characters), never one field for both. Decisions print a "betalningsreferens" that may
be either; :func:`read_printed_reference` sorts it and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from bidrag.core.errors import DomainError, IdentifierError
from bidrag.core.identifiers import parse_bankgiro, parse_ocr, parse_plusgiro

BANKGIRO = "bankgiro"
PLUSGIRO = "plusgiro"
ACCOUNT_TYPES = (BANKGIRO, PLUSGIRO)
MESSAGE_MAX_CHARS = 140  # ISO 20022 RmtInf/Ustrd
NAME_MAX_CHARS = 140  # ISO 20022 Nm (Max140Text)


@dataclass(frozen=True)
class BankAccount:
    """A Bankgiro or Plusgiro account, digits only (re-checked, so none is built invalid)."""

    kind: str
    digits: str

    def __post_init__(self) -> None:
        if _account_digits(self.kind, self.digits, "account_number") != self.digits:
            raise IdentifierError(
                "account_number", "must be digits only", self.digits, code="payment.digits-only"
            )

    @property
    def formatted(self) -> str:
        if self.kind == BANKGIRO:
            return parse_bankgiro(self.digits).formatted
        return parse_plusgiro(self.digits).formatted


def _account_digits(kind: str, number: str, field: str) -> str:
    if kind == BANKGIRO:
        return parse_bankgiro(number, field).digits
    if kind == PLUSGIRO:
        return parse_plusgiro(number, field).digits
    raise DomainError(
        "account_type",
        f"must be bankgiro or plusgiro, not {kind!r}",
        kind,
        code="payment.account-type",
        params={"kind": str(kind)},
    )


def parse_account(kind: str, number: str, field: str = "account_number") -> BankAccount:
    """``("bankgiro", "5728-3905")`` → ``BankAccount("bankgiro", "57283905")``."""
    return BankAccount(kind, _account_digits(kind, number, field))


@dataclass(frozen=True)
class Remittance:
    """What the payee sees with the money: an OCR reference or a message, or nothing."""

    ocr: str = ""
    message: str = ""

    def __post_init__(self) -> None:
        if self.ocr and self.message:
            raise DomainError(
                "ocr",
                "give an OCR reference or a message, not both",
                code="payment.ocr-and-message",
            )
        if self.ocr and parse_ocr(self.ocr) != self.ocr:
            raise IdentifierError(
                "ocr", "must be digits only", self.ocr, code="payment.digits-only"
            )
        check_message(self.message)


def check_message(message: str, field: str = "message") -> str:
    if len(message) > MESSAGE_MAX_CHARS:
        raise DomainError(
            field,
            f"has {len(message)} characters, a message has at most {MESSAGE_MAX_CHARS}",
            code="payment.message-length",
            params={"length": len(message), "max": MESSAGE_MAX_CHARS},
        )
    if any(ord(ch) < 32 for ch in message):
        raise DomainError(
            field,
            "contains a control character (a line break or a tab)",
            code="payment.control-character",
        )
    return message


def remittance(ocr: str = "", message: str = "") -> Remittance:
    """A remittance from form or file input: OCR digits are checked, text is trimmed."""
    ocr = ocr.strip()
    message = " ".join(message.split())
    return Remittance(parse_ocr(ocr, "ocr") if ocr else "", check_message(message))


@dataclass(frozen=True)
class PrintedReference:
    """A decision's printed "betalningsreferens", sorted into OCR or message."""

    remittance: Remittance
    not_ocr: IdentifierError | None = None  # why a reference of digits is a message


def read_printed_reference(text: str) -> PrintedReference:
    """``"12351"`` → OCR; ``"Ansvar 418879"`` → message; ``"0319200"`` (digits, but the check
    digit is wrong) → message, with the OCR check's refusal. Never guesses a corrected OCR."""
    text = " ".join(text.split())
    if not text:
        return PrintedReference(Remittance())
    compact = text.replace(" ", "")
    if compact.isascii() and compact.isdigit():
        try:
            return PrintedReference(Remittance(ocr=parse_ocr(compact)))
        except IdentifierError as e:
            return PrintedReference(
                Remittance(message=check_message(text, "payment_reference")), not_ocr=e
            )
    return PrintedReference(Remittance(message=check_message(text, "payment_reference")))
