"""The admin index as the dashboard: the signing year × partner group table, figures
that open the list of exactly what they count, an operator's own part, charts without
scripts, the recap download, and a fixed number of queries."""

import io
import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, Unit
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.recap.figures import Recap
from tests.factories import make_agreement, make_report, make_unit, make_user
from tests.test_recap import build_register

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


@pytest.fixture
def demo(today):
    today(date(2024, 7, 1))
    call_command("load_demo", stdout=io.StringIO())


def login(client, user):
    client.force_login(user)
    return client


def text(html):
    """What a reader sees of some HTML: tags dropped, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(page, element_id):
    """The HTML of the element with this id (a table or a div of the dashboard)."""
    match = re.search(rf'<(\w+)[^>]*id="{element_id}"[^>]*>', page)
    assert match, element_id
    tag, start = match.group(1), match.start()
    end = page.index(f"</{tag}>", start)
    return page[start:end]


def year_row(page, year):
    table = section(page, "dashboard-by-year")
    row = re.search(rf'<tr><th scope="row">{year}</th>(.*?)</tr>', table, re.S)
    return text(row.group(1)).split()


def every_figure(recap):
    figures = [recap.in_force, recap.expiring, recap.exploration, recap.dormant, recap.overdue]
    for row in recap.by_year:
        figures += [*row.cells, row.total]
    figures += [*recap.group_totals, recap.signed_total]
    figures += [*recap.by_status, *recap.by_scheme, *recap.by_sector, *recap.by_objective]
    figures += [recap.without_sector, recap.without_objective]
    return [figure for figure in figures if figure.count]


# --- What the office and the leaders see -----------------------------------------


@pytest.mark.parametrize("role", [PENGELOLA, PIMPINAN])
def test_the_index_shows_the_table_of_the_source_article(demo, client, role):
    page = login(client, make_user(role=role)).get(INDEX).content.decode()

    assert year_row(page, 2019) == ["7", "5", "8", "—", "—", "20"]
    totals = [int(year_row(page, year)[-1]) for year in (2017, 2018)]
    assert sum(totals) == 28
    assert "Antar Pemerintah" in section(page, "dashboard-by-year")
    headline = text(section(page, "dashboard-headline"))
    for label in ["Segera Berakhir", "Penjajakan", "Dormant", "Laporannya terlambat"]:
        assert label in headline
    assert "Kepatuhan laporan per perangkat daerah, Semester 2 2023" in page


def test_the_dashboard_and_the_recap_json_agree(demo, client, superuser):
    page = login(client, superuser).get(INDEX).content.decode()
    out = io.StringIO()
    call_command("recap", stdout=out)
    data = json.loads(out.getvalue())
    for year, figures in data["by_year"].items():
        cells = year_row(page, year)
        assert int(cells[-1]) == figures["total"]
        shown = [0 if cell == "—" else int(cell) for cell in cells[:-1]]
        assert shown == list(figures["groups"].values())
    statuses = text(section(page, "dashboard-by-status"))
    for label, count in data["by_status"].items():
        assert f"{label} {count or '—'}" in statuses


def test_every_figure_opens_the_list_of_exactly_what_it_counts(demo, client, superuser):
    login(client, superuser)
    page = client.get(INDEX).content.decode()
    recap = Recap(user=superuser)

    checked = 0
    for figure in every_figure(recap):
        assert figure.url.replace("&", "&amp;") in page, figure
        response = client.get(figure.url)
        assert response.status_code == 200, figure.url
        assert response.context["cl"].result_count == figure.count, figure.url
        checked += 1
    assert checked > 30


def test_the_compliance_links_open_the_units_handed_in_reports(today, client, superuser):
    today(date(2024, 7, 1))
    unit = make_unit("DINAS", "Dinas Uji")
    agreement = make_agreement(units=[unit], start_date=date(2022, 1, 1))
    make_report(agreement, unit, 2023, 2)
    login(client, superuser)

    (row,) = Recap(user=superuser).compliance
    assert (row.due, row.reported, row.percent) == (1, 1, 100)
    response = client.get(row.reports.url)
    assert response.context["cl"].result_count == 1
    assert "100%" in text(section(client.get(INDEX).content.decode(), "dashboard-compliance"))


# --- An operator's part, and users without a role -----------------------------------


def test_an_operator_sees_the_figures_of_their_units_agreements(demo, client):
    unit = Unit.objects.get(code="DPUPR")
    operator = make_user(role=OPERATOR, unit=unit)
    login(client, operator)
    page = client.get(INDEX).content.decode()
    recap = Recap(user=operator)

    assert "perangkat daerah Anda" in page
    assert 0 < recap.signed_total.count < 48
    assert '<td class="number total"><a href="' in section(page, "dashboard-by-year")
    compliance = section(page, "dashboard-compliance")
    assert "Dinas Pendidikan" not in compliance
    assert all(row.unit == unit for row in recap.compliance)
    # Their to-do list (the monitoring's) comes first.
    assert page.index('id="operator-todo"') < page.index('id="dashboard-title"')
    for figure in every_figure(recap):
        assert client.get(figure.url).context["cl"].result_count == figure.count, figure.url


def test_the_figures_of_a_year_range_open_what_they_count(demo, client, superuser):
    """With a range, the breakdowns count the agreements signed in it; those without a
    sector or objective among them too (counted as the range's less those named)."""
    login(client, superuser)
    make_agreement(signed_on=date(2019, 3, 1))  # no sector, no objective
    recap = Recap(user=superuser, from_year=2018, to_year=2019)

    in_range = Agreement.objects.filter(signed_on__year__gte=2018, signed_on__year__lte=2019)
    assert recap.without_sector.count == in_range.filter(sectors__isnull=True).count() > 0
    assert recap.without_objective.count == in_range.filter(objectives__isnull=True).count() > 0
    for figure in every_figure(recap):
        assert client.get(figure.url).context["cl"].result_count == figure.count, figure.url


def test_a_user_without_a_role_gets_the_plain_index(demo, client):
    page = login(client, make_user()).get(INDEX).content.decode()

    assert 'id="dashboard-title"' not in page
    assert client.get(reverse("admin:recap-workbook")).status_code == 403


# --- Charts, print and the download -----------------------------------------------


def test_the_charts_are_svg_without_scripts_or_external_requests(demo, client, superuser):
    page = login(client, superuser).get(INDEX).content.decode()
    dashboard = page[page.index('id="dashboard-title"') : page.index('id="content-main"')]

    assert dashboard.count("<svg") >= 2
    assert "<script" not in dashboard and "onclick" not in dashboard
    assert not re.search(r'(src|href)="(https?:)?//', dashboard)
    # The bar of 2019 names what it counts, and every number is written on the chart.
    assert "2019 · Antar Pemerintah: 7" in dashboard
    # Coordinates are plain numbers whatever the language ("12.5", never "12,5").
    assert not re.search(r'(x|y|width|height)="\d+,\d', dashboard)
    # Printed, the page keeps the figures and drops the navigation.
    assert "reports/dashboard.css" in page
    assert "@media print" in Path(finders.find("reports/dashboard.css")).read_text()


def test_the_dashboard_downloads_the_workbook_of_a_year_range(demo, client):
    login(client, make_user(role=PIMPINAN))
    page = client.get(INDEX).content.decode()
    assert reverse("admin:recap-workbook") in page

    response = client.get(reverse("admin:recap-workbook"), {"from_year": 2019, "to_year": 2019})
    assert response.status_code == 200
    assert "rekap-kerja-sama-2019-2019.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
    by_year = list(book["Per Tahun"].iter_rows(min_row=5, values_only=True))
    assert by_year[0][:7] == (2019, 7, 5, 8, 0, 0, 20)
    assert by_year[1][0] == "Jumlah"


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("admin:recap-workbook"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- Queries -----------------------------------------------------------------------


def index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_the_dashboard_runs_as_many_queries_for_a_small_and_a_larger_register(
    today, client, superuser
):
    today(date(2024, 7, 1))
    login(client, superuser)
    build_register(3)
    small = index_queries(client)
    build_register(9)
    assert index_queries(client) == small
