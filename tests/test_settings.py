"""Settings read from the environment, checked in a fresh interpreter each time.

Settings are loaded once per process, so every case runs ``python`` in a subprocess
with exactly the environment variables it is about.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRINT_DATABASE = """
import json, django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({key: str(db.get(key)) for key in
    ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "CONN_MAX_AGE",
     "CONN_HEALTH_CHECKS", "OPTIONS")}))
"""

# Variables of the outer run (a CI's DATABASE_URL, a developer's DEBUG) must not leak in.
SETTINGS_VARIABLES = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CONN_MAX_AGE",
}


def run_python(args, **variables):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="kerjasama.settings", **variables)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def database_settings(**variables):
    result = run_python(["-c", PRINT_DATABASE], SECRET_KEY=secrets.token_urlsafe(50), **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgres_url_selects_postgresql_with_persistent_health_checked_connections():
    db = database_settings(DATABASE_URL="postgres://kerjasama:rahasia@db.internal:5433/register")

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("register", "kerjasama", "rahasia")
    assert (db["HOST"], db["PORT"]) == ("db.internal", "5433")
    assert db["CONN_MAX_AGE"] == "60"
    assert db["CONN_HEALTH_CHECKS"] == "True"
    # No JIT compiling of the dashboard's counts (docs/performance.md).
    assert db["OPTIONS"] == str({"options": "-c jit=off"})


def test_postgres_options_of_the_url_are_kept_beside_jit_off():
    db = database_settings(
        DATABASE_URL="postgres://u:p@localhost/k?options=-c%20statement_timeout%3D5000"
    )

    assert db["OPTIONS"] == str({"options": "-c jit=off -c statement_timeout=5000"})


@pytest.mark.django_db
def test_the_postgresql_connection_runs_without_jit():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_connection_age_can_be_tuned():
    db = database_settings(DATABASE_URL="postgresql://u:p@localhost/k", CONN_MAX_AGE="0")

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_MAX_AGE"] == "0"


def test_sqlite_url_selects_sqlite_at_that_path(tmp_path):
    path = tmp_path / "register.sqlite3"

    db = database_settings(DATABASE_URL=f"sqlite:///{path}")

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(path)


def test_without_database_url_sqlite_under_var_is_used():
    db = database_settings()

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == BASE_DIR / "var" / "db.sqlite3"


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kerjasama.muaraenim.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
}


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "check_id"),
    [
        ("DEBUG", "1", "security.W018"),
        ("SECURE_HSTS_SECONDS", "0", "security.W004"),
        ("SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("SESSION_COOKIE_SECURE", "0", "security.W012"),
    ],
)
def test_check_deploy_reports_an_insecure_switch(tmp_path, variable, value, check_id):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **{**PRODUCTION, variable: value},
    )

    assert result.returncode != 0
    assert check_id in result.stderr
