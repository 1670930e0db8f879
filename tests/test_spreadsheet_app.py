"""An export opened and saved again by a real spreadsheet application (LibreOffice Calc)
runs no formula, keeps dates and amounts as dates and numbers, and imports back as a
no-op.

Needs ``soffice`` (Debian's libreoffice-calc-nogui); skipped without it, except where
REQUIRE_SPREADSHEET_APP is set, as CI does, so that the check cannot quietly vanish.
"""

import io
import os
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from agreements.models import Agreement
from tests.factories import make_agreement, make_partner, make_unit

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        SOFFICE is None and not os.environ.get("REQUIRE_SPREADSHEET_APP"),
        reason="LibreOffice (soffice) is not installed",
    ),
]

AGREEMENTS = "agreements.resources.AgreementResource"
TRAPS = {
    "title": '=HYPERLINK("http://evil.example","klik di sini")',
    "scope": "@SUM(1+1)",
    "notes": "+62 811 1234 5678",
    "partner_number": "-12/PKS/2019",
}


def resave_with_libreoffice(path, workdir):
    """Open ``path`` in LibreOffice Calc and save it as a new xlsx, as a clerk would."""
    assert SOFFICE, "REQUIRE_SPREADSHEET_APP is set but soffice is not installed"
    outdir = workdir / "resaved"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{workdir / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / path.name


@pytest.fixture
def exported(today, tmp_path):
    agreement = make_agreement(
        partners=[make_partner("Universitas Sriwijaya")],
        units=[make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")],
        number="180/020/PKS/Setda/2019",
        value=Decimal("1500000.50"),
        **TRAPS,
    )
    path = tmp_path / "register.xlsx"
    call_command("export", "xlsx", AGREEMENTS, "-o", str(path))
    return agreement, path


def test_libreoffice_runs_no_formula_and_keeps_types(exported, tmp_path):
    agreement, path = exported

    sheet = openpyxl.load_workbook(resave_with_libreoffice(path, tmp_path)).active

    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=False))
    assert not [
        cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"
    ]
    assert row["Judul"].value == TRAPS["title"]
    assert row["Ruang Lingkup"].value == TRAPS["scope"]
    assert row["Keterangan"].value == TRAPS["notes"]
    assert row["Nomor Mitra"].value == TRAPS["partner_number"]
    assert row["Tanggal Mulai"].is_date
    assert row["Tanggal Mulai"].value == datetime(2019, 10, 29)
    assert row["Nilai (Rp)"].data_type == "n"
    assert Decimal(str(row["Nilai (Rp)"].value)) == Decimal("1500000.5")
    assert agreement.start_date == date(2019, 10, 29)


def test_a_workbook_saved_again_by_libreoffice_imports_as_a_no_op(exported, tmp_path):
    agreement, path = exported
    resaved = resave_with_libreoffice(path, tmp_path)
    versions = agreement.history.count()
    output = io.StringIO()

    call_command("import", AGREEMENTS, str(resaved), stdout=output)

    assert "0 baru, 0 diubah, 1 tidak berubah" in output.getvalue()
    assert agreement.history.count() == versions
    assert Agreement.objects.get().title == TRAPS["title"]
