"""Our own units and the lookup lists agreements refer to (affairs, objectives)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import Objective, Sector, Unit
from agreements.resources import UnitResource
from kerjasama.spreadsheets.admin import SpreadsheetAdminMixin


class AgreementCountMixin:
    """Annotates and shows how many agreements refer to each row."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


@admin.register(Unit)
class UnitAdmin(SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [UnitResource]
    list_display = ["code", "name", "email", "is_active", "agreement_count"]
    list_display_links = ["code", "name"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "email"]
    fields = ["code", "name", "email", "is_active"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


@admin.register(Sector)
class SectorAdmin(AgreementCountMixin, admin.ModelAdmin):
    list_display = ["name", "agreement_count"]
    search_fields = ["name"]


@admin.register(Objective)
class ObjectiveAdmin(AgreementCountMixin, admin.ModelAdmin):
    list_display = ["name", "agreement_count"]
    search_fields = ["name"]
