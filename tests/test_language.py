"""Indonesian for everybody unless someone picks English."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian(superuser_client):
    page = superuser_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert page.headers["Content-Language"] == "id"
    assert 'lang="id"' in page.text
    assert "Sistem Informasi Kerja Sama Daerah" in page.text


def test_english_can_be_chosen_and_is_kept(superuser_client):
    chosen = superuser_client.post(
        "/i18n/setlang/", {"language": "en", "next": "/admin/"}, HTTP_REFERER="/admin/"
    )
    page = superuser_client.get("/admin/")

    assert chosen.status_code == 302
    assert superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in page.text
    assert "Regional Cooperation Information System" in page.text


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(superuser_client):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = superuser_client.get("/admin/")
    assert 'lang="id"' in page.text


def test_the_admin_offers_the_language_switch(superuser_client):
    page = superuser_client.get("/admin/")
    assert 'action="/i18n/setlang/"' in page.text
    assert "Bahasa Indonesia" in page.text and "English" in page.text
