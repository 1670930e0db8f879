"""Which constraints a row that changes a stored object leaves unchecked
(``core.spreadsheets.resources.untouched_constraint_fields``): only those whose every
field keeps its stored value, and none when a constraint's fields cannot be told."""

import copy
from datetime import date

import pytest
from django.db.models import CheckConstraint, Q, UniqueConstraint
from django.db.models.functions import Lower

from agreements.models import Agreement, AgreementUnit
from core.spreadsheets.resources import untouched_constraint_fields
from tests.factories import make_agreement, make_unit

pytestmark = pytest.mark.django_db


def changed(instance, **values):
    original = copy.deepcopy(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    return instance, original


def test_a_new_object_checks_every_constraint():
    assert untouched_constraint_fields(Agreement(title="Baru"), None) == set()


def test_a_changed_title_leaves_the_number_and_date_rules_alone():
    agreement, original = changed(make_agreement(number="1/KB/2020"), title="Judul baru")
    assert untouched_constraint_fields(agreement, original) == {
        "number",
        "start_date",
        "end_date",
    }


def test_a_changed_end_date_keeps_the_date_rule_with_its_unchanged_start():
    agreement, original = changed(make_agreement(), end_date=date(2031, 1, 1))
    assert untouched_constraint_fields(agreement, original) == {"number"}


def test_a_changed_number_keeps_its_uniqueness():
    agreement, original = changed(make_agreement(number="1/KB/2020"), number="2/KB/2020")
    assert untouched_constraint_fields(agreement, original) == {"start_date", "end_date"}


def test_a_field_shared_with_a_checked_constraint_is_not_left_out():
    agreement = make_agreement()
    link = AgreementUnit.objects.create(agreement=agreement, unit=make_unit(), is_lead=False)
    link, original = changed(link, is_lead=True)
    # The one-lead rule reads the agreement and is_lead; the agreement-unit pair's
    # uniqueness reads the agreement too, so only the unit is left out.
    assert untouched_constraint_fields(link, original) == {"unit"}


def test_a_constraint_on_expressions_leaves_nothing_out(monkeypatch):
    by_lower_title = UniqueConstraint(Lower("title"), name="test_title_lower_unique")
    monkeypatch.setattr(
        Agreement._meta, "constraints", [*Agreement._meta.constraints, by_lower_title]
    )
    agreement, original = changed(make_agreement(), notes="Catatan")
    assert untouched_constraint_fields(agreement, original) == set()


def test_a_constraint_naming_a_column_counts_as_its_field(monkeypatch):
    # "unit_id" in a condition is the unit: changing the unit must keep it checked.
    known_unit = CheckConstraint(condition=Q(unit_id__gt=0), name="test_unit_known")
    constraints = [*AgreementUnit._meta.constraints, known_unit]
    monkeypatch.setattr(AgreementUnit._meta, "constraints", constraints)
    agreement = make_agreement()
    link = AgreementUnit.objects.create(agreement=agreement, unit=make_unit(), is_lead=False)
    link, original = changed(link, unit=make_unit())

    # The one-lead rule reads nothing changed, but of its fields only is_lead is left
    # out: the agreement is read by the pair's uniqueness, which the unit touches.
    assert untouched_constraint_fields(link, original) == {"is_lead"}
