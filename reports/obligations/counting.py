"""How many obligations are overdue, and how many agreements have one, counted by
arithmetic rather than semester by semester.

``queries`` decides each obligation's state by asking, per semester and responsible
unit, whether a report was handed in: right for listing them, but counting every
overdue one of a national register that way means hundreds of thousands of lookups
(≈ 2.4 s at 100,000 agreements on SQLite). The same numbers follow from sums, because
an overdue obligation is an owed one with nothing handed in, and a report is unique
per agreement, unit and semester (so each handed-in one is one obligation met):

- owed: for each responsible unit of a signed agreement, how many of the semesters
  whose deadline has passed fall within the agreement's time in force (one
  subtraction per link, from the semester numbers of its start and end dates,
  ``core.date_functions.SemesterNumber``);
- handed in: the unit's tally (``reports.models.ReportTally``, kept by triggers: its
  submitted or verified reports for semesters within the agreement's dates), less
  those of its reports that are for a semester not yet overdue or before
  ``REPORTING_SINCE`` (read from the reports' index of semesters: usually few, but
  between a semester's end and its deadline every report handed in for it is one).

A unit owes an overdue report exactly when its handed-in number is below its owed one.

The definitions are docs/monitoring.md's; ``tests/test_obligations.py`` checks these
counts against the obligations whose state is overdue, and against
``with_overdue_obligation``, on every case listed there.
"""

from typing import NamedTuple

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from agreements.choices import Stage
from agreements.models import Agreement
from core import clock
from core.date_functions import SemesterNumber
from core.querysets import narrowed, narrowing
from reports.choices import REPORTED_STATUSES
from reports.models import Report, ReportTally

from .periods import overdue_periods


def _window(first, last, prefix="", ref=F):
    """The first and last semester numbers, within ``first``–``last``, in which the
    agreement (through ``prefix``; of the enclosing query with ``ref=OuterRef``) was
    in force (the first greater than the last when none was)."""
    start = Greatest(Value(first), SemesterNumber(ref(f"{prefix}start_date")))
    end = Least(Value(last), Coalesce(SemesterNumber(ref(f"{prefix}end_date")), Value(last)))
    return start, end


def _overdue_span(today):
    """The first and last semesters whose deadline has passed on ``today`` (overdue
    semesters run without a gap from REPORTING_SINCE: deadlines only grow), or None
    when none has."""
    periods = overdue_periods(today or clock.today())
    if not periods:
        return None
    return periods[0], periods[-1]


def _owed(first, last, prefix="agreement__", ref=F):
    """What each responsible unit of the agreement owes: the overdue semesters within
    its dates (``_window``'s ``prefix`` and ``ref``; by default of a ReportTally row,
    ``prefix=""`` of an Agreement row)."""
    start, end = _window(first.number, last.number, prefix, ref)
    return Greatest(Value(0), end - start + 1)


def _beside(first, last, agreements, units, keyed=True):
    """The handed-in reports of responsible units that their tallies count but that
    are for no overdue semester: before ``first`` or after ``last``.

    Read from the reports' index of semesters, each report's agreement then asked by
    its key: joined instead, SQLite would read every signed agreement's reports."""
    before = Q(year__lt=first.year) | Q(year=first.year, semester__lt=first.semester)
    after = Q(year__gt=last.year) | Q(year=last.year, semester__gt=last.semester)
    number = OuterRef("year") * 2 + OuterRef("semester") - 1
    within_dates = (
        narrowed(Agreement.objects.all(), pk__in=agreements)
        .filter(pk=OuterRef("agreement_id"), stage=Stage.SIGNED, start_date__isnull=False)
        .alias(first=SemesterNumber("start_date"), last=SemesterNumber("end_date"))
        .filter(first__lte=number)
        .filter(Q(end_date__isnull=True) | Q(last__gte=number))
    )
    responsible = ReportTally.objects.filter(
        agreement=OuterRef("agreement_id"), unit=OuterRef("unit_id")
    )
    reports = Report.objects.filter(before | after, status__in=REPORTED_STATUSES)
    if keyed:
        # Found by their keys first: asked in the same WHERE as the lookups of each
        # one's agreement and tally, SQLite scans the whole index of reports instead
        # (0.06 s against 0.015 s at 500,000 reports). Not for a unit's own (``keyed=
        # False``, narrowed to one agreement and unit by the caller): PostgreSQL then
        # looked every report of the unit up by its key again (0.22 s).
        reports = Report.objects.filter(pk__in=reports.values("pk"))
    return narrowed(reports, unit__in=units).filter(Exists(within_dates), Exists(responsible))


