"""The report tallies (reports/obligations/tally.py): whatever writes reports, responsible
units or an agreement's dates, each tally equals the count the ORM gives right after."""

from datetime import date

import pytest
from django.db import connection

from agreements.models import Agreement, AgreementUnit
from reports.choices import REPORTED_STATUSES, ReportStatus
from reports.models import Report, ReportTally
from reports.obligations import tally
from tests.factories import make_agreement, make_report, make_unit
from tests.kept_tables import rebuild_table, while_open

pytestmark = pytest.mark.django_db


def semester_number(day):
    return day.year * 2 + (day.month > 6)


def counted():
    """``{link id: handed-in reports within the agreement's dates}``, by the ORM."""
    result = {}
    for link in AgreementUnit.objects.select_related("agreement"):
        agreement = link.agreement
        reports = Report.objects.filter(
            agreement=agreement, unit=link.unit_id, status__in=REPORTED_STATUSES
        )
        result[link.pk] = sum(
            1
            for report in reports
            if agreement.start_date is not None
            and report.year * 2 + report.semester - 1 >= semester_number(agreement.start_date)
            and (
                agreement.end_date is None
                or report.year * 2 + report.semester - 1 <= semester_number(agreement.end_date)
            )
        )
    return result


def stored():
    return dict(ReportTally.objects.values_list("link_id", "handed_in"))


def assert_tallies_right():
    assert stored() == counted()


@pytest.fixture
def register():
    """An agreement in force from 29 October 2019 (2019/2) to 28 October 2024 (2024/2),
    with a lead unit and a second one."""
    lead, other = make_unit(), make_unit()
    agreement = make_agreement(units=[lead, other])
    return agreement, lead, other


def test_a_report_counts_once_handed_in_and_within_the_dates(register):
    agreement, lead, other = register
    assert stored() == dict.fromkeys(stored(), 0) and len(stored()) == 2

    draft = make_report(agreement, lead, 2020, 1, status=ReportStatus.DRAFT)
    make_report(agreement, lead, 2020, 2, status=ReportStatus.SUBMITTED)
    make_report(agreement, lead, 2021, 1, status=ReportStatus.VERIFIED)
    make_report(agreement, lead, 2019, 1)  # before the start's semester
    make_report(agreement, lead, 2024, 2)  # the end's semester counts
    make_report(agreement, lead, 2025, 1)  # after it
    make_report(agreement, other, 2022, 1, status=ReportStatus.RETURNED)
    assert_tallies_right()
    assert stored()[agreement.agreement_units.get(unit=lead).pk] == 3

    draft.status = ReportStatus.SUBMITTED
    draft.save()
    assert stored()[agreement.agreement_units.get(unit=lead).pk] == 4
    assert_tallies_right()


def test_reports_changed_or_removed_in_bulk_are_recounted(register):
    agreement, lead, other = register
    for year in (2020, 2021, 2022):
        make_report(agreement, lead, year, 1)
    Report.objects.bulk_create(
        [
            Report(agreement=agreement, unit=other, year=2023, semester=semester)
            for semester in (1, 2)
        ]
    )
    assert_tallies_right()  # bulk-created reports are drafts: not counted

    Report.objects.filter(unit=other).update(status=ReportStatus.SUBMITTED)
    assert_tallies_right()
    Report.objects.filter(year=2021).update(year=2018)  # out of the agreement's dates
    assert_tallies_right()
    Report.objects.filter(year=2022).update(unit=other)  # to the other unit
    assert_tallies_right()
    Report.objects.filter(unit=other, semester=2).update(semester=1, year=2024)
    assert_tallies_right()
    elsewhere = make_agreement(units=[lead], start_date=date(2015, 1, 1), end_date=None)
    Report.objects.filter(year=2022).update(agreement=elsewhere, unit=lead)  # both recounted
    assert_tallies_right()
    assert stored()[elsewhere.agreement_units.get().pk] == 1
    Report.objects.filter(agreement=elsewhere).update(agreement=agreement)
    assert_tallies_right()
    Report.objects.filter(year=2020).delete()
    assert_tallies_right()
    Report.objects.get(year=2024).delete()
    assert_tallies_right()
    assert sum(stored().values()) == 2


def test_an_agreement_whose_dates_change_is_recounted(register):
    agreement, lead, _other = register
    for year in range(2018, 2027):
        make_report(agreement, lead, year, 2)
    assert_tallies_right()

    agreement.start_date = date(2021, 3, 1)
    agreement.save()
    assert_tallies_right()
    Agreement.objects.filter(pk=agreement.pk).update(end_date=None)
    assert_tallies_right()
    Agreement.objects.filter(pk=agreement.pk).update(start_date=None)
    assert set(stored().values()) == {0}
    assert_tallies_right()
    Agreement.objects.filter(pk=agreement.pk).update(start_date=date(2018, 12, 31))
    assert_tallies_right()
    agreement.title = "Judul baru"  # no change of dates: the tallies stay as they are
    agreement.save()
    assert_tallies_right()


