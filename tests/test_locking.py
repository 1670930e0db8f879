"""Two clerks, one record: a save made from a stale copy is refused, never silent.

Through the admin form (agreement, report) and through the admin's import (a row whose
object changed between the preview and the confirmation). On SQLite and PostgreSQL.
"""

import pytest
from django.db import transaction
from django.test import Client

from agreements.models import Agreement
from agreements.roles import OPERATOR, PENGELOLA
from core.locking import StaleVersionError
from reports.choices import ReportStatus
from reports.models import Report
from tests.admin.forms import page_data
from tests.factories import make_agreement, make_report, make_unit, make_user
from tests.pages import admin_confirm, admin_upload
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def test_the_second_of_two_clerks_saving_an_agreement_is_refused_and_told_what_changed():
    agreement = make_agreement(notes="")
    first = make_user("siti", role=PENGELOLA)
    second = make_user("budi", role=PENGELOLA)
    first_client, second_client = logged_in(first), logged_in(second)
    first_data = page_data(first_client.get(change_url(agreement)))
    second_data = page_data(second_client.get(change_url(agreement)))
    entries = agreement.history.count()

    saved = first_client.post(change_url(agreement), {**first_data, "notes": "Catatan rapat"})
    refused = second_client.post(
        change_url(agreement), {**second_data, "title": "Judul baru dari Budi"}
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.text
    assert "Data ini diubah setelah Anda membukanya" in page
    assert "siti mengubah Keterangan" in page
    # What Budi typed is still in the field.
    assert "Judul baru dari Budi" in str(refused.context["adminform"].form["title"])
    agreement.refresh_from_db()
    assert agreement.notes == "Catatan rapat"
    assert agreement.title != "Judul baru dari Budi"
    assert agreement.history.count() == entries + 1

    # Having seen the change, Budi takes Siti's notes over and saves again.
    again = second_client.post(
        change_url(agreement), {**page_data(refused), "notes": "Catatan rapat"}
    )

    assert again.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.notes) == ("Judul baru dari Budi", "Catatan rapat")


def test_an_operators_stale_form_cannot_undo_the_office_returning_a_report():
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, status=ReportStatus.DRAFT)
    operator = logged_in(make_user(role=OPERATOR, unit=unit))
    office = logged_in(make_user("verifikator", role=PENGELOLA))
    operator_data = page_data(operator.get(change_url(report)))
    office_data = page_data(office.get(change_url(report)))

    returned = office.post(
        change_url(report),
        {**office_data, "status": ReportStatus.RETURNED, "verifier_note": "Lengkapi anggaran."},
    )
    stale = operator.post(change_url(report), {**operator_data, "status": ReportStatus.SUBMITTED})

    assert returned.status_code == 302
    assert stale.status_code == 200
    assert "verifikator mengubah" in stale.text
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.verifier_note == "Lengkapi anggaran."


def test_a_save_racing_past_the_form_check_is_refused_by_the_database():
    agreement = make_agreement()
    stale_copy = Agreement.objects.get(pk=agreement.pk)
    fresh_copy = Agreement.objects.get(pk=agreement.pk)
    fresh_copy.title = "Disimpan lebih dulu"
    fresh_copy.save()

    stale_copy.title = "Ditimpa diam-diam"

    with pytest.raises(StaleVersionError), transaction.atomic():
        stale_copy.save()
    agreement.refresh_from_db()
    assert agreement.title == "Disimpan lebih dulu"


# --- The admin's import: preview, then confirm --------------------------------------


def problems_of(response):
    """(where, the message's first sentence) of each problem the page lists."""
    assert "Berubah setelah pratinjau" in response.text
    return [tuple(str(problem).split(": ")[:2]) for problem in response.context["problems"]]


REPORT_HEADERS = ["Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester", "Kegiatan"]


def test_an_import_row_whose_report_changed_after_the_preview_is_refused(media_root):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, activities="Rapat awal")
    clerk = logged_in(make_user("clerk", role=PENGELOLA))
    rows = [REPORT_HEADERS, [report.agreement.code, unit.code, 2020, 1, "Dari berkas"]]

    preview = admin_upload(clerk, xlsx_bytes(rows), "laporan.xlsx", "reports/report")
    assert preview.context["confirm_form"] is not None
    meanwhile = logged_in(make_user("siti", role=PENGELOLA))
    meanwhile.post(
        change_url(report),
        {**page_data(meanwhile.get(change_url(report))), "activities": "Diubah Siti"},
    )
    done = admin_confirm(clerk, preview, "reports/report")

    assert done.status_code == 200
    assert problems_of(done) == [("Baris 2, kolom “Kode Kerja Sama”", "Berubah setelah pratinjau")]
    assert "siti mengubah Kegiatan" in done.text
    report.refresh_from_db()
    assert report.activities == "Diubah Siti"


def test_an_agreement_import_confirmed_after_a_form_edit_is_refused(media_root):
    agreement = make_agreement(title="Judul lama")
    clerk = logged_in(make_user("clerk", role=PENGELOLA))
    partner = agreement.partners.get()
    rows = [
        ["Kode", "Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap"],
        [agreement.code, "Judul dari berkas", "PKS", "KSDPK", partner.name, "Ditandatangani"],
    ]
    preview = admin_upload(clerk, xlsx_bytes(rows), "register.xlsx")
    assert preview.context["confirm_form"] is not None
    other = logged_in(make_user("budi", role=PENGELOLA))
    data = page_data(other.get(change_url(agreement)))
    assert other.post(change_url(agreement), {**data, "notes": "Catatan Budi"}).status_code == 302
    entries = agreement.history.count()

    done = admin_confirm(clerk, preview)

    assert problems_of(done) == [("Baris 2, kolom “Kode”", "Berubah setelah pratinjau")]
    assert "budi mengubah Keterangan" in done.text
    agreement.refresh_from_db()
    assert (agreement.title, agreement.notes) == ("Judul lama", "Catatan Budi")
    assert agreement.history.count() == entries


def test_an_import_confirmed_with_nothing_changed_in_between_goes_through(media_root):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, activities="Rapat awal")
    clerk = logged_in(make_user("clerk", role=PENGELOLA))
    rows = [REPORT_HEADERS, [report.agreement.code, unit.code, 2020, 1, "Dari berkas"]]

    done = admin_confirm(
        clerk,
        admin_upload(clerk, xlsx_bytes(rows), "laporan.xlsx", "reports/report"),
        "reports/report",
    )

    assert done.status_code == 302
    report.refresh_from_db()
    assert report.activities == "Dari berkas"
    assert Report.objects.count() == 1
