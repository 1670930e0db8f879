"""``manage.py restore FILE``: bring a backup back into an empty, migrated database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into an empty, migrated database "
        "(SQLite or PostgreSQL, whichever wrote it). Refuses to overwrite a register "
        "that holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `manage.py backup`.")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(
                options["archive"], replaceable=settings.BACKUP_FILLED_BY_MIGRATIONS
            )
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(rows)d rows and %(files)d files from a %(database)s backup.")
                % {"rows": rows, "files": manifest["files"], "database": manifest["database"]}
            )
        )
