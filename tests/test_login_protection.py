"""Repeated wrong passwords lock a user name out from that address (django-axes)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from agreements.roles import PENGELOLA
from tests.factories import make_user

LOGIN = "/admin/login/"
PASSWORD = "rahasia-123"
LOCKED_MESSAGE = "Terlalu banyak login gagal untuk nama pengguna ini dari alamat ini"


@pytest.fixture
def clerk(db):
    return make_user("clerk", superuser=True, password=PASSWORD)


def attempt(client, password, username="clerk", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def fail(client, times, **headers):
    for _ in range(times):
        attempt(client, "salah", **headers)


def test_twelve_failures_lock_out_the_right_password_until_the_cool_off_ends(client, clerk):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail(client, 12)

        response = attempt(client, PASSWORD)

        assert response.status_code == 429
        page = response.content.decode()
        assert "Login diblokir sementara" in page
        assert LOCKED_MESSAGE in page
        assert "30 menit" in page
        assert not is_signed_in(client)

        traveller.shift(timedelta(minutes=31))
        response = attempt(client, PASSWORD)

        assert response.status_code == 302
        assert is_signed_in(client)


def test_the_limit_and_the_cool_off_are_settings(client, clerk, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail(client, 2)
        assert attempt(client, PASSWORD).status_code == 302
        client.logout()

        fail(client, 3)
        response = attempt(client, PASSWORD)
        assert response.status_code == 429
        assert "5 menit" in response.content.decode()

        traveller.shift(timedelta(minutes=6))
        assert attempt(client, PASSWORD).status_code == 302


def test_below_the_limit_the_wrong_password_gets_the_normal_login_form(client, clerk):
    fail(client, 3)

    response = attempt(client, "salah")

    assert response.status_code == 200
    assert LOCKED_MESSAGE not in response.content.decode()


def test_a_lockout_holds_for_that_user_name_and_address_only(client, clerk):
    make_user("colleague", superuser=True, password=PASSWORD)
    fail(client, 5)

    assert attempt(client, PASSWORD).status_code == 429
    assert attempt(client, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302
    client.logout()
    assert attempt(client, PASSWORD, username="colleague").status_code == 302


def test_without_the_proxy_setting_a_forged_forwarded_header_does_not_escape_the_lock(
    client, clerk
):
    fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert response.status_code == 429


def test_behind_the_proxy_the_address_it_forwards_is_the_client(client, clerk, settings):
    settings.BEHIND_PROXY = True
    proxied = {"REMOTE_ADDR": "10.0.0.2"}
    # What the client wrote in the header comes first; the proxy appends the real address.
    fail(client, 5, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7", **proxied)

    locked = attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **proxied)
    other_client = attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9", **proxied)

    assert locked.status_code == 429
    assert other_client.status_code == 302


def test_the_office_lifts_a_lockout_from_the_admin(client, clerk):
    fail(client, 5)
    assert attempt(client, PASSWORD).status_code == 429

    office = make_user("kantor", role=PENGELOLA)
    office_client = type(client)()
    office_client.force_login(office)
    listing = office_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "clerk" in listing.content.decode()
    from axes.models import AccessAttempt

    attempt_id = AccessAttempt.objects.get(username="clerk").pk
    response = office_client.post(
        f"/admin/axes/accessattempt/{attempt_id}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302

    assert attempt(client, PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_a_login_from_server_code_without_a_request_still_checks_the_password(client, clerk):
    assert client.login(username="clerk", password=PASSWORD)
    assert not type(client)().login(username="clerk", password="salah")
