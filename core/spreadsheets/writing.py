"""Streaming, formula-safe spreadsheet writers: xlsx, xls and csv.

django-import-export builds a whole ``tablib.Dataset`` and a normal openpyxl workbook
in memory before the first byte leaves; these writers take the rows one
at a time, straight from the queryset in chunks, and write them to a file-like object:

- xlsx through XlsxWriter in ``constant_memory`` mode (each row goes to a temporary
  file as it comes; it is also several times faster than openpyxl's write-only mode);
- csv as UTF-8 with a BOM, so that Excel opens it with the right accents;
- xls (xlwt) for small exports only, since the format stops at 65,536 rows.

No text a clerk typed may run as a formula (README, "Spreadsheets"): text starting with one of
``FORMULA_TRIGGERS`` is written as a text cell with the quote-prefix mark in xlsx and
with a leading apostrophe in csv (the import strips it again). Numbers and dates stay
real numbers and dates.
"""

import csv
import datetime
import io
import tempfile
from decimal import Decimal

import xlsxwriter
import xlwt
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# One declaration of what a spreadsheet runs as a formula, shared with the import
# widgets that strip the csv mark again.
from .exporting import value_rows
from .widgets import FORMULA_STARTS as FORMULA_TRIGGERS

# The csv escape: Excel hides a leading apostrophe and shows the rest as text.
CSV_TEXT_MARK = "'"

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"

XLS_MAX_ROWS = 65_536
# Rows read (and their related lists prefetched) per round trip of an export.
EXPORT_CHUNK_SIZE = 2_000
# Column widths are guessed from the header and the first rows only, so that the
# writer never has to hold the whole export to lay it out.
WIDTH_SAMPLE_ROWS = 100
MIN_COLUMN_WIDTH = 10
MAX_COLUMN_WIDTH = 60


class ExportTooLarge(Exception):
    """The rows do not fit in the chosen format (xls stops at 65,536 rows)."""


def is_formula_like(text):
    """Whether a spreadsheet would run this text as a formula if typed into a cell."""
    return isinstance(text, str) and text.startswith(FORMULA_TRIGGERS)


def resource_rows(resource, queryset=None, export_fields=None):
    """The header row, then one list of native values per object, chunk by chunk.

    The same steps as ``Resource.export()`` (``filter_export`` prepares the queryset,
    ``export_resource`` gives a row) without building a ``Dataset``: values come as real
    dates, numbers and labels (``force_native_type``) for the writers to type.
    """
    if queryset is None:
        queryset = resource.get_queryset()
    resource.before_export(queryset, export_fields=export_fields)
    queryset = resource.filter_export(queryset, export_fields=export_fields)
    yield resource.get_export_headers(selected_fields=export_fields)
    if isinstance(queryset, QuerySet) and hasattr(resource, "export_values_plan"):
        yield from value_rows(resource, queryset, export_fields)
        return
    if isinstance(queryset, QuerySet):
        # One cursor read chunk by chunk, each chunk's prefetches in one query per
        # relation (Django 4.1+), rather than django-import-export's OFFSET pages, which
        # re-sort the whole table for every page: quadratic on a national register.
        queryset = queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)
    for instance in queryset:
        yield resource.export_resource(
            instance, selected_fields=export_fields, force_native_type=True
        )


def native_value(value):
    """A value as a spreadsheet cell holds it: None, bool, number, date or text."""
    if type(value) is str and value.isprintable():
        return value  # no control character to remove: the common cell, first
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, Promise):
        value = str(value)
    # Control characters are not allowed in an xlsx file; a legacy import may have
    # brought some (a vertical tab pasted from Word).
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def sheet_title(title):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    title = str(title)
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    return title[:31]


def is_whole(number):
    """Whether a Decimal or float has no fraction (money is shown without cents then)."""
    try:
        return number == int(number)
    except (ValueError, OverflowError):
        return False


def number_format(number):
    return INTEGER_FORMAT if is_whole(number) else DECIMAL_FORMAT


