"""An import is all or nothing, and every problem names its row and column.

``import_file()`` is what the ``import`` command and the admin run: the whole file in
one transaction, rolled back on any problem (a value that cannot be read, an unknown
name, a failed validation, a row that repeats another's identity, a database error) or
on a dry run. ``problems_of()`` turns django-import-export's result into a flat list of
``Problem`` (row, column, message), with the spreadsheet's own row numbers: the header
is row 1, the first data row is row 2.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.spreadsheets.reading import SpreadsheetError, read_dataset

# The header is row 1: the dataset's first data row (number 1) is row 2 in Excel.
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (row, column; either may be unknown) and what."""

    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is not None and self.column:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("Column “%(column)s”: %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        return self.message


class ProblemError(Exception):
    """Carries a Problem through django-import-export's error handling."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Outcome:
    """What an import did (``result``) or why it did nothing (``problems``)."""

    result: object
    problems: list

    @property
    def ok(self):
        return not self.problems

    @property
    def totals(self):
        return dict(self.result.totals) if self.result is not None else {}


def import_file(resource, data, kind, dry_run=False, **kwargs):
    """Read ``data`` (bytes of an ``xlsx``/``xls``/``csv`` file) and import it, all or
    nothing. A file refused as a whole gives one problem without a row."""
    try:
        dataset = read_dataset(data, kind)
    except SpreadsheetError as error:
        return Outcome(None, [Problem(None, None, str(error))])
    return import_dataset(resource, dataset, dry_run=dry_run, **kwargs)


def import_dataset(resource, dataset, dry_run=False, **kwargs):
    """Import a Dataset in one transaction that is rolled back on any problem."""
    with transaction.atomic(using=resource.get_db_connection_name()):
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        problems = problems_of(resource, result)
        if problems or dry_run:
            transaction.set_rollback(True, using=resource.get_db_connection_name())
    return Outcome(result, problems)


def problems_of(resource, result):
    """Every problem of an import result, in row order, file-level ones first."""
    columns = column_names(resource)
    problems = [_base_problem(error.error) for error in result.base_errors]
    for error_row in result.error_rows:
        for error in error_row.errors:
            problems.append(
                Problem(
                    error_row.number + FIRST_DATA_ROW - 1,
                    None,
                    _("This row could not be saved: %(error)s") % {"error": error.error},
                )
            )
    for invalid in result.invalid_rows:
        row = invalid.number + FIRST_DATA_ROW - 1
        for key, messages in invalid.error_dict.items():
            column = None if key == NON_FIELD_ERRORS else columns.get(key)
            for message in messages:
                problems.append(Problem(row, column, str(message)))
    return sorted(problems, key=lambda p: p.row or 0)


def _base_problem(error):
    if isinstance(error, ProblemError):
        return error.problem
    if isinstance(error, ValidationError):
        return Problem(None, None, " ".join(error.messages))
    return Problem(None, None, str(error))


def column_names(resource):
    """Model attribute → spreadsheet header, to put validation errors in their column."""
    columns = {}
    for field in resource.fields.values():
        if field.attribute:
            columns[field.attribute] = field.column_name
            columns[field.attribute.split("__")[0]] = field.column_name
    columns.update(getattr(resource, "extra_error_columns", {}))
    return columns
