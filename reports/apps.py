from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting and evaluation")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from core import roles
        from core.backup import rows_restored
        from reports.obligations import tally
        from reports.resources import contribute_latest_report
        from reports.roles import INTERNAL_MODELS, ROLE_PERMISSIONS

        roles.declare(self.label, ROLE_PERMISSIONS, internal_models=INTERNAL_MODELS)
        contribute_latest_report()
        # The triggers that keep the report tallies (reports/obligations/tally.py).
        pre_migrate.connect(tally.uninstall_before_migrate, sender=self, dispatch_uid="tallies")
        post_migrate.connect(tally.install_after_migrate, sender=self, dispatch_uid="tallies")
        rows_restored.connect(tally.recount_after_restore, dispatch_uid="tallies")
