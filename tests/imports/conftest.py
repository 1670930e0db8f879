"""The agreements already in the register when the clerk's file is imported."""

from datetime import date

import pytest

from agreements.choices import AgreementKind, Scheme
from agreements.models import Partner
from tests.factories import make_agreement, make_partner, make_unit
from tests.imports.clerk_register import PARTNERS, UNITS


@pytest.fixture
def existing_agreements(db):
    units = {code: make_unit(code, name) for code, name in UNITS.items()}
    for name, category in PARTNERS.items():
        make_partner(name, category=category)
    unsri = Partner.objects.get(name="Universitas Sriwijaya")
    kota = Partner.objects.get(name="Pemerintah Kota Palembang")
    existing = [
        make_agreement(
            number="010/MOU/2018",
            title="MoU pengembangan SDM",
            kind=AgreementKind.MOU,
            partners=[unsri],
            units=[units["BAPPEDA"]],
            signed_on=date(2018, 1, 10),
            start_date=date(2018, 1, 10),
            end_date=date(2023, 1, 9),
        ),
        make_agreement(
            number="020/PKS/2020",
            title="PKS pengelolaan sampah",
            scheme=Scheme.KSDD,
            partners=[kota],
            signed_on=date(2020, 3, 1),
            start_date=date(2020, 3, 1),
            end_date=date(2025, 2, 28),
        ),
    ]
    return existing
