from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequisitionsConfig(AppConfig):
    """Rekvisitioner: recipients' requests for payment, signed and reviewed; lapse."""

    name = "bidrag.requisitions"
    verbose_name = _("Rekvisitioner")
