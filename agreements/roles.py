"""The three roles of the register (README, "Roles") and what agreements' models give them.

The groups are kept by ``core.roles``; the reports app declares its own part in
``reports/roles.py``.
"""

PENGELOLA = "Pengelola"
OPERATOR = "Operator OPD"
PIMPINAN = "Pimpinan"

# Codenames of this app's permissions per role; "*" means all of them, "view:*" every
# view permission.
ROLE_PERMISSIONS = {
    PENGELOLA: ["*"],
    PIMPINAN: ["view:*", "export_unit", "export_partner", "export_agreement"],
    OPERATOR: [
        "view_agreement",
        "view_agreementunit",
        "view_agreementdocument",
        "view_partner",
        "view_unit",
        "view_sector",
        "view_objective",
    ],
}
# The code counter and the partner groups the database keeps are internal: nobody's to
# edit.
INTERNAL_MODELS = ("agreementcodecounter", "agreementgroup")
