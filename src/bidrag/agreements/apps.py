from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """Överenskommelser och regeringsbeslut om utbetalning, loaded from decision files."""

    name = "bidrag.agreements"
    verbose_name = _("Överenskommelser och beslut")
