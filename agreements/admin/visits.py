"""Official trips abroad facilitated by the office."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from agreements.models import ForeignVisit, VisitDocument, VisitParticipant
from core.history_admin import HistoryAdmin

from .display import shorten
from .documents import DocumentFileMixin
from .inlines import VisitDocumentInline, VisitParticipantInline


@admin.register(ForeignVisit)
class ForeignVisitAdmin(HistoryAdmin):
    list_display = [
        "short_purpose",
        "place",
        "departure",
        "return_date",
        "participant_count",
    ]
    list_filter = ["country"]
    search_fields = ["purpose", "country", "city", "permit_number", "participants__name"]
    date_hierarchy = "departure"
    show_full_result_count = False
    autocomplete_fields = ["agreement"]
    fields = [
        "purpose",
        ("country", "city"),
        ("departure", "return_date"),
        "agreement",
        "permit_number",
        "outcome",
    ]
    inlines = [VisitParticipantInline, VisitDocumentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_count=Count("participants"))

    @admin.display(description=_("purpose"), ordering="purpose")
    def short_purpose(self, obj):
        return shorten(obj.purpose)

    @admin.display(description=_("country/city"), ordering="country")
    def place(self, obj):
        return ", ".join(part for part in (obj.country, obj.city) if part)

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count


@admin.register(VisitParticipant)
class VisitParticipantAdmin(HistoryAdmin):
    list_display = ["name", "position", "institution", "visit"]
    list_select_related = ["visit"]
    list_filter = ["institution"]
    search_fields = ["name", "position", "institution_name", "visit__country"]
    show_full_result_count = False
    autocomplete_fields = ["visit"]


@admin.register(VisitDocument)
class VisitDocumentAdmin(DocumentFileMixin, admin.ModelAdmin):
    list_display = ["visit", "title", "download", "uploaded_at"]
    list_select_related = ["visit"]
    search_fields = ["title", "visit__country", "visit__city"]
    show_full_result_count = False
    autocomplete_fields = ["visit"]
    fields = ["visit", "title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
