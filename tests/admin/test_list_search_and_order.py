"""The agreement search and the report list's order, as the faster queries give them
(core/admin_search.py, ReportAdmin.get_ordering; docs/performance.md)."""

from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from reports.models import Report
from tests.factories import make_agreement, make_partner, make_report, make_unit
from tests.pages import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    dpupr = make_unit(code="DPUPR", name="Dinas Pekerjaan Umum")
    dinkes = make_unit(code="DINKES", name="Dinas Kesehatan")
    return {
        "water": make_agreement(
            title="Penyediaan air bersih",
            number="119/PKS/2019",
            partners=[make_partner("PDAM Tirta Musi")],
            units=[dpupr],
        ),
        "scholarship": make_agreement(
            title="Beasiswa mahasiswa",
            partner_number="PN-77/UA",
            partners=[make_partner("Universitas Airlangga"), make_partner("Institut Air")],
            units=[dinkes, dpupr],
        ),
        "health": make_agreement(title="Pelayanan kesehatan ibu", units=[dinkes]),
        "training": make_agreement(
            title="Pelatihan guru", partners=[make_partner("Yayasan Pendidikan")]
        ),
    }


def listed(client, **params):
    response = client.get(admin_url(Agreement, "changelist"), params)
    assert response.status_code == 200
    changelist = response.context["cl"]
    return [agreement.pk for agreement in changelist.result_list], changelist.result_count


def djangos_own_search(superuser, term):
    """What Django's ModelAdmin search gives for the same term, duplicates removed."""
    model_admin = admin.site._registry[Agreement]
    request = RequestFactory().get("/")
    request.user = superuser
    queryset, duplicates = admin.ModelAdmin.get_search_results(
        model_admin, request, model_admin.get_queryset(request), term
    )
    return sorted(set(queryset.values_list("pk", flat=True)))


@pytest.mark.parametrize(
    "term",
    [
        "air",  # titles and partner names
        "AIR",
        "bersih",
        "119/PKS",  # our number
        "pn-77",  # the partner's number
        "KS-2019",  # codes
        "dpupr",  # a unit's code
        "kesehatan",  # a unit's name and a title
        "tirta dpupr",  # a partner and a unit of the same agreement
        '"air bersih"',  # a quoted phrase
        "air bersih",
        "pendidikan guru",
        "tidak ada",
    ],
)
def test_the_search_finds_what_djangos_own_search_finds_each_agreement_once(
    superuser_client, superuser, register, term
):
    found, count = listed(superuser_client, q=term)

    assert sorted(found) == djangos_own_search(superuser, term)
    assert len(found) == len(set(found)) == count


def test_the_search_with_filters_and_an_example(superuser_client, register):
    found, count = listed(superuser_client, q="air")

    assert set(found) == {register["water"].pk, register["scholarship"].pk}
    assert count == 2  # the scholarship has two partners with "air": listed once
    status = Agreement.objects.with_status().get(pk=register["water"].pk).status
    found, _count = listed(superuser_client, q="air", kind__exact="PKS", status=status)
    assert set(found) == {register["water"].pk, register["scholarship"].pk}
    found, _count = listed(superuser_client, q="air", kind__exact="MOU")
    assert found == []


def test_each_word_may_be_found_in_a_different_partner(superuser_client, register):
    # Django's own search asks both words of the same partner and finds nothing here.
    found, _count = listed(superuser_client, q="airlangga institut")

    assert found == [register["scholarship"].pk]


def test_the_searched_list_asks_no_distinct(superuser_client, register):
    with CaptureQueriesContext(connection) as captured:
        listed(superuser_client, q="air")

    assert not [query for query in captured if "DISTINCT" in query["sql"]]


def test_a_searched_list_offers_the_years_of_what_it_found(superuser_client, register):
    make_agreement(title="Air minum desa", signed_on=date(2015, 3, 2), start_date=date(2015, 3, 2))
    make_agreement(title="Jalan desa", signed_on=date(2012, 3, 2), start_date=date(2012, 3, 2))

    page = superuser_client.get(admin_url(Agreement, "changelist"), {"q": "air"}).text

    assert "signed_on__year=2015" in page
    assert "signed_on__year=2019" in page
    assert "signed_on__year=2012" not in page


def test_the_report_list_is_newest_semester_first_then_by_agreement_code(superuser_client):
    unit, other = make_unit(), make_unit()
    # Codes follow the signing year, not the order of entry: KS-2021-… exists before
    # KS-2019-…, so the agreement code and the row's id disagree.
    later = make_agreement(signed_on=date(2021, 2, 1), start_date=date(2021, 2, 1))
    earlier = make_agreement(signed_on=date(2019, 2, 1), start_date=date(2019, 2, 1))
    assert later.pk < earlier.pk and earlier.code < later.code
    for year, semester in [(2022, 1), (2022, 2), (2021, 2)]:
        for agreement in (later, earlier):
            for responsible in (unit, other):
                make_report(agreement, responsible, year=year, semester=semester)

    response = superuser_client.get(admin_url(Report, "changelist"))

    shown = list(response.context["cl"].result_list)
    expected = list(Report.objects.order_by("-year", "-semester", "agreement__code", "-pk"))
    assert shown == expected
    assert [(r.year, r.semester, r.agreement.code) for r in shown[:3]] == [
        (2022, 2, earlier.code),
        (2022, 2, earlier.code),
        (2022, 2, later.code),
    ]
    assert earlier.code in response.text
