"""The clerks' workspace: Django's admin, titled and in Indonesian."""

from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

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

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "operator_todo": operator_todo(request.user)}
        return super().index(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, MissingObjectIsNotFound):
            admin_class = type(admin_class.__name__, (MissingObjectIsNotFound, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
