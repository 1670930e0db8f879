"""Exports through the admin and ``manage.py export``: the contract's columns, what the
clerk filtered, no cell that runs as a formula, numbers and dates typed, and export as
a permission of its own."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agreements.choices import AgreementKind, PartnerCategory, PartnerGroup, Stage, Status
from agreements.resources import AgreementResource, PartnerResource, UnitResource
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from core.spreadsheets import writing
from reports.resources import ReportResource
from tests.factories import make_agreement, make_partner, make_report, make_unit, make_user

AGREEMENT_HEADERS = [
    "Kode", "Nomor", "Nomor Mitra", "Judul", "Jenis Dokumen", "Skema", "Mitra",
    "Perangkat Daerah", "Bidang", "Tujuan", "Tahap", "Tanggal Tanda Tangan", "Tanggal Mulai",
    "Tanggal Berakhir", "Pembiayaan", "Nilai (Rp)", "Induk", "Ruang Lingkup", "Keterangan",
    "Publik", "Status", "Kelompok Mitra", "Laporan Terakhir",
]  # fmt: skip
FORMULA_TITLE = '=HYPERLINK("http://evil.example","Klik")'
FORMATS = {"xlsx": "0", "xls": "1", "csv": "2"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported_register(today):
    """Two units, a KB with a formula-like title and a PKS under it, one report each."""
    bappeda = make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")
    dinkes = make_unit("DINKES", "Dinas Kesehatan")
    unsri = make_partner("Universitas Sriwijaya", category=PartnerCategory.UNIVERSITY)
    kb = make_agreement(
        partners=[unsri],
        units=[bappeda],
        kind=AgreementKind.KB,
        number="119/KB/2019",
        title=FORMULA_TITLE,
        value=Decimal("1500000.00"),
        start_date=date(2019, 10, 29),
        end_date=date(2023, 10, 28),
    )
    pks = make_agreement(
        partners=[unsri],
        units=[dinkes, bappeda],
        parent=kb,
        number="-12/PKS/2020",
        title="Pelayanan kesehatan desa",
        signed_on=date(2020, 2, 3),
        start_date=date(2020, 2, 3),
        end_date=date(2024, 8, 15),
    )
    make_report(kb, bappeda, year=2023, semester=2, activities="+62 rapat daring")
    make_report(pks, dinkes, year=2024, semester=1, budget=Decimal("25000000"))
    return {"bappeda": bappeda, "dinkes": dinkes, "kb": kb, "pks": pks}


def _content(response):
    assert response.status_code == 200, response.content[:2000]
    return b"".join(response.streaming_content)


def _rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    assert not [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]], header


def _export(client, admin_name, resource_class, query="", format_name="xlsx", fields=None):
    """POST the admin's export form as a clerk does after clicking "Export" on a list."""
    data = {"format": FORMATS[format_name], "resource": "0"}
    for name in fields or resource_class().get_export_order():
        data[f"{resource_class.__name__.lower()}_{name}"] = "on"
    return client.post(reverse(f"admin:{admin_name}_export") + query, data)


# --- The admin ------------------------------------------------------------------------


def test_admin_export_has_the_contract_columns_and_typed_values(
    superuser_client, exported_register
):
    rows, header = _rows(
        _content(_export(superuser_client, "agreements_agreement", AgreementResource))
    )

    assert header == AGREEMENT_HEADERS
    by_number = {row["Nomor"].value: row for row in rows}
    kb, pks = by_number["119/KB/2019"], by_number["-12/PKS/2020"]
    assert kb["Judul"].value == FORMULA_TITLE and kb["Judul"].quotePrefix
    assert pks["Nomor"].quotePrefix
    assert kb["Nilai (Rp)"].data_type == "n" and kb["Nilai (Rp)"].value == 1500000
    assert kb["Tanggal Mulai"].is_date and kb["Tanggal Mulai"].value == datetime(2019, 10, 29)
    assert pks["Induk"].value == exported_register["kb"].code
    assert pks["Perangkat Daerah"].value == "DINKES; BAPPEDA"
    assert pks["Mitra"].value == "Universitas Sriwijaya"
    with translation.override("id"):
        assert kb["Jenis Dokumen"].value == str(AgreementKind.KB.label)
        assert kb["Tahap"].value == str(Stage.SIGNED.label)
        assert kb["Status"].value == str(Status.EXPIRED.label)
        assert pks["Status"].value == str(Status.EXPIRING.label)
        assert kb["Kelompok Mitra"].value == str(PartnerGroup.UNIVERSITY.label)
    assert kb["Laporan Terakhir"].value == "2023/2"
    assert kb["Publik"].value == "Tidak"


