"""Rekvisition: a recipient's request for payment of (part of) an entitlement.

The fields are those of the form in seed 002's bilaga 1 (contact details, the agreement's and
the decision's diarienummer, the agreement's name, amount requested, period, Bankgiro/Plusgiro
and the wished payment reference). Every change goes through
:mod:`bidrag.requisitions.services`; the state machine is :data:`TRANSITIONS`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bidrag.agreements.models import Entitlement
from bidrag.recipients.models import AccountType, PaymentDetailsChange


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad och underskriven")
    APPROVED = "approved", _("Godkänd")
    RETURNED = "returned", _("Återsänd för komplettering")
    REJECTED = "rejected", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återkallad")


# Which step may follow which (the services refuse anything else).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset(
        {Status.APPROVED, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN}
    ),
    Status.RETURNED: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# States in which the requested amount is reserved in the ledger.
RESERVING = frozenset({Status.SUBMITTED, Status.APPROVED})


class Requisition(models.Model):
    """Rekvisition (seed 002 bilaga 1): filled by a recipient user, signed by the authorised
    signatory (behörig företrädare), reviewed by a case officer.

    ``amount`` is whole kronor. Submitting signs: who, when, the SHA-256 of the canonical
    content signed (``signed_content``, kept as signed) and the PDF as signed (``signed_pdf``,
    with its own SHA-256), so both can be checked later. ``submission`` counts submissions (a
    returned requisition is submitted again); each reserves under its own ledger cause.
    """

    entitlement = models.ForeignKey(
        Entitlement,
        verbose_name=_("rätt till bidrag"),
        on_delete=models.PROTECT,
        related_name="requisitions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # 1. Kontaktuppgifter
    recipient_name = models.CharField(_("bidragsmottagare"), max_length=200)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200)
    postal_address = models.CharField(_("postadress"), max_length=300, blank=True)
    phone = models.CharField(_("telefon inkl. riktnummer"), max_length=40, blank=True)
    fax = models.CharField(_("faxnummer"), max_length=40, blank=True)
    email = models.EmailField(_("e-postadress"), max_length=254)
    # 2. Bidrag som ansökan avser
    agreement_diarienummer = models.CharField(
        _("diarienummer för överenskommelsen"), max_length=40, blank=True
    )
    decision_diarienummer = models.CharField(
        _("diarienummer för beslutet om utbetalning"), max_length=40, blank=True
    )
    agreement_name = models.CharField(_("överenskommelsens benämning"), max_length=300, blank=True)
    amount = models.BigIntegerField(_("belopp som rekvireras (kr)"))
    period_start = models.DateField(_("perioden från"))
    period_end = models.DateField(_("perioden till"))
    # 3. Uppgifter för utbetalning
    account_type = models.CharField(_("kontotyp"), max_length=10, choices=AccountType.choices)
    account_number = models.CharField(_("bankgiro/plusgiro (siffror)"), max_length=10)
    payment_reference = models.CharField(_("önskad betalningsreferens"), max_length=140, blank=True)
    # The account given was proposed as the beneficiary's payment details (none were approved).
    proposed_change = models.ForeignKey(
        PaymentDetailsChange,
        verbose_name=_("föreslagna betalningsuppgifter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requisitions",
    )
    # 4. Underskrift
    submission = models.PositiveSmallIntegerField(_("inlämning nr"), default=0)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("underskriven av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("underskriven (tid)"), null=True, blank=True)
    signed_on = models.DateField(_("underskriven (affärsdag)"), null=True, blank=True)
    signed_content = models.TextField(_("underskrivet innehåll (kanoniskt)"), blank=True)
    content_sha256 = models.CharField(_("SHA-256 av innehållet"), max_length=64, blank=True)
    signed_pdf = models.BinaryField(_("rekvisitionen som undertecknad (PDF)"), null=True)
    pdf_sha256 = models.CharField(_("SHA-256 av PDF:en"), max_length=64, blank=True)
    # Review (granskning) by a case officer
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granskad av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    review_reason = models.TextField(_("motivering till mottagaren"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("rekvisition")
        verbose_name_plural = _("rekvisitioner")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="requisitions_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="requisitions_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "signed_at"])]

    def __str__(self) -> str:
        return f"Rekvisition {self.pk}: {self.recipient_name}, {self.amount} kr"
