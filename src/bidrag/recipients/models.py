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


class Organisation(models.Model):
    """Mottagare: a beneficiary of grants (a region, a county's municipalities, a
    collaboration region, SKR). Whom its money is paid to is a :class:`Payee`, named in its
    current :class:`PaymentDetails`.

    ``county`` stands for the county's municipalities, paid to its RSS (regional samverkans- och
    stödstruktur). ``county_code`` is SCB's länskod for regions and counties. ``org_number`` is
    the beneficiary's own organisationsnummer where it is a legal entity and the number is known.
    """

    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    county_code = models.CharField(_("länskod"), max_length=2, blank=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
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


class Payee(models.Model):
    """Betalningsmottagare: the legal entity money is paid to, as a bank file names it.

    Unique by organisationsnummer (``NNNNNN-NNNN``). Banks require a name and, from November
    2026, a structured address with at least town and country for every ISO 20022 party; a
    payee without them cannot be paid (:func:`bidrag.recipients.readiness.payment_blockers`).
    """

    org_number = models.CharField(_("organisationsnummer"), max_length=11, unique=True)
    name = models.CharField(_("namn"), max_length=140)
    street = models.CharField(_("gatuadress"), max_length=70, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=16, blank=True)
    town = models.CharField(_("ort"), max_length=35, blank=True)
    country = models.CharField(_("land (ISO 3166)"), max_length=2, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("betalningsmottagare")
        verbose_name_plural = _("betalningsmottagare")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"

    @property
    def has_address(self) -> bool:
        return bool(self.town and self.country)


class _Details(models.Model):
    """The payment-details fields shared by the current details and a proposed change."""

    payee = models.ForeignKey(
        Payee, verbose_name=_("betalningsmottagare"), on_delete=models.PROTECT, related_name="+"
    )
    payee_name = models.CharField(_("betalningsmottagarens namn (som tryckt)"), max_length=140)
    account_type = models.CharField(
        _("kontotyp"), max_length=10, choices=AccountType.choices, blank=True
    )
    account_number = models.CharField(_("kontonummer (siffror)"), max_length=10, blank=True)
    bank = models.CharField(_("bank"), max_length=100, blank=True)
    ocr = models.CharField(_("OCR-referens"), max_length=25, blank=True)
    message = models.CharField(_("meddelande till mottagaren"), max_length=140, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(ocr="") | Q(message=""), name="%(app_label)s_%(class)s_ocr_or_message"
            )
        ]

    def as_dict(self) -> dict[str, str]:
        """The values compared and audited (before/after)."""
        return {
            "payee": self.payee.org_number,
            "payee_name": self.payee_name,
            "account_type": self.account_type,
            "account_number": self.account_number,
            "bank": self.bank,
            "ocr": self.ocr,
            "message": self.message,
        }


class PaymentDetails(_Details):
    """Betalningsuppgifter: where a beneficiary's money goes (payee, account, remittance).

    A history row: a change adds a new row and ends the current one (``is_current``). Written by
    :mod:`bidrag.recipients.services` only: from a decision file where none are recorded, or by
    a second person's approval of a :class:`PaymentDetailsChange`. ``note`` says what a person
    should know (a printed reference that is not a valid OCR and is sent as a message).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="payment_details",
    )
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    is_current = models.BooleanField(_("gällande"), default=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    ended_at = models.DateTimeField(_("upphörde"), null=True, blank=True)

    class Meta:
        verbose_name = _("betalningsuppgifter")
        verbose_name_plural = _("betalningsuppgifter")
        ordering = ["organisation", "-created_at"]
        constraints = [
            *_Details.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_current=True),
                name="recipients_one_current_payment_details",
            ),
        ]

    def __str__(self) -> str:
        account = f"{self.get_account_type_display()} {self.account_number}".strip()
        return f"{self.organisation}: {self.payee_name} {account}".strip()


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på godkännande")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avslagen")


class PaymentDetailsChange(_Details):
    """Ändring av betalningsuppgifter: a proposal that takes effect only when a second person
    approves it (four eyes). Written through :mod:`bidrag.recipients.approvals` only.

    ``old_values`` is what was current when proposed (as :meth:`PaymentDetails.as_dict`);
    ``reason`` why it was proposed (a person's words, or the decision file it came from);
    ``decision_note`` the decider's comment (why rejected).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="payment_details_changes",
    )
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
            *_Details.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="recipients_one_pending_change_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.organisation}: {self.get_status_display()}"

    def proposed_values(self) -> dict[str, str]:
        """The proposal in the shape of :meth:`PaymentDetails.as_dict`."""
        return self.as_dict()
