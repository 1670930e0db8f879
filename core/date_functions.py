"""Date functions the database answers itself, on SQLite too.

Django's ``ExtractYear`` is ``EXTRACT`` on PostgreSQL, but on SQLite a Python function
(``django_date_extract``) called for every row: ≈ 1 s to group 100,000 agreements by
year (docs/performance.md). SQLite stores a date as ``YYYY-MM-DD`` text, so its year
and month are read with SQLite's own string functions (``_sqlite_part``).
"""

from django.db.models import DateTimeField, Func, IntegerField
from django.db.models.functions import ExtractMonth, ExtractYear


def _sqlite_part(sql, start, length):
    """An integer part of an SQLite ``YYYY-MM-DD`` date: the year at 1, the month at 6."""
    return f"CAST(substr({sql}, {start}, {length}) AS INTEGER)"


class _DatePart:
    """A part of a date (a ``DateField``, not a ``DateTimeField``: a time's year and
    month depend on the time zone, which only Django's ``Extract`` applies), read on
    SQLite from the ``YYYY-MM-DD`` text at ``start`` for ``length`` characters."""

    start = length = None

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        if isinstance(resolved.lhs.output_field, DateTimeField):
            raise ValueError(f"{type(self).__name__} reads dates, not dates and times.")
        return resolved

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return _sqlite_part(sql, self.start, self.length), params


class DateYear(_DatePart, ExtractYear):
    """The year of a date."""

    start, length = 1, 4


class DateMonth(_DatePart, ExtractMonth):
    """The month (1–12) of a date."""

    start, length = 6, 2


def semester_number_sql(sql, sqlite=False):
    """SQL: the semester number (``SemesterNumber``) of the date ``sql`` (a column or an
    expression), for SQLite or for PostgreSQL. Also written into the report tallies'
    triggers (``reports.obligations.tally``), so both read a date the same way."""
    if sqlite:
        return f"({_sqlite_part(sql, 1, 4)} * 2 + ({_sqlite_part(sql, 6, 2)} > 6))"
    return (
        f"(CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER) * 2"
        f" + CASE WHEN EXTRACT(MONTH FROM {sql}) > 6 THEN 1 ELSE 0 END)"
    )


class SemesterNumber(Func):
    """A date's half-year as one integer: year × 2, plus 1 from July (the reports'
    ``Period.number``). Consecutive semesters have consecutive numbers, so "how many
    semesters from A to B" is a subtraction."""

    arity = 1
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return semester_number_sql(sql), (*params, *params)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return semester_number_sql(sql, sqlite=True), (*params, *params)
