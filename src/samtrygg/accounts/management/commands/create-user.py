import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation, Role
from samtrygg.accounts.services import user_create


class Command(BaseCommand):
    help = ("Create a user with a membership. The password is read from SAMTRYGG_NEW_PASSWORD or asked for; "
            "use it for each organisation's first admin, who then manages members in the web interface.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--org", type=int, required=True, help="organisation id")
        parser.add_argument("--role", choices=Role.values, default=Role.ADMIN)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, org, role, email, **options):
        organisation = Organisation.objects.filter(pk=org).first()
        if organisation is None:
            raise CommandError(f"No organisation with id {org}.")
        password = os.environ.get("SAMTRYGG_NEW_PASSWORD") or getpass.getpass("Password: ")
        try:
            user = user_create(
                actor=None, username=username, password=password, organisation=organisation, role=role, email=email
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"{user.username} is {role} in {organisation.name}.")
