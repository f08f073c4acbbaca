"""The police's public events feed (https://polisen.se/api/events), stored as a read-only layer beside the
incidents. A service module: every write here is audited; reads go through selectors.police_events().

The feed is a JSON array of the latest ~500 events:
    {"id": 612685, "datetime": "2025-11-13 20:14:24 +01:00", "name": "13 november 18.28, Stöld, Härnösand",
     "summary": "...", "url": "/aktuellt/handelser/2025/november/13/...", "type": "Stöld",
     "location": {"name": "Härnösand", "gps": "62.63227,17.940871"}}
`datetime` may have a one-digit hour ("2025-11-13 8:09:14 +01:00"); `location.name` is a municipality or a
county ("Stockholms län"); `gps` is the centre of that municipality or county, never the exact place.

Real feeds are messy, so every item is checked on its own:
- skipped, with the reason counted: not an object; no or a bad id, datetime, type or name; an older version of
  an event that is also in the file or already stored;
- skipped too: a text (name, summary, type, place, url) holding a control character such as NUL, which
  PostgreSQL cannot store;
- kept, with a note: unparseable gps or gps outside Sweden (kept without a point: it still counts for its
  municipality); a place name that is neither a municipality nor a county (kept without kommunkod).
Every event gets its place's codes from `location.name` and the reference list of municipalities (place_for):
a municipality ("Uppsala", "Malung-Sälen", "Upplands-Väsby", "Borås kommun") gives its kommunkod and länskod; a
county ("Uppsala län", "Västra Götalands län") its länskod only, and the event is marked `county_level`, so it is
counted for no municipality.
An event may change between fetches: the version with the later `datetime` wins, on a tie the later one (later
in the file, or the file being imported over what is stored). Identity numbers (personnummer,
samordningsnummer) in name and summary are replaced by a marker before anything is stored.

The source as a whole is read by lib/safe_read (UTF-8, JSON nesting and numbers checked); a source that is no
array of events, and (for the command and run-jobs, `require_usable`) an empty array or one of which not a single
item can be used are FeedError: nothing is written. An archive of the feed's history, of any size, is streamed in
batches by police_archive.py through the same item checks and the same storing (store_batch).

Event types map to national categories (TYPE_CATEGORIES). Types our taxonomy has no category for (traffic
accidents, summaries, missing persons, alarms, "Övrigt") and unknown types get none rather than "ovrigt", so
the counts by category are not blurred by guesses; the type itself is always kept for counts by type.
"""

import math
import re
import urllib.error
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samtrygg import guards
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.guards import screen_instances
from samtrygg.lib import cells, geo, http, safe_read
from samtrygg.reference import kommuner

from .models import Category, PoliceEvent

FEED_URL = "https://polisen.se/api/events"
TIMEOUT_SECONDS = 30
MAX_BYTES = 20 * 1024 * 1024  # the real feed is about 200 KB
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NAME_MAX, TYPE_MAX, PLACE_MAX, URL_MAX, SUMMARY_MAX = 300, 100, 100, 500, 4000

# Police event type (lowercase) -> national category code. "Rån, försök" or "Stöld, försök" that are not listed
# are looked up by the part before the comma.
TYPE_CATEGORIES: dict[str, str] = {
    "brand": "brand",
    "skadegörelse": "skadegorelse",
    "inbrott": "inbrott",
    "stöld": "stold",
    "stöld/inbrott": "stold",
    "snatteri": "stold.butik",
    "motorfordon, stöld": "stold.ovrig",
    "motorfordon, anträffat stulet": "stold.ovrig",
    "misshandel": "hot-vald.misshandel",
    "misshandel, grov": "hot-vald.misshandel",
    "olaga hot": "hot-vald.hot",
    "bombhot": "hot-vald.hot",
    "våld/hot mot tjänsteman": "hot-vald.personal",
    "rån": "hot-vald.ran",
    "rån väpnat": "hot-vald.ran",
    "rån övrigt": "hot-vald.ran",
    "personrån": "hot-vald.ran",
    "mord/dråp": "hot-vald",
    "skottlossning": "hot-vald",
    "skottlossning, misstänkt": "hot-vald",
    "explosion": "hot-vald",
    "detonation": "hot-vald",
    "våldtäkt": "hot-vald",
    "sexualbrott": "hot-vald",
    "olaga frihetsberövande": "hot-vald",
    "knivlagen": "hot-vald",
    "vapenlagen": "hot-vald",
    "bråk": "ordningsstorning.brak",
    "fylleri/lob": "ordningsstorning.berusning",
    "ofog barn/ungdom": "ordningsstorning.ungdomar",
    "ofredande/förargelse": "ordningsstorning",
    "ordningslagen": "ordningsstorning",
    "narkotikabrott": "narkotika",
    "rattfylleri": "trafik",
    "trafikbrott": "trafik",
    "olovlig körning": "trafik",
}

