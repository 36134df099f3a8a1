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
