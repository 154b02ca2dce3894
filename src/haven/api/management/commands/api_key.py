from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from haven.accounts.selectors import api_token_get, api_tokens_for, user_get
from haven.accounts.services import api_token_issue, api_token_revoke
from haven.core.errors import ValidationError


class Command(BaseCommand):
    help = "Issue, list or revoke partner agencies' keys to the partner API."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Issue a key to a partner account (printed once)")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="What the key is for")
        listing = sub.add_parser("list", help="A partner account's keys")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="Revoke a key by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "revoke":
                token = api_token_get(prefix=options["prefix"])
                if token is None:
                    raise CommandError(f"No key starts with {options['prefix']}")
                api_token_revoke(actor=None, token=token)
                self.stdout.write(f"Revoked {token}")
                return
            user = user_get(username=options["username"])
            if user is None:
                raise CommandError(f"No user {options['username']}")
            if options["action"] == "list":
                for t in api_tokens_for(user=user):
                    state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "current"
                    self.stdout.write(f"{t.prefix}  {t.name}  {state}")
                return
            _, key = api_token_issue(actor=None, user=user, name=options["name"])
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from e
        self.stdout.write(f"Key for {user.get_username()} (shown once; store it safely):\n{key}")
