"""Opening an uploaded spreadsheet safely, before any row is imported.

A file that is not what it claims, is damaged, or is built to exhaust the server (a zip
bomb, a sheet that lies about its size, XML entity tricks, millions of rows) is refused
quickly with a message for the clerk, in bounded memory. The limits are settings:
``SPREADSHEET_MAX_UPLOAD_MB``, ``SPREADSHEET_MAX_UNPACKED_MB``, ``SPREADSHEET_MAX_ROWS``.

What comes out is a ``tablib.Dataset`` whose first row was the header (spreadsheet row
1) and whose rows keep their place: an empty row in the middle stays (so row numbers
match what the clerk sees in Excel), trailing empty rows are dropped, short rows are
padded. Checking the headers against a resource is the resource's job.

The admin keeps an upload between its preview and its confirmation as that table
(``kept_table``), not as the file: the file is read once, and the confirmation imports
exactly the cells the preview showed.
"""

import csv
import datetime
import io
import json
import logging
import zipfile
from decimal import Decimal

import tablib
from defusedxml import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl.utils import get_column_letter

from core.spreadsheets.widgets import cell_text, is_blank

logger = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KINDS = ("xlsx", "xls", "csv")
# No workbook of this register has anywhere near this many parts or columns.
MAX_ZIP_MEMBERS = 1000
MAX_COLUMNS = 200
MB = 1024 * 1024


class SpreadsheetError(Exception):
    """A file refused as a whole; the message says why, for the clerk."""


def max_upload_bytes():
    return settings.SPREADSHEET_MAX_UPLOAD_MB * MB


def too_large_message():
    return _("The file is larger than the limit of %(limit)d MB.") % {
        "limit": settings.SPREADSHEET_MAX_UPLOAD_MB
    }


def read_dataset(data, kind):
    """The first sheet of ``data`` (bytes) as a Dataset; ``kind`` is what the file claims
    to be: ``xlsx``, ``xls`` or ``csv``. Raises SpreadsheetError."""
    if len(data) > max_upload_bytes():
        raise SpreadsheetError(too_large_message())
    kind = _actual_kind(data, kind)
    rows = {"xlsx": _xlsx_rows, "xls": _xls_rows, "csv": _csv_rows}[kind](data)
    header, table = _table(rows)
    dataset = tablib.Dataset(headers=header)
    for values in table:
        dataset.append(values)
    return dataset


def _actual_kind(data, claimed):
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if data.startswith(XLS_MAGIC):
        return "xls"
    if claimed in ("xlsx", "xls"):
        raise SpreadsheetError(
            _("This file is not an Excel workbook (.%(kind)s). Save it from Excel and try again.")
            % {"kind": claimed}
        )
    return "csv"


def _damaged(kind):
    return SpreadsheetError(
        _("This file cannot be read as .%(kind)s: it is damaged, incomplete or not a spreadsheet.")
        % {"kind": kind}
    )


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _damaged("xlsx") from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > settings.SPREADSHEET_MAX_UNPACKED_MB * MB:
        raise SpreadsheetError(
            _(
                "This workbook unpacks to more than %(limit)d MB of data, more than a "
                "register can hold. Split it into smaller files."
            )
            % {"limit": settings.SPREADSHEET_MAX_UNPACKED_MB}
        )
    try:
        # defusedxml is installed, so openpyxl refuses entity declarations up front.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise _refused(error, "xlsx") from None
    try:
        if not workbook.worksheets:
            raise _damaged("xlsx")
        sheet = workbook.worksheets[0]
        # The stored dimension may lie (too small hides rows, too large wastes time).
        sheet.reset_dimensions()
        yield from _guarded(sheet.iter_rows(values_only=True), "xlsx")
    finally:
        workbook.close()


def _xls_rows(data):
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
    except Exception:
        raise _damaged("xls") from None
    if sheet.nrows > settings.SPREADSHEET_MAX_ROWS + 1:
        raise _too_many_rows()
    for index in range(sheet.nrows):
        yield [_xls_value(cell, book.datemode) for cell in sheet.row(index)]


def _xls_value(cell, datemode):
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


