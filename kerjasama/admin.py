"""The clerks' workspace: Django's admin, titled and in Indonesian.

Its index is the dashboard of the reports layer (reports/recap/), preceded for an
Operator OPD by their unit's to-do list (reports/todo.py), and it serves the recap
workbook the dashboard offers for download.
"""

from django.contrib import admin
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from reports.recap.dashboard import dashboard_context
from reports.recap.views import recap_workbook
from reports.todo import operator_todo


class MissingObjectIsNotFound:
    """An object that does not exist, or lies outside the user's part of the register,
    answers the same "not found" page on every route (change, delete, history,
    download) instead of the admin's redirect to the index with a message."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class KerjasamaAdminSite(admin.AdminSite):
    site_header = _("Regional Cooperation Information System")
    site_title = _("Regional Cooperation")
    index_title = _("Cooperation register")
    index_template = "reports/dashboard/index.html"

    def index(self, request, extra_context=None):
        extra_context = {
            **dashboard_context(request),
            "operator_todo": operator_todo(request.user),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, MissingObjectIsNotFound):
            admin_class = type(admin_class.__name__, (MissingObjectIsNotFound, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        return [
            path("rekap.xlsx", self.admin_view(recap_workbook), name="recap-workbook"),
            *super().get_urls(),
        ]
