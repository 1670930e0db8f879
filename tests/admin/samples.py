"""Sample rows with everything an admin page shows, for the admin tests."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.choices import PartnerCategory
from agreements.models import Objective, Sector, VisitParticipant
from tests.factories import (
    PDF_BYTES,
    make_agreement,
    make_partner,
    make_report,
    make_unit,
    make_visit,
)


def sample_agreement():
    """A row with everything a list column shows: two partners, two units, a value."""
    agreement = make_agreement(
        partners=[make_partner(), make_partner(category=PartnerCategory.CENTRAL_GOV)],
        units=[make_unit(), make_unit()],
        value=Decimal("1500000"),
    )
    agreement.sectors.set([Sector.objects.first()])
    agreement.objectives.set([Objective.objects.first()])
    return agreement


def sample_report():
    agreement = sample_agreement()
    return make_report(
        agreement, agreement.lead_unit, budget=Decimal("2500000"), spending=Decimal("1250000.5")
    )


def sample_visit():
    visit = make_visit()
    VisitParticipant.objects.create(visit=visit, name="Drs. H. Uji", position="Bupati")
    VisitParticipant.objects.create(visit=visit, name="Ketua DPRD Uji")
    return visit


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
