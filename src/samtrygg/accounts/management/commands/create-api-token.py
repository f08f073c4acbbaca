from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import ApiToken, User
from samtrygg.accounts.services import api_token_create


class Command(BaseCommand):
    help = ("Create an API token for USERNAME and print only the token (shown once; only its digest is kept), "
            "e.g. TOKEN=$(samtrygg create-api-token alice --name 'GIS export' --read-only). It reads and writes "
            "unless --read-only, and works for --days (90). Revoke it under API tokens.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")
        parser.add_argument("--read-only", action="store_true", help="the token may only read (GET)")
        parser.add_argument("--days", type=int, default=ApiToken.DEFAULT_LIFETIME,
                            choices=ApiToken.LIFETIMES, help="how long the token works (default %(default)s)")

    def handle(self, *args, username, name, read_only, days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if not user.is_active:
            raise CommandError(f"The account {username!r} is deactivated.")
        try:
            _, secret = api_token_create(actor=None, user=user, name=name, days=days,
                                         scope=ApiToken.Scope.READ if read_only else ApiToken.Scope.WRITE)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(secret)
