"""``manage.py import RESOURCE FILE [--format xlsx|xls|csv] [--dry-run]``, all or nothing.

Replaces django-import-export's command of the same name (our apps come first in
INSTALLED_APPS), which checks ``has_errors()`` only and so writes half of a file with
invalid rows and exits 0. Here any problem, in any row, means nothing is
written; every problem is printed with its row and column, and the exit status is 1.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from import_export.command_utils import get_resource_class
from import_export.results import RowResult

from core.spreadsheets.importing import import_file
from core.spreadsheets.reading import KINDS, max_upload_bytes, too_large_message


class Command(BaseCommand):
    help = (
        "Import a spreadsheet (xlsx, xls or csv) with a resource such as "
        "agreements.resources.AgreementResource. Nothing is written if any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "resource",
            help="A resource class as a dotted path, e.g. agreements.resources.AgreementResource.",
        )
        parser.add_argument("import_file_name", help='The file to import ("-" for stdin).')
        parser.add_argument(
            "--format",
            help=f"One of {', '.join(KINDS)}; by default the file name's extension.",
        )
        parser.add_argument(
            "-n",
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, writing nothing.",
        )
        # Accepted for compatibility with django-import-export's command; this one
        # never prompts, and the file's encoding is detected.
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--encoding", help="Ignored: UTF-8 (with or without BOM) or cp1252.")

    def handle(self, *args, **options):
        resource = get_resource_class(options["resource"])()
        file_name = options["import_file_name"]
        kind = self._kind(options["format"], file_name)
        outcome = import_file(resource, self._read(file_name), kind, dry_run=options["dry_run"])
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)d problem(s) found.")
                % {"count": len(outcome.problems)}
            )
        totals = outcome.totals
        summary = _("%(new)d new, %(updated)d updated, %(skipped)d unchanged %(objects)s.") % {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
            "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            "objects": resource._meta.model._meta.verbose_name_plural,
        }
        if options["dry_run"]:
            self.stdout.write(_("Dry run, nothing was written: %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported: %(summary)s") % {"summary": summary}))

    @staticmethod
    def _kind(format_name, file_name):
        kind = (format_name or Path(file_name).suffix.lstrip(".")).lower()
        if kind not in KINDS:
            raise CommandError(
                _("Cannot tell the file's format; give --format %(kinds)s.")
                % {"kinds": "|".join(KINDS)}
            )
        return kind

    @staticmethod
    def _read(file_name):
        limit = max_upload_bytes()
        try:
            if file_name == "-":
                data = sys.stdin.buffer.read(limit + 1)
            else:
                with open(file_name, "rb") as source:
                    data = source.read(limit + 1)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file_name, "error": error.strerror}
            ) from None
        if len(data) > limit:
            raise CommandError(too_large_message())
        return data
