"""Domain rules of the register: what a clerk's input may be, and what is refused.

Validation goes through ``full_clean()`` the way the admin's forms and the spreadsheet
import call it; where the database also holds a rule (unique and check constraints),
a direct save that skips validation must be refused too.
"""

import base64
import struct
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from agreements.choices import AgreementKind, PartnerCategory, Scheme, Stage
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementUnit,
    ForeignVisit,
    Partner,
    Unit,
)
from core.documents import validate_document
from reports.choices import Recommendation, ReportStatus
from reports.models import RATING_FIELDS, Evaluation, Report
from tests.factories import AGREEMENT_FIELDS, make_agreement, make_partner, make_report, make_unit

pytestmark = pytest.mark.django_db


def validation_errors(instance):
    """The errors a form would show for this instance, as {field: [messages]}."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def refused_by_database(create):
    """Run ``create`` (a save that skips validation) and expect the database to refuse."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def new_agreement(**fields):
    """An unsaved agreement as a form would build it: valid unless ``fields`` break it."""
    return Agreement(**{**AGREEMENT_FIELDS, **fields})


# --- Agreement ---------------------------------------------------------------------


def test_a_complete_new_agreement_is_valid_before_its_code_is_assigned():
    agreement = new_agreement(number="119/KS/2019")
    agreement.full_clean()
    agreement.save()
    assert agreement.code == "KS-2019-0001"


def test_end_date_before_start_is_refused_by_the_form():
    errors = validation_errors(
        new_agreement(start_date=date(2020, 1, 10), end_date=date(2020, 1, 9))
    )
    assert "end_date" in errors


def test_end_date_before_start_is_refused_by_the_database():
    refused_by_database(
        lambda: new_agreement(start_date=date(2020, 1, 10), end_date=date(2020, 1, 9)).save()
    )
    assert not Agreement.objects.exists()


def test_an_agreement_may_start_and_end_on_the_same_day():
    agreement = new_agreement(start_date=date(2020, 1, 10), end_date=date(2020, 1, 10))
    agreement.full_clean()
    agreement.save()
    assert Agreement.objects.get().end_date == date(2020, 1, 10)


@pytest.mark.parametrize("missing", ["signed_on", "start_date"])
def test_a_signed_agreement_needs_its_signing_and_start_dates(missing):
    errors = validation_errors(new_agreement(**{missing: None}))
    assert list(errors) == [missing]


@pytest.mark.parametrize("stage", [Stage.EXPLORATION, Stage.DRAFTING, Stage.CANCELLED])
def test_an_unsigned_agreement_needs_no_dates(stage):
    new_agreement(stage=stage, signed_on=None, start_date=None, end_date=None).full_clean()


def test_an_agreement_without_end_date_is_valid():
    agreement = new_agreement(end_date=None)
    agreement.full_clean()
    agreement.save()
    assert Agreement.objects.get().end_date is None


def test_agreements_without_a_document_number_may_be_many():
    make_agreement(number="")
    make_agreement(number="")
    new_agreement(number="").full_clean()
    assert Agreement.objects.filter(number="").count() == 2


def test_a_document_number_is_refused_when_another_agreement_has_it():
    make_agreement(number="119/KS/2019")
    errors = validation_errors(new_agreement(number="119/KS/2019"))
    assert set(errors) & {"number", NON_FIELD_ERRORS}
    refused_by_database(lambda: make_agreement(number="119/KS/2019"))
    assert Agreement.objects.filter(number="119/KS/2019").count() == 1


def test_surrounding_spaces_do_not_make_a_document_number_different():
    first = make_agreement(number="  119/KS/2019 ")
    assert Agreement.objects.get(pk=first.pk).number == "119/KS/2019"
    errors = validation_errors(new_agreement(number=" 119/KS/2019  "))
    assert set(errors) & {"number", NON_FIELD_ERRORS}
    refused_by_database(lambda: make_agreement(number="119/KS/2019   "))


def test_an_agreement_keeps_its_own_number_when_edited():
    agreement = make_agreement(number="119/KS/2019")
    agreement.title = "Judul yang diperbaiki"
    agreement.full_clean()


