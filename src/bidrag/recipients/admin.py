"""Read-mostly admin: changes go through :mod:`bidrag.recipients.services`."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bidrag.recipients.models import Organisation, Payee, PaymentDetails


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "county_code", "org_number"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


@admin.register(PaymentDetails)
class PaymentDetailsAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "payee_name", "account_type", "account_number", "is_current"]
    list_filter = ["is_current", "account_type"]


@admin.register(Payee)
class PayeeAdmin(ReadOnlyAdmin):
    list_display = ["name", "org_number", "town", "country"]
    search_fields = ["name", "org_number"]
