from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Aviseringar: e-mail to recipients and officers at each step, after commit."""

    name = "bidrag.notifications"
    verbose_name = _("Aviseringar")
