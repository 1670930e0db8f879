"""A unit's report in a real browser, on a desk and on a phone: the operator writes and
submits it, the office returns it with a note, the operator fixes and resubmits, the
office verifies it from the list."""

import pytest

from agreements import roles
from reports.choices import ReportStatus
from reports.models import Report
from tests.browser.pages import DESKTOP, PHONE, horizontal_overflow, pick
from tests.factories import make_agreement, make_unit, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_report_written_returned_fixed_and_verified(open_page, viewport):
    unit = make_unit("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang")
    agreement = make_agreement(units=[unit], title="Pembangunan jalan poros desa")
    operator = make_user("operator", role=roles.OPERATOR, unit=unit)
    clerk = make_user("pengelola", role=roles.PENGELOLA)

    page = open_page(operator, viewport)
    page.goto("/admin/reports/report/add/")
    pick(page, "id_agreement", agreement.code)
    page.fill("#id_year", "2020")
    page.select_option("#id_semester", "1")
    page.fill("#id_activities", "Survei lokasi")
    page.fill("#id_budget", "1.500.000")
    page.select_option("#id_status", ReportStatus.SUBMITTED)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert horizontal_overflow(page) <= 0
    report = Report.objects.get()
    assert (report.status, report.unit, report.budget) == (ReportStatus.SUBMITTED, unit, 1500000)

    office = open_page(clerk, viewport)
    office.goto(f"/admin/reports/report/{report.pk}/change/")
    assert "Pembangunan jalan poros desa" in office.locator("#content").inner_text()
    office.select_option("#id_status", ReportStatus.RETURNED)
    office.fill("#id_verifier_note", "Lampirkan berita acara survei.")
    office.click("input[name=_save]")
    office.wait_for_selector(".messagelist .success")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    page.goto(f"/admin/reports/report/{report.pk}/change/")
    assert "Lampirkan berita acara survei." in page.locator("#content").inner_text()
    page.fill("#id_activities", "Survei lokasi dan berita acara")
    page.select_option("#id_status", ReportStatus.SUBMITTED)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    office.goto("/admin/reports/report/?status__exact=SUBMITTED")
    office.check("#result_list input.action-select")
    office.select_option("select[name=action]", "verify")
    office.click("button[name=index]")
    message = office.locator(".messagelist").inner_text()
    assert "1 laporan diverifikasi" in message
    assert "-" not in message.split("diverifikasi")[1]  # no "-1 laporan belum diajukan"
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED
    assert report.verified_by == clerk
