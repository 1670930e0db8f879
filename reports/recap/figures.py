"""Every figure of the recap, computed once per request or command.

Each figure is a count together with the admin list filter that shows exactly the
agreements it counts (``Figure.filters``), so a click on any number of the dashboard
opens the list of those agreements, and the tests can check that both agree.

Every figure is one aggregate query whatever the size of the register; the lists
(expiring soon, dormant, visits) are one query each plus one per chunk of rows for
their names (or their prefetches, visits).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agreements.choices import IN_FORCE_STATUSES, PartnerGroup, Scheme, Status
from agreements.models import (
    Agreement,
    AgreementUnit,
    ForeignVisit,
    Objective,
    Sector,
    Unit,
)
from agreements.querysets import group_of_rank
from core import clock
from core.date_functions import DateYear
from core.querysets import count_rows, narrowed
from core.spreadsheets.exporting import CHUNK_SIZE, KeyList, chunked, links_by_pk
from reports import obligations
from reports.choices import REPORTED_STATUSES

AGREEMENT_LIST = "admin:agreements_agreement_changelist"
REPORT_LIST = "admin:reports_report_changelist"
VISIT_LIST = "admin:agreements_foreignvisit_changelist"


@dataclass(frozen=True)
class Figure:
    """A number, its label, and the admin list that shows exactly what it counts."""

    label: str
    count: int
    filters: dict = field(default_factory=dict)
    changelist: str = AGREEMENT_LIST

    @property
    def url(self):
        query = urlencode(self.filters)
        return f"{reverse(self.changelist)}?{query}" if query else reverse(self.changelist)


class AgreementLine(NamedTuple):
    """One agreement of a list sheet (expiring soon, dormant)."""

    code: str
    number: str
    title: str
    start_date: date | None
    end_date: date | None
    partner_names: str  # "; " between them, by name
    lead_unit_name: str  # "" without a lead unit


@dataclass(frozen=True)
class YearRow:
    year: int
    cells: list  # one Figure per partner group, in PartnerGroup order
    total: Figure


class UnitCompliance:
    """One unit's reports for one semester: due, on time, late, overdue, pending.

    Its ``rate`` is the share of due reports handed in (on time or late); the link
    opens the unit's handed-in reports of that semester.
    """

    def __init__(self, unit, period):
        self.unit = unit
        self.period = period
        self.due = unit.due
        self.on_time = unit.on_time
        self.late = unit.late
        self.overdue = unit.overdue
        self.pending = unit.pending

    @property
    def reported(self):
        return self.on_time + self.late

    @property
    def rate(self):
        return self.reported / self.due if self.due else None

    @property
    def percent(self):
        return round(100 * self.rate) if self.rate is not None else None

    @property
    def reports(self):
        """The unit's handed-in reports of the semester, in the admin."""
        return Figure(
            self.unit.name,
            self.reported,
            {
                "unit__id__exact": self.unit.pk,
                "year__exact": self.period.year,
                "semester__exact": self.period.semester,
                "status__in": ",".join(sorted(REPORTED_STATUSES)),
            },
            REPORT_LIST,
        )


def _counts(queryset, key):
    """``{value: count}`` of ``queryset`` grouped by ``key``, a column or annotation of
    its own rows (one query). The agreements counted are never joined to a list (the
    visibility and the year range are conditions on the row), so each is one row and
    needs no DISTINCT, which made SQLite sort every group's keys."""
    return dict(queryset.order_by().values_list(key).annotate(n=Count("pk")))


