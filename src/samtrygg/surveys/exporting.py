"""The results as an XLSX workbook (openpyxl): one sheet with the tables one below the other, each under its
heading, numbers as numbers (percentages as whole numbers, as in the kartläggning's tables)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from samtrygg.lib.spreadsheet import safe_cell

from .tables import Block


def _text(value):
    return safe_cell(value) if isinstance(value, str) else value


def results_xlsx(title: str, blocks: list[Block]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Resultat"
    sheet.append([_text(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for block in blocks:
        sheet.append([])
        sheet.append([_text(block.heading)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append([_text(c) for c in block.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in block.rows:
            sheet.append([_text(v) for v in row])
    sheet.column_dimensions["A"].width = 70
    for letter in "BCDEFG":
        sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
