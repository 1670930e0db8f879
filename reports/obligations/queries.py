"""Obligations, compliance and dormancy as SQL: the definitions of docs/monitoring.md.

Every function that depends on the day takes ``today`` (default:
``core.clock.today()``) and builds querysets; the number of queries never depends on
the register's size. The semesters involved are a short list known in Python (two a
year since ``REPORTING_SINCE``), so each semester contributes its own part (a join
with its reports, or subqueries) to one statement.
"""

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)

from agreements.choices import Stage
from agreements.models import AgreementUnit
from core import clock
from core.querysets import narrowed
from reports.choices import REPORTED_STATUSES, ObligationState
from reports.models import Report

from .periods import Period, due_periods, last_closed_period, overdue_periods

# What compliance counts, in the order pages show it ("due" is their sum).
COUNTED_STATES = [
    ObligationState.ON_TIME,
    ObligationState.LATE,
    ObligationState.OVERDUE,
    ObligationState.PENDING,
]
COMPLIANCE_FIELDS = ["due", *[state.lower() for state in COUNTED_STATES]]

OBLIGATION_FIELDS = [
    "agreement_id",
    "unit_id",
    "is_lead",
    "year",
    "semester",
    "deadline",
    "state",
    "report_id",
    "report_status",
]


def in_force_during(period, prefix=""):
    """Q: the agreement (through ``prefix``, e.g. ``"agreement__"``) was in force on at
    least one day of ``period``. Only signed agreements ever are: terminated and
    cancelled ones owe nothing."""
    return Q(**{f"{prefix}stage": Stage.SIGNED}) & _dates_overlap(period, prefix)


def _dates_overlap(period, prefix=""):
    return Q(**{f"{prefix}start_date__lte": period.end}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": period.start})
    )


def _reports_of(period, agreement, unit):
    return Report.objects.filter(
        agreement=agreement, unit=unit, year=period.year, semester=period.semester
    )


def _submitted(period, agreement=None, unit=None):
    """The handed-in (submitted or verified) reports of an obligation in ``period``;
    by default that of the AgreementUnit row of the enclosing query."""
    return _reports_of(
        period, agreement or OuterRef("agreement_id"), unit or OuterRef("unit_id")
    ).filter(status__in=REPORTED_STATUSES)


def _unreported_state(period, today):
    return ObligationState.OVERDUE if period.deadline < today else ObligationState.PENDING


def with_report_of(links, period):
    """AgreementUnit rows (``links``) joined with their unit's report of ``period``,
    if any, as ``semester_report`` (what ``state_expression`` reads).

    A report is unique per agreement, unit and semester, so the join adds no rows. One
    join instead of a lookup per state: counting every unit's obligations of a
    semester at 100,000 agreements went from 0.18 to 0.09 s on SQLite."""
    reports = "agreement__reports"
    return links.annotate(
        semester_report=FilteredRelation(
            reports,
            condition=Q(
                **{
                    f"{reports}__unit": F("unit"),
                    f"{reports}__year": period.year,
                    f"{reports}__semester": period.semester,
                }
            ),
        )
    )


def state_expression(period, today):
    """The ``ObligationState`` of an AgreementUnit row's obligation in ``period``, on
    rows ``with_report_of(period)``.

    A report handed in without a recorded time (older data) counts as on time.
    """
    if period.end >= today:
        return Value(ObligationState.NOT_YET_DUE, output_field=CharField())
    handed_in = Q(semester_report__status__in=REPORTED_STATUSES)
    in_time = Q(semester_report__submitted_at__isnull=True) | Q(
        semester_report__submitted_at__lt=period.submission_cutoff
    )
    return Case(
        When(handed_in & in_time, then=Value(ObligationState.ON_TIME)),
        When(handed_in, then=Value(ObligationState.LATE)),
        default=Value(_unreported_state(period, today)),
        output_field=CharField(),
    )


def _possible_states(period, today):
    """The states an obligation of ``period`` can be in on ``today``."""
    if period.end >= today:
        return {ObligationState.NOT_YET_DUE}
    return {ObligationState.ON_TIME, ObligationState.LATE, _unreported_state(period, today)}


