"""Utbetalningar: payments, their attestations, batches (betalningsuppdrag) and bank status.

Every change goes through :mod:`bidrag.payments.services`. A payment snapshots the approved
payment details it pays to (payee, address, account, OCR or message) so that the file pays
exactly what was attested. Amounts are whole kronor; the ledger holds the money.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bidrag.agreements.models import Entitlement
from bidrag.recipients.models import AccountType, PaymentDetails
from bidrag.requisitions.models import Requisition


class Kind(models.TextChoices):
    REQUISITION = "requisition", _("Efter rekvisition")
    SCHEDULED = "scheduled", _("Engångsvis utan rekvisition")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Väntar på attest")
    ATTESTED = "attested", _("Attesterad")
    BATCHED = "batched", _("I betalningsuppdrag")
    SENT = "sent", _("Skickad till banken")
    ACCEPTED = "accepted", _("Godkänd av banken")
    CANCELLED = "cancelled", _("Makulerad")


# Which status may follow which; a bank rejection takes a sent (or accepted) payment back to
# ``registered`` (attest again, batch again).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REGISTERED: frozenset({Status.ATTESTED, Status.CANCELLED, Status.REGISTERED}),
    Status.ATTESTED: frozenset({Status.BATCHED, Status.REGISTERED, Status.CANCELLED}),
    Status.BATCHED: frozenset({Status.SENT, Status.ATTESTED}),
    Status.SENT: frozenset({Status.ACCEPTED, Status.REGISTERED}),
    Status.ACCEPTED: frozenset({Status.REGISTERED}),
    Status.CANCELLED: frozenset(),
}


class Payment(models.Model):
    """Utbetalning of (part of) an entitlement: after an approved requisition, or scheduled
    for a line paid once without requisition (one per entitlement).

    ``registered_by`` is who registered it (the approving case officer for a requisition; the
    person running ``bidrag schedule`` otherwise, or nobody: ``registered_by_label``).
    ``attempt`` counts bank rejections (each attempt is in at most one batch); ``round``
    counts attestation rounds (a new round after a rejection or a change of details).
    The ``payee_*``, ``account_*``, ``ocr`` and ``message`` fields are the snapshot of the
    approved details (``details``) the payment pays to.
    """

    entitlement = models.ForeignKey(
        Entitlement,
        verbose_name=_("rätt till bidrag"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    requisition = models.OneToOneField(
        Requisition,
        verbose_name=_("rekvisition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment",
    )
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.REGISTERED,
        db_index=True,
    )
    amount = models.BigIntegerField(_("belopp (kr)"))
    due_on = models.DateField(_("förfaller till betalning"), db_index=True)
    paid_on = models.DateField(_("utbetalningsdag"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("försök"), default=0)
    round = models.PositiveSmallIntegerField(_("attestomgång"), default=0)
    returned_reason = models.TextField(_("senast avvisad av banken, skäl"), blank=True)
    cancel_reason = models.TextField(_("skäl till makulering"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by_label = models.CharField(_("registrerad av (namn)"), max_length=150)
    # Snapshot of the approved payment details paid to.
    details = models.ForeignKey(
        PaymentDetails,
        verbose_name=_("betalningsuppgifter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    payee_name = models.CharField(_("betalningsmottagare"), max_length=140, blank=True)
    payee_org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    payee_street = models.CharField(_("gatuadress"), max_length=70, blank=True)
    payee_postal_code = models.CharField(_("postnummer"), max_length=16, blank=True)
    payee_town = models.CharField(_("ort"), max_length=35, blank=True)
    payee_country = models.CharField(_("land"), max_length=2, blank=True)
    account_type = models.CharField(
        _("kontotyp"), max_length=10, choices=AccountType.choices, blank=True
    )
    account_number = models.CharField(_("kontonummer"), max_length=10, blank=True)
    ocr = models.CharField(_("OCR-referens"), max_length=25, blank=True)
    message = models.CharField(_("meddelande"), max_length=140, blank=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("utbetalning")
        verbose_name_plural = _("utbetalningar")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(ocr="") | Q(message=""), name="payments_ocr_or_message"
            ),
            models.UniqueConstraint(
                fields=["entitlement"],
                condition=Q(kind="scheduled"),
                name="payments_one_scheduled_per_entitlement",
            ),
            models.CheckConstraint(
                condition=Q(kind="scheduled", requisition__isnull=True)
                | Q(kind="requisition", requisition__isnull=False),
                name="payments_requisition_iff_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"Utbetalning {self.pk}: {self.payee_name or self.entitlement_id}, {self.amount} kr"

    @property
    def end_to_end_id(self) -> str:
        """The id the bank file and status report use for this attempt."""
        return f"BIDRAG-P{self.pk}-{self.attempt}"


class AttestationKind(models.TextChoices):
    REVIEW = "review", _("Granskningsattest")
    DECISION = "decision", _("Beslutsattest")


class Attestation(models.Model):
    """Attest: one of the two attestations of a payment in one round, by an attester.

    The database refuses a second attestation of the same kind or by the same person in a
    round; the service refuses the registrar and the requisition's approver too.
    """

    payment = models.ForeignKey(
        Payment,
        verbose_name=_("utbetalning"),
        on_delete=models.PROTECT,
        related_name="attestations",
    )
    round = models.PositiveSmallIntegerField(_("attestomgång"))
    kind = models.CharField(_("typ"), max_length=10, choices=AttestationKind.choices)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attesterad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    attested_at = models.DateTimeField(_("attesterad"), auto_now_add=True)
    details = models.ForeignKey(
        PaymentDetails,
        verbose_name=_("attesterade betalningsuppgifter"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attest")
        verbose_name_plural = _("attester")
        ordering = ["payment", "round", "attested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "round", "kind"], name="payments_one_attestation_per_kind"
            ),
            models.UniqueConstraint(
                fields=["payment", "round", "attested_by"],
                name="payments_two_different_attesters",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.payment_id}: {self.attested_by}"


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Sammanställt")
    SENT = "sent", _("Skickat (låst)")
    CANCELLED = "cancelled", _("Makulerat")


class PaymentBatch(models.Model):
    """Betalningsuppdrag: attested payments due on or before ``due_on``, paid on
    ``execution_date``, exported once as a pain.001.001.03 file (kept: a second export gives
    the same bytes; a sent batch is locked)."""

    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.OPEN
    )
    due_on = models.DateField(_("förfallna senast"))
    execution_date = models.DateField(_("önskad utbetalningsdag"))
    # Null only until the row has its id (the message id is made from it, in the same step).
    message_id = models.CharField(  # noqa: DJ001
        _("meddelande-id"), max_length=35, unique=True, null=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sammanställt av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sammanställt"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skickat av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    file = models.BinaryField(_("pain.001-fil"), null=True)
    file_sha256 = models.CharField(_("filens SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("betalningsuppdrag")
        verbose_name_plural = _("betalningsuppdrag")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Betalningsuppdrag {self.pk} ({self.execution_date})"


class ItemStatus(models.TextChoices):
    INCLUDED = "included", _("Med i uppdraget")
    SENT = "sent", _("Skickad")
    ACCEPTED = "accepted", _("Godkänd av banken")
    REJECTED = "rejected", _("Avvisad av banken")
    REMOVED = "removed", _("Borttagen före sändning")


class BatchItem(models.Model):
    """One payment attempt in one batch. ``(payment, attempt)`` is unique: a payment is in at
    most one batch per attempt (a bank rejection starts the next attempt)."""

    batch = models.ForeignKey(
        PaymentBatch, verbose_name=_("uppdrag"), on_delete=models.PROTECT, related_name="items"
    )
    payment = models.ForeignKey(
        Payment, verbose_name=_("utbetalning"), on_delete=models.PROTECT, related_name="batch_items"
    )
    attempt = models.PositiveSmallIntegerField(_("försök"))
    end_to_end_id = models.CharField(_("end-to-end-id"), max_length=35, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.INCLUDED
    )
    bank_status = models.CharField(_("bankens statuskod"), max_length=4, blank=True)
    reason = models.TextField(_("skäl"), blank=True)
    decided_at = models.DateTimeField(_("besked från banken"), null=True, blank=True)

    class Meta:
        verbose_name = _("betalning i uppdrag")
        verbose_name_plural = _("betalningar i uppdrag")
        ordering = ["batch", "payment"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "attempt"], name="payments_one_batch_per_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.payment_id}: {self.status}"


class StatusReport(models.Model):
    """A bank's status report (pain.002.001.03), or a status entered by hand; kept with the
    effect it had. The same file (by SHA-256) is applied once."""

    batch = models.ForeignKey(
        PaymentBatch,
        verbose_name=_("uppdrag"),
        on_delete=models.PROTECT,
        related_name="status_reports",
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    filename = models.CharField(_("filnamn"), max_length=255, blank=True)
    content = models.BinaryField(_("fil"), null=True)
    message_id = models.CharField(_("meddelande-id"), max_length=35, blank=True)
    created_on = models.DateField(_("skapad av banken"), null=True, blank=True)
    accepted = models.PositiveIntegerField(_("godkända"), default=0)
    rejected = models.PositiveIntegerField(_("avvisade"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inläst av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("inläst"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"Status {self.message_id or self.sha256[:12]} för uppdrag {self.batch_id}"
