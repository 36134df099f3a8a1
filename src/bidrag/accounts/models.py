from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.Model):
    """Holds the role-level permissions that belong to no single model (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        permissions = [
            ("view_all_organisations", _("Se alla organisationers uppgifter")),
            ("load_decisions", _("Läsa in överenskommelser och beslut")),
            ("review_cases", _("Granska rekvisitioner och redovisningar")),
            ("attest_payments", _("Attestera utbetalningar")),
            ("manage_payments", _("Skapa och skicka betalningsuppdrag")),
            ("file_for_organisation", _("Lämna in rekvisitioner och redovisningar")),
            ("sign_for_organisation", _("Skriva under för organisationen")),
            ("view_audit_trail", _("Se och exportera granskningsspåret")),
            ("manage_users", _("Hantera användare och roller")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Membership(models.Model):
    """A recipient user's organisation: the user sees and files for it only.

    Changed through :mod:`bidrag.accounts.services` only; read through
    :mod:`bidrag.accounts.scoping`.
    """

    user = models.ForeignKey(
        "auth.User",
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "recipients.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="accounts_unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class ApiToken(models.Model):
    """API-nyckel: a bearer token with which a script calls the API as its user.

    Only the SHA-256 of the token is stored (``digest``); the token itself is shown once, when
    it is created. A token acts with exactly the user's current roles and scoping, and gives
    nothing once the user is inactive, the token revoked or past ``expires_at``. Created and
    revoked through :mod:`bidrag.accounts.services` only (audited on the user).
    """

    user = models.ForeignKey(
        "auth.User",
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("benämning"), max_length=100, blank=True)
    prefix = models.CharField(_("början av nyckeln"), max_length=16)
    digest = models.CharField(_("SHA-256 av nyckeln"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.CharField(_("skapad av"), max_length=150)
    expires_at = models.DateTimeField(_("giltig till"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["user_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def is_usable(self, now: datetime) -> bool:
        """Not revoked and not expired at ``now`` (the user's activity is checked apart)."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or now < self.expires_at