def _csv_rows(data):
    if b"\x00" in data:
        raise _damaged("csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel's "CSV (Comma delimited)" on Windows writes the ANSI code page.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _damaged("csv") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    yield from _guarded(reader, "csv")


def _delimiter(text):
    """``;`` for Indonesian-locale Excel, ``,`` otherwise (tab for a pasted TSV)."""
    first_line = text.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _guarded(rows, kind):
    try:
        yield from rows
    except SpreadsheetError:
        raise
    except Exception as error:
        # A truncated member, an entity declaration (defusedxml), a csv field longer
        # than csv.field_size_limit(): all mean the file cannot be trusted.
        raise _refused(error, kind) from None


def _refused(error, kind):
    # openpyxl wraps the parser's exception in its own ValueError.
    while error is not None and not isinstance(error, DefusedXmlException):
        error = error.__cause__ or error.__context__
    if error is not None:
        return SpreadsheetError(
            _("This file contains XML entity declarations, which are refused for safety.")
        )
    return _damaged(kind)


def _too_many_rows():
    return SpreadsheetError(
        _("The file has more than %(limit)d rows. Split it into smaller files.")
        % {"limit": settings.SPREADSHEET_MAX_ROWS}
    )


def _table(rows):
    """Header and data rows; blank rows kept in the middle, dropped at the end."""
    header, table, pending_blank = None, [], 0
    max_rows = settings.SPREADSHEET_MAX_ROWS
    for row_number, values in enumerate(rows, start=1):
        values = list(values[:MAX_COLUMNS]) if len(values) > MAX_COLUMNS else list(values)
        if header is None:
            header = [cell_text(value) for value in values]
            while header and not header[-1]:
                header.pop()
            if not header:
                raise SpreadsheetError(_("The first row must hold the column headers."))
            continue
        if all(is_blank(value) for value in values):
            pending_blank += 1
            if pending_blank > max_rows:
                raise _too_many_rows()
            continue
        table.extend([] for _index in range(pending_blank))
        pending_blank = 0
        table.append((row_number, values))
        if len(table) > max_rows:
            raise _too_many_rows()
    if header is None:
        raise SpreadsheetError(_("The file is empty."))
    return header, [_fit(header, entry) for entry in table]


def _fit(header, entry):
    """A row cut or padded to the header's width; a value without a header is an error."""
    if not entry:
        return [None] * len(header)
    row_number, values = entry
    for index in range(len(header), len(values)):
        if not is_blank(values[index]):
            raise SpreadsheetError(
                _("Row %(row)d has a value in column %(column)s, which has no header.")
                % {"row": row_number, "column": get_column_letter(index + 1)}
            )
    for index, name in enumerate(header):
        if not name and index < len(values) and not is_blank(values[index]):
            raise SpreadsheetError(
                _("Row %(row)d has a value in column %(column)s, which has no header.")
                % {"row": row_number, "column": get_column_letter(index + 1)}
            )
    values = values[: len(header)]
    return values + [None] * (len(header) - len(values))


# --- The upload kept between the admin's preview and confirmation ------------------------

KEPT_TABLE = b"kerjasama kept table 1\n"
# Cell values JSON has no type for, with a tag of their own (a tag is an object; a cell
# never is one): (tag, type, written as, read back by). A datetime is a date: first.
TAGGED = (
    ("datetime", datetime.datetime, datetime.datetime.isoformat, datetime.datetime.fromisoformat),
    ("date", datetime.date, datetime.date.isoformat, datetime.date.fromisoformat),
    ("time", datetime.time, datetime.time.isoformat, datetime.time.fromisoformat),
    (
        "timedelta",
        datetime.timedelta,
        lambda delta: [delta.days, delta.seconds, delta.microseconds],
        lambda parts: datetime.timedelta(*parts),
    ),
    ("decimal", Decimal, str, Decimal),
)
TAG_READERS = {tag: read for tag, _type, _write, read in TAGGED}


def kept_table(data, kind):
    """The upload ``data`` (bytes of a file claiming to be ``kind``) read once, as bytes
    to keep until the confirmation: its table, or why it was refused."""
    try:
        return dataset_bytes(read_dataset(data, kind))
    except SpreadsheetError as error:
        refusal = str(error)
    except Exception:
        logger.exception("An upload could not be read")
        refusal = str(_damaged(kind))
    return KEPT_TABLE + json.dumps({"refused": refusal}, ensure_ascii=False).encode()


def dataset_bytes(dataset):
    """``dataset`` as ``read_kept_table`` reads it back, each value of its own type."""
    rows = [[_tagged(value) for value in row] for row in dataset]
    content = {"headers": dataset.headers, "rows": rows}
    return KEPT_TABLE + json.dumps(content, ensure_ascii=False).encode()


def read_kept_table(data):
    """The Dataset ``kept_table`` kept (SpreadsheetError: refused, or not one)."""
    if not data.startswith(KEPT_TABLE):
        # Not written by kept_table: an upload kept by an earlier version, or not ours.
        raise SpreadsheetError(_("The uploaded file is no longer available. Upload it again."))
    try:
        content = json.loads(data[len(KEPT_TABLE) :])
        if "refused" in content:
            raise SpreadsheetError(content["refused"])
        dataset = tablib.Dataset(headers=content["headers"])
        for row in content["rows"]:
            dataset.append([_untagged(value) for value in row])
    except (ValueError, KeyError, TypeError, tablib.InvalidDimensions):
        # Cut short or damaged where it waited: as if it were gone.
        raise SpreadsheetError(
            _("The uploaded file is no longer available. Upload it again.")
        ) from None
    return dataset


def _tagged(value):
    if value is None or isinstance(value, str | bool | int | float):
        return value
    for tag, kind, write, _read in TAGGED:
        if isinstance(value, kind):
            return {tag: write(value)}
    raise TypeError(f"A cell value of type {type(value).__name__} cannot be kept.")


def _untagged(value):
    if isinstance(value, dict):
        ((tag, text),) = value.items()
        return TAG_READERS[tag](text)
    return value


class _SafeFormat:
    """An import format of django-import-export for the admin, which keeps each upload
    as ``kept_table`` wrote it (SpreadsheetImportMixin.write_to_tmp_storage): reading
    it is decoding that table; the file itself was read by ``read_dataset``.

    Binary for every kind, so that the admin hands over the uploaded bytes unchanged
    (the csv decoding and dialect are decided here, not by the admin).
    """

    KIND = None

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_kept_table(in_stream)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"


class XLSXFormat(_SafeFormat, base_formats.XLSX):
    KIND = "xlsx"


class XLSFormat(_SafeFormat, base_formats.XLS):
    KIND = "xls"


class CSVFormat(_SafeFormat, base_formats.CSV):
    KIND = "csv"


IMPORT_FORMATS = [XLSXFormat, XLSFormat, CSVFormat]
FORMATS_BY_KIND = {fmt.KIND: fmt for fmt in IMPORT_FORMATS}
