import json

from django.core.management.base import BaseCommand, CommandError

from samtrygg.incidents import tallies


class Command(BaseCommand):
    help = (
        "The incident tallies (the counts the map, the API's aggregates and the lägesbild read): --check compares "
        "them with a recount of the incidents and fails when any differs; --rebuild recounts them in one "
        "transaction (writers wait meanwhile); --install (re)creates the triggers that keep them exact."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare with a recount; exit 1 on a difference")
        parser.add_argument("--rebuild", action="store_true", help="recount every tally from the incidents")
        parser.add_argument("--install", action="store_true", help="(re)create the triggers")

    def handle(self, *args, check, rebuild, install, **options):
        if not (check or rebuild or install):
            raise CommandError("Give --check, --rebuild or --install.")
        if install:
            tallies.install()
        if rebuild:
            tallies.rebuild()
        if check:
            found = tallies.differences()
            self.stdout.write(json.dumps(found))
            if any(found.values()):
                raise CommandError("The tallies differ from the incidents: run `samtrygg tallies --rebuild`.")
