"""``bidrag schedule [--user USERNAME] [--window-starts-by DATE]``: one scheduled payment per
entitlement paid "engångsvis utan rekvisition" (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.core.money import format_kronor
from bidrag.payments.services import schedule_payments


class Command(BaseCommand):
    help = "Lägg in utbetalningar utan rekvisition, en per rätt till bidrag (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="den som registrerar utbetalningarna (får då inte attestera dem); "
            "standard: systemet",
        )
        parser.add_argument(
            "--window-starts-by",
            metavar="DATE",
            help="bara rätter vars utbetalningsperiod börjar senast detta datum (YYYY-MM-DD)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor: Any = "system"
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"användaren {options['user']!r} finns inte")
        by = None
        if options["window_starts_by"]:
            try:
                by = dt.date.fromisoformat(options["window_starts_by"])
            except ValueError:
                raise CommandError("--window-starts-by: a date YYYY-MM-DD") from None
        made = schedule_payments(actor, window_starts_by=by)
        for p in made:
            self.stdout.write(
                f"{p.pk}  {p.due_on}  {p.entitlement.beneficiary}  {format_kronor(p.amount)}"
            )
        self.stdout.write(f"{len(made)} utbetalningar lagda.")
