"""Uploaded files in the admin: shown and linked only through the download views.

Django's file widget and read-only display link to ``FieldFile.url``, the storage's
public URL. Documents are never served that way (agreements/views.py checks that the
user may see the agreement first), so every document form and list here links to the
document's ``get_absolute_url()`` instead.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from .display import download_label, download_link


class _CurrentFile:
    """What the file widget's template shows as "Currently: <a href=url>name</a>"."""

    def __init__(self, url, name):
        self.url = url
        self.name = name

    def __str__(self):
        return self.name


class DownloadLinkFileWidget(AdminFileWidget):
    """The admin's file input, linking the current file to its download view."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        instance = getattr(value, "instance", None)
        if widget["is_initial"] and instance is not None and instance.pk:
            widget["value"] = _CurrentFile(instance.get_absolute_url(), download_label(value))
        return context


class DocumentFileMixin:
    """For admins and inlines of models with a ``file`` and a ``get_absolute_url``."""

    formfield_overrides = {models.FileField: {"widget": DownloadLinkFileWidget}}
    # "View on site" would be a second, unlabelled download link.
    view_on_site = False

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        # Read-only display would link the public storage URL; link the view instead.
        return list(dict.fromkeys("download" if name == "file" else name for name in fields))

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self.has_change_permission(request, obj):
            return readonly
        return (*readonly, "download")

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj)
