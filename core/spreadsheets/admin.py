"""``SpreadsheetAdminMixin``: the README's spreadsheet import and export for a ModelAdmin.

Put it first among the bases and name the resource::

    class AgreementAdmin(SpreadsheetAdminMixin, HistoryAdmin):
        resource_classes = [AgreementResource]

Import and export are permissions of their own (``import_<model>``, ``export_<model>``).
"""

from core.spreadsheets.admin_export import SpreadsheetExportMixin
from core.spreadsheets.admin_import import SpreadsheetImportMixin


class SpreadsheetAdminMixin(SpreadsheetImportMixin, SpreadsheetExportMixin):
    # One changelist template with the import, export and blank-template buttons.
    import_export_change_list_template = "spreadsheets/change_list.html"
