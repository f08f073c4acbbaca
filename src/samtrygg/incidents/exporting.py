"""Exports of incidents as CSV (Swedish Excel, lib/spreadsheet), XLSX (openpyxl write_only) or GeoJSON, streamed.

The caller passes an already scoped and filtered queryset (selectors.incidents + IncidentFilter). The export is
audited (Action.EXPORT, with the filter parameters and the row count) in the log of each organisation whose
incidents it holds, before the first byte is produced, in its own transaction, so a download that fails half-way
is still on record. Coordinates are WGS 84; with
sweref=True the SWEREF 99 TM northing and easting are added."""

import io
import json
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.accounts.models import Membership, Organisation
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.lib import crs, spreadsheet

from .models import Incident

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}
# The header of CSV and XLSX files: the names the importer reads back (importing.guess_mapping).
HEADER = ["Id", "Kategori", "Tid", "Slut", "Latitud", "Longitud", "Platstyp", "Beskrivning", "Källa", "Polisanmäld",
          "Kostnad", "Status", "Område", "Organisation"]
SWEREF_HEADER = ["SWEREF99TM N", "SWEREF99TM E"]
CHUNK = 2000


def record_export(*, actor, incidents, fmt: str, filters: dict, durable: bool = True) -> int:
    """Record that `incidents` (scoped and filtered) are handed out as `fmt`: one entry in the log of each
    organisation whose incidents they include, with the filters, the format and that organisation's row count
    (and the total), committed in its own transaction before the first byte goes out (`durable`; a response
    built whole, the API's page, passes False and commits it with the request). An export of nothing is recorded
    in the exporter's own organisation. Returns the highest id counted (0 for none)."""
    counted = list(incidents.order_by().values("owner").annotate(count=Count("pk"), last=Max("pk")))
    total = sum(row["count"] for row in counted)
    owners = Organisation.objects.in_bulk([row["owner"] for row in counted])
    shares = [(owners[row["owner"]], row["count"]) for row in counted] or [(_home(actor), 0)]
    with transaction.atomic(durable=durable):
        for organisation, count in shares:
            audit_record(
                actor=actor, action=Action.EXPORT, organisation=organisation, object_type="incidents.incident",
                object_repr=ngettext("incidents (%(format)s), %(count)s row",
                                     "incidents (%(format)s), %(count)s rows", count) % {"format": fmt, "count": count},
                changes={"filters": [None, filters], "format": [None, fmt], "count": [None, count],
                         "total": [None, total]},
            )
    return max((row["last"] for row in counted), default=0)


def _home(actor) -> Organisation | None:
    membership = Membership.objects.filter(user_id=getattr(actor, "pk", None)).select_related("organisation")
    first = membership.order_by("pk").first()
    return first.organisation if first else None


def audited(*, actor, incidents, fmt: str, filters: dict):
    """Record the export (record_export) and return the incidents it holds (those up to the highest id counted),
    ready to iterate."""
    return rows_up_to(incidents, record_export(actor=actor, incidents=incidents, fmt=fmt, filters=filters))


def rows_up_to(incidents, last: int):
    """The incidents an export recorded (ids up to `last`, record_export's), in order, ready to iterate."""
    return (incidents.filter(pk__lte=last)
            .select_related("category", "category__parent", "area", "owner").order_by("pk"))


def file_name(extension: str, when=None) -> str:
    return f"handelser-{timezone.localdate(when):%Y-%m-%d}.{extension}"


class Counting:
    """Incidents whose iteration reports how many have been read (`progress(n)`, every CHUNK rows): a background
    export's progress. Iterated as the stream functions iterate a queryset."""

    def __init__(self, incidents, progress):
        self.incidents, self.progress = incidents, progress

    def iterator(self, chunk_size: int):
        count = 0
        for count, incident in enumerate(self.incidents.iterator(chunk_size=chunk_size), 1):
            yield incident
            if count % CHUNK == 0:
                self.progress(count)
        self.progress(count)


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _row(incident: Incident, sweref: bool) -> list:
    row = [
        incident.external_id or str(incident.pk), incident.category.code, _local(incident.occurred_from),
        _local(incident.occurred_to), incident.lat, incident.lon, incident.place_type, incident.description,
        incident.source, incident.reported_to_police, incident.damage_cost_sek, incident.status,
        incident.area.name if incident.area_id else "", incident.owner.name,
    ]
    if sweref:
        row += [round(v, 2) for v in crs.wgs84_to_sweref(incident.lat, incident.lon)] if incident.lat is not None \
            else ["", ""]
    return row


def _header(sweref: bool) -> list[str]:
    return HEADER + SWEREF_HEADER if sweref else HEADER


def csv_stream(incidents, *, sweref: bool = False) -> Iterator[bytes]:
    rows = (_row(i, sweref) for i in incidents.iterator(chunk_size=CHUNK))
    return spreadsheet.csv_bytes(_header(sweref), rows)


def xlsx_bytes(incidents, *, sweref: bool = False) -> Iterator[bytes]:
    """The workbook (write_only keeps memory flat while rows are added; the zip is produced at the end)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Incidents")[:31])
    sheet.append(_header(sweref))
    for incident in incidents.iterator(chunk_size=CHUNK):
        sheet.append([spreadsheet.safe_cell(v) if isinstance(v, str) else v for v in _row(incident, sweref)])
    buffer = io.BytesIO()
    book.save(buffer)
    yield buffer.getvalue()


def geojson_stream(incidents, *, sweref: bool = False) -> Iterator[bytes]:
    """A FeatureCollection, one feature at a time; incidents without a point get a null geometry."""
    yield b'{"type": "FeatureCollection", "features": [\n'
    first = True
    keys = [h.lower() for h in _header(sweref)]
    for incident in incidents.iterator(chunk_size=CHUNK):
        values = _row(incident, sweref)
        properties = {k: v for k, v in zip(keys, values, strict=True) if k not in ("latitud", "longitud")}
        geometry = ({"type": "Point", "coordinates": [incident.lon, incident.lat]}
                    if incident.lat is not None else None)
        feature = {"type": "Feature", "geometry": geometry, "properties": properties}
        yield (b"" if first else b",\n") + json.dumps(feature, ensure_ascii=False).encode()
        first = False
    yield b"\n]}\n"


def stream(incidents: Iterable, fmt: str, *, sweref: bool = False) -> Iterator[bytes]:
    return {"csv": csv_stream, "xlsx": xlsx_bytes, "geojson": geojson_stream}[fmt](incidents, sweref=sweref)
