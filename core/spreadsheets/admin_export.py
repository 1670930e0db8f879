"""Export from the admin: the changelist as the clerk filtered it, streamed and formula-safe.

``SpreadsheetExportMixin`` keeps django-import-export's export page (format, resource,
columns) but writes the file with ``core.spreadsheets.writing`` from the queryset
in chunks, instead of a Dataset built in memory whose text could run as formulas. It
also serves the blank import template of each resource.
"""

import tempfile

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export.admin import ExportMixin
from import_export.formats import base_formats
from import_export.signals import post_export

from core import clock

from .forms import SpreadsheetExportForm
from .templates import CONTENT_TYPE as TEMPLATE_CONTENT_TYPE
from .templates import build_template
from .writing import ExportTooLarge, get_writer, resource_rows


def file_response(write, filename, content_type):
    """A download of what ``write(stream)`` writes, spooled through a temporary file so
    that a large export never sits in memory."""
    # Not a `with` block: FileResponse closes the file once it has been sent.
    scratch = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write(scratch)
    except BaseException:
        scratch.close()
        raise
    scratch.seek(0)
    response = FileResponse(scratch, as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    return response


class SpreadsheetExportMixin(ExportMixin):
    """Admin export through the streaming writers, plus a blank template download."""

    # xlsx first: it is what the clerks open (README, "Spreadsheets": xlsx by default).
    export_formats = [base_formats.XLSX, base_formats.XLS, base_formats.CSV]
    import_export_change_list_template = "spreadsheets/change_list.html"
    export_form_class = SpreadsheetExportForm

    def get_urls(self):
        app_label, model_name = self.get_model_info()
        return [
            path(
                "spreadsheet-template/",
                self.admin_site.admin_view(self.spreadsheet_template_view),
                name=f"{app_label}_{model_name}_spreadsheet_template",
            ),
            *super().get_urls(),
        ]

    def has_export_permission(self, request):
        """Export is a permission of its own (``export_<model>``), whatever the settings."""
        opts = self.opts
        codename = get_permission_codename("export", opts)
        return request.user.has_perm(f"{opts.app_label}.{codename}")

    def has_spreadsheet_template_permission(self, request):
        """The template is the start of an import: offered to those who may import."""
        has_import_permission = getattr(self, "has_import_permission", None)
        if has_import_permission is not None:
            return has_import_permission(request)
        return self.has_export_permission(request)

    def get_export_queryset(self, request):
        """The changelist's rows with its current filters and search, and never more
        than the user may see (the same ``visible_to`` rule as the lists)."""
        queryset = super().get_export_queryset(request)
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user)
        return queryset

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            # A stale or hand-edited filter in the URL: back to the list, which says so
            # the way Django's changelist does.
            app_label, model_name = self.get_model_info()
            changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(str(self.opts.verbose_name_plural)) or self.opts.model_name
        return f"{name}-{clock.today():%Y-%m-%d}.{file_format.get_extension()}"

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        # The one step of ExportMixin.export_action that builds the file: replaced so the
        # rows stream from the queryset into our writer (see the module docstring).
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(
            **self.get_export_resource_kwargs(request, export_form=export_form)
        )
        export_fields = self.get_export_resource_fields_from_form(export_form)
        writer = get_writer(file_format.get_extension(), title=self.opts.verbose_name_plural)
        rows = resource_rows(resource, queryset, export_fields)
        try:
            response = file_response(
                lambda stream: writer.write(rows, stream),
                self.get_export_filename(request, queryset, file_format),
                writer.content_type,
            )
        except ExportTooLarge as error:
            # export_action shows ValueError messages on the export page.
            raise ValueError(str(error)) from error
        post_export.send(sender=None, model=self.model)
        return response

    def spreadsheet_template_view(self, request):
        """The blank xlsx template of the admin's (first) resource."""
        if not self.has_spreadsheet_template_permission(request):
            raise PermissionDenied
        resource_class = self.get_export_resource_classes(request)[0]
        resource = resource_class(**self.get_export_resource_kwargs(request))
        name = slugify(str(self.opts.verbose_name_plural)) or self.opts.model_name
        return file_response(
            lambda stream: build_template(resource, stream),
            f"{slugify(_('template'))}-{name}.xlsx",
            TEMPLATE_CONTENT_TYPE,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["has_spreadsheet_template_permission"] = (
            self.has_spreadsheet_template_permission(request)
        )
        return super().changelist_view(request, extra_context)
