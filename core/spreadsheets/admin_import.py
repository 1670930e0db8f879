"""The admin's import: upload, preview of every row's change, confirm — all or nothing.

``SpreadsheetImportMixin`` keeps django-import-export's two steps but reads the upload
through ``core.spreadsheets.reading`` (size limit, zip bombs, lying dimensions,
csv dialects), lists every problem with its row, column and message instead of a
traceback, and never writes half a file: the resources roll back on any invalid row,
and a confirmation that meets a problem (the register changed since the preview) shows
the problems instead of a success. Between the two steps the upload waits in the
storage of ``IMPORT_EXPORT_TMP_STORAGE_CLASS`` (the media storage, which every app
server reads), and the versions of the objects the preview showed travel, signed, in
the confirmation form: a row whose object changed in between is refused
(core.locking).
"""

import contextlib
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from core.spreadsheets.forms import XlsxFirstMixin
from core.spreadsheets.importing import problems_of
from core.spreadsheets.preview import preview_counts, preview_rows
from core.spreadsheets.reading import (
    IMPORT_FORMATS,
    SpreadsheetError,
    kept_table,
    max_upload_bytes,
    too_large_message,
)


class SpreadsheetImportForm(XlsxFirstMixin, ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        # Checked before the admin reads the upload into memory.
        if upload.size > max_upload_bytes():
            raise ValidationError(too_large_message())
        return upload


class SpreadsheetConfirmImportForm(ConfirmImportForm):
    #: Signed ``{row number: version}`` of the objects the preview showed.
    versions = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_versions(self):
        value = self.cleaned_data["versions"]
        if not value:
            return None
        try:
            return signing.loads(value, salt=VERSIONS_SALT)
        except signing.BadSignature as error:
            raise ValidationError(
                _("The import form was altered. Upload the file again.")
            ) from error


VERSIONS_SALT = "core.spreadsheets.preview-versions"

# An upload whose preview was never confirmed is removed after this long.
STALE_UPLOAD_AGE = timedelta(days=1)


def remove_stale_uploads(tmp_storage, now=None):
    """Delete the uploads of previews nobody confirmed (they hold the register's data),
    in whatever storage the app servers share. Returns how many were removed."""
    storage, folder = tmp_storage._storage, tmp_storage.MEDIA_FOLDER
    if not folder or not storage.exists(folder):
        return 0
    cutoff = (now or timezone.now()) - STALE_UPLOAD_AGE
    removed = 0
    for name in storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        with contextlib.suppress(OSError, NotImplementedError):
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
    return removed


class SpreadsheetImportMixin(ImportMixin):
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmImportForm
    import_template_name = "spreadsheets/import.html"
    # Text formats are read as bytes too: reading.py decides encoding and separator.
    import_formats = IMPORT_FORMATS

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def is_skip_import_confirm_enabled(self):
        # Every import is previewed, then confirmed: the formats read the upload as
        # write_to_tmp_storage keeps it, never the file handed over directly.
        return False

    def write_to_tmp_storage(self, import_file, input_format):
        """Keeps the upload as its table (reading.kept_table): the file is read once,
        here; the preview and the confirmation both import that table."""
        data = b"".join(import_file.chunks())
        tmp_storage = self.get_tmp_storage_class()(
            read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        tmp_storage.save(kept_table(data, input_format.KIND))
        return tmp_storage

    def import_action(self, request, **kwargs):
        if request.method == "GET":
            remove_stale_uploads(
                self.get_tmp_storage_class()(**self.get_tmp_storage_class_kwargs())
            )
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        if context.get("result") is not None:
            context["problems"] = problems_of(
                self._import_resource_class(request, form), context["result"]
            )
            context["preview_counts"] = preview_counts(context["result"])
            context["preview_rows"] = preview_rows(context["result"])
        if context.get("confirm_form") is not None:
            seen = getattr(context["result"], "seen_versions", {})
            context["confirm_form"].initial["versions"] = signing.dumps(seen, salt=VERSIONS_SALT)
        if request.method == "POST" and not context.get("confirm_form"):
            self._remove_upload(form)
        return response

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        kwargs = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, SpreadsheetConfirmImportForm):
            kwargs["expected_versions"] = form.cleaned_data.get("versions") or {}
        else:
            kwargs["show_changes"] = True  # the preview shows each row's changes
        return kwargs

    def _import_resource_class(self, request, form):
        classes = self.get_import_resource_classes(request)
        index = self.get_resource_index(form) if form is not None and form.is_bound else 0
        return classes[index] if index < len(classes) else classes[0]

    def _remove_upload(self, form):
        """The upload of a refused file will never be confirmed: do not keep it."""
        if form is None or not form.is_bound or "import_file" not in form.cleaned_data:
            return
        name = getattr(form.cleaned_data["import_file"], "tmp_storage_name", None)
        if name:
            storage = self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs())
            with contextlib.suppress(OSError):
                storage.remove()

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            return super().process_import(request, **kwargs)
        except (OSError, SpreadsheetError):
            # The upload is gone (confirmed twice, or cleaned up): start again.
            messages.error(request, _("The uploaded file is no longer available. Upload it again."))
            return HttpResponseRedirect(self._import_url())

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The register changed between preview and confirmation: nothing was
            # written (the import rolled back), so say why instead of "finished".
            context = self.admin_site.each_context(request)
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "form": self.get_import_form_class(request)(
                        self.get_import_formats(), self.get_import_resource_classes(request)
                    ),
                    "result": result,
                    "problems": problems_of(self.get_import_resource_classes(request)[0], result),
                    "import_error_display": self.import_error_display,
                }
            )
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def _import_url(self):
        app_label, model_name = self.get_model_info()
        return reverse(f"admin:{app_label}_{model_name}_import", current_app=self.admin_site.name)
