"""How many obligations are overdue, counted by arithmetic rather than row by row.

``queries`` decides each obligation's state by asking, per semester and responsible
unit, whether a report was handed in: right for listing them, but counting every
overdue one of a national register that way means hundreds of thousands of lookups
(≈ 2.4 s at 100,000 agreements on SQLite). The same number follows from two cheaper
sums, because an overdue obligation is an owed one with nothing handed in:

- owed: for each responsible unit of a signed agreement, how many of the semesters
  whose deadline has passed fall within the agreement's time in force (one
  subtraction per link, from the semester numbers of its start and end dates,
  ``core.date_functions.SemesterNumber``);
- handed in: the submitted or verified reports of a responsible unit for one of those
  semesters (a report is unique per agreement, unit and semester, so each is one
  obligation that is not overdue).

The definitions are docs/monitoring.md's; ``tests/test_obligations.py`` checks this
count against the obligations whose state is overdue on every case listed there.
"""

from django.db.models import Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least

from agreements.choices import Stage
from agreements.models import AgreementUnit
from core import clock
from core.date_functions import SemesterNumber
from core.querysets import narrowed
from reports.choices import REPORTED_STATUSES
from reports.models import Report

from .periods import overdue_periods


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

    links = narrowed(AgreementUnit.objects.filter(signed), agreement__in=agreements, unit__in=units)
    start, end = _window(first, last, "agreement__")
    owed = links.aggregate(n=Coalesce(Sum(Greatest(Value(0), end - start + 1)), Value(0)))["n"]

    responsible = AgreementUnit.objects.filter(
        agreement=OuterRef("agreement_id"), unit=OuterRef("unit_id")
    )
    handed_in = (
        narrowed(Report.objects.filter(signed), agreement__in=agreements, unit__in=units)
        .filter(status__in=REPORTED_STATUSES)
        .alias(number=F("year") * 2 + F("semester") - 1, first=start, last=end)
        .filter(number__gte=F("first"), number__lte=F("last"))
        .filter(Exists(responsible))
    )
    return owed - handed_in.count()