def test_an_agreement_cannot_be_its_own_parent():
    agreement = make_agreement()
    agreement.parent = agreement
    assert "parent" in validation_errors(agreement)


def test_an_agreement_cannot_descend_from_its_own_child():
    grandparent = make_agreement(kind=AgreementKind.KB)
    parent = make_agreement(parent=grandparent)
    child = make_agreement(parent=parent, kind=AgreementKind.ADD)
    grandparent.parent = child
    assert "parent" in validation_errors(grandparent)


def test_a_pks_may_implement_a_framework_agreement():
    framework = make_agreement(kind=AgreementKind.KB)
    pks = make_agreement()
    pks.parent = framework
    pks.full_clean()


def test_a_dprd_approval_date_needs_the_dprd_approval_flag():
    errors = validation_errors(new_agreement(dprd_approved_on=date(2019, 9, 1)))
    assert "needs_dprd_approval" in errors
    new_agreement(dprd_approved_on=date(2019, 9, 1), needs_dprd_approval=True).full_clean()


def test_a_negative_value_is_refused():
    assert "value" in validation_errors(new_agreement(value=Decimal("-1")))


# --- Registry code -----------------------------------------------------------------


def test_codes_are_numbered_per_signing_year():
    codes = [
        make_agreement(signed_on=date(2019, 3, 1), start_date=date(2019, 3, 1)).code,
        make_agreement(signed_on=date(2019, 12, 31), start_date=date(2020, 1, 1)).code,
        make_agreement(signed_on=date(2020, 1, 1), start_date=date(2020, 1, 1)).code,
        make_agreement(signed_on=date(2019, 5, 5), start_date=date(2019, 5, 5)).code,
    ]
    assert codes == ["KS-2019-0001", "KS-2019-0002", "KS-2020-0001", "KS-2019-0003"]


def test_a_code_is_never_handed_out_again_after_a_delete():
    make_agreement()
    second = make_agreement()
    assert second.code == "KS-2019-0002"
    second.delete()
    assert make_agreement().code == "KS-2019-0003"


def test_a_code_does_not_change_when_the_agreement_is_edited():
    agreement = make_agreement(signed_on=date(2019, 10, 29))
    assert agreement.code == "KS-2019-0001"
    agreement.signed_on = date(2021, 2, 1)
    agreement.start_date = date(2021, 2, 1)
    agreement.end_date = None
    agreement.title = "Judul baru"
    agreement.save()
    assert Agreement.objects.get(pk=agreement.pk).code == "KS-2019-0001"
    assert make_agreement(signed_on=date(2021, 3, 1)).code == "KS-2021-0001"


def test_an_unsigned_agreement_is_numbered_in_the_current_year(today):
    today(date(2026, 3, 15))
    agreement = make_agreement(
        stage=Stage.EXPLORATION, signed_on=None, start_date=None, end_date=None
    )
    assert agreement.code == "KS-2026-0001"


def test_a_code_already_taken_is_skipped():
    make_agreement(code="KS-2019-0002")
    assert make_agreement().code == "KS-2019-0001"
    assert make_agreement().code == "KS-2019-0003"


# --- Partner and unit --------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["universitas sriwijaya", "  UNIVERSITAS   Sriwijaya ", "Universitas\tSriwijaya"]
)
def test_a_partner_name_is_unique_whatever_the_case_and_spacing(typed):
    make_partner("Universitas Sriwijaya")
    errors = validation_errors(Partner(name=typed, category=PartnerCategory.UNIVERSITY))
    assert "name" in errors
    refused_by_database(
        lambda: Partner.objects.create(name=typed, category=PartnerCategory.UNIVERSITY)
    )
    assert Partner.objects.count() == 1


def test_a_partner_may_be_saved_again_under_its_own_name():
    partner = make_partner("Universitas Sriwijaya")
    partner.name = "UNIVERSITAS SRIWIJAYA"
    partner.full_clean()
    partner.save()
    assert Partner.objects.get().name == "UNIVERSITAS SRIWIJAYA"


