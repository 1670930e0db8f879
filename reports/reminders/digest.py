"""One e-mail per recipient and run, listing everything new for them, and the ledger
entries that say it was sent."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.models import SentReminder

from .collect import ENDING, REPORT_DUE, REPORT_OVERDUE, collect


@dataclass
class Digest:
    recipient: object
    items: list = field(default_factory=list)

    @property
    def name(self):
        return self.recipient.unit.name if self.recipient.unit else _("Cooperation office")

    def sections(self):
        titles = [
            (ENDING, _("Agreements about to end")),
            (REPORT_DUE, _("Reports due")),
            (REPORT_OVERDUE, _("Overdue reports")),
        ]
        return [
            (title, [item for item in self.items if item.kind == kind])
            for kind, title in titles
            if any(item.kind == kind for item in self.items)
        ]


def pending_digests(today):
    """The digests of ``today``: per recipient, the reminders not yet in the ledger."""
    items = collect(today)
    sent = set(
        SentReminder.objects.filter(key__in={item.key for item in items}).values_list(
            "key", "recipient"
        )
    )
    digests = {}
    for item in items:
        for recipient in item.recipients:
            if (item.key, recipient.key) in sent:
                continue
            digests.setdefault(recipient.key, Digest(recipient)).items.append(item)
    return list(digests.values())


def render(digest):
    context = {
        "digest": digest,
        "sections": digest.sections(),
        "site_url": settings.SITE_URL,
    }
    subject = ngettext(
        "Cooperation reminder: %(count)d item",
        "Cooperation reminders: %(count)d items",
        len(digest.items),
    ) % {"count": len(digest.items)}
    text = render_to_string("reports/email/reminders.txt", context)
    html = render_to_string("reports/email/reminders.html", context)
    return subject, text, html


def send(digest):
    """Record and send one digest atomically: if the mail fails, nothing is recorded
    (the next run tries again); if another run recorded it first, nothing is sent."""
    addresses = digest.recipient.addresses
    subject, text, html = render(digest)
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [
                    SentReminder(
                        key=item.key,
                        recipient=digest.recipient.key,
                        agreement=item.agreement,
                        addresses=", ".join(addresses),
                    )
                    for item in digest.items
                ]
            )
            message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, addresses)
            message.attach_alternative(html, "text/html")
            message.send()
    except IntegrityError:
        return False
    return True
