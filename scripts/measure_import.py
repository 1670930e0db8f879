"""Time an agreement import of N rows, as the admin runs it (preview, then confirm).

    .venv/bin/python scripts/measure_import.py 2000

Builds a throwaway SQLite register (or uses DATABASE_URL), loads the demo, writes an xlsx
of N new agreements copied from a demo row, and times the preview (a dry run that
renders each row's changes, as the admin's) and the real import through
core.spreadsheets.importing, the code path of both the admin and ``manage.py import``;
then the same for a file that changes the title of those N agreements (rows that update
are still saved one by one: the slower kind). The README ("Long requests") records the
figures that set the gunicorn timeout.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(rows):
    scratch = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/measure.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from agreements.resources import AgreementResource
    from core.spreadsheets.importing import import_file

    for kind, title in (("new", "Uji beban"), ("updated", "Uji beban diubah")):
        data = agreement_rows_xlsx(rows, title)
        for dry_run in (True, False):
            started, cpu_started = time.monotonic(), time.process_time()
            outcome = import_file(
                AgreementResource(), data, "xlsx", dry_run=dry_run, show_changes=dry_run
            )
            elapsed = time.monotonic() - started
            cpu = time.process_time() - cpu_started
            assert outcome.ok, [str(p) for p in outcome.problems[:5]]
            step = "preview (dry run)" if dry_run else "confirm (import)"
            print(
                f"{rows} {kind} rows, {step}: {elapsed:.1f} s elapsed "
                f"({elapsed / rows * 1000:.1f} ms/row), "
                f"{cpu:.1f} s CPU ({cpu / rows * 1000:.1f} ms/row)"
            )


def agreement_rows_xlsx(rows, title="Uji beban"):
    """``rows`` agreements numbered UKUR/…, each a copy of the first demo agreement's
    export row, titled ``title``."""
    import io

    from openpyxl import Workbook, load_workbook

    from agreements.models import Agreement
    from agreements.resources import AgreementResource

    buffer = io.BytesIO()
    first = Agreement.objects.filter(parent__isnull=True).order_by("pk").first()
    call_export(AgreementResource, Agreement.objects.filter(pk=first.pk), buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    header, example = [list(row) for row in sheet.iter_rows(values_only=True)][:2]
    read_only = {"Status", "Kelompok Mitra", "Laporan Terakhir"}
    keep = [i for i, name in enumerate(header) if name not in read_only]
    out = Workbook()
    sheet = out.active
    sheet.append([header[i] for i in keep])
    for n in range(rows):
        row = dict(zip(header, example, strict=True))
        row.update(Kode=None, Nomor=f"UKUR/{n:06d}/2024", Judul=f"{title} {n}")
        sheet.append([row[header[i]] for i in keep])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def call_export(resource_class, queryset, stream):
    from core.spreadsheets.writing import get_writer, resource_rows

    resource = resource_class()
    get_writer("xlsx").write(resource_rows(resource, queryset), stream)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
