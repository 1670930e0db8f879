"""Spreadsheet columns of units, partners and agreements (README, "Spreadsheets").

The headers, their order and each row's identity are a contract with the clerks'
spreadsheets: change them only with the README. Cells are read by the shared widgets of
``core.spreadsheets.widgets``; the import rules live in ``SpreadsheetResource``.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.fields import Field

from agreements.choices import (
    AgreementKind,
    Funding,
    PartnerCategory,
    PartnerGroup,
    Scheme,
    Stage,
    Status,
    suggest_scheme,
)
from agreements.models import (
    Agreement,
    AgreementUnit,
    CodeBook,
    Objective,
    Partner,
    Sector,
    Unit,
)
from core.naming import normalize_name
from core.spreadsheets.exporting import ExportRow, KeyList, link_type, links_by_pk
from core.spreadsheets.resources import SpreadsheetResource
from core.spreadsheets.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    LeadFirstUnitsWidget,
    MoneyWidget,
    NamedListWidget,
    ReferenceWidget,
    TextWidget,
    closest,
    unknown_message,
)

# References looked up per query (SQLite allows 32,766 variables in a statement).
LOOKUP_CHUNK = 5_000


def text(attribute, column, **widget_options):
    return Field(attribute=attribute, column_name=column, widget=TextWidget(**widget_options))


class UnitResource(SpreadsheetResource):
    """Kode | Nama | Email | Aktif — a unit is identified by its Kode."""

    code = text("code", "Kode", fold_spaces=True, upper=True)
    name = text("name", "Nama", fold_spaces=True)
    email = text("email", "Email")
    is_active = Field(
        attribute="is_active", column_name="Aktif", widget=BooleanWidget(), default=True
    )

    required_headers = ("Kode", "Nama")
    identity_header = "Kode"

    template_example = {
        "Kode": "BAPPEDA",
        "Nama": "Badan Perencanaan Pembangunan Daerah",
        "Email": "bappeda@muaraenimkab.go.id",
        "Aktif": True,
    }

    class Meta(SpreadsheetResource.Meta):
        model = Unit
        fields = ("code", "name", "email", "is_active")

    def _code(self, row):
        return self.fields["code"].clean(row) if "Kode" in row else ""

    def row_identity(self, row):
        code = self._code(row)
        return ("Kode", code) if code else None

    def get_instance(self, instance_loader, row):
        code = self._code(row)
        return Unit.objects.filter(code=code).first() if code else None

    def export_queryset(self, queryset=None):
        return super().export_queryset(queryset).order_by("code")


class PartnerResource(SpreadsheetResource):
    """Nama | Kategori | Negara | … — a partner is identified by its name, whatever the
    case and spacing."""

    name = text("name", "Nama", fold_spaces=True)
    category = Field(
        attribute="category", column_name="Kategori", widget=ChoiceWidget(PartnerCategory)
    )
    country = Field(
        attribute="country",
        column_name="Negara",
        widget=TextWidget(fold_spaces=True),
        default="Indonesia",
    )
    address = text("address", "Alamat")
    contact_person = text("contact_person", "Narahubung", fold_spaces=True)
    email = text("email", "Email")
    phone = text("phone", "Telepon")
    notes = text("notes", "Keterangan")

    required_headers = ("Nama", "Kategori")
    identity_header = "Nama"
    clean_exclude = ("name_key",)

    template_example = {
        "Nama": "Universitas Sriwijaya",
        "Kategori": PartnerCategory.UNIVERSITY,
        "Negara": "Indonesia",
        "Alamat": "Jl. Raya Palembang–Prabumulih Km. 32, Indralaya, Ogan Ilir",
        "Narahubung": "Kepala Kantor Urusan Internasional",
        "Email": "humas@unsri.ac.id",
        "Telepon": "0711-580069",
        "Keterangan": "",
    }

    class Meta(SpreadsheetResource.Meta):
        model = Partner
        fields = (
            "name",
            "category",
            "country",
            "address",
            "contact_person",
            "email",
            "phone",
            "notes",
        )

    def row_identity(self, row):
        name = normalize_name(row.get("Nama"))
        return ("Nama", name) if name else None

    def get_instance(self, instance_loader, row):
        name = normalize_name(row.get("Nama"))
        return Partner.objects.by_name(name).first() if name else None

    def export_queryset(self, queryset=None):
        return super().export_queryset(queryset).order_by("name")


class AgreementResource(SpreadsheetResource):
    """The register itself. An agreement is identified by its Kode (assigned by the
    system), else by its Nomor, else it is new. Exports add Status, Kelompok Mitra and
    Laporan Terakhir, computed by the queryset annotations."""

    code = Field(
        attribute="code",
        column_name="Kode",
        widget=TextWidget(fold_spaces=True, upper=True),
        readonly=True,
    )
    number = text("number", "Nomor", fold_spaces=True)
    partner_number = text("partner_number", "Nomor Mitra", fold_spaces=True)
    title = text("title", "Judul")
    kind = Field(attribute="kind", column_name="Jenis Dokumen", widget=ChoiceWidget(AgreementKind))
    scheme = Field(attribute="scheme", column_name="Skema", widget=ChoiceWidget(Scheme))
    partners = Field(attribute="partners", column_name="Mitra", widget=NamedListWidget(Partner))
    units = Field(
        attribute="agreement_units",
        column_name="Perangkat Daerah",
        widget=LeadFirstUnitsWidget(Unit, keys=("code", "name"), render_field="code"),
    )
    sectors = Field(attribute="sectors", column_name="Bidang", widget=NamedListWidget(Sector))
    objectives = Field(
        attribute="objectives", column_name="Tujuan", widget=NamedListWidget(Objective)
    )
    stage = Field(attribute="stage", column_name="Tahap", widget=ChoiceWidget(Stage))
    signed_on = Field(
        attribute="signed_on", column_name="Tanggal Tanda Tangan", widget=DateWidget()
    )
    start_date = Field(attribute="start_date", column_name="Tanggal Mulai", widget=DateWidget())
    end_date = Field(attribute="end_date", column_name="Tanggal Berakhir", widget=DateWidget())
    funding = Field(attribute="funding", column_name="Pembiayaan", widget=ChoiceWidget(Funding))
    value = Field(attribute="value", column_name="Nilai (Rp)", widget=MoneyWidget())
    parent = Field(attribute="parent", column_name="Induk", widget=ReferenceWidget(Agreement))
    scope = text("scope", "Ruang Lingkup")
    notes = text("notes", "Keterangan")
    is_public = Field(
        attribute="is_public", column_name="Publik", widget=BooleanWidget(), default=False
    )
    # Read-only columns of an export.
    status = Field(
        attribute="status", column_name="Status", widget=ChoiceWidget(Status), readonly=True
    )
    partner_group = Field(
        attribute="partner_group",
        column_name="Kelompok Mitra",
        widget=ChoiceWidget(PartnerGroup),
        readonly=True,
    )
    # Its value comes from the reports app, which the register does not import: reports
    # adds the annotations read by dehydrate_latest_report to ``export_annotations``
    # (README, "Layers").
    latest_report = Field(column_name="Laporan Terakhir", readonly=True)
    #: Export-only annotations contributed by apps above the register: name -> a function
    #: returning the expression, evaluated per export.
    export_annotations = {}

    required_headers = ("Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap")
    export_only_headers = ("Status", "Kelompok Mitra", "Laporan Terakhir")
    identity_header = "Kode"
    clean_exclude = ("code",)
    required_m2m = ("partners",)

    template_example = {
        "Kode": "",
        "Nomor": "180/012/PKS/BAPPEDA/2019",
        "Nomor Mitra": "0123/UN9/KS/2019",
        "Judul": "Penyelenggaraan Kuliah Kerja Nyata Tematik",
        "Jenis Dokumen": AgreementKind.PKS,
        "Skema": Scheme.KSDPK,
        "Mitra": "Universitas Sriwijaya",
        "Perangkat Daerah": "BAPPEDA; DINKES",
        "Bidang": "Pendidikan; Kesehatan",
        "Tujuan": "Saling menguntungkan; Kesejahteraan masyarakat",
        "Tahap": Stage.SIGNED,
        "Tanggal Tanda Tangan": datetime.date(2019, 10, 29),
        "Tanggal Mulai": datetime.date(2019, 11, 1),
        "Tanggal Berakhir": datetime.date(2024, 10, 31),
        "Pembiayaan": Funding.APBD,
        "Nilai (Rp)": Decimal("150000000"),
        "Induk": "",
        "Ruang Lingkup": "KKN tematik di desa-desa Kabupaten Muara Enim",
        "Keterangan": "",
        "Publik": True,
    }
    listed_lookups = (Unit, Sector, Objective)
    bulk_new_rows = True

    preview_prefetch = ("partners", "agreement_units__unit", "sectors", "objectives", "parent")

    class Meta(SpreadsheetResource.Meta):
        model = Agreement
        fields = (
            "code",
            "number",
            "partner_number",
            "title",
            "kind",
            "scheme",
            "partners",
            "units",
            "sectors",
            "objectives",
            "stage",
            "signed_on",
            "start_date",
            "end_date",
            "funding",
            "value",
            "parent",
            "scope",
            "notes",
            "is_public",
            "status",
            "partner_group",
            "latest_report",
        )

    # --- Identity -----------------------------------------------------------------

    def _code(self, row):
        return self.fields["code"].clean(row) if "Kode" in row else ""

    def _number(self, row):
        return self.fields["number"].clean(row) if "Nomor" in row else ""

    def row_identity(self, row):
        code, number = self._code(row), self._number(row)
        if code:
            return ("Kode", code)
        return ("Nomor", number.casefold()) if number else None

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._codes = CodeBook()
        self._numbers_in_file = {}  # number -> the first row giving it
        # Which of the file's numbers the register holds, read at once: a row whose
        # number it does not hold is new without a query of its own.
        self._stored_numbers = set()
        if "Nomor" in dataset.headers:
            numbers = sorted({self._stored_form(value) for value in dataset["Nomor"]} - {""})
            for start in range(0, len(numbers), LOOKUP_CHUNK):
                self._stored_numbers.update(
                    Agreement.objects.filter(number__in=numbers[start : start + LOOKUP_CHUNK])
                    .exclude(number="")
                    .values_list("number", flat=True)
                )

    def _stored_form(self, number):
        try:
            return self._number({"Nomor": number})
        except ValueError:
            return ""  # reported on its row

    def get_instance(self, instance_loader, row):
        code, number = self._code(row), self._number(row)
        if code:
            # Codes are stored in capitals, as the Kode cell is read: an exact match uses
            # the index (a case-insensitive one scans the register, once per row).
            found = Agreement.objects.filter(code=code).first()
            if found is None:
                codes = Agreement.objects.values_list("code", flat=True)
                raise ValidationError(
                    {
                        "code": unknown_message(_("registry code"), code, closest(code, codes))
                        + " "
                        + _("Codes are given by the system: leave Kode empty for a new agreement.")
                    }
                )
            return found
        if number in self._stored_numbers:
            # The "not blank" condition lets the database use the partial unique index
            # of numbers instead of scanning every agreement (docs/performance.md).
            return Agreement.objects.filter(number=number).exclude(number="").first()
        return None

    # --- New agreements, written together (SpreadsheetResource.bulk_new_rows) ---------

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        # Two rows of the file giving one number: refused on the later row, whichever
        # rows are new (their numbers are not in the database yet to be checked there).
        if instance.number:
            first = self._numbers_in_file.setdefault(instance.number, self._row_number)
            if first != self._row_number:
                raise ValidationError(
                    {
                        "number": _(
                            "Another agreement already has this document number (row %(row)d)."
                        )
                        % {"row": first}
                    }
                )

    def constraints_to_check(self, instance):
        # A new row's number was looked for among all agreements (get_instance) and is
        # compared with the file's other rows above; the end date is checked by clean().
        # Checking the constraints again would cost two queries per new row.
        return instance.pk is not None

    def prepare_new(self, instance):
        # What Agreement.save() adds: the registry code (from one code book per file).
        instance.code = self._codes.next_code(instance.code_year())

    def write_pending(self):
        super().write_pending()
        self._codes.write()

    # --- Responsible units: the first listed leads ----------------------------------

    def m2m_differs(self, original, attribute, values):
        if attribute != "agreement_units":
            return super().m2m_differs(original, attribute, values)
        units, lead = self._stored_units(original)
        if units != {unit.pk for unit in values}:
            return True
        # An agreement kept without a lead unit is unchanged by a list in any order.
        return lead is not None and bool(values) and values[0].pk != lead

    def m2m_needs_set(self, instance, attribute, values):
        if attribute != "agreement_units":
            return super().m2m_needs_set(instance, attribute, values)
        # Saving a changed row gives a list without a lead its first unit as lead.
        units, lead = self._stored_units(instance)
        return units != {unit.pk for unit in values} or (bool(values) and values[0].pk != lead)

    def _stored_units(self, instance):
        links = self.stored_links(instance, "agreement_units")
        lead = next((link["unit_id"] for link in links if link["is_lead"]), None)
        return {link["unit_id"] for link in links}, lead

    def set_m2m(self, instance, attribute, values):
        if attribute != "agreement_units":
            return super().set_m2m(instance, attribute, values)
        instance.set_units(values)

    def new_links(self, instance, attribute, values):
        if attribute != "agreement_units":
            return super().new_links(instance, attribute, values)
        return instance.new_unit_links(values)

    def prefetched_links(self, attribute, values, links):
        return links if attribute == "agreement_units" else values

    # --- A scheme left empty is taken from the partners, as on the form ---------------

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        partners = self._m2m_values.get("partners")
        if not instance.scheme and partners:
            suggested = suggest_scheme(partner.category for partner in partners)
            if suggested:
                instance.scheme = Scheme(suggested).value

    # --- Export ---------------------------------------------------------------------

    def export_queryset(self, queryset=None):
        queryset = super().export_queryset(queryset)
        annotations = queryset.query.annotations
        if "status" not in annotations:
            queryset = queryset.with_status()
        if "partner_group" not in annotations:
            queryset = queryset.with_partner_group()
        contributed = {name: build() for name, build in self.export_annotations.items()}
        return (
            queryset.annotate(**contributed)
            .select_related("parent")
            .prefetch_related("partners", "sectors", "objectives", "agreement_units__unit")
        )

    def export_values_plan(self):
        """What an export reads (core.spreadsheets.exporting): the plain columns and
        annotations by ``.values()``, each related list in one query per chunk."""
        related = ("partners", "agreement_units", "sectors", "objectives", "parent")
        names = [
            *(
                field.attribute
                for field in self.get_export_fields()
                if field.attribute and field.attribute not in related
            ),
            "parent__code",
            *self.export_annotations,
        ]

        def build(values):
            row = dict(values)
            parent_code = row.pop("parent__code")
            row["parent"] = ExportRow(code=parent_code) if parent_code else None
            return row

        def links_of(field_name, target):
            through = Agreement._meta.get_field(field_name).remote_field.through
            return lambda pks: links_by_pk(through, "agreement", target, pks)

        return (
            names,
            build,
            {
                "partners": links_of("partners", "partner__name"),
                "sectors": links_of("sectors", "sector__name"),
                "objectives": links_of("objectives", "objective__name"),
                "agreement_units": unit_links_by_pk,
            },
        )

    def dehydrate_latest_report(self, agreement):
        """The last semester a report was handed in for, e.g. ``2023/2``."""
        # Annotated by reports (reports/resources.py, contribute_latest_report).
        year = getattr(agreement, "latest_report_year", None)
        if year is None:
            return ""
        return f"{year}/{agreement.latest_report_semester}"


def unit_links_by_pk(pks):
    """``{agreement pk: [link]}``, each link with ``is_lead`` and ``unit.code``, as
    LeadFirstUnitsWidget renders them."""
    link, unit = link_type("is_lead", "unit"), link_type("code")
    by_pk = {}
    links = AgreementUnit.objects.filter(agreement_id__in=KeyList(pks)).values_list(
        "agreement_id", "is_lead", "unit__code"
    )
    for pk, is_lead, code in links:
        by_pk.setdefault(pk, []).append(link(is_lead, unit(code)))
    return by_pk
