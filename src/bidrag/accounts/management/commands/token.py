"""``bidrag token create|list|revoke``: API tokens for scripts (see ``bidrag.accounts.tokens``).

``bidrag token create USERNAME [--name TEXT] [--days N]`` prints the new token as its last line
(the only time it is shown); ``bidrag token list [USERNAME]`` lists tokens without them;
``bidrag token revoke ID`` revokes one. Creation and revocation are audited with the actor
``"cli"`` (whoever runs the console on the server is trusted, as for ``bidrag load``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bidrag.accounts.services import UserAdminError, create_token, revoke_token
from bidrag.accounts.tokens import token_status, tokens

ACTOR = "cli"


class Command(BaseCommand):
    help = "Create, list and revoke API tokens (Authorization: Bearer TOKEN)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="a new token; printed as the last line")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what the token is for")
        create.add_argument(
            "--days", type=int, default=None, help="expires after this many days (default: never)"
        )
        listing = actions.add_parser("list", help="tokens (never the tokens themselves)")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except UserAdminError as error:
            raise CommandError(f"{error.field}: {error.reason}") from error

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"username: no user {options['username']!r}")
        days = options["days"]
        row, token = create_token(
            ACTOR,
            user,
            name=options["name"],
            lifetime=timedelta(days=days) if days is not None else None,
        )
        expires = _when(row.expires_at) if row.expires_at else "never"
        self.stdout.write(f"Token {row.pk} for {user.username}, expires: {expires}.")
        self.stdout.write("Shown only now; send it as 'Authorization: Bearer TOKEN'.")
        self.stdout.write(token)

    def _list(self, options: dict[str, Any]) -> None:
        username = options["username"]
        if username is not None and not User.objects.filter(username=username).exists():
            raise CommandError(f"username: no user {username!r}")
        now = timezone.now()
        self.stdout.write("id\tuser\tstatus\tprefix\tname\tcreated\texpires\tlast used")
        for row in tokens(username):
            status = token_status(row, now) if row.user.is_active else "user inactive"
            self.stdout.write(
                "\t".join(
                    [
                        str(row.pk),
                        row.user.username,
                        status,
                        f"{row.prefix}…",
                        row.name,
                        _when(row.created_at),
                        _when(row.expires_at),
                        _when(row.last_used_at),
                    ]
                )
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        row = revoke_token(ACTOR, options["id"])
        self.stdout.write(f"Token {row.pk} of {row.user.username} revoked {_when(row.revoked_at)}.")


def _when(value: Any) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else "-"
