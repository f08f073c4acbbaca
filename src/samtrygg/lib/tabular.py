"""Tabular files as a header and rows of text: CSV (any of the encodings and separators Swedish spreadsheet
programs write), XLSX and GeoJSON point collections.

Plain Python, no Django. Rows are streamed, never all held:

    table = read_table(open("handelser.csv", "rb"), "handelser.csv")
    table.header                  -> ["Id", "Kategori", "Tid", ...]
    for number, cells in table.rows:   # number: the row in the file, 1-based (the header is row 1)
        ...

For bulk work read_columns gives the same table in batches of columns (pyarrow string arrays) with their row
numbers; a regular CSV file is parsed by pyarrow's multi-threaded reader, anything else goes through the rows
above, so both agree on every row and its number.

Every cell is a str ("" for empty). XLSX dates become "YYYY-MM-DD HH:MM[:SS]", numbers their plain text with a
decimal point. A GeoJSON FeatureCollection of points becomes the columns "lon", "lat" and then every property.
Unreadable files raise TableError with a message meant for people.

Files are untrusted: the caps and checks of lib/safe_read apply (rows, columns, characters per cell, UTF-16 and
binary files, an XLSX's ZIP container checked before openpyxl opens it, JSON nesting), and a damaged workbook or
a GeoJSON value of the wrong type is a TableError naming the row, never another exception. Non-empty cells beyond
the header are not read; `Table.overflow` / `Columns.overflow` counts the rows that had them, for a warning.
"""

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from . import safe_read

CSV, XLSX, GEOJSON = "csv", "xlsx", "geojson"
SAMPLE_BYTES = 1 << 20
DELIMITERS = (";", ",", "\t")

csv.field_size_limit(safe_read.MAX_CELL_CHARS)


class TableError(ValueError):
    """The file cannot be read as a table (the message says why, in English; callers translate by `code`)."""

    def __init__(self, code: str, message: str, row: int | None = None):
        super().__init__(message)
        self.code = code
        self.row = row


@dataclass
class Overflow:
    """Rows with non-empty cells to the right of the header's last column (those cells are not read)."""

    rows: int = 0
    first: int = 0

    def note(self, number: int, cells: list[str], width: int) -> None:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            self.rows += 1
            self.first = self.first or number


@dataclass
class Table:
    format: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""
    overflow: Overflow = field(default_factory=Overflow)


def _unsafe(exc: safe_read.UnsafeInput) -> TableError:
    return TableError(exc.code, str(exc), row=exc.line)


def _check_header(header: list[str]) -> None:
    if len(header) > safe_read.MAX_COLUMNS:
        raise TableError("too_many_columns", f"The file has {len(header)} columns; at most "
                                             f"{safe_read.MAX_COLUMNS} are read.", row=1)
    for name in header:
        if len(name) > safe_read.MAX_CELL_CHARS:
            raise TableError("cell_too_long", "The first row holds a column name that is far too long.", row=1)


def _capped(table: Table) -> Table:
    """The table with the caps of safe_read applied to its header and, as they are read, its rows."""
    _check_header(table.header)

    source = table.rows

    def rows() -> Iterator[tuple[int, list[str]]]:
        width = len(table.header)
        try:
            for number, cells in safe_read.capped_rows(source):
                table.overflow.note(number, cells, width)
                yield number, cells
        except safe_read.UnsafeInput as exc:
            raise _unsafe(exc) from None

    table.rows = rows()
    return table


