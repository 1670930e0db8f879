"""List filters over derived facts: status, partner group, signing year.

They filter through the queryset methods of agreements/querysets.py, so the admin
counts exactly what the recap and the dashboard count.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agreements.choices import PartnerGroup, Status, categories_of_group
from agreements.models import Agreement


class StatusFilter(admin.SimpleListFilter):
    """By the derived status; the admin's queryset carries the ``status`` annotation."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class AgreementPartnerGroupFilter(admin.SimpleListFilter):
    """By the one recap group an agreement is counted in (``with_partner_group``)."""

    title = _("partner group")
    parameter_name = "partner_group"

    def lookups(self, request, model_admin):
        return PartnerGroup.choices

    def queryset(self, request, queryset):
        if self.value() in PartnerGroup.values:
            return queryset.in_partner_group(self.value())
        return queryset


class PartnerGroupFilter(admin.SimpleListFilter):
    """Partners by the recap group of their category."""

    title = _("partner group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        return PartnerGroup.choices

    def queryset(self, request, queryset):
        if self.value() in PartnerGroup.values:
            return queryset.filter(category__in=categories_of_group(self.value()))
        return queryset


class SigningYearFilter(admin.SimpleListFilter):
    """The years in which the visible agreements were signed, newest first."""

    title = _("signing year")
    parameter_name = "signed_year"

    def lookups(self, request, model_admin):
        years = (
            Agreement.objects.visible_to(request.user)
            .filter(signed_on__isnull=False)
            .dates("signed_on", "year", order="DESC")
        )
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(signed_on__year=int(value))
        return queryset