SKIP_REASONS = {  # the item is not stored (translated when shown)
    "not_object": gettext_lazy("not a JSON object"),
    "bad_id": gettext_lazy("no id, or not a positive whole number"),
    "bad_datetime": gettext_lazy("no datetime, or not a date and time"),
    "missing_type": gettext_lazy("no type"),
    "missing_name": gettext_lazy("no name"),
    "control_characters": gettext_lazy("a text holds a control character (such as NUL)"),
    "older_duplicate": gettext_lazy("an older version of an event that is also in the file"),
    "older_than_stored": gettext_lazy("older than the version already stored"),
    # an archive's records (police_archive.py)
    "not_json": gettext_lazy("a line that is not JSON"),
    "too_large": gettext_lazy("a record larger than the limit for one event"),
    "too_deep": gettext_lazy("a record nested too deeply"),
}
NOTE_REASONS = {  # the item is stored, with less
    "bad_gps": gettext_lazy("kept without a point: gps unparseable or outside Sweden"),
    "unknown_place": gettext_lazy("kept without municipality: place is neither a municipality nor a county"),
}
JSON_TYPES = {  # what the feed is when it is no array, for FeedError
    dict: gettext_lazy("a JSON object"), str: gettext_lazy("JSON text"), int: gettext_lazy("a JSON number"),
    float: gettext_lazy("a JSON number"), bool: gettext_lazy("JSON true or false"),
    type(None): gettext_lazy("JSON null"),
}
COMPARED = ("occurred_at", "name", "summary", "url", "type", "location_name", "kommunkod", "lanskod", "county_level",
            "lat", "lon", "cell", "category_id")
REFS_KEPT = 20  # item references kept per reason for the report (the counts are complete)


class FeedError(Exception):
    """The source cannot be read as a feed at all: nothing is imported. The message is translated (gettext)."""


class _Skip(Exception):
    def __init__(self, reason: str):
        self.reason = reason


@dataclass
class ImportResult:
    source: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    redacted: int = 0  # events stored with an identity number replaced by a marker
    # reason -> the first REFS_KEPT item refs (an archive may skip millions), and reason -> how many
    skipped: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    skip_counts: Counter = field(default_factory=Counter)
    note_counts: Counter = field(default_factory=Counter)

    def skip(self, reason: str, ref: str) -> None:
        self.skip_counts[reason] += 1
        if len(self.skipped[reason]) < REFS_KEPT:
            self.skipped[reason].append(ref)

    def note(self, reason: str, ref: str) -> None:
        self.note_counts[reason] += 1
        if len(self.notes[reason]) < REFS_KEPT:
            self.notes[reason].append(ref)

    @property
    def skipped_count(self) -> int:
        return sum(self.skip_counts.values())

    def counts(self) -> dict:
        return {
            "total": self.total, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "redacted": self.redacted, "skipped": dict(sorted(self.skip_counts.items())),
            "notes": dict(sorted(self.note_counts.items())),
        }


# --- reading the source ----------------------------------------------------------------------------------------

