"""Who owes which report, and which agreements stay "on paper": the public API.

The definitions (due, deadline, pending, on time, late, overdue, dormant) are written
out in docs/monitoring.md; this package is their only implementation, computed in the
database. The admin, the operators' to-do list, ``send_reminders`` and the dashboard
all call these names, which are kept stable:

``Period(year, semester)``
    a reporting semester with ``start``, ``end``, ``deadline``; ``Period.containing(day)``,
    ``Period.reporting_since()``, ``previous()``/``next()``.
``due_periods(today)`` / ``overdue_periods(today)`` / ``last_closed_period(today)``
    the semesters due on a day (since ``REPORTING_SINCE``), those whose deadline has
    passed, and the latest semester whose deadline has passed (the dashboard's "last
    due semester").
``obligations(today, agreements=, units=, periods=, include_current=, states=)``
    one row per (agreement, responsible unit, year, semester): a values queryset of
    ``OBLIGATION_FIELDS`` with ``state`` an ``ObligationState`` (reports.choices).
``with_open_obligation(agreements, today)``, ``with_overdue_obligation(agreements, today)``
    filters over an Agreement queryset: "Belum lapor" (a pending or overdue
    obligation) and "Terlambat" (an overdue one).
``count_overdue(agreements=, units=, today)``
    ``OverdueCounts(reports, agreements)``: how many obligations of ``units`` are
    overdue (as many as ``obligations(states=[OVERDUE])`` gives) and how many of
    ``agreements`` ``with_overdue_obligation`` holds, counted by arithmetic (two
    queries whatever the number of semesters).
``dormant(agreements, today)``
    filter over an Agreement queryset: the dormant ones.
``compliance_by_unit(units, year, semester=None, today)``
    the units (a list) each with ``due``, ``on_time``, ``late``, ``overdue``,
    ``pending`` for one semester, or the whole year without ``semester``.
``with_report_of(links, period)`` / ``state_expression(period, today)``
    AgreementUnit rows joined with their report of a semester, and the state of their
    obligation in it.
``compliance_per_year(unit, today)``
    one unit's compliance, year by year (list of dicts), from one query.

``today`` defaults to ``core.clock.today()`` everywhere.
"""

from .counting import OverdueCounts, count_overdue
from .periods import Period, due_periods, last_closed_period, overdue_periods, periods_between
from .queries import (
    COMPLIANCE_FIELDS,
    COUNTED_STATES,
    OBLIGATION_FIELDS,
    compliance_by_unit,
    compliance_per_year,
    dormant,
    in_force_during,
    obligations,
    state_expression,
    with_open_obligation,
    with_overdue_obligation,
    with_report_of,
)

__all__ = [
    "COMPLIANCE_FIELDS",
    "COUNTED_STATES",
    "OBLIGATION_FIELDS",
    "OverdueCounts",
    "Period",
    "compliance_by_unit",
    "compliance_per_year",
    "count_overdue",
    "dormant",
    "due_periods",
    "in_force_during",
    "last_closed_period",
    "obligations",
    "overdue_periods",
    "periods_between",
    "state_expression",
    "with_open_obligation",
    "with_overdue_obligation",
    "with_report_of",
]
