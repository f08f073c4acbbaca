"""An archive of the police's events feed: the feed's history, of any size, imported with constant memory.

The live feed (police.py) holds only the latest ~500 events and is read whole, at most 20 MB. An archive (tens of
thousands of events, tens or hundreds of MB, kept by someone who fetched the feed over time) is streamed instead:
- a JSON array of the feed's events, as the police's API returns it, read item by item with ijson; or
- JSON lines: one event object per line (blank lines ignored), each line read as its own JSON document by
  lib/safe_read (UTF-8, nesting and numbers checked) and at most MAX_RECORD_BYTES long;
- either of them compressed with gzip (".gz", recognised by its first bytes, not its name);
- or an Apache Parquet file (as the public archives publish the feed's history, e.g. events.parquet of
  polisen-se-events-history), read a row group at a time and only the columns an event needs.
Records in the feed's own form ({"id", "datetime", "name", "summary", "url", "type", "location": {"name", "gps"}})
or flattened as such archives write them ("event_id", "location_name", "latitude", "longitude"; a timestamp
column as well as the feed's text) are read alike (as_feed_item).
Items go through the live feed's checks (police.event_from_item: id, time, type, name, control characters,
identity numbers, place codes) and are stored BATCH events at a time (police.store_batch), so memory does not grow
with the file: only the counts and the first few item references per reason are kept. The whole archive is one
transaction with one audit entry: a file that breaks off or stops being JSON halfway writes nothing.

Importing the same archive again creates and changes nothing (every event is matched by its id and unchanged
rows are not written); a changed event (its summary rewritten, say) is updated, the newer version winning.
"""

import gzip
import io
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import ijson
import pyarrow as pa
import pyarrow.parquet as pq
from django.db import transaction
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _

from samtrygg.lib import safe_read

from .models import PoliceEvent
from .police import (
    FeedError,
    ImportResult,
    _ref,
    _unreadable,
    add_newest,
    audit_import,
    national_categories,
    store_batch,
)

BATCH = 2_000  # events checked and stored at a time
MAX_RECORD_BYTES = 2**20  # one line of JSON lines; a real event is about 1 KB
GZIP_MAGIC = b"\x1f\x8b"
PARQUET_MAGIC = b"PAR1"
PARQUET_COLUMNS = ("id", "event_id", "datetime", "name", "summary", "url", "type", "location", "location_name",
                   "gps", "latitude", "longitude")  # the rest (an archive's HTML bodies, say) is never read
PEEK = 65536  # bytes looked at before reading: gzip or not, array or lines, text or not


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, so everything it wrote is rolled back."""


def open_archive(source: str | Path | BinaryIO) -> BinaryIO:
    """The archive's bytes as a stream, gunzipped when it is gzip. FeedError when it cannot be opened."""
    try:
        if isinstance(source, str | Path):
            stream = Path(source).open("rb", buffering=PEEK)  # noqa: SIM115 - returned, closed by the caller
        else:
            stream = io.BufferedReader(source, buffer_size=PEEK)  # type: ignore[arg-type]
        if stream.peek(2)[:2] == GZIP_MAGIC:
            stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"), buffer_size=PEEK)  # type: ignore
    except OSError as exc:
        raise FeedError(_("Cannot read %(source)s: %(reason)s")
                        % {"source": source, "reason": exc.strerror or exc}) from None
    return stream


def _first_byte(stream: BinaryIO) -> bytes:
    """The first byte that is not white space or a byte-order mark, left unread; b"" for an empty stream."""
    try:
        head = stream.peek(PEEK)[:PEEK]  # type: ignore[attr-defined]
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FeedError(_("The file cannot be unpacked as gzip: %(reason)s") % {"reason": exc}) from None
    problem = safe_read.sniff_text(head)
    if problem:
        raise FeedError(_unreadable(safe_read.UnsafeInput(problem, "")))
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text and len(head) == PEEK:
        raise FeedError(_("The archive starts with more than 64 KB of blank space."))
    return text[:1]


def archive_items(stream: BinaryIO) -> Iterator[tuple[str, object]]:
    """(ref, item) for every item of the archive, a JSON array or JSON lines; an item that cannot be read as JSON
    is yielded as a _Bad(reason). FeedError when the archive as a whole is neither."""
    try:
        if stream.peek(4)[:4] == PARQUET_MAGIC:  # type: ignore[attr-defined]
            yield from _parquet_items(stream)
            return
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FeedError(_("The file cannot be unpacked as gzip: %(reason)s") % {"reason": exc}) from None
    first = _first_byte(stream)
    if not first:
        raise FeedError(_("The data is empty."))
    if first == b"[":
        yield from _array_items(stream)
    elif first == b"{":
        yield from _json_lines(stream)
    elif first == b"<":
        raise FeedError(_("The data is an HTML or XML page, not the JSON feed (wrong URL, or an error page?)."))
    else:
        raise FeedError(_("An archive must be a JSON array of events or JSON lines (one event object per line)."))


