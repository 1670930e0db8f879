"""A national-size register stays fast: what the speed-ups must not change, and the
benchmark's own building blocks (docs/performance.md)."""

from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import DateField
from django.db.models.functions import Trunc
from django.test.utils import CaptureQueriesContext

from agreements import roles
from agreements.models import Agreement
from benchmarks import registers, report
from tests.factories import make_agreement, make_unit, make_user

CHANGELIST = "/admin/agreements/agreement/"


def django_dates(queryset, kind, order="ASC"):
    """What Django's own QuerySet.dates() gives: every row's date truncated."""
    return list(
        queryset.annotate(period=Trunc("signed_on", kind, output_field=DateField()))
        .filter(signed_on__isnull=False)
        .values_list("period", flat=True)
        .distinct()
        .order_by(("-" if order == "DESC" else "") + "period")
    )


def signed(day, **fields):
    return make_agreement(signed_on=day, start_date=day, **fields)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["year", "month", "day"])
@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_dates_are_the_ones_django_would_list(kind, order):
    for day in [date(2015, 12, 31), date(2016, 1, 1), date(2016, 1, 20), date(2019, 7, 4)]:
        signed(day)
    make_agreement(stage="EXPLORATION", signed_on=None, start_date=None, end_date=None)
    queryset = Agreement.objects.with_status()

    assert queryset.dates("signed_on", kind, order) == django_dates(queryset, kind, order)
    later = queryset.filter(signed_on__year=2016)
    assert later.dates("signed_on", kind, order) == django_dates(later, kind, order)
    assert Agreement.objects.none().dates("signed_on", kind) == []


@pytest.mark.django_db
def test_the_year_links_and_unit_filter_cost_the_same_queries_for_any_register_size(
    superuser_client,
):
    unit = make_unit(code="BAPPEDA", name="Badan Perencanaan")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = superuser_client.get(CHANGELIST)
        assert response.status_code == 200
        return len(captured.captured_queries)

    # Two years from the start: with a single month Django's date hierarchy opens on
    # its days instead, which is another page.
    signed(date(2017, 3, 1), units=[unit])
    signed(date(2024, 3, 1), units=[unit])
    few = queries()
    for year in range(2010, 2024):
        signed(date(year, 5, 2), units=[unit])
    assert queries() == few


@pytest.mark.django_db
def test_the_unit_filter_offers_only_the_units_of_what_the_user_sees(client):
    mine, other, unused = (
        make_unit(code="DINKES", name="Dinas Kesehatan"),
        make_unit(code="DISDIK", name="Dinas Pendidikan"),
        make_unit(code="DISHUB", name="Dinas Perhubungan"),
    )
    signed(date(2019, 1, 2), units=[mine])
    signed(date(2019, 1, 3), units=[other])
    client.force_login(make_user(role=roles.OPERATOR, unit=mine))

    page = client.get(CHANGELIST).text

    assert f"units__id__exact={mine.pk}" in page
    assert f"units__id__exact={other.pk}" not in page
    assert f"units__id__exact={unused.pk}" not in page


@pytest.mark.django_db
def test_export_of_a_benchmark_register_lists_every_agreement_with_its_links(tmp_path):
    counts = registers.build({"agreements": 30, "partners": 8, "units": 5, "reports": 60}, seed=3)
    output = tmp_path / "register.xlsx"

    call_command("export", "xlsx", "agreements.resources.AgreementResource", output=str(output))

    rows = list(openpyxl.load_workbook(output, read_only=True).active.values)
    header, body = rows[0], rows[1:]
    assert counts["agreements"] == len(body) == Agreement.objects.count()
    partners = header.index("Mitra")
    units = header.index("Perangkat Daerah")
    first = Agreement.objects.get(code=body[0][0])
    assert body[0][partners].split("; ") == sorted(p.name for p in first.partners.all())
    assert body[0][units].split("; ")[0] == first.lead_unit.code


def test_the_summary_names_every_key_of_the_issue_and_says_what_was_not_measured():
    page = {"median": 0.1, "queries": 11, "sql": 0.05}
    raw = {
        "sizes": registers.SIZES,
        "database": "sqlite",
        "machine": {"cpu": "test", "cores": 2, "python": "3.11"},
        "export_admin_small": {"same_as_command": True},
        "import_ours": {"time": 10, "rows": 1000, "peak_mb": 90},
        "import_peer": {"time": 20, "rows": 100, "peak_mb": 90},
        "import_limit": {"time": 2, "rows": 1000, "peak_mb": 90},
        "import_admin": {"time": 5, "rows": 200, "peak_mb": 90},
        "import_ours_admin_size": {"time": 2, "rows": 200, "peak_mb": 90},
        "recap_small": {"missing": "no recap command"},
        "recap_large": {"missing": "no recap command"},
    }
    for size in ("small", "large"):
        for who in ("ours", "peer", "limit"):
            raw[f"export_{who}_{size}"] = {"time": 4, "rows": 1000, "peak_mb": 90}
        raw[f"pages_{size}"] = dict.fromkeys(
            ("changelist", "changelist_filtered", "change", "reports", "dashboard"), page
        )

    summary = report.summarise(raw)

    for key in [
        "export_vs_limit",
        "export_vs_peer",
        "export_mem_large_vs_small",
        "import_vs_peer",
        "import_vs_limit",
        "admin_import_vs_command",
        "changelist_queries_small",
        "changelist_queries_large",
        "changelist_time_large_vs_small",
        "dashboard_queries_small",
        "dashboard_queries_large",
        "dashboard_vs_sql",
        "dashboard_seconds_large",
        "recap_queries_small",
        "recap_queries_large",
        "recap_vs_sql",
        "recap_seconds_large",
    ]:
        assert key in summary
    assert summary["import_vs_peer"] == 20.0
    assert summary["import_vs_limit"] == 5.0
    assert summary["recap_vs_sql"] is None
    assert summary["recap_not_measured"] == "no recap command"
    assert summary["targets"]["import ≥ 5 × the peer"] is True
    assert summary["targets"]["recap ≤ 1 s"] is None
    assert "| export 1,000 agreements (xlsx) |" in report.table(summary, raw)


@pytest.mark.django_db
def test_the_recap_step_replays_its_sql_bare_on_this_database(tmp_path):
    """The benchmark runs the recap's captured SQL again through a cursor. On
    PostgreSQL the workbook's lists are read through a server-side cursor, logged as
    its DECLARE and FETCHes: replayed as they are, the second run failed ("cursor
    already exists")."""
    from benchmarks import steps

    registers.build({"agreements": 40, "partners": 10, "units": 5, "reports": 80})
    results = steps.recap({"folder": str(tmp_path)})
    for format_name in ("json", "xlsx"):
        assert results[format_name]["queries"] > 5
        assert results[format_name]["sql"] > 0
    assert (tmp_path / "recap.xlsx").stat().st_size > 0
