"""The three roles of SPEC §1 as auth groups, with their model permissions.

The groups are created by a data migration and brought up to date after every
``migrate`` (so a model added later gets its permissions in the roles too). Changing
what a role may do means changing this table, nothing else.
"""

from django.contrib.auth.management import create_permissions

PENGELOLA = "Pengelola"
OPERATOR = "Operator OPD"
PIMPINAN = "Pimpinan"

REGISTER_APPS = ("agreements", "reports")


def _all(app_label, model, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for action in actions]


# "app_label.codename" per role; "*" means every permission of the register's apps.
ROLE_PERMISSIONS = {
    PENGELOLA: ["*"],
    PIMPINAN: [
        "view:*",
        "agreements.export_unit",
        "agreements.export_partner",
        "agreements.export_agreement",
        "reports.export_report",
    ],
    OPERATOR: [
        "agreements.view_agreement",
        "agreements.view_agreementunit",
        "agreements.view_agreementdocument",
        "agreements.view_partner",
        "agreements.view_unit",
        "agreements.view_sector",
        "agreements.view_objective",
        *_all("reports", "report", ("add", "change", "view")),
        *_all("reports", "reportattachment"),
        "reports.import_report",
        "reports.export_report",
    ],
}


def _wanted_permissions(Permission, spec):
    # History tables are read through their object's admin, and the code counter is
    # internal: neither is anybody's to edit.
    register = (
        Permission.objects.filter(content_type__app_label__in=REGISTER_APPS)
        .exclude(content_type__model__startswith="historical")
        .exclude(content_type__model="agreementcodecounter")
    )
    wanted = set()
    for entry in spec:
        if entry == "*":
            wanted.update(register.values_list("pk", flat=True))
        elif entry == "view:*":
            wanted.update(
                register.filter(codename__startswith="view_").values_list("pk", flat=True)
            )
        else:
            app_label, codename = entry.split(".")
            wanted.update(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).values_list("pk", flat=True)
            )
    return wanted


def sync_roles(apps):
    """Create the groups and give each exactly the permissions of ROLE_PERMISSIONS.

    ``apps`` is a migration's app registry or the global one; permissions that do not
    exist yet in that state are skipped and added by a later sync.
    """
    for app_config in apps.get_app_configs():
        if app_config.label in REGISTER_APPS:
            app_config.models_module = getattr(app_config, "models_module", None) or True
            create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_wanted_permissions(Permission, spec))


def sync_roles_after_migrate(sender, app_config=None, apps=None, using="default", **kwargs):
    # post_migrate is sent once per app; sync when the last of ours has been migrated.
    if app_config is None or app_config.label != REGISTER_APPS[-1] or apps is None:
        return
    if not apps.is_installed("django.contrib.auth"):
        return
    sync_roles(apps)
