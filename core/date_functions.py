"""Date functions the database answers itself, on SQLite too.

Django's ``ExtractYear`` is ``EXTRACT`` on PostgreSQL, but on SQLite a Python function
(``django_date_extract``) called for every row: ≈ 1 s to group 100,000 agreements by
year (docs/performance.md). SQLite stores a date as ``YYYY-MM-DD`` text, so the year
is its first four characters.
"""

from django.db.models import DateTimeField
from django.db.models.functions import ExtractYear


class DateYear(ExtractYear):
    """The year of a date (a ``DateField``, not a ``DateTimeField``: a time's year
    depends on the time zone, which only ``ExtractYear`` applies)."""

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        if isinstance(resolved.lhs.output_field, DateTimeField):
            raise ValueError("DateYear reads dates; use ExtractYear for date and time.")
        return resolved

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS INTEGER)", params
