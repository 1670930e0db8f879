"""Export, then import the file: unedited it changes nothing (no new rows, no updates, no
history), and an edited cell changes exactly that value."""

import io
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementKind, Funding, PartnerCategory, Scheme, Stage
from agreements.models import Agreement, AgreementUnit, Objective, Partner, Sector, Unit
from agreements.resources import AgreementResource
from agreements.roles import OPERATOR, PENGELOLA
from core.spreadsheets.importing import import_file
from reports.choices import ReportStatus
from reports.models import Report
from reports.resources import ReportResource
from tests.factories import make_agreement, make_partner, make_report, make_unit, make_user

RESOURCES = {
    "unit": "agreements.resources.UnitResource",
    "partner": "agreements.resources.PartnerResource",
    "agreement": "agreements.resources.AgreementResource",
    "report": "reports.resources.ReportResource",
}
MODELS = [Unit, Partner, Agreement, AgreementUnit, Report]
M2M_FIELDS = [Agreement._meta.get_field(name) for name in ("partners", "sectors", "objectives")]

pytestmark = pytest.mark.django_db


@pytest.fixture
def awkward_register(today):
    """A register with every kind of value a row can hold, including the awkward ones."""
    bappeda = make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", email="b@example.org")
    dinkes = make_unit("DINKES", "Dinas Kesehatan", is_active=False)
    unsri = make_partner(
        "Universitas Sriwijaya",
        category=PartnerCategory.UNIVERSITY,
        address="Jl. Raya Palembang–Prabumulih Km. 32\nIndralaya",
        phone="+62 711 580069",
        notes="=penting",
    )
    pertamina = make_partner("PT Pertamina (Persero)", category=PartnerCategory.BUMN)
    kb = make_agreement(
        partners=[unsri],
        units=[bappeda],
        kind=AgreementKind.KB,
        scheme=Scheme.KSDPK,
        number="119/KB/2019",
        partner_number="0123/UN9/KS/2019",
        title="@Kesepakatan bersama tridharma",
        value=Decimal("1500000.50"),
        funding=Funding.SHARED,
        scope="Pendidikan;\npenelitian; pengabdian",
        is_public=True,
        end_date=None,
    )
    kb.sectors.set(Sector.objects.filter(name__in=["Pendidikan", "Kesehatan"]))
    kb.objectives.set(Objective.objects.filter(name="Efisiensi"))
    pks = make_agreement(
        partners=[unsri, pertamina],
        units=[dinkes, bappeda],
        parent=kb,
        number="-12/PKS/2020",
        title="Pelayanan kesehatan desa",
        signed_on=date(2020, 2, 3),
        start_date=date(2020, 2, 3),
        end_date=date(2024, 8, 15),
        value=Decimal("250000000"),
        funding=Funding.APBD,
    )
    make_agreement(
        partners=[pertamina],
        stage=Stage.EXPLORATION,
        signed_on=None,
        start_date=None,
        end_date=None,
        title="Penjajakan CSR",
    )
    make_report(kb, bappeda, year=2023, semester=2, activities="+62 rapat daring")
    make_report(
        pks,
        dinkes,
        year=2024,
        semester=1,
        budget=Decimal("25000000"),
        spending=Decimal("21500000.75"),
        status=ReportStatus.DRAFT,
        obstacles="-",
    )
    return {"kb": kb, "pks": pks}


def snapshot():
    """Every row of the register with all its fields (links included), and the size of
    every history table."""
    tables = [*MODELS, *(field.remote_field.through for field in M2M_FIELDS)]
    rows = {table.__name__: {row["id"]: row for row in table.objects.values()} for table in tables}
    history = {
        model.__name__: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }
    return rows, history


def export(name, path, format_name="xlsx"):
    call_command("export", format_name, RESOURCES[name], "-o", str(path))
    return path


def import_(name, path):
    output = io.StringIO()
    call_command("import", RESOURCES[name], str(path), stdout=output)
    return output.getvalue()


