"""Obligations, compliance and dormancy as SQL: the definitions of docs/monitoring.md.

Every function takes ``today`` (default: ``core.clock.today()``) and builds
querysets; the number of queries never depends on the register's size. The semesters
involved are a short list known in Python (two a year since ``REPORTING_SINCE``), so
each semester contributes its own subqueries to one statement.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from agreements.choices import Stage
from agreements.models import AgreementUnit, Unit
from core import clock
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
    return Q(**{f"{prefix}stage": Stage.SIGNED, f"{prefix}start_date__lte": period.end}) & (
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


def state_expression(period, today):
    """The ``ObligationState`` of an AgreementUnit row's obligation in ``period``.

    A report handed in without a recorded time (older data) counts as on time.
    """
    if period.end >= today:
        return Value(ObligationState.NOT_YET_DUE, output_field=CharField())
    submitted = _submitted(period)
    on_time = submitted.filter(
        Q(submitted_at__isnull=True) | Q(submitted_at__lt=period.submission_cutoff)
    )
    unreported = ObligationState.OVERDUE if period.deadline < today else ObligationState.PENDING
    return Case(
        When(Exists(on_time), then=Value(ObligationState.ON_TIME)),
        When(Exists(submitted), then=Value(ObligationState.LATE)),
        default=Value(unreported),
        output_field=CharField(),
    )


def _obligations_in(period, today, links, states):
    report = _reports_of(period, OuterRef("agreement_id"), OuterRef("unit_id"))
    return (
        links.filter(in_force_during(period, "agreement__"))
        .annotate(
            year=Value(period.year, output_field=IntegerField()),
            semester=Value(period.semester, output_field=IntegerField()),
            deadline=Value(period.deadline, output_field=DateField()),
            state=state_expression(period, today),
            report_id=Subquery(report.values("pk")[:1]),
            report_status=Subquery(report.values("status")[:1]),
        )
        .filter(state__in=list(states or ObligationState.values))
        .order_by()
        .values(*OBLIGATION_FIELDS)
    )


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
    narrowing arguments instead.
    """
    today = today or clock.today()
    if periods is None:
        periods = due_periods(today)
        if include_current:
            periods = [*periods, Period.containing(today)]
    links = AgreementUnit.objects.all()
    if agreements is not None:
        links = links.filter(agreement__in=agreements)
    if units is not None:
        links = links.filter(unit__in=units)
    parts = [_obligations_in(period, today, links, states) for period in periods]
    if not parts:
        return _obligations_in(Period.reporting_since(), today, links, states).none()
    if len(parts) == 1:
        return parts[0]
    return parts[0].union(*parts[1:], all=True)


def _unreported_in(period):
    """Q on Agreement: in force during ``period`` with a responsible unit that has
    handed in nothing for it."""
    missing = AgreementUnit.objects.filter(agreement=OuterRef("pk")).filter(
        ~Exists(_submitted(period))
    )
    return in_force_during(period) & Q(Exists(missing))


def _any_unreported(periods):
    condition = Q(pk__in=[])
    for period in periods:
        condition |= _unreported_in(period)
    return condition


def with_overdue_obligation(agreements, today=None):
    """The agreements with at least one overdue obligation ("Terlambat")."""
    return agreements.filter(_any_unreported(overdue_periods(today or clock.today())))


def with_open_obligation(agreements, today=None):
    """The agreements with at least one pending or overdue obligation ("Belum lapor")."""
    return agreements.filter(_any_unreported(due_periods(today or clock.today())))


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


def _count_in_state(period, state, today):
    """Subquery: how many obligations of the outer Unit row in ``period`` are in ``state``."""
    rows = (
        AgreementUnit.objects.filter(unit=OuterRef("pk"))
        .filter(in_force_during(period, "agreement__"))
        .annotate(obligation_state=state_expression(period, today))
        .filter(obligation_state=state)
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def compliance_expressions(periods, today=None, prefix=""):
    """Annotations for a Unit queryset: ``due``, ``on_time``, ``late``, ``overdue`` and
    ``pending`` summed over ``periods`` (only those due on ``today`` count), each name
    preceded by ``prefix``."""
    today = today or clock.today()
    due = set(due_periods(today))
    periods = [period for period in periods if period in due]
    expressions = {}
    for state in COUNTED_STATES:
        total = Value(0, output_field=IntegerField())
        for period in periods:
            total = total + _count_in_state(period, state, today)
        expressions[f"{prefix}{state.lower()}"] = total
    due_total = Value(0, output_field=IntegerField())
    for state in COUNTED_STATES:
        due_total = due_total + expressions[f"{prefix}{state.lower()}"]
    expressions[f"{prefix}due"] = due_total
    return expressions


def compliance_by_unit(units, year, semester=None, today=None):
    """``units`` annotated with their compliance for one semester, or for the whole
    ``year`` when ``semester`` is None (the due semesters of it)."""
    periods = [Period(year, 1), Period(year, 2)] if semester is None else [Period(year, semester)]
    return units.annotate(**compliance_expressions(periods, today))


def compliance_per_year(unit, today=None):
    """A unit's compliance year by year since ``REPORTING_SINCE``, newest first: a list
    of dicts with ``year`` and ``COMPLIANCE_FIELDS``, from one query."""
    today = today or clock.today()
    periods = due_periods(today)
    if not periods:
        return []
    years = sorted({period.year for period in periods}, reverse=True)
    annotations = {}
    for year in years:
        annotations.update(
            compliance_expressions(
                [p for p in periods if p.year == year], today, prefix=f"y{year}_"
            )
        )
    values = Unit.objects.filter(pk=unit.pk).annotate(**annotations).values(*annotations).first()
    values = values or {}
    return [
        {"year": year, **{field: values.get(f"y{year}_{field}", 0) for field in COMPLIANCE_FIELDS}}
        for year in years
    ]
