"""The partners (Mitra) the regency cooperates with."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements.choices import PartnerGroup
from agreements.models import Partner
from agreements.resources import PartnerResource
from kerjasama.spreadsheets.admin import SpreadsheetAdminMixin

from .filters import PartnerGroupFilter


@admin.register(Partner)
class PartnerAdmin(SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [PartnerResource]
    list_display = ["name", "category", "group_label", "country", "agreement_count"]
    list_filter = ["category", PartnerGroupFilter, "country"]
    search_fields = ["name", "contact_person", "email"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["name", "category", "country"]}),
        (_("Contact"), {"fields": ["address", "contact_person", "email", "phone"]}),
        (None, {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description=_("partner group"))
    def group_label(self, obj):
        return PartnerGroup(obj.group).label if obj.group else None

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count
