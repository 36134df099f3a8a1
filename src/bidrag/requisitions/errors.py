"""Refusals of the requisition and payment steps: typed, each with a stable ``code``, the
``field`` it concerns, an HTTP status for faces and a Swedish ``message`` (translated).

``str(error)`` is ``field: reason`` in English for logs; ``message`` is for people, formatted
from ``params`` in the active language. The payments app reuses :class:`Refusal`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.core.errors import DomainError
from bidrag.core.money import format_kronor


class Refusal(DomainError):
    """A step was refused. Subclasses set ``error_code`` (the stable ``code``),
    ``http_status``, ``default_field`` and ``template`` (a Swedish msgid with ``%(name)s``
    placeholders filled from ``params``)."""

    error_code: ClassVar[str] = "refused"
    http_status: ClassVar[int] = 422
    default_field: ClassVar[str] = ""
    template: ClassVar[Promise] = _("Åtgärden är inte tillåten.")

    def __init__(self, reason: str = "", *, field: str | None = None, **params: Any) -> None:
        super().__init__(self.default_field if field is None else field, reason or self.error_code)
        # Set after DomainError.__init__, which (with catalogued core errors) may set its own.
        self.code: str = self.error_code
        self.params: dict[str, Any] = dict(params)

    @property
    def message(self) -> str:
        shown = {k: _shown(k, v) for k, v in self.params.items()}
        try:
            return str(self.template) % shown
        except (KeyError, TypeError, ValueError):
            return str(self.template)

    def as_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "params": {k: _plain(v) for k, v in self.params.items()},
        }


def _shown(key: str, value: Any) -> Any:
    if key.endswith("kronor") and isinstance(value, int):
        return format_kronor(value, sep="\u00a0")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return value if isinstance(value, int | str | bool | None) else str(value)


class NotAllowedError(Refusal):
    error_code = "not-allowed"
    http_status = 403
    template = _("Din roll får inte göra detta.")


class NotYourOrganisationError(Refusal):
    error_code = "not-your-organisation"
    http_status = 403
    default_field = "entitlement"
    template = _("Du företräder inte %(organisation)s och kan inte göra detta för dem.")


class NotSignatoryError(Refusal):
    error_code = "not-authorised-signatory"
    http_status = 403
    default_field = "signed_by"
    template = _(
        "Bara en behörig företrädare för %(organisation)s kan skriva under och lämna in "
        "rekvisitionen."
    )


class WrongStateError(Refusal):
    error_code = "wrong-state"
    http_status = 409
    default_field = "status"
    template = _("Det går inte att %(action)s när rekvisitionen har status %(status)s.")


class NoRequisitionNeededError(Refusal):
    error_code = "no-requisition-needed"
    default_field = "entitlement"
    template = _("Bidraget betalas ut utan rekvisition; det går inte att rekvirera det.")


class InvalidFieldError(Refusal):
    error_code = "invalid"
    template = _("%(field_label)s: %(problem)s")


class AmountAboveLeftError(Refusal):
    error_code = "amount-above-left"
    default_field = "amount"
    template = _(
        "Beloppet %(amount_kronor)s är mer än det som är kvar av bidraget: %(left_kronor)s."
    )


class AfterDeadlineError(Refusal):
    error_code = "after-deadline"
    default_field = "entitlement"
    template = _(
        "Sista dag att rekvirera var %(deadline)s; rätten till bidraget har förfallit "
        "(i dag är %(today)s)."
    )


class AccountNotApprovedError(Refusal):
    error_code = "account-not-approved"
    default_field = "account_number"
    template = _(
        "Kontot %(account)s är inte det godkända kontot för %(organisation)s (%(approved)s). "
        "Ett nytt konto anmäls till Kammarkollegiet med ett bestyrkt kontobevis."
    )


class ReasonRequiredError(Refusal):
    error_code = "reason-required"
    default_field = "reason"
    template = _("Skriv en motivering; mottagaren ser den.")
