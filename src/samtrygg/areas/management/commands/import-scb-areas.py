from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samtrygg.accounts.models import Organisation
from samtrygg.areas import scb
from samtrygg.areas.models import STATISTICAL_KINDS
from samtrygg.areas.services import ImportRejected


def organisation(org: int) -> Organisation:
    owner = Organisation.objects.filter(pk=org).first()
    if owner is None:
        raise CommandError(f"No organisation with id {org}.")
    return owner


class Command(BaseCommand):
    help = ("Import SCB's DeSO or RegSO boundaries (GeoPackage or GeoJSON, a file or an http(s) address) as areas "
            "of an organisation: its municipality's areas unless --kommun or --all-municipalities; updated by code, "
            "all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="a .gpkg or .geojson file, or an http(s) address")
        parser.add_argument("--org", type=int, required=True, help="id of the owning organisation")
        parser.add_argument("--kind", choices=[str(k) for k in STATISTICAL_KINDS], required=True)
        parser.add_argument("--kommun", default="", help="the municipality's code (default: the organisation's)")
        parser.add_argument("--all-municipalities", action="store_true")
        parser.add_argument("--layer", help="the layer of a GeoPackage with several")

    def handle(self, *args, source, org, kind, kommun, all_municipalities, layer, **options):
        owner = organisation(org)
        try:
            result = scb.areas_import_scb(actor=None, owner=owner, data=scb.read_source(source), kind=kind,
                                          kommunkod=kommun, all_municipalities=all_municipalities, layer=layer)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{source}: {error}")
            raise CommandError(f"Nothing imported: {len(exc.errors)} problem(s).") from None
        except ValidationError as exc:
            raise CommandError(f"{source}: {'; '.join(exc.messages)}") from None
        self.stdout.write(
            f"{kind}: {len(result.created)} created, {len(result.updated)} updated, {result.unchanged} unchanged, "
            f"{result.other_municipalities} of other municipalities left out"
            + (f", {result.relinked} DeSO areas placed under their RegSO" if result.relinked else "") + "."
        )
