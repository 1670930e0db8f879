from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting and evaluation")

    def ready(self):
        from core import roles
        from reports.obligations.tally import TALLIES
        from reports.resources import contribute_latest_report
        from reports.roles import INTERNAL_MODELS, ROLE_PERMISSIONS

        roles.declare(self.label, ROLE_PERMISSIONS, internal_models=INTERNAL_MODELS)
        contribute_latest_report()
        # The triggers that keep the report tallies (reports/obligations/tally.py).
        TALLIES.connect(self)
