"""The export's fast paths give exactly the cells of the slow ones: each widget's
``native_renderer`` equals its ``render(…, force_native_type=True)``, the chunk's keys
(``KeyList``) select the same links as a plain ``__in`` list, and rows past the writer's
width sample are written with the same formula and control-character rules."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from agreements.models import Agreement, AgreementUnit
from agreements.resources import AgreementResource, PartnerResource, UnitResource
from core.spreadsheets.exporting import KeyList, link_type
from core.spreadsheets.writing import WIDTH_SAMPLE_ROWS, get_writer, resource_rows
from reports.resources import ReportResource
from tests.factories import make_agreement, make_partner, make_report, make_unit

Named = link_type("name")
Coded = link_type("code")
UnitLink = link_type("is_lead", "unit")

TEXTS = [None, "", "Kerja sama", "=1+1", 2019]
# The values each kind of column meets, as an export reads them.
SAMPLES = {
    "TextWidget": TEXTS,
    "ChoiceWidget": [None, "", "SIGNED", "APBD", "DRAFT", "UNKNOWN", 1, 2],
    "DateWidget": [None, datetime.date(2019, 10, 29)],
    "MoneyWidget": [None, Decimal("1500000.00"), Decimal("1250.50")],
    "WholeNumberWidget": [None, 2019],
    "BooleanWidget": [None, True, False],
    "NamedListWidget": [[], [Named("Universitas Sriwijaya"), Named("Bank Sumsel Babel")]],
    "LeadFirstUnitsWidget": [
        [],
        [UnitLink(False, Coded("DINKES")), UnitLink(True, Coded("BAPPEDA"))],
    ],
    "ReferenceWidget": [None, Coded("KS-2019-0007")],
    "NamedForeignKeyWidget": [None, Coded("BAPPEDA")],
}


def _fields():
    for resource in (AgreementResource(), PartnerResource(), UnitResource(), ReportResource()):
        for field in resource.get_export_fields():
            if hasattr(field.widget, "native_renderer"):
                yield f"{type(resource).__name__}.{field.column_name}", field.widget


COLUMNS = list(_fields())


@pytest.mark.parametrize(("column", "widget"), COLUMNS, ids=[column for column, _ in COLUMNS])
def test_a_native_renderer_gives_what_render_gives(column, widget):
    render = widget.native_renderer()
    for value in SAMPLES[type(widget).__name__]:
        expected = widget.render(value, force_native_type=True)
        assert render(value) == expected, (column, value)
        assert type(render(value)) is type(expected), (column, value)


@pytest.mark.django_db
def test_list_renderers_read_saved_agreements_as_render_does():
    bappeda, dinkes = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement(
        partners=[make_partner("Universitas Sriwijaya"), make_partner("Bank Sumsel Babel")],
        units=[dinkes, bappeda],
    )
    resource = AgreementResource()
    for name in ("partners", "units", "sectors", "objectives"):
        field = resource.fields[name]
        value = field.get_value(agreement)
        rendered = field.widget.render(value, force_native_type=True)
        assert field.widget.native_renderer()(value) == rendered
    assert (
        resource.fields["units"].widget.native_renderer()(agreement.agreement_units)
        == "DINKES; BAPPEDA"
    )


@pytest.mark.django_db
def test_a_key_list_selects_what_a_plain_in_list_selects():
    unit = make_unit()
    first, second, third = (make_agreement(units=[unit]) for _ in range(3))
    keys = [third.pk, first.pk]

    assert set(Agreement.objects.filter(pk__in=KeyList(keys))) == {first, third}
    assert sorted(
        AgreementUnit.objects.filter(agreement_id__in=KeyList(keys)).values_list(
            "agreement_id", flat=True
        )
    ) == sorted(keys)
    assert second not in Agreement.objects.filter(pk__in=KeyList(keys))


@pytest.mark.django_db
def test_the_export_of_many_rows_keeps_every_cell(today):
    """Rows far past the width sample: formula-like text quoted, control characters
    dropped, carriage returns as line feeds, the computed columns filled."""
    unit = make_unit("BAPPEDA")
    partner = make_partner("Universitas Sriwijaya")
    for index in range(WIDTH_SAMPLE_ROWS + 5):
        make_agreement(partners=[partner], units=[unit], title=f"Kerja sama {index:03d}")
    late = make_agreement(
        partners=[partner],
        units=[unit],
        title="=HYPERLINK(1)",
        notes="Baris\r\nkedua\x0bdari Word",
        signed_on=datetime.date(2019, 1, 1),
    )
    make_report(late, unit, year=2021, semester=2)

    stream = io.BytesIO()
    get_writer("xlsx").write(resource_rows(AgreementResource()), stream)
    sheet = openpyxl.load_workbook(stream).active
    rows = list(sheet.iter_rows(min_row=2))
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    last = dict(zip(headers, rows[-1], strict=True))

    assert len(rows) == WIDTH_SAMPLE_ROWS + 6
    assert last["Kode"].value == late.code
    assert last["Judul"].value == "=HYPERLINK(1)" and last["Judul"].quotePrefix
    assert last["Judul"].data_type == "s"
    assert last["Keterangan"].value == "Baris\nkeduadari Word"
    assert last["Laporan Terakhir"].value == "2021/2"
    assert last["Mitra"].value == "Universitas Sriwijaya"
    assert last["Perangkat Daerah"].value == "BAPPEDA"
    assert not dict(zip(headers, rows[0], strict=True))["Judul"].quotePrefix
