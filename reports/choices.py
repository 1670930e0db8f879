from django.db import models
from django.utils.translation import gettext_lazy as _


class Semester(models.IntegerChoices):
    FIRST = 1, _("Semester 1 (January–June)")
    SECOND = 2, _("Semester 2 (July–December)")


class ReportStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    SUBMITTED = "SUBMITTED", _("Submitted")
    VERIFIED = "VERIFIED", _("Verified")
    RETURNED = "RETURNED", _("Returned")


# A report counts as "reported" for compliance once the unit has handed it in.
REPORTED_STATUSES = {ReportStatus.SUBMITTED, ReportStatus.VERIFIED}

REPORT_STATUS_COLOURS = {
    ReportStatus.DRAFT: "#6c757d",
    ReportStatus.SUBMITTED: "#0d6efd",
    ReportStatus.VERIFIED: "#198754",
    ReportStatus.RETURNED: "#dc3545",
}


class Recommendation(models.TextChoices):
    CONTINUE = "CONTINUE", _("Continue")
    EXPAND = "EXPAND", _("Expand")
    REVISE = "REVISE", _("Revise")
    STOP = "STOP", _("Stop")


class Rating(models.IntegerChoices):
    VERY_POOR = 1, _("1 — very poor")
    POOR = 2, _("2 — poor")
    FAIR = 3, _("3 — fair")
    GOOD = 4, _("4 — good")
    VERY_GOOD = 5, _("5 — very good")


class ObligationState(models.TextChoices):
    """Where one reporting obligation stands (docs/monitoring.md defines each)."""

    NOT_YET_DUE = "NOT_YET_DUE", _("Not yet due")
    PENDING = "PENDING", _("Pending")
    ON_TIME = "ON_TIME", _("On time")
    LATE = "LATE", _("Reported late")
    OVERDUE = "OVERDUE", _("Overdue")


# Nothing submitted yet: what the operators' to-do list and "Belum lapor" show.
OPEN_STATES = {ObligationState.PENDING, ObligationState.OVERDUE}

OBLIGATION_STATE_COLOURS = {
    ObligationState.NOT_YET_DUE: "#6c757d",
    ObligationState.PENDING: "#fd7e14",
    ObligationState.ON_TIME: "#198754",
    ObligationState.LATE: "#0d6efd",
    ObligationState.OVERDUE: "#dc3545",
}
