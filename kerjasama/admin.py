"""The clerks' workspace: Django's admin, titled and in Indonesian."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class KerjasamaAdminSite(admin.AdminSite):
    site_header = _("Regional Cooperation Information System")
    site_title = _("Regional Cooperation")
    index_title = _("Cooperation register")
