"""Every page carries a Content-Security-Policy that allows no inline script, and the
admin pages run under it: no inline <script> block or on… handler is left in them."""

import io
import re

import pytest

from tests.factories import make_agreement, make_partner, make_unit
from tests.sheets import xlsx_bytes

EXECUTABLE_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def policy(response):
    header = response.headers["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


@pytest.fixture
def register(db):
    unit = make_unit()
    partner = make_partner()
    return make_agreement(partners=[partner], units=[unit])


def test_scripts_only_from_the_site_itself_never_inline(client, db):
    response = client.get("/admin/login/")

    assert not EXECUTABLE_INLINE_SCRIPT.findall(response.content.decode())

    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # The headers that were there before stay.
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


ADMIN_PAGES = [
    "/admin/",
    "/admin/agreements/agreement/",
    "/admin/agreements/agreement/add/",
    "/admin/agreements/agreement/{agreement}/change/",
    "/admin/agreements/agreement/{agreement}/history/",
    "/admin/agreements/agreement/import/",
    "/admin/agreements/agreement/export/",
    "/admin/agreements/partner/",
    "/admin/agreements/partner/{partner}/change/",
    "/admin/reports/report/",
    "/admin/reports/report/add/",
    "/admin/reports/report/import/",
    "/admin/auth/user/",
    "/admin/axes/accessattempt/",
    "/admin/autocomplete/?app_label=agreements&model_name=agreement&field_name=partners",
    "/admin/tidak-ada/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_have_no_inline_script(superuser_client, register, url):
    url = url.format(agreement=register.pk, partner=register.partners.first().pk)

    response = superuser_client.get(url)

    assert response.status_code in (200, 404), url
    assert "Content-Security-Policy" in response.headers
    page = response.content.decode()
    assert not EXECUTABLE_INLINE_SCRIPT.findall(page)
    assert not INLINE_HANDLER.findall(page)


def test_the_export_page_keeps_select_all_through_a_script_file(superuser_client, register):
    page = superuser_client.get("/admin/agreements/agreement/export/").content.decode()

    assert "kerjasama/export_select_all.js" in page
    assert "select-toggle" in page


def test_the_language_menu_submits_through_a_script_file(superuser_client, register):
    page = superuser_client.get("/admin/").content.decode()

    assert "kerjasama/language_switch.js" in page
    assert 'class="language-switch"' in page


def test_the_import_preview_has_no_inline_script(superuser_client, db, media_root):
    upload = io.BytesIO(xlsx_bytes([["Nama", "Kategori"], ["PT Semen Baturaja", "BUMS"]]))
    upload.name = "mitra.xlsx"

    response = superuser_client.post(
        "/admin/agreements/partner/import/",
        {"resource": "0", "format": "0", "import_file": upload},
    )

    page = response.content.decode()
    assert response.context["confirm_form"]
    assert "PT Semen Baturaja" in page
    assert not EXECUTABLE_INLINE_SCRIPT.findall(page)
    assert not INLINE_HANDLER.findall(page)
