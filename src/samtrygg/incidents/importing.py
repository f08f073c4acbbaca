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

Bad input never gets further than the report: a file lib/tabular cannot read (or refuses by the caps of
lib/safe_read) is one error, a cell of a chosen column holding a control character (NUL among them, which
PostgreSQL's COPY would refuse naming its own line) is an error of its row and column, a file without rows is an
error, and columns that are not read are listed in report.warnings.
"""

import hashlib
import io
import re
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from psycopg.copy import QueuedLibpqWriter

from samtrygg import guards
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.lib import cells, days, geo, privacy, safe_read, tabular
from samtrygg.lib import crs as crslib
from samtrygg.lib.privacy import hints

from . import selectors, services
from .models import Incident, PlaceType, PoliceReported, Source, Status

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MAX_LISTED_ERRORS = 1000
BATCH = 5000
HASH_PREFIX = "hash:"

# field -> (label, header names it is guessed from; compared lower-cased without spaces, dots, dashes, underscores)
FIELDS: dict[str, tuple] = {
    "external_id": (gettext_lazy("Id"), ("id", "externtid", "externalid", "ärendeid", "ärendenummer", "ärendenr",
                                         "nr", "löpnummer", "diarienummer", "diarienr", "händelsenummer",
                                         "händelsenr")),
    "category": (gettext_lazy("Category"), ("kategori", "category", "kategorikod", "händelsetyp", "typ", "type",
                                            "underkategori", "subcategory")),
    "occurred_from": (gettext_lazy("Time"), ("tid", "datum", "tidpunkt", "datumtid", "occurred", "occurredfrom",
                                             "time", "date", "datetime", "start", "från", "händelsetid")),
    "occurred_to": (gettext_lazy("End"), ("slut", "sluttid", "till", "tidtill", "end", "occurredto", "to")),
    "lat": (gettext_lazy("Latitude / northing"), ("latitud", "lat", "latitude", "n", "y", "northing", "nord")),
    "lon": (gettext_lazy("Longitude / easting"), ("longitud", "lon", "lng", "long", "longitude", "e", "x",
                                                 "easting", "öst", "ost")),
    # Not "plats": in a Swedish file that is the address or the place's name (Storgatan 5), not its type.
    "place_type": (gettext_lazy("Type of place"), ("platstyp", "typavplats", "placetype")),
    "description": (gettext_lazy("Description"), ("beskrivning", "description", "text", "kommentar", "notering")),
    "source": (gettext_lazy("Source"), ("källa", "kalla", "source")),
    "reported_to_police": (gettext_lazy("Reported to the police"), ("polisanmäld", "polisanmald", "polisanmälan",
                                                                    "anmäld", "reportedtopolice", "police")),
    "damage_cost_sek": (gettext_lazy("Cost of damage (SEK)"), ("kostnad", "kostnadsek", "skadekostnad", "cost",
                                                               "damagecost", "belopp")),
    "status": (gettext_lazy("Status"), ("status",)),
}
_NORMALISE = re.compile(r"[\s._\-()/]+")
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
    warnings: list[str] = field(default_factory=list)
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


def _check_row(ctx: "_Context", number: int, cells: list[str]) -> list | None:
    """One row checked in plain Python, by the rules of single reports: the row to write (COLUMNS order, cell and
    area still None, external_id final) or None with its errors in the report. The columnar path (_fast) sends
    here only the rows it did not accept, so every message and row number comes from this one place."""
    report, col, categories = ctx.report, ctx.col, ctx.lookups.categories
    if len(cells) < ctx.width:
        cells = cells + [""] * (ctx.width - len(cells))
    problems: list[tuple[str, str]] = []
    dirty: set[str] = set()  # fields whose cell holds a control character: named once, not parsed further
    for name, i in col.items():
        if i is not None and (char := safe_read.control_character(cells[i])):
            problems.append((name, _("The cell holds a control character (%(char)s), which cannot be stored. "
                                     "Remove it and try again.") % {"char": char}))
            dirty.add("lat" if name == "lon" else name)
    error = _collector(problems, dirty)
    i_id, i_cat, i_from, i_to = col["external_id"], col["category"], col["occurred_from"], col["occurred_to"]
    i_lat, i_lon, i_place, i_desc = col["lat"], col["lon"], col["place_type"], col["description"]
    i_src, i_pol, i_cost, i_status = col["source"], col["reported_to_police"], col["damage_cost_sek"], col["status"]

    external_id = cells[i_id].strip() if i_id is not None else ""
    if len(external_id) > 100:
        error("external_id", _("The id is longer than 100 characters."))
    for message in guards.privacy_errors(external_id):
        error("external_id", message)

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
            lat, lon = crslib.to_wgs84(parse_number(a), parse_number(b), ctx.crs)
        except ValueError:
            error("lat", _("“%(a)s, %(b)s” is not a place in Sweden in the chosen coordinate system.")
                  % {"a": a[:20], "b": b[:20]})
            lat = lon = None
            a = "bad"

    place_type = ""
    if i_place is not None and (text := cells[i_place].strip()):
        place_type = ctx.lookups.place_type.get(text.lower())
        if place_type is None:
            error("place_type", _("Unknown type of place “%(value)s”.") % {"value": text[:40]})

    description = cells[i_desc].strip() if i_desc is not None else ""
    if len(description) > 2000:
        error("description", _("The description is longer than 2000 characters."))
    elif description:
        screened = guards.screen_text(description, ctx.policy)
        for message in guards.refusal_messages(screened.refused):
            error("description", message)
        description = screened.text  # what the policy masks, masked

    source = Source.IMPORT
    if i_src is not None and (text := cells[i_src].strip()):
        source = ctx.lookups.source.get(text.lower())
        if source is None:
            error("source", _("Unknown source “%(value)s”.") % {"value": text[:40]})

    reported = PoliceReported.UNKNOWN
    if i_pol is not None and (text := cells[i_pol].strip()):
        reported = ctx.lookups.police.get(text.lower())
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
        status = ctx.lookups.status.get(text.lower())
        if status is None:
            error("status", _("Unknown status “%(value)s”.") % {"value": text[:40]})

    checked = services.field_errors(
        occurred_from=occurred_from, occurred_to=occurred_to, lat=lat, lon=lon,
        area_id=None if a != "bad" else -1,  # a bad point was reported above, not again as "no place"
        now=ctx.now,
    )
    for name, messages in checked.items():
        for message in messages:
            error("lat" if name == "area" else name, message)
    if problems:
        for name, message in problems:
            report.add_error(number, ctx.label[name], message)
        return None
    if ctx.hashing:
        external_id = _content_hash(category_id, occurred_from.isoformat(), str(occurred_to), lat, lon, place_type,
                                    description, source)
    return [ctx.owner_id, ctx.actor_id, category_id, occurred_from, occurred_to, lat, lon, None, None, place_type,
            description, str(source), str(reported), cost, str(status), external_id, "", ctx.now, ctx.now]


def _content_hash(category_id, occurred_from_iso: str, occurred_to_str: str, lat, lon, place_type: str,
                  description: str, source: str) -> str:
    content = "\x1f".join((str(category_id), occurred_from_iso, occurred_to_str, repr(lat), repr(lon), place_type,
                           description, source))
    return HASH_PREFIX + hashlib.sha256(content.encode()).hexdigest()


def _collector(problems: list, dirty: set[str]):
    def error(name: str, message: str) -> None:
        if name not in dirty:
            problems.append((name, message))

    return error


# --- the columnar path ------------------------------------------------------------------------------------------
# A batch of rows is checked column by column with pyarrow.compute. A row is accepted there only when it has the
# plain shape (times "YYYY-MM-DD HH:MM[:SS]" that exist in local time, numbers with a decimal point or comma, known
# words, no six digits in a row in the description); every other row goes to _check_row, which writes the errors
# (same messages, same row numbers) or, for a good row of an unusual shape, its values.

UTC_TIME = pa.timestamp("us", tz="UTC")
SCHEMA = pa.schema([
    ("owner_id", pa.int64()), ("reported_by_id", pa.int64()), ("category_id", pa.int64()),
    ("occurred_from", UTC_TIME), ("occurred_to", UTC_TIME), ("lat", pa.float64()), ("lon", pa.float64()),
    ("cell", pa.int64()), ("area_id", pa.int64()), ("place_type", pa.string()), ("description", pa.string()),
    ("source", pa.string()), ("reported_to_police", pa.string()), ("damage_cost_sek", pa.int64()),
    ("status", pa.string()), ("external_id", pa.string()), ("photo", pa.string()), ("created_at", UTC_TIME),
    ("updated_at", UTC_TIME),
])
_NUMBER_RE = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


class _Context:
    """What every batch of one import is checked against (built before COPY holds the connection)."""

    def __init__(self, report: ImportReport, owner, actor, crs: str, lookups: "_Lookups", locator):
        self.report, self.crs, self.lookups, self.locator = report, crs, lookups, locator
        header, mapping = report.header, report.mapping
        self.width = len(header)
        self.col = {f: mapping.get(f) for f in FIELDS}
        self.label = {f: (header[i] if i is not None and i < len(header) else str(FIELDS[f][0]))
                      for f, i in self.col.items()}
        self.now = timezone.now()
        self.owner_id, self.actor_id = owner.pk, getattr(actor, "pk", None)
        self.hashing = self.col["external_id"] is None
        # The privacy guard: descriptions under the owner's policy, ids refused with an identity number. Rows a
        # hint matches leave the columnar path and are screened one by one in _check_row.
        self.policy = guards.policy_for(owner)
        self.description_hint = hints.hint_pattern(self.policy.kinds(guards.REFUSE, guards.MASK))
        self.id_hint = hints.hint_pattern(privacy.IDENTITY_KINDS)
        self.tables = {name: _value_set(getattr(lookups, name))
                       for name in ("categories", "place_type", "source", "status", "police")}


def _value_set(mapping: dict) -> tuple[pa.Array, pa.Array]:
    values = list(mapping.values())
    kind = pa.int64() if values and isinstance(values[0], int) and not isinstance(values[0], str) else pa.string()
    return pa.array(list(mapping), pa.string()), pa.array([v if kind == pa.int64() else str(v) for v in values], kind)


def _np(mask) -> np.ndarray:
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def _lookup(text: pa.Array, table: tuple[pa.Array, pa.Array]) -> pa.Array:
    """The value for each text (compared lower-cased), null where unknown."""
    return pc.take(table[1], pc.index_in(pc.utf8_lower(text), value_set=table[0]))


def _choice(text, table, default: str, bad: np.ndarray) -> pa.Array:
    if text is None:
        return pa.array(np.full(len(bad), default, dtype=object), pa.string())
    empty = pc.equal(text, "")
    found = _lookup(text, table)
    bad |= _np(pc.and_(pc.invert(empty), pc.is_null(found)))
    return pc.if_else(empty, default, found)


def _times(text: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """(UTC timestamps, accepted) of local times in the plain formats; a time that does not exist in
    Europe/Stockholm (the spring gap), one outside the calendar (lib.days) or any other form is left to
    parse_datetime and the single reports' rules."""
    naive, ok = None, None
    for fmt in _TIME_FORMATS:
        parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
        exact = pc.fill_null(pc.equal(pc.strftime(parsed, format=fmt), text), False)  # no 30 February
        parsed = parsed.cast(pa.timestamp("us"))
        naive = pc.if_else(exact, parsed, naive if naive is not None else pa.nulls(len(text), parsed.type))
        ok = exact if ok is None else pc.or_(ok, exact)
    first = pa.scalar(datetime.combine(days.FIRST_DAY, time.min), pa.timestamp("us"))
    last = pa.scalar(datetime.combine(days.LAST_DAY, time.max), pa.timestamp("us"))
    ok = pc.and_(ok, pc.fill_null(pc.and_(pc.greater_equal(naive, first), pc.less_equal(naive, last)), False))
    aware = pc.assume_timezone(naive, "Europe/Stockholm", ambiguous="earliest", nonexistent="earliest")
    ok = pc.and_(ok, pc.fill_null(pc.equal(pc.local_timestamp(aware), naive), False))
    return aware.cast(UTC_TIME), _np(ok)


def _numbers(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(floats, accepted) as parse_number reads them, for the plain forms ("12 500,50", "59.33", "-1e3")."""
    for old, new in (("\u00a0", ""), (" ", ""), (",", ".")):
        text = pc.replace_substring(text, old, new)
    ok = _np(pc.match_substring_regex(text, _NUMBER_RE))
    values = pc.cast(pc.if_else(pa.array(ok), text, "0"), pa.float64()).to_numpy(zero_copy_only=False)
    return np.where(ok, values, np.nan), ok


def _points(a: np.ndarray, b: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lat, lon, accepted): crslib.to_wgs84 and the Sweden check, for whole columns."""
    def inside(v, low, high):
        return (v >= low) & (v <= high)

    wgs = inside(a, *crslib.WGS84_LAT) & inside(b, *crslib.WGS84_LON)
    wgs_swapped = ~wgs & inside(b, *crslib.WGS84_LAT) & inside(a, *crslib.WGS84_LON)
    known = wgs | wgs_swapped
    sweref = ~known & inside(a, *crslib.SWEREF_N) & inside(b, *crslib.SWEREF_E)
    sweref_swapped = ~known & ~sweref & inside(b, *crslib.SWEREF_N) & inside(a, *crslib.SWEREF_E)
    grid_kinds = sweref | sweref_swapped
    allowed = {crslib.WGS84: known, crslib.SWEREF99TM: grid_kinds}.get(crs, known | grid_kinds)
    lat = np.where(wgs, a, np.where(wgs_swapped, b, np.nan))
    lon = np.where(wgs, b, np.where(wgs_swapped, a, np.nan))
    grid = (sweref | sweref_swapped) & allowed
    if grid.any():
        north = np.where(sweref, a, b)[grid]
        east = np.where(sweref, b, a)[grid]
        lat[grid], lon[grid] = crslib.sweref_to_wgs84(north, east)
    box = geo.SWEDEN
    ok = allowed & inside(lon, box.min_lon, box.max_lon) & inside(lat, box.min_lat, box.max_lat)
    return lat, lon, ok


def _fast(ctx: _Context, columns: list[pa.Array]) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """(the accepted rows as a SCHEMA table without cell and area, their positions, the positions left over)."""
    n = len(columns[0]) if columns else 0
    col, tables = ctx.col, ctx.tables
    bad = np.zeros(n, dtype=bool)
    for i in {i for i in col.values() if i is not None}:  # control characters: _check_row names them
        bad |= _np(pc.match_substring_regex(pc.fill_null(columns[i], ""), safe_read.CONTROL_PATTERN))

    def text(name):
        i = col[name]
        return None if i is None else pc.utf8_trim_whitespace(pc.fill_null(columns[i], ""))

    external = text("external_id")
    if external is not None:
        bad |= _np(pc.greater(pc.utf8_length(external), 100))
        bad |= _np(pc.match_substring_regex(external, ctx.id_hint))  # the privacy guard decides
    category = text("category")
    category_id = _lookup(category, tables["categories"]) if category is not None else pa.nulls(n, pa.int64())
    bad |= _np(pc.is_null(category_id))

    started = text("occurred_from")
    if started is None:
        bad[:] = True
        started = pa.array([""] * n)
    occurred_from, ok = _times(started)
    bad |= ~ok
    limit = pa.scalar(ctx.now + services.CLOCK_SKEW, UTC_TIME)
    bad |= _np(pc.greater(occurred_from, limit))
    ended = text("occurred_to")
    if ended is None:
        occurred_to = pa.nulls(n, UTC_TIME)
    else:
        occurred_to, ok = _times(ended)
        empty = _np(pc.equal(ended, ""))
        bad |= ~(ok | empty)
        bad |= _np(pc.less(occurred_to, occurred_from))
        occurred_to = pc.if_else(pa.array(empty), pa.nulls(n, UTC_TIME), occurred_to)

    a, ok_a = _numbers(text("lat")) if col["lat"] is not None else (np.full(n, np.nan), np.zeros(n, bool))
    b, ok_b = _numbers(text("lon")) if col["lon"] is not None else (np.full(n, np.nan), np.zeros(n, bool))
    lat, lon, ok = _points(a, b, ctx.crs)
    bad |= ~(ok_a & ok_b & ok)

    place_type = _choice(text("place_type"), tables["place_type"], "", bad)
    description = text("description")
    if description is None:
        description = pa.array(np.full(n, "", dtype=object), pa.string())
    else:
        bad |= _np(pc.greater(pc.utf8_length(description), 2000))
        if ctx.description_hint is None:  # the policy acts on names: every description is looked at
            bad |= _np(pc.not_equal(description, ""))
        elif ctx.description_hint:
            bad |= _np(pc.match_substring_regex(description, ctx.description_hint))  # the privacy guard decides
    source = _choice(text("source"), tables["source"], str(Source.IMPORT), bad)
    police = _choice(text("reported_to_police"), tables["police"], str(PoliceReported.UNKNOWN), bad)
    status = _choice(text("status"), tables["status"], str(Status.NEW), bad)

    amount = text("damage_cost_sek")
    if amount is None:
        cost = pa.nulls(n, pa.int64())
    else:
        empty = _np(pc.equal(amount, ""))
        plain = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(amount), "kr$", ""))
        value, ok = _numbers(plain)
        rounded = np.round(np.where(ok, value, 0))  # half to even, as round()
        ok &= (rounded >= 0) & (rounded <= 2_147_483_647)
        bad |= ~(ok | empty)
        cost = pa.array(np.where(ok, rounded, 0).astype(np.int64), mask=~ok | empty)

    good = ~bad
    keep = pa.array(good)
    m = int(good.sum())
    now = pa.array(np.full(m, np.datetime64(ctx.now.replace(tzinfo=None), "us")), UTC_TIME)
    table = pa.table([
        pa.array(np.full(m, ctx.owner_id, dtype=np.int64)),
        pa.nulls(m, pa.int64()) if ctx.actor_id is None else pa.array(np.full(m, ctx.actor_id, dtype=np.int64)),
        category_id.filter(keep).cast(pa.int64()), occurred_from.filter(keep), occurred_to.filter(keep),
        pa.array(lat[good]), pa.array(lon[good]), pa.nulls(m, pa.int64()), pa.nulls(m, pa.int64()),
        place_type.filter(keep), description.filter(keep), source.filter(keep), police.filter(keep),
        cost.filter(keep), status.filter(keep),
        external.filter(keep) if external is not None else pa.array(np.full(m, "", dtype=object), pa.string()),
        pa.array(np.full(m, "", dtype=object), pa.string()), now, now,
    ], schema=SCHEMA)
    return table, np.nonzero(good)[0], np.nonzero(bad)[0]


