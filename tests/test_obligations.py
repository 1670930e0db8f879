"""Due, deadline, pending, on time, late, overdue and dormant, as docs/monitoring.md
defines them, on days chosen around semester ends, the grace period and leap years."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.choices import Stage
from agreements.models import Agreement, Unit
from reports import obligations as ob
from reports.choices import ObligationState, ReportStatus
from reports.models import Report
from tests.factories import make_agreement, make_report, make_unit

pytestmark = pytest.mark.django_db

S = ObligationState


def states(today, **kwargs):
    """{(agreement code, unit code, year, semester): state} of every obligation."""
    rows = list(ob.obligations(today, **kwargs))
    codes = dict(Agreement.objects.values_list("pk", "code"))
    units = dict(Unit.objects.values_list("pk", "code"))
    return {
        (codes[r["agreement_id"]], units[r["unit_id"]], r["year"], r["semester"]): r["state"]
        for r in rows
    }


def submitted_at(report, day, hour=12, minute=0):
    """Set when a report was handed in (local time), as the form would have stamped it."""
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))
    Report.objects.filter(pk=report.pk).update(submitted_at=moment)


@pytest.fixture
def unit():
    return make_unit("DPUPR")


def test_period_dates_and_deadline(settings):
    settings.REPORT_GRACE_DAYS = 15
    assert ob.Period(2024, 1).end == date(2024, 6, 30)
    assert ob.Period(2024, 1).deadline == date(2024, 7, 15)
    assert ob.Period(2023, 2).deadline == date(2024, 1, 15)
    assert ob.Period.containing(date(2024, 7, 1)) == ob.Period(2024, 2)
    assert str(ob.Period(2024, 1)) == "Semester 1 2024"


def test_a_semester_is_due_only_once_it_has_ended(unit):
    agreement = make_agreement(
        units=[unit], start_date=date(2024, 1, 1), signed_on=date(2024, 1, 1), end_date=None
    )
    key = (agreement.code, "DPUPR", 2024, 1)
    assert key not in states(date(2024, 6, 30))
    assert states(date(2024, 7, 1))[key] == S.PENDING
    assert states(date(2024, 7, 15))[key] == S.PENDING  # the deadline itself
    assert states(date(2024, 7, 16))[key] == S.OVERDUE


def test_in_force_one_day_of_the_semester_is_enough(unit):
    ends_first_day = make_agreement(
        units=[unit],
        start_date=date(2023, 3, 1),
        signed_on=date(2023, 3, 1),
        end_date=date(2024, 7, 1),
    )
    starts_last_day = make_agreement(
        units=[unit], start_date=date(2024, 6, 30), signed_on=date(2024, 6, 30), end_date=None
    )
    starts_next_semester = make_agreement(
        units=[unit], start_date=date(2024, 7, 1), signed_on=date(2024, 7, 1), end_date=None
    )
    result = states(date(2025, 2, 1))
    assert result[(ends_first_day.code, "DPUPR", 2024, 2)] == S.OVERDUE
    assert (ends_first_day.code, "DPUPR", 2025, 1) not in result
    assert result[(starts_last_day.code, "DPUPR", 2024, 1)] == S.OVERDUE
    assert (starts_last_day.code, "DPUPR", 2023, 2) not in result
    assert (starts_next_semester.code, "DPUPR", 2024, 1) not in result
    assert result[(starts_next_semester.code, "DPUPR", 2024, 2)] == S.OVERDUE


def test_every_responsible_unit_owes_its_own_report(unit):
    other = make_unit("DINKES")
    agreement = make_agreement(units=[unit, other], start_date=date(2024, 1, 1))
    make_report(agreement, unit, 2024, 1)
    result = states(date(2024, 8, 1))
    assert result[(agreement.code, "DPUPR", 2024, 1)] == S.ON_TIME
    assert result[(agreement.code, "DINKES", 2024, 1)] == S.OVERDUE


def test_on_time_until_the_end_of_the_deadline_then_late(unit):
    agreement = make_agreement(units=[unit])
    on_deadline = make_report(agreement, unit, 2023, 1)
    submitted_at(on_deadline, date(2023, 7, 15), hour=23, minute=59)
    day_after = make_report(agreement, unit, 2023, 2)
    submitted_at(day_after, date(2024, 1, 16), hour=0, minute=1)
    early = make_report(agreement, unit, 2022, 2)
    submitted_at(early, date(2022, 12, 20))
    result = states(date(2024, 8, 1))
    assert result[(agreement.code, "DPUPR", 2023, 1)] == S.ON_TIME
    assert result[(agreement.code, "DPUPR", 2023, 2)] == S.LATE
    assert result[(agreement.code, "DPUPR", 2022, 2)] == S.ON_TIME


@pytest.mark.parametrize("status", [ReportStatus.DRAFT, ReportStatus.RETURNED])
def test_drafts_and_returned_reports_do_not_count(unit, status):
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit, 2024, 1, status=status, verifier_note="Lengkapi.")
    assert states(date(2024, 7, 10))[(agreement.code, "DPUPR", 2024, 1)] == S.PENDING
    assert states(date(2024, 7, 16))[(agreement.code, "DPUPR", 2024, 1)] == S.OVERDUE


def test_verified_counts_as_handed_in(unit):
    agreement = make_agreement(units=[unit])
    report = make_report(agreement, unit, 2024, 1, status=ReportStatus.VERIFIED)
    submitted_at(report, date(2024, 7, 2))
    assert states(date(2024, 9, 1))[(agreement.code, "DPUPR", 2024, 1)] == S.ON_TIME


def test_nothing_is_due_before_reporting_since(unit, settings):
    make_agreement(
        units=[unit], start_date=date(2010, 1, 1), signed_on=date(2010, 1, 1), end_date=None
    )
    settings.REPORTING_SINCE = (2019, 1)
    periods = {(year, semester) for _code, _unit, year, semester in states(date(2019, 8, 1))}
    assert periods == {(2019, 1)}
    assert states(date(2019, 6, 30)) == {}
    settings.REPORTING_SINCE = (2020, 2)
    periods = {(year, semester) for _code, _unit, year, semester in states(date(2021, 8, 1))}
    assert periods == {(2020, 2), (2021, 1)}


@pytest.mark.parametrize("stage", [Stage.TERMINATED, Stage.CANCELLED, Stage.DRAFTING])
def test_agreements_not_signed_owe_nothing(unit, stage):
    make_agreement(units=[unit], stage=stage)
    assert states(date(2024, 8, 1)) == {}


def test_a_grace_period_ending_on_a_leap_day(unit, settings):
    settings.REPORT_GRACE_DAYS = 60  # 31 December 2023 + 60 days = 29 February 2024
    agreement = make_agreement(units=[unit])
    key = (agreement.code, "DPUPR", 2023, 2)
    assert ob.Period(2023, 2).deadline == date(2024, 2, 29)
    assert states(date(2024, 2, 29))[key] == S.PENDING
    assert states(date(2024, 3, 1))[key] == S.OVERDUE
    late = make_report(agreement, unit, 2023, 2)
    submitted_at(late, date(2024, 3, 1), hour=0, minute=0)
    assert states(date(2024, 3, 2))[key] == S.LATE


def test_current_semester_is_not_yet_due(unit):
    agreement = make_agreement(units=[unit])
    result = states(date(2024, 3, 1), include_current=True)
    assert result[(agreement.code, "DPUPR", 2024, 1)] == S.NOT_YET_DUE


# --- The register's filters: "Belum lapor" and "Terlambat" ------------------------------


def test_open_and_overdue_filters(unit):
    reported = make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    make_report(reported, unit, 2024, 1)
    unreported = make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    no_units = make_agreement(units=[], start_date=date(2024, 1, 1), end_date=None)
    everything = Agreement.objects.all()

    during_grace = date(2024, 7, 10)
    assert set(ob.with_open_obligation(everything, during_grace)) == {unreported}
    assert set(ob.with_overdue_obligation(everything, during_grace)) == set()

    after = date(2024, 7, 16)
    assert set(ob.with_open_obligation(everything, after)) == {unreported}
    assert set(ob.with_overdue_obligation(everything, after)) == {unreported}
    assert no_units not in ob.with_open_obligation(everything, after)


# --- Dormant ------------------------------------------------------------------------------


def dormant_codes(today):
    return set(ob.dormant(Agreement.objects.all(), today).values_list("code", flat=True))


def test_dormant_without_reports_for_the_last_two_closed_semesters(unit):
    silent = make_agreement(units=[unit], start_date=date(2022, 1, 1), end_date=None)
    reported_last = make_agreement(units=[unit], start_date=date(2022, 1, 1), end_date=None)
    make_report(reported_last, unit, 2024, 1)
    reported_before = make_agreement(units=[unit], start_date=date(2022, 1, 1), end_date=None)
    make_report(reported_before, unit, 2023, 2)
    reported_long_ago = make_agreement(units=[unit], start_date=date(2022, 1, 1), end_date=None)
    make_report(reported_long_ago, unit, 2023, 1)
    draft_only = make_agreement(units=[unit], start_date=date(2022, 1, 1), end_date=None)
    make_report(draft_only, unit, 2024, 1, status=ReportStatus.DRAFT)

    # 20 July 2024: the last two semesters whose deadline passed are 2024/1 and 2023/2.
    assert dormant_codes(date(2024, 7, 20)) == {
        silent.code,
        reported_long_ago.code,
        draft_only.code,
    }
    # 10 July 2024: 2024/1 is still in its grace period, so 2023/2 and 2023/1 count.
    assert dormant_codes(date(2024, 7, 10)) == {silent.code, draft_only.code, reported_last.code}


def test_a_report_of_any_unit_keeps_an_agreement_alive(unit):
    other = make_unit("DINKES")
    agreement = make_agreement(units=[unit, other], start_date=date(2022, 1, 1), end_date=None)
    make_report(agreement, other, 2024, 1)
    assert dormant_codes(date(2024, 8, 1)) == set()


def test_dormant_needs_a_full_semester_in_force_and_a_closed_one(unit):
    started_january = make_agreement(
        units=[unit], start_date=date(2024, 1, 1), signed_on=date(2024, 1, 1), end_date=None
    )
    started_march = make_agreement(
        units=[unit], start_date=date(2024, 3, 1), signed_on=date(2024, 3, 1), end_date=None
    )
    # 10 July: 2024/1 is full for the first but its deadline has not passed: nothing to judge.
    assert dormant_codes(date(2024, 7, 10)) == set()
    # 16 July: the first's only closed semester has no report; the second was never
    # in force for a full semester.
    assert dormant_codes(date(2024, 7, 16)) == {started_january.code}
    # 1 January 2025: 2024/2 was full for both; its deadline has not passed yet, so the
    # only closed semester of the second, 2024/1, decides.
    assert dormant_codes(date(2025, 1, 1)) == {started_january.code, started_march.code}


def test_agreements_not_in_force_today_are_not_dormant(unit):
    make_agreement(units=[unit], start_date=date(2020, 1, 1), end_date=date(2024, 7, 19))
    make_agreement(units=[unit], start_date=date(2020, 1, 1), stage=Stage.TERMINATED)
    assert dormant_codes(date(2024, 7, 20)) == set()


# --- Compliance ---------------------------------------------------------------------------


def test_compliance_per_unit_for_a_semester_and_a_year(unit):
    other = make_unit("DINKES")
    a = make_agreement(units=[unit, other], start_date=date(2023, 1, 1), end_date=None)
    b = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    submitted_at(make_report(a, unit, 2024, 1), date(2024, 7, 1))
    submitted_at(make_report(b, unit, 2024, 1), date(2024, 8, 1))
    submitted_at(make_report(a, other, 2023, 2), date(2024, 1, 2))

    def counts(**kwargs):
        units = ob.compliance_by_unit(
            Unit.objects.order_by("code"), today=date(2024, 8, 1), **kwargs
        )
        return {u.code: [getattr(u, f) for f in ob.COMPLIANCE_FIELDS] for u in units}

    # due, on time, late, overdue, pending
    assert counts(year=2024, semester=1) == {"DINKES": [1, 0, 0, 1, 0], "DPUPR": [2, 1, 1, 0, 0]}
    assert counts(year=2023) == {"DINKES": [2, 1, 0, 1, 0], "DPUPR": [4, 0, 0, 4, 0]}
    assert counts(year=2024) == {"DINKES": [1, 0, 0, 1, 0], "DPUPR": [2, 1, 1, 0, 0]}

    per_year = ob.compliance_per_year(unit, date(2024, 8, 1))
    assert per_year[0] == {
        "year": 2024,
        "due": 2,
        "on_time": 1,
        "late": 1,
        "overdue": 0,
        "pending": 0,
    }
    assert per_year[1]["year"] == 2023


def test_last_closed_period():
    assert ob.last_closed_period(date(2024, 7, 15)) == ob.Period(2023, 2)
    assert ob.last_closed_period(date(2024, 7, 16)) == ob.Period(2024, 1)
    assert ob.last_closed_period(date(2024, 1, 16)) == ob.Period(2023, 2)


# --- A fixed number of queries --------------------------------------------------------


def register(size):
    units = [make_unit() for _ in range(3)]
    for index in range(size):
        agreement = make_agreement(
            units=units[: 1 + index % 3], start_date=date(2020, 1, 1), end_date=None
        )
        if index % 2:
            make_report(agreement, units[0], 2023, 1)


def count_queries(function):
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_queries_do_not_grow_with_the_register():
    today = date(2024, 8, 1)
    calls = [
        lambda: list(ob.obligations(today)),
        lambda: list(ob.with_overdue_obligation(Agreement.objects.all(), today)),
        lambda: list(ob.with_open_obligation(Agreement.objects.all(), today)),
        lambda: list(ob.dormant(Agreement.objects.all(), today)),
        lambda: list(ob.compliance_by_unit(Unit.objects.all(), 2024, today=today)),
        lambda: ob.compliance_per_year(Unit.objects.first(), today),
    ]
    register(3)
    small = [count_queries(call) for call in calls]
    register(30)
    large = [count_queries(call) for call in calls]
    # compliance_by_unit: the units, then their counts; compliance_per_year: the unit
    # (Unit.objects.first()), then its counts.
    assert small == large == [1, 1, 1, 1, 2, 2]


# --- Narrowed by state -------------------------------------------------------------------


def test_every_choice_of_states_gives_exactly_those_obligations_and_their_count(unit):
    """``states=`` is answered by conditions, not by computing every row's state: each
    choice of states must give the same rows as the full list filtered by their state."""
    from itertools import combinations

    on_time, late, unreported, pending = (
        make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None) for _ in range(4)
    )
    today = date(2024, 7, 10)  # 2024/1 pending (grace), 2023/2 and before overdue
    submitted_at(make_report(on_time, unit, 2023, 2), date(2024, 1, 10))
    submitted_at(make_report(late, unit, 2023, 2), date(2024, 2, 1))
    make_report(unreported, unit, 2023, 2, status=ReportStatus.RETURNED)
    submitted_at(make_report(pending, unit, 2024, 1), date(2024, 7, 5))
    everything = states(today, include_current=True)
    assert set(everything.values()) == {S.ON_TIME, S.LATE, S.OVERDUE, S.PENDING, S.NOT_YET_DUE}

    for size in range(1, len(S.values) + 1):
        for chosen in combinations(S.values, size):
            expected = {key: state for key, state in everything.items() if state in chosen}
            assert states(today, include_current=True, states=chosen) == expected, chosen
            count = ob.obligations(today, include_current=True, states=chosen).count()
            assert count == len(expected), chosen


# --- Counting overdue obligations by arithmetic ----------------------------------------


@pytest.fixture
def mixed_register(unit):
    """Every case above in one register: agreements in force since before
    REPORTING_SINCE, ending on a semester's first day, starting on its last day, ended
    before it, not signed, without units; reports late, verified, draft, returned, of a
    unit that is not responsible, before REPORTING_SINCE, after the agreement ended."""
    other = make_unit("BAPPEDA")
    outsider = make_unit("DISKOMINFO")
    always = make_agreement(units=[unit, other], start_date=date(2015, 3, 1), end_date=None)
    ends_first_day = make_agreement(
        units=[unit], start_date=date(2019, 12, 31), end_date=date(2022, 7, 1)
    )
    starts_last_day = make_agreement(units=[other], start_date=date(2021, 6, 30), end_date=None)
    ends_before_since = make_agreement(
        units=[unit], start_date=date(2012, 1, 1), end_date=date(2018, 12, 31)
    )
    make_agreement(units=[unit], stage=Stage.TERMINATED)
    make_agreement(units=[unit], stage=Stage.DRAFTING, start_date=None, end_date=None)
    make_agreement(units=[], start_date=date(2020, 1, 1), end_date=None)
    for year, semester in [(2019, 1), (2020, 2), (2022, 1)]:
        submitted_at(make_report(always, unit, year, semester), date(year + 1, 3, 1))  # late
    make_report(always, other, 2020, 1, status=ReportStatus.VERIFIED)
    make_report(always, other, 2020, 2, status=ReportStatus.DRAFT)
    make_report(always, other, 2021, 1, status=ReportStatus.RETURNED)
    make_report(always, outsider, 2021, 2)  # not responsible for this one,
    make_agreement(units=[outsider], start_date=date(2020, 1, 1), end_date=None)  # but this
    make_report(always, unit, 2018, 2)  # before REPORTING_SINCE
    make_report(ends_first_day, unit, 2022, 2)  # after it ended
    make_report(ends_first_day, unit, 2022, 1)
    make_report(starts_last_day, other, 2021, 1)
    make_report(starts_last_day, other, 2024, 2)  # not yet overdue on some days
    make_report(ends_before_since, unit, 2019, 1)
    submitted_at(make_report(starts_last_day, other, 2022, 1), date(2022, 7, 10))  # on time
    return {
        "unit": unit,
        "other": other,
        "always": always,
        "ends_first_day": ends_first_day,
        "starts_last_day": starts_last_day,
    }


MIXED_DAYS = [
    date(2019, 7, 15),  # no deadline has passed yet
    date(2019, 7, 16),
    date(2021, 1, 15),
    date(2021, 1, 16),
    date(2022, 7, 2),
    date(2025, 1, 16),
    date(2026, 11, 29),
]


def test_count_overdue_agrees_with_the_obligations_on_every_edge(mixed_register, settings):
    """``count_overdue`` subtracts handed-in reports from owed semesters instead of
    asking each obligation: on a register holding every case above, on days around
    deadlines, with REPORTING_SINCE moved and narrowed by agreements and units, it gives
    the number of obligations whose state is overdue, and the number of the agreements
    that have one (of any unit, whatever the units' narrowing)."""
    unit, other = mixed_register["unit"], mixed_register["other"]
    always, ends_first_day = mixed_register["always"], mixed_register["ends_first_day"]
    starts_last_day = mixed_register["starts_last_day"]

    def overdue(today, **narrowing):
        rows = ob.obligations(today, states=[S.OVERDUE], **narrowing)
        return len(list(rows))

    days = MIXED_DAYS
    narrowings = [
        {},
        {"units": Unit.objects.filter(pk=unit.pk)},
        {"agreements": Agreement.objects.filter(pk__in=[always.pk, starts_last_day.pk])},
        {"agreements": [ends_first_day.pk], "units": [unit.pk, other.pk]},
    ]
    for since in [(2019, 1), (2020, 2)]:
        settings.REPORTING_SINCE = since
        for today in days:
            for narrowing in narrowings:
                agreements = narrowing.get("agreements", Agreement.objects.all())
                if isinstance(agreements, list):
                    agreements = Agreement.objects.filter(pk__in=agreements)
                expected = ob.OverdueCounts(
                    overdue(today, **narrowing),
                    ob.with_overdue_obligation(agreements, today).count(),
                )
                counted = ob.count_overdue(today=today, **narrowing)
                assert counted == expected, (since, today, narrowing)
    settings.REPORTING_SINCE = (2019, 1)
    assert ob.count_overdue(today=date(2026, 11, 29)).reports > 20


def test_reports_for_semesters_not_overdue_do_not_hide_a_missing_one(unit, settings):
    """The tallies count every handed-in report within the agreement's dates: one
    before REPORTING_SINCE and one for the running semester outnumber the one overdue
    semester, which is still missing."""
    settings.REPORTING_SINCE = (2019, 1)
    agreement = make_agreement(units=[unit], start_date=date(2018, 7, 1), end_date=None)
    make_report(agreement, unit, 2018, 2)
    make_report(agreement, unit, 2019, 2)
    today = date(2019, 7, 16)  # 2019/1 is overdue, and only it

    assert ob.count_overdue(today=today) == ob.OverdueCounts(reports=1, agreements=1)
    assert list(ob.with_overdue_obligation(Agreement.objects.all(), today)) == [agreement]
    make_report(agreement, unit, 2019, 1)
    assert ob.count_overdue(today=today) == ob.OverdueCounts(reports=0, agreements=0)


def test_count_overdue_takes_two_queries_at_any_size():
    today = date(2024, 8, 1)
    register(3)
    small = count_queries(lambda: ob.count_overdue(Agreement.objects.all(), today=today))
    register(30)
    large = count_queries(lambda: ob.count_overdue(Agreement.objects.all(), today=today))
    assert large == small == 2


def test_compliance_agrees_with_the_obligations_on_every_edge(mixed_register, settings):
    """Compliance is counted from the links in force and the handed-in reports of each
    semester; it must give, unit by unit, the obligations' own states."""
    for since in [(2019, 1), (2020, 2)]:
        settings.REPORTING_SINCE = since
        for today in MIXED_DAYS:
            expected = {}
            for row in ob.obligations(today):
                key = (row["unit_id"], row["year"])
                counts = expected.setdefault(key, dict.fromkeys(ob.COMPLIANCE_FIELDS, 0))
                counts["due"] += 1
                counts[row["state"].lower()] += 1
            units = Unit.objects.order_by("code")
            for year in range(2019, 2027):
                for unit in ob.compliance_by_unit(units, year, today=today):
                    figures = {field: getattr(unit, field) for field in ob.COMPLIANCE_FIELDS}
                    zero = dict.fromkeys(ob.COMPLIANCE_FIELDS, 0)
                    assert figures == expected.get((unit.pk, year), zero), (since, today, year)
            for unit in units:
                for row in ob.compliance_per_year(unit, today):
                    figures = {field: row[field] for field in ob.COMPLIANCE_FIELDS}
                    zero = dict.fromkeys(ob.COMPLIANCE_FIELDS, 0)
                    assert figures == expected.get((unit.pk, row["year"]), zero)
    assert any(expected.values())
