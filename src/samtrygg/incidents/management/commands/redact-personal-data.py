from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from samtrygg.incidents.models import Incident, PoliceEvent
from samtrygg.incidents.police import police_event_redact
from samtrygg.incidents.services import incident_redact, redact_text
from samtrygg.lib import privacy

CHUNK = 1000
# A cheap test in the database (PostgreSQL ~, SQLite REGEXP; both case-sensitive) for texts that can hold a kind
# at all, before the real detector runs on them. Names have none: nearly every text has a capital letter.
PREFILTERS = {
    privacy.PERSONNUMMER: r"[0-9]{6}",
    privacy.SAMORDNINGSNUMMER: r"[0-9]{6}",
    privacy.PHONE: r"[0-9][^0-9]?[0-9][^0-9]?[0-9][^0-9]?[0-9]",
    privacy.EMAIL: r"@",
    privacy.VEHICLE_REGISTRATION: r"[A-Z]{3}[ -]?[0-9]{2}",
}


class Command(BaseCommand):
    help = (
        "Find personal data in text already stored (incident descriptions, police event names and summaries) and "
        'replace it by markers such as "[personnummer borttaget]", with one audit entry per changed record '
        "(naming the field and the kinds, never the old text). Prints counts per kind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kinds", default=",".join(privacy.KIND_LABELS),
            help=f"comma-separated kinds to redact (default all: {','.join(privacy.KIND_LABELS)})",
        )
        parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")

    def handle(self, *args, kinds, dry_run, **options):
        chosen = {k.strip() for k in kinds.split(",") if k.strip()}
        if not chosen or chosen - set(privacy.KIND_LABELS):
            raise CommandError(f"Unknown kinds: {', '.join(sorted(chosen - set(privacy.KIND_LABELS))) or '(none)'}; "
                               f"choose among {', '.join(privacy.KIND_LABELS)}.")
        prefilter = None if privacy.NAME in chosen else "|".join(sorted({PREFILTERS[k] for k in chosen}))
        found: Counter = Counter()

        def incident(obj):
            if dry_run:
                return redact_text(obj.description, kinds=chosen)[1]
            return incident_redact(actor=None, incident=obj, kinds=chosen)

        def police_event(obj):
            if dry_run:
                return sum((Counter(redact_text(text, kinds=chosen)[1]) for text in (obj.name, obj.summary)), Counter())
            return police_event_redact(actor=None, event=obj, kinds=chosen)

        incidents = self._redact(Incident.objects.select_related("owner"), ("description",), prefilter, incident, found)
        events = self._redact(PoliceEvent.objects.all(), ("name", "summary"), prefilter, police_event, found)
        self.stdout.write(f"{'Would change' if dry_run else 'Changed'} {incidents} incident(s) and {events} "
                          f"police event(s).")
        for kind in privacy.KIND_LABELS:
            if kind in chosen:
                self.stdout.write(f"  {kind}: {found[kind]}")

    def _redact(self, queryset, fields, prefilter, redact_one, found: Counter) -> int:
        """Run redact_one on every row whose text may hold personal data; the number of rows with findings."""
        candidates = queryset.exclude(Q(**dict.fromkeys(fields, "")))
        if prefilter:
            condition = Q()
            for name in fields:
                condition |= Q(**{f"{name}__regex": prefilter})
            candidates = candidates.filter(condition)
        # The keys first, then the rows in chunks: no cursor stays open over the table being written.
        pks = list(candidates.order_by("pk").values_list("pk", flat=True))
        changed = 0
        for start in range(0, len(pks), CHUNK):
            for obj in queryset.filter(pk__in=pks[start : start + CHUNK]).order_by("pk"):
                counts = redact_one(obj)
                found.update(counts)
                changed += bool(counts)
        return changed
