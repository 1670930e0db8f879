"""The side routes that wrote past the roles (issue 7), replayed as a tester would.

History "revert" pages, report imports, attachments' own pages, the report form's
workflow and the child agreements listed on an agreement's page.
"""

import pytest
from django.test import Client

from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.choices import ReportStatus
from reports.models import ReportAttachment
from tests.admin.forms import page_data
from tests.factories import (
    PDF_BYTES,
    make_agreement,
    make_evaluation,
    make_report,
    make_unit,
    make_user,
    make_visit,
)
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(obj, view="change", *args):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{view}/" + "".join(
        f"{arg}/" for arg in args
    )


def state(obj):
    """The stored row and its history, to prove nothing was written."""
    model = type(obj)
    row = model.objects.filter(pk=obj.pk).values().first()
    history = getattr(model, "history", None)
    return row, history.filter(**{model._meta.pk.attname: obj.pk}).count() if history else None


@pytest.fixture
def unit_a():
    return make_unit("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang")


@pytest.fixture
def operator(unit_a):
    return make_user("operator", role=OPERATOR, unit=unit_a)


# --- 1. History "revert" -------------------------------------------------------------


def revert_targets(unit_a):
    agreement = make_agreement(units=[unit_a], title="Judul asli")
    report = make_report(agreement, unit_a, status=ReportStatus.RETURNED, verifier_note="Kurang")
    return [
        agreement,
        report,
        agreement.partners.get(),
        unit_a,
        make_evaluation(agreement),
        make_visit(),
    ]


@pytest.mark.parametrize("role", [PIMPINAN, OPERATOR, PENGELOLA])
def test_a_past_version_is_read_only_and_its_revert_post_is_refused(role, unit_a):
    user = make_user(role=role, unit=unit_a if role == OPERATOR else None)
    client = logged_in(user)
    for obj in revert_targets(unit_a):
        version = type(obj).history.filter(**{type(obj)._meta.pk.attname: obj.pk}).first()
        url = admin_url(obj, "history", version.history_id)
        page = client.get(url)
        data = page_data(page) if page.status_code == 200 else {}
        before = state(obj)

        response = client.post(url, {**data, "title": "Diubah lewat riwayat", "name": "X"})

        assert response.status_code == 403, obj
        assert "Versi lama tidak dapat dipulihkan di sini" in response.text
        assert state(obj) == before
        if page.status_code == 200:
            # Shown read-only: no input to type into, no save button.
            assert 'name="_save"' not in page.text
            assert data.keys() <= {"opened_version", "version"} | {
                key for key in data if "-" in key
            }


# --- 2. Operators and closed reports --------------------------------------------------


REPORT_HEADERS = [
    "Kode Kerja Sama",
    "Perangkat Daerah",
    "Tahun",
    "Semester",
    "Kegiatan",
    "Status",
]


def operator_import(client, rows):
    from io import BytesIO

    upload = BytesIO(xlsx_bytes(rows))
    upload.name = "laporan.xlsx"
    return client.post(
        "/admin/reports/report/import/",
        {"resource": "0", "format": "0", "import_file": upload},
    )


@pytest.mark.parametrize(
    ("stored", "status_cell", "message"),
    [
        (ReportStatus.VERIFIED, "Diverifikasi", "Laporan ini berstatus “Diverifikasi”"),
        (ReportStatus.VERIFIED, "Draft", "Laporan ini berstatus “Diverifikasi”"),
        (ReportStatus.SUBMITTED, "Draft", "Laporan ini berstatus “Diajukan”"),
        (ReportStatus.DRAFT, "Diverifikasi", "Anda tidak dapat menjadikan laporan “Diverifikasi”"),
    ],
)
def test_an_operators_import_cannot_touch_a_closed_report_or_verify_one(
    media_root, unit_a, operator, stored, status_cell, message
):
    report = make_report(make_agreement(units=[unit_a]), unit_a, status=stored)
    before = state(report)
    rows = [
        REPORT_HEADERS,
        [report.agreement.code, unit_a.code, 2020, 1, "Teks baru dari berkas", status_cell],
    ]

    preview = operator_import(logged_in(operator), rows)

    assert preview.context.get("confirm_form") is None
    problems = [str(problem) for problem in preview.context["problems"]]
    assert len(problems) == 1
    assert problems[0].startswith(f"Baris 2, kolom “Status”: {message}")
    assert state(report) == before


def test_an_operators_import_still_writes_their_draft_report(media_root, unit_a, operator):
    report = make_report(make_agreement(units=[unit_a]), unit_a, status=ReportStatus.DRAFT)
    client = logged_in(operator)
    rows = [REPORT_HEADERS, [report.agreement.code, unit_a.code, 2020, 1, "Teks baru", "Diajukan"]]

    preview = operator_import(client, rows)
    form = preview.context["confirm_form"]
    done = client.post(
        "/admin/reports/report/process_import/", {name: form.initial[name] for name in form.fields}
    )

    assert done.status_code == 302
    report.refresh_from_db()
    assert (report.activities, report.status) == ("Teks baru", ReportStatus.SUBMITTED)


