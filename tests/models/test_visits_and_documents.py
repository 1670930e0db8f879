"""Foreign visits and uploaded documents: dates, and files checked by their content."""

import base64
import struct
import zlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import (
    AgreementDocument,
    ForeignVisit,
)
from core.documents import validate_document
from tests.factories import make_agreement
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

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# A 16x16 baseline JPEG (CPython's test image python.jpg).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJ"
    "DRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
    "EBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQB"
    "BAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAA"
    "AAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LK"
    "uPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZV"
    "uFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8"
    "AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z"
)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A 1x1 RGB PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    + _png_chunk(b"IEND", b"")
)


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
    just_fits = PDF + b"0" * (1024 * 1024 - len(PDF))
    validate_document(SimpleUploadedFile("pas.pdf", just_fits))
    too_big = SimpleUploadedFile("besar.pdf", just_fits + b"0")
    with pytest.raises(ValidationError):
        validate_document(too_big)


def test_the_validator_leaves_the_upload_readable_from_the_start():
    upload = SimpleUploadedFile("naskah.pdf", PDF)
    validate_document(upload)
    assert upload.read() == PDF