def _hashed(table: pa.Table) -> pa.Array:
    """The content hashes (external_id "hash:…") of rows accepted by _fast: the same text _check_row hashes."""
    columns = [table.column(name).to_pylist() for name in
               ("category_id", "occurred_from", "occurred_to", "lat", "lon", "place_type", "description", "source")]
    hashes = []
    for category_id, started, ended, lat, lon, place_type, description, source in zip(*columns, strict=True):
        ended = str(ended.astimezone(STOCKHOLM)) if ended is not None else "None"
        hashes.append(_content_hash(category_id, started.astimezone(STOCKHOLM).isoformat(), ended, lat, lon,
                                    place_type, description, source))
    return pa.array(hashes, pa.string())


def _validated_batches(columns: tabular.Columns, ctx: _Context, existing: set[str]) -> Iterator[pa.Table]:
    """The rows to write, a SCHEMA table per batch with cell and area; errors go to the report, duplicates are
    counted and skipped. Makes no query (it runs while COPY holds the connection)."""
    report = ctx.report
    for numbers, cols in columns.batches:
        report.total += len(numbers)
        table, positions, leftover = _fast(ctx, cols)
        if ctx.hashing and table.num_rows:
            table = table.set_column(SCHEMA.get_field_index("external_id"), "external_id", _hashed(table))
        slow_rows, slow_positions = [], []
        for k in leftover.tolist():
            row = _check_row(ctx, int(numbers[k]), [c[k].as_py() or "" for c in cols])
            if row is not None:
                slow_rows.append(row)
                slow_positions.append(k)
        report.valid += table.num_rows + len(slow_rows)
        if report.error_count:
            continue  # nothing will be written, but every row is still checked
        if slow_rows:
            extra = pa.table([pa.array([r[j] for r in slow_rows], f.type) for j, f in enumerate(SCHEMA)],
                             schema=SCHEMA)
            order = np.argsort(np.concatenate([positions, np.asarray(slow_positions, dtype=np.int64)]), kind="stable")
            table = pa.concat_tables([table, extra]).take(pa.array(order))
        ids = table.column("external_id").to_pylist()
        fresh = np.ones(len(ids), dtype=bool)
        for k, external_id in enumerate(ids):
            if external_id:
                if external_id in existing:
                    fresh[k] = False
                else:
                    existing.add(external_id)
        if not fresh.all():
            report.duplicates += int((~fresh).sum())
            table = table.filter(pa.array(fresh))
        if table.num_rows:
            yield _placed(table, ctx.locator)


