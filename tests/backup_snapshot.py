"""Every backed-up row and every uploaded file, in a form two databases can compare.

Used by tests/test_backup.py in the test process and, through ``python
tests/backup_snapshot.py``, in a fresh interpreter on another database.

    python tests/backup_snapshot.py source DIR   # migrate, demo, a file, backup, snapshot
    python tests/backup_snapshot.py restore DIR  # migrate, restore DIR's backup, snapshot
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def snapshot():
    from django.conf import settings
    from django.core import serializers

    from core.backup import backed_up_models

    rows = {}
    for model in backed_up_models():
        if model._meta.proxy:
            continue
        objects = model._base_manager.order_by("pk")
        # Through the register's own JSON format: exact to the microsecond.
        serialised = json.loads(serializers.serialize("json", objects))
        if model._meta.auto_created:
            # A link table's own ids are not data: loaddata writes the links afresh.
            serialised = sorted(json.dumps(row["fields"], sort_keys=True) for row in serialised)
        rows[model._meta.label] = serialised
    root = Path(settings.MEDIA_ROOT)
    files = (
        {
            path.relative_to(root).as_posix(): path.read_bytes().hex()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        if root.is_dir()
        else {}
    )
    return {"rows": rows, "files": files}


def main(step, directory):
    import django

    django.setup()
    from django.core.management import call_command

    directory = Path(directory)
    call_command("migrate", verbosity=0)
    if step == "source":
        call_command("load_demo", "--with-superuser", verbosity=0)
        add_documents()
        call_command("backup", "-o", str(directory / "backup.zip"), verbosity=0)
    else:
        call_command("restore", str(directory / "backup.zip"), verbosity=0)
    (directory / f"{step}.json").write_text(json.dumps(snapshot()))


def add_documents():
    """The demo has no uploads: one document per kind of owner, real bytes."""
    from agreements.models import Agreement
    from tests.factories import make_document

    make_document(Agreement.objects.order_by("pk").first(), name="naskah.pdf")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
