"""``bidrag demo``: fills the embedded database for a newcomer. Never in production."""

from pathlib import Path
from typing import IO, cast

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from bidrag.accounts.demo import (
    DEMO_LOADER,
    DEMO_ORGANISATION,
    DEMO_PASSWORD,
    create_demo_users,
)
from bidrag.recipients.models import Organisation
from bidrag.recipients.services import seed_register


class Command(BaseCommand):
    help = "Load the documents' agreements and decisions and create demo users (not in production)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo data is for development only (DEBUG is off)")
        seed_register("demo")
        organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
        users = create_demo_users(organisation.pk if organisation else None)
        decisions = sorted(Path("decisions").glob("*.yaml"))
        if decisions:
            # The repository's files are the truth here: a file changed since the last run
            # (after a pull) loads as an amendment, keeping the old version.
            call_command("load", *decisions, new_version=True, user=DEMO_LOADER)

        console = Console(file=cast(IO[str], self.stdout), width=140)
        table = Table(title=f"Demo users (password for all: {DEMO_PASSWORD})")
        for column in ("username", "role", "TOTP secret (base32)"):
            table.add_column(column, no_wrap=True)
        for user in users:
            table.add_row(
                user.username, f"{user.role.value} ({user.role.label})", user.secret_base32
            )
        console.print(table)
        console.print(
            "Sign in at http://127.0.0.1:8000/konto/logga-in/ ; the current code: "
            "[bold].venv/bin/bidrag totp USERNAME[/bold] "
            "(or add the secret to an authenticator app)."
        )
        self.stdout.write("Demo database ready.")
