from django.contrib.admin.apps import AdminConfig


class KerjasamaAdminConfig(AdminConfig):
    """Installs our admin site (the clerks' workspace) as the default one."""

    default_site = "kerjasama.admin.KerjasamaAdminSite"
