"""Our own units and the lookup lists agreements refer to (affairs, objectives)."""

from django.contrib import admin

from agreements.models import Objective, Sector, Unit
from agreements.resources import UnitResource
from core.history_admin import HistoryAdmin
from core.spreadsheets.admin import SpreadsheetAdminMixin

from .mixins import AgreementCountMixin, InUseProtectionMixin


@admin.register(Unit)
class UnitAdmin(SpreadsheetAdminMixin, AgreementCountMixin, HistoryAdmin):
    resource_classes = [UnitResource]
    list_display = ["code", "name", "email", "is_active", "agreement_count"]
    list_display_links = ["code", "name"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "email"]
    ordering = ["code"]
    fields = ["code", "name", "email", "is_active"]


@admin.register(Sector)
class SectorAdmin(InUseProtectionMixin, AgreementCountMixin, admin.ModelAdmin):
    list_display = ["name", "agreement_count"]
    search_fields = ["name"]


@admin.register(Objective)
class ObjectiveAdmin(InUseProtectionMixin, AgreementCountMixin, admin.ModelAdmin):
    list_display = ["name", "agreement_count"]
    search_fields = ["name"]
