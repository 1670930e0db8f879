"""Importing units, partners and reports: identity, permissions, the verifier."""

from decimal import Decimal

from agreements.choices import PartnerCategory
from agreements.models import Partner, Unit
from agreements.roles import OPERATOR, PENGELOLA
from reports.models import Report
from tests.factories import make_agreement, make_partner, make_report, make_unit, make_user
from tests.imports.clerk_register import run_import
from tests.pages import admin_confirm, admin_upload
from tests.sheets import csv_bytes, write_file, xlsx_bytes

# --- Units, partners and reports -----------------------------------------------------


def test_units_by_code(db, tmp_path, capsys):
    make_unit("BAPPEDA", "Bappeda lama")
    rows = [
        ["Kode", "Nama", "Email", "Aktif"],
        ["bappeda", "Badan Perencanaan  Pembangunan Daerah", "bappeda@muaraenim.go.id", "Ya"],
        ["DINKES", "Dinas Kesehatan", None, "Tidak"],
    ]
    run_import(
        write_file(tmp_path, "u.xlsx", xlsx_bytes(rows)), "agreements.resources.UnitResource"
    )

    assert "1 baru, 1 diubah" in capsys.readouterr().out
    bappeda = Unit.objects.get(code="BAPPEDA")
    assert bappeda.name == "Badan Perencanaan Pembangunan Daerah"
    assert Unit.objects.get(code="DINKES").is_active is False


def test_partners_by_name_whatever_the_case_and_spacing(db, tmp_path):
    make_partner("Universitas Sriwijaya", address="Palembang")
    rows = [
        ["Nama", "Kategori", "Alamat"],
        ["UNIVERSITAS  sriwijaya", "University", "Jl. Srijaya Negara, Palembang"],
        ["PT Semen Baturaja", "bums", None],
    ]
    run_import(
        write_file(tmp_path, "p.csv", csv_bytes(rows, delimiter=",", bom=False)),
        "agreements.resources.PartnerResource",
    )

    assert Partner.objects.count() == 2
    assert Partner.objects.get(name_key="universitas sriwijaya").address.startswith("Jl.")
    semen = Partner.objects.get(name="PT Semen Baturaja")
    assert semen.category == PartnerCategory.PRIVATE
    assert semen.country == "Indonesia"


REPORT_HEADERS = ["Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester", "Kegiatan"]


def test_reports_by_agreement_unit_year_and_semester(db, tmp_path):
    bappeda = make_unit("BAPPEDA")
    agreement = make_agreement(number="5/PKS/2020", units=[bappeda])
    rows = [
        [*REPORT_HEADERS, "Anggaran (Rp)", "Status"],
        [agreement.code, "bappeda", 2020, 1, "Rapat", "Rp 25.000.000", "Diajukan"],
        ["5/PKS/2020", "BAPPEDA", "2020", "2", "Pelatihan", "1.000.000,50", None],
    ]
    run_import(write_file(tmp_path, "r.xlsx", xlsx_bytes(rows)), "reports.resources.ReportResource")

    first, second = Report.objects.order_by("semester")
    assert (first.year, first.semester, first.budget) == (2020, 1, Decimal("25000000"))
    assert first.status == "SUBMITTED"
    assert first.submitted_at is not None  # handed in, as through the form
    assert second.budget == Decimal("1000000.50")
    assert second.status == "DRAFT"
    assert second.submitted_at is None


def test_a_report_verified_by_import_records_the_clerk_as_verifier(db, client, media_root):
    unit = make_unit("BAPPEDA")
    report = make_report(make_agreement(units=[unit]), unit, year=2020, semester=1)
    clerk = make_user("clerk", role=PENGELOLA)
    client.force_login(clerk)
    rows = [
        [*REPORT_HEADERS, "Status"],
        [report.agreement.code, "BAPPEDA", 2020, 1, report.activities, "Diverifikasi"],
    ]

    preview = admin_upload(client, xlsx_bytes(rows), "r.xlsx", model="reports/report")
    admin_confirm(client, preview, model="reports/report")

    report.refresh_from_db()
    assert report.status == "VERIFIED"
    assert report.verified_by == clerk
    assert report.verified_at is not None


def test_an_operator_imports_only_their_own_units_reports(db, client, media_root):
    bappeda, dinkes = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement(units=[bappeda, dinkes])
    operator = make_user(role=OPERATOR, unit=bappeda)
    client.force_login(operator)
    rows = [
        REPORT_HEADERS,
        [agreement.code, "BAPPEDA", 2020, 1, "Rapat koordinasi"],
        [agreement.code, "DINKES", 2020, 1, "Penyuluhan"],
    ]

    response = admin_upload(client, xlsx_bytes(rows), "r.xlsx", "reports/report")

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, "Perangkat Daerah")]
    assert Report.objects.count() == 0

    response = admin_upload(client, xlsx_bytes(rows[:2]), "r.xlsx", "reports/report")
    admin_confirm(client, response, "reports/report")
    assert Report.objects.get().unit == bappeda
