"""The agreement form: partners, responsible units and their lead, documents, warnings."""

import pytest
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.choices import AgreementKind, PartnerCategory, Scheme
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementUnit,
)
from tests.admin.forms import agreement_form_data
from tests.factories import (
    make_agreement,
    make_document,
    make_partner,
    make_unit,
)
from tests.pages import admin_url

# --- The agreement form ----------------------------------------------------------------


def _unit_formset_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is AgreementUnit:
            return inline.formset.non_form_errors()
    raise AssertionError("no unit inline on the page")


@pytest.mark.parametrize("lead_count", [0, 2])
def test_units_without_exactly_one_lead_are_refused(superuser_client, lead_count):
    first, second = make_unit(), make_unit()
    data = agreement_form_data(
        [make_partner()], units=[first, second], leads=[first, second][:lead_count]
    )

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    errors = _unit_formset_errors(response)
    assert len(errors) == 1
    assert str(errors[0]) in response.text
    assert not Agreement.objects.exists()


def test_one_lead_unit_is_saved_and_recorded_in_the_history(superuser_client, superuser):
    first, second = make_unit(), make_unit()
    data = agreement_form_data([make_partner()], units=[first, second], leads=[second])

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.lead_unit == second
    assert set(agreement.units.all()) == {first, second}
    history = superuser_client.get(admin_url(Agreement, "history", agreement.pk))
    assert superuser.username in history.text


def test_an_agreement_without_units_may_be_saved(superuser_client):
    response = superuser_client.post(
        admin_url(Agreement, "add"), agreement_form_data([make_partner()])
    )

    assert response.status_code == 302
    assert Agreement.objects.get().units.count() == 0


def _messages(response):
    return [(message.level, str(message)) for message in response.context["messages"]]


def test_a_scheme_the_partners_do_not_suggest_is_saved_with_a_warning(superuser_client):
    university = make_partner(category=PartnerCategory.UNIVERSITY)
    data = agreement_form_data([university], scheme=Scheme.KSDD)

    response = superuser_client.post(admin_url(Agreement, "add"), data, follow=True)

    agreement = Agreement.objects.get()
    assert agreement.scheme == Scheme.KSDD
    warnings = [text for level, text in _messages(response) if level == messages.WARNING]
    assert warnings == [agreement.scheme_warning()]


def test_a_matching_scheme_gives_no_warning(superuser_client):
    data = agreement_form_data([make_partner()], scheme=Scheme.KSDPK)

    response = superuser_client.post(admin_url(Agreement, "add"), data, follow=True)

    assert Agreement.objects.count() == 1
    assert all(level != messages.WARNING for level, _text in _messages(response))


@pytest.mark.parametrize(
    ("category", "scheme"),
    [
        (PartnerCategory.REGIONAL_GOV, Scheme.KSDD),
        (PartnerCategory.CENTRAL_GOV, Scheme.SINERGI),
        (PartnerCategory.UNIVERSITY, Scheme.KSDPK),
        (PartnerCategory.FOREIGN_ORG, Scheme.KSDLL),
    ],
)
def test_a_scheme_left_empty_is_taken_from_the_partners(superuser_client, category, scheme):
    data = agreement_form_data([make_partner(category=category)], scheme="")

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 302
    assert Agreement.objects.get().scheme == scheme


def test_no_scheme_and_no_partner_is_refused(superuser_client):
    data = agreement_form_data([], scheme="")

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    assert "partners" in response.context["adminform"].form.errors
    assert not Agreement.objects.exists()


def test_change_page_shows_code_status_suggested_scheme_children_and_download_links(
    superuser_client, media_root, today
):
    framework = make_agreement(
        kind=AgreementKind.KB,
        partners=[make_partner(category=PartnerCategory.REGIONAL_GOV)],
        scheme=Scheme.KSDPK,
    )
    child = make_agreement(kind=AgreementKind.PKS, parent=framework)
    document = make_document(framework)

    page = superuser_client.get(admin_url(Agreement, "change", framework.pk)).text

    assert framework.code in page
    assert str(Scheme.KSDD.label) in page  # suggested by the regional-government partner
    assert admin_url(Agreement, "change", child.pk) in page
    assert child.code in page
    assert document.get_absolute_url() in page
    assert document.file.url not in page


def test_an_upload_that_is_not_a_pdf_jpeg_or_png_is_refused_in_the_agreement_form(
    superuser_client, media_root
):
    fake = SimpleUploadedFile("scan.pdf", b"just some text, not a PDF", "application/pdf")
    data = agreement_form_data([make_partner()], documents=[fake])

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    document_forms = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is AgreementDocument
    ][0]
    file_errors = document_forms.forms[0].errors["file"]
    assert str(file_errors[0]) in response.text
    assert not Agreement.objects.exists()
    assert not AgreementDocument.objects.exists()


def test_a_number_another_agreement_has_is_refused_at_the_number(superuser_client):
    make_agreement(number="119/KB/2019")
    data = agreement_form_data([make_partner()], number="119/KB/2019")

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["number"] == ["Nomor dokumen ini sudah dipakai kerja sama lain."]
    assert "__all__" not in form.errors
    assert Agreement.objects.count() == 1
