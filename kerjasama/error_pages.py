"""Error pages in Indonesian and in the admin's look, each with a way back.

Django's own are bare English pages. These are wired in ``kerjasama/urls.py``
(``handler400`` … ``handler500``) and as ``CSRF_FAILURE_VIEW``; the login lockout page
of django-axes (``kerjasama/login_protection.py``) uses the same template.
"""

import logging

from django.contrib import admin
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

TEMPLATE = "errors/page.html"


def site_context(request):
    """The admin's header and, for a signed-in user, its menu and user links."""
    try:
        return admin.site.each_context(request)
    except Exception:  # a broken request or database must not break the error page
        logger.exception("Error page rendered without the admin's context")
        return plain_site_context()


def plain_site_context():
    return {"site_header": admin.site.site_header, "site_title": admin.site.site_title}


def error_page(request, status, title, explanation, **context):
    context = {
        **site_context(request),
        "title": title,
        "explanation": explanation,
        "status": status,
        **context,
    }
    return HttpResponse(render_to_string(TEMPLATE, context, request=request), status=status)


def bad_request(request, exception=None):
    return error_page(
        request,
        400,
        _("The request could not be understood"),
        _("The page received a request it cannot process. Go back and try again."),
    )


def permission_denied(request, exception=None):
    # Our own refusals say why (PermissionDenied("…") in the code); Django's say nothing.
    reason = str(exception or "").strip()
    return error_page(
        request,
        403,
        _("Access denied"),
        reason or _("You do not have permission to open this page or to do this."),
    )


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("Page not found"),
        _(
            "The page or the data you are looking for does not exist, was deleted, "
            "or is not part of the register you may see."
        ),
    )


def csrf_failure(request, reason=""):
    return error_page(
        request,
        403,
        _("The form has expired"),
        _(
            "The form was open too long or came from another page. Go back, reload "
            "the page and send the form again."
        ),
    )


def server_error(request):
    """Rendered without the request: the database or the session may be what failed."""
    context = {
        **plain_site_context(),
        "title": _("Something went wrong on the server"),
        "explanation": _(
            "The error has been recorded. Please try again in a moment; if it happens "
            "again, tell the cooperation office what you were doing."
        ),
        "status": 500,
    }
    return HttpResponse(render_to_string(TEMPLATE, context), status=500)
