"""``bidrag lapse --as-of DATE``: lapse what is left of every entitlement paid on requisition
whose effective deadline has passed (a daily cron; running it twice changes nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag import clock
from bidrag.core.money import format_ore
from bidrag.requisitions.lapse import lapse_due


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of: {value!r} is not a date YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Låt rätten till bidrag förfalla där rekvisitionstiden har gått ut."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            help="affärsdagen (YYYY-MM-DD); standard: i dag (BIDRAG_TODAY om satt)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _date(options["as_of"]) if options["as_of"] else clock.today()
        lapsed = lapse_due("lapse", as_of)
        for item in lapsed:
            self.stdout.write(
                f"{item.date}  {item.beneficiary}  {format_ore(item.amount_ore)}  "
                f"(rätt till bidrag {item.entitlement_id})"
            )
        self.stdout.write(f"{len(lapsed)} förfallna per {as_of}.")
