from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.accounts.services import organisation_create


class Command(BaseCommand):
    help = "Create an organisation (the installation operator's first step). Prints its id."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--type", required=True, choices=OrgType.values)
        parser.add_argument("--kommunkod", default="", help="four digits; required for a kommun")
        parser.add_argument("--parent", type=int, help="id of the organisation above it")
        parser.add_argument("--require-2fa", action="store_true")

    def handle(self, *args, name, type, kommunkod, parent, require_2fa, **options):
        parent_org = Organisation.objects.filter(pk=parent).first() if parent else None
        if parent and parent_org is None:
            raise CommandError(f"No organisation with id {parent}.")
        try:
            org = organisation_create(
                actor=None, name=name, type=type, kommunkod=kommunkod, parent=parent_org, require_2fa=require_2fa
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(str(org.pk))
