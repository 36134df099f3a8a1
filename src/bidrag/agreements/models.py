"""Agreements (överenskommelser), payment decisions (regeringsbeslut om utbetalning) and the
entitlements (rätt till bidrag) a decision creates.

Everything here is loaded from a decision file (``decisions/*.yaml``) through
:mod:`bidrag.agreements.services`. A document keeps its identity across versions: a changed
file is a new :class:`SourceFile` (the version, kept with its changes) and an amendment
(ändringsbeslut) that changes the document, its lines, annexes and entitlements *in place*, so
that requisitions and payments keep pointing at the same rows. Amounts are whole kronor
(``BigIntegerField``); what has been decided, requested, paid or lapsed is read from the ledger.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bidrag.agreements import groups
from bidrag.ledger.models import AppropriationItem
from bidrag.recipients.models import Organisation


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Överenskommelse")
    PAYMENT_DECISION = "payment_decision", _("Beslut om utbetalning")


# Mottagargrupp: codes and labels are defined once, in bidrag.agreements.groups.
RecipientGroup = models.TextChoices(  # type: ignore[call-overload]
    "RecipientGroup", [(code.name, (code.value, label)) for code, label in groups.LABELS.items()]
)


class DisbursementMode(models.TextChoices):
    WITHOUT_REQUISITION = "without_requisition", _("Engångsvis utan rekvisition")
    WITH_REQUISITION = "with_requisition", _("Efter rekvisition")


class SourceFile(models.Model):
    """Källfil: one loaded version of a decision file (path, sha256, what changed)."""

    document_id = models.CharField(_("dokument-id"), max_length=100)
    kind = models.CharField(_("typ"), max_length=20, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    path = models.CharField(_("sökväg"), max_length=500)
    sha256 = models.CharField(_("sha256"), max_length=64)
    content = models.TextField(_("innehåll"))
    changes = models.JSONField(_("ändringar"), default=list, blank=True)
    loaded_by = models.CharField(_("inläst av"), max_length=150)
    loaded_at = models.DateTimeField(_("inläst"), auto_now_add=True)

    class Meta:
        verbose_name = _("källfil")
        verbose_name_plural = _("källfiler")
        ordering = ["document_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_id", "version"], name="agreements_unique_source_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.version}"


class Agreement(models.Model):
    """Överenskommelse between the state and SKR, valid once the government decides on it."""

    source = models.ForeignKey(
        SourceFile,
        verbose_name=_("gällande version"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    document_id = models.CharField(_("dokument-id"), max_length=100, unique=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("år"))
    name = models.CharField(_("namn"), max_length=300)
    parties = models.JSONField(_("parter"), default=list)
    government_decision_date = models.DateField(_("regeringens beslut, datum"), null=True)
    government_decision_reference = models.CharField(
        _("regeringens beslut, beteckning"), max_length=100, blank=True
    )
    total = models.BigIntegerField(_("statens medel (kr)"))
    co_financing = models.BigIntegerField(_("regionernas insats (kr)"), default=0)
    notes = models.TextField(_("anmärkningar"), blank=True)

    class Meta:
        verbose_name = _("överenskommelse")
        verbose_name_plural = _("överenskommelser")
        ordering = ["year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.diarienummer or self.document_id})"


class Signature(models.Model):
    """Undertecknande: one party's signature of an agreement (place, date, signatory)."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("överenskommelse"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    party = models.CharField(_("part"), max_length=200)
    place = models.CharField(_("ort"), max_length=100, blank=True)
    signed_on = models.DateField(_("datum"), null=True, blank=True)
    signed_on_printed = models.CharField(_("datum som tryckt"), max_length=100, blank=True)
    signatory = models.CharField(_("undertecknare"), max_length=200, blank=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("undertecknande")
        verbose_name_plural = _("undertecknanden")

    def __str__(self) -> str:
        return f"{self.party} {self.signed_on or self.signed_on_printed}"


class Area(models.Model):
    """Utvecklingsområde / insats of an agreement; ``parent`` for its sub-items."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("överenskommelse"),
        on_delete=models.CASCADE,
        related_name="areas",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("del av"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    key = models.CharField(_("id i filen"), max_length=100)
    position = models.PositiveIntegerField(_("ordning"))
    section = models.CharField(_("avsnitt"), max_length=20, blank=True)
    name = models.CharField(_("namn"), max_length=300)
    amount = models.BigIntegerField(_("belopp (kr)"))
    recipient_group = models.CharField(
        _("mottagare"), max_length=40, choices=RecipientGroup.choices, blank=True
    )
    co_financing = models.BooleanField(_("regionernas egen insats"), default=False)
    appropriation_item = models.ForeignKey(
        AppropriationItem,
        verbose_name=_("anslagspost"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conditions = models.JSONField(_("villkor"), default=list, blank=True)
    reports = models.JSONField(_("rapporter"), default=list, blank=True)

    class Meta:
        verbose_name = _("utvecklingsområde")
        verbose_name_plural = _("utvecklingsområden")
        ordering = ["agreement", "position"]

    def __str__(self) -> str:
        return self.name


class PaymentDecision(models.Model):
    """Regeringsbeslut om utbetalning, addressed to Kammarkollegiet."""

    source = models.ForeignKey(
        SourceFile,
        verbose_name=_("gällande version"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    document_id = models.CharField(_("dokument-id"), max_length=100, unique=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=40, blank=True)
    date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    date_stand_in = models.DateField(
        _("datum som används i stället"),
        null=True,
        blank=True,
        help_text=_("När beslutet saknar tryckt datum: det datum som bokföringen använder."),
    )
    date_stand_in_reason = models.TextField(_("varför detta datum"), blank=True)
    missing_note = models.TextField(_("uppgifter som saknas i dokumentet"), blank=True)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("överenskommelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    agreement_diarienummer = models.CharField(
        _("överenskommelsens diarienummer"), max_length=40, blank=True
    )
    department = models.CharField(_("departement"), max_length=100, blank=True)
    addressee = models.CharField(_("mottagare av beslutet"), max_length=300, blank=True)
    title = models.CharField(_("rubrik"), max_length=300)
    budget_year = models.PositiveSmallIntegerField(_("budgetår"))
    total = models.BigIntegerField(_("totalt (kr)"))
    signatories = models.JSONField(_("undertecknare"), default=list)
    copy_to = models.JSONField(_("kopia till"), default=list)
    decision_text = models.TextField(_("regeringens beslut (text)"), blank=True)
    case_text = models.TextField(_("ärendet"), blank=True)

    class Meta:
        verbose_name = _("beslut om utbetalning")
        verbose_name_plural = _("beslut om utbetalning")
        ordering = ["budget_year", "date", "document_id"]

    def __str__(self) -> str:
        return f"{self.diarienummer or self.document_id} {self.title}"

    @property
    def business_date(self) -> dt.date:
        """The date the ledger dates the decision by: as printed, or the file's stand-in."""
        date = self.date or self.date_stand_in
        assert date is not None, "a decision file without a date names a stand-in"
        return date


class DecisionLine(models.Model):
    """Beslutsrad: an amount to a recipient group, charged to one appropriation item."""

    decision = models.ForeignKey(
        PaymentDecision, verbose_name=_("beslut"), on_delete=models.CASCADE, related_name="lines"
    )
    key = models.CharField(_("id i filen"), max_length=100)
    position = models.PositiveIntegerField(_("ordning"))
    amount = models.BigIntegerField(_("belopp (kr)"))
    recipient_group = models.CharField(
        _("mottagare"), max_length=40, choices=RecipientGroup.choices
    )
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagande organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.TextField(_("ändamål"))
    area_name = models.CharField(_("område i överenskommelsen"), max_length=300, blank=True)
    appropriation_item = models.ForeignKey(
        AppropriationItem,
        verbose_name=_("anslagspost"),
        on_delete=models.PROTECT,
        related_name="decision_lines",
    )
    mode = models.CharField(_("utbetalning"), max_length=30, choices=DisbursementMode.choices)
    window_start = models.DateField(_("utbetalning från"), null=True, blank=True)
    window_end = models.DateField(_("utbetalning till"), null=True, blank=True)
    requisition_deadline = models.DateField(_("rekvisition senast"), null=True, blank=True)
    repayment_deadline = models.DateField(_("återbetalning senast"), null=True, blank=True)
    report_deadline = models.DateField(_("ekonomisk redovisning senast"), null=True, blank=True)
    deadline_rule_applies = models.BooleanField(
        _("lag (1930:173) om beräkning av lagstadgad tid tillämpas"), default=True
    )
    conditions = models.JSONField(_("villkor"), default=list, blank=True)
    in_force = models.BooleanField(
        _("gäller"),
        default=True,
        help_text=_("Falskt när ett ändringsbeslut har tagit bort raden (beloppet är då 0)."),
    )

    class Meta:
        verbose_name = _("beslutsrad")
        verbose_name_plural = _("beslutsrader")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "key"], name="agreements_unique_line_key")
        ]

    def __str__(self) -> str:
        return f"{self.decision}: {self.amount} kr {self.get_recipient_group_display()}"


