"""``manage.py send_reminders``: e-mail the lead units and the office (README, "Reminders")."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from core import clock
from reports.reminders.digest import pending_digests, send


class Command(BaseCommand):
    help = (
        "E-mail the reminders due today (agreements ending, reports due and overdue): one "
        "digest per recipient, each reminder once. Safe to run every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent, without sending or recording anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.run(dry_run)

    def run(self, dry_run):
        sent = reminders = 0
        without_address = []
        for digest in pending_digests(clock.today()):
            if not digest.recipient.addresses:
                without_address.append(digest)
                continue
            if dry_run:
                self.stdout.write(
                    _("Would send %(count)d reminders to %(name)s (%(addresses)s).")
                    % {
                        "count": len(digest.items),
                        "name": digest.name,
                        "addresses": ", ".join(digest.recipient.addresses),
                    }
                )
                continue
            if send(digest):
                sent += 1
                reminders += len(digest.items)
        self.stdout.write(
            _("Sent %(messages)d e-mails with %(reminders)d reminders.")
            % {"messages": sent, "reminders": reminders}
        )
        for digest in without_address:
            self.stdout.write(
                self.style.WARNING(
                    _("No e-mail address for %(name)s: %(count)d reminders not sent.")
                    % {"name": digest.name, "count": len(digest.items)}
                )
            )
