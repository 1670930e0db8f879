"""The units' reports and the yearly evaluations in the clerks' workspace.

An Operator OPD sees and writes only their own unit's reports; the office verifies.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.admin.display import choice_badge, rupiah, shorten
from agreements.admin.documents import DocumentFileMixin
from agreements.admin.filters import UsedRelatedFilter
from agreements.admin.mixins import VisibleParentMixin
from agreements.choices import STATUS_COLOURS, Status
from agreements.models import Agreement, Unit
from core.admin_list import DirectListRowsMixin
from core.history_admin import HistoryAdmin
from core.locking import ParentVersionAdminMixin, VersionedAdminMixin
from core.money import MoneyAdminMixin
from core.spreadsheets.admin import SpreadsheetAdminMixin

from . import workflow
from .choices import REPORT_STATUS_COLOURS, ReportStatus
from .forms import ReportForm
from .models import RATING_FIELDS, Evaluation, Report, ReportAttachment
from .resources import ReportResource


class ReportAttachmentInline(DocumentFileMixin, admin.TabularInline):
    model = ReportAttachment
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    extra = 1

    # ``obj`` is the report: its attachments close with it (reports.workflow).
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _report_open(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _report_open(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _report_open(request, obj)


def _report_open(request, report):
    return report is None or workflow.may_edit(request.user, report.status)


@admin.register(Report)
class ReportAdmin(
    DirectListRowsMixin,
    MoneyAdminMixin,
    VersionedAdminMixin,
    SpreadsheetAdminMixin,
    HistoryAdmin,
):
    resource_classes = [ReportResource]
    form = ReportForm
    list_display = [
        "agreement_code",
        "unit",
        "year",
        "semester",
        "status_badge",
        "budget_rupiah",
        "spending_rupiah",
        "submitted_at",
    ]
    list_display_links = ["agreement_code"]
    # The agreements are read after the page, not joined: see get_ordering.
    list_select_related = ["unit"]
    list_filter = ["status", "year", "semester", ("unit", UsedRelatedFilter)]
    search_fields = ["agreement__code", "agreement__title", "unit__code", "unit__name"]
    show_full_result_count = False
    autocomplete_fields = ["agreement", "unit"]
    readonly_fields = ["agreement_summary", "submitted_at", "verified_at", "verified_by"]
    fieldsets = [
        (None, {"fields": ["agreement", "agreement_summary", "unit", ("year", "semester")]}),
        (
            _("Implementation"),
            {"fields": ["activities", "outputs", "benefits", "obstacles", "follow_up"]},
        ),
        (_("Budget"), {"fields": ["budget", "spending"]}),
        (
            _("Verification"),
            {"fields": ["status", "verifier_note", "submitted_at", "verified_at", "verified_by"]},
        ),
    ]
    inlines = [ReportAttachmentInline]
    view_on_site = False  # a report's absolute URL is this very page
    actions = ["verify"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).prefetch_related("agreement")

    def get_ordering(self, request):
        """The model's order (newest semester first, then by agreement code), with each
        report's agreement code read by a subquery instead of a join.

        With the agreements joined, SQLite reads every report and sorts them all for
        each page (≈ 0.4 s at 500,000 reports). Without the join it walks the reports
        in the (year, semester) index and sorts only the first semesters' reports by
        code, as many as the page needs (docs/performance.md).
        """
        code = Subquery(Agreement.objects.filter(pk=OuterRef("agreement_id")).values("code"))
        return ["-year", "-semester", code.asc()]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new report has no agreement yet to summarise.
        return [
            (
                title,
                {**options, "fields": [f for f in options["fields"] if f != "agreement_summary"]},
            )
            for title, options in fieldsets
        ]

    def get_autocomplete_fields(self, request):
        # An operator picks from their own unit only: a plain select of that one unit.
        if self.has_verify_permission(request):
            return self.autocomplete_fields
        return [name for name in self.autocomplete_fields if name != "unit"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = Agreement.objects.visible_to(request.user)
        elif db_field.name == "unit":
            units = Unit.objects.visible_to(request.user)
            kwargs["queryset"] = units
            if len(units) == 1:
                kwargs["initial"] = units[0]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_verify_permission(request):
            # Units write and submit; only the office verifies, returns and notes why.
            readonly.append("verifier_note")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The workflow's choices and checks are the saving user's.
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request, obj=None):
        # Submitted reports wait for the office; a verified one is closed for its unit.
        if obj is not None and not workflow.may_edit(request.user, obj.status):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.stamp_status(request.user)
        super().save_model(request, obj, form, change)

    def has_verify_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('verify', opts)}")

    @admin.action(permissions=["verify"], description=_("Verify the selected submitted reports"))
    def verify(self, request, queryset):
        selected = queryset.count()
        verified = 0
        # Saved one by one so that each verification is kept in the report's history.
        for report in queryset.filter(status=ReportStatus.SUBMITTED):
            report.status = ReportStatus.VERIFIED
            report.stamp_status(request.user)
            report.save()
            verified += 1
        # Counted first: a list filtered on 'submitted' no longer holds the verified.
        skipped = selected - verified
        if verified:
            self.message_user(
                request,
                ngettext("%(count)d report verified.", "%(count)d reports verified.", verified)
                % {"count": verified},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d report was not submitted and was left as it is.",
                    "%(count)d reports were not submitted and were left as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.display(description=_("agreement"), ordering="agreement__code")
    def agreement_code(self, obj):
        return obj.agreement.code

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return choice_badge(obj.status, ReportStatus, REPORT_STATUS_COLOURS)

    @admin.display(description=_("agreement title and status"))
    def agreement_summary(self, obj):
        if obj is None or obj.agreement_id is None:
            return self.get_empty_value_display()
        agreement = Agreement.objects.with_status().get(pk=obj.agreement_id)
        return format_html(
            '<a href="{}">{}</a> {}',
            reverse("admin:agreements_agreement_change", args=[agreement.pk]),
            agreement.title,
            choice_badge(agreement.status, Status, STATUS_COLOURS),
        )

    @admin.display(description=_("budget (Rp)"), ordering="budget")
    def budget_rupiah(self, obj):
        return rupiah(obj.budget)

    @admin.display(description=_("realised spending (Rp)"), ordering="spending")
    def spending_rupiah(self, obj):
        return rupiah(obj.spending)


@admin.register(ReportAttachment)
class ReportAttachmentAdmin(
    ParentVersionAdminMixin, VisibleParentMixin, DocumentFileMixin, admin.ModelAdmin
):
    parent_field = "report"

    def writable_parents(self, request):
        return Report.objects.editable_by(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _report_open(
            request, obj and obj.report
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _report_open(
            request, obj and obj.report
        )

    list_display = ["report", "title", "download", "uploaded_at"]
    list_select_related = ["report__agreement", "report__unit"]
    search_fields = ["title", "report__agreement__code", "report__unit__name"]
    show_full_result_count = False
    autocomplete_fields = ["report"]
    fields = ["report", "title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(Evaluation)
class EvaluationAdmin(HistoryAdmin):
    list_display = [
        "agreement_code",
        "short_title",
        "year",
        "overall_score",
        "recommendation",
        "evaluator",
    ]
    list_display_links = ["agreement_code"]
    list_select_related = ["agreement"]
    list_filter = ["year", "recommendation"]
    search_fields = ["agreement__code", "agreement__title", "evaluator"]
    show_full_result_count = False
    autocomplete_fields = ["agreement"]
    readonly_fields = ["overall_score"]
    fieldsets = [
        (None, {"fields": ["agreement", "year", "evaluator"]}),
        (_("Ratings"), {"fields": [*RATING_FIELDS, "overall_score"]}),
        (None, {"fields": ["recommendation", "notes"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = Agreement.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("agreement"), ordering="agreement__code")
    def agreement_code(self, obj):
        return obj.agreement.code

    @admin.display(description=_("title"))
    def short_title(self, obj):
        return shorten(obj.agreement.title, 60)


# The register's own admin pages, extended with monitoring and the agreement's evaluations
# (after the classes above; agreement_page builds on monitoring_admin).
from . import agreement_page  # noqa: E402, F401
