from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation
from samtrygg.areas import scb
from samtrygg.areas.services import ImportRejected


class Command(BaseCommand):
    help = ("Set the population of an organisation's DeSO and RegSO areas from SCB's statistics API (PxWebApi) "
            "answer in JSON-stat2, e.g. table BE0101/BE0101Y/FolkmDesoAldKon: a file or an http(s) address.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="a JSON-stat2 file, or an http(s) address answering JSON-stat2")
        parser.add_argument("--org", type=int, required=True, help="id of the organisation")
        parser.add_argument("--year", default="", help="the year to read (default: the latest in the answer)")

    def handle(self, *args, source, org, year, **options):
        owner = Organisation.objects.filter(pk=org).first()
        if owner is None:
            raise CommandError(f"No organisation with id {org}.")
        try:
            result = scb.areas_set_population(actor=None, owner=owner, data=scb.read_source(source), year=year)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{source}: {error}")
            raise CommandError(f"Nothing changed: {len(exc.errors)} problem(s).") from None
        except ValidationError as exc:
            raise CommandError(f"{source}: {'; '.join(exc.messages)}") from None
        for problem in result.problems:
            self.stderr.write(f"{source}: {problem}")
        self.stdout.write(
            f"Population {result.year}: {result.matched} areas matched ({result.changed} changed), "
            f"{len(result.without_figure)} without a figure in the answer, {result.unused} regions of the answer "
            "are none of the organisation's areas."
        )
        if result.without_figure:
            self.stdout.write("Without a figure: " + ", ".join(result.without_figure[:50])
                              + (" …" if len(result.without_figure) > 50 else ""))