def user_agent(contact: str = "") -> str:
    """"samtrygg/1.0 (import-police-events; contact: it@kommun.se)": who is calling, so the police can reach the
    installation rather than block it."""
    try:
        version = metadata.version("samtrygg")
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        version = "dev"
    return f"samtrygg/{version} (import-police-events; {f'contact: {contact}' if contact else 'municipal'})"


def read_source(source: str, *, contact: str = "") -> bytes:
    """The bytes of an http(s) URL or a local file, at most MAX_BYTES."""
    scheme = urlsplit(source).scheme.lower()
    if scheme in {"http", "https"}:
        headers = {"User-Agent": user_agent(" ".join(contact.split())), "Accept": "application/json"}
        try:  # lib.http: a redirect to file: or ftp: fails rather than being followed
            data = http.get(source, headers=headers, timeout=TIMEOUT_SECONDS, limit=MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise FeedError(_("%(source)s answered HTTP %(code)s %(reason)s.")
                            % {"source": source, "code": exc.code, "reason": exc.reason}) from None
        except urllib.error.URLError as exc:
            raise FeedError(_("Cannot fetch %(source)s: %(reason)s")
                            % {"source": source, "reason": exc.reason}) from None
        except OSError as exc:  # timeouts, resets
            raise FeedError(_("Cannot fetch %(source)s: %(reason)s") % {"source": source, "reason": exc}) from None
    elif len(scheme) > 1:  # ftp:, file: ... (a single letter is a Windows drive)
        raise FeedError(_("Only http(s) URLs and local files can be read, not %(scheme)s:.") % {"scheme": scheme})
    else:
        try:
            with Path(source).open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or exc
            raise FeedError(_("Cannot read %(source)s: %(reason)s") % {"source": source, "reason": reason}) from None
    if len(data) > MAX_BYTES:
        raise FeedError(_("%(source)s holds more than %(mb)s MB; the feed is far smaller.")
                        % {"source": source, "mb": MAX_BYTES // 2**20})
    return data


def parse_feed(data: bytes) -> list:
    """The feed's top-level array; FeedError when the data is anything else."""
    if not data.strip():
        raise FeedError(_("The data is empty."))
    try:
        text = safe_read.decode_utf8(data)
    except safe_read.UnsafeInput as exc:
        raise FeedError(_unreadable(exc)) from None
    if text.lstrip()[:1] == "<":
        raise FeedError(_("The data is an HTML or XML page, not the JSON feed (wrong URL, or an error page?)."))
    try:
        items = safe_read.load_json(text)
    except safe_read.UnsafeInput as exc:
        raise FeedError(_unreadable(exc)) from None
    if not isinstance(items, list):
        raise FeedError(_("The feed must be a JSON array of events, not %(found)s.")
                        % {"found": JSON_TYPES.get(type(items), type(items).__name__)})
    return items


def _unreadable(exc: safe_read.UnsafeInput) -> str:
    """The translated reason why lib/safe_read refused the feed's data (by its `code`)."""
    messages = {
        "utf16": _("The data is saved as UTF-16 text, not UTF-8."),
        "binary": _("The data is not text: it looks like a program, a picture or another binary file."),
        "encoding": _("The data is not UTF-8 text (line %(line)s).") % {"line": exc.line},
        "json": _("The data is not JSON (%(detail)s).") % {"detail": exc.detail},
        "json_depth": _("The JSON is nested more than %(depth)s levels deep.") % {"depth": safe_read.MAX_JSON_DEPTH},
        "json_number": _("The JSON holds a number that cannot be read (such as NaN, Infinity or 1e999)."),
    }
    return messages.get(exc.code) or str(exc)


# --- one item ----------------------------------------------------------------------------------------------------

_DATETIME_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?")


def parse_datetime(value) -> datetime:
    """"2025-11-13 8:09:14 +01:00" (also ISO 8601 with T, Z, no seconds) as an aware datetime; without an offset,
    Swedish time. ValueError otherwise."""
    m = _DATETIME_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not m:
        raise ValueError("not a date and time")
    offset, tz = m[7], STOCKHOLM
    if offset:
        sign = -1 if offset[0] == "-" else 1
        tz = UTC if offset == "Z" else timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[-2:])))
    return datetime(*(int(g or 0) for g in m.groups()[:6]), tzinfo=tz)


