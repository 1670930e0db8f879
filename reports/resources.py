"""Spreadsheet columns of implementation reports (README, "Spreadsheets").

A report is identified by (Kode Kerja Sama, Perangkat Daerah, Tahun, Semester). An
Operator OPD imports only their own unit's reports, on agreements they can see, and
the report workflow (reports.workflow) decides, row by row, which reports a unit may
still change and which statuses it may set.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from import_export.fields import Field

from agreements.models import Agreement, Unit
from agreements.resources import AgreementResource
from core.naming import normalize_name
from core.spreadsheets.resources import SpreadsheetResource
from core.spreadsheets.widgets import (
    ChoiceWidget,
    MoneyWidget,
    NamedForeignKeyWidget,
    ReferenceWidget,
    TextWidget,
    WholeNumberWidget,
)
from reports import workflow
from reports.choices import REPORTED_STATUSES, ReportStatus, Semester
from reports.models import Report

IDENTITY_HEADERS = ("Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester")


def text(attribute, column):
    return Field(attribute=attribute, column_name=column, widget=TextWidget())


class ReportResource(SpreadsheetResource):
    agreement = Field(
        attribute="agreement", column_name="Kode Kerja Sama", widget=ReferenceWidget(Agreement)
    )
    unit = Field(
        attribute="unit",
        column_name="Perangkat Daerah",
        widget=NamedForeignKeyWidget(Unit, keys=("code", "name"), render_field="code"),
    )
    year = Field(attribute="year", column_name="Tahun", widget=WholeNumberWidget())
    semester = Field(
        attribute="semester",
        column_name="Semester",
        widget=ChoiceWidget(Semester, render_code=True),
    )
    activities = text("activities", "Kegiatan")
    outputs = text("outputs", "Hasil")
    benefits = text("benefits", "Manfaat")
    budget = Field(attribute="budget", column_name="Anggaran (Rp)", widget=MoneyWidget())
    spending = Field(attribute="spending", column_name="Realisasi (Rp)", widget=MoneyWidget())
    obstacles = text("obstacles", "Kendala")
    follow_up = text("follow_up", "Tindak Lanjut")
    status = Field(
        attribute="status",
        column_name="Status",
        widget=ChoiceWidget(ReportStatus),
        default=ReportStatus.DRAFT,
    )

    required_headers = (*IDENTITY_HEADERS, "Kegiatan")
    identity_header = "Kode Kerja Sama"

    template_example = {
        "Kode Kerja Sama": "KS-2019-0007",
        "Perangkat Daerah": "BAPPEDA",
        "Tahun": 2020,
        "Semester": Semester.FIRST,
        "Kegiatan": "Rapat koordinasi dan penempatan 120 mahasiswa KKN",
        "Hasil": "Profil potensi 12 desa",
        "Manfaat": "Data perencanaan desa",
        "Anggaran (Rp)": Decimal("25000000"),
        "Realisasi (Rp)": Decimal("21500000"),
        "Kendala": "",
        "Tindak Lanjut": "",
        "Status": ReportStatus.SUBMITTED,
    }
    listed_lookups = (Unit,)

    class Meta(SpreadsheetResource.Meta):
        model = Report
        fields = (
            "agreement",
            "unit",
            "year",
            "semester",
            "activities",
            "outputs",
            "benefits",
            "budget",
            "spending",
            "obstacles",
            "follow_up",
            "status",
        )

    def row_identity(self, row):
        key = tuple(normalize_name(row.get(header)) for header in IDENTITY_HEADERS)
        return (self.identity_header, key)

    def get_instance(self, instance_loader, row):
        try:
            lookup = {
                name: self.fields[name].clean(row)
                for name in ("agreement", "unit", "year", "semester")
            }
        except ValueError:
            return None  # reported with the row's other errors by import_instance
        if any(value is None for value in lookup.values()):
            return None
        report = Report.objects.filter(**lookup).first()
        if report is not None:
            # Another unit's report is refused before anything is compared or checked
            # against its status, with the message a new report there would get: the
            # row tells nothing of what that unit wrote.
            self._check_visible(report)
        return report

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if self.user is not None:
            stored = (
                Report.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
                if instance.pk
                else None
            )
            workflow.check_transition(self.user, stored, instance.status)
        instance.stamp_status(self.user)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        # Checked on the saved row (the transaction is rolled back on any error).
        self._check_visible(instance)

    def _check_visible(self, report):
        """The same visibility rules as the admin lists, for the importing user."""
        if self.user is None:
            return
        if not Agreement.objects.visible_to(self.user).filter(pk=report.agreement_id).exists():
            raise ValidationError({"agreement": _("You cannot report on this agreement.")})
        if not Report.objects.visible_to(self.user).filter(pk=report.pk).exists():
            raise ValidationError({"unit": _("You may only import your own unit's reports.")})

    def export_queryset(self, queryset=None):
        return super().export_queryset(queryset).select_related("agreement", "unit")


def _latest_reported(column):
    latest = Report.objects.filter(agreement=OuterRef("pk"), status__in=REPORTED_STATUSES).order_by(
        "-year", "-semester"
    )
    return Subquery(latest.values(column)[:1])


def contribute_latest_report():
    """Fill the register export's "Laporan Terakhir" column: the last semester a report
    was handed in for. Called once by the reports app's ``ready()``."""
    AgreementResource.export_annotations.update(
        latest_report_year=lambda: _latest_reported("year"),
        latest_report_semester=lambda: _latest_reported("semester"),
    )
