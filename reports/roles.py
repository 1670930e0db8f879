"""What the reports app's models give each role of the register (agreements/roles.py)."""

from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN

ROLE_PERMISSIONS = {
    PENGELOLA: ["*"],
    PIMPINAN: ["view:*", "export_report"],
    OPERATOR: [
        "add_report",
        "change_report",
        "view_report",
        "add_reportattachment",
        "change_reportattachment",
        "delete_reportattachment",
        "view_reportattachment",
        "import_report",
        "export_report",
    ],
}

# The reminders' ledger is written by send_reminders only, the report tallies by the
# database's triggers only: nobody's to edit.
INTERNAL_MODELS = ("sentreminder", "reporttally")
