from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """Anslagsredovisning: appropriation items and their double-entry postings."""

    name = "bidrag.ledger"
    verbose_name = _("Anslag")
