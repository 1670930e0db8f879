"""What a Django team would otherwise use: a plain django-import-export ModelResource.

The same columns as ``agreements.resources.AgreementResource`` (same headers, same
model attributes), each with the widget django-import-export gives that model field by
default; the related lists name their objects the way the library's own example app
does (``ManyToManyWidget(Partner, field="name", separator=";")``). Default options
otherwise: one ``save()`` per row, history through simple-history's signals, tablib and
an openpyxl workbook for the file.
"""

from django.db.models import OuterRef, Subquery, TextField
from import_export import fields, resources, widgets

from agreements.models import Agreement, Objective, Partner, Sector, Unit
from reports.choices import REPORTED_STATUSES
from reports.models import Report

COLUMNS = [
    ("code", "Kode"),
    ("number", "Nomor"),
    ("partner_number", "Nomor Mitra"),
    ("title", "Judul"),
    ("kind", "Jenis Dokumen"),
    ("scheme", "Skema"),
    ("partners", "Mitra"),
    ("units", "Perangkat Daerah"),
    ("sectors", "Bidang"),
    ("objectives", "Tujuan"),
    ("stage", "Tahap"),
    ("signed_on", "Tanggal Tanda Tangan"),
    ("start_date", "Tanggal Mulai"),
    ("end_date", "Tanggal Berakhir"),
    ("funding", "Pembiayaan"),
    ("value", "Nilai (Rp)"),
    ("parent", "Induk"),
    ("scope", "Ruang Lingkup"),
    ("notes", "Keterangan"),
    ("is_public", "Publik"),
]
READ_ONLY_COLUMNS = [
    ("status", "Status"),
    ("partner_group", "Kelompok Mitra"),
    ("latest_report", "Laporan Terakhir"),
]
RELATED_WIDGETS = {
    "partners": lambda: widgets.ManyToManyWidget(Partner, field="name", separator=";"),
    "units": lambda: widgets.ManyToManyWidget(Unit, field="code", separator=";"),
    "sectors": lambda: widgets.ManyToManyWidget(Sector, field="name", separator=";"),
    "objectives": lambda: widgets.ManyToManyWidget(Objective, field="name", separator=";"),
    "parent": lambda: widgets.ForeignKeyWidget(Agreement, field="code"),
}


def _declared_fields():
    declared = {}
    for attribute, column in COLUMNS:
        if attribute in RELATED_WIDGETS:
            declared[attribute] = fields.Field(
                attribute=attribute, column_name=column, widget=RELATED_WIDGETS[attribute]()
            )
        else:
            # Exactly the field ModelResource makes of the model field, renamed.
            declared[attribute] = resources.ModelResource.field_from_django_field(
                attribute, Agreement._meta.get_field(attribute), readonly=attribute == "code"
            )
            declared[attribute].column_name = column
            if isinstance(Agreement._meta.get_field(attribute), TextField):
                # The one adjustment without which the plain resource cannot import the
                # file at all: TextField has no default widget, so an empty cell would
                # be NULL in a NOT NULL column.
                declared[attribute].widget = widgets.CharWidget(allow_blank=True)
    for attribute, column in READ_ONLY_COLUMNS:
        declared[attribute] = fields.Field(attribute=attribute, column_name=column, readonly=True)
    return declared


class Meta:
    model = Agreement
    fields = [attribute for attribute, _column in COLUMNS + READ_ONLY_COLUMNS]
    # Kode is given by the system: rows are told apart by the document number.
    import_id_fields = ["number"]


PeerAgreementResource = type(
    "PeerAgreementResource",
    (resources.ModelResource,),
    {"Meta": Meta, "__module__": __name__, **_declared_fields()},
)


def peer_export_queryset():
    """The rows with the computed columns a plain team would annotate, nothing prefetched."""
    latest = Report.objects.filter(agreement=OuterRef("pk"), status__in=REPORTED_STATUSES).order_by(
        "-year", "-semester"
    )
    return (
        Agreement.objects.with_status()
        .with_partner_group()
        .annotate(latest_report=Subquery(latest.values("year")[:1]))
        .order_by("-signed_on", "-code")
    )
