"""Inlines of the register's change pages."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.choices import STATUS_COLOURS, Status
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementUnit,
    UnitMembership,
    VisitDocument,
    VisitParticipant,
)

from .display import choice_badge, shorten
from .documents import DocumentFileMixin


class LeadUnitFormSet(BaseInlineFormSet):
    """Once any unit is listed, exactly one of them leads (it receives the reminders)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        listed = [
            form
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("unit")
            and not self._should_delete_form(form)
        ]
        leads = sum(1 for form in listed if form.cleaned_data.get("is_lead"))
        if listed and leads == 0:
            raise ValidationError(
                _("Mark one of the responsible units as the lead unit."), code="no_lead"
            )
        if leads > 1:
            raise ValidationError(
                ngettext(
                    "Only one unit can lead; %(count)d is marked as lead.",
                    "Only one unit can lead; %(count)d are marked as lead.",
                    leads,
                )
                % {"count": leads},
                code="several_leads",
            )


class AgreementUnitInline(admin.TabularInline):
    model = AgreementUnit
    formset = LeadUnitFormSet
    fields = ["unit", "is_lead"]
    autocomplete_fields = ["unit"]
    extra = 1


class AgreementDocumentInline(DocumentFileMixin, admin.TabularInline):
    model = AgreementDocument
    fields = ["kind", "title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    extra = 1


class ChildAgreementInline(admin.TabularInline):
    """The PKS under a framework agreement and the addenda of an agreement: a list with
    links, edited on their own pages."""

    model = Agreement
    fk_name = "parent"
    verbose_name = _("child agreement")
    verbose_name_plural = _("child agreements (PKS, addenda)")
    fields = ["code", "kind", "short_title", "status_badge", "signed_on", "end_date"]
    readonly_fields = fields
    show_change_link = True
    view_on_site = False
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        # Only the children the viewer may see: another unit's PKS stays out of sight.
        return super().get_queryset(request).visible_to(request.user).with_status()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("title"))
    def short_title(self, obj):
        return shorten(obj.title)

    @admin.display(description=_("status"))
    def status_badge(self, obj):
        return choice_badge(obj.status, Status, STATUS_COLOURS)


class VisitParticipantInline(admin.TabularInline):
    model = VisitParticipant
    fields = ["name", "position", "institution", "institution_name"]
    extra = 1


class VisitDocumentInline(DocumentFileMixin, admin.TabularInline):
    model = VisitDocument
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    extra = 1


class UnitMembershipInline(admin.StackedInline):
    """Attaches a user to the unit they work for (an Operator OPD's unit)."""

    model = UnitMembership
    fields = ["unit"]
    autocomplete_fields = ["unit"]
    can_delete = True
    max_num = 1
    verbose_name_plural = _("unit")