class Annex(models.Model):
    """Bilaga (fördelning): one allocated column of an annex table, with its model.

    A table with several amount columns (seed 003 bilaga 3 and 4) is one ``Annex`` per column,
    sharing ``number``. ``model`` holds the allocation model's parameters (keys with weights,
    base amount, equal parts); ``reference_data`` names the data used (series, date, source).
    """

    decision = models.ForeignKey(
        PaymentDecision,
        verbose_name=_("beslut"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="annexes",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("överenskommelse"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="annexes",
    )
    line = models.ForeignKey(
        DecisionLine,
        verbose_name=_("beslutsrad"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="annexes",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="annexes",
    )
    number = models.PositiveSmallIntegerField(_("bilaga nr"))
    column = models.CharField(_("kolumn"), max_length=100, blank=True)
    column_title = models.CharField(_("kolumnrubrik"), max_length=200, blank=True)
    title = models.CharField(_("rubrik"), max_length=500)
    key_description = models.TextField(_("fördelningsnyckel"), blank=True)
    reference_data = models.JSONField(_("underlag"), default=dict, blank=True)
    rounding = models.CharField(_("avrundning"), max_length=30, blank=True)
    model = models.JSONField(_("beräkningsmodell"), null=True, blank=True)
    printed_total = models.BigIntegerField(_("tryckt summa (kr)"), null=True, blank=True)
    printed_total_text = models.CharField(_("summarad som tryckt"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__isnull=False, agreement__isnull=True)
                | Q(decision__isnull=True, agreement__isnull=False),
                name="agreements_annex_belongs_to_one_document",
            ),
            models.UniqueConstraint(
                fields=["decision", "number", "column"],
                condition=Q(decision__isnull=False),
                name="agreements_unique_decision_annex_column",
            ),
        ]

    def __str__(self) -> str:
        column = f" ({self.column_title})" if self.column_title else ""
        return f"Bilaga {self.number}{column}: {self.title}"


class AnnexRow(models.Model):
    """A recipient's row of an annex: the decided amount as printed, name as printed."""

    annex = models.ForeignKey(
        Annex, verbose_name=_("bilaga"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("rad"))
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="annex_rows",
    )
    printed_name = models.CharField(_("namn som tryckt"), max_length=200)
    amount = models.BigIntegerField(_("beslutat belopp (kr)"))
    reference_values = models.JSONField(_("underlag"), default=dict, blank=True)
    printed_values = models.JSONField(_("övriga tryckta värden"), default=dict, blank=True)
    payee_details = models.JSONField(_("betalningsuppgifter som tryckt"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bilagerad")
        verbose_name_plural = _("bilagerader")
        ordering = ["annex", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["annex", "recipient"], name="agreements_unique_annex_row_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.printed_name}: {self.amount} kr"


class Entitlement(models.Model):
    """Rätt till bidrag: one beneficiary's right to the money of one decision line.

    Created when a payment decision is registered: one per line and beneficiary, from the annex
    column tied to the line, or the line's single recipient. ``amount`` is the decided amount
    in the current version; the ledger posts it on the entitlement and holds what has been
    requested, paid and lapsed. Deadlines are kept as printed and as effective under lag
    (1930:173) (where the decision applies it). Whom the money is paid to is the beneficiary's
    current payment details (:mod:`bidrag.recipients`).
    """

    line = models.ForeignKey(
        DecisionLine,
        verbose_name=_("beslutsrad"),
        on_delete=models.PROTECT,
        related_name="entitlements",
    )
    beneficiary = models.ForeignKey(
        Organisation,
        verbose_name=_("mottagare"),
        on_delete=models.PROTECT,
        related_name="entitlements",
    )
    annex_row = models.ForeignKey(
        AnnexRow,
        verbose_name=_("bilagerad"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entitlements",
    )
    amount = models.BigIntegerField(_("beslutat belopp (kr)"))
    mode = models.CharField(_("utbetalning"), max_length=30, choices=DisbursementMode.choices)
    window_start = models.DateField(_("utbetalning från"), null=True, blank=True)
    window_end = models.DateField(_("utbetalning till"), null=True, blank=True)
    requisition_deadline = models.DateField(_("rekvisition senast (tryckt)"), null=True)
    requisition_deadline_effective = models.DateField(
        _("rekvisition senast (gällande)"), null=True, db_index=True
    )
    repayment_deadline = models.DateField(_("återbetalning senast (tryckt)"), null=True)
    repayment_deadline_effective = models.DateField(_("återbetalning senast (gällande)"), null=True)
    report_deadline = models.DateField(_("redovisning senast (tryckt)"), null=True)
    report_deadline_effective = models.DateField(_("redovisning senast (gällande)"), null=True)

    class Meta:
        verbose_name = _("rätt till bidrag")
        verbose_name_plural = _("rätter till bidrag")
        ordering = ["line__decision", "line__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "beneficiary"], name="agreements_one_entitlement_per_line"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="agreements_entitlement_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.beneficiary}, {self.line.decision.document_id} rad {self.line.key}"


class Severity(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Kvitterad avvikelse")


class Finding(models.Model):
    """Avvikelse: a discrepancy found in the document and acknowledged in the file.

    ``code`` + ``location`` identify it; ``explanation`` is the acknowledgement's text, shown on
    the document's page.
    """

    decision = models.ForeignKey(
        PaymentDecision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("beslut"),
    )
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("överenskommelse"),
    )
    code = models.CharField(_("kod"), max_length=60)
    location = models.CharField(_("plats"), max_length=200)
    severity = models.CharField(_("allvar"), max_length=10, choices=Severity.choices)
    message = models.TextField(_("meddelande"))
    explanation = models.TextField(_("förklaring"), blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("avvikelse")
        verbose_name_plural = _("avvikelser")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code} @ {self.location}"
