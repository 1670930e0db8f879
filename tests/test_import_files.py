"""Files that are not what they claim, broken or hostile, are refused quickly with a clear
message and in bounded memory; never a traceback, never a half import (README, "Spreadsheets")."""

import io
import time
import zipfile

import pytest
import tablib
import xlwt
from django.core.management import CommandError, call_command

from agreements.choices import PartnerCategory
from agreements.models import Partner, Unit
from agreements.resources import AgreementResource, UnitResource
from core.spreadsheets.importing import import_file
from core.spreadsheets.reading import (
    SpreadsheetError,
    dataset_bytes,
    kept_table,
    read_dataset,
    read_kept_table,
)
from tests.factories import make_partner
from tests.sheets import csv_bytes, register_dump, write_file, xlsx_bytes

UNIT_ROWS = [["Kode", "Nama"], ["BAPPEDA", "Badan Perencanaan"], ["DINKES", "Dinas Kesehatan"]]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def rewrite_member(data, name, change):
    """A copy of an xlsx whose part ``name`` went through ``change(text)``."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = change(content.decode()).encode()
            archive.writestr(item.filename, content)
    return target.getvalue()


def refused(data, kind):
    with pytest.raises(SpreadsheetError) as error:
        read_dataset(data, kind)
    return str(error.value)


def test_a_pdf_called_xlsx_is_not_a_workbook():
    assert ".xlsx" in refused(PDF, "xlsx")


def test_a_truncated_workbook_is_damaged():
    data = xlsx_bytes(UNIT_ROWS)
    assert "rusak" in refused(data[: len(data) // 2], "xlsx")


def test_an_empty_file():
    assert refused(b"", "csv")


def test_a_zip_bomb_is_refused_before_it_is_opened(settings):
    settings.SPREADSHEET_MAX_UNPACKED_MB = 2
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (1024 * 1024))  # 6 MB
    data = bomb.getvalue()
    assert len(data) < 100_000

    started = time.monotonic()
    message = refused(data, "xlsx")

    assert "2 MB" in message
    assert time.monotonic() - started < 1


def test_a_sheet_claiming_fewer_rows_than_it_holds_is_read_to_the_end():
    rows = [["Kode", "Nama"]] + [[f"OPD{i}", f"Dinas {i}"] for i in range(30)]
    lying = rewrite_member(
        xlsx_bytes(rows),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('<dimension ref="A1:B31" />', '<dimension ref="A1:B2" />'),
    )
    assert len(read_dataset(lying, "xlsx")) == 30


def test_a_sheet_claiming_a_million_rows_is_read_quickly():
    lying = rewrite_member(
        xlsx_bytes(UNIT_ROWS),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace('<dimension ref="A1:B3" />', '<dimension ref="A1:XFD1048576" />'),
    )
    started = time.monotonic()
    dataset = read_dataset(lying, "xlsx")
    assert len(dataset) == 2
    assert dataset.headers == ["Kode", "Nama"]
    assert time.monotonic() - started < 1


def test_xml_entity_expansion_is_refused():
    def with_entities(xml):
        entities = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        return f"<!DOCTYPE worksheet [{entities}]>" + xml.replace("<t>DINKES</t>", "<t>&b;</t>")

    data = rewrite_member(xlsx_bytes(UNIT_ROWS), "xl/worksheets/sheet1.xml", with_entities)
    assert "entitas XML" in refused(data, "xlsx")


def test_too_many_rows_names_the_limit(settings):
    settings.SPREADSHEET_MAX_ROWS = 5
    rows = [["Kode", "Nama"]] + [[f"OPD{i}", "Dinas"] for i in range(6)]
    assert "5" in refused(xlsx_bytes(rows), "xlsx")
    assert "5" in refused(csv_bytes(rows), "csv")
    assert len(read_dataset(xlsx_bytes(rows[:6]), "xlsx")) == 5


def test_a_file_over_the_size_limit_names_the_limit(settings):
    settings.SPREADSHEET_MAX_UPLOAD_MB = 1
    rows = [["Kode", "Nama"]] + [[f"OPD{i}", "x" * 100] for i in range(11000)]
    assert "1 MB" in refused(csv_bytes(rows), "csv")


def test_indonesian_excel_csv_semicolons_bom_and_decimal_commas():
    rows = [["Kode", "Nama", "Email", "Aktif"], ["BAPPEDA", "Badan; Perencanaan", "", "Ya"]]
    dataset = read_dataset(csv_bytes(rows, delimiter=";", bom=True), "csv")
    assert dataset.headers == ["Kode", "Nama", "Email", "Aktif"]
    assert dataset[0][1] == "Badan; Perencanaan"


def test_plain_comma_csv_and_windows_ansi():
    rows = [["Nama", "Kategori"], ["Universitas Pendidikan Ganesha, Singaraja", "Universitas"]]
    dataset = read_dataset(csv_bytes(rows, delimiter=",", bom=False, encoding="cp1252"), "csv")
    assert dataset[0][0] == "Universitas Pendidikan Ganesha, Singaraja"
    ansi = csv_bytes([["Nama"], ["Café Palembang"]], bom=False, encoding="cp1252")
    assert read_dataset(ansi, "csv")[0][0] == "Café Palembang"


def test_short_rows_are_padded_and_trailing_empty_rows_dropped():
    data = b"Kode;Nama;Email\r\nBAPPEDA;Badan\r\n;;\r\n\r\n"
    dataset = read_dataset(data, "csv")
    assert len(dataset) == 1
    assert dataset[0] == ("BAPPEDA", "Badan", None)


def test_a_value_in_a_column_without_header_is_refused():
    rows = [["Kode", "Nama"], ["BAPPEDA", "Badan", "lupa judul kolom"]]
    assert "C" in refused(xlsx_bytes(rows), "xlsx")


def test_a_binary_file_called_csv_is_refused():
    assert ".csv" in refused(b"\x00\x01\x02binary", "csv")


def test_an_xlsx_called_csv_is_read_as_the_workbook_it_is():
    assert len(read_dataset(xlsx_bytes(UNIT_ROWS), "csv")) == 2


def test_legacy_xls_workbooks_are_read_with_real_dates():
    from datetime import date, datetime

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for col, header in enumerate(["Nama", "Tanggal"]):
        sheet.write(0, col, header)
    sheet.write(1, 0, "Universitas Sriwijaya")
    sheet.write(1, 1, datetime(2019, 10, 29), date_style)
    buffer = io.BytesIO()
    book.save(buffer)

    dataset = read_dataset(buffer.getvalue(), "xls")

    assert dataset[0][0] == "Universitas Sriwijaya"
    assert dataset[0][1].date() == date(2019, 10, 29)


def test_the_admin_keeps_an_upload_as_its_table_cell_for_cell():
    from datetime import datetime, time, timedelta
    from decimal import Decimal

    rows = [
        ["Nama", "Jumlah", "Nilai", "Publik", "Tanggal", "Jam", "Catatan"],
        ["Universitas Sriwijaya — Palembang", 3, 0.1 + 0.2, True, datetime(2019, 10, 29), None, ""],
        [None] * 7,  # an empty row in the middle keeps its place
        ["Dinas Kesehatan", -7, 1_500_000.5, False, None, time(9, 30), '=1+1 "kutip"'],
    ]
    data = xlsx_bytes(rows)

    kept = read_kept_table(kept_table(data, "xlsx"))

    assert kept.headers == read_dataset(data, "xlsx").headers
    assert kept.dict == read_dataset(data, "xlsx").dict
    assert [type(value) for value in kept[0]][1:5] == [int, float, bool, datetime]
    assert kept[2][5] == time(9, 30)
    # The values no workbook cell gives here keep their type too (xls, csv, later readers).
    table = tablib.Dataset(headers=["a", "b"])
    table.append([Decimal("1.10"), timedelta(days=200_000, hours=36, microseconds=1)])
    assert read_kept_table(dataset_bytes(table)).dict == table.dict


def test_a_refused_upload_is_kept_as_its_message():
    with pytest.raises(SpreadsheetError) as error:
        read_kept_table(kept_table(PDF, "xlsx"))

    assert str(error.value) == refused(PDF, "xlsx")


def test_bytes_not_kept_by_the_admin_are_not_read_as_a_table():
    kept = kept_table(xlsx_bytes(UNIT_ROWS), "xlsx")
    for damaged in (xlsx_bytes(UNIT_ROWS), kept[: len(kept) // 2], kept.replace(b"[", b"{", 1)):
        with pytest.raises(SpreadsheetError, match="no longer available|tidak tersedia"):
            read_kept_table(damaged)


# --- Headers ----------------------------------------------------------------------------


def header_problems(resource, rows):
    outcome = import_file(resource, xlsx_bytes(rows), "xlsx")
    return outcome.problems


@pytest.mark.django_db
def test_an_unknown_header_is_named_with_the_closest_one():
    rows = [["Kode", "Nama", "Aktf"], ["BAPPEDA", "Badan", "Ya"]]
    problems = header_problems(UnitResource(), rows)
    assert [(p.row, p.column) for p in problems] == [(1, "Aktf")]
    assert "“Aktif”" in problems[0].message
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_required_column_is_named():
    problems = header_problems(AgreementResource(), [["Judul", "Mitra", "Tahap"], ["A", "B", "C"]])
    assert {p.column for p in problems} == {"Jenis Dokumen", "Skema"}


@pytest.mark.django_db
def test_a_repeated_column_is_refused():
    problems = header_problems(UnitResource(), [["Kode", "Nama", "kode "], ["A", "B", "C"]])
    assert [p.column for p in problems] == ["Kode"]


@pytest.mark.django_db
def test_headers_match_whatever_the_case_spacing_and_brackets():
    rows = [
        [" kode", "NAMA ", "[Status]"],
        ["BAPPEDA", "Badan Perencanaan", "abaikan"],
    ]
    # "Status" is an export-only column of agreements, not of units: refused here.
    assert [p.column for p in header_problems(UnitResource(), rows)] == ["[Status]"]
    outcome = import_file(UnitResource(), xlsx_bytes([r[:2] for r in rows]), "xlsx")
    assert outcome.ok
    assert Unit.objects.get().name == "Badan Perencanaan"


@pytest.mark.django_db
def test_the_read_only_columns_of_an_export_are_ignored():
    make_partner("Universitas Sriwijaya")
    rows = [
        ["Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap", "Status", "Kelompok Mitra"],
        ["Kajian", "KB", "KSDPK", "Universitas Sriwijaya", "Drafting", "Batal", "Lainnya"],
    ]
    outcome = import_file(AgreementResource(), xlsx_bytes(rows), "xlsx")
    assert outcome.ok, outcome.problems


# --- Through the command and the admin --------------------------------------------------


@pytest.mark.django_db
def test_the_command_refuses_a_broken_file_with_a_message(tmp_path, capsys):
    path = write_file(tmp_path, "mitra.xlsx", PDF)
    before = register_dump()

    with pytest.raises(CommandError):
        call_command("import", "agreements.resources.PartnerResource", path)

    assert ".xlsx" in capsys.readouterr().err
    assert register_dump() == before


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_header(tmp_path, capsys):
    rows = [["Nama", "Kategori", "Alamt"], ["PT Semen Baturaja", "BUMS", "Baturaja"]]
    path = write_file(tmp_path, "mitra.csv", csv_bytes(rows))

    with pytest.raises(CommandError):
        call_command("import", "agreements.resources.PartnerResource", path)

    assert "“Alamt”" in capsys.readouterr().err
    assert Partner.objects.count() == 0


@pytest.mark.django_db
def test_the_command_needs_a_known_format(tmp_path):
    path = write_file(tmp_path, "mitra.txt", b"Nama;Kategori\r\n")
    with pytest.raises(CommandError):
        call_command("import", "agreements.resources.PartnerResource", path)
    call_command(
        "import", "agreements.resources.PartnerResource", path, "--format", "csv"
    )  # only headers: nothing to do, and no error


def upload(client, data, name, format_index=0):
    file = io.BytesIO(data)
    file.name = name
    return client.post(
        "/admin/agreements/partner/import/",
        {"resource": "0", "format": str(format_index), "import_file": file},
    )


def test_the_admin_refuses_a_broken_file_with_a_message(clerk_client):
    response = upload(clerk_client, PDF, "mitra.xlsx")
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert ".xlsx" in errors[0]
    assert "Traceback" not in response.content.decode()
    assert not response.context.get("confirm_form")


def test_the_admin_refuses_a_file_over_the_limit(clerk_client, settings):
    settings.SPREADSHEET_MAX_UPLOAD_MB = 1
    response = upload(clerk_client, b"Nama;Kategori\r\n" + b"x;y\r\n" * 300_000, "m.csv", 2)
    assert "1 MB" in response.context["form"].errors["import_file"][0]


def test_the_admin_lists_header_problems(clerk_client, media_root):
    rows = [["Nama", "Kategorie"], ["PT Semen Baturaja", "BUMS"]]
    response = upload(clerk_client, xlsx_bytes(rows), "mitra.xlsx")
    problems = {(p.row, p.column) for p in response.context["problems"]}
    assert problems == {(1, "Kategorie"), (1, "Kategori")}  # unknown, and required missing
    assert Partner.objects.count() == 0
    # The refused upload is not kept in the shared storage.
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_the_admin_accepts_indonesian_excel_csv(clerk_client):
    rows = [["Nama", "Kategori", "Negara"], ["PT Semen Baturaja", "bums", " Indonesia "]]
    preview = upload(clerk_client, csv_bytes(rows, delimiter=";", bom=True), "mitra.csv", 2)
    form = preview.context["confirm_form"]
    clerk_client.post(
        "/admin/agreements/partner/process_import/",
        {name: form.initial[name] for name in form.fields},
    )
    assert Partner.objects.get().category == PartnerCategory.PRIVATE
