"""Recipient organisations (mottagare) and their payment details (betalningsuppgifter).

Changes go through :mod:`bidrag.recipients.services` only; payment details are history rows
of which exactly one per organisation is current.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    COUNTY = "county", _("Län (kommunerna via RSS)")
    COLLABORATION_REGION = "collaboration_region", _("Samverkansregion")
    SKR = "skr", _("SKR")
    OTHER = "other", _("Annan betalningsmottagare")


class Organisation(models.Model):
    """Organisation: a recipient or payee.

    ``county`` stands for the county's municipalities, paid to its RSS (regional samverkans- och
    stödstruktur). ``county_code`` is SCB's länskod for regions and counties.
    """

    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    county_code = models.CharField(_("länskod"), max_length=2, blank=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    designated_payee = models.ForeignKey(
        "self",
        verbose_name=_("utsedd betalningsmottagare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payee_for",
        help_text=_("För samverkansregioner: den organisation som tar emot medlen."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["kind", "county_code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "county_code"],
                condition=~Q(county_code=""),
                name="recipients_unique_county_code_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AccountType(models.TextChoices):
    BANKGIRO = "bankgiro", _("Bankgiro")
    PLUSGIRO = "plusgiro", _("Plusgiro")
    NONE = "", _("Inget konto angivet")


class PaymentDetails(models.Model):
    """Betalningsuppgifter: where an organisation's money goes.

    A history row: a change adds a new row and ends the current one (``is_current``). ``payee``
    is whom the money is paid to (the organisation itself, or a collaboration region's
    designated payee); ``payee_name`` is the name as printed ("Hälso- och
    sjukvårdsförvaltningen, Region Stockholm").
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="payment_details",
    )
    payee = models.ForeignKey(
        Organisation,
        verbose_name=_("betalningsmottagare"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payee_name = models.CharField(_("betalningsmottagare (som tryckt)"), max_length=200)
    account_type = models.CharField(
        _("kontotyp"), max_length=10, choices=AccountType.choices, blank=True
    )
    account_number = models.CharField(_("kontonummer (siffror)"), max_length=10, blank=True)
    bank = models.CharField(_("bank"), max_length=100, blank=True)
    payment_reference = models.CharField(_("betalningsreferens"), max_length=300, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    is_current = models.BooleanField(_("gällande"), default=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    ended_at = models.DateTimeField(_("upphörde"), null=True, blank=True)

    class Meta:
        verbose_name = _("betalningsuppgifter")
        verbose_name_plural = _("betalningsuppgifter")
        ordering = ["organisation", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_current=True),
                name="recipients_one_current_payment_details",
            )
        ]

    def __str__(self) -> str:
        account = f"{self.get_account_type_display()} {self.account_number}".strip()
        return f"{self.organisation}: {self.payee_name} {account}".strip()

    def as_dict(self) -> dict[str, str]:
        return {
            "payee": self.payee.name,
            "payee_name": self.payee_name,
            "account_type": self.account_type,
            "account_number": self.account_number,
            "bank": self.bank,
            "payment_reference": self.payment_reference,
        }


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på godkännande")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avslagen")


class PaymentDetailsChange(models.Model):
    """Ändring av betalningsuppgifter: a proposal that takes effect only when a second person
    approves it (four eyes). Written through :mod:`bidrag.recipients.approvals` only.

    ``old_values`` is what was current when proposed (as :meth:`PaymentDetails.as_dict`);
    ``reason`` why it was proposed; ``decision_note`` the decider's comment (why rejected).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="payment_details_changes",
    )
    payee = models.ForeignKey(
        Organisation,
        verbose_name=_("betalningsmottagare"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payee_name = models.CharField(_("betalningsmottagare (namn)"), max_length=200)
    account_type = models.CharField(
        _("kontotyp"), max_length=10, choices=AccountType.choices, blank=True
    )
    account_number = models.CharField(_("kontonummer (siffror)"), max_length=10, blank=True)
    bank = models.CharField(_("bank"), max_length=100, blank=True)
    payment_reference = models.CharField(_("betalningsreferens"), max_length=300, blank=True)
    old_values = models.JSONField(_("före"), null=True, blank=True)
    reason = models.TextField(_("motivering"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("föreslagen av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("föreslagen"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutad av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decision_note = models.TextField(_("kommentar till beslutet"), blank=True)

    class Meta:
        verbose_name = _("ändring av betalningsuppgifter")
        verbose_name_plural = _("ändringar av betalningsuppgifter")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="recipients_one_pending_change_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.organisation}: {self.get_status_display()}"

    def proposed_values(self) -> dict[str, str]:
        """The proposal in the shape of :meth:`PaymentDetails.as_dict`."""
        return {
            "payee": self.payee.name,
            "payee_name": self.payee_name,
            "account_type": self.account_type,
            "account_number": self.account_number,
            "bank": self.bank,
            "payment_reference": self.payment_reference,
        }