def test_admin_export_respects_filters_and_search(superuser_client, exported_register):
    def numbers(query):
        response = _export(superuser_client, "agreements_agreement", AgreementResource, query)
        return sorted(row["Nomor"].value for row in _rows(_content(response))[0])

    assert numbers("") == ["-12/PKS/2020", "119/KB/2019"]
    assert numbers("?kind__exact=KB") == ["119/KB/2019"]
    assert numbers("?status=EXPIRING") == ["-12/PKS/2020"]
    assert numbers("?q=kesehatan") == ["-12/PKS/2020"]
    assert numbers("?q=tidak-ada") == []


def test_admin_export_page_keeps_the_changelist_filters(superuser_client, exported_register):
    changelist = superuser_client.get(
        reverse("admin:agreements_agreement_changelist") + "?kind__exact=KB"
    )
    export_url = reverse("admin:agreements_agreement_export") + "?kind__exact=KB"
    assert export_url in changelist.text
    page = superuser_client.get(export_url)
    assert page.status_code == 200
    assert 'action=""' in page.text or export_url in page.text


def test_admin_export_selected_columns_only(superuser_client, exported_register):
    response = _export(
        superuser_client, "agreements_agreement", AgreementResource, fields=["code", "title"]
    )
    rows, header = _rows(_content(response))
    assert header == ["Kode", "Judul"]
    assert len(rows) == 2


