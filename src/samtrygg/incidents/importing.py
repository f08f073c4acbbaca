"""Bulk import of incidents from CSV, XLSX or GeoJSON (lib/tabular), all or nothing.

    report = import_file(actor=user, owner=kommun, file=f, filename="handelser.csv", commit=True)
    report.created, report.duplicates, report.errors   # errors: RowError(row, column, message), capped

Columns are matched to fields by their names in Swedish or English (guess_mapping), which callers may override.
Every row is validated by the rules of single reports (services.field_errors, services.place_of): a row that
fails names its row, column and reason; a personnummer is named as such and never echoed. ANY bad row and
nothing is written. Rows already imported for the owner are skipped: by their id column when one is mapped,
else by a hash of their content (kept in external_id as "hash:…"), so importing the same file twice adds
nothing. The write is one transaction with one audit entry (Action.IMPORT); on PostgreSQL it streams the rows
with COPY while validating (rolled back if a bad row turns up), on SQLite it uses bulk_create in batches.
"""

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.lib import crs as crslib
from samtrygg.lib import tabular

from . import selectors, services
from .models import Incident, PlaceType, PoliceReported, Source, Status

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MAX_LISTED_ERRORS = 1000
BATCH = 5000
HASH_PREFIX = "hash:"

# field -> (label, header names it is guessed from; compared lower-cased without spaces, dots, dashes, underscores)
FIELDS: dict[str, tuple] = {
    "external_id": (gettext_lazy("Id"), ("id", "externtid", "externalid", "ärendeid", "ärendenummer", "nr",
                                         "löpnummer")),
    "category": (gettext_lazy("Category"), ("kategori", "category", "kategorikod", "händelsetyp", "typ", "type",
                                            "underkategori", "subcategory")),
    "occurred_from": (gettext_lazy("Time"), ("tid", "datum", "tidpunkt", "datumtid", "occurred", "occurredfrom",
                                             "time", "date", "datetime", "start", "från", "händelsetid")),
    "occurred_to": (gettext_lazy("End"), ("slut", "sluttid", "till", "tidtill", "end", "occurredto", "to")),
    "lat": (gettext_lazy("Latitude / northing"), ("latitud", "lat", "latitude", "n", "y", "northing", "nord")),
    "lon": (gettext_lazy("Longitude / easting"), ("longitud", "lon", "lng", "long", "longitude", "e", "x",
                                                 "easting", "öst", "ost")),
    "place_type": (gettext_lazy("Type of place"), ("platstyp", "typavplats", "placetype", "plats")),
    "description": (gettext_lazy("Description"), ("beskrivning", "description", "text", "kommentar", "notering")),
    "source": (gettext_lazy("Source"), ("källa", "kalla", "source")),
    "reported_to_police": (gettext_lazy("Reported to the police"), ("polisanmäld", "polisanmald", "polisanmälan",
                                                                    "anmäld", "reportedtopolice", "police")),
    "damage_cost_sek": (gettext_lazy("Cost of damage (SEK)"), ("kostnad", "kostnadsek", "skadekostnad", "cost",
                                                               "damagecost", "belopp")),
    "status": (gettext_lazy("Status"), ("status",)),
}
_NORMALISE = re.compile(r"[\s._\-()/]+")
_IDENTITY_HINT = re.compile(r"[0-9]{6}")  # every identity number holds six digits in a row (privacy._ID_RE)
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H.%M", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y %H:%M",
                 "%d.%m.%Y", "%Y%m%d %H:%M", "%Y%m%d", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%Y/%m/%d %H:%M", "%Y/%m/%d")
_YES = {"ja", "j", "yes", "y", "true", "1", "x", "sant"}
_NO = {"nej", "n", "no", "false", "0", "falskt"}


def _norm(name: str) -> str:
    return _NORMALISE.sub("", name.strip().lower())


