"""Derived facts about agreements, computed once, in the database.

The admin's filters and ordering, spreadsheets, the recap and reminders all call these
annotations; nothing recomputes a status in Python or in a template.
"""

import datetime
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Q,
    Value,
    When,
)

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
from core.date_functions import DateMonth, DateYear


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


def category_ranks():
    """``{category: rank}``: a partner's group as its position in GROUP_PRECEDENCE
    (lower wins); a category without a group ranks ``len(GROUP_PRECEDENCE)``."""
    rank = {group: index for index, group in enumerate(GROUP_PRECEDENCE)}
    return {category: rank[group] for category, group in CATEGORY_GROUP.items()}


def partner_group_rank_sql(column):
    """A partner's ``category_ranks`` rank as SQL over its category ``column``, for the
    triggers that keep ``AgreementGroup`` (agreements.partner_groups)."""
    ranks = category_ranks().items()
    whens = " ".join(f"WHEN '{category}' THEN {rank}" for category, rank in ranks)
    return f"(CASE {column} {whens} ELSE {len(GROUP_PRECEDENCE)} END)"


def group_of_rank(rank):
    """The ``PartnerGroup`` of a ``partner_group_rank`` (as ``with_partner_group``;
    None, or the rank of no category, for an agreement without partners)."""
    if rank is None or rank >= len(GROUP_PRECEDENCE):
        return PartnerGroup.OTHER
    return GROUP_PRECEDENCE[rank]


def _ranks_of(group):
    """Q on agreements: counted in ``group`` (by their kept ``AgreementGroup``)."""
    ranks = [index for index, member in enumerate(GROUP_PRECEDENCE) if member == group]
    condition = Q(kept_group__rank__in=ranks)
    if group == PartnerGroup.OTHER:
        condition |= Q(kept_group__rank__gte=len(GROUP_PRECEDENCE))
        condition |= Q(kept_group__isnull=True)
    return condition


class AgreementQuerySet(UnitScopedQuerySet):
    def dates(self, field_name, kind, order="ASC"):
        """The years (or months, or days) that have agreements, without a full scan.

        Django truncates every row's date for the admin's date hierarchy and the
        signing-year filter (on SQLite in Python: ≈ 0.1 s per scan of 100,000
        agreements). Here the first and last dates come from the date's index, then one
        query asks, for each year (month) between them, whether any agreement falls in
        it: an index seek each, three queries whatever the register's size
        (docs/performance.md). A filtered or searched list reads the distinct dates of
        its rows instead, in one pass: a year without a match would cost each of those
        ``EXISTS`` a scan of the whole year. Days (a month is chosen) are read as they
        are.
        """
        field = self.model._meta.get_field(field_name)
        if (
            kind not in ("year", "month", "day")
            or order not in ("ASC", "DESC")
            or isinstance(field, models.DateTimeField)
        ):
            return super().dates(field_name, kind, order)
        plain = self.order_by()
        if kind == "day":
            days = plain.values_list(field_name, flat=True).iterator(chunk_size=2000)
            periods = {day for day in days if day is not None}
            return sorted(periods, reverse=order == "DESC")
        if plain.query.has_filters():
            # The distinct years (and months) of the rows, read from the dates' text on
            # SQLite (core.date_functions): not DISTINCT dates, which SQLite answers
            # through the date's index, reading each of the 100,000 rows in the index's
            # order to test the filter (≈ 5 × slower than reading the table once), nor
            # every row's date handed to Python (≈ 0.1 s for 100,000 rows).
            parts = {"period_year": DateYear(field_name)}
            if kind == "month":
                parts["period_month"] = DateMonth(field_name)
            found = (
                plain.filter(**{f"{field_name}__isnull": False})
                .annotate(**parts)
                .values_list(*parts)
                .distinct()
            )
            periods = {datetime.date(row[0], row[1] if kind == "month" else 1, 1) for row in found}
            return sorted(periods, reverse=order == "DESC")
        # Two look-ups, not one MIN/MAX query: SQLite reads the index's ends only for
        # a query with a single MIN or MAX.
        dated = plain.filter(**{f"{field_name}__isnull": False}).values_list(field_name, flat=True)
        first = dated.order_by(field_name).first()
        if first is None:
            return []
        last = dated.order_by(f"-{field_name}").first()
        periods = _periods(first, last, kind)
        checks = {
            f"p{index}": Exists(
                plain.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
            )
            for index, (start, end) in enumerate(periods)
        }
        found = self.model._base_manager.order_by().annotate(**checks).values(*checks).first()
        dates = [start for index, (start, _end) in enumerate(periods) if found[f"p{index}"]]
        return dates[::-1] if order == "DESC" else dates

    def with_status(self, today=None):
        """Annotate ``status`` (a ``Status`` value) for the given day."""
        return self.annotate(status=status_expression(today))

    def with_status_in(self, statuses, today=None):
        return self.with_status(today).filter(status__in=list(statuses))

    def in_force(self, today=None):
        return self.with_status_in(IN_FORCE_STATUSES, today)

    def with_partner_group(self):
        """Annotate ``partner_group``: the one recap group an agreement is counted in,
        read from its ``AgreementGroup`` (kept by the database as its partners and
        their categories change; none without partners: "other")."""
        return self.annotate(
            partner_group=Case(
                *[
                    When(_ranks_of(group), then=Value(group))
                    for group in GROUP_PRECEDENCE
                    if group != PartnerGroup.OTHER
                ],
                default=Value(PartnerGroup.OTHER),
                output_field=CharField(max_length=20, choices=PartnerGroup.choices),
            )
        )

    def partner_group_ranks(self, **columns):
        """One row per agreement: its ``pk``, ``columns`` (expressions of its own
        fields) and ``partner_group_rank``, the position in GROUP_PRECEDENCE of the
        group ``with_partner_group`` gives (None without partners); ``group_of_rank``
        turns it into the group. For counting by group (``core.querysets.count_rows``):
        the rank is the kept ``AgreementGroup``'s, one join, no grouping of the
        agreements' partners (0.22 → 0.08 s for the recap's table at 100,000 agreements
        on SQLite, docs/performance.md)."""
        ranks = self.order_by().values("pk")
        return ranks.annotate(**columns, partner_group_rank=F("kept_group__rank"))

    def in_partner_group(self, group):
        return self.filter(_ranks_of(group))

    def of_unit(self, unit_id):
        """The agreements a unit is responsible for (what its Operator OPD sees)."""
        AgreementUnit = self.model._meta.get_field("agreement_units").related_model
        # A subquery rather than a join, so annotations and counts stay one row each.
        return self.filter(pk__in=AgreementUnit.objects.filter(unit=unit_id).values("agreement"))


def _periods(first, last, kind):
    """``(start, end)`` of each year or month from ``first``'s to ``last``'s."""
    periods = []
    if kind == "year":
        for year in range(first.year, last.year + 1):
            periods.append((datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)))
        return periods
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = (year + month // 12, month % 12 + 1)
        periods.append((datetime.date(year, month, 1), datetime.date(*following, 1)))
        year, month = following
    return periods
