"""The partners (Mitra) the regency cooperates with."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agreements.choices import PartnerGroup
from agreements.models import Partner
from agreements.resources import PartnerResource
from core.admin_list import DirectListRowsMixin
from core.history_admin import HistoryAdmin
from core.spreadsheets.admin import SpreadsheetAdminMixin

from .filters import PartnerGroupFilter
from .mixins import AgreementCountMixin, InUseProtectionMixin


@admin.register(Partner)
class PartnerAdmin(
    DirectListRowsMixin,
    SpreadsheetAdminMixin,
    InUseProtectionMixin,
    AgreementCountMixin,
    HistoryAdmin,
):
    resource_classes = [PartnerResource]
    list_display = ["name", "category", "group_label", "country", "agreement_count"]
    list_filter = ["category", PartnerGroupFilter, "country"]
    search_fields = ["name", "contact_person", "email"]
    ordering = ["name"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["name", "category", "country"]}),
        (_("Contact"), {"fields": ["address", "contact_person", "email", "phone"]}),
        (None, {"fields": ["notes"]}),
    ]

    @admin.display(description=_("partner group"))
    def group_label(self, obj):
        return PartnerGroup(obj.group).label if obj.group else None
