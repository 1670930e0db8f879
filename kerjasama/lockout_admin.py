"""django-axes' list of login lockouts in the admin, where the office lifts a lockout by
deleting its access attempt (README, "Security")."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class LockoutAdmin(AccessAttemptAdmin):
    # axes' "Clean up expired attempts" action fails outside a login request (it reads
    # the login's time from the request); expired attempts are cleaned at every login.
    actions = []


def register(site=admin.site):
    """Replace axes' own registration (made when the admin autodiscovers)."""
    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
    site.register(AccessAttempt, LockoutAdmin)
