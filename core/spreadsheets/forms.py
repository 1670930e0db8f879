"""The import and export forms of the admin, as a clerk reads them."""

from import_export.forms import SelectableFieldsExportForm


class XlsxFirstMixin:
    """The format list starts at xlsx (SPEC: the default format), not at "---"."""

    def _init_formats(self, formats):
        super()._init_formats(formats)
        if len(formats) > 1:
            field = self.fields["format"]
            field.choices = field.choices[1:]
            field.initial = "0"


class SpreadsheetExportForm(XlsxFirstMixin, SelectableFieldsExportForm):
    """Each column offered under its header in the file ("Nomor Mitra"), not under
    an English title made from the attribute name ("Partner Number")."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field and field.column_name else field_name