def _obligations_in(period, today, links, states):
    """The obligations of ``period``, or None when none can be in ``states``."""
    possible = _possible_states(period, today)
    wanted = possible & set(states or ObligationState.values)
    if not wanted:
        return None
    rows = with_report_of(links.filter(in_force_during(period, "agreement__")), period)
    rows = rows.annotate(
        year=Value(period.year, output_field=IntegerField()),
        semester=Value(period.semester, output_field=IntegerField()),
        deadline=Value(period.deadline, output_field=DateField()),
        state=state_expression(period, today),
        report_id=F("semester_report__id"),
        report_status=F("semester_report__status"),
    )
    if wanted != possible:
        rows = rows.filter(state__in=wanted)
    return rows.order_by().values(*OBLIGATION_FIELDS)


def obligations(
    today=None, agreements=None, units=None, periods=None, include_current=False, states=None
):
    """One row per (agreement, responsible unit, year, semester) owed since
    ``REPORTING_SINCE``: a values queryset (one query) of ``OBLIGATION_FIELDS``.

    ``agreements`` / ``units`` (querysets or lists of ids) narrow the rows;
    ``periods`` replaces the due semesters; ``include_current`` adds today's semester,
    whose rows are "not yet due"; ``states`` keeps only the rows in those states.
    ``state`` is an ``ObligationState`` value,
    ``report_id``/``report_status`` the unit's report of that semester, if any.
    The result can still be ordered, sliced and counted, not filtered: pass the
    narrowing arguments instead. To count the overdue ones, ``count_overdue`` is faster.
    """
    today = today or clock.today()
    if periods is None:
        periods = due_periods(today)
        if include_current:
            periods = [*periods, Period.containing(today)]
    # A narrowing by a whole table is left out (core.querysets.narrowed): it would
    # make the database read every agreement for every semester instead of finding
    # those in force by their index.
    links = narrowed(AgreementUnit.objects.all(), agreement__in=agreements, unit__in=units)
    parts = [_obligations_in(period, today, links, states) for period in periods]
    parts = [part for part in parts if part is not None]
    if not parts:
        return _obligations_in(Period.reporting_since(), today, links, None).none()
    if len(parts) == 1:
        return parts[0]
    return parts[0].union(*parts[1:], all=True)


def _unreported_in(period):
    """Q on a signed Agreement: in force during ``period`` with a responsible unit that
    has handed in nothing for it."""
    missing = AgreementUnit.objects.filter(agreement=OuterRef("pk")).filter(
        ~Exists(_submitted(period))
    )
    return _dates_overlap(period) & Q(Exists(missing))


def _with_unreported(agreements, periods):
    """The ``agreements`` that are ``_unreported_in`` one of ``periods``.

    The same conditions, in the shape each database runs well: SQLite reads each signed
    agreement once and stops at its first unreported semester (the stage asked once,
    outside the alternatives, or it reads the stage's index once per semester);
    PostgreSQL cannot turn an EXISTS inside OR into a join (it ran 1.5 million subplans
    at 100,000 agreements), so there each semester's unreported links are one anti-join
    and the agreements those name are kept (docs/performance.md).
    """
    if not periods:
        return agreements.none()
    if connections[agreements.db].vendor != "postgresql":
        condition = Q(pk__in=[])
        for period in periods:
            condition |= _unreported_in(period)
        return agreements.filter(Q(stage=Stage.SIGNED) & condition)
    parts = [
        AgreementUnit.objects.filter(in_force_during(period, "agreement__"))
        .filter(~Exists(_submitted(period)))
        .order_by()
        .values("agreement_id")
        for period in periods
    ]
    named = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return agreements.filter(pk__in=named)


def with_overdue_obligation(agreements, today=None):
    """The agreements with at least one overdue obligation ("Terlambat")."""
    return _with_unreported(agreements, overdue_periods(today or clock.today()))


