"""What the reports layer adds to an agreement's page besides monitoring: its
evaluations, each linked.

The register (agreements) knows nothing of reports; this module extends the monitored
agreement admin (reports/monitoring_admin.py) and registers it in its place.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

from .models import Evaluation
from .monitoring_admin import MonitoredAgreementAdmin


class EvaluationInline(admin.TabularInline):
    """The yearly evaluations (monev) of the agreement: read here, edited on their page."""

    model = Evaluation
    fields = ["year", "overall_score", "recommendation", "evaluator"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False
    verbose_name_plural = _("evaluations (monev)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AgreementWithEvaluationsAdmin(MonitoredAgreementAdmin):
    inlines = [*MonitoredAgreementAdmin.inlines, EvaluationInline]

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        return inlines if obj is not None else [i for i in inlines if i is not EvaluationInline]


admin.site.unregister(Agreement)
admin.site.register(Agreement, AgreementWithEvaluationsAdmin)
