"""`samtrygg import-indicators FILE_OR_URL [--format auto|kolada|bra|table] [--org ORG] [--user USERNAME]
[--dry-run]`: import indicator values from Kolada (a saved answer or an API URL), Brå (the databasfil or a yearly
table) or any table of own values; all or nothing (indicators/formats, indicators/services.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.accounts.models import Organisation
from samtrygg.indicators import formats
from samtrygg.indicators.formats.base import where
from samtrygg.indicators.services import import_indicators


class Command(BaseCommand):
    help = ("Import indicator values (Kolada JSON, Brå's databasfil or yearly table, or a CSV/XLSX table of own "
            "values such as a trygghetsmätning per area) from a file or an http(s) URL; all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL")
        parser.add_argument("--format", choices=formats.FORMATS, default="auto",
                            help="the file's format (default: detected from its content)")
        parser.add_argument("--org", "--organisation", dest="org", default="",
                            help="the organisation owning own data (table format): its id, exact name or kommunkod")
        parser.add_argument("--user", default="", help="the user importing (recorded in the audit log; must be "
                                                       "allowed to change the organisation's data)")
        parser.add_argument("--metadata", default="", help="Kolada: a file or URL of KPI metadata naming the series")
        parser.add_argument("--dry-run", action="store_true", help="check and count everything, write nothing")

    def handle(self, *args, source, format, org, user, metadata, dry_run, **options):
        owner = _organisation(org) if org else None
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user, is_active=True).first()
            if actor is None:
                raise CommandError(_("No active user named “%(name)s”.") % {"name": user})
        try:
            parsed = formats.load(source, format, metadata=metadata or None)
            result = import_indicators(parsed, user=actor, owner=owner, dry_run=dry_run)
        except formats.FormatError as exc:
            raise CommandError(_("%(error)s Nothing imported.") % {"error": exc}) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for warning in parsed.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        if parsed.source != formats.OWN and owner is not None:
            self.stdout.write(_("Note: %(format)s data is public national data; --org is not its owner.")
                              % {"format": parsed.format})
        counts = {"values": len(parsed.rows), "series": len(result.series), "source": source, "format": parsed.format,
                  "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        if dry_run:
            self.stdout.write(_("Dry run, nothing written: would have imported %(values)s values of %(series)s series "
                                "from %(source)s (%(format)s): %(created)s new, %(updated)s updated, %(unchanged)s "
                                "unchanged.") % counts)
        else:
            self.stdout.write(_("Imported %(values)s values of %(series)s series from %(source)s (%(format)s): "
                                "%(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % counts)
        for count in result.series:
            line = (_("new series %(id)s “%(name)s”: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
                    if count.new_series else
                    _("series %(id)s “%(name)s”: %(created)s new, %(updated)s updated, %(unchanged)s unchanged"))
            self.stdout.write("  " + line % {"id": count.series.external_id, "name": count.series.name,
                                             "created": count.created, "updated": count.updated,
                                             "unchanged": count.unchanged})
        if parsed.skipped:
            names = sorted({region for _line, region in parsed.skipped})
            self.stdout.write(ngettext(
                "Skipped %(count)s row of totals that is no kommun, län or riket (%(row)s): %(names)s",
                "Skipped %(count)s rows of totals that are no kommun, län or riket (first on %(row)s): %(names)s",
                len(parsed.skipped),
            ) % {"count": len(parsed.skipped), "row": where(parsed.unit, parsed.skipped[0][0]),
                 "names": ", ".join(names[:8])})


def _organisation(text: str) -> Organisation:
    query = Q(name=text) | Q(kommunkod=text, type="kommun")
    if text.isdigit() and len(text) != 4:
        query |= Q(pk=int(text))
    found = list(Organisation.objects.filter(query)[:2])
    if len(found) != 1:
        raise CommandError(_("No single organisation matches “%(text)s”.") % {"text": text})
    return found[0]
