"""``manage.py backup -o FILE``: every row and every uploaded file in one archive."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write one archive with every row of the database (the register, its history, "
        "users, groups, login records) and every uploaded file. "
        "Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="The archive to write (.zip).")

    def handle(self, *args, **options):
        manifest = write_backup(options["output"])
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(file)s: %(rows)d rows, %(files)d files.")
                % {"file": options["output"], "rows": rows, "files": manifest["files"]}
            )
        )
