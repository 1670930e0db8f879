from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """The infrastructure every app builds on: templates, the roles' sync, and the
    removal of deleted documents' files."""

    name = "core"
    verbose_name = "core"

    def ready(self):
        from django.apps import apps

        from core.documents import remove_files_with_rows
        from core.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="core.sync_roles")
        remove_files_with_rows(apps.get_models())
