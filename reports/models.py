"""What the units did under each agreement (reports) and the yearly evaluation (monev)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.visibility import UnitScopedQuerySet
from core.documents import Document
from core.locking import VersionedHistoricalRecords, VersionedModel

from . import workflow
from .choices import REPORTED_STATUSES, Rating, Recommendation, ReportStatus, Semester

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class ReportQuerySet(UnitScopedQuerySet):
    def of_unit(self, unit_id):
        """An Operator OPD sees their own unit's reports only."""
        return self.filter(unit_id=unit_id)

    def editable_by(self, user):
        """The visible reports that ``user`` may still change (reports.workflow)."""
        visible = self.visible_to(user)
        if workflow.side_of(user) == workflow.OFFICE:
            return visible
        return visible.filter(status__in=workflow.UNIT_EDITABLE)


class Report(VersionedModel):
    """A unit's periodic report on what it did under one agreement (Laporan Pelaksanaan)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("agreement"),
    )
    unit = models.ForeignKey(
        "agreements.Unit",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("regional unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    semester = models.PositiveSmallIntegerField(_("semester"), choices=Semester.choices)
    activities = models.TextField(_("activities"))
    outputs = models.TextField(_("outputs"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    budget = models.DecimalField(
        _("budget (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    spending = models.DecimalField(
        _("realised spending (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    verifier_note = models.TextField(
        _("verifier's note"), blank=True, help_text=_("Why the report was returned.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = VersionedHistoricalRecords(excluded_fields=["updated_at"])
    objects = ReportQuerySet.as_manager()
    # Rupiah amounts: typed and shown with thousand dots (core/money.py).
    money_fields = ("budget", "spending")

    class Meta:
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        ordering = ["-year", "-semester", "agreement__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "unit", "year", "semester"],
                name="report_once_per_unit_and_semester",
                violation_error_message=_(
                    "This unit already has a report on this agreement for this semester."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["year", "semester", "status"]),
            # An agreement's last reported semester (the export's "Laporan Terakhir"):
            # read backwards from the index, without sorting its reports; with the unit,
            # the overdue count reads the handed-in reports from the index alone
            # (docs/performance.md).
            models.Index(
                fields=["agreement", "year", "semester", "status", "unit"],
                name="report_by_agreement_semester",
            ),
        ]
        permissions = [
            ("import_report", _("Can import reports")),
            ("export_report", _("Can export reports")),
            ("verify_report", _("Can verify or return reports")),
        ]

    def __str__(self):
        return f"{self.agreement.code} · {self.unit.code} · {self.year}/{self.semester}"

    def get_absolute_url(self):
        return reverse("admin:reports_report_change", args=[self.pk])

    def stamp_status(self, user):
        """Record when the report was handed in and who verified it, the first time its
        status says so (forms, the verify action and imports all call this)."""
        now = timezone.now()
        if self.status in REPORTED_STATUSES and not self.submitted_at:
            self.submitted_at = now
        if self.status == ReportStatus.VERIFIED and not self.verified_at:
            self.verified_at = now
            self.verified_by = user if getattr(user, "is_authenticated", False) else None

    def clean(self):
        super().clean()
        if self.status == ReportStatus.RETURNED and not self.verifier_note.strip():
            raise ValidationError(
                {"verifier_note": _("Say why the report is returned, so the unit can fix it.")}
            )


class ReportAttachment(Document):
    """Evidence attached to a report: minutes, photos, letters."""

    upload_folder = "reports"
    download_url_name = "report-attachment"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )

    class Meta(Document.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def download_stem(self):
        return f"laporan-{self.report_id}-{self.pk}"


RATING_FIELDS = [
    "conformity",
    "timeliness",
    "partner_contribution",
    "coordination",
    "indicator_achievement",
    "benefit",
]


def rating_field(label):
    return models.PositiveSmallIntegerField(label, choices=Rating.choices)


class Evaluation(models.Model):
    """The yearly monitoring and evaluation (Monev) of one agreement."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("agreement"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    conformity = rating_field(_("conformity with objectives"))
    timeliness = rating_field(_("timeliness"))
    partner_contribution = rating_field(_("partner contribution"))
    coordination = rating_field(_("coordination"))
    indicator_achievement = rating_field(_("indicator achievement"))
    benefit = rating_field(_("benefit"))
    # The mean of the six ratings, kept with the row so lists can sort and filter on it.
    overall_score = models.DecimalField(
        _("overall score"), max_digits=3, decimal_places=2, editable=False
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices
    )
    notes = models.TextField(_("notes"), blank=True)
    evaluator = models.CharField(
        _("evaluator"), max_length=255, help_text=_("The team or official who evaluated.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation (monev)")
        verbose_name_plural = _("evaluations (monev)")
        ordering = ["-year", "agreement__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="evaluation_once_per_year",
                violation_error_message=_("This agreement has already been evaluated this year."),
            )
        ]

    def __str__(self):
        return f"{self.agreement.code} · {self.year}"

    def save(self, *args, **kwargs):
        self.overall_score = self.compute_overall_score()
        super().save(*args, **kwargs)

    def compute_overall_score(self):
        ratings = [getattr(self, name) for name in RATING_FIELDS]
        if any(rating is None for rating in ratings):
            return None
        mean = Decimal(sum(ratings)) / len(ratings)
        return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class SentReminder(models.Model):
    """One reminder delivered to one recipient.

    ``key`` names the reminder and its milestone, e.g. ``ending:12:2024-10-28:30`` (the
    agreement, its end date, the 30-day milestone) or ``report-overdue:12:3:2024-1``;
    ``recipient`` is ``office`` or ``unit:<id>``. A reminder whose (key, recipient) is
    in the ledger is never sent again; a changed end date makes new keys.
    """

    key = models.CharField(_("reminder"), max_length=100)
    recipient = models.CharField(_("recipient"), max_length=30)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agreement"),
    )
    addresses = models.TextField(_("e-mail addresses"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient}"


class ReportTally(models.Model):
    """How many reports one responsible unit has handed in (submitted or verified) for
    one agreement, for semesters within the agreement's dates: a row per
    ``AgreementUnit``, its number kept by database triggers on every write to reports,
    responsible units and agreements' dates, in the same transaction
    (``reports.obligations.tally``). Django never writes it: read it in queries only.

    The dashboard counts overdue obligations and "Terlambat" agreements from these
    numbers instead of looking up every semester of every link (docs/performance.md).
    """

    link = models.OneToOneField(
        "agreements.AgreementUnit",
        on_delete=models.DO_NOTHING,  # the triggers delete the row with its link
        primary_key=True,
        db_constraint=False,
        related_name="report_tally",
        verbose_name=_("responsible unit"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="report_tallies",
        verbose_name=_("agreement"),
    )
    unit = models.ForeignKey(
        "agreements.Unit",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("regional unit"),
    )
    handed_in = models.PositiveIntegerField(_("reports handed in"), default=0)

    # Counted from other rows: no backup holds them, a restore counts them again
    # (core.backup).
    derived_rows = True

    class Meta:
        verbose_name = _("report tally")
        verbose_name_plural = _("report tallies")
        # The sums read the number from the index alone.
        indexes = [
            models.Index(fields=["agreement", "unit", "handed_in"], name="report_tally_of_link")
        ]

    def __str__(self):
        return f"{self.link_id}: {self.handed_in}"
