"""CSV files for spreadsheet programs, safely: no cell is read as a formula, and Swedish Excel opens the file
as it is (UTF-8 with a byte-order mark, semicolons, CRLF line ends).

Plain Python, no Django, so every export (the audit log today, incidents later) writes its files the same
way. In a view:

    def download(entries):
        rows = ([e.at, e.name, e.note] for e in entries)
        return StreamingHttpResponse(csv_bytes(["tid", "namn", "anteckning"], rows), content_type="text/csv")
"""

import csv
import io
from collections.abc import Iterable, Iterator

BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"

# A cell beginning with one of these is read as a formula (or as the start of one) by Excel, LibreOffice
# Calc and Google Sheets. OWASP "CSV Injection": prefix such a cell with an apostrophe, which every one of
# them shows as text and does not evaluate.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The value as cell text that a spreadsheet will not evaluate. None becomes an empty cell."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_writer(stream):
    """A csv.writer for Swedish Excel on a text stream: semicolons, CRLF, fields quoted only where needed.
    The caller writes BOM first at the start of a file, and passes every cell through safe_cell (write_row)."""
    return csv.writer(stream, delimiter=DELIMITER, lineterminator=LINE_END)


def write_row(writer, row: Iterable) -> None:
    """One row, every cell made safe."""
    writer.writerow([safe_cell(value) for value in row])


def csv_lines(header: Iterable, rows: Iterable[Iterable], *, chunk_chars: int = 64 * 1024) -> Iterator[str]:
    """The whole file as text, produced lazily for a streaming response: the BOM and the header line first, then
    the rows in chunks of about chunk_chars characters. Every cell goes through safe_cell, the header's too."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    write_row(writer, header)
    yield BOM + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        write_row(writer, row)
        if buffer.tell() >= chunk_chars:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def csv_bytes(header: Iterable, rows: Iterable[Iterable], *, encoding: str = "utf-8") -> Iterator[bytes]:
    """csv_lines, encoded (UTF-8 by default, the BOM included)."""
    for chunk in csv_lines(header, rows):
        yield chunk.encode(encoding)
