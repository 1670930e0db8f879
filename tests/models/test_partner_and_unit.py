"""Partners, units and the responsible units of an agreement: what is accepted and refused."""

import pytest

from agreements.choices import PartnerCategory
from agreements.models import (
    AgreementUnit,
    Partner,
    Unit,
)
from tests.factories import make_agreement, make_partner, make_unit
from tests.models.checks import (
    refused_by_database,
    validation_errors,
)

pytestmark = pytest.mark.django_db

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
