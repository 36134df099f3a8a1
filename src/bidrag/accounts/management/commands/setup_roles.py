"""``bidrag setup_roles``: create the role groups and give them their permissions (idempotent)."""

from django.core.management.base import BaseCommand

from bidrag.accounts.services import setup_roles


class Command(BaseCommand):
    help = "Create one group per role with exactly its permissions (also runs after migrate)."

    def handle(self, *args: object, **options: object) -> None:
        for role, missing in setup_roles().items():
            note = f" (not yet defined: {', '.join(missing)})" if missing else ""
            self.stdout.write(f"{role.value}: {role.label}{note}")
