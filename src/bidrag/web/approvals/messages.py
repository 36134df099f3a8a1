"""Refusals from the services, said in Swedish with the field's name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bidrag.core.errors import DomainError, IdentifierError
from bidrag.messages import render_error
from bidrag.recipients.approvals import ApprovalError

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

FIELD_LABELS: dict[str, _StrPromise] = {
    "organisation": gettext_lazy("Mottagare"),
    "payee_name": gettext_lazy("Betalningsmottagare"),
    "account_type": gettext_lazy("Kontotyp"),
    "account_number": gettext_lazy("Kontonummer"),
    "bank": gettext_lazy("Bank"),
    "payee_org_number": gettext_lazy("Betalningsmottagarens organisationsnummer"),
    "org_number": gettext_lazy("Organisationsnummer"),
    "ocr": gettext_lazy("OCR-referens"),
    "message": gettext_lazy("Meddelande"),
    "reason": gettext_lazy("Motivering"),
    "decision_note": gettext_lazy("Motivering"),
}


def _reason(error: DomainError) -> str:
    if error.code and error.code != "identifier.empty":
        return render_error(error)  # the core's refusal, worded by its code
    reason = error.reason
    if reason in ("is empty", "is required"):
        return _("måste fyllas i")
    if m := re.fullmatch(r"is longer than (\d+) characters", reason):
        return _("får vara högst %(n)s tecken") % {"n": m[1]}
    if reason == "an account number needs an account type":
        return _("välj bankgiro eller plusgiro för kontonumret")
    if isinstance(error, IdentifierError):
        return _("är inte ett giltigt nummer")
    return _("är inte giltig")


def field_message(error: DomainError) -> str:
    """``"Kontonummer: kontrollsiffran stämmer inte (…)"``."""
    if isinstance(error, ApprovalError):
        return str(error.message)
    label = FIELD_LABELS.get(error.field, error.field)
    return f"{label}: {_reason(error)}."
