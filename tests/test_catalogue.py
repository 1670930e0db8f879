"""The public catalogue at /katalog/: public agreements and public fields only, by any
filter or download; filters that combine; formula-safe files; a fixed number of
queries."""

import csv
import io
import itertools
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.choices import AgreementKind, PartnerCategory, PartnerGroup, Scheme, Stage, Status
from agreements.models import Sector
from tests.factories import make_agreement, make_partner, make_unit

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Kerja sama rahasia belum diumumkan"
SECRET_NOTE = "Catatan internal jangan dibuka"
SECRET_NUMBER = "RAHASIA/MITRA/77"


@pytest.fixture
def catalogue_on(settings, today):
    settings.PUBLIC_CATALOGUE = True
    today(date(2024, 7, 1))


@pytest.fixture
def register(catalogue_on):
    """Two public agreements and a private one that shares every filterable value."""
    sector = Sector.objects.get(name="Pendidikan")
    unit = make_unit("DISDIK", "Dinas Pendidikan")
    university = make_partner("Universitas Sriwijaya", PartnerCategory.UNIVERSITY)
    city = make_partner("Pemerintah Kota Palembang", PartnerCategory.REGIONAL_GOV)
    common = {"units": [unit], "value": Decimal("1234567"), "notes": SECRET_NOTE}
    public_2019 = make_agreement(
        partners=[university],
        title="Beasiswa putra daerah",
        number="001/PKS/2019",
        partner_number=SECRET_NUMBER,
        is_public=True,
        signed_on=date(2019, 3, 1),
        start_date=date(2019, 3, 1),
        **common,
    )
    public_2020 = make_agreement(
        partners=[city],
        title="Pertukaran data kependudukan",
        kind=AgreementKind.KB,
        scheme=Scheme.KSDD,
        is_public=True,
        signed_on=date(2020, 5, 2),
        start_date=date(2020, 5, 2),
        end_date=date(2021, 5, 1),
        **common,
    )
    private = make_agreement(
        partners=[university],
        title=SECRET_TITLE,
        number="999/RAHASIA/2019",
        signed_on=date(2019, 3, 1),
        start_date=date(2019, 3, 1),
        **common,
    )
    for agreement in (public_2019, public_2020, private):
        agreement.sectors.add(sector)
    return public_2019, public_2020, private, sector, unit


def page_text(client, **params):
    response = client.get(reverse("catalogue"), params)
    assert response.status_code == 200
    return response.content.decode()


def download(client, format, **params):
    response = client.get(reverse("catalogue-download", args=[format]), params)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_the_catalogue_is_off_unless_switched_on(client, db, settings):
    settings.PUBLIC_CATALOGUE = False
    assert client.get(reverse("catalogue")).status_code == 404
    assert client.get(reverse("catalogue-download", args=["csv"])).status_code == 404


def test_it_lists_public_agreements_in_indonesian_on_a_phone_sized_page(register, client):
    public_2019, public_2020, _private, _sector, _unit = register
    page = page_text(client)

    assert public_2019.title in page and public_2020.title in page
    assert "2 kerja sama ditemukan" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "1 Maret 2019" in page  # dates as a reader writes them
    assert "Perguruan Tinggi" in page and "Berlaku" in page
    assert "None" not in page
    assert "<script" not in page


def every_filter_combination(register):
    public_2019, _public_2020, _private, sector, unit = register
    values = {
        "year": ["", "2019", "2020"],
        "kind": ["", AgreementKind.PKS],
        "scheme": ["", Scheme.KSDPK],
        "partner_group": ["", PartnerGroup.UNIVERSITY],
        "sector": ["", str(sector.pk)],
        "unit": ["", str(unit.pk)],
        "status": ["", Status.ACTIVE],
        "q": ["", "rahasia", "Sriwijaya"],
    }
    names = list(values)
    for combination in itertools.product(*values.values()):
        yield {name: value for name, value in zip(names, combination, strict=True) if value}


