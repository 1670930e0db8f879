"""The office's clerk in a real browser: adds an agreement through the autocompletes
with a signed PDF, imports a workbook (preview with counts, confirm), exports the
filtered list and opens the file."""

import io
import re

import pytest
from openpyxl import load_workbook

from agreements import roles
from agreements.choices import PartnerCategory
from agreements.models import Agreement
from tests.browser.pages import PHONE, pick
from tests.factories import PDF_BYTES, make_agreement, make_partner, make_unit, make_user
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def clerk():
    return make_user("pengelola", role=roles.PENGELOLA)


@pytest.fixture
def lookups():
    return {
        "partners": [
            make_partner("Universitas Sriwijaya", category=PartnerCategory.UNIVERSITY),
            make_partner("Politeknik Negeri Sriwijaya", category=PartnerCategory.UNIVERSITY),
        ],
        "units": [
            make_unit("DISDIK", "Dinas Pendidikan"),
            make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
        ],
    }


def test_clerk_adds_an_agreement_with_two_partners_two_units_and_a_signed_pdf(
    open_page, clerk, lookups, tmp_path
):
    scan = tmp_path / "naskah.pdf"
    scan.write_bytes(PDF_BYTES)
    page = open_page(clerk)

    page.goto("/admin/agreements/agreement/add/")
    page.fill("#id_title", "Beasiswa vokasi bagi lulusan SMK")
    page.select_option("#id_kind", label="Perjanjian Kerja Sama")
    page.fill("#id_number", "180/099/PKS/Setda/2024")
    pick(page, "id_partners", "Universitas Sriwijaya")
    pick(page, "id_partners", "Politeknik Negeri")
    page.select_option("#id_stage", label="Ditandatangani")
    page.fill("#id_signed_on", "29-10-2024")
    page.fill("#id_start_date", "29-10-2024")
    page.fill("#id_value", "95.000.000")
    pick(page, "id_agreement_units-0-unit", "Dinas Pendidikan")
    page.check("#id_agreement_units-0-is_lead")
    page.locator("#agreement_units-group .add-row a").click()
    pick(page, "id_agreement_units-1-unit", "Badan Perencanaan")
    page.select_option("#id_documents-0-kind", label="Pindaian dokumen bertanda tangan")
    page.set_input_files("#id_documents-0-file", str(scan))
    page.click("input[name=_save]")

    page.wait_for_selector(".messagelist .success")
    agreement = Agreement.objects.get(number="180/099/PKS/Setda/2024")
    assert sorted(p.name for p in agreement.partners.all()) == [
        "Politeknik Negeri Sriwijaya",
        "Universitas Sriwijaya",
    ]
    assert agreement.lead_unit.code == "DISDIK"
    assert agreement.units.count() == 2
    assert agreement.value == 95_000_000
    assert agreement.documents.count() == 1
    # The list shows it as people write it.
    row = page.locator("#result_list tr", has_text=agreement.code)
    assert "Rp 95.000.000" in row.inner_text()
    assert "DISDIK" in row.inner_text()


def test_clerk_imports_a_workbook_with_a_preview_that_counts(open_page, clerk, lookups, tmp_path):
    existing = make_agreement(partners=lookups["partners"][:1], title="Kerja sama lama")
    workbook = tmp_path / "register.xlsx"
    workbook.write_bytes(
        xlsx_bytes(
            [
                ["Kode", "Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap"],
                [existing.code, "Judul baru", "PKS", "", "Universitas Sriwijaya", "Ditandatangani"],
                ["", "Magang mahasiswa", "PKS", "", "Politeknik Negeri Sriwijaya", "Penjajakan"],
            ]
        )
    )  # fmt: skip
    page = open_page(clerk)

    page.goto("/admin/agreements/agreement/import/")
    page.set_input_files("#id_import_file", str(workbook))
    page.locator("form input[type=submit]").first.click()

    summary = page.locator(".import-summary")
    summary.wait_for()
    assert "1 baru" in summary.inner_text()
    assert "1 diubah" in summary.inner_text()
    assert Agreement.objects.count() == 1  # nothing written before the confirmation
    # The new agreement's row shows the code it will get and its partner, though it is
    # written only at the confirmation (all new rows together).
    new_row = page.locator("table.import-preview tr.new")
    assert re.search(r"KS-\d{4}-\d{4}", new_row.inner_text())
    assert "Politeknik Negeri Sriwijaya" in new_row.inner_text()
    assert "None" not in page.locator("table.import-preview").inner_text()
    page.locator("form input[name=confirm], form input[type=submit]").last.click()

    page.wait_for_selector(".messagelist .success")
    assert Agreement.objects.count() == 2
    existing.refresh_from_db()
    assert existing.title == "Judul baru"


def test_clerk_exports_the_filtered_list_and_opens_the_file(open_page, clerk, lookups):
    make_agreement(partners=lookups["partners"][:1], title="Kerja sama PKS")
    make_agreement(partners=lookups["partners"][1:], title="Kesepakatan KB", kind="KB")
    page = open_page(clerk)

    page.goto("/admin/agreements/agreement/?kind__exact=KB")
    page.get_by_role("link", name="Ekspor").click()
    with page.expect_download() as download:
        page.locator("form input[type=submit]").last.click()

    path = download.value.path()
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kode", "Nomor", "Nomor Mitra", "Judul")
    assert [row[3] for row in rows[1:]] == ["Kesepakatan KB"]


def test_the_register_list_works_on_a_phone(open_page, clerk, lookups):
    make_agreement(partners=lookups["partners"], units=lookups["units"], title="Beasiswa")
    page = open_page(clerk, PHONE)

    page.goto("/admin/agreements/agreement/")
    page.fill("#searchbar", "DISDIK")
    page.keyboard.press("Enter")

    page.wait_for_selector("#result_list")
    assert "Beasiswa" in page.locator("#result_list").inner_text()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