def test_a_partner_name_is_stored_with_its_spaces_folded():
    partner = make_partner("  Universitas   Sriwijaya \n")
    assert Partner.objects.get(pk=partner.pk).name == "Universitas Sriwijaya"
    assert list(Partner.objects.by_name("universitas  SRIWIJAYA")) == [partner]


def test_a_partner_is_in_indonesia_unless_told_otherwise():
    assert make_partner().country == "Indonesia"


def test_a_unit_code_is_stored_in_capitals():
    unit = make_unit(code=" bappeda ", name="  Badan   Perencanaan ")
    unit.refresh_from_db()
    assert (unit.code, unit.name) == ("BAPPEDA", "Badan Perencanaan")


def test_a_unit_code_is_unique_whatever_its_case():
    make_unit(code="BAPPEDA")
    assert "code" in validation_errors(Unit(code="bappeda ", name="Bappeda kedua"))
    refused_by_database(lambda: Unit.objects.create(code="Bappeda", name="Bappeda kedua"))


# --- Responsible units -------------------------------------------------------------


def test_an_agreement_has_only_one_lead_unit():
    lead, other = make_unit(), make_unit()
    agreement = make_agreement(units=[lead])
    second_lead = AgreementUnit(agreement=agreement, unit=other, is_lead=True)
    assert validation_errors(second_lead)
    refused_by_database(second_lead.save)
    AgreementUnit(agreement=agreement, unit=other, is_lead=False).full_clean()


def test_each_agreement_has_its_own_lead_unit():
    unit = make_unit()
    make_agreement(units=[unit])
    other_agreement = make_agreement()
    link = AgreementUnit(agreement=other_agreement, unit=unit, is_lead=True)
    link.full_clean()
    link.save()
    assert other_agreement.lead_unit == unit


def test_a_unit_cannot_be_listed_twice_for_one_agreement():
    lead, member = make_unit(), make_unit()
    agreement = make_agreement(units=[lead, member])
    twice = AgreementUnit(agreement=agreement, unit=member, is_lead=False)
    assert validation_errors(twice)
    refused_by_database(twice.save)
    assert agreement.agreement_units.count() == 2


# --- Reports and evaluations -------------------------------------------------------


def test_a_unit_reports_once_per_agreement_and_semester():
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit, year=2020, semester=1)
    duplicate = Report(
        agreement=agreement, unit=unit, year=2020, semester=1, activities="Rapat lagi"
    )
    assert validation_errors(duplicate)
    refused_by_database(duplicate.save)
    Report(agreement=agreement, unit=unit, year=2020, semester=2, activities="Rapat").full_clean()
    other_unit = make_unit()
    Report(
        agreement=agreement, unit=other_unit, year=2020, semester=1, activities="Rapat"
    ).full_clean()


@pytest.mark.parametrize("note", ["", "   \n"])
def test_a_returned_report_needs_the_verifiers_note(note):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit)
    report.status = ReportStatus.RETURNED
    report.verifier_note = note
    assert "verifier_note" in validation_errors(report)
    report.verifier_note = "Lampirkan notulen rapat."
    report.full_clean()


def test_a_semester_is_one_or_two():
    unit = make_unit()
    report = Report(
        agreement=make_agreement(), unit=unit, year=2020, semester=3, activities="Rapat"
    )
    assert "semester" in validation_errors(report)


def new_evaluation(agreement, year=2023, ratings=(4, 4, 4, 4, 4, 4), **fields):
    values = dict(zip(RATING_FIELDS, ratings, strict=True))
    values.update(fields)
    return Evaluation(
        agreement=agreement,
        year=year,
        recommendation=Recommendation.CONTINUE,
        evaluator="Tim Monev Bappeda",
        **values,
    )


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ((5, 5, 5, 5, 5, 5), Decimal("5.00")),
        ((5, 4, 4, 3, 5, 4), Decimal("4.17")),
        ((1, 1, 1, 1, 1, 2), Decimal("1.17")),
        ((2, 3, 2, 3, 2, 3), Decimal("2.50")),
        ((1, 2, 3, 4, 5, 5), Decimal("3.33")),
    ],
)
def test_the_overall_score_is_the_mean_of_the_six_ratings(ratings, expected):
    evaluation = new_evaluation(make_agreement(), ratings=ratings)
    evaluation.full_clean()
    evaluation.save()
    assert Evaluation.objects.get().overall_score == expected


