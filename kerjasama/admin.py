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

# The menu in the order of the office's work: the register and its partners, the units'
# reports and the evaluations, the trips; then the lookup lists and the accounts.
MENU = [
    "agreements.Agreement",
    "agreements.Partner",
    "reports.Report",
    "reports.Evaluation",
    "agreements.ForeignVisit",
    "agreements.Unit",
    "agreements.Sector",
    "agreements.Objective",
    "auth.User",
    "auth.Group",
]
# Link and child tables: edited inline on their parent's page. Their admin pages stay
# (same permissions, reachable from the parent), but the menu does not offer them.
INLINE_ONLY = {
    "agreements.AgreementUnit",
    "agreements.AgreementDocument",
    "agreements.VisitParticipant",
    "agreements.VisitDocument",
    "agreements.UnitMembership",
    "reports.ReportAttachment",
}


def _menu_position(app_label, object_name):
    key = f"{app_label}.{object_name}"
    return MENU.index(key) if key in MENU else len(MENU)


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
    # No public site to go back to: the admin is the product (the link would loop).
    site_url = None
    empty_value_display = "—"
    # The register's list needs the whole width of a 1366 px screen; the menu is on
    # the index page, one click away through the breadcrumbs.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = []
        for app in self._build_app_dict(request, app_label).values():
            models = [
                model
                for model in app["models"]
                if f"{app['app_label']}.{model['object_name']}" not in INLINE_ONLY
            ]
            if not models:
                continue
            models.sort(key=lambda model: _menu_position(app["app_label"], model["object_name"]))
            apps.append({**app, "models": models})
        apps.sort(key=lambda app: _menu_position(app["app_label"], app["models"][0]["object_name"]))
        return apps

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
