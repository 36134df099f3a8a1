"""``bidrag demo``: fills the embedded database for a newcomer. Never in production."""

from pathlib import Path
from typing import IO, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from bidrag.accounts.demo import (
    DEMO_LOADER,
    DEMO_PASSWORD,
    DEMO_USERS,
    create_demo_users,
)
from bidrag.payments.demo import seed_demo_payment_details
from bidrag.recipients.models import Organisation
from bidrag.recipients.services import seed_register


class Command(BaseCommand):
    help = "Load the documents' agreements and decisions and create demo users (not in production)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo data is for development only (DEBUG is off)")
        seed_register("demo")
        names = {u.organisation for u in DEMO_USERS}
        organisations = dict(Organisation.objects.filter(name__in=names).values_list("name", "pk"))
        users = create_demo_users(organisations=organisations)
        decisions = sorted(Path("decisions").glob("*.yaml"))
        if decisions:
            # The repository's files are the truth here: a file changed since the last run
            # (after a pull) loads as an amendment, keeping the old version.
            call_command("load", *decisions, new_version=True, user=DEMO_LOADER)
        # Approved demo Bankgiro numbers and payee addresses (proposed by the case officer,
        # approved by an attester), so that requisitions can be paid in the walkthrough.
        staff = User.objects.in_bulk(["handlaggare", "attestant"], field_name="username")
        seed_demo_payment_details(staff["handlaggare"], staff["attestant"])

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
