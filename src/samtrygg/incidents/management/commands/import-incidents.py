"""`samtrygg import-incidents FILE --organisation ORG [--crs auto|4326|3006] [--dry-run]`: import incidents from a
CSV, XLSX or GeoJSON file for one organisation, all or nothing (incidents/importing.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from samtrygg.accounts.models import Organisation
from samtrygg.incidents import importing
from samtrygg.lib import crs


class Command(BaseCommand):
    help = "Import incidents from a CSV, XLSX or GeoJSON file for an organisation; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", "--org", required=True,
                            help="the owning organisation: its id, its exact name, or a municipality's kommunkod")
        parser.add_argument("--crs", choices=crs.CHOICES, default=crs.AUTO,
                            help="coordinate system of the file (default: detected per row)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args, file, organisation, crs, dry_run, **options):
        query = Q(name=organisation) | Q(kommunkod=organisation, type="kommun")
        if organisation.isdigit() and len(organisation) != 4:
            query |= Q(pk=int(organisation))
        owners = list(Organisation.objects.filter(query)[:2])
        if len(owners) != 1:
            raise CommandError(f"No single organisation matches {organisation!r}.")
        try:
            with file.open("rb") as handle:
                report = importing.import_file(actor=None, owner=owners[0], file=handle, filename=file.name,
                                               crs=crs, commit=not dry_run)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        for error in report.errors:
            self.stderr.write(f"{file}: {error}")
        for warning in report.warnings:
            self.stderr.write(f"{file}: warning: {warning}")
        if not report.ok:
            raise CommandError(f"Nothing imported: {report.error_count} problem(s) in {report.total} rows.")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {report.valid - report.duplicates} of {report.total} incidents for {owners[0]} "
                          f"({report.duplicates} already imported).")