@pytest.mark.parametrize("format_name", ["xlsx", "csv", "xls"])
@pytest.mark.parametrize("name", list(RESOURCES))
def test_reimporting_an_unedited_export_changes_nothing(
    awkward_register, tmp_path, name, format_name
):
    before = snapshot()
    path = export(name, tmp_path / f"{name}.{format_name}", format_name)

    import_(name, path)

    assert snapshot() == before


def _edit_cell(path, key_header, key, header, value):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index(key_header)].value == key:
            row[headers.index(header)].value = value
            break
    else:
        raise AssertionError(f"{key} not found")
    workbook.save(path)


def test_one_edited_cell_changes_exactly_that_value(awkward_register, tmp_path):
    kb, pks = awkward_register["kb"], awkward_register["pks"]
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", pks.code, "Judul", "Pelayanan kesehatan desa terpencil")
    rows_before, history_before = snapshot()
    versions = pks.history.count()

    import_("agreement", path)

    pks.refresh_from_db()
    assert pks.title == "Pelayanan kesehatan desa terpencil"
    assert pks.history.count() == versions + 1
    assert pks.history.first().history_type == "~"
    assert pks.history.first().prev_record.title == "Pelayanan kesehatan desa"
    rows_after, history_after = snapshot()
    assert history_after["HistoricalAgreement"] == history_before["HistoricalAgreement"] + 1
    before, after = rows_before["Agreement"], rows_after["Agreement"]
    changed = {
        pk: sorted(key for key in after[pk] if after[pk][key] != before[pk][key])
        for pk in after
        if after[pk] != before[pk]
    }
    # Besides the cell: the save time and the row version (core.locking).
    assert changed == {pks.pk: ["title", "updated_at", "version"]}
    for table in ["Unit", "Partner", "AgreementUnit", "Report", "Agreement_partners"]:
        assert rows_after[table] == rows_before[table]
    assert Agreement.objects.get(pk=kb.pk).title == kb.title


def test_one_edited_amount_typed_as_rupiah_text(awkward_register, tmp_path):
    path = export("report", tmp_path / "reports.xlsx")
    _edit_cell(path, "Kegiatan", "+62 rapat daring", "Anggaran (Rp)", "Rp 3.250.000")
    before = list(Report.objects.exclude(activities="+62 rapat daring").values())
    versions = Report.objects.get(activities="+62 rapat daring").history.count()

    import_("report", path)

    report = Report.objects.get(activities="+62 rapat daring")
    assert report.budget == Decimal("3250000")
    assert report.history.count() == versions + 1
    assert list(Report.objects.exclude(activities="+62 rapat daring").values()) == before


def test_reordering_units_moves_the_lead_only(awkward_register, tmp_path):
    pks = awkward_register["pks"]
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", pks.code, "Perangkat Daerah", "BAPPEDA; DINKES")

    import_("agreement", path)

    assert pks.lead_unit.code == "BAPPEDA"
    assert sorted(pks.units.values_list("code", flat=True)) == ["BAPPEDA", "DINKES"]


def test_line_breaks_typed_in_the_admin_survive_an_xlsx_round_trip(awkward_register, tmp_path):
    pks = awkward_register["pks"]
    # As a browser sends a textarea typed in the admin: CR LF line ends.
    Agreement.objects.filter(pk=pks.pk).update(notes="Baris satu\r\nBaris dua")
    before = snapshot()

    import_("agreement", export("agreement", tmp_path / "agreements.xlsx"))

    assert snapshot() == before


# --- Through the admin: export a filtered list, upload it again -------------------------

FORMAT_INDEX = {"xlsx": "0", "xls": "1", "csv": "2"}  # the same order on both forms


