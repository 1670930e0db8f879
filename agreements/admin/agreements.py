"""The register of agreements: the clerks' main list and form."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.choices import STATUS_COLOURS, AgreementKind, Scheme, Status, suggest_scheme
from agreements.forms import AgreementForm
from agreements.models import Agreement, AgreementDocument, AgreementUnit, Partner
from agreements.resources import AgreementResource
from agreements.search_index import AGREEMENT_TEXT
from core.admin_list import DirectListRowsMixin
from core.admin_search import SubquerySearchMixin
from core.history import one_history_entry
from core.history_admin import HistoryAdmin
from core.locking import ParentVersionAdminMixin, VersionedAdminMixin
from core.money import MoneyAdminMixin
from core.spreadsheets.admin import SpreadsheetAdminMixin

from .display import choice_badge, rupiah, shorten
from .documents import DocumentFileMixin
from .filters import (
    AgreementPartnerGroupFilter,
    SigningYearFilter,
    StatusFilter,
    UsedRelatedFilter,
)
from .inlines import AgreementDocumentInline, AgreementUnitInline, ChildAgreementInline
from .mixins import VisibleParentMixin


@admin.register(Agreement)
class AgreementAdmin(
    DirectListRowsMixin,
    SubquerySearchMixin,
    MoneyAdminMixin,
    VersionedAdminMixin,
    SpreadsheetAdminMixin,
    HistoryAdmin,
):
    resource_classes = [AgreementResource]
    form = AgreementForm
    # Seven columns that fit a 1366 px screen; the rest is on the agreement's page.
    list_display = [
        "code",
        "title_kind_number",
        "status_badge",
        "partner_names",
        "lead_unit_code",
        "end_date",
        "value_rupiah",
    ]
    list_display_links = ["code"]
    list_filter = [
        StatusFilter,
        "kind",
        "scheme",
        AgreementPartnerGroupFilter,
        ("units", UsedRelatedFilter),
        # Affairs and objectives are not offered in the sidebar (a list of thirty-odd
        # entries); the dashboard's figures still open the list filtered by them, as
        # ``sectors__id__exact`` / ``objectives__id__exact`` (allowed lookups).
        SigningYearFilter,
        "funding",
    ]
    search_fields = [
        "code",
        "number",
        "partner_number",
        "title",
        "partners__name",
        "units__code",
        "units__name",
    ]
    # Searched without joining the partners and units into the list (core/admin_search.py),
    # the agreements' own columns in their index where there is one.
    search_index = AGREEMENT_TEXT
    date_hierarchy = "signed_on"
    show_full_result_count = False
    list_per_page = 50
    autocomplete_fields = ["partners", "parent", "sectors", "objectives"]
    readonly_fields = ["code", "status_badge", "suggested_scheme"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("code", "status_badge"),
                    "title",
                    "kind",
                    ("number", "partner_number"),
                    "parent",
                ]
            },
        ),
        (
            _("Parties and affairs"),
            {"fields": ["partners", ("scheme", "suggested_scheme"), "sectors", "objectives"]},
        ),
        (_("Stage and dates"), {"fields": ["stage", "signed_on", "start_date", "end_date"]}),
        (
            _("Funding and approval"),
            {"fields": ["funding", "value", "needs_dprd_approval", "dprd_approved_on"]},
        ),
        (_("Content and publication"), {"fields": ["scope", "notes", "is_public"]}),
    ]
    inlines = [AgreementUnitInline, AgreementDocumentInline, ChildAgreementInline]
    view_on_site = False  # an agreement's absolute URL is this very page

    def get_queryset(self, request):
        """The one place that decides which agreements a user sees, and what each row
        carries: the derived status and, prefetched, its partners and units."""
        return (
            Agreement.objects.visible_to(request.user)
            .with_status()
            .prefetch_related(
                Prefetch("partners", queryset=Partner.objects.only("pk", "name", "category")),
                Prefetch(
                    "agreement_units",
                    queryset=AgreementUnit.objects.select_related("unit"),
                ),
            )
        )

    def get_inlines(self, request, obj):
        if obj is None:
            return [inline for inline in self.inlines if inline is not ChildAgreementInline]
        return self.inlines

    def save_model(self, request, obj, form, change):
        # The entry is written once the partners and units are saved (save_related).
        obj.skip_history_when_saving = True
        try:
            super().save_model(request, obj, form, change)
        finally:
            del obj.skip_history_when_saving

    def save_related(self, request, form, formsets, change):
        with one_history_entry(form.instance, created=not change):
            super().save_related(request, form, formsets, change)
        # A scheme that the partners do not suggest is the clerk's call: warn, never refuse.
        partners = form.cleaned_data.get("partners") or []
        warning = form.instance.scheme_warning([partner.category for partner in partners])
        if warning:
            messages.warning(request, warning)

    @admin.display(description=_("title"), ordering="title")
    def title_kind_number(self, obj):
        # The enum's label: get_kind_display() hashes every choice's lazy label, that is
        # translates all seven of them, for each row.
        kind = AgreementKind(obj.kind).label if obj.kind in AgreementKind.values else obj.kind
        details = " · ".join(str(part) for part in (kind, obj.number) if part)
        return format_html("{}<small>{}</small>", shorten(obj.title), details)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj is None or obj.pk is None:
            return self.get_empty_value_display()
        return choice_badge(obj.current_status, Status, STATUS_COLOURS)

    @admin.display(description=_("partners"))
    def partner_names(self, obj):
        return shorten(", ".join(partner.name for partner in obj.partners.all()), 60) or None

    @admin.display(description=_("lead OPD"))
    def lead_unit_code(self, obj):
        unit = obj.lead_unit
        return format_html('<abbr title="{}">{}</abbr>', unit.name, unit.code) if unit else None

    @admin.display(description=_("value (Rp)"), ordering="value")
    def value_rupiah(self, obj):
        return rupiah(obj.value)

    @admin.display(description=_("suggested scheme"))
    def suggested_scheme(self, obj):
        if obj is None or obj.pk is None:
            return self.get_empty_value_display()
        suggested = suggest_scheme(partner.category for partner in obj.partners.all())
        return Scheme(suggested).label if suggested else self.get_empty_value_display()


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(
    ParentVersionAdminMixin, VisibleParentMixin, DocumentFileMixin, HistoryAdmin
):
    """Every uploaded document, for finding a scan without opening its agreement."""

    list_display = ["agreement", "kind", "title", "download", "uploaded_at"]
    list_select_related = ["agreement"]
    list_filter = ["kind"]
    search_fields = ["title", "agreement__code", "agreement__number", "agreement__title"]
    date_hierarchy = "uploaded_at"
    show_full_result_count = False
    autocomplete_fields = ["agreement"]
    fields = ["agreement", "kind", "title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(AgreementUnit)
class AgreementUnitAdmin(VisibleParentMixin, admin.ModelAdmin):
    """Who is responsible for what, across the register (edited inline on agreements)."""

    list_display = ["agreement", "unit", "is_lead"]
    list_select_related = ["agreement", "unit"]
    list_filter = ["is_lead", ("unit", UsedRelatedFilter)]
    search_fields = ["agreement__code", "agreement__title", "unit__code", "unit__name"]
    show_full_result_count = False
    autocomplete_fields = ["agreement", "unit"]
