"""`samtrygg import-indicators FILE_OR_URL [--format auto|kolada|bra|table] [--org ORG] [--user USERNAME]
[--dry-run]`: import indicator values from Kolada (a saved answer or an API URL), Brå (the databasfil or a yearly
table) or any table of own values; all or nothing (indicators/formats, indicators/services.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from samtrygg.accounts.models import Organisation
from samtrygg.indicators import formats
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
                raise CommandError(f"No active user named {user!r}.")
        try:
            parsed = formats.load(source, format, metadata=metadata or None)
            result = import_indicators(parsed, user=actor, owner=owner, dry_run=dry_run)
        except formats.FormatError as exc:
            raise CommandError(f"{exc} Nothing imported.") from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for warning in parsed.warnings:
            self.stderr.write(f"Warning: {warning}")
        if parsed.source != formats.OWN and owner is not None:
            self.stdout.write(f"Note: {parsed.format} data is public national data; --org is not its owner.")
        verb = "Dry run, nothing written: would have imported" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {len(parsed.rows)} values of {len(result.series)} series from {source} ({parsed.format}): "
            f"{result.created} new, {result.updated} updated, {result.unchanged} unchanged."
        )
        for count in result.series:
            label = "new series" if count.new_series else "series"
            self.stdout.write(f"  {label} {count.series.external_id} “{count.series.name}”: {count.created} new, "
                              f"{count.updated} updated, {count.unchanged} unchanged")
        if parsed.skipped:
            names = sorted({region for _line, region in parsed.skipped})
            self.stdout.write(f"Skipped {len(parsed.skipped)} rows of totals that are no kommun, län or riket "
                              f"(first on {parsed.unit} {parsed.skipped[0][0]}): {', '.join(names[:8])}")


def _organisation(text: str) -> Organisation:
    query = Q(name=text) | Q(kommunkod=text, type="kommun")
    if text.isdigit() and len(text) != 4:
        query |= Q(pk=int(text))
    found = list(Organisation.objects.filter(query)[:2])
    if len(found) != 1:
        raise CommandError(f"No single organisation matches {text!r}.")
    return found[0]
