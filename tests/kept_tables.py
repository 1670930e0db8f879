"""What the tests of the tables the database keeps by triggers (core.kept_tables) do to
the database: rebuild a table as a SQLite migration does, and write from two app
servers at once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction


def rebuild_table(model, field_name):
    """What an AlterField of ``model`` does: on SQLite the table is built anew and
    renamed over the old one."""
    with connection.schema_editor() as editor:
        field = model._meta.get_field(field_name)
        editor.alter_field(model, field, field, strict=True)
        if connection.vendor == "sqlite":
            editor._remake_table(model)


def while_open(first, then, hold=1):
    """``first()`` in a transaction kept open ``hold`` seconds after it wrote, and
    ``then()`` in another connection (another thread) meanwhile: two app servers
    writing at the same moment (PostgreSQL; SQLite lets one writer in at a time).
    Returns once both have ended, raising what either raised."""
    written = threading.Event()

    def open_transaction():
        try:
            with transaction.atomic():
                first()
                written.set()
                time.sleep(hold)
        finally:
            connection.close()

    def meanwhile():
        try:
            assert written.wait(timeout=30)
            then()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(open_transaction), pool.submit(meanwhile)]:
            future.result()
