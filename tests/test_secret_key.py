"""Outside DEBUG the app refuses to start without a production-strength SECRET_KEY.

With the public development key anyone could sign a session or a messages cookie.
"""

import secrets

import pytest

from kerjasama.secret_key import DEVELOPMENT_KEY
from tests.test_settings import PRODUCTION, run_python

START = ["-c", "import kerjasama.wsgi; print('started')"]


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        DEVELOPMENT_KEY,
        "rahasia",
        "a" * 60,
        "django-insecure-" + secrets.token_urlsafe(50),
    ],
    ids=["missing", "empty", "development-key", "short", "repetitive", "startproject"],
)
def test_without_debug_a_missing_or_weak_key_stops_the_app_naming_secret_key(key):
    variables = {"DEBUG": "0"} if key is None else {"DEBUG": "0", "SECRET_KEY": key}

    result = run_python(START, **variables)

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured: SECRET_KEY" in result.stderr


def test_without_debug_and_key_nothing_signs_but_a_command_that_signs_nothing_runs(tmp_path):
    """A bare shell (no SECRET_KEY, DEBUG off) can still check migrations; it can never
    sign a cookie with an empty or public key."""
    check = run_python(
        ["manage.py", "makemigrations", "--check", "--dry-run"],
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    signing = run_python(
        ["-c", "import django; django.setup(); from django.core import signing; signing.dumps(1)"],
        DEBUG="0",
        SECRET_KEY=DEVELOPMENT_KEY,
    )

    assert check.returncode == 0, check.stderr
    assert "No changes detected" in check.stdout
    assert signing.returncode != 0
    assert "SECRET_KEY" in signing.stderr


def test_without_debug_a_strong_key_starts():
    result = run_python(START, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_under_debug_the_development_key_is_used_when_none_is_set():
    result = run_python(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SECRET_KEY)",
        ],
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == DEVELOPMENT_KEY


def test_check_deploy_names_a_development_key_used_in_production(tmp_path):
    """DEBUG on passes the start-up guard; the deploy check still names the key."""
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **{**PRODUCTION, "DEBUG": "1", "SECRET_KEY": DEVELOPMENT_KEY},
    )

    assert result.returncode != 0
    assert "kerjasama.E001" in result.stderr
    assert "SECRET_KEY is the public development key" in result.stderr
