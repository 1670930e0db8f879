"""django-axes' list of login lockouts in the admin, where the office lifts a lockout by
deleting its access attempt (README, "Security")."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext


def _login_record_name(record):
    """A login record as the office reads it ("admin, 29 November 2026 14.05"), where
    axes' own names are English with an ISO timestamp."""
    when = formats.date_format(timezone.localtime(record.attempt_time), "DATETIME_FORMAT")
    return gettext("%(user)s, %(when)s") % {"user": record.username or "—", "when": when}


class LockoutAdmin(AccessAttemptAdmin):
    # axes' "Clean up expired attempts" action fails outside a login request (it reads
    # the login's time from the request); expired attempts are cleaned at every login.
    actions = []


def register(site=admin.site):
    """Replace axes' own registration (made when the admin autodiscovers)."""
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.__str__ = _login_record_name
    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
    site.register(AccessAttempt, LockoutAdmin)
