"""Foreign visits and uploaded documents: dates, and files checked by their content."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import (
    AgreementDocument,
    ForeignVisit,
)
from core.documents import validate_document
from tests.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES, make_agreement
from tests.models.checks import (
    new_visit,
    refused_by_database,
    validation_errors,
)

pytestmark = pytest.mark.django_db

# --- Foreign visits ----------------------------------------------------------------


def test_a_visit_cannot_return_before_it_departs():
    visit = new_visit(date(2019, 5, 10), date(2019, 5, 9))
    assert "return_date" in validation_errors(visit)
    refused_by_database(visit.save)


def test_a_visit_may_return_the_day_it_departs():
    visit = new_visit(date(2019, 5, 10), date(2019, 5, 10))
    visit.full_clean()
    visit.save()
    assert ForeignVisit.objects.count() == 1


# --- Uploaded documents ------------------------------------------------------------

# Whole files, as the upload check wants them to their end.
PDF, JPEG, PNG = PDF_BYTES, JPEG_BYTES, PNG_BYTES


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("naskah.pdf", PDF, "application/pdf"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
    ],
)
def test_pdf_jpeg_and_png_documents_are_accepted(settings, tmp_path, name, content, content_type):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    document = AgreementDocument(agreement=make_agreement(), file=upload)
    document.full_clean()
    document.save()
    with AgreementDocument.objects.get().file.open("rb") as stored:
        assert stored.read() == content


def test_a_text_file_renamed_to_pdf_is_refused():
    upload = SimpleUploadedFile(
        "naskah.pdf", b"Ini bukan PDF, hanya teks biasa.\n", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        validate_document(upload)
    document = AgreementDocument(agreement=make_agreement(), file=upload)
    assert "file" in validation_errors(document)


def test_an_oversized_document_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    just_fits = PDF + b"\n" * (1024 * 1024 - len(PDF))
    validate_document(SimpleUploadedFile("pas.pdf", just_fits))
    too_big = SimpleUploadedFile("besar.pdf", just_fits + b"\n")
    with pytest.raises(ValidationError):
        validate_document(too_big)


def test_the_validator_leaves_the_upload_readable_from_the_start():
    upload = SimpleUploadedFile("naskah.pdf", PDF)
    validate_document(upload)
    assert upload.read() == PDF
