from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting and evaluation")

    def ready(self):
        from reports.resources import contribute_latest_report

        contribute_latest_report()