class Recap:
    """The figures of the register seen by one user (everything without a user).

    ``from_year``/``to_year`` limit the register to the agreements signed in those
    years (the by-year table and the breakdowns); without them the breakdowns cover the
    whole register, agreements in preparation included. Figures about today (in force,
    expiring, dormant, compliance) always describe today.
    """

    def __init__(self, user=None, from_year=None, to_year=None, today=None):
        self.user = user
        self.from_year = from_year
        self.to_year = to_year
        self.today = today or clock.today()
        self.groups = list(PartnerGroup)

    # --- The agreements counted ---------------------------------------------------

    @cached_property
    def register(self):
        """Every agreement the user may see."""
        agreements = Agreement.objects.all()
        return agreements.visible_to(self.user) if self.user is not None else agreements

    @property
    def has_range(self):
        return self.from_year is not None or self.to_year is not None

    @cached_property
    def range_filters(self):
        """The admin list lookups of "signed within the range" (none without a range)."""
        if not self.has_range:
            return {}
        filters = {"signed_on__isnull": "False"}
        if self.from_year is not None:
            filters["signed_on__year__gte"] = self.from_year
        if self.to_year is not None:
            filters["signed_on__year__lte"] = self.to_year
        return filters

    @cached_property
    def signed(self):
        """The agreements counted by signing year (within the range, if any)."""
        signed = self.register.filter(signed_on__isnull=False)
        if self.from_year is not None:
            signed = signed.filter(signed_on__year__gte=self.from_year)
        if self.to_year is not None:
            signed = signed.filter(signed_on__year__lte=self.to_year)
        return signed

    @cached_property
    def counted(self):
        """The agreements of the breakdowns: the range's, or the whole register."""
        return self.signed if self.has_range else self.register

    # --- By signing year and partner group (the table of the README's demo) ---------

    @cached_property
    def _year_group_counts(self):
        # One row per signed agreement (its year, its partners' smallest group rank),
        # counted by year and rank in the database: one query, no subquery per
        # agreement and no Python function per row on SQLite (docs/performance.md).
        ranked = self.signed.partner_group_ranks(year=DateYear("signed_on"))
        counts = {}
        for (year, rank), count in count_rows(ranked, "year", "partner_group_rank").items():
            key = (int(year), group_of_rank(rank))
            counts[key] = counts.get(key, 0) + count
        return counts

    @cached_property
    def years(self):
        years = {year for year, _group in self._year_group_counts}
        if self.from_year is not None and self.to_year is not None:
            years |= set(range(self.from_year, self.to_year + 1))
        return sorted(years)

    @cached_property
    def by_year(self):
        counts = self._year_group_counts
        rows = []
        for year in self.years:
            cells = [
                Figure(
                    group.label,
                    counts.get((year, group.value), 0),
                    {"signed_year": year, "partner_group": group.value},
                )
                for group in self.groups
            ]
            total = Figure(str(year), sum(cell.count for cell in cells), {"signed_year": year})
            rows.append(YearRow(year, cells, total))
        return rows

    @cached_property
    def group_totals(self):
        """One Figure per partner group over every year of the table."""
        base = {**self.range_filters, "signed_on__isnull": "False"}
        return [
            Figure(
                group.label,
                sum(row.cells[index].count for row in self.by_year),
                {**base, "partner_group": group.value},
            )
            for index, group in enumerate(self.groups)
        ]

    @cached_property
    def signed_total(self):
        return Figure(
            "",
            sum(row.total.count for row in self.by_year),
            {**self.range_filters, "signed_on__isnull": "False"},
        )

    # --- Breakdowns --------------------------------------------------------------

    @cached_property
    def by_status(self):
        # Without a range the breakdown counts the whole register, as "today" does.
        if not self.has_range:
            counts = self._status_today
        else:
            counts = _counts(self.counted.with_status(self.today), "status")
        return [
            Figure(
                status.label,
                counts.get(status.value, 0),
                {**self.range_filters, "status": status.value},
            )
            for status in Status
        ]

    @cached_property
    def _scheme_counts(self):
        return _counts(self.counted, "scheme")

    @cached_property
    def by_scheme(self):
        counts = self._scheme_counts
        return [
            Figure(
                scheme.label,
                counts.get(scheme.value, 0),
                {**self.range_filters, "scheme__exact": scheme.value},
            )
            for scheme in Scheme
        ]

    def _by_lookup(self, model, relation):
        """Agreements per entry of a many-to-many lookup (sectors, objectives), every
        entry that has any, then the agreements with none."""
        # Counted on the link table, each (agreement, entry) once by its unique
        # constraint: no join, no DISTINCT, read from the entry's index.
        links = Agreement._meta.get_field(relation).remote_field.through.objects
        entry = f"{model._meta.model_name}_id"
        counts = dict(
            narrowed(links.all(), agreement__in=self.counted)
            .order_by()
            .values_list(entry)
            .annotate(n=Count("pk"))
        )
        figures = [
            Figure(
                entry.name,
                counts.get(entry.pk, 0),
                {**self.range_filters, f"{relation}__id__exact": entry.pk},
            )
            for entry in model.objects.order_by("name")
            if counts.get(entry.pk)
        ]
        # Those without any: every agreement counted (each has one scheme) less those
        # the link table names, counted from its index (asked on each agreement
        # instead, SQLite reads every row: 65 against 8 ms at 100,000 agreements).
        named = narrowed(links.all(), agreement__in=self.counted).aggregate(
            n=Count("agreement_id", distinct=True)
        )
        without = sum(self._scheme_counts.values()) - named["n"]
        return figures, Figure("", without, {**self.range_filters, f"{relation}__isnull": "True"})

    @cached_property
    def _sectors(self):
        return self._by_lookup(Sector, "sectors")

    @property
    def by_sector(self):
        return self._sectors[0]

    @property
    def without_sector(self):
        return self._sectors[1]

    @cached_property
    def _objectives(self):
        return self._by_lookup(Objective, "objectives")

    @property
    def by_objective(self):
        return self._objectives[0]

    @property
    def without_objective(self):
        return self._objectives[1]

    # --- Today -------------------------------------------------------------------

    @cached_property
    def _status_today(self):
        return _counts(self.register.with_status(self.today), "status")

    @cached_property
    def in_force(self):
        return Figure(
            _("In force, expiring soon included"),
            sum(self._status_today.get(status.value, 0) for status in IN_FORCE_STATUSES),
            {"status__in": ",".join(sorted(IN_FORCE_STATUSES))},
        )

    @cached_property
    def expiring(self):
        status = Status.EXPIRING
        return Figure(status.label, self._status_today.get(status.value, 0), {"status": status})

    @cached_property
    def exploration(self):
        status = Status.EXPLORATION
        return Figure(status.label, self._status_today.get(status.value, 0), {"status": status})

    def agreement_lines(self, queryset):
        """The agreements of ``queryset``, in its order, as the workbook lists them
        (``AgreementLine``). Read as plain values: a national register has thousands of
        dormant agreements, and model instances with their prefetches cost seconds. The
        partners' and lead units' names come in one query each per chunk of agreements."""
        lines = []
        values = queryset.values_list("pk", "code", "number", "title", "start_date", "end_date")
        for chunk in chunked(values.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
            pks = [pk for pk, *_values in chunk]
            partners = links_by_pk(Agreement.partners.through, "agreement", "partner__name", pks)
            leads = dict(
                AgreementUnit.objects.filter(agreement_id__in=KeyList(pks), is_lead=True)
                .order_by()
                .values_list("agreement_id", "unit__name")
            )
            for pk, *columns in chunk:
                names = "; ".join(link.name for link in partners.get(pk, ()))
                lines.append(AgreementLine(*columns, names, leads.get(pk, "")))
        return lines

    @cached_property
    def _expiring(self):
        soon = self.register.with_status_in([Status.EXPIRING], self.today)
        return soon.order_by("end_date", "code")

    @cached_property
    def expiring_agreements(self):
        return self.agreement_lines(self._expiring)

    @cached_property
    def expiring_codes(self):
        """The codes of ``expiring_agreements`` (what the JSON lists), read alone."""
        return list(self._expiring.values_list("code", flat=True))

    # --- Monitoring of reports (reports.obligations, docs/monitoring.md) ------------

    @cached_property
    def units(self):
        """The units whose compliance the user sees: all, or an operator's own."""
        return Unit.objects.visible_to(self.user) if self.user is not None else Unit.objects.all()

    @cached_property
    def _dormant(self):
        return obligations.dormant(self.register, self.today).order_by("start_date", "code")

    @cached_property
    def dormant_agreements(self):
        return self.agreement_lines(self._dormant)

    @cached_property
    def dormant_codes(self):
        """The codes of ``dormant_agreements`` (what the JSON lists), read alone."""
        return list(self._dormant.values_list("code", flat=True))

    @cached_property
    def dormant(self):
        # Counted, not listed: the dashboard shows the figure only (thousands of them
        # at a national register); the workbook lists them, the JSON their codes.
        return Figure(
            _("Dormant (on paper only)"), self._dormant.count(), {"monitoring": "dormant"}
        )

    @cached_property
    def _overdue_counts(self):
        return obligations.count_overdue(self.register, self.units, self.today)

    @cached_property
    def overdue(self):
        """The agreements with at least one overdue report ("Terlambat"), of any unit."""
        late = self._overdue_counts.agreements
        return Figure(_("With overdue reports"), late, {"monitoring": "overdue"})

    @cached_property
    def overdue_reports(self):
        """How many reports are overdue (one per unit and semester) on those agreements."""
        return self._overdue_counts.reports

    @cached_property
    def compliance_period(self):
        """The last semester whose deadline has passed."""
        return obligations.last_closed_period(self.today)

    @cached_property
    def compliance(self):
        """Each unit that owed reports in ``compliance_period``, with its counts."""
        period = self.compliance_period
        units = obligations.compliance_by_unit(
            self.units.order_by("name"), period.year, period.semester, self.today
        )
        return [UnitCompliance(unit, period) for unit in units if unit.due]

    # --- Facilitated visits abroad -------------------------------------------------

    @cached_property
    def can_see_visits(self):
        """Visits are the office's: a user without the permission sees none of them."""
        return self.user is None or self.user.has_perm("agreements.view_foreignvisit")

    @cached_property
    def visits(self):
        """The visits of the range (all without one), with their participants."""
        if not self.can_see_visits:
            return []
        visits = ForeignVisit.objects.prefetch_related("participants").order_by("departure")
        if self.from_year is not None:
            visits = visits.filter(departure__year__gte=self.from_year)
        if self.to_year is not None:
            visits = visits.filter(departure__year__lte=self.to_year)
        return list(visits)

    @cached_property
    def visits_by_year(self):
        years = {}
        for visit in self.visits:
            years.setdefault(visit.departure.year, []).append(visit)
        return [
            (
                Figure(str(year), len(visits), {"departure__year": year}, VISIT_LIST),
                sum(len(visit.participants.all()) for visit in visits),
            )
            for year, visits in sorted(years.items())
        ]

    @cached_property
    def visits_this_year(self):
        year = self.today.year
        count = ForeignVisit.objects.filter(departure__year=year).count()
        return Figure(str(year), count, {"departure__year": year}, VISIT_LIST)