def _placed(table: pa.Table, locator) -> pa.Table:
    """The rows with their H3 cell and area (the smallest containing the point), found for the batch at once."""
    lats = table.column("lat").to_numpy()
    lons = table.column("lon").to_numpy()
    areas = locator.locate_many(lons, lats) if locator is not None else [None] * len(lats)
    cell_ids = [cells.cell_for(lat, lon) for lat, lon in zip(lats.tolist(), lons.tolist(), strict=True)]
    table = table.set_column(SCHEMA.get_field_index("cell"), "cell", pa.array(cell_ids, pa.int64()))
    return table.set_column(SCHEMA.get_field_index("area_id"), "area_id", pa.array(areas, pa.int64()))


def import_file(*, actor, owner, file, filename: str, mapping: dict[str, int] | None = None,
                crs: str = crslib.AUTO, commit: bool = False) -> ImportReport:
    """Read, validate and (with commit, when every row is valid) write the incidents of a file for `owner`.
    `mapping` ({field: column index}) overrides the guessed one. Returns the report; nothing is written unless
    report.committed."""
    report = ImportReport(filename=filename, crs=crs)
    try:
        table = tabular.read_columns(file, filename)
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
    chosen = set(report.mapping.values())
    unread = [name for i, name in enumerate(table.header) if name and i not in chosen]
    if unread:
        report.warnings.append(_("These columns are not read, since no field is chosen for them: %(columns)s.")
                               % {"columns": ", ".join(f"“{name[:60]}”" for name in unread[:20])
                                  + (", …" if len(unread) > 20 else "")})

    # A check only reads: outside a transaction, so on SQLite (whose transactions here take the write lock at
    # once) it does not hold up other users' writes for as long as it reads the file.
    with transaction.atomic() if commit else nullcontext():
        existing = set(
            Incident.objects.filter(owner=owner).exclude(external_id="").values_list("external_id", flat=True)
        )
        ctx = _Context(report, owner, actor, crs, _Lookups(owner), selectors.area_locator(owner))
        batches = _validated_batches(table, ctx, existing)
        try:
            if commit and connection.vendor == "postgresql":
                _copy(batches, report)
            elif commit:
                _bulk_create(batches, report)
            else:
                for _batch in batches:
                    pass
        except tabular.TableError as exc:
            report.add_error(exc.row or 0, "", _table_message(exc))
        if not report.total and not report.error_count:
            report.add_error(0, "", _("The file holds no rows below the column names: there is nothing to import."))
        if table.overflow.rows:
            report.warnings.append(ngettext(
                "%(count)s row has cells to the right of the last named column (row %(row)s); they are not read.",
                "%(count)s rows have cells to the right of the last named column (the first is row %(row)s); "
                "they are not read.", table.overflow.rows,
            ) % {"count": table.overflow.rows, "row": table.overflow.first})
        if not commit or report.error_count:
            if commit:
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


