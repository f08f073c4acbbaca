from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.background import services as background
from samtrygg.incidents import changes as incident_changes
from samtrygg.incidents.police import FeedError, parse_feed, police_events_import, read_source
from samtrygg.indicators import catalogue
from samtrygg.meetings import jobs as meeting_jobs
from samtrygg.retention import jobs as retention_jobs
from samtrygg.rhythm import jobs as rhythm_jobs


class Command(BaseCommand):
    help = (
        "Run the background jobs once: reminders of meetings (the day before), tasks (due within a day or "
        "overdue), weekly reporting (groups that report weekly) and the årshjul's duties, each sent once; "
        "retention (gallring) of incident descriptions and photos by each organisation's rule; and "
        "the police's events feed when SAMTRYGG_POLICE_FEED_URL is set; and Kolada's recommended safety KPIs for "
        "every municipality, county and Sweden when SAMTRYGG_KOLADA_URL is set (every SAMTRYGG_KOLADA_FETCH_DAYS "
        "days). Safe to run twice, from cron or a "
        "systemd timer, e.g. every 15 minutes. Also clears away background jobs (exports) older than a day, with "
        "their files, and all but the latest note of each organisation's incident changes. (The background jobs "
        "themselves run in `samtrygg db_worker`.)"
    )

    def handle(self, *args, **options):
        now = timezone.now()
        done = dict(meeting_jobs.run(now))
        done["duty_reminders"] = rhythm_jobs.send_duty_reminders(timezone.localdate(now),
                                                                base_url=settings.SAMTRYGG_BASE_URL)
        done.update(retention_jobs.run(now))
        done["background_jobs_cleared"] = background.jobs_clear(now=now)
        done["incident_changes_pruned"] = incident_changes.prune()
        for name, count in done.items():
            self.stdout.write(f"{name}: {count}")
        if settings.SAMTRYGG_POLICE_FEED_URL:
            self._police_feed(settings.SAMTRYGG_POLICE_FEED_URL, settings.SAMTRYGG_POLICE_FEED_CONTACT)
        if settings.SAMTRYGG_KOLADA_URL:
            self._kolada(now)

    def _kolada(self, now) -> None:
        """The recommended KPIs from Kolada, when due (each KPI on its own: one that fails is reported, the
        others are imported)."""
        if not catalogue.fetch_due(now, settings.SAMTRYGG_KOLADA_FETCH_DAYS):
            self.stdout.write("kolada: " + _("not due"))
            return
        report = catalogue.fetch_recommended(today=timezone.localdate(now))
        self.stdout.write("kolada: " + _("fetched %(fetched)s KPIs, %(failed)s failed")
                          % {"fetched": len(report.imported), "failed": len(report.failed)})
        for kpi, reason in report.failed.items():
            self.stderr.write("kolada: " + _("Nothing imported for %(kpi)s: %(error)s") % {"kpi": kpi, "error": reason})

    def _police_feed(self, url: str, contact: str) -> None:
        """The police's events (deduplicated by id, so a second run adds nothing); a failing feed is reported and
        the other jobs still count as done."""
        try:
            items = parse_feed(read_source(url, contact=contact))
            result = police_events_import(actor=None, items=items, source=url, require_usable=True)
        except FeedError as exc:
            self.stderr.write("police_feed: " + _("Nothing imported from %(source)s: %(error)s")
                              % {"source": url, "error": exc})
            return
        self.stdout.write("police_feed: " + _("created %(created)s, updated %(updated)s, unchanged %(unchanged)s, "
                                              "skipped %(skipped)s")
                          % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                             "skipped": result.skipped_count})
