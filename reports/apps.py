from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting and evaluation")

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import roles
        from reports.obligations.tally import install_after_migrate
        from reports.resources import contribute_latest_report
        from reports.roles import INTERNAL_MODELS, ROLE_PERMISSIONS

        roles.declare(self.label, ROLE_PERMISSIONS, internal_models=INTERNAL_MODELS)
        contribute_latest_report()
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="report_tallies")