def done_message(report: ImportReport) -> str:
    """What the user reads after an import was written."""
    return ngettext(
        "%(count)s incident was imported (%(duplicates)s already imported).",
        "%(count)s incidents were imported (%(duplicates)s already imported).", report.created,
    ) % {"count": report.created, "duplicates": report.duplicates}


def _bulk_create(batches, report: ImportReport) -> None:
    for table in batches:
        if report.error_count:  # a bad row: nothing will be written, but every row is still checked
            continue
        rows = table.to_pylist()
        for start in range(0, len(rows), BATCH):
            Incident.objects.bulk_create([Incident(**row) for row in rows[start : start + BATCH]])
        report.created += len(rows)


def _copy(batches, report: ImportReport) -> None:
    """COPY the batches into the incident table (CSV written by pyarrow) while later ones are validated: psycopg's
    queued writer sends each batch from a thread of its own, so reading and checking the next batch here overlaps
    with PostgreSQL writing this one. The caller rolls back on any error."""
    sql = f"COPY {Incident._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN (FORMAT csv)"
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    with connection.cursor() as cursor, cursor.cursor.copy(sql, writer=QueuedLibpqWriter(cursor.cursor)) as copy:
        for table in batches:
            if report.error_count:
                continue
            buffer = io.BytesIO()
            pacsv.write_csv(table, buffer, options)  # nulls unquoted (NULL), every value quoted ("" is text)
            copy.write(buffer.getbuffer())
            report.created += table.num_rows


