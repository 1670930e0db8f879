"""Reporting semesters: their dates, deadlines and which of them are due on a day.

The definitions are in docs/monitoring.md.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Period:
    """One reporting semester: 1 is January–June, 2 is July–December."""

    year: int
    semester: int

    @classmethod
    def containing(cls, day):
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def reporting_since(cls):
        """The first semester anything is due for (``settings.REPORTING_SINCE``)."""
        year, semester = settings.REPORTING_SINCE
        return cls(int(year), int(semester))

    @property
    def number(self):
        """The semester as one integer, consecutive semesters consecutive numbers."""
        return self.year * 2 + self.semester - 1

    @property
    def start(self):
        return date(self.year, 1 if self.semester == 1 else 7, 1)

    @property
    def end(self):
        return date(self.year, 6, 30) if self.semester == 1 else date(self.year, 12, 31)

    @property
    def deadline(self):
        """The last day a report counts as on time: the semester's end plus the grace."""
        return self.end + timedelta(days=settings.REPORT_GRACE_DAYS)

    @property
    def submission_cutoff(self):
        """The first instant (local time) after the deadline: earlier submissions are on time."""
        return timezone.make_aware(datetime.combine(self.deadline + timedelta(days=1), time.min))

    def previous(self):
        return Period(self.year - 1, 2) if self.semester == 1 else Period(self.year, 1)

    def next(self):
        return Period(self.year, 2) if self.semester == 1 else Period(self.year + 1, 1)

    def __str__(self):
        return _("Semester %(semester)s %(year)s") % {
            "semester": self.semester,
            "year": self.year,
        }


def periods_between(first, last):
    """Every semester from ``first`` to ``last``, both included, oldest first."""
    periods = []
    period = first
    while period <= last:
        periods.append(period)
        period = period.next()
    return periods


def due_periods(today):
    """The semesters reports are due for on ``today``: ended, and not before
    ``REPORTING_SINCE``."""
    return periods_between(Period.reporting_since(), Period.containing(today).previous())


def overdue_periods(today):
    """The due semesters whose deadline has passed."""
    return [period for period in due_periods(today) if period.deadline < today]


def last_closed_period(today):
    """The latest semester whose deadline has passed on ``today``, whatever
    ``REPORTING_SINCE`` says (the dashboard's "last due semester")."""
    period = Period.containing(today).previous()
    while period.deadline >= today:
        period = period.previous()
    return period
