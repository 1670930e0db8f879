"""``manage.py recap``: the JSON of the README, the office's workbook, and their agreement."""

import json
from datetime import date, datetime
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.choices import PartnerCategory, Stage
from agreements.models import Objective, Sector
from agreements.roles import OPERATOR
from reports.choices import ReportStatus
from reports.recap.figures import Recap
from reports.recap.serialise import recap_data
from tests.factories import (
    make_agreement,
    make_partner,
    make_report,
    make_unit,
    make_user,
    make_visit,
)

pytestmark = pytest.mark.django_db

GROUPS = ["Antar Pemerintah", "Perguruan Tinggi", "BUMN/BUMS/BUMD", "Luar Negeri", "Lainnya"]
SHEETS = [
    "Per Tahun",
    "Per Status",
    "Per Skema",
    "Per Bidang Urusan",
    "Per Tujuan",
    "Kepatuhan Laporan",
    "Kunjungan Luar Negeri",
    "Segera Berakhir",
    "Dormant",
]


def recap_json(*args):
    out = StringIO()
    call_command("recap", *args, stdout=out)
    return json.loads(out.getvalue())


def recap_workbook(tmp_path, *args):
    path = tmp_path / "rekap.xlsx"
    call_command("recap", "--format", "xlsx", "-o", str(path), *args)
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


@pytest.fixture
def demo(today):
    today(date(2024, 7, 1))
    call_command("load_demo", stdout=StringIO())


def table(sheet):
    """The rows under the header row (row 4) up to the first empty row, as values."""
    rows = []
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[0] is None:
            break
        rows.append(list(row))
    return rows


# --- The demo figures (README, "Demo data and accounts") ---------------------------


def test_the_json_shows_the_figures_of_the_source_article(demo):
    data = recap_json()

    assert data["by_year"]["2017"]["total"] + data["by_year"]["2018"]["total"] == 28
    assert data["by_year"]["2019"] == {
        "total": 20,
        "groups": {
            "Antar Pemerintah": 7,
            "Perguruan Tinggi": 5,
            "BUMN/BUMS/BUMD": 8,
            "Luar Negeri": 0,
            "Lainnya": 0,
        },
    }
    assert list(data["by_year"]) == ["2017", "2018", "2019"]


def test_the_year_range_limits_what_is_counted(demo):
    data = recap_json("--from-year", "2019", "--to-year", "2019")

    assert list(data["by_year"]) == ["2019"]
    assert sum(data["by_status"].values()) == 20
    assert sum(data["by_scheme"].values()) == 20
    # Without a range the breakdowns cover the whole register, preparation included.
    everything = recap_json()
    assert everything["by_status"]["Penjajakan"] >= 1
    assert sum(everything["by_status"].values()) == sum(everything["by_scheme"].values())


def test_an_inverted_range_and_an_xlsx_without_file_are_refused(db):
    with pytest.raises(CommandError):
        call_command("recap", "--from-year", "2020", "--to-year", "2019")
    with pytest.raises(CommandError):
        call_command("recap", "--format", "xlsx")


