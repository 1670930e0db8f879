from datetime import date

import pytest

from core import clock


@pytest.fixture
def today(monkeypatch):
    """Move "today" for the code under test: ``today(date(2024, 1, 1))``.

    Without a call, today is 1 July 2024, so status tests do not depend on the day
    they run.
    """

    def set_today(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        return day

    set_today(date(2024, 7, 1))
    return set_today


@pytest.fixture
def superuser(db):
    from tests.factories import make_user

    return make_user("admin", superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder instead of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Pages render without a collectstatic manifest.

    Tests run with DEBUG off, where settings pick WhiteNoise's manifest storage; it
    refuses any ``{% static %}`` file that collectstatic has not hashed yet.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log in hundreds of users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk_client(client, db, media_root):
    """A client logged in as a Pengelola clerk (``client.clerk``)."""
    from agreements.roles import PENGELOLA
    from tests.factories import make_user

    clerk = make_user("clerk", role=PENGELOLA)
    client.force_login(clerk)
    client.clerk = clerk
    return client
