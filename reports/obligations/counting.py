"""How many obligations are overdue, counted by arithmetic rather than row by row.

``queries`` decides each obligation's state by asking, per semester and responsible
unit, whether a report was handed in: right for listing them, but counting every
overdue one of a national register that way means hundreds of thousands of lookups
(≈ 2.4 s at 100,000 agreements on SQLite). The same number follows from two cheaper
sums, because an overdue obligation is an owed one with nothing handed in:

- owed: for each responsible unit of a signed agreement, how many of the semesters
  whose deadline has passed fall within the agreement's time in force (one
  subtraction per link, from the semester numbers of its start and end dates);
- handed in: the submitted or verified reports of a responsible unit for one of those
  semesters (a report is unique per agreement, unit and semester, so each is one
  obligation that is not overdue).

The definitions are docs/monitoring.md's; ``tests/test_obligations.py`` checks this
count against the obligations whose state is overdue on every case listed there.
"""

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least

from agreements.choices import Stage
from agreements.models import AgreementUnit
from core import clock
from reports.choices import REPORTED_STATUSES
from reports.models import Report

from .periods import overdue_periods
from .queries import _narrowed


class SemesterNumber(Func):
    """A date's semester as one integer (``Period.number``): year × 2, plus 1 from July.

    Consecutive semesters have consecutive numbers, so "how many semesters from A to B"
    is a subtraction. SQLite stores dates as ``YYYY-MM-DD`` text and reads them with its
    own string functions (its ``EXTRACT`` is a Python function called per row).
    """

    arity = 1
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        number = (
            f"(CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER) * 2"
            f" + CASE WHEN EXTRACT(MONTH FROM {sql}) > 6 THEN 1 ELSE 0 END)"
        )
        return number, (*params, *params)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        number = (
            f"(CAST(substr({sql}, 1, 4) AS INTEGER) * 2"
            f" + (CAST(substr({sql}, 6, 2) AS INTEGER) > 6))"
        )
        return number, (*params, *params)


def _window(first, last, prefix=""):
    """The first and last semester numbers, within ``first``–``last``, in which the
    agreement (through ``prefix``) was in force (the first greater than the last when
    none was)."""
    start = Greatest(Value(first), SemesterNumber(f"{prefix}start_date"))
    end = Least(Value(last), Coalesce(SemesterNumber(f"{prefix}end_date"), Value(last)))
    return start, end


def count_overdue(today=None, agreements=None, units=None):
    """How many obligations are overdue on ``today`` (one per agreement, responsible
    unit and semester): as many rows as ``obligations(today, agreements=, units=,
    states=[OVERDUE])`` gives, from two aggregate queries that do not look at each
    semester."""
    periods = overdue_periods(today or clock.today())
    if not periods:
        return 0
    # Overdue semesters run without a gap from REPORTING_SINCE (deadlines only grow).
    first, last = periods[0].number, periods[-1].number
    signed = Q(agreement__stage=Stage.SIGNED, agreement__start_date__isnull=False)

    links = _narrowed(AgreementUnit.objects.filter(signed), agreements=agreements, units=units)
    start, end = _window(first, last, "agreement__")
    owed = links.aggregate(n=Coalesce(Sum(Greatest(Value(0), end - start + 1)), Value(0)))["n"]

    responsible = AgreementUnit.objects.filter(
        agreement=OuterRef("agreement_id"), unit=OuterRef("unit_id")
    )
    handed_in = (
        _narrowed(Report.objects.filter(signed), agreements=agreements, units=units)
        .filter(status__in=REPORTED_STATUSES)
        .alias(number=F("year") * 2 + F("semester") - 1, first=start, last=end)
        .filter(number__gte=F("first"), number__lte=F("last"))
        .filter(Exists(responsible))
    )
    return owed - handed_in.count()
