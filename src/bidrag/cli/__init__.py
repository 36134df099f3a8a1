"""The ``bidrag`` console command: Django's management entry point with our settings.

Every domain command is a Django management command, so ``bidrag migrate``,
``bidrag runserver`` and ``bidrag allocate`` share one entry point and ``--help``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidrag.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bidrag", *(sys.argv[1:] if argv is None else argv)])
