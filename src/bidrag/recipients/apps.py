from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecipientsConfig(AppConfig):
    """Mottagare: regions, counties (their RSS), collaboration regions, SKR and payees."""

    name = "bidrag.recipients"
    verbose_name = _("Mottagare")