def guess_mapping(header: list[str]) -> dict[str, int]:
    """{field: column index} guessed from the column names; each column used once, exact names first."""
    names = [_norm(h) for h in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for name_field, (_label, synonyms) in FIELDS.items():
        for synonym in synonyms:
            hits = [i for i, n in enumerate(names) if n == synonym and i not in used]
            if hits:
                mapping[name_field] = hits[0]
                used.add(hits[0])
                break
    return mapping


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("Row %(row)s") % {"row": self.row} if self.row else _("File")
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class ImportReport:
    filename: str
    format: str = ""
    header: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    crs: str = crslib.AUTO
    total: int = 0
    valid: int = 0
    created: int = 0
    duplicates: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(RowError(row, column, str(message)))

    @property
    def ok(self) -> bool:
        return not self.error_count


class _Lookups:
    """What a row's text is matched against: the owner's categories (code, name, "Main > Sub") and the choices."""

    def __init__(self, owner):
        self.categories: dict[str, int] = {}
        usable = list(selectors.categories_for_reporting(owner))
        for category in sorted(usable, key=lambda c: c.owner_id is None):  # the organisation's own first
            keys = [category.code, category.name, str(category)]
            if category.parent_id:
                keys += [f"{category.parent.name} > {category.name}", f"{category.parent.name}>{category.name}",
                         f"{category.parent.name} / {category.name}"]
            for key in keys:
                self.categories.setdefault(key.strip().lower(), category.pk)
        self.place_type = _choices(PlaceType)
        self.source = _choices(Source)
        self.status = _choices(Status)
        self.police = _choices(PoliceReported)
        self.police.update(dict.fromkeys(_YES, PoliceReported.YES) | dict.fromkeys(_NO, PoliceReported.NO))
        self.police.update(dict.fromkeys(("vet ej", "okänt", "?"), PoliceReported.UNKNOWN))


def _choices(choices) -> dict[str, str]:
    found: dict[str, str] = {}
    for value, label in choices.choices:
        found[value.lower()] = value
        found[str(label).lower()] = value
        found[value.replace("_", " ").lower()] = value
    return found


def parse_datetime(text: str) -> datetime | None:
    """An aware datetime from the Swedish and ISO forms; local (Europe/Stockholm) unless the text has an offset."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
        for fmt in _DATE_FORMATS:
            try:
                value = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if value is None:
            return None
    return value if value.tzinfo else value.replace(tzinfo=STOCKHOLM)


def parse_number(text: str) -> float:
    """A number with a decimal comma or point and spaces between thousands ("12 500,50")."""
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


# The columns written, in order (the COPY column list and the tuple built per row).
COLUMNS = ("owner_id", "reported_by_id", "category_id", "occurred_from", "occurred_to", "lat", "lon", "cell", "area_id",
           "place_type", "description", "source", "reported_to_police", "damage_cost_sek", "status", "external_id",
           "photo", "created_at", "updated_at")


def _validated_rows(table, report: ImportReport, owner, actor, crs: str, existing: set[str], lookups: "_Lookups",
                    locator) -> Iterator[tuple]:
    """The rows to write, as tuples in COLUMNS order; errors go to the report, duplicates are counted and skipped.
    Makes no query (it runs while COPY holds the connection): the lookups and the locator are built before."""
    header, mapping = report.header, report.mapping
    col = {f: mapping.get(f) for f in FIELDS}
    label = {f: (header[i] if i is not None and i < len(header) else str(FIELDS[f][0])) for f, i in col.items()}
    now = timezone.now()
    owner_id, actor_id = owner.pk, getattr(actor, "pk", None)
    hashing = col["external_id"] is None
    i_id, i_cat, i_from, i_to = col["external_id"], col["category"], col["occurred_from"], col["occurred_to"]
    i_lat, i_lon, i_place, i_desc = col["lat"], col["lon"], col["place_type"], col["description"]
    i_src, i_pol, i_cost, i_status = col["source"], col["reported_to_police"], col["damage_cost_sek"], col["status"]
    categories, places, sources, statuses, police = (lookups.categories, lookups.place_type, lookups.source,
                                                     lookups.status, lookups.police)
    width = len(header)
    pending: list[list] = []

    for number, cells in table.rows:
        report.total += 1
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        problems: list[tuple[str, str]] = []
        error = _collector(problems)

        external_id = cells[i_id].strip() if i_id is not None else ""
        if len(external_id) > 100:
            error("external_id", _("The id is longer than 100 characters."))

        text = cells[i_cat].strip() if i_cat is not None else ""
        category_id = categories.get(text.lower())
        if category_id is None:
            error("category", _("Unknown category “%(value)s”.") % {"value": text[:60]} if text
                  else _("The category is missing."))

        text = cells[i_from].strip() if i_from is not None else ""
        occurred_from = parse_datetime(text) if text else None
        if occurred_from is None:
            error("occurred_from", _("Unreadable time “%(value)s” (write e.g. 2025-03-01 14:30).")
                  % {"value": text[:40]} if text else _("The time is missing."))
        occurred_to = None
        if i_to is not None and (text := cells[i_to].strip()):
            occurred_to = parse_datetime(text)
            if occurred_to is None:
                error("occurred_to", _("Unreadable time “%(value)s” (write e.g. 2025-03-01 14:30).")
                      % {"value": text[:40]})

        lat = lon = None
        a = cells[i_lat].strip() if i_lat is not None else ""
        b = cells[i_lon].strip() if i_lon is not None else ""
        if a or b:
            try:
                lat, lon = crslib.to_wgs84(parse_number(a), parse_number(b), crs)
            except ValueError:
                error("lat", _("“%(a)s, %(b)s” is not a place in Sweden in the chosen coordinate system.")
                      % {"a": a[:20], "b": b[:20]})
                lat = lon = None
                a = "bad"

        place_type = ""
        if i_place is not None and (text := cells[i_place].strip()):
            place_type = places.get(text.lower())
            if place_type is None:
                error("place_type", _("Unknown type of place “%(value)s”.") % {"value": text[:40]})

        description = cells[i_desc].strip() if i_desc is not None else ""
        if len(description) > 2000:
            error("description", _("The description is longer than 2000 characters."))

        source = Source.IMPORT
        if i_src is not None and (text := cells[i_src].strip()):
            source = sources.get(text.lower())
            if source is None:
                error("source", _("Unknown source “%(value)s”.") % {"value": text[:40]})

        reported = PoliceReported.UNKNOWN
        if i_pol is not None and (text := cells[i_pol].strip()):
            reported = police.get(text.lower())
            if reported is None:
                error("reported_to_police", _("Write ja, nej or vet ej, not “%(value)s”.") % {"value": text[:20]})

        cost = None
        if i_cost is not None and (text := cells[i_cost].strip()):
            try:
                cost = round(parse_number(text.lower().removesuffix("kr").strip()))
                if not 0 <= cost <= 2_147_483_647:
                    raise ValueError
            except (ValueError, OverflowError):
                error("damage_cost_sek", _("“%(value)s” is not an amount in kronor.") % {"value": text[:20]})
                cost = None

        status = Status.NEW
        if i_status is not None and (text := cells[i_status].strip()):
            status = statuses.get(text.lower())
            if status is None:
                error("status", _("Unknown status “%(value)s”.") % {"value": text[:40]})

        checked = services.field_errors(
            occurred_from=occurred_from, occurred_to=occurred_to, lat=lat, lon=lon,
            area_id=None if a != "bad" else -1,  # a bad point was reported above, not again as "no place"
            description=description if _IDENTITY_HINT.search(description) else "", now=now,
        )
        for name, messages in checked.items():
            for message in messages:
                error("lat" if name == "area" else name, message)
        if problems:
            for name, message in problems:
                report.add_error(number, label[name], message)
            continue

        report.valid += 1
        if hashing:
            content = "\x1f".join((str(category_id), occurred_from.isoformat(), str(occurred_to), repr(lat), repr(lon),
                                   place_type, description, source))
            external_id = HASH_PREFIX + hashlib.sha256(content.encode()).hexdigest()
        if external_id:
            if external_id in existing:
                report.duplicates += 1
                continue
            existing.add(external_id)
        pending.append([owner_id, actor_id, category_id, occurred_from, occurred_to, lat, lon, None, None,
                        place_type, description, source, reported, cost, status, external_id, "", now, now])
        if len(pending) >= BATCH:
            yield from _placed(pending, locator)
            pending = []
    yield from _placed(pending, locator)


def _collector(problems: list):
    return lambda name, message: problems.append((name, message))


def _placed(pending: list[list], locator) -> Iterator[tuple]:
    """The rows with their cell and area (COLUMNS positions 7 and 8), found for the whole batch at once."""
    places = services.places_of([(row[5], row[6], None) for row in pending], locator)
    for row, (cell, area_id) in zip(pending, places, strict=True):
        row[7], row[8] = cell, area_id
        yield tuple(row)


def import_file(*, actor, owner, file, filename: str, mapping: dict[str, int] | None = None,
                crs: str = crslib.AUTO, commit: bool = False) -> ImportReport:
    """Read, validate and (with commit, when every row is valid) write the incidents of a file for `owner`.
    `mapping` ({field: column index}) overrides the guessed one. Returns the report; nothing is written unless
    report.committed."""
    report = ImportReport(filename=filename, crs=crs)
    try:
        table = tabular.read_table(file, filename)
    except tabular.TableError as exc:
        report.add_error(exc.row or 0, "", _table_message(exc))
        return report
    report.format, report.header = table.format, table.header
    report.mapping = guess_mapping(table.header) if mapping is None else {
        f: i for f, i in mapping.items() if f in FIELDS and i is not None and 0 <= i < len(table.header)
    }
    missing = [f for f in ("category", "occurred_from") if f not in report.mapping]
    if ("lat" in report.mapping) != ("lon" in report.mapping) or "lat" not in report.mapping:
        missing.append("lat" if "lat" not in report.mapping else "lon")
    for name in missing:
        report.add_error(0, "", _("No column is chosen for %(field)s.") % {"field": FIELDS[name][0]})
    if missing:
        return report

    with transaction.atomic():
        existing = set(
            Incident.objects.filter(owner=owner).exclude(external_id="").values_list("external_id", flat=True)
        )
        rows = _validated_rows(table, report, owner, actor, crs, existing, _Lookups(owner),
                               selectors.area_locator(owner))
        try:
            if commit and connection.vendor == "postgresql":
                _copy(rows, report)
            elif commit:
                _bulk_create(rows, report)
            else:
                for _row in rows:
                    pass
        except tabular.TableError as exc:
            report.add_error(exc.row or 0, "", _table_message(exc))
        if not commit or report.error_count:
            transaction.set_rollback(True)
            report.created = 0
            return report
        audit_record(
            actor=actor, action=Action.IMPORT, organisation=owner, object_type="incidents.incident",
            object_repr=_("Import of incidents: %(file)s") % {"file": filename[:150]},
            changes={"filename": [None, filename[:200]],
                     "counts": [None, {"created": report.created, "duplicates": report.duplicates,
                                       "total": report.total}]},
        )
        report.committed = True
    return report


def _bulk_create(rows, report: ImportReport) -> None:
    batch: list[Incident] = []
    for row in rows:
        if report.error_count:  # a bad row: nothing will be written, but every row is still checked
            continue
        batch.append(Incident(**dict(zip(COLUMNS, row, strict=True))))
        if len(batch) >= BATCH:
            Incident.objects.bulk_create(batch)
            report.created += len(batch)
            batch = []
    if batch and not report.error_count:
        Incident.objects.bulk_create(batch)
        report.created += len(batch)


def _copy(rows, report: ImportReport) -> None:
    """COPY the rows into the incident table while they are validated (the caller rolls back on any error)."""
    sql = f"COPY {Incident._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
    lines: list[str] = []
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            if report.error_count:
                continue
            lines.append(_copy_line(row))
            report.created += 1
            if len(lines) >= BATCH:
                copy.write("".join(lines).encode())
                lines = []
        if lines and not report.error_count:
            copy.write("".join(lines).encode())


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"


def _escaped(text: str) -> str:
    """Text for COPY's text format: backslash, tab and line ends escaped (checked first: most text has none)."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.translate(_COPY_ESCAPES)
    return text


def _copy_line(r: tuple) -> str:
    """One row (COLUMNS order) as a line of COPY's text format. Written out field by field for speed: the types
    are known (ids and amounts int or None, times aware datetimes, choices plain words)."""
    point = f"{r[5]!r}\t{r[6]!r}\t{r[7]}" if r[5] is not None else f"{_NULL}\t{_NULL}\t{_NULL}"
    return (
        f"{r[0]}\t{_NULL if r[1] is None else r[1]}\t{r[2]}\t{r[3].isoformat()}\t"
        f"{_NULL if r[4] is None else r[4].isoformat()}\t{point}\t{_NULL if r[8] is None else r[8]}\t"
        f"{r[9]}\t{_escaped(r[10])}\t{r[11]}\t{r[12]}\t{_NULL if r[13] is None else r[13]}\t{r[14]}\t"
        f"{_escaped(r[15])}\t{r[16]}\t{r[17].isoformat()}\t{r[18].isoformat()}\n"
    )


def _table_message(exc: tabular.TableError) -> str:
    messages = {
        "empty": _("The file is empty."),
        "encoding": _("The file's characters cannot be read. Save it as CSV UTF-8 and try again."),
        "no_header": _("The first row must hold the column names."),
        "xlsx": _("The file is not a readable Excel workbook (.xlsx)."),
        "geojson": _("The file is not a GeoJSON FeatureCollection of points."),
        "csv": _("The file is not a readable CSV file."),
    }
    return messages.get(exc.code, str(exc))
