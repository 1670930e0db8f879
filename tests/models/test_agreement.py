"""Agreement rules: what a clerk's input may be, and the registry code.

Validation goes through ``full_clean()`` the way the admin's forms and the spreadsheet
import call it; where the database also holds a rule (unique and check constraints),
a direct save that skips validation must be refused too.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS

from agreements.choices import AgreementKind, Stage
from agreements.models import (
    Agreement,
)
from tests.factories import make_agreement
from tests.models.checks import (
    new_agreement,
    refused_by_database,
    validation_errors,
)

pytestmark = pytest.mark.django_db

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
