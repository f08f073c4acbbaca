from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.incidents.police import (
    FEED_URL,
    NOTE_REASONS,
    SKIP_REASONS,
    FeedError,
    ImportResult,
    parse_feed,
    police_events_import,
    read_source,
)
from samtrygg.incidents.police_archive import police_archive_import

SHOWN_REFS = 5


class Command(BaseCommand):
    help = (
        "Import the police's public events (the JSON array served by https://polisen.se/api/events) from a file "
        "or an http(s) URL, or with --archive FILE the feed's history from a file of any size (a JSON array or JSON "
        "lines, also gzipped, or a Parquet file such as the public archives publish), streamed in batches. Events "
        "are matched by id; changed events are updated, the "
        "newest version wins. Skipped items are listed with their reason. Fails (nothing written) only when the "
        "source is no feed. The police ask for at most one call every 10 seconds and 1440 a day: schedule it every "
        "10-15 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL", nargs="?", help=f"a file or a URL, e.g. {FEED_URL}")
        parser.add_argument("--archive", metavar="FILE",
                            help="an archive of the feed's events: a JSON array or JSON lines, optionally gzipped, "
                                 "or Parquet (flattened records with event_id, location_name, latitude, longitude "
                                 "are read too); no size limit")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--contact", default="",
                            help="how the police can reach this installation (e-mail or web address), sent in the "
                                 "User-Agent header")

    def handle(self, *args, source, archive, dry_run, contact, **options):
        if bool(source) == bool(archive):
            raise CommandError(_("Give either a file or URL of the feed, or --archive FILE, not both."))
        source = source or archive
        try:
            if archive:
                result = police_archive_import(actor=None, source=archive, dry_run=dry_run)
            else:
                items = parse_feed(read_source(source, contact=contact))
                result = police_events_import(actor=None, items=items, source=source, dry_run=dry_run,
                                              require_usable=True)
        except FeedError as exc:
            raise CommandError(_("Nothing imported from %(source)s: %(error)s") % {"source": source, "error": exc}) \
                from None
        self.report(result, dry_run=dry_run)

    def report(self, result: ImportResult, *, dry_run: bool) -> None:
        counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                  "skipped": result.skipped_count, "total": result.total, "source": result.source}
        if dry_run:
            self.stdout.write(_("Dry run, nothing written: would have created %(created)s, updated %(updated)s, "
                                "unchanged %(unchanged)s, skipped %(skipped)s of %(total)s items from %(source)s.")
                              % counts)
        else:
            self.stdout.write(_("Created %(created)s, updated %(updated)s, unchanged %(unchanged)s, skipped "
                                "%(skipped)s of %(total)s items from %(source)s.") % counts)
        if result.redacted:
            self.stdout.write(ngettext("Identity numbers replaced by a marker in %(count)s event.",
                                       "Identity numbers replaced by a marker in %(count)s events.", result.redacted)
                              % {"count": result.redacted})
        for reasons, found, numbers, skipped in ((SKIP_REASONS, result.skipped, result.skip_counts, True),
                                                 (NOTE_REASONS, result.notes, result.note_counts, False)):
            for reason, count in sorted(numbers.items(), key=lambda kv: (-kv[1], kv[0])):
                refs = found[reason]
                shown = ", ".join(refs[:SHOWN_REFS]) + (", ..." if count > SHOWN_REFS else "")
                if skipped:
                    line = _("%(count)s skipped: %(reason)s: %(items)s") % {"count": count,
                                                                           "reason": reasons[reason], "items": shown}
                else:  # the note says what was kept
                    line = f"{count} {reasons[reason]}: {shown}"
                self.stdout.write(f"  {line}")
