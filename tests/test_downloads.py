"""Uploaded documents: who may download them, and what may be uploaded at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import AgreementDocument
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    make_agreement,
    make_document,
    make_unit,
    make_user,
)


@pytest.fixture
def document(db, media_root):
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    return make_document(agreement)


def _content(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", [PENGELOLA, PIMPINAN])
def test_the_office_and_leaders_download_any_document(client, document, role):
    client.force_login(make_user(role=role))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert _content(response) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert document.agreement.code in response["Content-Disposition"]


def test_an_operator_downloads_their_units_document(client, document):
    unit = document.agreement.lead_unit
    client.force_login(make_user(role=OPERATOR, unit=unit))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert _content(response) == PDF_BYTES


def test_an_operator_of_another_unit_gets_not_found(client, document):
    client.force_login(make_user(role=OPERATOR, unit=make_unit()))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login(client, document):
    response = client.get(document.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_never_links_the_public_media_url(client, document):
    client.force_login(make_user(role=PENGELOLA))
    url = reverse("admin:agreements_agreement_change", args=[document.agreement.pk])

    page = client.get(url).text

    assert document.get_absolute_url() in page
    assert document.file.url not in page


def _upload(client, agreement, upload):
    return client.post(
        reverse("admin:agreements_agreementdocument_add"),
        {"agreement": agreement.pk, "kind": "SIGNED", "title": "Naskah", "file": upload},
    )


def test_a_text_file_named_pdf_is_refused_with_a_message(client, db, media_root):
    agreement = make_agreement()
    client.force_login(make_user(role=PENGELOLA))
    fake = SimpleUploadedFile("naskah.pdf", b"Ini hanya teks, bukan PDF.", "application/pdf")

    response = _upload(client, agreement, fake)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert len(errors) == 1
    assert str(errors[0]) in response.text
    assert not AgreementDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("naskah.pdf", PDF_BYTES), ("foto.png", PNG_BYTES)],
    ids=["pdf", "png"],
)
def test_a_real_pdf_or_image_is_accepted(client, db, media_root, name, content):
    agreement = make_agreement()
    client.force_login(make_user(role=PENGELOLA))

    response = _upload(client, agreement, SimpleUploadedFile(name, content))

    assert response.status_code == 302
    stored = AgreementDocument.objects.get()
    assert stored.agreement == agreement
    assert stored.file.read() == content
