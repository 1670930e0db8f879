"""The report workflow: who may leave a report in which status, declared once.

A unit (Operator OPD) writes its report in DRAFT or RETURNED and submits it; once
SUBMITTED it waits for the office, and VERIFIED is final for the unit (text, figures and
attachments). The office (the ``reports.verify_report`` permission) returns or verifies,
and may still correct any report. The change form, the verify action, the attachments'
pages and the spreadsheet import all ask the functions below (README "Report workflow").
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reports.choices import ReportStatus

OFFICE = "office"
UNIT = "unit"

VERIFY_PERMISSION = "reports.verify_report"

_ALL = frozenset(ReportStatus)

# side → status a report is in (None: a new report) → statuses that side may leave it
# in. A status missing from a side's table is one that side may not touch at all.
TRANSITIONS = {
    UNIT: {
        None: frozenset({ReportStatus.DRAFT, ReportStatus.SUBMITTED}),
        ReportStatus.DRAFT: frozenset({ReportStatus.DRAFT, ReportStatus.SUBMITTED}),
        ReportStatus.RETURNED: frozenset(
            {ReportStatus.RETURNED, ReportStatus.DRAFT, ReportStatus.SUBMITTED}
        ),
    },
    OFFICE: {None: _ALL, **dict.fromkeys(ReportStatus, _ALL)},
}

# The statuses in which a unit may still edit its report (and its attachments).
UNIT_EDITABLE = frozenset(status for status in TRANSITIONS[UNIT] if status is not None)


def side_of(user):
    return OFFICE if user.has_perm(VERIFY_PERMISSION) else UNIT


def may_edit(user, status):
    """Whether ``user`` may change a report (or its attachments) in ``status``."""
    return status in TRANSITIONS[side_of(user)]


def allowed_statuses(user, current):
    """The statuses ``user`` may leave a report in that is now ``current``."""
    return TRANSITIONS[side_of(user)].get(current, frozenset())


def check_transition(user, current, new):
    """Raise a ValidationError on ``status`` unless ``user`` may take a report from
    ``current`` (None for a new one) to ``new``."""
    if current is not None and not may_edit(user, current):
        raise ValidationError(
            {
                "status": _(
                    "This report is “%(status)s”: only the cooperation office can change it now."
                )
                % {"status": ReportStatus(current).label}
            },
            code="closed",
        )
    if new not in allowed_statuses(user, current):
        raise ValidationError(
            {
                "status": _(
                    "You cannot set a report to “%(status)s”: only the cooperation office "
                    "verifies or returns reports."
                )
                % {"status": ReportStatus(new).label}
            },
            code="not_allowed",
        )
