"""Monitoring in the register's admin, added from the reports layer (the register
knows nothing of reports): the "Belum lapor" / "Terlambat" / "Dormant" list filter,
each agreement's reporting record and each unit's compliance per year.

Definitions: docs/monitoring.md; computed by reports.obligations.
"""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from agreements.admin import AgreementAdmin, UnitAdmin
from agreements.models import Agreement, Unit
from agreements.visibility import EVERYTHING, unit_scope

from . import obligations as ob
from .choices import OBLIGATION_STATE_COLOURS, OPEN_STATES, ObligationState, ReportStatus
from .obligations.links import new_report_url, report_url


class MonitoringFilter(admin.SimpleListFilter):
    """Agreements whose units owe reports, or that stay "on paper"."""

    title = _("reporting")
    parameter_name = "monitoring"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Not reported")),
            ("overdue", _("Overdue")),
            ("dormant", _("Dormant")),
        ]

    def queryset(self, request, queryset):
        apply = {
            "open": ob.with_open_obligation,
            "overdue": ob.with_overdue_obligation,
            "dormant": ob.dormant,
        }.get(self.value())
        return apply(queryset) if apply else queryset


def _with_filter_after_status(filters):
    filters = list(filters)
    return [*filters[:1], MonitoringFilter, *filters[1:]]


class MonitoredAgreementAdmin(AgreementAdmin):
    list_filter = _with_filter_after_status(AgreementAdmin.list_filter)
    readonly_fields = [*AgreementAdmin.readonly_fields, "reporting_record"]
    fieldsets = [
        *AgreementAdmin.fieldsets,
        (_("Reporting"), {"fields": ["reporting_record"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [fs for fs in fieldsets if "reporting_record" not in fs[1]["fields"]]
        return fieldsets

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The record shows an Operator OPD their own unit only (read by reporting_record).
            obj.reporting_viewer = request.user
        return obj

    @admin.display(description=_("reporting record"))
    def reporting_record(self, obj):
        viewer = getattr(obj, "reporting_viewer", None)
        scope = unit_scope(viewer) if viewer is not None else EVERYTHING
        units = Unit.objects.filter(agreement_links__agreement=obj).order_by(
            "-agreement_links__is_lead", "name"
        )
        if scope != EVERYTHING:
            units = units.filter(pk=scope)
        units = list(units)
        rows = ob.obligations(
            agreements=[obj.pk], units=[unit.pk for unit in units], include_current=True
        ).order_by("-year", "-semester")
        by_period = {}
        for row in rows:
            by_period.setdefault((row["year"], row["semester"]), {})[row["unit_id"]] = row
        semesters = [
            {
                "period": ob.Period(*key),
                "cells": [_cell(by_period[key].get(unit.pk), obj.pk, unit.pk) for unit in units],
            }
            for key in sorted(by_period, reverse=True)
        ]
        return render_to_string(
            "reports/reporting_record.html", {"units": units, "semesters": semesters}
        )


def _cell(row, agreement_id, unit_id):
    if row is None:
        return None
    state = ObligationState(row["state"])
    cell = {
        "state": state,
        "colour": OBLIGATION_STATE_COLOURS[state],
        "deadline": row["deadline"],
    }
    if row["report_id"]:
        cell["url"] = report_url(row["report_id"])
        cell["report_status"] = ReportStatus(row["report_status"]).label
    elif state in OPEN_STATES:
        cell["new_url"] = new_report_url(agreement_id, unit_id, row["year"], row["semester"])
    return cell


class MonitoredUnitAdmin(UnitAdmin):
    fields = [*UnitAdmin.fields, "compliance"]
    readonly_fields = [*UnitAdmin.readonly_fields, "compliance"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj is not None else [f for f in fields if f != "compliance"]

    @admin.display(description=_("reporting compliance"))
    def compliance(self, obj):
        return render_to_string(
            "reports/unit_compliance.html", {"years": ob.compliance_per_year(obj)}
        )


admin.site.unregister(Agreement)
admin.site.register(Agreement, MonitoredAgreementAdmin)
admin.site.unregister(Unit)
admin.site.register(Unit, MonitoredUnitAdmin)
