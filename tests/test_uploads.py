"""Uploaded documents: checked whole, stored under the detected type, removed with their row."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from agreements.models import AgreementDocument
from agreements.roles import OPERATOR, PENGELOLA
from reports.choices import ReportStatus
from reports.models import ReportAttachment
from tests.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    make_agreement,
    make_document,
    make_report,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(media_root):
    client = Client()
    client.force_login(make_user(role=PENGELOLA))
    return client


def upload(client, name, content, agreement=None):
    return client.post(
        "/admin/agreements/agreementdocument/add/",
        {
            "agreement": (agreement or make_agreement()).pk,
            "kind": "SIGNED",
            "title": "Naskah",
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("naskah.html", PDF_BYTES, ".pdf"),
        ("shell.php", PNG_BYTES, ".png"),
        ("gambar.svg", JPEG_BYTES, ".jpg"),
        ("tanpa-ekstensi", PDF_BYTES, ".pdf"),
    ],
)
def test_the_stored_name_takes_the_extension_of_what_the_file_is(clerk, name, content, stored_as):
    response = upload(clerk, name, content)

    assert response.status_code == 302
    document = AgreementDocument.objects.get()
    assert document.file.name.endswith(stored_as)
    download = clerk.get(document.get_absolute_url())
    assert download["Content-Disposition"].endswith(f'{stored_as}"')


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n",
        PDF_BYTES + b"<html><script>alert(1)</script></html>",
        PDF_BYTES[: len(PDF_BYTES) // 2],
        PNG_BYTES + b"<?php system($_GET['c']); ?>",
        PNG_BYTES[:-20],
        JPEG_BYTES[:40],
    ],
    ids=[
        "html-behind-pdf-header",
        "html-after-pdf",
        "half-a-pdf",
        "php-after-png",
        "truncated-png",
        "truncated-jpeg",
    ],
)
def test_a_file_that_is_its_type_only_at_the_start_is_refused(clerk, content):
    response = upload(clerk, "naskah.pdf", content)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert "berkas ditolak" in errors[0] or "Hanya berkas PDF" in errors[0]
    assert not AgreementDocument.objects.exists()
    assert not default_storage.exists("agreements") or not default_storage.listdir("agreements")[1]


def test_deleting_a_document_removes_its_file_once_committed(
    clerk, django_capture_on_commit_callbacks
):
    document = make_document(make_agreement())
    name = document.file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(
            f"/admin/agreements/agreementdocument/{document.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert not default_storage.exists(name)


def test_a_rolled_back_delete_keeps_the_file(media_root, django_capture_on_commit_callbacks):
    document = make_document(make_agreement())
    name = document.file.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                AgreementDocument.objects.get(pk=document.pk).delete()
                raise RuntimeError("the rest of the change failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert default_storage.exists(name)
    assert AgreementDocument.objects.filter(pk=document.pk).exists()


def test_deleting_a_report_removes_its_attachments_files(
    media_root, django_capture_on_commit_callbacks
):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, status=ReportStatus.DRAFT)
    attachment = ReportAttachment.objects.create(
        report=report, file=SimpleUploadedFile("foto.png", PNG_BYTES)
    )
    name = attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        report.delete()

    assert not default_storage.exists(name)


def test_replacing_an_attachment_file_removes_the_old_one(
    media_root, django_capture_on_commit_callbacks
):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, status=ReportStatus.DRAFT)
    attachment = ReportAttachment.objects.create(
        report=report, file=SimpleUploadedFile("foto.png", PNG_BYTES)
    )
    old_name = attachment.file.name
    client = Client()
    client.force_login(make_user(role=OPERATOR, unit=unit))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/reports/reportattachment/{attachment.pk}/change/",
            {
                "report": report.pk,
                "title": "Foto baru",
                "file": SimpleUploadedFile("foto.jpg", JPEG_BYTES),
            },
        )

    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.file.name.endswith(".jpg")
    assert default_storage.exists(attachment.file.name)
    assert not default_storage.exists(old_name)
