"""Monitoring in the admin: the register's filters, the agreement's reporting record,
the unit's compliance and the Operator OPD's to-do list on the index."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.roles import OPERATOR, PENGELOLA
from reports.choices import ReportStatus
from reports.models import Report
from tests.factories import make_agreement, make_report, make_unit, make_user

pytestmark = pytest.mark.django_db

REGISTER = reverse("admin:agreements_agreement_changelist")


@pytest.fixture
def unit():
    return make_unit("DPUPR", name="Dinas Pekerjaan Umum")


def listed(client, **params):
    response = client.get(REGISTER, params)
    assert response.status_code == 200
    return {agreement.code for agreement in response.context["cl"].result_list}


def test_the_register_filters_by_belum_lapor_terlambat_and_dormant(superuser_client, today, unit):
    today(date(2024, 7, 20))
    reported = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    make_report(reported, unit, 2024, 1)
    make_report(reported, unit, 2023, 2)
    make_report(reported, unit, 2023, 1)
    silent = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    make_report(silent, unit, 2023, 1)
    ended = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=date(2024, 1, 31))

    page = superuser_client.get(REGISTER).text
    for label in ("Belum lapor", "Terlambat", "Dormant"):
        assert f'title="{label}"' in page or f">{label}</a>" in page
    assert listed(superuser_client, monitoring="overdue") == {silent.code, ended.code}
    assert listed(superuser_client, monitoring="open") == {silent.code, ended.code}
    assert listed(superuser_client, monitoring="dormant") == {silent.code}
    today(date(2024, 7, 10))  # 2024/1 in its grace period: pending, not overdue
    assert listed(superuser_client, monitoring="open") == {silent.code, ended.code}
    assert listed(superuser_client, monitoring="overdue") == {silent.code, ended.code}


def test_an_operator_filters_only_their_own_agreements(client, today, unit):
    today(date(2024, 7, 20))
    own = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    make_agreement(units=[make_unit()], start_date=date(2023, 1, 1), end_date=None)
    client.force_login(make_user(role=OPERATOR, unit=unit))
    assert listed(client, monitoring="overdue") == {own.code}


def test_filtered_register_queries_do_not_grow(superuser_client, today, unit):
    today(date(2024, 7, 20))

    def queries():
        superuser_client.get(REGISTER, {"monitoring": "dormant"})
        with CaptureQueriesContext(connection) as captured:
            superuser_client.get(REGISTER, {"monitoring": "overdue"})
        return len(captured)

    for _ in range(3):
        make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    small = queries()
    for _ in range(20):
        make_agreement(units=[unit, make_unit()], start_date=date(2023, 1, 1), end_date=None)
    assert queries() == small


def test_the_agreement_page_shows_its_reporting_record(superuser_client, today, unit):
    today(date(2024, 7, 20))
    other = make_unit("DINKES", name="Dinas Kesehatan")
    agreement = make_agreement(
        units=[unit, other], start_date=date(2023, 9, 1), signed_on=date(2023, 9, 1), end_date=None
    )
    report = make_report(agreement, unit, 2024, 1)
    late = make_report(agreement, unit, 2023, 2)
    Report.objects.filter(pk=late.pk).update(
        submitted_at=timezone.make_aware(datetime(2024, 2, 1, 9, 0))
    )

    page = superuser_client.get(
        reverse("admin:agreements_agreement_change", args=[agreement.pk])
    ).text

    assert "Pelaporan" in page
    for text in (
        "Semester 2 2024",  # today's semester
        "Belum jatuh tempo",
        "Semester 1 2024",
        "15 Juli 2024",
        "Tepat waktu",
        "Dilaporkan terlambat",
        "Terlambat",
        "Dinas Kesehatan",
    ):
        assert text in page
    assert "Semester 1 2023" not in page  # not in force then
    assert reverse("admin:reports_report_change", args=[report.pk]) in page
    assert f"/admin/reports/report/add/?agreement={agreement.pk}&amp;unit={other.pk}" in page


def test_an_operator_sees_only_their_units_record(client, today, unit):
    today(date(2024, 7, 20))
    other = make_unit("DINKES", name="Dinas Kesehatan")
    agreement = make_agreement(units=[unit, other], start_date=date(2024, 1, 1), end_date=None)
    client.force_login(make_user(role=OPERATOR, unit=unit))
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).text
    record = page[page.index('<table class="reporting-record">') :]
    record = record[: record.index("</table>")]
    assert "Dinas Pekerjaan Umum" in record
    assert "Dinas Kesehatan" not in record


def test_the_unit_page_shows_compliance_per_year(superuser_client, today, unit, settings):
    settings.REPORTING_SINCE = (2023, 1)
    today(date(2024, 7, 20))
    agreement = make_agreement(units=[unit], start_date=date(2023, 1, 1), end_date=None)
    make_report(agreement, unit, 2023, 1)
    page = superuser_client.get(reverse("admin:agreements_unit_change", args=[unit.pk]))
    text = page.text
    assert "kepatuhan pelaporan" in text.lower()
    # 2024: one due, overdue; 2023: two due, one on time, one overdue.
    assert "<td>2024</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td>" in text
    assert "<td>2023</td><td>2</td><td>1</td><td>0</td><td>1</td><td>0</td>" in text


# --- The Operator OPD's first screen ---------------------------------------------------


def test_the_operator_sees_their_units_open_obligations_first(client, today, unit):
    today(date(2024, 7, 10))
    other = make_unit("DINKES")
    to_write = make_agreement(
        units=[unit], start_date=date(2024, 1, 1), end_date=None, title="Jalan poros desa"
    )
    returned = make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    make_report(
        returned, unit, 2024, 1, status=ReportStatus.RETURNED, verifier_note="Lampirkan foto."
    )
    done = make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    make_report(done, unit, 2024, 1)
    not_ours = make_agreement(units=[other], start_date=date(2024, 1, 1), end_date=None)
    client.force_login(make_user(role=OPERATOR, unit=unit))

    page = client.get(reverse("admin:index")).text

    assert page.index("operator-todo") < page.index("app-agreements")
    assert to_write.code in page and "Jalan poros desa" in page
    assert returned.code in page and "Lampirkan foto." in page and "Perbaiki laporan" in page
    assert done.code not in page
    assert not_ours.code not in page
    assert "15 Juli 2024" in page
    assert "sisa 5 hari" in page
    assert f"?agreement={to_write.pk}&amp;unit={unit.pk}&amp;year=2024&amp;semester=1" in page

    today(date(2024, 7, 20))
    assert "terlambat 5 hari" in client.get(reverse("admin:index")).text


def test_the_office_has_no_to_do_list(client, today, unit):
    make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    client.force_login(make_user(role=PENGELOLA))
    assert "operator-todo" not in client.get(reverse("admin:index")).text


def test_the_prefilled_report_saves_after_typing_the_activities(client, today, unit):
    today(date(2024, 7, 10))
    agreement = make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    client.force_login(make_user(role=OPERATOR, unit=unit))
    index = client.get(reverse("admin:index"))
    [item] = index.context["operator_todo"]

    form_page = client.get(item["url"])
    form = form_page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "activities": "Pembangunan jalan poros desa",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        }
    )
    response = client.post(item["url"], data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    report = Report.objects.get()
    assert (report.agreement, report.unit, report.year, report.semester) == (
        agreement,
        unit,
        2024,
        1,
    )