def with_open_obligation(agreements, today=None):
    """The agreements with at least one pending or overdue obligation ("Belum lapor")."""
    return _with_unreported(agreements, due_periods(today or clock.today()))


def dormant(agreements, today=None):
    """The dormant agreements ("di atas kertas", docs/monitoring.md): in force today,
    in force for at least one full semester, and no report handed in by any unit for
    their last two semesters whose deadline has passed (their only one, if they have
    just one). An agreement without any such semester yet is not dormant."""
    today = today or clock.today()
    last = last_closed_period(today)
    before = last.previous()

    def handed_in(period):
        return Exists(
            Report.objects.filter(
                agreement=OuterRef("pk"),
                year=period.year,
                semester=period.semester,
                status__in=REPORTED_STATUSES,
            )
        )

    full_semester_start = Period.containing(today).previous().start
    return agreements.in_force(today).filter(
        Q(start_date__lte=full_semester_start)
        & Q(start_date__lte=last.end)
        & ~handed_in(last)
        & (Q(start_date__gt=before.end) | ~handed_in(before))
    )


def _state_counts(periods, today, links):
    """``{(unit_id, Period): {state: n}}``: how many obligations of ``links`` are in each
    state in each of ``periods``, from one query (a grouped count per semester, united),
    which reads each responsible unit's links in force once."""
    parts = [
        with_report_of(links.filter(in_force_during(period, "agreement__")), period)
        .annotate(
            period_year=Value(period.year, output_field=IntegerField()),
            period_semester=Value(period.semester, output_field=IntegerField()),
            obligation_state=state_expression(period, today),
        )
        .order_by()
        .values("unit_id", "period_year", "period_semester", "obligation_state")
        .annotate(n=Count("pk"))
        for period in periods
    ]
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    counts = {}
    for row in rows:
        key = (row["unit_id"], Period(row["period_year"], row["period_semester"]))
        counts.setdefault(key, {})[row["obligation_state"]] = row["n"]
    return counts


def _compliance(state_counts):
    """``COMPLIANCE_FIELDS`` from summed ``{state: n}`` (the due: their sum)."""
    figures = {state.lower(): state_counts.get(state, 0) for state in COUNTED_STATES}
    return {"due": sum(figures.values()), **figures}


def _summed(counts, keys):
    total = {}
    for key in keys:
        for state, n in counts.get(key, {}).items():
            total[state] = total.get(state, 0) + n
    return total


def compliance_by_unit(units, year, semester=None, today=None):
    """``units`` (a queryset, evaluated in its order) as a list, each unit carrying its
    compliance (``COMPLIANCE_FIELDS`` as attributes) for one semester, or for the whole
    ``year`` when ``semester`` is None (the due semesters of it). Two queries."""
    today = today or clock.today()
    periods = [Period(year, 1), Period(year, 2)] if semester is None else [Period(year, semester)]
    due = set(due_periods(today))
    periods = [period for period in periods if period in due]
    # Narrowed by the queryset, not by the list of its units: every unit is no
    # narrowing, and a list of them makes SQLite look up each agreement's links once
    # per unit (0.17 against 0.09 s with 60 units at 100,000 agreements).
    counts = _state_counts(periods, today, narrowed(AgreementUnit.objects.all(), unit__in=units))
    units = list(units)
    for unit in units:
        figures = _compliance(_summed(counts, [(unit.pk, period) for period in periods]))
        for field, value in figures.items():
            setattr(unit, field, value)
    return units


def compliance_per_year(unit, today=None):
    """A unit's compliance year by year since ``REPORTING_SINCE``, newest first: a list
    of dicts with ``year`` and ``COMPLIANCE_FIELDS``, from one query."""
    today = today or clock.today()
    periods = due_periods(today)
    counts = _state_counts(periods, today, AgreementUnit.objects.filter(unit=unit))
    years = sorted({period.year for period in periods}, reverse=True)
    return [
        {
            "year": year,
            **_compliance(
                _summed(counts, [(unit.pk, period) for period in periods if period.year == year])
            ),
        }
        for year in years
    ]