def parse_gps(value) -> tuple[float, float] | None:
    """"59.329324,18.068581" as (lat, lon); None when missing or empty; ValueError when unusable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    lat, lon = (float(part) for part in str(value).split(","))  # ValueError unless exactly two numbers
    if not (math.isfinite(lat) and math.isfinite(lon) and geo.in_sweden(lon, lat)):
        raise ValueError("not a point in Sweden")
    return lat, lon


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


@dataclass(frozen=True)
class Place:
    """Where an event is counted: a municipality (kommunkod and its länskod) or a whole county (länskod only,
    county_level), or nowhere (no name)."""

    kommunkod: str = ""
    lanskod: str = ""
    county_level: bool = False


@cache
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """({municipality name key: kommunkod}, {county name key: länskod}). A county is also known without its
    genitive s or without "län" ("Västra Götaland län", "Skåne"), unless that is a municipality's name."""
    known = kommuner().values()
    municipalities = {_key(k.name): k.code for k in known}
    counties = {}
    for k in known:
        key = _key(k.county_name)  # "västra götalands län"
        bare = key.removesuffix(" län")
        for alias in (key, bare, bare.removesuffix("s"), bare.removesuffix("s") + " län"):
            if alias not in municipalities:  # "Gotland" is the municipality, "Gotlands län" the county
                counties.setdefault(alias, k.county_code)
    return municipalities, counties


def place_for(location_name: str, extra: Mapping[str, str] | None = None) -> Place | None:
    """Where a feed place name is counted: a municipality ("Malmö", "Upplands-Väsby", "Borås kommun", "Göteborgs
    stad"), a county ("Stockholms län", "Västra Götalands län"), Place() for no name; None for a name that is
    neither. `extra` adds places the reference list does not hold ({name: kommunkod}, e.g. the demo's fictional
    municipalities). A kommunkod's first two digits are its county's länskod."""
    municipalities, counties = _places()
    own = {_key(name): code for name, code in (extra or {}).items()}
    key = _key(location_name)
    if not key:
        return Place()
    if key in counties and key not in own:
        return Place(lanskod=counties[key], county_level=True)
    for suffix in (" kommun", " stad"):
        if key.endswith(suffix):  # "Göteborgs stad" -> "göteborg"
            key = key.removesuffix(suffix)
            key = key if key in municipalities or key in own else key.removesuffix("s")
    code = own.get(key) or municipalities.get(key)
    return Place(kommunkod=code, lanskod=code[:2]) if code else None


def kommunkod_for(location_name: str) -> str | None:
    """The kommunkod of a feed place name ("Malmö", "Upplands-Väsby", "Borås kommun"); "" for a county
    ("Stockholms län") or no name; None for a name that is neither."""
    place = place_for(location_name)
    return None if place is None else place.kommunkod


def category_code(event_type: str) -> str | None:
    key = " ".join(event_type.casefold().split())
    return TYPE_CATEGORIES.get(key) or TYPE_CATEGORIES.get(key.split(",", 1)[0].strip())