def test_no_filter_ever_shows_a_private_agreement_or_a_private_field(register, client):
    combinations = list(every_filter_combination(register))
    assert len(combinations) > 500
    # Every single filter and a sample of their combinations on the page …
    for params in combinations[::7]:
        page = page_text(client, **params)
        for secret in (SECRET_TITLE, SECRET_NOTE, SECRET_NUMBER, "1234567", "1.234.567"):
            assert secret not in page, params


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_no_download_ever_holds_a_private_agreement_or_field(register, client, format):
    for params in [{}, {"q": "rahasia"}, {"year": "2019", "partner_group": "UNIVERSITY"}]:
        rows = download(client, format, **params)
        flat = " ".join(str(value) for row in rows for value in row)
        for secret in (SECRET_TITLE, SECRET_NOTE, SECRET_NUMBER, "1234567"):
            assert secret not in flat, params
    header = download(client, format)[0]
    assert header == [
        "Judul",
        "Kode registrasi",
        "Nomor dokumen",
        "Jenis dokumen",
        "Skema",
        "Mitra",
        "Kelompok mitra",
        "Perangkat daerah",
        "Bidang urusan",
        "Tanggal tanda tangan",
        "Tanggal mulai",
        "Tanggal berakhir",
        "Status",
        "Ruang lingkup",
    ]


def titles(client, **params):
    return [row[0] for row in download(client, "csv", **params)[1:]]


def test_the_filters_combine(register, client):
    public_2019, public_2020, _private, sector, unit = register

    assert titles(client, year="2019") == [public_2019.title]
    assert titles(client, partner_group="GOVERNMENT") == [public_2020.title]
    assert titles(client, year="2019", partner_group="GOVERNMENT") == []
    assert titles(client, sector=sector.pk, unit=unit.pk, kind="KB") == [public_2020.title]
    assert titles(client, status=Status.EXPIRED) == [public_2020.title]
    assert titles(client, q="sriwijaya beasiswa") == [public_2019.title]  # partner and title
    assert titles(client, q="sriwijaya kependudukan") == []
    assert titles(client, scheme="KSDD", year="2020") == [public_2020.title]


def test_downloads_keep_dates_typed_and_typed_formulas_inert(catalogue_on, client):
    make_agreement(title='=HYPERLINK("http://x.example","klik")', is_public=True)

    rows = download(client, "csv")
    assert rows[1][0].startswith("'=HYPERLINK")
    book_rows = download(client, "xlsx")
    assert book_rows[1][0].startswith("=HYPERLINK")  # text, not a formula
    assert isinstance(book_rows[1][9], date)


def test_the_list_is_paginated_and_the_pages_keep_the_filters(catalogue_on, client):
    partner = make_partner("Universitas Halaman", PartnerCategory.UNIVERSITY)
    for index in range(25):
        make_agreement(partners=[partner], is_public=True, title=f"Kerja sama publik {index:02d}")

    first = page_text(client, partner_group="UNIVERSITY")
    assert "25 kerja sama ditemukan" in first
    assert "Halaman 1 dari 2" in first
    assert "?partner_group=UNIVERSITY&amp;page=2" in first
    second = page_text(client, partner_group="UNIVERSITY", page=2)
    assert second.count('class="catalogue-item"') == 5


def test_preparation_and_private_agreements_only_when_public(catalogue_on, client):
    make_agreement(
        title="Penjajakan terbuka",
        stage=Stage.EXPLORATION,
        signed_on=None,
        start_date=None,
        end_date=None,
        is_public=True,
    )
    assert "Penjajakan terbuka" in page_text(client, status=Status.EXPLORATION)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(queries)


def add_public(count):
    sector = Sector.objects.first()
    for _index in range(count):
        unit = make_unit()
        agreement = make_agreement(units=[unit], is_public=True)
        agreement.sectors.add(sector)


@pytest.mark.parametrize("name", ["catalogue", "csv", "xlsx"])
def test_the_catalogue_runs_as_many_queries_for_a_small_and_a_larger_register(
    catalogue_on, client, name
):
    url = (
        reverse("catalogue") if name == "catalogue" else reverse("catalogue-download", args=[name])
    )
    url += "?q=kerja"
    add_public(3)
    small = count_queries(client, url)
    add_public(12)
    assert count_queries(client, url) == small