def as_feed_item(item):
    """A record in the feed's own form: a flattened archive's "event_id", "location_name" and "latitude"/
    "longitude" (or "gps") become "id" and "location", and a timestamp its text; anything else as it is."""
    if not isinstance(item, dict):
        return item
    if "id" not in item and "event_id" in item:
        item = {**item, "id": item["event_id"]}
    if not isinstance(item.get("location"), dict) and any(k in item for k in ("location_name", "latitude", "gps")):
        lat, lon = item.get("latitude"), item.get("longitude")
        gps = item.get("gps") or (f"{lat},{lon}" if lat is not None and lon is not None else None)
        item = {**item, "location": {"name": item.get("location_name") or item.get("location"), "gps": gps}}
    when = item.get("datetime")
    if isinstance(when, datetime):  # a Parquet timestamp; without a zone it is Swedish time, as the feed's text
        item = {**item, "datetime": when.isoformat()}
    return item


def _parquet_items(stream: BinaryIO) -> Iterator[tuple[str, object]]:
    try:
        parquet = pq.ParquetFile(stream)
        columns = [name for name in parquet.schema_arrow.names if name in PARQUET_COLUMNS]
        index = 0
        for group in range(parquet.num_row_groups):
            for row in parquet.read_row_group(group, columns=columns).to_pylist():
                yield _ref(index, as_feed_item(row)), row
                index += 1
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise FeedError(_("The Parquet file cannot be read (%(reason)s): nothing is imported.")
                        % {"reason": str(exc)[:200]}) from None


class _Bad:
    def __init__(self, reason: str):
        self.reason = reason


def _array_items(stream: BinaryIO) -> Iterator[tuple[str, object]]:
    index = -1
    try:
        for index, item in enumerate(ijson.items(stream, "item", use_float=True)):
            if safe_read.json_depth(item, safe_read.MAX_JSON_DEPTH) > safe_read.MAX_JSON_DEPTH:
                yield f"#{index + 1}", _Bad("too_deep")
            else:
                yield _ref(index, item), item
    except ijson.JSONError as exc:
        raise FeedError(_("The archive stops being JSON after item %(count)s (%(reason)s): nothing is imported.")
                        % {"count": index + 1, "reason": str(exc)[:200]}) from None
    except (OSError, EOFError) as exc:  # a truncated or corrupt gzip file
        raise FeedError(_("The file cannot be unpacked as gzip: %(reason)s") % {"reason": exc}) from None


def _json_lines(stream: BinaryIO) -> Iterator[tuple[str, object]]:
    number = 0
    try:
        while line := stream.readline(MAX_RECORD_BYTES + 1):
            number += 1
            ref = _("line %(line)s") % {"line": number}
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                while (rest := stream.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                    pass  # the rest of an overlong line, read and dropped in pieces
                yield ref, _Bad("too_large")
                continue
            if not line.strip():
                continue
            try:
                item = safe_read.load_json(line)
            except safe_read.UnsafeInput as exc:
                yield ref, _Bad("too_deep" if exc.code == "json_depth" else "not_json")
                continue
            event_id = item.get("id") if isinstance(item, dict) else None
            shown = str(event_id)[:20] if isinstance(event_id, int | str) and not isinstance(event_id, bool) else ""
            yield (f"{ref} (id {shown})" if shown.strip() else ref), item
    except (OSError, EOFError) as exc:
        raise FeedError(_("The file cannot be unpacked as gzip: %(reason)s") % {"reason": exc}) from None


def police_archive_import(*, actor=None, source: str | Path | BinaryIO, name: str = "", dry_run: bool = False,
                          places: Mapping[str, str] | None = None, batch: int = BATCH) -> ImportResult:
    """Import an archive of the feed (a path or a binary file object; see the module's docstring): all or
    nothing, one audit entry. A dry run does the whole import and rolls it back, so its counts are exact.
    FeedError when the archive cannot be read or holds no usable event; nothing is written then."""
    name = name or str(source)
    stream = open_archive(source)
    result = ImportResult(source=name)
    try:
        with stream, transaction.atomic():
            _import(stream, result, places=places, batch=batch)
            usable = result.created + result.updated + result.unchanged
            if not usable and not result.skip_counts.get("older_than_stored") \
                    and not result.skip_counts.get("older_duplicate"):
                raise FeedError(_("The archive holds no usable event (%(total)s items read).")
                                % {"total": result.total})
            audit_import(actor=actor, source=name, result=result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _import(stream: BinaryIO, result: ImportResult, *, places, batch: int) -> None:
    started = dj_timezone.now()
    categories = national_categories()
    newest: dict[int, tuple[PoliceEvent, bool, str]] = {}
    for ref, item in archive_items(stream):
        result.total += 1
        if isinstance(item, _Bad):
            result.skip(item.reason, ref)
        else:
            add_newest(newest, result, as_feed_item(item), ref, categories=categories, places=places)
        if len(newest) >= batch:
            store_batch(newest, result, started=started)
            newest.clear()
    store_batch(newest, result, started=started)
