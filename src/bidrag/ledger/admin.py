"""Read-only admin: the ledger is written by services only."""

from django.contrib import admin

from bidrag.ledger.models import (
    Appropriation,
    AppropriationItem,
    ExpenditureArea,
    LedgerTransaction,
    Posting,
)
from bidrag.recipients.admin import ReadOnlyAdmin


@admin.register(ExpenditureArea)
class ExpenditureAreaAdmin(ReadOnlyAdmin):
    list_display = ["number", "name"]


@admin.register(Appropriation)
class AppropriationAdmin(ReadOnlyAdmin):
    list_display = ["budget_year", "code", "name", "expenditure_area"]


@admin.register(AppropriationItem)
class AppropriationItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "number", "name"]
    list_filter = ["appropriation__budget_year"]


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    can_delete = False
    readonly_fields = ["item", "account", "amount_ore"]


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "description", "source_type", "source_id", "created_at"]
    list_filter = ["kind"]
    inlines = [PostingInline]
