"""One clerk imports a long spreadsheet while another logs in and saves, on SQLite.

Run by tests/test_sqlite_locking.py in a fresh interpreter against a file-based SQLite
database (pytest's own test database lives in memory, where SQLite locks differently):

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/sqlite_concurrency_scenario.py ROWS

Prints one JSON object: what each side saw.
"""

import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main(rows):
    import django

    django.setup()
    from django.conf import settings

    # Pages render without collectstatic's manifest (as in tests/conftest.py).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, in-memory e-mail

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--with-superuser", verbosity=0)
    connection.close()

    from measure_import import agreement_rows_xlsx

    from agreements.models import Unit
    from agreements.resources import AgreementResource
    from core.spreadsheets.importing import import_file

    data = agreement_rows_xlsx(rows)
    connection.close()
    outcome = {}
    import_is_writing = threading.Event()

    class LongImport(AgreementResource):
        """The import of a large file: its rows take a while each. From its first row
        it is inside its transaction, which holds SQLite's write lock (BEGIN IMMEDIATE)
        until the new agreements are written at the end."""

        def before_import_row(self, row, **kwargs):
            import_is_writing.set()
            time.sleep(0.02)
            super().before_import_row(row, **kwargs)

    def long_import():
        started = time.monotonic()
        try:
            result = import_file(LongImport(), data, "xlsx")
            outcome["import_ok"] = result.ok
        except Exception:
            outcome["import_error"] = traceback.format_exc()
        finally:
            outcome["import_seconds"] = time.monotonic() - started
            outcome["import_finished_at"] = time.monotonic()
            connection.close()

    def login_and_save():
        from django.test import Client

        client = Client()
        try:
            assert import_is_writing.wait(120), "the import never started writing"
            outcome["clerk_started_at"] = time.monotonic()
            login = client.post(
                "/admin/login/",
                {"username": "admin", "password": "kerjasama-demo", "next": "/admin/"},
            )
            outcome["login_status"] = login.status_code
            unit = Unit.objects.get(code="DPUPR")
            save = client.post(
                f"/admin/agreements/unit/{unit.pk}/change/",
                {
                    "code": unit.code,
                    "name": unit.name + " (diubah)",
                    "email": unit.email,
                    "is_active": "on",
                },
            )
            outcome["save_status"] = save.status_code
            outcome["save_page"] = save.content.decode()[:3000] if save.status_code != 302 else ""
            outcome["saved_name"] = Unit.objects.get(pk=unit.pk).name
        except Exception:
            outcome["clerk_error"] = traceback.format_exc()
        finally:
            outcome["clerk_finished_at"] = time.monotonic()
            connection.close()

    importer = threading.Thread(target=long_import)
    clerk = threading.Thread(target=login_and_save)
    importer.start()
    clerk.start()
    importer.join()
    clerk.join()
    outcome["journal_mode"] = journal_mode()
    print(json.dumps(outcome))


def journal_mode():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main(int(sys.argv[1]))
