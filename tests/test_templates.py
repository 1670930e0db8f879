"""Blank import templates: downloadable from each list, with the contract's headers, an
example row, drop-down lists fed from the choices, and importable as filled in."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agreements.choices import AgreementKind, Funding, PartnerCategory, Scheme, Stage
from agreements.models import Agreement, Partner, Unit
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.choices import ReportStatus
from tests.factories import make_partner, make_unit, make_user

# The README's columns, without the read-only columns an export adds.
HEADERS = {
    "agreements_unit": ["Kode", "Nama", "Email", "Aktif"],
    "agreements_partner": [
        "Nama", "Kategori", "Negara", "Alamat", "Narahubung", "Email", "Telepon", "Keterangan",
    ],
    "agreements_agreement": [
        "Kode", "Nomor", "Nomor Mitra", "Judul", "Jenis Dokumen", "Skema", "Mitra",
        "Perangkat Daerah", "Bidang", "Tujuan", "Tahap", "Tanggal Tanda Tangan",
        "Tanggal Mulai", "Tanggal Berakhir", "Pembiayaan", "Nilai (Rp)", "Induk",
        "Ruang Lingkup", "Keterangan", "Publik",
    ],
    "reports_report": [
        "Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester", "Kegiatan", "Hasil",
        "Manfaat", "Anggaran (Rp)", "Realisasi (Rp)", "Kendala", "Tindak Lanjut", "Status",
    ],
}  # fmt: skip

pytestmark = pytest.mark.django_db


def _template_url(admin_name):
    return reverse(f"admin:{admin_name}_spreadsheet_template")


def _download(client, admin_name):
    response = client.get(_template_url(admin_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _drop_downs(workbook):
    """Header of each validated column → the values its drop-down offers."""
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    offered = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        header = headers[openpyxl.utils.column_index_from_string(column) - 1]
        sheet_name, cells = validation.formula1.lstrip("=").rsplit("!", 1)
        source = workbook[sheet_name.strip("'")]
        offered[header] = [cell.value for row in source[cells.replace("$", "")] for cell in row]
    return offered


@pytest.mark.parametrize("admin_name", list(HEADERS))
def test_template_has_the_headers_an_example_and_a_frozen_header(superuser_client, admin_name):
    workbook = _download(superuser_client, admin_name)
    sheet = workbook.worksheets[0]

    assert [cell.value for cell in sheet[1]] == HEADERS[admin_name]
    assert all(cell.font.bold for cell in sheet[1])
    example = [cell.value for cell in sheet[2]]
    assert sum(value not in (None, "") for value in example) >= 3
    assert sheet.max_row == 2
    assert sheet.freeze_panes == "A2"
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    assert all(10 <= width <= 60 for width in widths)


def test_agreement_template_offers_the_choices_as_drop_downs(superuser_client):
    workbook = _download(superuser_client, "agreements_agreement")

    with translation.override("id"):
        expected = {
            "Jenis Dokumen": [str(label) for label in AgreementKind.labels],
            "Skema": [str(label) for label in Scheme.labels],
            "Tahap": [str(label) for label in Stage.labels],
            "Pembiayaan": [str(label) for label in Funding.labels],
            "Publik": ["Ya", "Tidak"],
        }
    assert _drop_downs(workbook) == expected
    example = dict(zip(HEADERS["agreements_agreement"], workbook.worksheets[0][2], strict=True))
    assert example["Tanggal Mulai"].is_date
    assert example["Nilai (Rp)"].data_type == "n"
    assert example["Jenis Dokumen"].value in expected["Jenis Dokumen"]


def test_partner_unit_and_report_templates_offer_their_choices(superuser_client):
    with translation.override("id"):
        categories = [str(label) for label in PartnerCategory.labels]
        statuses = [str(label) for label in ReportStatus.labels]

    assert _drop_downs(_download(superuser_client, "agreements_partner")) == {
        "Kategori": categories
    }
    assert _drop_downs(_download(superuser_client, "agreements_unit")) == {"Aktif": ["Ya", "Tidak"]}
    report_lists = _drop_downs(_download(superuser_client, "reports_report"))
    assert report_lists["Status"] == statuses
    assert len(report_lists["Semester"]) == 2


def test_template_lists_the_units_and_affairs_a_cell_may_name(superuser_client):
    make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")
    workbook = _download(superuser_client, "agreements_agreement")
    lists = workbook.worksheets[1]
    columns = {column[0].value: [cell.value for cell in column[1:]] for column in lists.columns}

    assert "BAPPEDA" in columns["Perangkat Daerah"]
    assert "Pendidikan" in columns["Bidang"]
    assert "Efisiensi" in columns["Tujuan"]


def test_filled_in_agreement_template_imports(superuser_client, tmp_path):
    """The example row, once its partner and units exist, is a valid register row."""
    make_partner("Universitas Sriwijaya")
    bappeda = make_unit("BAPPEDA")
    make_unit("DINKES")
    workbook = _download(superuser_client, "agreements_agreement")
    path = tmp_path / "template.xlsx"
    workbook.save(path)

    call_command("import", "agreements.resources.AgreementResource", str(path))

    agreement = Agreement.objects.get()
    assert agreement.kind == AgreementKind.PKS
    assert agreement.stage == Stage.SIGNED
    assert agreement.start_date == date(2019, 11, 1)
    assert agreement.value == Decimal("150000000")
    assert agreement.is_public
    assert [p.name for p in agreement.partners.all()] == ["Universitas Sriwijaya"]
    assert agreement.lead_unit == bappeda


def test_filled_in_unit_and_partner_templates_import(superuser_client, tmp_path):
    for admin_name, resource in [
        ("agreements_unit", "agreements.resources.UnitResource"),
        ("agreements_partner", "agreements.resources.PartnerResource"),
    ]:
        path = tmp_path / f"{admin_name}.xlsx"
        _download(superuser_client, admin_name).save(path)
        call_command("import", resource, str(path))

    assert Unit.objects.get().code == "BAPPEDA"
    assert Partner.objects.get().category == PartnerCategory.UNIVERSITY


def test_template_is_for_those_who_may_import(client):
    unit = make_unit()
    cases = [
        (make_user(role=PENGELOLA), "agreements_agreement", 200),
        (make_user(role=PIMPINAN), "agreements_agreement", 403),
        (make_user(role=PIMPINAN), "reports_report", 403),
        (make_user(role=OPERATOR, unit=unit), "reports_report", 200),
        (make_user(role=OPERATOR, unit=unit), "agreements_agreement", 403),
        (make_user(), "agreements_unit", 403),
    ]
    for user, admin_name, status in cases:
        client.force_login(user)
        assert client.get(_template_url(admin_name)).status_code == status, (user, admin_name)


def test_changelist_shows_the_template_button_only_to_importers(client):
    url = _template_url("agreements_agreement")
    client.force_login(make_user(role=PENGELOLA))
    assert url in client.get(reverse("admin:agreements_agreement_changelist")).text
    client.force_login(make_user(role=PIMPINAN))
    assert url not in client.get(reverse("admin:agreements_agreement_changelist")).text


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(_template_url("agreements_agreement"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
