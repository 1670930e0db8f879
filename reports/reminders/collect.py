"""What there is to remind about today, and to whom (README, "Reminders").

- An agreement ending in 90, 60, 30, 7 or 0 days: to its lead unit and the office.
  Only the milestone reached last is reminded, with the days left now, so that after
  a downtime that skipped several milestones one reminder goes out, not several; an
  "ends today" reminder missed is still sent up to ``REMINDER_CATCH_UP_DAYS`` later.
- A report pending (semester ended, deadline ahead) and a report overdue: to the unit
  that owes it and the office, once each; an obligation that became overdue while the
  system was down gets the overdue reminder only. Semesters overdue for longer than
  ``REMINDER_CATCH_UP_DAYS`` are not reminded (the to-do list and the register show them).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from agreements.choices import Stage
from agreements.models import Agreement, AgreementUnit, Unit
from reports import obligations as ob
from reports.choices import ObligationState
from reports.obligations.links import new_report_url, report_url

MILESTONES = (90, 60, 30, 7, 0)
OFFICE = "office"

ENDING = "ending"
REPORT_DUE = "report-due"
REPORT_OVERDUE = "report-overdue"


@dataclass
class Recipient:
    key: str  # "office" or "unit:<id>"
    unit: Unit | None = None

    @property
    def addresses(self):
        if self.unit is None:
            return [address for address in settings.REMINDER_OFFICE_EMAILS if address]
        return [self.unit.email] if self.unit.email else []


@dataclass
class Item:
    kind: str
    key: str
    agreement: Agreement
    url: str
    days: int  # days left; negative: days since the end or past the deadline
    unit: Unit | None = None
    period: ob.Period | None = None
    recipients: list = field(default_factory=list)

    @property
    def date(self):
        return self.agreement.end_date if self.kind == ENDING else self.period.deadline

    @property
    def days_ago(self):
        return -self.days


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def milestone(days_left):
    """The milestone reached last: 45 days left → the 60-day one; ended → 0."""
    return min((m for m in MILESTONES if days_left <= m), default=None)


def collect(today):
    """Every reminder due on ``today``, each with its recipients (before the ledger)."""
    office = Recipient(OFFICE)
    return [*_endings(today, office), *_reports(today, office)]


def _endings(today, office):
    agreements = Agreement.objects.filter(
        stage=Stage.SIGNED,
        end_date__gte=today - timedelta(days=settings.REMINDER_CATCH_UP_DAYS),
        end_date__lte=today + timedelta(days=MILESTONES[0]),
    ).prefetch_related(
        Prefetch("agreement_units", queryset=AgreementUnit.objects.select_related("unit"))
    )
    items = []
    for agreement in agreements.order_by("end_date", "code"):
        days = (agreement.end_date - today).days
        lead = agreement.lead_unit
        item = Item(
            kind=ENDING,
            key=f"{ENDING}:{agreement.pk}:{agreement.end_date.isoformat()}:{milestone(days)}",
            agreement=agreement,
            url=absolute(reverse("admin:agreements_agreement_change", args=[agreement.pk])),
            days=days,
            unit=lead,
        )
        item.recipients = [office] + ([Recipient(f"unit:{lead.pk}", lead)] if lead else [])
        items.append(item)
    return items


def _reports(today, office):
    # Semesters overdue for longer than the catch-up window are left to the to-do list
    # and the "Terlambat" filter: a first run on an old register sends no wall of them.
    oldest = today - timedelta(days=settings.REMINDER_CATCH_UP_DAYS + 1)
    periods = [period for period in ob.due_periods(today) if period.deadline >= oldest]
    rows = list(
        ob.obligations(
            today, periods=periods, states=[ObligationState.PENDING, ObligationState.OVERDUE]
        ).order_by("deadline", "agreement_id", "unit_id")
    )
    agreements = Agreement.objects.in_bulk({row["agreement_id"] for row in rows})
    units = Unit.objects.in_bulk({row["unit_id"] for row in rows})
    items = []
    for row in rows:
        period = ob.Period(row["year"], row["semester"])
        kind = REPORT_OVERDUE if row["state"] == ObligationState.OVERDUE else REPORT_DUE
        unit = units[row["unit_id"]]
        if row["report_id"]:
            path = report_url(row["report_id"])
        else:
            path = new_report_url(row["agreement_id"], unit.pk, period.year, period.semester)
        items.append(
            Item(
                kind=kind,
                key=f"{kind}:{row['agreement_id']}:{unit.pk}:{period.year}-{period.semester}",
                agreement=agreements[row["agreement_id"]],
                url=absolute(path),
                days=(period.deadline - today).days,
                unit=unit,
                period=period,
                recipients=[office, Recipient(f"unit:{unit.pk}", unit)],
            )
        )
    return items
