from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Konton: roles as groups, organisation membership, sign-in with a second factor."""

    name = "bidrag.accounts"
    verbose_name = _("Konton och roller")

    def ready(self) -> None:
        from bidrag.accounts.services import setup_roles_after_migrate

        # After every migrate, so that permissions added later by other apps reach the roles.
        post_migrate.connect(setup_roles_after_migrate, dispatch_uid="bidrag.accounts.roles")
