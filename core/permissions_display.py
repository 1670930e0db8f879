"""Permissions and delete pages as a clerk reads them.

Django stores permission names in English ("Can add agreement") and shows the rows of
many-to-many link tables on delete pages as "Agreement_partners object (48)". The
office's user and group pages offer the permissions of the register's own models,
labelled in Indonesian ("Kerja sama | Tambah"); the audit tables' permissions
(django-simple-history's "historical …" models) are not offered there.
"""

from django import forms
from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

ACTIONS = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def permission_label(permission):
    model = permission.content_type.model_class()
    subject = capfirst(model._meta.verbose_name) if model else permission.content_type.name
    action, _sep, _rest = permission.codename.partition("_")
    what = ACTIONS.get(action) or _(permission.name)
    return f"{subject} | {capfirst(what)}"


def offered_permissions(queryset):
    """Without the permissions of the history tables (nobody grants those by hand)."""
    history_models = [model for model in apps.get_models() if getattr(model, "instance_type", None)]
    return queryset.exclude(
        content_type__model__in=[model._meta.model_name for model in history_models]
    ).select_related("content_type")


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class ReadablePermissionsMixin:
    """For the user and group admins."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
            kwargs["queryset"] = offered_permissions(db_field.remote_field.model.objects.all())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class HiddenLinkRowsMixin:
    """Delete pages list what goes with the object, but not the link-table rows that
    say nothing to a person ("Agreement_partners object (48)")."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = {
            capfirst(model._meta.verbose_name)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        }
        plurals = {
            str(model._meta.verbose_name_plural)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        }
        plurals |= {capfirst(name) for name in plurals}
        model_count = {name: count for name, count in model_count.items() if name not in plurals}
        return _without_links(to_delete, links), model_count, perms_needed, protected


def _without_links(items, links):
    kept = []
    for item in items:
        if isinstance(item, list):
            kept.append(_without_links(item, links))
        elif not any(str(item).startswith(f"{link}: ") for link in links):
            kept.append(item)
    return [item for item in kept if item != []]
