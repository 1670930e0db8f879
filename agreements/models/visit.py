from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.choices import ParticipantInstitution
from core.documents import Document


class ForeignVisit(models.Model):
    """An official trip abroad facilitated by the office (Fasilitasi Kunjungan Luar Negeri)."""

    purpose = models.TextField(_("purpose"))
    country = models.CharField(_("country"), max_length=100)
    city = models.CharField(_("city"), max_length=100, blank=True)
    departure = models.DateField(_("departure date"))
    return_date = models.DateField(_("return date"))
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("related agreement"),
    )
    permit_number = models.CharField(
        _("travel permit number"),
        max_length=150,
        blank=True,
        help_text=_("Izin perjalanan dinas luar negeri."),
    )
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foreign visit")
        verbose_name_plural = _("foreign visits")
        ordering = ["-departure"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_date__gte=models.F("departure")),
                name="visit_return_not_before_departure",
                violation_error_message=_("The return date cannot be before the departure."),
            )
        ]

    def __str__(self):
        place = ", ".join(part for part in (self.city, self.country) if part)
        return f"{place} ({self.departure:%Y})" if self.departure else place

    def clean(self):
        super().clean()
        if self.departure and self.return_date and self.return_date < self.departure:
            raise ValidationError(
                {"return_date": _("The return date cannot be before the departure.")}
            )


class VisitParticipant(models.Model):
    """A member of a delegation abroad."""

    visit = models.ForeignKey(
        ForeignVisit,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("visit"),
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    institution = models.CharField(
        _("institution"),
        max_length=10,
        choices=ParticipantInstitution.choices,
        default=ParticipantInstitution.REGENCY,
    )
    institution_name = models.CharField(
        _("institution name"),
        max_length=150,
        blank=True,
        help_text=_("For other institutions."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class VisitDocument(Document):
    """A file of a visit: the permit, the report, photos."""

    upload_folder = "visits"
    download_url_name = "visit-document"

    visit = models.ForeignKey(
        ForeignVisit, on_delete=models.CASCADE, related_name="documents", verbose_name=_("visit")
    )

    class Meta(Document.Meta):
        verbose_name = _("visit document")
        verbose_name_plural = _("visit documents")

    def download_stem(self):
        return f"kunjungan-{self.visit_id}-{self.pk}"
