"""The clerks' workspace: Django's admin, titled and in Indonesian."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reports.todo import operator_todo


class KerjasamaAdminSite(admin.AdminSite):
    site_header = _("Regional Cooperation Information System")
    site_title = _("Regional Cooperation")
    index_title = _("Cooperation register")

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "operator_todo": operator_todo(request.user)}
        return super().index(request, extra_context)
