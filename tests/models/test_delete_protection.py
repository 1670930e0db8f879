"""Deletes that would lose the register's links are refused."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import ProtectedError

from agreements.choices import AgreementKind, Scheme, Stage
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementUnit,
    Partner,
    Unit,
)
from reports.models import Report
from tests.factories import PDF_BYTES, make_agreement, make_partner, make_report, make_unit
from tests.models.checks import (
    new_evaluation,
    new_visit,
)

pytestmark = pytest.mark.django_db

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
        agreement=agreement, file=SimpleUploadedFile("naskah.pdf", PDF_BYTES)
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