class OverdueCounts(NamedTuple):
    """What ``count_overdue`` gives."""

    reports: int
    """Overdue obligations (one per agreement, responsible unit and semester)."""
    agreements: int
    """Agreements with at least one overdue obligation ("Terlambat")."""


def count_overdue(agreements=None, units=None, today=None):
    """``OverdueCounts`` on ``today``, from two queries that do not look at each
    semester:

    - ``reports``: the overdue obligations of ``units`` on ``agreements`` (querysets or
      lists of ids; None for all), as many as ``obligations(today, agreements=,
      units=, states=[OVERDUE])`` gives;
    - ``agreements``: how many of ``agreements`` have at least one overdue obligation,
      of any unit, as many as ``with_overdue_obligation(agreements, today)`` holds.

    Both come from one pass over the tallies grouped by agreement. A unit whose tally
    is below what it owes is short of a report; one whose tally is not may still be,
    when the tally counts reports for semesters not overdue (``_beside``): those few
    units are weighed with their own count of such reports."""
    span = _overdue_span(today)
    if span is None:
        return OverdueCounts(0, 0)
    first, last = span
    owed = _owed(first, last)
    spare = ReportTally.objects.filter(
        agreement=OuterRef("agreement_id"), unit=OuterRef("unit_id")
    ).annotate(spare=F("handed_in") - owed)
    beside_of_link = (
        _beside(first, last, agreements, None, keyed=False)
        .filter(agreement=OuterRef("agreement_id"), unit=OuterRef("unit_id"))
        .order_by()
        .values("agreement_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Report by report (they are few; grouped, SQLite would read every report in the
    # order of the groups): its unit is short when its spare reports are fewer than
    # those beside.
    short_beside = (
        _beside(first, last, agreements, None)
        .annotate(spare=Subquery(spare.values("spare")[:1]), n=Subquery(beside_of_link))
        .filter(spare__lt=F("n"))
        .values("agreement_id")
    )
    # Per signed agreement: what it owes each unit (an aggregate, or the ORM would
    # group by it too), its units of ``units`` and their tallies, and its lowest tally.
    of_units = narrowing(report_tallies__unit__in=units)
    # Narrowed by key, not read from the caller's queryset: one row per agreement
    # whatever that queryset joins.
    signed = narrowed(Agreement.objects.all(), pk__in=agreements)
    per_agreement = (
        signed.filter(stage=Stage.SIGNED, start_date__isnull=False)
        .order_by()
        .values("pk")
        .annotate(
            owed_each=Max(_owed(first, last, prefix="")),
            units_counted=Count("report_tallies", filter=of_units),
            handed=Sum("report_tallies__handed_in", filter=of_units, default=0),
            lowest=Min("report_tallies__handed_in"),
        )
    )
    short = Q(lowest__lt=F("owed_each")) | Q(pk__in=short_beside)
    sums = per_agreement.aggregate(
        owed=Sum(F("owed_each") * F("units_counted"), default=0),
        tallied=Sum("handed", default=0),
        short=Count("pk", filter=short),
    )
    handed_in = sums["tallied"] - _beside(first, last, agreements, units).count()
    return OverdueCounts(sums["owed"] - handed_in, sums["short"])
