from django.contrib.admin.apps import AdminConfig


class KerjasamaAdminConfig(AdminConfig):
    """Installs our admin site (the clerks' workspace) as the default one."""

    default_site = "kerjasama.admin.KerjasamaAdminSite"

    def ready(self):
        super().ready()
        from agreements.roles import PENGELOLA
        from core import roles
        from kerjasama import (
            deploy_checks,  # noqa: F401  (registers the checks)
            lockout_admin,
        )
        from kerjasama.login_protection import LOCKOUT_PERMISSIONS

        # The cooperation office sees the login lockouts and lifts them (README, "Security").
        roles.declare("axes", {PENGELOLA: LOCKOUT_PERMISSIONS})
        lockout_admin.register()