def test_units_added_moved_and_removed_keep_one_tally_each(register):
    agreement, lead, other = register
    third = make_unit()
    make_report(agreement, third, 2020, 1)  # written while the unit was listed, say
    make_report(agreement, lead, 2020, 1)
    assert_tallies_right()

    agreement.set_units([lead, other, third])  # a unit with a report already
    assert_tallies_right()
    assert stored()[agreement.agreement_units.get(unit=third).pk] == 1

    link = agreement.agreement_units.get(unit=other)
    fourth = make_unit()
    make_report(agreement, fourth, 2021, 2)
    link.unit = fourth
    link.save()
    assert_tallies_right()
    AgreementUnit.objects.filter(pk=link.pk).update(unit=other)
    assert_tallies_right()
    elsewhere = make_agreement(start_date=date(2021, 1, 1), end_date=None)
    make_report(elsewhere, other, 2021, 2)
    AgreementUnit.objects.filter(pk=link.pk).update(agreement=elsewhere)  # another agreement
    assert_tallies_right()
    assert stored()[link.pk] == 1
    AgreementUnit.objects.filter(pk=link.pk).update(agreement=agreement)
    assert_tallies_right()

    agreement.set_units([third])
    assert_tallies_right()
    assert len(stored()) == 1
    Report.objects.filter(agreement=agreement).delete()  # they protect the agreement
    agreement.delete()
    Report.objects.all().delete()
    Agreement.objects.all().delete()
    assert stored() == {}


def test_installing_again_recounts_every_tally(register):
    agreement, lead, _other = register
    make_report(agreement, lead, 2020, 1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_reporttally SET handed_in = 7")
        cursor.execute(
            "DELETE FROM reports_reporttally WHERE handed_in = 7 AND link_id IN (%s)",
            [agreement.agreement_units.get(unit=lead).pk],
        )
    assert stored() != counted()

    tally.TALLIES.install()
    tally.TALLIES.install()  # as often as migrate runs
    assert_tallies_right()
    make_report(agreement, lead, 2021, 1)
    assert_tallies_right()  # the triggers are still there, once each


def test_the_triggers_count_the_statuses_the_monitoring_counts():
    sql = "".join(tally.STATEMENTS[connection.vendor]())
    for status in ReportStatus:
        assert (f"'{status}'" in sql) == (status in REPORTED_STATUSES), status


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_restores_lost_triggers_and_migrating_back_drops_them():
    """SQLite drops a table's triggers when Django rebuilds the table; ``migrate``
    installs them again and recounts. Back before the tallies, reports still save."""
    from django.core.management import call_command

    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit, 2020, 1)
    tally.TALLIES.uninstall()  # as a rebuilt table would have lost them
    make_report(agreement, unit, 2021, 1)
    assert stored() != counted()

    call_command("migrate", verbosity=0)
    assert_tallies_right()

    call_command("migrate", "reports", "0007", verbosity=0)
    try:
        make_report(agreement, unit, 2022, 1)  # no trigger left writing to a lost table
    finally:
        call_command("migrate", verbosity=0)
    assert_tallies_right()
    assert stored()[agreement.agreement_units.get().pk] == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_migration_that_rebuilds_a_table_keeps_the_tallies():
    """Django alters a SQLite table by building a new one and renaming it over the old,
    which SQLite refuses while a trigger names a table in between: ``migrate`` drops
    the triggers first (pre_migrate) and puts them back after, recounting."""
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
    from django.db import DatabaseError

    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit, 2020, 1)

    if connection.vendor == "sqlite":
        with pytest.raises(DatabaseError, match="reports_tally"):
            rebuild_table(Report, "activities")  # with the triggers in place
    emit_pre_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    rebuild_table(Report, "activities")
    make_report(agreement, unit, 2021, 1)  # written while the triggers are away
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert_tallies_right()
    make_report(agreement, unit, 2022, 1)
    assert_tallies_right()
    assert stored()[agreement.agreement_units.get().pk] == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_unit_added_while_its_report_is_handed_in_is_counted():
    """Two transactions at once on one agreement (PostgreSQL only: SQLite lets one
    writer in at a time): the report's recount waits for the new unit's transaction,
    then sees its tally; without that wait neither would count the report."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    unit, other = make_unit(), make_unit()
    agreement = make_agreement(units=[other])
    while_open(
        lambda: AgreementUnit.objects.create(agreement=agreement, unit=unit),
        lambda: make_report(agreement, unit, 2020, 1),
    )
    assert_tallies_right()
    assert stored()[AgreementUnit.objects.get(unit=unit).pk] == 1
