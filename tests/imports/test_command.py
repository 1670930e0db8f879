"""Importing a clerk-made register (README), through `manage.py import` and the admin.

The register has ~50 rows using every value form clerks type; the tests check the exact
agreements, partners, units, dates, amounts and links it gives, that each bad input is
refused with its row and column while the database stays exactly as it was, and that
importing the same file again changes nothing.
"""

import re

import pytest
from django.core.management import CommandError

from agreements.models import Agreement
from tests.imports.clerk_register import (
    BAD_CASE_IDS,
    assert_register_imported,
    bad_cases,
    clerk_register,
    csv_cell,
    replace_cell,
    run_import,
)
from tests.sheets import csv_bytes, register_dump, write_file, xlsx_bytes


def test_the_clerks_register_through_the_command(existing_agreements, tmp_path, capsys):
    rows, expected = clerk_register(existing_agreements)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    entries_of_updated = existing_agreements[1].history.count()

    run_import(path)

    assert "46 baru, 2 diubah" in capsys.readouterr().out
    assert_register_imported(existing_agreements, expected)
    created = Agreement.objects.get(number=expected[0]["number"])
    # One row, one history entry: its fields and links together, marked as an import.
    entries = list(created.history.all())
    assert [entry.history_type for entry in entries] == ["+"]
    assert entries[0].history_change_reason == "Impor spreadsheet"
    assert entries[0].partners.count() == created.partners.count() > 0
    assert entries[0].units.count() == created.units.count()
    updated = Agreement.objects.get(pk=existing_agreements[1].pk).history
    assert updated.count() == entries_of_updated + 1
    assert updated.first().history_type == "~"


def test_importing_the_same_file_again_changes_nothing(existing_agreements, tmp_path, capsys):
    rows, _expected = clerk_register(existing_agreements)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    run_import(path)
    capsys.readouterr()
    before = register_dump()

    run_import(path)

    assert "0 baru, 0 diubah, 48 tidak berubah" in capsys.readouterr().out
    assert register_dump() == before


def test_the_clerks_register_as_indonesian_excel_csv(existing_agreements, tmp_path):
    rows, expected = clerk_register(existing_agreements)
    as_text = [[csv_cell(value) for value in row] for row in rows]
    path = write_file(tmp_path, "register.csv", csv_bytes(as_text, delimiter=";", bom=True))

    run_import(path)

    assert_register_imported(existing_agreements, expected)


def test_dry_run_writes_nothing(existing_agreements, tmp_path, capsys):
    rows, _expected = clerk_register(existing_agreements)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    before = register_dump()

    run_import(path, dry_run=True)

    assert "46 baru" in capsys.readouterr().out
    assert register_dump() == before


@pytest.mark.parametrize("case", range(len(BAD_CASE_IDS)), ids=BAD_CASE_IDS)
def test_each_bad_input_is_refused_by_the_command(case, existing_agreements, tmp_path, capsys):
    rows, _expected = clerk_register(existing_agreements)
    header, row_number, value, word = bad_cases(existing_agreements)[case]
    path = write_file(
        tmp_path, "bad.xlsx", xlsx_bytes(replace_cell(rows, row_number, header, value))
    )
    before = register_dump()

    with pytest.raises(CommandError):
        run_import(path)

    errors = capsys.readouterr().err
    line = next(line for line in errors.splitlines() if f"“{header}”" in line)
    assert re.search(rf"\b{row_number}\b", line)
    if word:
        assert word in line
    assert register_dump() == before


def test_every_problem_of_a_file_is_listed(existing_agreements, tmp_path, capsys):
    rows, _expected = clerk_register(existing_agreements)
    rows = replace_cell(rows, 3, "Nilai (Rp)", "banyak")
    rows = replace_cell(rows, 30, "Mitra", "Mitra Fiktif")
    rows = replace_cell(rows, 45, "Tanggal Mulai", "kemarin")
    path = write_file(tmp_path, "bad.xlsx", xlsx_bytes(rows))

    with pytest.raises(CommandError):
        run_import(path)

    errors = capsys.readouterr().err
    for row_number, header in ((3, "Nilai (Rp)"), (30, "Mitra"), (45, "Tanggal Mulai")):
        assert any(
            re.search(rf"\b{row_number}\b", line) and f"“{header}”" in line
            for line in errors.splitlines()
        ), (row_number, header)
    assert Agreement.objects.count() == 2


def test_a_row_naming_an_agreement_by_kode_and_another_by_its_nomor_is_refused(
    existing_agreements, tmp_path, capsys
):
    mou = existing_agreements[0]
    rows = [
        ["Kode", "Nomor", "Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap"],
        [mou.code, mou.number, "A", "MOU", "KSDPK", "Universitas Sriwijaya", "Drafting"],
        ["", mou.number, "B", "MOU", "KSDPK", "Universitas Sriwijaya", "Drafting"],
    ]
    path = write_file(tmp_path, "twice.xlsx", xlsx_bytes(rows))
    before = register_dump()

    with pytest.raises(CommandError):
        run_import(path)

    assert "“Nomor”" in capsys.readouterr().err
    assert register_dump() == before
