"""One archive with every row of the database and every uploaded file, and its restore.

The rows go through Django's own serialisation (``dumpdata`` / ``loaddata``) with their
primary keys, so the archive is independent of the database engine: a backup of SQLite
restores on PostgreSQL and back. Primary keys are kept (not natural keys) because the
history tables refer to objects by their id. Content types and permissions are part of
the archive, so every reference to them comes back exactly. See the README, "Backups".

The archive is a zip file:

    manifest.json   format, date, source engine, applied migrations, row and file counts
    data.json       every row (sessions excepted: a restore signs everybody out)
    media/...       every file under MEDIA_ROOT
"""

import json
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "kerjasama-backup/1"
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
# Sessions only sign people in; a restored register starts with nobody signed in.
EXCLUDED_APPS = ["sessions"]
# What `migrate` itself fills in an empty database; a restore replaces it.
FILLED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission", "auth.group"}


class BackupError(Exception):
    """A backup cannot be restored here; the message says why."""


# Sent inside the restore's transaction (``using``) before the tables are emptied and
# once every row is loaded: for rows derived from others, which no archive holds (a
# model with ``derived_rows = True``) and which their app writes afresh at the end,
# its triggers off while the rows load (core.kept_tables).
rows_restoring = Signal()
rows_restored = Signal()


def backed_up_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in EXCLUDED_APPS
        and model._meta.managed
        and not getattr(model, "derived_rows", False)
    ]


def excluded_from_dump():
    """What ``dumpdata`` leaves out: the excluded apps and the derived models."""
    derived = [
        model._meta.label for model in apps.get_models() if getattr(model, "derived_rows", False)
    ]
    return [*EXCLUDED_APPS, *derived]


def row_counts():
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in backed_up_models()
        if not model._meta.proxy
    }


def applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def media_files():
    """(name in the archive, path on disk) of every file under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        (MEDIA + path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file()
    )


def write_backup(target):
    """Write the archive to ``target`` (a path); returns its manifest."""
    files = media_files()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / DATA
        # One transaction: the rows are a consistent picture even while clerks work.
        with transaction.atomic():
            call_command(
                "dumpdata", all=True, exclude=excluded_from_dump(), output=str(data), verbosity=0
            )
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(),
                "rows": row_counts(),
                "files": len(files),
            }
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            archive.write(data, DATA)
            for name, path in files:
                archive.write(path, name)
    return manifest


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError(_("This file is not a backup of this application.")) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Unknown backup format: %(format)s.") % {"format": manifest.get("format")}
        )
    return manifest


def occupied_models(replaceable=()):
    """Labels of the models that hold rows a restore would overwrite."""
    replaceable = {label.lower() for label in replaceable} | FILLED_BY_MIGRATE
    occupied = []
    for model in backed_up_models():
        label = model._meta.label_lower
        if model._meta.auto_created:  # a link table belongs to the models it links
            owner = model._meta.auto_created._meta.label_lower
            if owner in replaceable:
                continue
        if label not in replaceable and model._base_manager.exists():
            occupied.append(model._meta.label)
    return occupied


def media_target(name):
    """The path under MEDIA_ROOT for an archive member, refusing anything outside it."""
    relative = PurePosixPath(name[len(MEDIA) :])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(_("Refusing a file outside the media folder: %(name)s") % {"name": name})
    return Path(settings.MEDIA_ROOT).joinpath(*relative.parts)


def restore_backup(source, replaceable=()):
    """Bring back the archive at ``source`` into this (migrated, empty) database.

    ``replaceable``: model labels whose rows a migration creates (lookup lists), which
    the backup's rows replace. Any other row, or an existing file the archive would
    overwrite, makes the restore refuse with BackupError before anything is written.
    """
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        missing = sorted(set(manifest["migrations"]) - set(applied_migrations()))
        if missing:
            raise BackupError(
                _(
                    "The database is older than the backup; run `manage.py migrate` first. "
                    "Missing migrations: %(migrations)s"
                )
                % {"migrations": ", ".join(missing)}
            )
        occupied = occupied_models(replaceable)
        if occupied:
            raise BackupError(
                _(
                    "The register already holds data, which a restore would overwrite: "
                    "%(models)s. Restore into an empty, migrated database."
                )
                % {"models": ", ".join(occupied)}
            )
        members = [name for name in archive.namelist() if name.startswith(MEDIA)]
        targets = {name: media_target(name) for name in members}
        existing = [str(path) for path in targets.values() if path.exists()]
        if existing:
            raise BackupError(
                _(
                    "Uploaded files already exist where the backup would write: "
                    "%(files)s. Restore into an empty MEDIA_ROOT."
                )
                % {"files": ", ".join(existing[:5])}
            )
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(archive.extract(DATA, scratch))
            load_rows(data)
        for name, path in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as stored, open(path, "wb") as restored:
                shutil.copyfileobj(stored, restored)
    return manifest


def load_rows(data):
    """Empty every table, then load the archive's rows with their primary keys.

    Links between rows are written by loaddata, which would make django-simple-history
    record them as new changes: history is off while loading, since the archive carries
    the history itself.
    """
    ContentType.objects.clear_cache()
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        rows_restoring.send(sender=None, using=connection.alias)
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(data), verbosity=0)
        rows_restored.send(sender=None, using=connection.alias)
    ContentType.objects.clear_cache()
