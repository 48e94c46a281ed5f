"""Cells of the CSV and XLSX files the platform writes (``opengov.core.spreadsheets``)."""

import csv
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from opengov.core import spreadsheets

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1+1", "-2+3",
            "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_a_spreadsheet_would_run_gets_a_quote_in_csv(text):
    assert spreadsheets.csv_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Open data", "", " =1", "'quoted", "a=b", 42, -7, 1.5,
                                   date(2026, 11, 27), None, True])
def test_other_cells_are_written_as_they_are(value):
    assert spreadsheets.csv_cell(value) == value


def test_the_csv_writer_quotes_texts_and_leaves_numbers_bare():
    out = io.StringIO()
    writer = spreadsheets.csv_writer(out, lineterminator="\n")
    writer.writerow(["=1+1", "a;=2+2", 7, -7, 2.5])
    writer.writerows([["ok", ""]])
    assert out.getvalue() == '"\'=1+1","a;=2+2",7,-7,2.5\n"ok",""\n'
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["'=1+1", "a;=2+2", "7", "-7", "2.5"], ["ok", ""]]


def test_xlsx_cells_are_text_never_formulas_and_numbers_and_dates_stay():
    book = Workbook()
    sheet = book.active
    spreadsheets.append_row(sheet, [*FORMULAS, "plain", 3, -4, date(2026, 11, 27),
                                    "bell\x07 and escape\x1b"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())[0]
    values = [cell.value for cell in cells]
    assert values[:len(FORMULAS)] == FORMULAS  # the text as it was written
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells[:len(FORMULAS)])
    plain, three, minus_four, day, controls = cells[len(FORMULAS):]
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("plain", "s", False)
    assert (three.value, three.data_type, minus_four.value) == (3, "n", -4)
    assert day.is_date and day.value.date() == date(2026, 11, 27)
    assert controls.value == "bell and escape"  # characters XML cannot hold are dropped
