"""Login protection with django-axes: who is the client, what a locked-out user sees.

After ``AXES_FAILURE_LIMIT`` failed logins for one user name from one address, that
combination is refused for ``AXES_COOLOFF_TIME``; the cooperation office lifts a lock by
deleting the attempt under "Axes" in the admin (see the README, "Login protection").
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kerjasama.error_pages import error_page

# What the cooperation office (Pengelola) may do with the login records: see them, and
# lift a lockout by deleting its access attempt (declared to core.roles in kerjasama/apps.py).
LOCKOUT_PERMISSIONS = [
    "view_accessattempt",
    "delete_accessattempt",
    "view_accessfailurelog",
    "view_accesslog",
]


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first among the authentication backends.

    Every login over HTTP (the admin's login form) passes its request and is checked.
    A call without a request comes from code on the server (a test client's
    ``login()``, a shell), which nobody can repeat from outside: it is let through to
    the password check instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The address a lockout is counted against.

    Behind the documented proxy (``BEHIND_PROXY``) it is the last address of
    ``X-Forwarded-For``, the one our proxy appended; what the client itself put in the
    header comes before it and is ignored. Without the proxy the header is ignored
    entirely, since anybody can send it.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return error_page(
        request,
        429,
        _("Login temporarily blocked"),
        ngettext(
            "Too many failed logins for this user name from this address. Try again "
            "in %(minutes)d minute, or ask the cooperation office to unlock it.",
            "Too many failed logins for this user name from this address. Try again "
            "in %(minutes)d minutes, or ask the cooperation office to unlock it.",
            minutes,
        )
        % {"minutes": minutes},
    )