@pytest.mark.parametrize("stored", [ReportStatus.SUBMITTED, ReportStatus.VERIFIED])
def test_an_operator_cannot_attach_files_to_a_report_waiting_or_verified(
    media_root, unit_a, operator, stored
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = make_report(make_agreement(units=[unit_a]), unit_a, status=stored)
    client = logged_in(operator)

    response = client.post(
        "/admin/reports/reportattachment/add/",
        {"report": report.pk, "title": "Foto", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )

    assert response.status_code == 200  # the form again, with the report refused
    assert response.context["adminform"].form.errors["report"]
    assert not ReportAttachment.objects.exists()


def test_an_operator_attaches_files_to_their_draft_report(media_root, unit_a, operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = make_report(make_agreement(units=[unit_a]), unit_a, status=ReportStatus.DRAFT)

    response = logged_in(operator).post(
        "/admin/reports/reportattachment/add/",
        {"report": report.pk, "title": "Foto", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )

    assert response.status_code == 302
    assert ReportAttachment.objects.get().report == report


def test_an_attachment_of_a_verified_report_cannot_be_changed_or_deleted(
    media_root, unit_a, operator
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = make_report(make_agreement(units=[unit_a]), unit_a, status=ReportStatus.VERIFIED)
    attachment = ReportAttachment.objects.create(
        report=report, title="Berita acara", file=SimpleUploadedFile("a.pdf", PDF_BYTES)
    )
    client = logged_in(operator)

    changed = client.post(admin_url(attachment), {"report": report.pk, "title": "Lain"})
    deleted = client.post(admin_url(attachment, "delete"), {"post": "yes"})

    assert (changed.status_code, deleted.status_code) == (403, 403)
    attachment.refresh_from_db()
    assert attachment.title == "Berita acara"


@pytest.mark.parametrize("stored", [ReportStatus.SUBMITTED, ReportStatus.VERIFIED])
def test_an_operator_cannot_take_back_a_submitted_report(unit_a, operator, stored):
    report = make_report(make_agreement(units=[unit_a]), unit_a, status=stored)
    client = logged_in(operator)
    page = client.get(admin_url(report))
    before = state(report)

    response = client.post(
        admin_url(report),
        {
            **page_data(page),
            "agreement": report.agreement_id,
            "unit": unit_a.pk,
            "year": 2020,
            "semester": 1,
            "activities": "Ditarik kembali",
            "status": ReportStatus.DRAFT,
        },
    )

    assert page.status_code == 200 and 'name="_save"' not in page.text  # read-only
    assert response.status_code == 403
    assert state(report) == before


def test_an_operator_edits_a_returned_report_and_submits_it_again(unit_a, operator):
    report = make_report(
        make_agreement(units=[unit_a]), unit_a, status=ReportStatus.RETURNED, verifier_note="Kurang"
    )
    client = logged_in(operator)
    page = client.get(admin_url(report))
    offered = [value for value, _label in page.context["adminform"].form.fields["status"].choices]

    response = client.post(
        admin_url(report),
        {**page_data(page), "activities": "Dilengkapi", "status": ReportStatus.SUBMITTED},
    )

    assert set(offered) == {ReportStatus.RETURNED, ReportStatus.DRAFT, ReportStatus.SUBMITTED}
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.activities, report.status) == ("Dilengkapi", ReportStatus.SUBMITTED)
    assert report.history.first().status == ReportStatus.SUBMITTED


def test_an_operator_cannot_verify_their_own_report_by_a_forged_form(unit_a, operator):
    report = make_report(make_agreement(units=[unit_a]), unit_a, status=ReportStatus.DRAFT)
    client = logged_in(operator)
    before = state(report)

    response = client.post(
        admin_url(report),
        {**page_data(client.get(admin_url(report))), "status": ReportStatus.VERIFIED},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    assert state(report) == before


# --- 4. Children of another unit ----------------------------------------------------


def test_an_operator_sees_only_the_children_of_their_own_unit(unit_a, operator):
    other_unit = make_unit("DINKES", "Dinas Kesehatan")
    framework = make_agreement(units=[unit_a], title="Kesepakatan induk")
    own_child = make_agreement(units=[unit_a], parent=framework, title="PKS jalan desa")
    hidden_child = make_agreement(
        units=[other_unit], parent=framework, number="77/RAHASIA/2020", title="PKS puskesmas"
    )

    page = logged_in(operator).get(admin_url(framework))

    assert page.status_code == 200
    assert own_child.code in page.text
    for secret in (hidden_child.code, hidden_child.number, hidden_child.title):
        assert secret not in page.text
    office_page = logged_in(make_user(role=PENGELOLA)).get(admin_url(framework))
    assert hidden_child.code in office_page.text
