"""``bidrag totp USERNAME``: the user's current TOTP code. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.demo import current_code


class Command(BaseCommand):
    help = "Print the current six-digit code of a user's TOTP device (DEBUG only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("totp codes are shown in development only (DEBUG is off)")
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{options['username']} has no confirmed TOTP device")
        self.stdout.write(current_code(device))
