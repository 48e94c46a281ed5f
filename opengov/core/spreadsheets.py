"""Cells of the CSV and XLSX files the platform writes, safe to open in a spreadsheet.

Excel, LibreOffice and Google Sheets read a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula (CSV or formula injection): a citizen's
contribution ``=HYPERLINK("http://evil.example","x")`` would become a live link in the
spreadsheet of whoever opens the export. As OWASP advises, every writer of the platform
passes its cells through this module:

- in CSV, such a text is prefixed with a single quote (``'=HYPERLINK(…)``), which
  spreadsheets show as text, and every text cell is quoted, so that a separator inside a
  text never starts a new cell;
- in XLSX, it is a string cell, never a formula, marked as text typed after a quote (Excel's
  ``quotePrefix``): the reader sees the text unchanged, and editing the cell keeps it text.

Numbers, dates and other texts are written as they are.
"""

import csv

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

# What a spreadsheet takes for the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """``value`` as a CSV cell: a text that a spreadsheet would run gets a leading ``'``."""
    return f"'{value}" if starts_like_formula(value) else value


class _Writer:
    """``csv.writer`` whose rows go through ``csv_cell``."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)
        self.dialect = self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **kwargs):
    """A ``csv.writer`` for files people open in a spreadsheet: texts quoted, texts that
    start like a formula prefixed with ``'``; numbers stay bare."""
    kwargs.setdefault("quoting", csv.QUOTE_NONNUMERIC)
    return _Writer(stream, **kwargs)


def xlsx_cell(sheet, value):
    """``value`` for ``sheet.append``: a text that starts like a formula becomes a string
    cell with Excel's quote prefix (openpyxl would store "=…" as a formula), and characters
    that XML cannot hold are dropped from texts (openpyxl refuses them)."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not starts_like_formula(value):
        return value
    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet, values):
    """Append one row of ``values`` to an openpyxl ``sheet``, every cell made safe."""
    sheet.append([xlsx_cell(sheet, value) for value in values])
