"""Reading untrusted files without crashing and within fixed bounds: the one place every importer (incidents, the
police feed, indicators, areas) takes its caps and its JSON, ZIP (XLSX) and text checks from.

Plain Python, no Django. Every refusal is an UnsafeInput with a `code` (callers translate by it) and an English
message meant for people:

    doc = load_json(data)                 # nesting, numbers, encoding checked; UnsafeInput otherwise
    check_zip(data)                       # before openpyxl sees an XLSX: members, sizes, ratio, then read capped
    problem = sniff_text(sample)          # "utf16", "binary" or None, for CSV files
    control_character("a\\x00b")          # "U+0000": a character no cell or name may hold
"""

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# --- the caps -------------------------------------------------------------------------------------------------------
# GeoJSON needs about 8 levels (collection > features > feature > geometry > coordinates > polygon > ring > point),
# Kolada's answers 5: 64 leaves room for any real file and refuses "[[[[..." long before Python's recursion limit.
MAX_JSON_DEPTH = 64
MAX_JSON_BYTES = 100 * 2**20  # a JSON file read from disk (the police feed and Kolada pages have their own, lower caps)
# Rows of a table (CSV, XLSX, GeoJSON points): twice the million the import benchmark reads; more than an Excel
# sheet can hold (1,048,576), so a forged XLSX row number cannot make the reader count up to a billion.
MAX_ROWS = 2_000_000
MAX_COLUMNS = 1_000  # columns of a table (the importers read about a dozen)
MAX_CELL_CHARS = 32_767  # characters in one cell: Excel's own limit
MAX_TABLE_BYTES = 2**30  # a table file read whole (the benchmark's million incidents are 134 MB)
MAX_AREA_FEATURES = 10_000  # areas in one GeoJSON file (all of Sweden's DeSO areas are about 6,000)
# A ZIP container (XLSX): at most this many members, this many bytes unpacked in all, and no member larger than
# ZIP_RATIO_GRACE_BYTES unpacked that is more than MAX_ZIP_RATIO times its packed size (Apache POI's rule; real
# workbooks pack 5-20 times). Only stored and deflated members, whose reader never unpacks more than asked for.
MAX_ZIP_MEMBERS = 1_000
MAX_UNZIPPED_BYTES = 256 * 2**20
MAX_ZIP_RATIO = 100
ZIP_RATIO_GRACE_BYTES = 2**20
READ_CHUNK = 1 << 20

# C0 and C1 control characters other than tab, line feed and carriage return: no text we store may hold them
# (PostgreSQL refuses NUL outright). The same pattern works for Python's re and for pyarrow's RE2.
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_CONTROL = re.compile(CONTROL_PATTERN)
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])


class UnsafeInput(ValueError):
    """Input refused before or while it is read. `code` says why (for translated messages), `line` where in a
    text file when known; str() is an English sentence."""

    def __init__(self, code: str, message: str, *, line: int | None = None, detail: str = ""):
        super().__init__(message)
        self.code = code
        self.line = line
        self.detail = detail or message


# --- files ----------------------------------------------------------------------------------------------------------

def read_limited(source: BinaryIO | Path | str, limit: int) -> bytes:
    """The bytes of a binary file object or a path, refused (code "too_large") past `limit` bytes."""
    if isinstance(source, str | Path):
        with Path(source).open("rb") as file:
            return read_limited(file, limit)
    data = source.read(limit + 1)
    if len(data) > limit:
        raise UnsafeInput("too_large", f"The file is larger than {limit // 2**20} MB.")
    return data


# --- text -----------------------------------------------------------------------------------------------------------