def admin_export(client, model, resource_class, query="", format_name="xlsx"):
    data = {"format": FORMAT_INDEX[format_name], "resource": "0"}
    for name in resource_class().get_export_order():
        data[f"{resource_class.__name__.lower()}_{name}"] = "on"
    response = client.post(f"/admin/{model}/export/{query}", data)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def admin_import(client, model, content, format_name="xlsx"):
    """Upload, check the preview lists no problem, confirm; the preview's totals."""
    upload = io.BytesIO(content)
    upload.name = f"export.{format_name}"
    preview = client.post(
        f"/admin/{model}/import/",
        {"resource": "0", "format": FORMAT_INDEX[format_name], "import_file": upload},
    )
    assert preview.status_code == 200
    assert not preview.context.get("problems"), preview.context.get("problems")
    form = preview.context["confirm_form"]
    done = client.post(
        f"/admin/{model}/process_import/", {name: form.initial[name] for name in form.fields}
    )
    assert done.status_code == 302
    return preview.context["result"].totals


@pytest.mark.parametrize("format_name", ["xlsx", "csv"])
def test_admin_round_trip_of_a_filtered_export_changes_nothing(
    awkward_register, client, media_root, format_name
):

    client.force_login(make_user(role=PENGELOLA))
    before = snapshot()
    content = admin_export(
        client, "agreements/agreement", AgreementResource, "?stage__exact=SIGNED", format_name
    )

    totals = admin_import(client, "agreements/agreement", content, format_name)

    assert (totals["new"], totals["update"], totals["skip"]) == (0, 0, 2)
    assert snapshot() == before


def test_admin_round_trip_with_one_edit_is_recorded_for_the_clerk(
    awkward_register, client, media_root
):

    clerk = make_user(role=PENGELOLA)
    client.force_login(clerk)
    kb = awkward_register["kb"]
    content = admin_export(client, "agreements/agreement", AgreementResource)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("Kode")].value == kb.code:
            row[headers.index("Tanggal Berakhir")].value = "31 Desember 2025"
    edited = io.BytesIO()
    workbook.save(edited)

    totals = admin_import(client, "agreements/agreement", edited.getvalue())

    assert (totals["new"], totals["update"]) == (0, 1)
    kb.refresh_from_db()
    assert kb.end_date == date(2025, 12, 31)
    assert kb.history.first().history_user == clerk


def test_operator_round_trip_of_their_reports_changes_nothing(awkward_register, client, media_root):

    client.force_login(make_user(role=OPERATOR, unit=Unit.objects.get(code="DINKES")))
    before = snapshot()
    content = admin_export(client, "reports/report", ReportResource)

    totals = admin_import(client, "reports/report", content)

    assert (totals["new"], totals["update"], totals["skip"]) == (0, 0, 1)
    assert snapshot() == before


LINK_TABLES = [
    "agreements_agreement_partners",
    "agreements_agreementunit",
    "agreements_agreement_sectors",
    "agreements_agreement_objectives",
]


def snapshot_links(entry):
    return (
        {link.partner_id for link in entry.partners.all()},
        {(link.unit_id, link.is_lead) for link in entry.units.all()},
        {link.sector_id for link in entry.sectors.all()},
        {link.objective_id for link in entry.objectives.all()},
    )


def stored_links(agreement):
    return (
        set(agreement.partners.values_list("pk", flat=True)),
        set(AgreementUnit.objects.filter(agreement=agreement).values_list("unit", "is_lead")),
        set(agreement.sectors.values_list("pk", flat=True)),
        set(agreement.objectives.values_list("pk", flat=True)),
    )


def test_an_edited_title_writes_no_link_and_its_entry_keeps_the_links(awkward_register, tmp_path):
    kb = awkward_register["kb"]
    links = stored_links(kb)
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", kb.code, "Judul", "Kesepakatan bersama tridharma (diperbarui)")

    with CaptureQueriesContext(connection) as queries:
        import_("agreement", path)

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and any(f'"{table}"' in query["sql"].split("(")[0] for table in LINK_TABLES)
    ]
    assert writes == []
    newest, previous = kb.history.all()[:2]
    assert newest.title == "Kesepakatan bersama tridharma (diperbarui)"
    assert stored_links(kb) == links
    assert snapshot_links(newest) == snapshot_links(previous) == links