def detect_format(head: bytes, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or head.startswith(b"PK\x03\x04"):
        return XLSX
    if name.endswith((".geojson", ".json")) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return GEOJSON
    return CSV


def read_table(file: BinaryIO, filename: str = "") -> Table:
    """The table in a binary file object (format from the name, else from the content)."""
    head = file.read(SAMPLE_BYTES)
    if not head.strip():
        raise TableError("empty", "The file is empty.")
    kind = detect_format(head[:64], filename)
    if kind == XLSX:
        return _capped(_read_xlsx(head + _rest(file, len(head))))
    if kind == GEOJSON:
        return _capped(_read_geojson(head + _rest(file, len(head))))
    return _capped(_read_csv(file, head))


def _rest(file: BinaryIO, already: int) -> bytes:
    """The rest of a file read whole, within safe_read.MAX_TABLE_BYTES in all."""
    try:
        return safe_read.read_limited(file, safe_read.MAX_TABLE_BYTES - already)
    except safe_read.UnsafeInput as exc:
        raise TableError("too_large", f"The file is larger than {safe_read.MAX_TABLE_BYTES // 2**20} MB.") from exc


# --- CSV -------------------------------------------------------------------------------------------------------

def detect_encoding(sample: bytes) -> str:
    """utf-8-sig (with a byte-order mark), utf-8, or cp1252 (Swedish Excel's "CSV (semikolonavgränsad)")."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)  # a cut last character is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def detect_delimiter(first_line: str) -> str:
    """The separator used most often in the header line outside quotes (; before , before tab on ties)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def check_text(sample: bytes) -> None:
    """TableError ("utf16" or "binary") for a would-be CSV file that is no text in a supported encoding."""
    problem = safe_read.sniff_text(sample)
    if problem:
        raise TableError(problem, safe_read.encoding_message(problem))


def _read_csv(file: BinaryIO, head: bytes) -> Table:
    check_text(head)
    encoding = detect_encoding(head)
    stream = io.BufferedReader(_Prefixed(head, file), buffer_size=1 << 16)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise TableError("encoding", "The file's characters cannot be read (save it as UTF-8).") from exc
    delimiter = detect_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter), [])
    header = [h.strip() for h in header]
    if not any(header):
        raise TableError("no_header", "The first row holds no column names.")
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if cells and any(cells):
                    yield number, cells
        except UnicodeDecodeError as exc:
            raise TableError("encoding", f"Row {number + 1}: characters that cannot be read as {encoding}.",
                             row=number + 1) from exc
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise TableError("cell_too_long", f"Row {number + 1}: a cell holds more than "
                                                  f"{safe_read.MAX_CELL_CHARS} characters.", row=number + 1) from exc
            raise TableError("csv", f"Row {number + 1}: {exc}", row=number + 1) from exc

    return Table(CSV, header, rows(), encoding=encoding, delimiter=delimiter)


class _Prefixed(io.RawIOBase):
    """A raw stream of `head` followed by the rest of `file` (the part already read to sniff it)."""

    def __init__(self, head: bytes, file: BinaryIO):
        self._head = memoryview(head)
        self._file = file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


# --- XLSX ------------------------------------------------------------------------------------------------------

def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_workbook(data: bytes):
    """An openpyxl workbook (read-only, values only) of XLSX bytes whose ZIP container passed safe_read.check_zip;
    TableError when the file is none or is refused. The caller closes it (xlsx_rows does)."""
    try:
        safe_read.check_zip(data)
    except safe_read.UnsafeInput as exc:
        if exc.code == "not_zip":
            raise TableError("xlsx", "The file is not a readable Excel workbook (.xlsx).") from exc
        raise _unsafe(exc) from exc
    from openpyxl import load_workbook  # imported here: only XLSX files need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise ValueError("no worksheet")
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, ParseError, ...) for a bad file
        raise TableError("xlsx", "The file is not a readable Excel workbook (.xlsx).") from exc
    return workbook