def test_the_overall_score_follows_an_edited_rating():
    evaluation = new_evaluation(make_agreement(), ratings=(3, 3, 3, 3, 3, 3))
    evaluation.save()
    evaluation.benefit = 5
    evaluation.save()
    assert Evaluation.objects.get().overall_score == Decimal("3.33")


def test_a_rating_outside_one_to_five_is_refused():
    errors = validation_errors(new_evaluation(make_agreement(), ratings=(4, 4, 4, 4, 4, 6)))
    assert "benefit" in errors


def test_an_agreement_is_evaluated_once_a_year():
    agreement = make_agreement()
    new_evaluation(agreement, year=2023).save()
    duplicate = new_evaluation(agreement, year=2023)
    assert validation_errors(duplicate)
    refused_by_database(duplicate.save)
    new_evaluation(agreement, year=2024).full_clean()


# --- Foreign visits ----------------------------------------------------------------


def new_visit(departure, return_date):
    return ForeignVisit(
        purpose="Studi banding pengelolaan sampah",
        country="Jepang",
        departure=departure,
        return_date=return_date,
    )


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


# --- Protection against deletes ----------------------------------------------------


def test_an_agreement_with_a_report_cannot_be_deleted():
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit)
    with pytest.raises(ProtectedError), transaction.atomic():
        agreement.delete()
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert Report.objects.filter(agreement=agreement).exists()


def test_an_agreement_with_a_child_agreement_cannot_be_deleted():
    framework = make_agreement(kind=AgreementKind.KB)
    make_agreement(parent=framework)
    with pytest.raises(ProtectedError), transaction.atomic():
        framework.delete()
    assert Agreement.objects.count() == 2


def test_an_evaluated_agreement_cannot_be_deleted():
    agreement = make_agreement()
    new_evaluation(agreement).save()
    with pytest.raises(ProtectedError), transaction.atomic():
        agreement.delete()
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_unit_responsible_for_an_agreement_cannot_be_deleted():
    unit = make_unit()
    make_agreement(units=[unit])
    with pytest.raises(ProtectedError), transaction.atomic():
        unit.delete()
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_unit_that_reported_cannot_be_deleted():
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit)
    AgreementUnit.objects.filter(unit=unit).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        unit.delete()
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_plain_agreement_is_deleted_with_its_unit_links_and_documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    unit, partner = make_unit(), make_partner()
    agreement = make_agreement(partners=[partner], units=[unit])
    AgreementDocument.objects.create(
        agreement=agreement, file=SimpleUploadedFile("naskah.pdf", PDF)
    )
    visit = new_visit(date(2019, 5, 10), date(2019, 5, 12))
    visit.agreement = agreement
    visit.save()

    agreement.delete()

    assert not Agreement.objects.exists()
    assert not AgreementUnit.objects.exists()
    assert not AgreementDocument.objects.exists()
    # The unit, the partner and the trip stay in the register.
    assert Unit.objects.filter(pk=unit.pk).exists()
    assert Partner.objects.filter(pk=partner.pk).exists()
    visit.refresh_from_db()
    assert visit.agreement is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_codes_handed_out_at_the_same_moment_are_all_different():
    """Several app servers saving agreements of a new year at once (PostgreSQL only:
    SQLite lets one writer in at a time, so nothing races there)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    writers = 6
    start_together = threading.Barrier(writers)

    def save_one(index):
        try:
            start_together.wait(timeout=30)
            return Agreement.objects.create(
                title=f"Kerja sama serentak {index}",
                kind=AgreementKind.PKS,
                scheme=Scheme.KSDPK,
                stage=Stage.SIGNED,
                signed_on=date(2031, 1, 2),
                start_date=date(2031, 1, 2),
            ).code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=writers) as pool:
        codes = list(pool.map(save_one, range(writers)))

    assert sorted(codes) == [f"KS-2031-{number:04d}" for number in range(1, writers + 1)]