def test_the_json_can_be_written_to_a_file(demo, tmp_path):
    path = tmp_path / "rekap.json"
    call_command("recap", "-o", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["by_year"]["2019"]["total"] == 20


# --- Compliance, dormant and overdue come from the monitoring ----------------------


@pytest.fixture
def monitored(today):
    """Today 1 July 2024: the last semester whose deadline has passed is 2023/2."""
    today(date(2024, 7, 1))
    diligent, idle = make_unit("RAJIN", "Dinas Rajin"), make_unit("LALAI", "Dinas Lalai")
    both = make_agreement(
        units=[diligent, idle], start_date=date(2022, 1, 1), signed_on=date(2022, 1, 1)
    )
    forgotten = make_agreement(
        units=[idle], start_date=date(2022, 1, 1), signed_on=date(2021, 12, 1), end_date=None
    )
    on_time = timezone.make_aware(datetime(2024, 1, 10))
    make_report(both, diligent, 2023, 2, submitted_at=on_time)
    make_report(both, diligent, 2023, 1, submitted_at=on_time)
    make_report(both, idle, 2023, 2, status=ReportStatus.DRAFT)
    return both, forgotten


def test_compliance_is_per_unit_for_the_last_semester_whose_deadline_passed(monitored):
    compliance = recap_json()["compliance"]

    assert (compliance["year"], compliance["semester"]) == (2023, 2)
    assert compliance["units"]["Dinas Rajin"] == {
        "due": 1,
        "on_time": 1,
        "late": 0,
        "overdue": 0,
        "rate": 1.0,
    }
    # A draft is not handed in.
    assert compliance["units"]["Dinas Lalai"] == {
        "due": 2,
        "on_time": 0,
        "late": 0,
        "overdue": 2,
        "rate": 0.0,
    }


def test_dormant_and_overdue_are_those_of_the_monitoring(monitored):
    both, forgotten = monitored
    data = recap_json()

    assert data["dormant"] == [forgotten.code]
    assert data["overdue"]["agreements"] == 2
    assert data["overdue"]["reports"] >= 3


# --- The workbook ------------------------------------------------------------------


def test_the_workbook_has_every_sheet_titled_with_frozen_headers(demo, tmp_path):
    book, _values = recap_workbook(tmp_path)

    assert book.sheetnames == SHEETS
    for sheet in book:
        assert sheet["A1"].value, sheet.title
        assert sheet.freeze_panes == "A5", sheet.title
        assert sheet.column_dimensions["A"].width >= 8


def test_the_workbook_totals_add_up_and_match_the_json(demo, tmp_path):
    data = recap_json()
    book, values = recap_workbook(tmp_path)

    by_year = values["Per Tahun"]
    assert [cell.value for cell in by_year[4]] == ["Tahun", *GROUPS, "Jumlah"]
    rows = table(by_year)
    years = {str(row[0]): row for row in rows if row[0] != "Jumlah"}
    for year, figures in data["by_year"].items():
        assert years[year][1:6] == [figures["groups"][group] for group in GROUPS]
        assert years[year][6] == figures["total"]
    totals = rows[-1]
    assert totals[0] == "Jumlah"
    assert totals[1:] == [sum(row[i] for row in years.values()) for i in range(1, 7)]
    assert totals[6] == 48
    # The total is a formula over the rows above it, whose cached result is the figure.
    assert str(book["Per Tahun"].cell(row=5 + len(years), column=7).value).startswith("=SUM(")

    for name, key in [("Per Status", "by_status"), ("Per Skema", "by_scheme")]:
        rows = table(values[name])
        assert {row[0]: row[1] for row in rows[:-1]} == data[key]
        assert rows[-1] == ["Jumlah", sum(data[key].values())]

    for name, key in [("Per Bidang Urusan", "by_sector"), ("Per Tujuan", "by_objective")]:
        rows = table(values[name])
        counted = {row[0]: row[1] for row in rows[:-2]}
        assert counted == data[key]
        assert rows[-1][1] == sum(row[1] for row in rows[:-1])


def test_the_workbook_lists_visits_with_participants_and_agreements_to_watch(demo, tmp_path):
    data = recap_json()
    _book, values = recap_workbook(tmp_path)

    visits = table(values["Kunjungan Luar Negeri"])
    assert visits[0][2] == "Jepang"
    assert isinstance(visits[0][4], datetime)  # a real date
    assert visits[0][7] == data["visits_by_year"]["2019"]["participants"]
    assert "Bupati" in visits[0][6]

    expiring = table(values["Segera Berakhir"])
    assert [row[0] for row in expiring[:-1]] == data["expiring"]
    assert expiring[-1][:2] == ["Jumlah", len(data["expiring"])]
    dormant = table(values["Dormant"])
    assert [row[0] for row in dormant[:-1]] == data["dormant"]


def test_dates_are_indonesian_and_typed_text_never_runs(today, tmp_path):
    today(date(2024, 7, 1))
    make_agreement(title='=HYPERLINK("http://x.example")', end_date=date(2024, 8, 1))
    book, _values = recap_workbook(tmp_path)

    sheet = book["Segera Berakhir"]
    assert sheet["C5"].data_type == "s"
    assert sheet["C5"].value.startswith("=HYPERLINK")
    assert sheet["F5"].number_format == "[$-421]d mmmm yyyy"


def test_the_lists_name_partners_in_order_and_the_lead_unit(today, tmp_path):
    today(date(2024, 7, 1))
    lead, other = make_unit(name="Dinas Pimpinan"), make_unit(name="Badan Pendamping")
    partners = [make_partner(name="Zeta Institut"), make_partner(name="Alfa Universitas")]
    make_agreement(partners=partners, units=[lead, other], end_date=date(2024, 8, 1))
    make_agreement(partners=[], end_date=date(2024, 9, 1))

    _book, values = recap_workbook(tmp_path)

    rows = table(values["Segera Berakhir"])
    assert [row[3:5] for row in rows[:-1]] == [
        ["Alfa Universitas; Zeta Institut", "Dinas Pimpinan"],
        [None, None],  # empty cells, not "None"
    ]
    assert rows[-1][:2] == ["Jumlah", 2]


def test_the_lists_keep_their_order_and_names_across_chunks(today, tmp_path, monkeypatch):
    today(date(2024, 7, 1))
    monkeypatch.setattr("reports.recap.figures.CHUNK_SIZE", 2)
    expected = []
    for day in range(1, 6):
        unit = make_unit(name=f"Dinas {day}")
        partner = make_partner(name=f"Mitra {day}")
        agreement = make_agreement(partners=[partner], units=[unit], end_date=date(2024, 8, day))
        expected.append([agreement.code, f"Mitra {day}", f"Dinas {day}"])

    _book, values = recap_workbook(tmp_path)

    rows = table(values["Segera Berakhir"])[:-1]
    assert [[row[0], row[3], row[4]] for row in rows] == expected


def test_the_compliance_sheet_counts_each_unit(monitored, tmp_path):
    _book, values = recap_workbook(tmp_path)

    rows = table(values["Kepatuhan Laporan"])
    assert rows[0] == ["Dinas Lalai", 2, 0, 0, 2, 0]
    assert rows[1] == ["Dinas Rajin", 1, 1, 0, 0, 1]
    assert rows[2] == ["Jumlah", 3, 1, 0, 2, pytest.approx(1 / 3)]


# --- A fixed number of queries ------------------------------------------------------


def build_register(size):
    sector, objective = Sector.objects.first(), Objective.objects.first()
    for index in range(size):
        unit = make_unit()
        category = [PartnerCategory.UNIVERSITY, PartnerCategory.BUMN][index % 2]
        agreement = make_agreement(
            partners=[make_partner(category=category)],
            units=[unit],
            signed_on=date(2018 + index % 3, 3, 1),
            start_date=date(2018 + index % 3, 3, 1),
            end_date=date(2024, 8, 1) if index % 2 else None,
        )
        agreement.sectors.add(sector)
        agreement.objectives.add(objective)
        make_report(agreement, unit, 2023, 2)
        make_visit(departure=date(2019, 1, index + 1), return_date=date(2019, 1, index + 2))
    make_agreement(stage=Stage.EXPLORATION, signed_on=None, start_date=None, end_date=None)


def count_queries(tmp_path):
    with CaptureQueriesContext(connection) as queries:
        recap_data(Recap())
        call_command("recap", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    return len(queries)


def test_the_recap_runs_as_many_queries_for_a_small_and_a_larger_register(today, tmp_path):
    today(date(2024, 7, 1))
    build_register(3)
    small = count_queries(tmp_path)
    build_register(9)
    assert count_queries(tmp_path) == small


def test_the_year_table_counts_each_agreement_once_in_its_strongest_group(db):
    government = make_partner(category=PartnerCategory.REGIONAL_GOV)
    university = make_partner(category=PartnerCategory.UNIVERSITY)
    company = make_partner(category=PartnerCategory.PRIVATE)
    make_agreement(partners=[university, government, company], signed_on=date(2019, 1, 1))
    make_agreement(partners=[company, university], signed_on=date(2019, 12, 31))
    make_agreement(partners=[], signed_on=date(2019, 6, 30))
    make_agreement(partners=[company], signed_on=date(2021, 3, 4))
    make_agreement(partners=[government], signed_on=None, stage=Stage.DRAFTING)

    data = recap_json()
    assert list(data["by_year"]) == ["2019", "2021"]
    assert list(data["by_year"]["2019"]["groups"].values()) == [1, 1, 0, 0, 1]
    assert data["by_year"]["2019"]["total"] == 3
    assert list(data["by_year"]["2021"]["groups"].values()) == [0, 0, 1, 0, 0]


def test_an_operator_counts_only_their_units_agreements_by_year(db):
    unit, other = make_unit(), make_unit()
    partner = make_partner(category=PartnerCategory.UNIVERSITY)
    make_agreement(partners=[partner], units=[unit], signed_on=date(2020, 5, 1))
    make_agreement(partners=[partner], units=[other, unit], signed_on=date(2020, 8, 1))
    make_agreement(partners=[partner], units=[other], signed_on=date(2020, 9, 1))
    operator = make_user(role=OPERATOR, unit=unit)

    recap = Recap(user=operator)
    assert [(row.year, [cell.count for cell in row.cells]) for row in recap.by_year] == [
        (2020, [0, 2, 0, 0, 0])
    ]