def file_message(exc: tabular.TableError) -> str:
    """_table_message with the row it concerns, for a message that stands alone (a form error)."""
    message = _table_message(exc)
    return _("Row %(row)s: %(message)s") % {"row": exc.row, "message": message} if exc.row else message


def _table_message(exc: tabular.TableError) -> str:
    """The translated message of a file the reader cannot read or refuses (the row, if any, is shown apart)."""
    caps = {"rows": f"{safe_read.MAX_ROWS:,}".replace(",", "\u00a0"), "columns": safe_read.MAX_COLUMNS,
            "chars": f"{safe_read.MAX_CELL_CHARS:,}".replace(",", "\u00a0"),
            "mb": safe_read.MAX_TABLE_BYTES // 2**20, "unpacked": safe_read.MAX_UNZIPPED_BYTES // 2**20}
    messages = {
        "empty": _("The file is empty."),
        "no_rows": _("The file holds no rows below the column names: there is nothing to import."),
        "encoding": _("The file's characters cannot be read. Save it as CSV UTF-8 and try again."),
        "utf16": _("The file is saved as UTF-16 (Unicode) text. Save it as CSV UTF-8 and try again."),
        "binary": _("The file is not a CSV, Excel or GeoJSON file: it holds binary data."),
        "no_header": _("The first row must hold the column names."),
        "xlsx": _("The file is not a readable Excel workbook (.xlsx)."),
        "xlsx_broken": _("The Excel workbook is damaged and cannot be read from this row on. Save it again from "
                         "Excel and try again."),
        "zip_broken": _("The Excel workbook is damaged and cannot be read. Save it again from Excel and try again."),
        "zip_method": _("The Excel workbook is encrypted or packed in an unusual way. Save it again as an "
                        "ordinary workbook (.xlsx) and try again."),
        "zip_bomb": _("The Excel workbook unpacks to too much data (more than %(unpacked)s MB, or packed far more "
                      "tightly than a real workbook) and is refused.") % caps,
        "too_large": _("The file is larger than %(mb)s MB.") % caps,
        "too_many_rows": _("The file has more than %(rows)s rows. Split it into smaller files.") % caps,
        "too_many_columns": _("The file has more than %(columns)s columns.") % caps,
        "cell_too_long": _("A cell holds more than %(chars)s characters.") % caps,
        "geojson": _("The file is not a GeoJSON FeatureCollection of points."),
        "geojson_feature": _("A value in the GeoJSON file has the wrong type: %(detail)s") % {"detail": str(exc)},
        "json_depth": _("The file is nested too deeply to be GeoJSON."),
        "json_number": _("The file holds a number that cannot be read."),
        "csv": _("The file is not a readable CSV file."),
    }
    return messages.get(exc.code, str(exc))
