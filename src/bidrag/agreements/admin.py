"""Read-only admin: agreements and decisions come from decision files (``bidrag load``)."""

from django.contrib import admin

from bidrag.agreements.models import (
    Agreement,
    Annex,
    AnnexRow,
    Area,
    DecisionLine,
    Finding,
    PaymentDecision,
    SourceFile,
)
from bidrag.recipients.admin import ReadOnlyAdmin


@admin.register(SourceFile)
class SourceFileAdmin(ReadOnlyAdmin):
    list_display = ["document_id", "version", "path", "sha256", "loaded_at", "loaded_by"]


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    can_delete = False
    fields = ["section", "name", "amount", "recipient_group", "co_financing"]
    readonly_fields = ["section", "name", "amount", "recipient_group", "co_financing"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "diarienummer", "total"]
    inlines = [AreaInline]


class LineInline(admin.TabularInline):
    model = DecisionLine
    extra = 0
    can_delete = False
    fields = ["amount", "recipient_group", "appropriation_item", "mode", "requisition_deadline"]
    readonly_fields = [
        "amount",
        "recipient_group",
        "appropriation_item",
        "mode",
        "requisition_deadline",
    ]


@admin.register(PaymentDecision)
class PaymentDecisionAdmin(ReadOnlyAdmin):
    list_display = ["document_id", "date", "diarienummer", "title", "total"]
    inlines = [LineInline]


class AnnexRowInline(admin.TabularInline):
    model = AnnexRow
    extra = 0
    can_delete = False
    fields = ["position", "printed_name", "recipient", "amount"]
    readonly_fields = ["position", "printed_name", "recipient", "amount"]


@admin.register(Annex)
class AnnexAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "decision", "agreement", "rounding", "printed_total"]
    inlines = [AnnexRowInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ["code", "location", "severity", "decision", "agreement"]
    list_filter = ["code", "severity"]
