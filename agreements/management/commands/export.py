"""``manage.py export FORMAT RESOURCE [-o FILE]``: a resource as xlsx, xls or csv.

Replaces django-import-export's command of the same name (our apps come first in
INSTALLED_APPS): the same arguments, but the rows are written by the streaming,
formula-safe writers of ``core.spreadsheets.writing`` instead of a Dataset built in
memory whose text cells could run as formulas.
"""

import shutil
import tempfile

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from import_export.command_utils import get_resource_class

from core.spreadsheets.writing import WRITERS, ExportTooLarge, get_writer, resource_rows


class Command(BaseCommand):
    help = "Export a resource (e.g. agreements.resources.AgreementResource) as xlsx, xls or csv."

    def add_arguments(self, parser):
        parser.add_argument("format", help=f"One of: {', '.join(WRITERS)}.")
        parser.add_argument(
            "resource",
            help="A resource class as a dotted path, e.g. agreements.resources.AgreementResource.",
        )
        parser.add_argument(
            "-o", "--output", help="Write to this file instead of the standard output."
        )

    def handle(self, *args, **options):
        try:
            writer = get_writer(options["format"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        resource = get_resource_class(options["resource"])()

        # Written to a temporary file first: a failure half-way (an xls that overflows)
        # then leaves neither a truncated output file nor half a file on the terminal.
        with tempfile.TemporaryFile() as scratch:
            try:
                writer.write(resource_rows(resource), scratch)
            except ExportTooLarge as error:
                raise CommandError(str(error)) from None
            scratch.seek(0)
            if options["output"]:
                with open(options["output"], "wb") as target:
                    shutil.copyfileobj(scratch, target)
            else:
                shutil.copyfileobj(scratch, self._binary_stdout(writer))

    def _binary_stdout(self, writer):
        stream = getattr(self.stdout, "buffer", None)
        if stream is None:
            raise CommandError(_("The standard output cannot take bytes; use -o FILE."))
        if writer.extension != "csv" and self.stdout.isatty():
            raise CommandError(
                _("%(format)s is a binary format: redirect the output to a file or use -o FILE.")
                % {"format": writer.extension}
            )
        return stream
