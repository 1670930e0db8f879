"""How the agreement list reads: columns, filters, search and sorting."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin

from agreements.choices import PartnerCategory, Stage, Status
from agreements.models import (
    Agreement,
)
from core.formatting import format_rupiah
from tests.factories import (
    make_agreement,
    make_partner,
    make_unit,
)
from tests.pages import admin_url

# --- How the agreement list reads ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1500000"), "Rp 1.500.000"),
        (Decimal("1500000.50"), "Rp 1.500.000,50"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (None, ""),
    ],
)
def test_format_rupiah(value, text):
    assert format_rupiah(value) == text


def test_agreement_list_shows_dates_money_partners_and_lead_unit(superuser_client, today):
    lead = make_unit(name="Bappeda Uji")
    agreement = make_agreement(
        partners=[make_partner("Universitas Sriwijaya")],
        units=[lead, make_unit()],
        signed_on=date(2019, 10, 29),
        value=Decimal("1500000"),
    )

    page = superuser_client.get(admin_url(Agreement, "changelist")).text

    assert agreement.code in page
    assert "28 Oktober 2024" in page  # the end date; the signing date is on its page
    assert "Rp 1.500.000" in page
    assert "Universitas Sriwijaya" in page
    assert "Bappeda Uji" in page
    assert "#198754" in page  # the in-force badge colour


def test_agreement_list_sorts_by_status(superuser_client, today):
    ended = make_agreement(end_date=date(2020, 1, 1))
    exploring = make_agreement(stage=Stage.EXPLORATION, signed_on=None, start_date=None)
    url = admin_url(Agreement, "changelist")
    status_column = AgreementAdminColumns.index("status_badge")

    response = superuser_client.get(url, {"o": str(status_column + 1)})

    rows = list(response.context["cl"].result_list)
    assert [row.status for row in rows] == sorted(row.status for row in rows)
    assert {ended.pk, exploring.pk} <= {row.pk for row in rows}


AgreementAdminColumns = admin.site._registry[Agreement].list_display


def _listed(client, **params):
    response = client.get(admin_url(Agreement, "changelist"), params)
    assert response.status_code == 200
    return {agreement.pk for agreement in response.context["cl"].result_list}


def test_status_filter(superuser_client, today):
    today(date(2024, 7, 1))
    active = make_agreement(end_date=date(2026, 1, 1))
    expiring = make_agreement(end_date=date(2024, 8, 1))
    expired = make_agreement(end_date=date(2023, 1, 1))
    drafting = make_agreement(stage=Stage.DRAFTING, signed_on=None, start_date=None)

    assert _listed(superuser_client, status=Status.ACTIVE) == {active.pk}
    assert _listed(superuser_client, status=Status.EXPIRING) == {expiring.pk}
    assert _listed(superuser_client, status=Status.EXPIRED) == {expired.pk}
    assert _listed(superuser_client, status=Status.DRAFTING) == {drafting.pk}


def test_partner_group_filter_counts_each_agreement_in_one_group(superuser_client):
    ministry = make_partner("Kementerian Uji", category=PartnerCategory.CENTRAL_GOV)
    university = make_partner("Universitas Uji", category=PartnerCategory.UNIVERSITY)
    company = make_partner("PT Uji", category=PartnerCategory.BUMN)
    joint = make_agreement(partners=[ministry, university])
    campus = make_agreement(partners=[university])
    enterprise = make_agreement(partners=[company])

    assert _listed(superuser_client, partner_group="GOVERNMENT") == {joint.pk}
    assert _listed(superuser_client, partner_group="UNIVERSITY") == {campus.pk}
    assert _listed(superuser_client, partner_group="ENTERPRISE") == {enterprise.pk}


def test_search_by_partner_name_lists_each_agreement_once(superuser_client):
    unsri = make_partner("Universitas Sriwijaya")
    unsri_faculty = make_partner("Fakultas Kedokteran Universitas Sriwijaya")
    both = make_agreement(partners=[unsri, unsri_faculty])
    one = make_agreement(partners=[unsri])
    make_agreement(partners=[make_partner("Universitas Indonesia")])

    response = superuser_client.get(admin_url(Agreement, "changelist"), {"q": "sriwijaya"})

    rows = [agreement.pk for agreement in response.context["cl"].result_list]
    assert sorted(rows) == sorted([both.pk, one.pk])


def test_signing_year_filter_offers_the_years_present(superuser_client):
    old = make_agreement(signed_on=date(2017, 3, 1), start_date=date(2017, 3, 1))
    make_agreement(signed_on=date(2019, 10, 29))

    response = superuser_client.get(admin_url(Agreement, "changelist"))
    page = response.text

    assert "signed_year=2017" in page
    assert "signed_year=2019" in page
    assert "signed_year=2018" not in page
    assert _listed(superuser_client, signed_year="2017") == {old.pk}


def test_a_kind_the_register_no_longer_knows_is_shown_as_stored():
    agreement = Agreement(title="Kerja sama lama", kind="KSO", number="1/KSO/2010")
    shown = admin.site._registry[Agreement].title_kind_number(agreement)
    assert "KSO · 1/KSO/2010" in shown
