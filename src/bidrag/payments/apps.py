from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Utbetalningar: payments, two-person attestation, batches and ISO 20022 files."""

    name = "bidrag.payments"
    verbose_name = _("Utbetalningar")
