"""Importing through the admin: upload, preview, confirm; and who may import."""

import os
import re
import time

import pytest
from django.urls import reverse

from agreements.models import Agreement, Partner, Unit
from agreements.roles import PIMPINAN
from core.spreadsheets.reading import KEPT_TABLE, read_dataset, read_kept_table
from tests.factories import make_user
from tests.imports.clerk_register import (
    BAD_CASE_IDS,
    assert_register_imported,
    bad_cases,
    clerk_register,
    replace_cell,
)
from tests.pages import admin_confirm, admin_upload
from tests.sheets import register_dump, xlsx_bytes

# --- Through the admin ------------------------------------------------------------------


def test_the_clerks_register_through_the_admin(existing_agreements, clerk_client):
    rows, expected = clerk_register(existing_agreements)
    before = register_dump()

    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")

    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None
    result = preview.context["result"]
    assert result.totals["new"] == 46 and result.totals["update"] == 2
    assert register_dump() == before  # the preview wrote nothing

    done = admin_confirm(clerk_client, preview)

    assert done.status_code == 302
    assert_register_imported(existing_agreements, expected)
    changed = Agreement.objects.get(pk=existing_agreements[0].pk).history.first()
    assert changed.history_user == clerk_client.clerk
    assert changed.history_change_reason == "Impor spreadsheet"


def test_the_preview_shows_each_row_as_the_clerk_reads_it(existing_agreements, clerk_client):
    rows, _expected = clerk_register(existing_agreements)
    rows = replace_cell(rows, 2, "Judul", "<b>Air & listrik</b>")

    page = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx").content.decode()

    # Spreadsheet row 2, a new agreement: each cell as it will be written, escaped,
    # dates and money as the clerk reads them; the row says "Baru", no cell is marked.
    new = re.search(r'<tr class="new">\s*<td>2</td>(.*?)</tr>', page, re.S).group(1)
    assert '<td class="import-type">Baru</td>' in new
    assert "<td><span>&lt;b&gt;Air &amp; listrik&lt;/b&gt;</span></td>" in new
    assert "<b>" not in new
    assert "<td><span>2 Januari 2019</span></td>" in new
    assert "<td><span>Rp 1.500.000</span></td>" in new
    assert 'class="changed"' not in new and "<ins" not in new
    # The agreement updated by its Kode: its changed cells are marked, the others not.
    code = existing_agreements[0].code
    updated = next(
        row for row in re.findall(r'<tr class="update">(.*?)</tr>', page, re.S) if code in row
    )
    assert '<td class="import-type">Diubah</td>' in updated
    cells = re.findall(r"<td( class=\"changed\" title=\"Diubah\")?>(.*?)</td>", updated, re.S)
    marked = {cell: bool(mark) for mark, cell in cells}
    assert marked[next(cell for cell in marked if "diperbarui" in cell)]
    assert marked[f"<span>{code}</span>"] is False


def test_reimporting_through_the_admin_changes_nothing(existing_agreements, clerk_client):
    rows, _expected = clerk_register(existing_agreements)
    admin_confirm(clerk_client, admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx"))
    before = register_dump()

    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    admin_confirm(clerk_client, preview)

    assert preview.context["result"].totals["skip"] == 48
    assert register_dump() == before


@pytest.mark.parametrize("case", range(len(BAD_CASE_IDS)), ids=BAD_CASE_IDS)
def test_each_bad_input_is_refused_by_the_admin(case, existing_agreements, clerk_client):
    rows, _expected = clerk_register(existing_agreements)
    header, row_number, value, word = bad_cases(existing_agreements)[case]
    before = register_dump()

    response = admin_upload(
        clerk_client, xlsx_bytes(replace_cell(rows, row_number, header, value)), "bad.xlsx"
    )

    assert response.status_code == 200
    assert not response.context.get("confirm_form")
    problems = response.context["problems"]
    assert any(p.row == row_number and p.column == header for p in problems), problems
    if word:
        assert word in response.content.decode()
    assert register_dump() == before


def test_a_confirmation_that_meets_a_problem_writes_nothing(existing_agreements, clerk_client):
    rows, _expected = clerk_register(existing_agreements)
    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    # Between preview and confirmation someone renames a partner the file refers to.
    Partner.objects.filter(name="PT Semen Baturaja").update(
        name="PT Semen Baturaja Tbk", name_key="pt semen baturaja tbk"
    )
    before = register_dump()

    response = admin_confirm(clerk_client, preview)

    assert response.status_code == 200
    assert any(p.column == "Mitra" for p in response.context["problems"])
    assert register_dump() == before


def test_the_confirmation_imports_the_table_the_preview_read(
    existing_agreements, clerk_client, media_root
):
    rows, expected = clerk_register(existing_agreements)
    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    name = preview.context["confirm_form"].initial["import_file_name"]
    kept = media_root / "django-import-export" / name

    # What waits for the confirmation is the file's table, read once, not the file.
    assert kept.read_bytes().startswith(KEPT_TABLE)
    assert read_kept_table(kept.read_bytes()).dict == read_dataset(xlsx_bytes(rows), "xlsx").dict

    done = admin_confirm(clerk_client, preview)

    assert done.status_code == 302
    assert_register_imported(existing_agreements, expected)
    assert not kept.exists()


def test_an_upload_kept_as_a_file_is_not_confirmed(existing_agreements, clerk_client, media_root):
    # An upload kept by an earlier version of the admin (the file's own bytes), or
    # anything else that kept_table did not write, is never imported.
    rows, _expected = clerk_register(existing_agreements)
    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    name = preview.context["confirm_form"].initial["import_file_name"]
    (media_root / "django-import-export" / name).write_bytes(xlsx_bytes(rows))
    before = register_dump()

    response = admin_confirm(clerk_client, preview)

    assert response.status_code == 302
    assert register_dump() == before
    page = clerk_client.get(response.url).content.decode()
    assert "Berkas yang diunggah sudah tidak tersedia" in page


def test_uploads_of_previews_never_confirmed_are_removed_after_a_day(clerk_client, media_root):
    folder = media_root / "django-import-export"
    folder.mkdir(parents=True)
    stale, fresh = folder / "a-preview-of-last-week", folder / "a-preview-of-now"
    stale.write_bytes(b"register")
    fresh.write_bytes(b"register")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))

    page = clerk_client.get("/admin/agreements/agreement/import/")

    assert page.status_code == 200
    assert not stale.exists()
    assert fresh.exists()  # somebody may still confirm it


def test_pimpinan_may_not_import(db, client, media_root):
    client.force_login(make_user(role=PIMPINAN))
    assert client.get(reverse("admin:agreements_agreement_import")).status_code == 403
    rows = [["Kode", "Nama"], ["BAPPEDA", "Badan Perencanaan Pembangunan Daerah"]]
    response = admin_upload(client, xlsx_bytes(rows), "u.xlsx", "agreements/unit")
    assert response.status_code == 403
    assert not Unit.objects.exists()