def _text(value, limit: int) -> str:
    """A trimmed string (a number as text; anything else ""), runs of white space as one, cut to limit."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _redacted(text: str, limit: int) -> tuple[str, bool]:
    """What the default policy refuses or masks replaced by markers (a feed cannot be refused, only cleaned); cut
    to limit after the marker (which may be longer)."""
    screened = guards.screen_text(text, guards.DEFAULT_POLICY.masking())
    return screened.text[:limit].rstrip(), bool(screened.masked)


def _link(value) -> str:
    """An absolute https link to polisen.se, or "" (never a javascript: or another site's link)."""
    url = _text(value, URL_MAX)
    if url.startswith("/") and not url.startswith("//"):
        url = "https://polisen.se" + url
    parts = urlsplit(url)
    ok = parts.scheme == "https" and parts.hostname in {"polisen.se", "www.polisen.se"} and len(url) <= URL_MAX
    return url if ok else ""


def event_from_item(item, *, categories: dict[str, int],
                    places: Mapping[str, str] | None = None) -> tuple[PoliceEvent, bool, list[str]]:
    """An unsaved PoliceEvent, whether something was redacted, and the notes; _Skip(reason) if unusable. `places`
    as for place_for."""
    if not isinstance(item, dict):
        raise _Skip("not_object")
    event_id = item.get("id")
    if isinstance(event_id, str) and event_id.strip().isascii() and event_id.strip().isdigit() \
            and len(event_id.strip()) <= 19:
        event_id = int(event_id)
    if isinstance(event_id, bool) or not isinstance(event_id, int) or not 0 < event_id < 2**63:
        raise _Skip("bad_id")
    try:
        occurred_at = parse_datetime(item.get("datetime"))
    except (ValueError, OverflowError):
        raise _Skip("bad_datetime") from None
    event_type, name = _text(item.get("type"), TYPE_MAX), _text(item.get("name"), NAME_MAX)
    if not event_type:
        raise _Skip("missing_type")
    if not name:
        raise _Skip("missing_name")
    location = item.get("location")
    location = location if isinstance(location, dict) else {"name": location}
    texts = (item.get("name"), item.get("summary"), item.get("type"), item.get("url"), location.get("name"))
    if any(isinstance(text, str) and safe_read.control_character(text) for text in texts):
        raise _Skip("control_characters")

    notes = []
    try:
        point = parse_gps(location.get("gps"))
    except (ValueError, TypeError):
        point = None
        notes.append("bad_gps")
    place = _text(location.get("name"), PLACE_MAX)
    codes = place_for(place, places)
    if codes is None:
        codes = Place()
        notes.append("unknown_place")
    name, name_hit = _redacted(name, NAME_MAX)
    summary, summary_hit = _redacted(_text(item.get("summary"), SUMMARY_MAX), SUMMARY_MAX)
    code = category_code(event_type)
    lat, lon = point or (None, None)
    event = PoliceEvent(
        event_id=event_id, occurred_at=occurred_at.astimezone(UTC), name=name, summary=summary,
        url=_link(item.get("url")), type=event_type, location_name=place, kommunkod=codes.kommunkod,
        lanskod=codes.lanskod, county_level=codes.county_level, lat=lat, lon=lon,
        cell=cells.cell_for(lat, lon) if point else None, category_id=categories.get(code),
    )
    return event, name_hit or summary_hit, notes


# --- storing -----------------------------------------------------------------------------------------------------

def _ref(index: int, item) -> str:
    """How the report names an item: "#3 (id 612685)", counting items from 1."""
    event_id = item.get("id") if isinstance(item, dict) else None
    shown = str(event_id)[:20] if isinstance(event_id, int | str) and not isinstance(event_id, bool) else ""
    return f"#{index + 1} (id {shown})" if shown.strip() else f"#{index + 1}"


UNUSABLE = frozenset(SKIP_REASONS) - {"older_duplicate", "older_than_stored"}


def national_categories() -> dict[str, int]:
    """{national category code: id}, for event_from_item."""
    return dict(Category.objects.filter(owner__isnull=True).values_list("code", "id"))


def add_newest(newest: dict[int, tuple[PoliceEvent, bool, str]], result: ImportResult, item, ref: str, *,
               categories: dict[str, int], places: Mapping[str, str] | None = None) -> None:
    """Check one item and keep it in `newest` ({event id: (event, redacted, ref)}) unless an item of the same id
    there is newer: the later one wins a tie. Skips and notes are counted in `result`."""
    try:
        event, redacted, notes = event_from_item(item, categories=categories, places=places)
    except _Skip as skip:
        result.skip(skip.reason, ref)
        return
    for note in notes:
        result.note(note, ref)
    previous = newest.get(event.event_id)
    if previous and previous[0].occurred_at > event.occurred_at:
        result.skip("older_duplicate", ref)
        return
    if previous:
        result.skip("older_duplicate", previous[2])
    newest[event.event_id] = (event, redacted, ref)


def store_batch(newest: dict[int, tuple[PoliceEvent, bool, str]], result: ImportResult, *, started: datetime,
                dry_run: bool = False) -> None:
    """Store one batch of checked events (add_newest): create new ones, update changed ones (the newest version
    wins), count the rest. A stored row written since `started` was written by this import from an earlier batch
    (an archive may hold an event twice, far apart): the later version replaces it, the other is skipped as an
    older duplicate, and the event is counted once. Rows that do not change are not written at all."""
    stored = PoliceEvent.objects.in_bulk(list(newest), field_name="event_id") if newest else {}
    to_create, to_update = [], []
    for event_id, (event, redacted, ref) in newest.items():
        row = stored.get(event_id)
        if row is None:
            to_create.append(event)
            result.created += 1
        elif row.fetched_at >= started:  # an earlier batch of this import wrote it
            result.skip("older_duplicate", ref if event.occurred_at < row.occurred_at else f"id {event_id}")
            if event.occurred_at >= row.occurred_at and any(getattr(row, f) != getattr(event, f) for f in COMPARED):
                _copy(event, row, started, to_update)
            continue
        elif event.occurred_at < row.occurred_at:
            result.skip("older_than_stored", ref)
            continue
        elif all(getattr(row, f) == getattr(event, f) for f in COMPARED):
            result.unchanged += 1
        else:
            _copy(event, row, started, to_update)
            result.updated += 1
        result.redacted += redacted
    if not dry_run:
        PoliceEvent.objects.bulk_create(screen_instances(to_create), batch_size=500)  # fetched_at: auto_now
        PoliceEvent.objects.bulk_update(screen_instances(to_update), [*COMPARED, "fetched_at"], batch_size=500)


def _copy(event: PoliceEvent, row: PoliceEvent, now: datetime, to_update: list) -> None:
    for f in COMPARED:
        setattr(row, f, getattr(event, f))
    row.fetched_at = now
    to_update.append(row)


def audit_import(*, actor, source: str, result: ImportResult) -> None:
    audit_record(actor=actor, action=Action.IMPORT, object_type="incidents.policeevent",
                 object_repr=f"Polisens händelser: {source}", changes={"counts": [None, result.counts()]})


@transaction.atomic
def police_events_import(*, actor=None, items: list, source: str, dry_run: bool = False,
                         require_usable: bool = False, places: Mapping[str, str] | None = None) -> ImportResult:
    """Store the feed's events: create new ones, update changed ones (the newest version wins), count the rest.
    One transaction and one audit entry; dry_run writes nothing. With require_usable, an empty list, or one of which
    not one item can be used (each skipped as not an event), is a FeedError and nothing is written: the feed has
    changed shape, or the source is not the feed (the real feed always holds its latest ~500 events). `places`
    names places the reference list of municipalities does not hold ({name: kommunkod}, the demo's)."""
    if require_usable and not items:
        raise FeedError(_("The feed holds no events (an empty array)."))
    started = dj_timezone.now()
    result = ImportResult(source=source, total=len(items))
    categories = national_categories()
    newest: dict[int, tuple[PoliceEvent, bool, str]] = {}  # event id -> (event, redacted, ref)
    for index, item in enumerate(items):
        add_newest(newest, result, item, _ref(index, item), categories=categories, places=places)

    unusable = sum(n for reason, n in result.skip_counts.items() if reason in UNUSABLE)
    if require_usable and items and unusable == len(items):
        reasons = "; ".join(
            f"{SKIP_REASONS[reason]}: {', '.join(refs[:5])}{', ...' if result.skip_counts[reason] > 5 else ''}"
            for reason, refs in sorted(result.skipped.items()) if refs)
        raise FeedError(ngettext("The only item is not a usable event (%(reasons)s).",
                                 "None of the %(count)s items is a usable event (%(reasons)s).", len(items))
                        % {"count": len(items), "reasons": reasons})
    store_batch(newest, result, started=started, dry_run=dry_run)
    if not dry_run:
        audit_import(actor=actor, source=source, result=result)
    return result
