from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.backends import DEMO_PASSWORD
from samtrygg.demo.builder import DEMO_USERS, build_demo, demo_exists


class Command(BaseCommand):
    help = "Build the fictional demo municipalities Exempelby and Grannby with users (needs SAMTRYGG_DEMO_MODE=1)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023, help="random seed (same seed, same data)")
        parser.add_argument("--incidents", type=int, default=20_000,
                            help="how many synthetic incidents over the last two years (default 20000)")

    def handle(self, *args, seed, incidents, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The demo mode is off: set SAMTRYGG_DEMO_MODE=1 (never on a production server).")
        if demo_exists():
            self.stdout.write("Demo data is already there.")
        else:
            build_demo(seed=seed, incidents=incidents)
            self.stdout.write(self.style.SUCCESS(f"Demo data built (seed {seed}, {incidents} incidents)."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<11} {user.description}")
