"""The Operator OPD's to-do list, first thing on the admin's index: the open obligations
of their unit (reports to write, drafts to finish, returned reports to fix) with the
deadline and the days left or overdue, each a click away from its report form.
"""

from agreements.models import Agreement
from agreements.visibility import EVERYTHING, unit_scope
from core import clock

from . import obligations as ob
from .choices import OPEN_STATES, ObligationState, ReportStatus
from .models import Report
from .obligations.links import new_report_url, report_url


def operator_todo(user, today=None):
    """The to-do items of the user's unit, most urgent first; None for a user who does
    not act for one unit (the office and the leaders have the dashboard)."""
    scope = unit_scope(user)
    if scope is None or scope == EVERYTHING:
        return None
    today = today or clock.today()
    rows = list(
        ob.obligations(today, units=[scope], states=OPEN_STATES).order_by(
            "deadline", "agreement_id"
        )
    )
    listed = {(row["agreement_id"], row["year"], row["semester"]) for row in rows}
    # Returned reports of semesters not (yet) due must be fixed too.
    returned = [
        report
        for report in Report.objects.filter(unit=scope, status=ReportStatus.RETURNED)
        if (report.agreement_id, report.year, report.semester) not in listed
    ]
    notes = dict(
        Report.objects.filter(
            pk__in=[row["report_id"] for row in rows if row["report_id"]]
        ).values_list("pk", "verifier_note")
    )
    agreement_ids = {row["agreement_id"] for row in rows} | {r.agreement_id for r in returned}
    agreements = Agreement.objects.in_bulk(agreement_ids)
    items = [
        _item(
            agreements[row["agreement_id"]],
            ob.Period(row["year"], row["semester"]),
            ObligationState(row["state"]),
            row["report_id"],
            row["report_status"],
            notes.get(row["report_id"], ""),
            scope,
            today,
        )
        for row in rows
    ]
    items += [
        _item(
            agreements[report.agreement_id],
            ob.Period(report.year, report.semester),
            ObligationState.NOT_YET_DUE,
            report.pk,
            report.status,
            report.verifier_note,
            scope,
            today,
        )
        for report in returned
    ]
    return items


def _item(agreement, period, state, report_id, report_status, note, unit_id, today):
    days_left = (period.deadline - today).days
    if report_id:
        url = report_url(report_id)
    else:
        url = new_report_url(agreement.pk, unit_id, period.year, period.semester)
    return {
        "agreement": agreement,
        "period": period,
        "deadline": period.deadline,
        "state": state,
        "overdue": state == ObligationState.OVERDUE,
        "days_left": max(days_left, 0),
        "days_overdue": max(-days_left, 0),
        "report_status": ReportStatus(report_status) if report_status else None,
        "note": note,
        "url": url,
    }
