"""``manage.py recap``: the recap as JSON or as the office's workbook.

See the README, section "Dashboard and recap".
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.recap.figures import Recap
from reports.recap.serialise import recap_data
from reports.recap.workbook import write_workbook


class Command(BaseCommand):
    help = "The recap of the register, counted by signing year: JSON or an xlsx workbook."

    def add_arguments(self, parser):
        parser.add_argument("--from-year", type=int, help="First signing year counted.")
        parser.add_argument("--to-year", type=int, help="Last signing year counted.")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="File to write (json: default standard output).")

    def handle(self, *args, from_year=None, to_year=None, format="json", output=None, **opts):
        if from_year is not None and to_year is not None and from_year > to_year:
            raise CommandError("--from-year is after --to-year.")
        if format == "xlsx" and not output:
            raise CommandError("An xlsx workbook needs a file: add -o recap.xlsx.")
        # Labels as the office reads them, whatever the shell's language.
        with translation.override(settings.LANGUAGE_CODE):
            recap = Recap(from_year=from_year, to_year=to_year)
            if format == "xlsx":
                with open(output, "wb") as stream:
                    write_workbook(recap, stream)
                return
            text = json.dumps(recap_data(recap), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text + "\n")
        else:
            self.stdout.write(text)
