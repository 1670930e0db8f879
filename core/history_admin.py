"""The history pages of the admin, limited to what the user may see.

django-simple-history's own history list falls back to the history table when the
admin's queryset does not hold the object, and its page of one past version does not
ask the queryset at all: an Operator OPD could read another unit's report by typing its
URL. Here both pages first ask ``get_queryset`` (the one place that decides
visibility); the history of a deleted object is shown only to those who may delete.

A past version is shown read-only to everybody. django-simple-history's page of one
version is a change form that saves whatever is posted to it ("revert") for anyone who
may merely view the object, without the form's own rules and without a history entry;
``SIMPLE_HISTORY_REVERT_DISABLED`` only hides its button, so here a POST is refused.
"""

from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from core.history_display import ReadableChangeHelper
from core.permissions_display import HiddenLinkRowsMixin


class HistoryAdmin(HiddenLinkRowsMixin, SimpleHistoryAdmin):
    def may_see_history_of(self, request, object_id):
        """Without permission on the model: refused (403); outside the user's part of
        the register: not found (404), as on the change page."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        queryset = self.get_queryset(request)
        pk_name = self.model._meta.pk.attname
        if queryset.filter(**{pk_name: object_id}).exists():
            return True
        still_exists = self.model._default_manager.filter(**{pk_name: object_id}).exists()
        return not still_exists and self.has_delete_permission(request)

    def history_view(self, request, object_id, extra_context=None):
        if not self.may_see_history_of(request, object_id):
            raise Http404
        # "Diubah oleh" links to the user's page only for those who may open it.
        extra_context = {"may_view_users": may_view_users(request.user), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(
                _("A past version cannot be restored here. Change the object on its own page.")
            )
        if not self.may_see_history_of(request, object_id):
            raise Http404
        request.showing_past_version = True
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not getattr(request, "showing_past_version", False):
            return readonly
        editable = [
            field.name
            for field in self.model._meta.get_fields()
            if field.concrete
            and field.editable
            and not field.auto_created
            or field.many_to_many
            and not field.auto_created
        ]
        return [*readonly, *(name for name in editable if name not in readonly)]

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChangeHelper(self.model, historical_record)


def may_view_users(user):
    opts = get_user_model()._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")
