from django.core.management.base import BaseCommand
from django.utils import timezone

from samtrygg.retention import selectors, services


class Command(BaseCommand):
    help = (
        "Apply every organisation's retention rule (gallring) now: empty the descriptions and delete the photos of "
        "incidents older than the rule allows, keeping the incidents themselves. One audit entry per organisation "
        "with the counts and cut-offs. Also part of `samtrygg run-jobs`; safe to run twice (the second run removes "
        "nothing). With --dry-run, only report what would be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report what would be removed, change nothing")

    def handle(self, *args, dry_run, **options):
        now = timezone.now()
        if dry_run:
            rows = [(p.plan, p.descriptions, p.photos) for p in selectors.pending(now)]
        else:
            done = {run.organisation_id: run for run in services.retention_apply(now=now)}
            rows = [(plan, getattr(done.get(plan.organisation.pk), "descriptions", 0),
                     getattr(done.get(plan.organisation.pk), "photos", 0)) for plan in selectors.plans(now)]
        verb = "would remove" if dry_run else "removed"
        for plan, descriptions, photos in rows:
            source = f" (rule of {plan.rule.owner.name})" if plan.inherited else ""
            self.stdout.write(f"{plan.organisation.name}{source}: {verb} {descriptions} description(s) before "
                              f"{_day(plan.description_cutoff)}, {photos} photo(s) before {_day(plan.photo_cutoff)}")
        total_d, total_p = sum(r[1] for r in rows), sum(r[2] for r in rows)
        self.stdout.write(f"{'Would remove' if dry_run else 'Removed'} {total_d} description(s) and {total_p} "
                          f"photo(s) in {len(rows)} organisation(s) with a retention rule.")


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else "– (kept)"
