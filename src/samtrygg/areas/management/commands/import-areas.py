from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area, AreaKind
from samtrygg.areas.services import ImportRejected, areas_import_geojson
from samtrygg.lib import safe_read


class Command(BaseCommand):
    help = "Import the polygons of a GeoJSON FeatureCollection (WGS 84) as areas; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", type=int, required=True, help="id of the owning organisation")
        parser.add_argument("--kind", choices=AreaKind.values, default=AreaKind.KOMMUNDEL)
        parser.add_argument("--name-property", default="name")
        parser.add_argument("--parent", type=int, help="id of the parent area")
        parser.add_argument("--update", action="store_true", help="update areas that already exist by name")

    def handle(self, *args, file, org, kind, name_property, parent, update, **options):
        owner = Organisation.objects.filter(pk=org).first()
        if owner is None:
            raise CommandError(f"No organisation with id {org}.")
        parent_area = Area.objects.filter(pk=parent, owner=owner).first() if parent else None
        if parent and parent_area is None:
            raise CommandError(f"No area {parent} owned by {owner}.")
        try:
            data = safe_read.read_limited(file, safe_read.MAX_JSON_BYTES)
            created = areas_import_geojson(
                actor=None, owner=owner, data=data, kind=kind, name_property=name_property,
                parent=parent_area, update_existing=update,
            )
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"Nothing imported: {len(exc.errors)} problem(s).") from None
        except (OSError, ValidationError, safe_read.UnsafeInput) as exc:
            raise CommandError(f"{file}: {exc}") from None
        self.stdout.write(f"Imported {len(created)} areas.")
