"""Refusals of payment steps (see :class:`bidrag.requisitions.errors.Refusal`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bidrag.requisitions.errors import InvalidFieldError, NotAllowedError, Refusal

__all__ = [
    "AlreadyInBatchError",
    "ApproverAttestingError",
    "BatchStateError",
    "DetailsChangedError",
    "InvalidFieldError",
    "NotAllowedError",
    "NothingToBatchError",
    "PayerNotConfiguredError",
    "PaymentBlockedError",
    "PaymentStateError",
    "RegistrarAttestingError",
    "SameAttesterError",
    "StatusFileError",
    "WrongAttestationKindError",
]


class PaymentStateError(Refusal):
    error_code = "wrong-state"
    http_status = 409
    default_field = "status"
    template = _("Det går inte att %(action)s när utbetalningen har status %(status)s.")


class SameAttesterError(Refusal):
    error_code = "same-attester"
    http_status = 409
    default_field = "attested_by"
    template = _(
        "Du har redan attesterat utbetalningen. Gransknings- och beslutsattest görs av två "
        "olika personer."
    )


class RegistrarAttestingError(Refusal):
    error_code = "registrar-attesting"
    http_status = 403
    default_field = "attested_by"
    template = _("Du registrerade utbetalningen och får därför inte attestera den.")


class ApproverAttestingError(Refusal):
    error_code = "approver-attesting"
    http_status = 403
    default_field = "attested_by"
    template = _("Du godkände rekvisitionen och får därför inte attestera utbetalningen.")


class WrongAttestationKindError(Refusal):
    error_code = "wrong-attestation-kind"
    http_status = 409
    default_field = "kind"
    template = _("Nästa attest för utbetalningen är %(expected)s.")


class PaymentBlockedError(Refusal):
    error_code = "payment-blocked"
    http_status = 409
    default_field = "payment"
    template = _("Utbetalning %(payment)s kan inte betalas ut: %(blockers)s")


class DetailsChangedError(Refusal):
    error_code = "details-changed"
    http_status = 409
    default_field = "payment"
    template = _(
        "Betalningsuppgifterna har ändrats sedan den första attesten. Börja om attesten av "
        "utbetalning %(payment)s med de nya uppgifterna."
    )


class AlreadyInBatchError(Refusal):
    error_code = "already-in-batch"
    http_status = 409
    default_field = "payments"
    template = _("Utbetalning %(payment)s finns redan i betalningsuppdrag %(batch)s.")


class NothingToBatchError(Refusal):
    error_code = "nothing-to-batch"
    default_field = "due_on"
    template = _(
        "Det finns inga attesterade utbetalningar utan hinder som förfaller senast %(due_on)s."
    )


class BatchStateError(Refusal):
    error_code = "batch-locked"
    http_status = 409
    default_field = "batch"
    template = _("Betalningsuppdrag %(batch)s har status %(status)s och kan inte ändras.")


class PayerNotConfiguredError(Refusal):
    error_code = "payer-not-configured"
    http_status = 409
    default_field = "BIDRAG_PAYER"
    template = _(
        "Betalarens uppgifter (BIDRAG_PAYER: namn, organisationsnummer, adress, IBAN, BIC) "
        "saknas i inställningarna: %(missing)s"
    )


class StatusFileError(Refusal):
    error_code = "status-file-invalid"
    default_field = "file"
    template = _("Statusfilen kan inte läsas: %(problem)s")
