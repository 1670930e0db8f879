"""The ledger of reminders sent: what makes ``send_reminders`` safe to run every hour."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One reminder delivered to one recipient.

    ``key`` names the reminder and its milestone, e.g. ``ending:12:2024-10-28:30`` (the
    agreement, its end date, the 30-day milestone) or ``report-overdue:12:3:2024-1``;
    ``recipient`` is ``office`` or ``unit:<id>``. A reminder whose (key, recipient) is
    in the ledger is never sent again; a changed end date makes new keys.
    """

    key = models.CharField(_("reminder"), max_length=100)
    recipient = models.CharField(_("recipient"), max_length=30)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agreement"),
    )
    addresses = models.TextField(_("e-mail addresses"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient}"
