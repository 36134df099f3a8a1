"""A user's choice about notifications (aviseringar). No row means the default: e-mail on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """Whether a user gets e-mail about the steps of requisitions and payments."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("e-post vid varje steg"), default=True)
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("aviseringsval")
        verbose_name_plural = _("aviseringsval")

    def __str__(self) -> str:
        return f"{self.user}: {'e-post' if self.email else 'ingen e-post'}"
