"""Derived facts about agreements, computed once, in the database.

The admin's filters and ordering, spreadsheets, the recap and reminders all call these
annotations; nothing recomputes a status in Python or in a template.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, CharField, IntegerField, OuterRef, Subquery, Value, When

from agreements.choices import (
    CATEGORY_GROUP,
    GROUP_PRECEDENCE,
    IN_FORCE_STATUSES,
    PartnerGroup,
    Stage,
    Status,
)
from agreements.visibility import UnitScopedQuerySet
from core import clock


def status_expression(today=None):
    """The SQL expression of the status (docs/definitions.md) for the given day (default: today)."""
    today = today or clock.today()
    expiring_until = today + timedelta(days=settings.EXPIRING_WITHIN_DAYS)
    return Case(
        When(stage=Stage.EXPLORATION, then=Value(Status.EXPLORATION)),
        When(stage=Stage.DRAFTING, then=Value(Status.DRAFTING)),
        When(stage=Stage.TERMINATED, then=Value(Status.TERMINATED)),
        When(stage=Stage.CANCELLED, then=Value(Status.CANCELLED)),
        # Signed from here on.
        When(start_date__gt=today, then=Value(Status.NOT_STARTED)),
        When(end_date__lt=today, then=Value(Status.EXPIRED)),
        When(end_date__lte=expiring_until, then=Value(Status.EXPIRING)),
        default=Value(Status.ACTIVE),
        output_field=CharField(max_length=20, choices=Status.choices),
    )


def partner_group_rank_expression():
    """A partner's group as its position in GROUP_PRECEDENCE (lower wins)."""
    rank = {group: index for index, group in enumerate(GROUP_PRECEDENCE)}
    return Case(
        *[
            When(category=category, then=Value(rank[group]))
            for category, group in CATEGORY_GROUP.items()
        ],
        default=Value(len(GROUP_PRECEDENCE)),
        output_field=IntegerField(),
    )


class AgreementQuerySet(UnitScopedQuerySet):
    def with_status(self, today=None):
        """Annotate ``status`` (a ``Status`` value) for the given day."""
        return self.annotate(status=status_expression(today))

    def with_status_in(self, statuses, today=None):
        return self.with_status(today).filter(status__in=list(statuses))

    def in_force(self, today=None):
        return self.with_status_in(IN_FORCE_STATUSES, today)

    def with_partner_group(self):
        """Annotate ``partner_group``: the one recap group an agreement is counted in."""
        # The related model through the field, so this module needs no models import.
        Partner = self.model._meta.get_field("partners").related_model
        best = (
            Partner.objects.filter(agreements=OuterRef("pk"))
            .annotate(rank=partner_group_rank_expression())
            .order_by("rank")
            .values("category")[:1]
        )
        return self.annotate(_best_category=Subquery(best)).annotate(
            partner_group=Case(
                *[
                    When(_best_category=category, then=Value(group))
                    for category, group in CATEGORY_GROUP.items()
                ],
                default=Value(PartnerGroup.OTHER),
                output_field=CharField(max_length=20, choices=PartnerGroup.choices),
            )
        )

    def in_partner_group(self, group):
        return self.with_partner_group().filter(partner_group=group)

    def of_unit(self, unit_id):
        """The agreements a unit is responsible for (what its Operator OPD sees)."""
        AgreementUnit = self.model._meta.get_field("agreement_units").related_model
        # A subquery rather than a join, so annotations and counts stay one row each.
        return self.filter(pk__in=AgreementUnit.objects.filter(unit=unit_id).values("agreement"))
