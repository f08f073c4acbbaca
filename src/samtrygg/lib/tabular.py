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
"""

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

CSV, XLSX, GEOJSON = "csv", "xlsx", "geojson"
SAMPLE_BYTES = 1 << 20
DELIMITERS = (";", ",", "\t")

csv.field_size_limit(1 << 24)


class TableError(ValueError):
    """The file cannot be read as a table (the message says why, in English; callers translate by `code`)."""

    def __init__(self, code: str, message: str, row: int | None = None):
        super().__init__(message)
        self.code = code
        self.row = row


@dataclass
class Table:
    format: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str = ""
    delimiter: str = ""


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
        return _read_xlsx(head + file.read())
    if kind == GEOJSON:
        return _read_geojson(head + file.read())
    return _read_csv(file, head)


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


def _read_csv(file: BinaryIO, head: bytes) -> Table:
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


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: only XLSX files need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError("xlsx", "The file is not a readable Excel workbook (.xlsx).") from exc
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [cell_text(v) for v in next(values, ())]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        workbook.close()
        raise TableError("no_header", "The first row holds no column names.")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(values, start=2):
                cells = [cell_text(v) for v in row]
                if any(cells):
                    yield number, cells
        finally:
            workbook.close()

    return Table(XLSX, header, rows())


# --- GeoJSON ---------------------------------------------------------------------------------------------------

def _read_geojson(data: bytes) -> Table:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TableError("geojson", "The file is not valid GeoJSON (JSON in UTF-8).") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise TableError("geojson", "The GeoJSON file is not a FeatureCollection.")
    features = doc["features"]
    keys: dict[str, None] = {}
    for feature in features:
        for key in (feature.get("properties") or {}) if isinstance(feature, dict) else ():
            keys.setdefault(str(key), None)
    header = ["lon", "lat", *(k for k in keys if k not in ("lon", "lat"))]

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, feature in enumerate(features, start=2):  # numbered as the rows of a table: feature 1 is row 2
            geometry = feature.get("geometry") if isinstance(feature, dict) else None
            properties = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
            lon = lat = ""
            if geometry:
                coords = geometry.get("coordinates")
                if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
                    raise TableError("geojson", f"Feature {number - 1} is not a point.", row=number)
                lon, lat = cell_text(coords[0]), cell_text(coords[1])
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


def read_columns(file: BinaryIO, filename: str = "", batch_rows: int = BATCH_ROWS) -> Columns:
    """The table in a binary file object as column batches (see Columns). Raises TableError as read_table."""
    head = file.read(SAMPLE_BYTES)
    if not head.strip():
        raise TableError("empty", "The file is empty.")
    if detect_format(head[:64], filename) == CSV:
        data = head + file.read()
        fast = _csv_columns(data, batch_rows)
        if fast is not None:
            return fast
        file = io.BytesIO(data)
    else:
        file = io.BytesIO(head + file.read())
    table = read_table(file, filename)
    return Columns(table.format, table.header, _batched(table, batch_rows), table.encoding, table.delimiter)


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
    if not any(header) or '"' in first or "\r" in first.rstrip("\r\n"):
        return None  # quoted header names or odd line ends: the row reader handles them
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

    def batches() -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
        n = table.num_rows
        for start in range(0, n, batch_rows):
            part = table.slice(start, batch_rows)
            columns = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in part.columns]
            numbers = np.arange(start + 2, start + 2 + part.num_rows, dtype=np.int64)
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
