"""What the outside replay of issue 7 still found: a save that races past the form's
check, an import row that does, another unit's report probed through the import, whole
documents with a web page or a script hidden inside, and a form's inline rows changed
on their own pages after the form was opened.

A race cannot be played on the single connection of a test: the other clerk's save is
made, through the model as the other request would, the moment this save begins
(``saved_first_by``), inside this request's transaction. What the request does then is
what it does when that save has just committed: its conditional UPDATE finds nothing.
"""

from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import pre_save
from django.test import Client

from agreements.models import Agreement, AgreementDocument
from agreements.roles import OPERATOR, PENGELOLA
from reports.choices import ReportStatus
from reports.models import Report, ReportAttachment
from tests.admin.forms import page_data
from tests.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    make_agreement,
    make_document,
    make_report,
    make_unit,
    make_user,
)
from tests.pages import admin_confirm, admin_upload
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db

REPORT_HEADERS = ["Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester", "Kegiatan"]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def state(obj):
    """The stored row and its history, to prove nothing was written."""
    model = type(obj)
    row = model.objects.filter(pk=obj.pk).values().first()
    return row, model.history.filter(**{model._meta.pk.attname: obj.pk}).count()


@contextmanager
def saved_first_by(user, model, **changes):
    """``user`` saves ``changes`` to the same row just before the next save of a
    ``model`` goes to the database."""
    done = []

    def save_first(sender, instance, raw=False, **kwargs):
        if done or raw or instance.pk is None:
            return
        done.append(instance.pk)
        other = sender.objects.get(pk=instance.pk)
        for name, value in changes.items():
            setattr(other, name, value)
        other._history_user = user
        other.save()

    pre_save.connect(save_first, sender=model, weak=False)
    try:
        yield done
    finally:
        pre_save.disconnect(save_first, sender=model)


# --- A save racing past the form's check ----------------------------------------------


def test_a_form_save_that_loses_the_race_keeps_the_clerks_input_on_the_page():
    agreement = make_agreement(title="Judul lama", notes="")
    siti = make_user("siti", role=PENGELOLA)
    budi = logged_in(make_user("budi", role=PENGELOLA))
    data = {**page_data(budi.get(change_url(agreement))), "title": "Judul baru dari Budi"}
    before = state(agreement)

    with saved_first_by(siti, Agreement, notes="Catatan Siti") as raced:
        refused = budi.post(change_url(agreement), data)

    assert raced, "the other clerk's save did not come in between"
    # Shown again like any refused form, not redirected: what Budi typed is still there.
    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert "Data ini diubah setelah Anda membukanya" in refused.text
    assert "siti mengubah Keterangan" in refused.text
    assert "Judul baru dari Budi" in str(form["title"])
    # Nothing of Budi's save was written (nor, on this one connection, Siti's).
    assert state(agreement) == before

    # Having compared, Budi saves again from the page he was shown.
    again = budi.post(change_url(agreement), page_data(refused))

    assert again.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Judul baru dari Budi"


def test_an_operators_report_save_that_loses_the_race_to_the_office_is_refused_in_the_form():
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, status=ReportStatus.DRAFT)
    office = make_user("verifikator", role=PENGELOLA)
    operator = logged_in(make_user("operator", role=OPERATOR, unit=unit))
    data = {
        **page_data(operator.get(change_url(report))),
        "activities": "Uraian baru dari operator",
        "status": ReportStatus.SUBMITTED,
    }
    before = state(report)

    with saved_first_by(office, Report, status=ReportStatus.RETURNED, verifier_note="Lengkapi"):
        refused = operator.post(change_url(report), data)

    assert refused.status_code == 200
    assert "verifikator mengubah Status" in refused.text
    assert "Uraian baru dari operator" in str(refused.context["adminform"].form["activities"])
    assert state(report) == before


# --- An import row racing past the preview's check ------------------------------------


def test_an_import_row_that_loses_the_race_is_refused_in_indonesian(media_root):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, activities="Rapat awal")
    siti = make_user("siti", role=PENGELOLA)
    clerk = logged_in(make_user("clerk", role=PENGELOLA))
    rows = [REPORT_HEADERS, [report.agreement.code, unit.code, 2020, 1, "Dari berkas"]]
    preview = admin_upload(clerk, xlsx_bytes(rows), "laporan.xlsx", "reports/report")
    assert preview.context["confirm_form"] is not None
    before = state(report)

    with saved_first_by(siti, Report, activities="Diubah Siti") as raced:
        done = admin_confirm(clerk, preview, "reports/report")

    assert raced
    assert done.status_code == 200
    problems = [str(problem) for problem in done.context["problems"]]
    assert len(problems) == 1
    assert problems[0].startswith(
        "Baris 2, kolom “Kode Kerja Sama”: Diubah orang lain selama berkas ini diimpor: "
        "siti mengubah Kegiatan"
    )
    assert "changed since version" not in done.text
    assert state(report) == before


# --- Another unit's report, probed through the import ----------------------------------


