"""The catalogue's filters (django-filter): each one narrows the public agreements, and
they combine (year and partner group and text …)."""

import django_filters
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.choices import AgreementKind, PartnerGroup, Scheme, Status
from agreements.models import Agreement, Sector, Unit

ALL = pgettext_lazy("catalogue filter", "All")


class CatalogueFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=capfirst(_("signing year")),
        field_name="signed_on",
        lookup_expr="year",
        empty_label=ALL,
    )
    kind = django_filters.ChoiceFilter(
        label=capfirst(_("document kind")), choices=AgreementKind.choices, empty_label=ALL
    )
    scheme = django_filters.ChoiceFilter(
        label=capfirst(_("scheme")), choices=Scheme.choices, empty_label=ALL
    )
    partner_group = django_filters.ChoiceFilter(
        label=capfirst(_("partner group")),
        choices=PartnerGroup.choices,
        method="filter_partner_group",
        empty_label=ALL,
    )
    sector = django_filters.ModelChoiceFilter(
        label=capfirst(_("government affair")),
        field_name="sectors",
        queryset=Sector.objects.none(),
        empty_label=ALL,
    )
    unit = django_filters.ModelChoiceFilter(
        label=capfirst(_("regional unit")),
        field_name="units",
        queryset=Unit.objects.none(),
        empty_label=ALL,
    )
    status = django_filters.ChoiceFilter(
        label=capfirst(_("status")), choices=Status.choices, field_name="status", empty_label=ALL
    )
    q = django_filters.CharFilter(label=pgettext_lazy("catalogue", "Search"), method="filter_text")

    class Meta:
        model = Agreement
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        public = Agreement.objects.filter(is_public=True)
        # Only the years, affairs and units that some public agreement has.
        years = public.filter(signed_on__isnull=False).dates("signed_on", "year", order="DESC")
        self.filters["year"].extra["choices"] = [(str(day.year), str(day.year)) for day in years]
        self.filters["sector"].queryset = Sector.objects.filter(agreements__in=public).distinct()
        self.filters["unit"].queryset = Unit.objects.filter(agreements__in=public).distinct()

    def filter_partner_group(self, queryset, name, value):
        return queryset.filter(partner_group=value)

    def filter_text(self, queryset, name, value):
        """Every word must appear in the code, number, title, scope or a partner's name."""
        for word in value.split():
            matching = Agreement.objects.filter(
                Q(code__icontains=word)
                | Q(number__icontains=word)
                | Q(title__icontains=word)
                | Q(scope__icontains=word)
                | Q(partners__name__icontains=word)
            ).values("pk")
            queryset = queryset.filter(pk__in=matching)
        return queryset
