from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Append-only audit trail: who, when, what, before and after."""

    name = "bidrag.audit"