@pytest.mark.parametrize(
    ("status", "cell"),
    [
        (ReportStatus.SUBMITTED, "Teks tebakan"),
        (ReportStatus.VERIFIED, "Teks tebakan"),
        # The exact stored text: an unchanged row would be "skipped", telling the
        # operator that they guessed another unit's report right.
        (ReportStatus.DRAFT, "Uraian rahasia unit lain"),
    ],
)
def test_an_operators_import_tells_nothing_of_another_units_report(media_root, status, cell):
    own_unit, other_unit = make_unit("DPUPR"), make_unit("DINKES")
    shared = make_agreement(units=[own_unit, other_unit])
    theirs = make_report(shared, other_unit, status=status, activities="Uraian rahasia unit lain")
    operator = logged_in(make_user("operator", role=OPERATOR, unit=own_unit))
    before = state(theirs)

    existing = admin_upload(
        operator,
        xlsx_bytes([REPORT_HEADERS, [shared.code, other_unit.code, 2020, 1, cell]]),
        "laporan.xlsx",
        "reports/report",
    )
    absent = admin_upload(
        operator,
        xlsx_bytes([REPORT_HEADERS, [shared.code, other_unit.code, 2021, 2, cell]]),
        "laporan.xlsx",
        "reports/report",
    )

    assert existing.context.get("confirm_form") is None
    said = [str(problem) for problem in existing.context["problems"]]
    assert said == [str(problem) for problem in absent.context["problems"]]
    assert said == [
        "Baris 2, kolom “Perangkat Daerah”: "
        "Anda hanya dapat mengimpor laporan perangkat daerah Anda sendiri."
    ]
    assert "Dilewati" not in existing.text
    assert state(theirs) == before
    assert not Report.objects.filter(year=2021).exists()


# --- Uploads: a whole document with a web page hidden inside -------------------------


@pytest.mark.parametrize(
    "content",
    [
        PDF_BYTES.replace(
            b"%PDF-1.3\n", b"%PDF-1.3\n<html><body><script>alert(1)</script></body></html>\n", 1
        ),
        JPEG_BYTES + b"<!DOCTYPE html><script>alert(document.cookie)</script>",
        JPEG_BYTES + b"<?php system($_GET['c']); ?>",
    ],
    ids=["html-between-pdf-header-and-body", "html-after-jpeg", "php-after-jpeg"],
)
def test_a_whole_document_holding_a_web_page_or_script_is_refused(media_root, content):
    clerk = logged_in(make_user(role=PENGELOLA))

    response = clerk.post(
        "/admin/agreements/agreementdocument/add/",
        {
            "agreement": make_agreement().pk,
            "kind": "SIGNED",
            "title": "Naskah",
            "file": SimpleUploadedFile("naskah.html", content),
        },
    )

    assert response.status_code == 200
    assert "berkas ditolak" in response.context["adminform"].form.errors["file"][0]
    assert not AgreementDocument.objects.exists()


# --- A row of the form changed on its own page ------------------------------------------


def test_a_document_changed_on_its_own_page_refuses_the_agreement_form_opened_before(
    media_root,
):
    agreement = make_agreement(notes="")
    document = make_document(agreement, title="Naskah asli")
    siti = logged_in(make_user("siti", role=PENGELOLA))
    budi = logged_in(make_user("budi", role=PENGELOLA))
    budi_data = page_data(budi.get(change_url(agreement)))

    edited = siti.post(
        change_url(document), {**page_data(siti.get(change_url(document))), "title": "Naskah Siti"}
    )
    refused = budi.post(change_url(agreement), {**budi_data, "notes": "Catatan Budi"})

    assert edited.status_code == 302
    assert refused.status_code == 200
    assert "siti mengubah Dokumen" in refused.text
    assert "Catatan Budi" in str(refused.context["adminform"].form["notes"])
    document.refresh_from_db()
    assert document.title == "Naskah Siti"
    # Having compared, Budi takes Siti's title over and saves again.
    again = budi.post(
        change_url(agreement),
        {**page_data(refused), "notes": "Catatan Budi", "documents-0-title": "Naskah Siti"},
    )
    assert again.status_code == 302
    document.refresh_from_db()
    agreement.refresh_from_db()
    assert (document.title, agreement.notes) == ("Naskah Siti", "Catatan Budi")


def test_an_attachment_deleted_on_its_own_page_refuses_the_report_form_opened_before(
    media_root,
):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, status=ReportStatus.DRAFT)
    attachment = ReportAttachment.objects.create(
        report=report, title="Foto kegiatan", file=SimpleUploadedFile("foto.jpg", JPEG_BYTES)
    )
    first = logged_in(make_user("operator", role=OPERATOR, unit=unit))
    second = logged_in(make_user("staf", role=OPERATOR, unit=unit))
    first_data = page_data(first.get(change_url(report)))

    deleted = second.post(
        f"/admin/reports/reportattachment/{attachment.pk}/delete/", {"post": "yes"}
    )
    refused = first.post(change_url(report), {**first_data, "activities": "Uraian baru"})

    assert deleted.status_code == 302
    assert refused.status_code == 200
    assert "staf mengubah Lampiran" in refused.text
    assert not ReportAttachment.objects.exists()
