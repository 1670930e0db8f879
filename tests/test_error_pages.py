"""Errors answer Indonesian pages in the admin's look, each with a way back."""

import pytest
from django.urls import path

from agreements.roles import OPERATOR, PIMPINAN
from kerjasama import urls as project_urls
from tests.factories import make_agreement, make_document, make_unit, make_user

BACK_LINK = "Kembali ke register kerja sama"
SITE_HEADER = "Sistem Informasi Kerja Sama Daerah"


def broken_view(request):
    raise RuntimeError("a bug")


# A URL configuration for the 500 test: the project's, plus a view that fails.
urlpatterns = [path("rusak/", broken_view), *project_urls.urlpatterns]
handler500 = project_urls.handler500


def assert_error_page(response, status, title):
    assert response.status_code == status
    page = response.content.decode()
    assert title in page
    assert SITE_HEADER in page
    assert BACK_LINK in page
    assert 'href="/admin/"' in page
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request"):
        assert english not in page


def test_an_unknown_address_is_not_found(client, db):
    response = client.get("/tidak-ada/")

    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_a_page_the_user_may_not_open_is_access_denied(client, db):
    client.force_login(make_user(role=PIMPINAN))

    response = client.get("/admin/agreements/agreement/add/")

    assert_error_page(response, 403, "Akses ditolak")


def test_a_request_for_an_unknown_host_is_a_bad_request(client, db):
    response = client.get("/admin/login/", HTTP_HOST="penyerang.example")

    assert_error_page(response, 400, "Permintaan tidak dapat diproses")


def test_a_form_sent_without_its_csrf_token_says_the_form_expired(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "x", "password": "y"}
    )

    assert_error_page(response, 403, "Formulir sudah kedaluwarsa")


def test_a_failing_page_is_a_server_error_page(client, db, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/rusak/")

    assert_error_page(response, 500, "Terjadi kesalahan pada server")
    assert "a bug" not in response.content.decode()


@pytest.fixture
def other_units_agreement(db):
    return make_agreement(units=[make_unit()])


@pytest.fixture
def operator_client(client, db):
    own_unit = make_unit()
    client.force_login(make_user(role=OPERATOR, unit=own_unit))
    return client


@pytest.mark.parametrize("route", ["change", "history"])
def test_another_units_agreement_is_not_found_on_every_admin_route(
    operator_client, other_units_agreement, route
):
    url = f"/admin/agreements/agreement/{other_units_agreement.pk}/{route}/"

    response = operator_client.get(url)

    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_another_units_document_is_not_found_either(
    operator_client, other_units_agreement, media_root
):
    document = make_document(other_units_agreement)

    response = operator_client.get(f"/dokumen/{document.pk}/")

    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_a_deleted_agreement_is_not_found_rather_than_a_redirect(superuser_client, db):
    response = superuser_client.get("/admin/agreements/agreement/987654/change/")

    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_a_refusal_that_gives_its_reason_shows_it(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from kerjasama.error_pages import permission_denied

    request = rf.get("/admin/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied("Laporan ini sudah diverifikasi."))

    assert response.status_code == 403
    assert "Laporan ini sudah diverifikasi." in response.content.decode()
    assert BACK_LINK in response.content.decode()