def test_admin_csv_export_is_excel_ready_and_formula_safe(superuser_client, exported_register):
    response = _export(
        superuser_client, "agreements_agreement", AgreementResource, format_name="csv"
    )
    content = _content(response)

    assert response["Content-Type"].startswith("text/csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    by_code = {row["Kode"]: row for row in rows}
    kb = by_code[exported_register["kb"].code]
    assert kb["Judul"] == "'" + FORMULA_TITLE
    assert kb["Nilai (Rp)"] == "1500000"
    assert kb["Tanggal Mulai"] == "2019-10-29"
    assert by_code[exported_register["pks"].code]["Nomor"] == "'-12/PKS/2020"


def test_admin_xls_export_too_large_is_a_message_not_an_error(
    superuser_client, exported_register, monkeypatch
):
    monkeypatch.setattr(writing, "XLS_MAX_ROWS", 2)
    response = _export(
        superuser_client, "agreements_agreement", AgreementResource, format_name="xls"
    )

    assert response.status_code == 200
    assert "xlsx" in response.text
    assert response["Content-Type"].startswith("text/html")


def test_admin_exports_every_resource(superuser_client, exported_register):
    for admin_name, resource_class, expected in [
        ("agreements_unit", UnitResource, ["BAPPEDA", "DINKES"]),
        ("agreements_partner", PartnerResource, ["Universitas Sriwijaya"]),
    ]:
        rows, _header = _rows(_content(_export(superuser_client, admin_name, resource_class)))
        assert sorted(next(iter(row.values())).value for row in rows) == expected

    rows, header = _rows(_content(_export(superuser_client, "reports_report", ReportResource)))
    assert header[:4] == ["Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester"]
    report = next(row for row in rows if row["Perangkat Daerah"].value == "BAPPEDA")
    assert report["Kegiatan"].value == "+62 rapat daring" and report["Kegiatan"].quotePrefix
    assert report["Tahun"].value == 2023 and report["Tahun"].data_type == "n"


# --- Permissions ------------------------------------------------------------------------


def test_pimpinan_may_export_but_not_import(client, exported_register):
    client.force_login(make_user(role=PIMPINAN))

    rows, _header = _rows(_content(_export(client, "agreements_agreement", AgreementResource)))
    assert len(rows) == 2
    assert client.get(reverse("admin:agreements_agreement_import")).status_code == 403
    changelist = client.get(reverse("admin:agreements_agreement_changelist")).text
    assert reverse("admin:agreements_agreement_export") in changelist
    assert reverse("admin:agreements_agreement_import") not in changelist


def test_operator_exports_only_their_units_reports(client, exported_register):
    client.force_login(make_user(role=OPERATOR, unit=exported_register["dinkes"]))

    rows, _header = _rows(_content(_export(client, "reports_report", ReportResource)))
    assert [row["Perangkat Daerah"].value for row in rows] == ["DINKES"]
    assert _export(client, "agreements_agreement", AgreementResource).status_code == 403


def test_export_is_a_permission_of_its_own(client, exported_register):
    client.force_login(make_user())  # staff, no permission at all
    assert _export(client, "agreements_agreement", AgreementResource).status_code == 403
    assert client.get(reverse("admin:agreements_agreement_export")).status_code == 403

    client.force_login(make_user(role=PENGELOLA))
    assert _export(client, "agreements_agreement", AgreementResource).status_code == 200


# --- The command --------------------------------------------------------------------------


def test_command_writes_xlsx_to_a_file(exported_register, tmp_path):
    target = tmp_path / "register.xlsx"
    call_command("export", "xlsx", "agreements.resources.AgreementResource", "-o", str(target))

    rows, header = _rows(target.read_bytes())
    assert header == AGREEMENT_HEADERS
    kb = next(row for row in rows if row["Kode"].value == exported_register["kb"].code)
    assert kb["Judul"].value == FORMULA_TITLE and kb["Judul"].quotePrefix
    assert kb["Tanggal Berakhir"].value == datetime(2023, 10, 28)


def test_command_writes_csv_to_standard_output(exported_register):
    output = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    call_command("export", "CSV", "reports.resources.ReportResource", stdout=output)
    output.flush()

    content = output.buffer.getvalue()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert {row["Perangkat Daerah"] for row in rows} == {"BAPPEDA", "DINKES"}
    assert "'+62 rapat daring" in {row["Kegiatan"] for row in rows}


def test_command_writes_xls(exported_register, tmp_path):
    import xlrd

    target = tmp_path / "units.xls"
    call_command("export", "xls", "agreements.resources.UnitResource", "-o", str(target))

    sheet = xlrd.open_workbook(str(target)).sheet_by_index(0)
    assert sheet.row_values(0) == ["Kode", "Nama", "Email", "Aktif"]
    assert sorted(sheet.col_values(0)[1:]) == ["BAPPEDA", "DINKES"]


def test_command_refuses_unknown_format_and_resource(tmp_path):
    with pytest.raises(CommandError, match="xlsx, xls, csv"):
        call_command("export", "ods", "agreements.resources.UnitResource")
    with pytest.raises(CommandError):
        call_command("export", "xlsx", "agreements.resources.NoSuchResource")


def test_command_export_runs_a_constant_number_of_queries(today, tmp_path):
    unit = make_unit("BAPPEDA")

    def queries_for(count):
        for _index in range(count):
            make_agreement(units=[unit])
        with CaptureQueriesContext(connection) as queries:
            call_command(
                "export", "xlsx", "agreements.resources.AgreementResource",
                "-o", str(tmp_path / "out.xlsx"),
            )  # fmt: skip
        return len(queries)

    assert queries_for(3) == queries_for(20)


def test_admin_export_with_a_broken_filter_goes_back_to_the_list(
    superuser_client, exported_register
):
    response = _export(superuser_client, "agreements_agreement", AgreementResource, "?nosuch=1")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agreements_agreement_changelist") + "?e=1"


def test_admin_export_runs_a_constant_number_of_queries(superuser_client, today):
    unit = make_unit("BAPPEDA")

    def queries_for(count):
        for _index in range(count):
            make_report(make_agreement(units=[unit]), unit)
        with CaptureQueriesContext(connection) as queries:
            _content(_export(superuser_client, "agreements_agreement", AgreementResource))
        return len(queries)

    assert queries_for(3) == queries_for(20)
