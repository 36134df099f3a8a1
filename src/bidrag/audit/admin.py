from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bidrag.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["event_time", "actor_label", "event_type", "object_type", "object_repr"]
    list_filter = ["event_type", "object_type"]
    search_fields = ["object_repr", "actor_label", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