def _text_length(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return len(f"{value:,.0f}") + 3
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(header, sample_rows):
    """Widths that fit the header and the sampled values, within sensible bounds."""
    widths = [_text_length(title) + 2 for title in header]
    for row in sample_rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _text_length(value) + 2)
    return [min(max(width, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH) for width in widths]


def _sampled(rows, native=True):
    """Split rows into (header, the first rows buffered, the whole data iterator).

    The data rows after the sample go through ``native_value`` unless ``native`` is
    false (the writer then does it cell by cell itself)."""
    rows = iter(rows)
    header = [native_value(title) for title in next(rows)]
    sample = []
    for row in rows:
        sample.append([native_value(value) for value in row])
        if len(sample) >= WIDTH_SAMPLE_ROWS:
            break

    def data():
        yield from sample
        if not native:
            yield from rows
            return
        for row in rows:
            yield [native_value(value) for value in row]

    return header, sample, data()


class XlsxWriter:
    """xlsx through XlsxWriter in ``constant_memory`` mode: each row is flushed to a
    temporary file as soon as the next one starts, so memory stays flat however many
    rows come, and no cell is ever written as a formula (only ``write_string``,
    ``write_number``, ``write_datetime`` and ``write_boolean`` are used)."""

    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def __init__(self, title=None):
        self.title = title

    def write(self, rows, stream):
        header, sample, data = _sampled(rows, native=False)
        workbook = xlsxwriter.Workbook(
            stream, {"constant_memory": True, "tmpdir": tempfile.gettempdir()}
        )
        formats = _XlsxFormats(workbook)
        sheet = workbook.add_worksheet(sheet_title(self.title or _("Data")))
        sheet.freeze_panes(1, 0)
        for index, width in enumerate(column_widths(header, sample)):
            sheet.set_column(index, index, width)
        for column, title in enumerate(header):
            write_cell(sheet, formats, 0, column, title, header=True)
        write_string, text = sheet.write_string, formats.text
        for row_index, row in enumerate(data, start=1):
            for column, value in enumerate(row):
                if type(value) is str and value.isprintable():
                    # Most cells: text with no control character, a carriage return
                    # or a tab, written as write_cell() would, without its checks.
                    style = text if value.startswith(FORMULA_TRIGGERS) else None
                    write_string(row_index, column, value, style)
                elif value is not None:
                    value = native_value(value)
                    if value is not None:
                        write_cell(sheet, formats, row_index, column, value)
        workbook.close()


class _XlsxFormats:
    """The few cell formats of an export, created once per workbook."""

    def __init__(self, workbook):
        header = {"bold": True, "bg_color": "#DDEBF7", "pattern": 1}
        self.header = workbook.add_format(header)
        self.header_text = workbook.add_format({**header, "quote_prefix": True})
        self.text = workbook.add_format({"quote_prefix": True})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.datetime = workbook.add_format({"num_format": DATETIME_FORMAT})
        self.integer = workbook.add_format({"num_format": INTEGER_FORMAT})
        self.decimal = workbook.add_format({"num_format": DECIMAL_FORMAT})


def write_cell(sheet, formats, row, column, value, header=False):
    """One typed cell; formula-like text stays text with the quote-prefix mark."""
    if isinstance(value, str):
        if is_formula_like(value):
            style = formats.header_text if header else formats.text
        else:
            style = formats.header if header else None
        # XlsxWriter would keep a carriage return as "_x000D_"; an XML reader turned
        # it into a line feed with the former writer, and the import compares line
        # ends normalised, so a round trip still changes nothing.
        sheet.write_string(row, column, _line_feeds(value), style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, datetime.datetime):
        sheet.write_datetime(row, column, value, formats.datetime)
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, column, value, formats.date)
    elif isinstance(value, int):
        sheet.write_number(row, column, value)
    else:  # Decimal or float
        style = formats.integer if is_whole(value) else formats.decimal
        sheet.write_number(row, column, float(value), style)


def _line_feeds(text):
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class CsvWriter:
    """csv in UTF-8 with a BOM (Excel then reads the accents right), row by row."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def __init__(self, delimiter=","):
        self.delimiter = delimiter

    def iter_bytes(self, rows):
        """The file as a stream of byte chunks: the BOM, then one chunk per row."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        yield "\ufeff".encode()
        for row in rows:
            writer.writerow([self.text(native_value(value)) for value in row])
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()

    def write(self, rows, stream):
        for chunk in self.iter_bytes(rows):
            stream.write(chunk)

    @staticmethod
    def text(value):
        """A cell as csv text that no spreadsheet runs as a formula."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, Decimal | float):
            # Plain digits, no thousands separator: "1500000" reads the same in every
            # locale, where "1,500,000.00" or "1.500.000,00" would not.
            return str(int(value)) if is_whole(value) else format(Decimal(value), "f")
        if isinstance(value, datetime.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, int):
            return str(value)
        if is_formula_like(value):
            return CSV_TEXT_MARK + value
        return value


class XlsWriter:
    """Legacy xls (Excel 97–2003) for small exports; refuses what does not fit."""

    extension = "xls"
    content_type = "application/vnd.ms-excel"

    def __init__(self, title=None):
        self.title = title

    def write(self, rows, stream):
        workbook = xlwt.Workbook(encoding="utf-8")
        sheet = workbook.add_sheet(sheet_title(self.title or _("Data")))
        sheet.set_panes_frozen(True)
        sheet.set_horz_split_pos(1)
        header, sample, data = _sampled(rows)
        header_style = xlwt.easyxf("font: bold on")
        styles = {
            pattern: xlwt.easyxf(num_format_str=pattern)
            for pattern in (DATETIME_FORMAT, DATE_FORMAT, INTEGER_FORMAT, DECIMAL_FORMAT)
        }
        for index, width in enumerate(column_widths(header, sample)):
            sheet.col(index).width = 256 * width
            sheet.write(0, index, header[index], header_style)
        for row_index, row in enumerate(data, start=1):
            if row_index >= XLS_MAX_ROWS:
                raise ExportTooLarge(
                    _(
                        "The xls format holds at most %(limit)d rows; choose xlsx or csv "
                        "for this export."
                    )
                    % {"limit": XLS_MAX_ROWS - 1}
                )
            for index, value in enumerate(row):
                # xlwt writes every str as a plain text cell, never as a formula.
                pattern = _xls_format(value)
                if pattern is None:
                    sheet.write(row_index, index, value)
                else:
                    sheet.write(row_index, index, value, styles[pattern])
        workbook.save(stream)


def _xls_format(value):
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return number_format(value)
    return None


WRITERS = {writer.extension: writer for writer in (XlsxWriter, XlsWriter, CsvWriter)}


def get_writer(format_name, **options):
    """The writer for "xlsx", "xls" or "csv" (any case); ValueError for anything else."""
    try:
        writer_class = WRITERS[str(format_name).strip().lower().lstrip(".")]
    except KeyError:
        raise ValueError(
            _("Unknown format “%(format)s”; choose one of: %(formats)s.")
            % {"format": format_name, "formats": ", ".join(WRITERS)}
        ) from None
    if writer_class is CsvWriter:
        options.pop("title", None)
    return writer_class(**options)