def test_edited_links_are_written_and_snapshotted_beside_the_unchanged_ones(
    awkward_register, tmp_path
):
    kb = awkward_register["kb"]
    sectors = stored_links(kb)[2]
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", kb.code, "Mitra", "Universitas Sriwijaya; PT Pertamina (Persero)")
    _edit_cell(path, "Kode", kb.code, "Perangkat Daerah", "DINKES; BAPPEDA")

    import_("agreement", path)

    newest = kb.history.first()
    partners, units, snapshot_sectors, _objectives = snapshot_links(newest)
    assert partners == set(Partner.objects.values_list("pk", flat=True))
    dinkes, bappeda = Unit.objects.get(code="DINKES"), Unit.objects.get(code="BAPPEDA")
    assert units == {(dinkes.pk, True), (bappeda.pk, False)}
    assert snapshot_sectors == sectors
    assert snapshot_links(newest) == stored_links(kb)


@pytest.mark.parametrize(
    ("header", "value", "field"),
    [
        # The start date is left as it is: the rule still reads it.
        ("Tanggal Berakhir", "1 Januari 2020", "Tanggal Berakhir"),
        # Another agreement's number, in a row changing nothing else.
        ("Nomor", "119/KB/2019", "Nomor"),
    ],
)
def test_a_change_breaking_a_rule_with_an_unchanged_field_is_refused(
    awkward_register, tmp_path, capsys, header, value, field
):
    pks = awkward_register["pks"]
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", pks.code, header, value)
    before = snapshot()

    with pytest.raises(CommandError):
        import_("agreement", path)

    assert f"kolom “{field}”" in capsys.readouterr().err
    assert snapshot() == before


def test_the_preview_of_a_changed_row_shows_its_links_before_and_after(awkward_register, tmp_path):
    kb, pks = awkward_register["kb"], awkward_register["pks"]
    path = export("agreement", tmp_path / "agreements.xlsx")
    _edit_cell(path, "Kode", kb.code, "Perangkat Daerah", "DINKES; BAPPEDA")
    _edit_cell(path, "Kode", kb.code, "Mitra", "PT Pertamina (Persero)")
    _edit_cell(path, "Kode", kb.code, "Nilai (Rp)", "Rp 1.750.000")
    _edit_cell(path, "Kode", pks.code, "Judul", "Pelayanan kesehatan desa terpencil")
    resource = AgreementResource()
    columns = [field.column_name for field in resource.get_import_fields()]

    outcome = import_file(resource, path.read_bytes(), "xlsx", dry_run=True, show_changes=True)

    assert outcome.ok
    diffs = {
        row.object_id: dict(zip(columns, row.diff, strict=True))
        for row in outcome.result.rows
        if row.import_type == "update"
    }
    changed, titled = diffs[kb.pk], diffs[pks.pk]
    # diff_match_patch marks what goes (<del>) and what comes (<ins>).
    units = changed["Perangkat Daerah"]
    assert re.findall(r"<ins[^>]*>([^<]*)</ins>", units) == ["DINKES; "]
    assert re.sub(r"<[^>]+>", "", units) == "DINKES; BAPPEDA"
    assert "<del" in changed["Mitra"] and "Universitas Sriwijaya" in changed["Mitra"]
    assert changed["Bidang"] == "<span>Kesehatan; Pendidikan</span>"
    # The row changing only its title shows its links unchanged, lead unit first.
    assert re.sub(r"<[^>]+>", "", titled["Perangkat Daerah"]) == "DINKES; BAPPEDA"
    assert "<ins" not in titled["Mitra"] and "<del" not in titled["Mitra"]
    assert "<ins" in titled["Judul"]
    # Dates and money as the clerk reads them, not as the file's cells hold them.
    assert titled["Tanggal Berakhir"] == "<span>15 Agustus 2024</span>"
    assert titled["Nilai (Rp)"] == "<span>Rp 250.000.000</span>"
    assert changed["Tanggal Berakhir"] == ""  # none, before and after
    amount = changed["Nilai (Rp)"]
    assert re.sub(r"<del[^>]*>[^<]*</del>|<[^>]+>", "", amount) == "Rp 1.750.000"
    assert re.sub(r"<ins[^>]*>[^<]*</ins>|<[^>]+>", "", amount) == "Rp 1.500.000,50"