def sniff_text(sample: bytes) -> str | None:
    """What makes a sample of a would-be text file unreadable as UTF-8 or a Windows code page: "utf16" (UTF-16 or
    UTF-32, with or without a byte-order mark), "binary" (many control bytes: an image, a program, an old .xls),
    or None. A few control bytes in a text (a NUL in one cell) are left to the row checks, which name the row."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # also UTF-32 LE's mark
        return "utf16"
    if sample.startswith(b"\x00\x00\xfe\xff"):
        return "utf16"
    head = sample[:65536]
    if not head:
        return None
    nuls = head.count(0)
    if nuls * 4 >= len(head) and (head[0::2].count(0) * 3 >= len(head[0::2]) or head[1::2].count(0) * 3
                                  >= len(head[1::2])):
        return "utf16"  # ASCII letters of UTF-16 text: every other byte is zero
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= 16 and controls * 50 >= len(head):
        return "binary"
    return None


def encoding_message(code: str) -> str:
    return {
        "utf16": "The file is saved as UTF-16 (Unicode) text; save it as UTF-8 (in Excel: CSV UTF-8).",
        "binary": "The file is not text: it looks like a program, a picture or another binary file.",
    }[code]


def control_character(text: str) -> str | None:
    """"U+0000" for the first control character in `text` (see CONTROL_PATTERN), None when it has none."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def printable(text: str) -> str:
    """The text with every control character replaced by U+FFFD, for names taken from a request (a file name)."""
    return _CONTROL.sub("\ufffd", text)


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); UnsafeInput ("utf16", "binary", "encoding") naming the line of the
    first byte that is not UTF-8."""
    problem = sniff_text(data[:65536])
    if problem:
        raise UnsafeInput(problem, encoding_message(problem))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnsafeInput("encoding", f"Line {line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x}).",
                          line=line) from None


# --- JSON -----------------------------------------------------------------------------------------------------------

def _no_constant(name: str):
    raise ValueError(f"{name} is not a number in standard JSON")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:20]} is too large")
    return value


def load_json(data: bytes | str, *, max_depth: int | None = None):
    """The JSON document in `data` (UTF-8 bytes, or text), refused with UnsafeInput when it is not UTF-8 text
    ("utf16", "binary", "encoding"), not JSON ("json", with the line), nested deeper than max_depth ("json_depth"),
    or holds NaN, Infinity, 1e999 or a number too long to read ("json_number")."""
    max_depth = max_depth or MAX_JSON_DEPTH
    text = decode_utf8(data) if isinstance(data, bytes | bytearray) else data.removeprefix("\ufeff")
    if not text.strip():
        raise UnsafeInput("empty", "The file is empty.")
    try:
        doc = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise UnsafeInput("json", f"Line {exc.lineno}, column {exc.colno}: not JSON ({exc.msg}).",
                          line=exc.lineno, detail=f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise UnsafeInput("json_depth", f"The JSON is nested more than {max_depth} levels deep.") from None
    except ValueError as exc:  # NaN, Infinity, 1e999, or an integer of more than 4300 digits
        raise UnsafeInput("json_number", f"The JSON holds a number that cannot be read ({str(exc)[:80]}).") from None
    if json_depth(doc, max_depth) > max_depth:
        raise UnsafeInput("json_depth", f"The JSON is nested more than {max_depth} levels deep.")
    return doc


def json_type(value) -> str:
    """How a decoded JSON value is named in messages: "an object", "a list", "text", "a number", "true/false",
    "null"."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def json_depth(doc, stop: int = 2**31) -> int:
    """The nesting depth of a decoded document (a scalar is 0, [] is 1), counted without recursion; counting
    stops once it passes `stop`."""
    deepest = 0
    stack: list[tuple[object, int]] = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop:
                return deepest
            stack.extend((child, depth) for child in (node.values() if isinstance(node, dict) else node)
                         if isinstance(child, dict | list))
    return deepest


# --- ZIP (XLSX) -----------------------------------------------------------------------------------------------------

def check_zip(data: bytes, *, max_members: int | None = None, max_bytes: int | None = None,
              max_ratio: int | None = None) -> None:
    """Refuse a ZIP container before a parser opens it: not a ZIP ("not_zip"), encrypted or packed with a method
    other than stored/deflated ("zip_method"), too many members or too many bytes unpacked, or a member packed far
    more tightly than real files are ("zip_bomb") — all from the sizes the archive declares. Then every member is
    unpacked once, in chunks, counting the bytes actually produced against the same cap and checking each
    member's CRC ("zip_broken"), so an archive whose declared sizes lie is refused too, within max_bytes of work
    and a chunk of memory. The caps default to the module's constants."""
    max_members = max_members or MAX_ZIP_MEMBERS
    max_bytes = max_bytes or MAX_UNZIPPED_BYTES
    max_ratio = max_ratio or MAX_ZIP_RATIO
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, IndexError) as exc:
        raise UnsafeInput("not_zip", "The file is not a ZIP container (an .xlsx workbook is one).") from exc
    if len(members) > max_members:
        raise UnsafeInput("zip_bomb", f"The workbook holds {len(members)} parts; at most {max_members} are read.")
    total = 0
    for info in members:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeInput("zip_method", "The workbook is encrypted or packed in an unusual way; save it again "
                                            "as an ordinary Excel workbook (.xlsx).")
        total += info.file_size
        if total > max_bytes:
            raise UnsafeInput("zip_bomb", f"The workbook unpacks to more than {max_bytes // 2**20} MB; "
                                          "at most that much is read.")
        if info.file_size > ZIP_RATIO_GRACE_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
            raise UnsafeInput("zip_bomb", f"A part of the workbook ({info.filename[:60]}) unpacks to more than "
                                          f"{max_ratio} times its size; such files are refused (a ZIP bomb?).")
    produced = 0
    try:
        for info in members:
            with archive.open(info) as member:
                for chunk in iter(lambda m=member: m.read(READ_CHUNK), b""):
                    produced += len(chunk)
                    if produced > max_bytes:
                        raise UnsafeInput("zip_bomb", f"The workbook unpacks to more than {max_bytes // 2**20} MB.")
    except UnsafeInput:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise UnsafeInput("zip_broken", "The workbook is damaged (a part cannot be unpacked).") from exc
    finally:
        archive.close()


# --- tables -----------------------------------------------------------------------------------------------------------

def capped_rows(rows: Iterator[tuple[int, list[str]]], *, max_rows: int | None = None,
                max_columns: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """The numbered rows of a table, refused ("too_many_rows", "too_many_columns", "cell_too_long") at the first
    that passes a cap (the module's constants unless given); row numbers count every line, blank ones too."""
    max_rows = max_rows or MAX_ROWS
    max_columns = max_columns or MAX_COLUMNS
    for number, cells in rows:
        if number > max_rows + 1:
            raise UnsafeInput("too_many_rows", f"The file has more than {max_rows} rows; split it.", line=number)
        if len(cells) > max_columns and any(cells[max_columns:]):
            raise UnsafeInput("too_many_columns", f"Row {number} has more than {max_columns} cells.", line=number)
        for cell in cells:
            if len(cell) > MAX_CELL_CHARS:
                raise UnsafeInput("cell_too_long", f"Row {number}: a cell holds more than {MAX_CELL_CHARS} "
                                                   "characters.", line=number)
        yield number, cells
