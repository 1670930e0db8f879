"""Roles as auth groups, declared by the apps and kept in line by one mechanism.

Each app declares what its own models give each role (``declare`` in its
``AppConfig.ready``); ``sync_roles`` creates the groups and gives each exactly the union
of the declarations. A data migration runs it first, and it runs again after every
``migrate``, so a model added later gets its permissions in the roles too. Changing what
a role may do means changing the declaring app's table, nothing else.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# app label -> ({role: [entry, …]}, model names left out of "*" and "view:*")
_declared = {}


def declare(app_label, role_permissions, internal_models=()):
    """Declare what the permissions of ``app_label``'s models give each role.

    An entry is a codename of the app ("view_report"), ``"*"`` (every permission of the
    app) or ``"view:*"`` (every view permission of the app). History tables and the
    ``internal_models`` are nobody's to edit and never covered by the wildcards.
    """
    _declared[app_label] = (role_permissions, tuple(internal_models))


def declared_apps():
    return tuple(_declared)


def _wanted_permissions(Permission, app_label, entries, internal_models):
    of_app = Permission.objects.filter(content_type__app_label=app_label)
    everything = of_app.exclude(content_type__model__startswith="historical").exclude(
        content_type__model__in=internal_models
    )
    wanted = set()
    for entry in entries:
        if entry == "*":
            wanted.update(everything.values_list("pk", flat=True))
        elif entry == "view:*":
            wanted.update(
                everything.filter(codename__startswith="view_").values_list("pk", flat=True)
            )
        else:
            wanted.update(of_app.filter(codename=entry).values_list("pk", flat=True))
    return wanted


def sync_roles(apps):
    """Create the groups and give each exactly the permissions declared for it.

    ``apps`` is a migration's app registry or the global one; permissions that do not
    exist yet in that state are skipped and added by a later sync.
    """
    for app_config in apps.get_app_configs():
        if app_config.label in _declared:
            app_config.models_module = getattr(app_config, "models_module", None) or True
            create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {}
    for app_label, (role_permissions, internal_models) in _declared.items():
        for role, entries in role_permissions.items():
            wanted.setdefault(role, set()).update(
                _wanted_permissions(Permission, app_label, entries, internal_models)
            )
    for role, permission_ids in wanted.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permission_ids)


def sync_roles_after_migrate(sender, app_config=None, apps=None, using="default", **kwargs):
    # post_migrate is sent once per app; sync when the last declaring app has been migrated.
    if app_config is None or apps is None or not _declared:
        return
    labels = [config.label for config in global_apps.get_app_configs()]
    last = max(_declared, key=lambda label: labels.index(label) if label in labels else -1)
    if app_config.label != last:
        return
    # A migration's app registry knows auth by its label only ("auth"), so ask for the
    # label rather than is_installed("django.contrib.auth"), which is always False there.
    try:
        apps.get_app_config("auth")
    except LookupError:
        return
    sync_roles(apps)