def xlsx_rows(workbook) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, numbered from 1 (blank rows too), as cell texts without trailing empty cells. The
    sheet's declared dimensions are ignored (a forged one would pad every row); a sheet whose XML breaks off is a
    TableError naming the row; the workbook is closed at the end."""
    sheet = workbook.worksheets[0]
    number = 0
    try:
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):  # noqa: B007 - used below
            if number > safe_read.MAX_ROWS + 1:  # blank rows count too: a forged row number is a long gap
                raise TableError("too_many_rows", f"The sheet has more than {safe_read.MAX_ROWS} rows.", row=number)
            cells = [cell_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            yield number, cells
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet: broken XML, bad cell references, odd values
        raise TableError("xlsx_broken", f"Row {number + 1}: the sheet cannot be read from here on (the workbook "
                                        "is damaged).", row=number + 1) from exc
    finally:
        workbook.close()


def _read_xlsx(data: bytes) -> Table:
    workbook = open_workbook(data)
    values = xlsx_rows(workbook)
    try:
        header = next(values, (1, []))[1]
    except TableError:
        workbook.close()
        raise
    if not any(header):
        values.close()
        raise TableError("no_header", "The first row holds no column names.")
    table = Table(XLSX, header, iter(()))

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in values:
            if any(cells):
                yield number, cells

    table.rows = rows()
    return table


# --- GeoJSON ---------------------------------------------------------------------------------------------------

def _geojson_error(number: int, message: str) -> TableError:
    return TableError("geojson_feature", f"Feature {number - 1}: {message}", row=number)


def _point(number: int, geometry) -> tuple[str, str]:
    """(lon, lat) as cell texts of a feature's geometry: null or a Point of two numbers (a third, the height, is
    allowed); TableError otherwise."""
    if geometry is None:
        return "", ""
    if not isinstance(geometry, dict):
        raise _geojson_error(number, f"“geometry” must be an object, not {safe_read.json_type(geometry)}.")
    coords = geometry.get("coordinates")
    if geometry.get("type") != "Point" or not isinstance(coords, list):
        raise _geojson_error(number, "the geometry is not a point.")
    if not 2 <= len(coords) <= 3 or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords):
        raise _geojson_error(number, "the point's coordinates must be two numbers (longitude, latitude).")
    return cell_text(coords[0]), cell_text(coords[1])


def _read_geojson(data: bytes) -> Table:
    """Every feature is checked here, before the first row is read: an object, its properties an object of single
    values (text, numbers, true/false, null), its geometry null or a Point of numbers."""
    try:
        doc = safe_read.load_json(data)
    except safe_read.UnsafeInput as exc:
        if exc.code in ("utf16", "binary", "json_depth", "json_number"):
            raise _unsafe(exc) from None
        raise TableError("geojson", "The file is not valid GeoJSON (JSON in UTF-8).", row=exc.line) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise TableError("geojson", "The GeoJSON file is not a FeatureCollection.")
    features = doc["features"]
    if not features:
        raise TableError("no_rows", "The GeoJSON file holds no features.")
    if len(features) > safe_read.MAX_ROWS:
        raise TableError("too_many_rows", f"The file has more than {safe_read.MAX_ROWS} features.")
    keys: dict[str, None] = {}
    points = []
    for number, feature in enumerate(features, start=2):  # numbered as the rows of a table: feature 1 is row 2
        if not isinstance(feature, dict):
            raise _geojson_error(number, f"a feature must be an object, not {safe_read.json_type(feature)}.")
        properties = feature.get("properties")
        if properties is not None and not isinstance(properties, dict):
            raise _geojson_error(number, f"“properties” must be an object, not {safe_read.json_type(properties)}.")
        for key, value in (properties or {}).items():
            if isinstance(value, dict | list):
                raise _geojson_error(number, f"the property “{key[:60]}” must be a single value, not "
                                             f"{safe_read.json_type(value)}.")
            keys.setdefault(key, None)
        points.append(_point(number, feature.get("geometry")))
    header = ["lon", "lat", *(k for k in keys if k not in ("lon", "lat"))]

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, (feature, (lon, lat)) in enumerate(zip(features, points, strict=True), start=2):
            properties = feature.get("properties") or {}
            yield number, [lon, lat, *(cell_text(properties.get(k)) for k in header[2:])]

    return Table(GEOJSON, header, rows())


# --- columns, for bulk work -------------------------------------------------------------------------------------

BATCH_ROWS = 100_000


@dataclass
class Columns:
    """A table as batches of (row numbers, one pyarrow string array per header column); rows whose cells are all
    empty are left out (their numbers are skipped, as in Table.rows). `fast` says pyarrow parsed the file."""

    format: str
    header: list[str]
    batches: Iterator[tuple[np.ndarray, list[pa.Array]]]
    encoding: str = ""
    delimiter: str = ""
    fast: bool = False
    overflow: Overflow = field(default_factory=Overflow)


def read_columns(file: BinaryIO, filename: str = "", batch_rows: int = BATCH_ROWS) -> Columns:
    """The table in a binary file object as column batches (see Columns). Raises TableError as read_table."""
    head = file.read(SAMPLE_BYTES)
    if not head.strip():
        raise TableError("empty", "The file is empty.")
    data = head + _rest(file, len(head))
    if detect_format(head[:64], filename) == CSV:
        check_text(head)
        fast = _csv_columns(data, batch_rows)
        if fast is not None:
            return fast
    table = read_table(io.BytesIO(data), filename)
    return Columns(table.format, table.header, _batched(table, batch_rows), table.encoding, table.delimiter,
                   overflow=table.overflow)


def _batched(table: Table, batch_rows: int) -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
    width = len(table.header)
    numbers: list[int] = []
    rows: list[list[str]] = []

    def flush():
        columns = [pa.array([r[i] if i < len(r) else "" for r in rows], type=pa.string()) for i in range(width)]
        return np.asarray(numbers, dtype=np.int64), columns

    for number, cells in table.rows:
        numbers.append(number)
        rows.append(cells)
        if len(rows) >= batch_rows:
            yield flush()
            numbers, rows = [], []
    if rows:
        yield flush()


def _csv_columns(data: bytes, batch_rows: int) -> Columns | None:
    """A regular CSV file (every row as wide as the header, no blank line, readable in its encoding) parsed by
    pyarrow; None for anything else (the caller then reads it row by row, which reports what is wrong)."""
    encoding = detect_encoding(data[:SAMPLE_BYTES])
    try:
        text = data[: 1 << 16].decode(encoding, errors="replace")
    except LookupError:
        return None
    first = text.splitlines()[0] if text else ""
    delimiter = detect_delimiter(first)
    raw_header = next(csv.reader([first], delimiter=delimiter), [])
    header = [h.strip() for h in raw_header]
    if not any(header) or '"' in first or "\r" in first.rstrip("\r\n") or len(header) > safe_read.MAX_COLUMNS:
        return None  # quoted header names, odd line ends, too many columns: the row reader handles them
    irregular: list[int] = []

    def on_invalid(row) -> str:
        irregular.append(1)
        return "skip"

    names = [f"c{i}" for i in range(len(raw_header))]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(
                skip_rows=1, column_names=names, block_size=16 << 20,
                encoding="utf8" if encoding == "utf-8" else encoding,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeDecodeError, ValueError):
        return None
    if irregular:
        return None
    if table.num_rows > safe_read.MAX_ROWS:
        raise TableError("too_many_rows", f"The file has more than {safe_read.MAX_ROWS} rows; split it.",
                         row=safe_read.MAX_ROWS + 2)

    def batches() -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
        n = table.num_rows
        for start in range(0, n, batch_rows):
            part = table.slice(start, batch_rows)
            columns = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in part.columns]
            numbers = np.arange(start + 2, start + 2 + part.num_rows, dtype=np.int64)
            for column in columns:
                long = pc.greater(pc.utf8_length(column), safe_read.MAX_CELL_CHARS)
                if pc.any(long).as_py():
                    row = int(numbers[pc.index(long, True).as_py()])
                    raise TableError("cell_too_long", f"Row {row}: a cell holds more than "
                                                      f"{safe_read.MAX_CELL_CHARS} characters.", row=row)
            filled = None
            for column in columns:
                some = pc.greater(pc.utf8_length(column), 0)
                filled = some if filled is None else pc.or_(filled, some)
            keep = filled.to_numpy(zero_copy_only=False)
            if not keep.all():
                numbers = numbers[keep]
                columns = [c.filter(pa.array(keep)) for c in columns]
            yield numbers, columns

    return Columns(CSV, header, batches(), encoding=encoding, delimiter=delimiter, fast=True)
