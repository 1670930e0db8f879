"""Importing through the admin: upload, preview, confirm; and who may import."""

import os
import time

import pytest
from django.urls import reverse

from agreements.models import Agreement, Partner, Unit
from agreements.roles import PIMPINAN
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
