"""The clerk's screens without a browser: money typed with dots, the menu, search by unit
code, the bulk verification message, the history as people write it."""

from decimal import Decimal

import pytest

from agreements.models import Agreement
from core.money import MoneyFormField
from reports.choices import ReportStatus
from tests.factories import make_agreement, make_partner, make_report, make_unit
from tests.pages import admin_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("95.000.000", Decimal("95000000")),
        ("Rp 95.000.000,50", Decimal("95000000.50")),
        ("95000000", Decimal("95000000")),
        ("", None),
    ],
)
def test_money_is_typed_as_clerks_write_it(typed, amount):
    assert MoneyFormField(required=False, max_digits=18, decimal_places=2).clean(typed) == amount


def test_money_form_field_refuses_words_in_indonesian():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Rupiah"):
        MoneyFormField(max_digits=18, decimal_places=2).clean("sembilan puluh juta")


def test_agreement_form_shows_and_takes_money_with_thousand_dots(superuser_client):
    agreement = make_agreement(value=Decimal("2750000000"))

    page = superuser_client.get(admin_url(Agreement, "change", agreement.pk)).text

    assert 'value="2.750.000.000"' in page


def test_the_menu_lists_registers_in_the_order_of_work_without_link_tables(superuser_client):
    page = superuser_client.get("/admin/").text

    positions = [page.index(name) for name in ("Kerja sama", "Mitra", "Laporan pelaksanaan")]
    assert positions == sorted(positions)
    for link_table in ("Dokumen kunjungan", "Keanggotaan perangkat daerah", "Peserta"):
        assert link_table not in page
    assert "Lihat situs" not in page
    assert "favicon" in page


def test_search_finds_agreements_by_unit_code_and_partner_name(superuser_client):
    found = make_agreement(units=[make_unit("DPUPR")], partners=[make_partner("PT Bukit Asam")])
    other = make_agreement(units=[make_unit("DISDIK")])
    url = admin_url(Agreement, "changelist")

    for term in ("DPUPR", "Bukit Asam"):
        page = superuser_client.get(url, {"q": term}).text
        assert found.code in page
        assert other.code not in page


def test_bulk_verification_counts_what_it_verified_and_nothing_negative(clerk_client):
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    reports = [make_report(agreement, unit, year=2020 + n) for n in range(5)]
    from reports.models import Report

    response = clerk_client.post(
        admin_url(Report, "changelist") + "?status__exact=SUBMITTED",
        {"action": "verify", "_selected_action": [report.pk for report in reports]},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["5 laporan diverifikasi."]
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.VERIFIED}


def test_history_reads_labels_dates_rupiah_and_names(clerk_client):
    from reports.models import Report

    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit, budget=Decimal("90000000"))
    report.status = ReportStatus.VERIFIED
    report.budget = Decimal("95000000")
    report.stamp_status(clerk_client.clerk)
    report._history_user = clerk_client.clerk
    report.save()

    page = clerk_client.get(admin_url(Report, "history", report.pk)).text

    assert "Diajukan" in page and "Diverifikasi" in page
    assert "Rp 90.000.000" in page and "Rp 95.000.000" in page
    assert "VERIFIED" not in page and "None" not in page
    assert "Lihat riwayat" in page
