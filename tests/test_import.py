"""Importing a clerk-made register (README), through `manage.py import` and the admin.

The register has ~50 rows using every value form clerks type; the tests check the exact
agreements, partners, units, dates, amounts and links it gives, that each bad input is
refused with its row and column while the database stays exactly as it was, and that
importing the same file again changes nothing.
"""

import os
import re
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from agreements.choices import AgreementKind, PartnerCategory, Scheme, Stage
from agreements.models import Agreement, Partner, Unit
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.models import Report
from tests.factories import make_agreement, make_partner, make_report, make_unit, make_user
from tests.sheets import csv_bytes, register_dump, write_file, xlsx_bytes

AGREEMENTS = "agreements.resources.AgreementResource"

# Column order differs from the README (order does not matter), "Nomor Mitra" is left out
# (optional), and an export's read-only "Status" column is accepted and ignored.
HEADERS = [
    "Judul",
    "Nomor",
    "Kode",
    "Jenis Dokumen",
    "Skema",
    "Mitra",
    "Perangkat Daerah",
    "Bidang",
    "Tujuan",
    "Tahap",
    "Tanggal Tanda Tangan",
    "Tanggal Mulai",
    "Tanggal Berakhir",
    "Pembiayaan",
    "Nilai (Rp)",
    "Induk",
    "Ruang Lingkup",
    "Publik",
    "Status",
]

UNITS = {
    "BAPPEDA": "Badan Perencanaan Pembangunan Daerah",
    "DINKES": "Dinas Kesehatan",
    "DISDIK": "Dinas Pendidikan",
    "DPMPTSP": "Dinas Penanaman Modal dan PTSP",
    "DISPAR": "Dinas Pariwisata",
}
PARTNERS = {
    "Universitas Sriwijaya": PartnerCategory.UNIVERSITY,
    "Pemerintah Kota Palembang": PartnerCategory.REGIONAL_GOV,
    "Kementerian Dalam Negeri": PartnerCategory.CENTRAL_GOV,
    "PT Bukit Asam (Persero) Tbk": PartnerCategory.BUMN,
    "PT Bank Sumsel Babel": PartnerCategory.BUMD,
    "PT Semen Baturaja": PartnerCategory.PRIVATE,
    "Politeknik Negeri Sriwijaya": PartnerCategory.UNIVERSITY,
    "Yayasan Peduli Muara Enim": PartnerCategory.COMMUNITY,
}
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
MONTH_NAMES = MONTHS.split()
MONTH_ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
]

DATE_FORMS = [
    lambda d: datetime(d.year, d.month, d.day),  # a real Excel date
    lambda d: d.isoformat(),
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: d.strftime("%d-%m-%Y"),
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTH_ABBREVIATIONS[d.month - 1]} {d.year}",
]
MONEY_FORMS = [
    int,
    lambda v: f"Rp {v:,}".replace(",", "."),
    lambda v: f"{v:,}".replace(",", ".") + ",00",
    float,
    str,
]
YES_NO_FORMS = [("Ya", True), ("Tidak", False), ("Y", True), ("T", False), ("1", True)]
YES_NO_FORMS += [("0", False), ("TRUE", True), ("FALSE", False), (True, True), (None, False)]
FRAMEWORK_KINDS = [
    ("KB", AgreementKind.KB),
    ("kesepakatan bersama", AgreementKind.KB),
    ("Kesepakatan  Bersama ", AgreementKind.KB),
    ("mou", AgreementKind.MOU),
    ("Memorandum of Understanding", AgreementKind.MOU),
]
PKS_KINDS = [
    ("PKS", AgreementKind.PKS),
    ("pks", AgreementKind.PKS),
    ("Perjanjian Kerja Sama", AgreementKind.PKS),
    ("perjanjian kerja  sama", AgreementKind.PKS),
]
SCHEMES = [
    ("KSDPK", Scheme.KSDPK),
    ("ksdd", Scheme.KSDD),
    ("Kerja Sama Daerah dengan Pihak Ketiga", Scheme.KSDPK),
    ("sinergi pusat dan daerah", Scheme.SINERGI),
]
UNIT_LISTS = [
    ["BAPPEDA"],
    ["dinkes", "BAPPEDA"],
    ["Dinas Pendidikan"],
    ["DPMPTSP", "disdik", "dinas pariwisata"],
]
UNIT_CODES = {
    "BAPPEDA": "BAPPEDA",
    "dinkes": "DINKES",
    "Dinas Pendidikan": "DISDIK",
    "DPMPTSP": "DPMPTSP",
    "disdik": "DISDIK",
    "dinas pariwisata": "DISPAR",
}
SECTOR_LISTS = [["Pendidikan"], ["kesehatan", "PARIWISATA"], [], ["Penanaman Modal"]]
OBJECTIVE_LISTS = [["Efisiensi"], ["saling menguntungkan", "Kesejahteraan  masyarakat"], []]
FRAMEWORKS = 12
NEW_ROWS = 46


def _spelled(name, index):
    """A partner's name as one clerk or another types it."""
    return [name, name.upper(), name.lower(), "  " + name.replace(" ", "  ") + " "][index % 4]


def clerk_register(existing):
    """The rows of the file (header first) and, per agreement, what it must become.

    ``existing``: two agreements already in the register; the file updates the first
    by its Kode and the second by its Nomor, and one PKS hangs under the first.
    """
    rows, expected = [HEADERS], []
    partner_names = list(PARTNERS)
    for i in range(NEW_ROWS):
        framework = i < FRAMEWORKS
        number = f"{i + 1:03d}/{'KB' if framework else 'PKS'}/BAPPEDA/2019"
        typed_kind, kind = (FRAMEWORK_KINDS if framework else PKS_KINDS)[
            i % (5 if framework else 4)
        ]
        typed_scheme, scheme = SCHEMES[i % 4]
        partners = [partner_names[i % 8]] + ([partner_names[(i + 3) % 8]] if i % 5 == 0 else [])
        separator = "\n" if i % 2 else "; "
        units = UNIT_LISTS[i % 4]
        exploring = i % 10 == 9
        signed = date(2019, 1, 2) + timedelta(days=9 * i)
        end = None if i % 7 == 3 else signed + timedelta(days=3 * 365)
        value = None if i % 6 == 5 else 1_500_000 + 250_000 * i
        typed_public, public = YES_NO_FORMS[i % len(YES_NO_FORMS)]
        if framework:
            parent, typed_parent = None, None
        elif i == NEW_ROWS - 1:
            parent = typed_parent = existing[0].code
        else:
            parent = typed_parent = f"{i % FRAMEWORKS + 1:03d}/KB/BAPPEDA/2019"
        row = {
            "Judul": f"  Kerja sama nomor {i + 1} ",
            "Nomor": number,
            "Kode": None,
            "Jenis Dokumen": typed_kind,
            "Skema": typed_scheme,
            "Mitra": separator.join(_spelled(name, i) for name in partners),
            "Perangkat Daerah": separator.join(units),
            "Bidang": "; ".join(SECTOR_LISTS[i % 4]),
            "Tujuan": "\n".join(OBJECTIVE_LISTS[i % 3]),
            "Tahap": ["Exploration", "EXPLORATION"][i % 2] if exploring else "signed ",
            "Tanggal Tanda Tangan": None if exploring else DATE_FORMS[i % 6](signed),
            "Tanggal Mulai": None if exploring else DATE_FORMS[(i + 1) % 6](signed),
            "Tanggal Berakhir": None if exploring or end is None else DATE_FORMS[(i + 2) % 6](end),
            "Pembiayaan": ["APBD", "apbn", None][i % 3],
            "Nilai (Rp)": None if value is None else MONEY_FORMS[i % 5](value),
            "Induk": typed_parent,
            "Ruang Lingkup": "'=Pelatihan dan magang" if i == 7 else "Pelatihan",
            "Publik": typed_public,
            "Status": "Berlaku",
        }
        rows.append([row[header] for header in HEADERS])
        expected.append(
            {
                "number": number,
                "title": f"Kerja sama nomor {i + 1}",
                "kind": kind,
                "scheme": scheme,
                "stage": Stage.EXPLORATION if exploring else Stage.SIGNED,
                "signed_on": None if exploring else signed,
                "start_date": None if exploring else signed,
                "end_date": None if exploring else end,
                "funding": ["APBD", "APBN", ""][i % 3],
                "value": None if value is None else Decimal(value),
                "is_public": public,
                "scope": "=Pelatihan dan magang" if i == 7 else "Pelatihan",
                "partners": set(partners),
                "lead": UNIT_CODES[units[0]],
                "units": {UNIT_CODES[unit] for unit in units},
                "sectors": {name.casefold() for name in SECTOR_LISTS[i % 4]},
                "objectives": {" ".join(n.split()).casefold() for n in OBJECTIVE_LISTS[i % 3]},
                "parent": parent,
            }
        )
        if i == 20:
            rows.append([None] * len(HEADERS))  # an empty row in the middle is skipped
    # The last two rows update agreements already in the register.
    update_by_code = dict.fromkeys(HEADERS)
    update_by_code.update(
        {
            "Kode": existing[0].code.lower(),
            "Nomor": existing[0].number,
            "Judul": "MoU pengembangan SDM (diperbarui)",
            "Jenis Dokumen": "MoU",
            "Skema": "KSDPK",
            "Mitra": "universitas sriwijaya",
            "Perangkat Daerah": "DISDIK; BAPPEDA",
            "Tahap": "Signed",
            "Tanggal Tanda Tangan": "10/01/2018",
            "Tanggal Mulai": "10 Januari 2018",
            "Tanggal Berakhir": "9 Jan 2023",
            "Nilai (Rp)": "Rp 2.000.000.000",
        }
    )
    update_by_number = dict.fromkeys(HEADERS)
    update_by_number.update(
        {
            "Nomor": f" {existing[1].number} ",
            "Judul": existing[1].title,
            "Jenis Dokumen": "PKS",
            "Skema": "KSDD",
            "Mitra": "Pemerintah Kota Palembang",
            "Tahap": "SIGNED",
            "Tanggal Tanda Tangan": "2020-03-01",
            "Tanggal Mulai": "2020-03-01",
            "Tanggal Berakhir": "28/02/2026",
        }
    )
    rows += [[u[h] for h in HEADERS] for u in (update_by_code, update_by_number)]
    rows += [[None] * len(HEADERS)] * 3  # trailing empty rows are ignored
    return rows, expected


@pytest.fixture
def register(db):
    units = {code: make_unit(code, name) for code, name in UNITS.items()}
    for name, category in PARTNERS.items():
        make_partner(name, category=category)
    unsri = Partner.objects.get(name="Universitas Sriwijaya")
    kota = Partner.objects.get(name="Pemerintah Kota Palembang")
    existing = [
        make_agreement(
            number="010/MOU/2018",
            title="MoU pengembangan SDM",
            kind=AgreementKind.MOU,
            partners=[unsri],
            units=[units["BAPPEDA"]],
            signed_on=date(2018, 1, 10),
            start_date=date(2018, 1, 10),
            end_date=date(2023, 1, 9),
        ),
        make_agreement(
            number="020/PKS/2020",
            title="PKS pengelolaan sampah",
            scheme=Scheme.KSDD,
            partners=[kota],
            signed_on=date(2020, 3, 1),
            start_date=date(2020, 3, 1),
            end_date=date(2025, 2, 28),
        ),
    ]
    return existing


def assert_register_imported(existing, expected):
    assert Agreement.objects.count() == 2 + NEW_ROWS
    for wanted in expected:
        agreement = Agreement.objects.get(number=wanted["number"])
        for field in (
            "title",
            "kind",
            "scheme",
            "stage",
            "signed_on",
            "start_date",
            "end_date",
            "funding",
            "value",
            "is_public",
            "scope",
        ):
            assert getattr(agreement, field) == wanted[field], (wanted["number"], field)
        assert {p.name for p in agreement.partners.all()} == wanted["partners"]
        assert {u.code for u in agreement.units.all()} == wanted["units"]
        assert agreement.lead_unit.code == wanted["lead"]
        assert {s.name.casefold() for s in agreement.sectors.all()} == wanted["sectors"]
        assert {o.name.casefold() for o in agreement.objectives.all()} == wanted["objectives"]
        if wanted["parent"] is None:
            assert agreement.parent is None
        else:
            assert wanted["parent"] in (agreement.parent.number, agreement.parent.code)
        assert agreement.code.startswith("KS-")
    mou = Agreement.objects.get(pk=existing[0].pk)
    assert mou.title == "MoU pengembangan SDM (diperbarui)"
    assert mou.value == Decimal("2000000000")
    assert [link.unit.code for link in mou.agreement_units.order_by("-is_lead")][0] == "DISDIK"
    assert {u.code for u in mou.units.all()} == {"DISDIK", "BAPPEDA"}
    pks = Agreement.objects.get(pk=existing[1].pk)
    assert pks.end_date == date(2026, 2, 28)
    assert pks.code == existing[1].code
    # No partner or unit was created on the way.
    assert Partner.objects.count() == len(PARTNERS)
    assert Unit.objects.count() == len(UNITS)


def run_import(path, resource=AGREEMENTS, **options):
    call_command("import", resource, path, **options)


def test_the_clerks_register_through_the_command(register, tmp_path, capsys):
    rows, expected = clerk_register(register)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    entries_of_updated = register[1].history.count()

    run_import(path)

    assert "46 baru, 2 diubah" in capsys.readouterr().out
    assert_register_imported(register, expected)
    created = Agreement.objects.get(number=expected[0]["number"])
    # One row, one history entry: its fields and links together, marked as an import.
    entries = list(created.history.all())
    assert [entry.history_type for entry in entries] == ["+"]
    assert entries[0].history_change_reason == "Impor spreadsheet"
    assert entries[0].partners.count() == created.partners.count() > 0
    assert entries[0].units.count() == created.units.count()
    updated = Agreement.objects.get(pk=register[1].pk).history
    assert updated.count() == entries_of_updated + 1
    assert updated.first().history_type == "~"


def test_importing_the_same_file_again_changes_nothing(register, tmp_path, capsys):
    rows, _expected = clerk_register(register)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    run_import(path)
    capsys.readouterr()
    before = register_dump()

    run_import(path)

    assert "0 baru, 0 diubah, 48 tidak berubah" in capsys.readouterr().out
    assert register_dump() == before


def test_the_clerks_register_as_indonesian_excel_csv(register, tmp_path):
    rows, expected = clerk_register(register)
    as_text = [[_csv_cell(value) for value in row] for row in rows]
    path = write_file(tmp_path, "register.csv", csv_bytes(as_text, delimiter=";", bom=True))

    run_import(path)

    assert_register_imported(register, expected)


def _csv_cell(value):
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def test_dry_run_writes_nothing(register, tmp_path, capsys):
    rows, _expected = clerk_register(register)
    path = write_file(tmp_path, "register.xlsx", xlsx_bytes(rows))
    before = register_dump()

    run_import(path, dry_run=True)

    assert "46 baru" in capsys.readouterr().out
    assert register_dump() == before


def _replace(rows, row_number, header, value):
    rows = [list(row) for row in rows]
    rows[row_number - 1][HEADERS.index(header)] = value
    return rows


def _bad_cases(existing):
    """(change to the good register, the row and column that must be named, a word of
    the message). Row numbers are Excel's: the header is row 1."""
    return [
        ("Nilai (Rp)", 5, "satu juta", "satu juta"),
        ("Mitra", 6, "Universitas Sriwjaya", "Universitas Sriwijaya"),
        ("Perangkat Daerah", 7, "DINKES; Dinas Kesehtan", "Dinas Kesehatan"),
        ("Induk", 20, "999/KB/BAPPEDA/2019", "999/KB/BAPPEDA/2019"),
        ("Tanggal Berakhir", 3, "01/01/2018", None),
        ("Tanggal Mulai", 4, "31/02/2019", "31/02/2019"),
        ("Kode", 9, "KS-2019-9999", "KS-2019-9999"),
        ("Nomor", 10, "001/KB/BAPPEDA/2019", "001/KB/BAPPEDA/2019"),
        ("Jenis Dokumen", 11, "Surat Edaran", "Surat Edaran"),
        ("Judul", 12, "   ", None),
        ("Publik", 13, "mungkin", "mungkin"),
        ("Bidang", 14, "Pendidkan", "Pendidikan"),
    ]


BAD_CASE_IDS = [
    "bad amount",
    "unknown partner",
    "unknown unit",
    "unknown parent",
    "end before start",
    "impossible date",
    "unknown code",
    "duplicate number",
    "unknown kind",
    "blank title",
    "bad yes-no",
    "unknown sector",
]


@pytest.mark.parametrize("case", range(len(BAD_CASE_IDS)), ids=BAD_CASE_IDS)
def test_each_bad_input_is_refused_by_the_command(case, register, tmp_path, capsys):
    rows, _expected = clerk_register(register)
    header, row_number, value, word = _bad_cases(register)[case]
    path = write_file(tmp_path, "bad.xlsx", xlsx_bytes(_replace(rows, row_number, header, value)))
    before = register_dump()

    with pytest.raises(CommandError):
        run_import(path)

    errors = capsys.readouterr().err
    line = next(line for line in errors.splitlines() if f"“{header}”" in line)
    assert re.search(rf"\b{row_number}\b", line)
    if word:
        assert word in line
    assert register_dump() == before


def test_every_problem_of_a_file_is_listed(register, tmp_path, capsys):
    rows, _expected = clerk_register(register)
    rows = _replace(rows, 3, "Nilai (Rp)", "banyak")
    rows = _replace(rows, 30, "Mitra", "Mitra Fiktif")
    rows = _replace(rows, 45, "Tanggal Mulai", "kemarin")
    path = write_file(tmp_path, "bad.xlsx", xlsx_bytes(rows))

    with pytest.raises(CommandError):
        run_import(path)

    errors = capsys.readouterr().err
    for row_number, header in ((3, "Nilai (Rp)"), (30, "Mitra"), (45, "Tanggal Mulai")):
        assert any(
            re.search(rf"\b{row_number}\b", line) and f"“{header}”" in line
            for line in errors.splitlines()
        ), (row_number, header)
    assert Agreement.objects.count() == 2


def test_a_row_naming_an_agreement_by_kode_and_another_by_its_nomor_is_refused(
    register, tmp_path, capsys
):
    mou = register[0]
    rows = [
        ["Kode", "Nomor", "Judul", "Jenis Dokumen", "Skema", "Mitra", "Tahap"],
        [mou.code, mou.number, "A", "MOU", "KSDPK", "Universitas Sriwijaya", "Drafting"],
        ["", mou.number, "B", "MOU", "KSDPK", "Universitas Sriwijaya", "Drafting"],
    ]
    path = write_file(tmp_path, "twice.xlsx", xlsx_bytes(rows))
    before = register_dump()

    with pytest.raises(CommandError):
        run_import(path)

    assert "“Nomor”" in capsys.readouterr().err
    assert register_dump() == before


# --- Through the admin ------------------------------------------------------------------


def admin_upload(client, data, filename, model="agreements/agreement", format_index=0):
    from io import BytesIO

    upload = BytesIO(data)
    upload.name = filename
    return client.post(
        f"/admin/{model}/import/",
        {"resource": "0", "format": str(format_index), "import_file": upload},
    )


def admin_confirm(client, preview, model="agreements/agreement"):
    form = preview.context["confirm_form"]
    return client.post(
        f"/admin/{model}/process_import/",
        {name: form.initial[name] for name in form.fields},
    )


@pytest.fixture
def clerk_client(client, db, media_root):
    clerk = make_user("clerk", role=PENGELOLA)
    client.force_login(clerk)
    client.clerk = clerk
    return client


def test_the_clerks_register_through_the_admin(register, clerk_client):
    rows, expected = clerk_register(register)
    before = register_dump()

    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")

    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None
    result = preview.context["result"]
    assert result.totals["new"] == 46 and result.totals["update"] == 2
    assert register_dump() == before  # the preview wrote nothing

    done = admin_confirm(clerk_client, preview)

    assert done.status_code == 302
    assert_register_imported(register, expected)
    changed = Agreement.objects.get(pk=register[0].pk).history.first()
    assert changed.history_user == clerk_client.clerk
    assert changed.history_change_reason == "Impor spreadsheet"


def test_reimporting_through_the_admin_changes_nothing(register, clerk_client):
    rows, _expected = clerk_register(register)
    admin_confirm(clerk_client, admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx"))
    before = register_dump()

    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    admin_confirm(clerk_client, preview)

    assert preview.context["result"].totals["skip"] == 48
    assert register_dump() == before


@pytest.mark.parametrize("case", range(len(BAD_CASE_IDS)), ids=BAD_CASE_IDS)
def test_each_bad_input_is_refused_by_the_admin(case, register, clerk_client):
    rows, _expected = clerk_register(register)
    header, row_number, value, word = _bad_cases(register)[case]
    before = register_dump()

    response = admin_upload(
        clerk_client, xlsx_bytes(_replace(rows, row_number, header, value)), "bad.xlsx"
    )

    assert response.status_code == 200
    assert not response.context.get("confirm_form")
    problems = response.context["problems"]
    assert any(p.row == row_number and p.column == header for p in problems), problems
    if word:
        assert word in response.content.decode()
    assert register_dump() == before


def test_a_confirmation_that_meets_a_problem_writes_nothing(register, clerk_client):
    rows, _expected = clerk_register(register)
    preview = admin_upload(clerk_client, xlsx_bytes(rows), "register.xlsx")
    # Between preview and confirmation someone renames a partner the file refers to.
    Partner.objects.filter(name="PT Semen Baturaja").update(
        name="PT Semen Baturaja Tbk", name_key="pt semen baturaja tbk"
    )
    before = register_dump()

    response = admin_confirm(clerk_client, preview)

    assert response.status_code == 200
    assert any(p.column == "Mitra" for p in response.context["problems"])
    assert register_dump() == before


def test_uploads_of_previews_never_confirmed_are_removed_after_a_day(clerk_client, media_root):
    folder = media_root / "django-import-export"
    folder.mkdir(parents=True)
    stale, fresh = folder / "a-preview-of-last-week", folder / "a-preview-of-now"
    stale.write_bytes(b"register")
    fresh.write_bytes(b"register")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))

    page = clerk_client.get("/admin/agreements/agreement/import/")

    assert page.status_code == 200
    assert not stale.exists()
    assert fresh.exists()  # somebody may still confirm it


def test_pimpinan_may_not_import(db, client, media_root):
    client.force_login(make_user(role=PIMPINAN))
    assert client.get(reverse("admin:agreements_agreement_import")).status_code == 403
    rows = [["Kode", "Nama"], ["BAPPEDA", "Badan Perencanaan Pembangunan Daerah"]]
    response = admin_upload(client, xlsx_bytes(rows), "u.xlsx", "agreements/unit")
    assert response.status_code == 403
    assert not Unit.objects.exists()


# --- Units, partners and reports -----------------------------------------------------


def test_units_by_code(db, tmp_path, capsys):
    make_unit("BAPPEDA", "Bappeda lama")
    rows = [
        ["Kode", "Nama", "Email", "Aktif"],
        ["bappeda", "Badan Perencanaan  Pembangunan Daerah", "bappeda@muaraenim.go.id", "Ya"],
        ["DINKES", "Dinas Kesehatan", None, "Tidak"],
    ]
    run_import(
        write_file(tmp_path, "u.xlsx", xlsx_bytes(rows)), "agreements.resources.UnitResource"
    )

    assert "1 baru, 1 diubah" in capsys.readouterr().out
    bappeda = Unit.objects.get(code="BAPPEDA")
    assert bappeda.name == "Badan Perencanaan Pembangunan Daerah"
    assert Unit.objects.get(code="DINKES").is_active is False


def test_partners_by_name_whatever_the_case_and_spacing(db, tmp_path):
    make_partner("Universitas Sriwijaya", address="Palembang")
    rows = [
        ["Nama", "Kategori", "Alamat"],
        ["UNIVERSITAS  sriwijaya", "University", "Jl. Srijaya Negara, Palembang"],
        ["PT Semen Baturaja", "bums", None],
    ]
    run_import(
        write_file(tmp_path, "p.csv", csv_bytes(rows, delimiter=",", bom=False)),
        "agreements.resources.PartnerResource",
    )

    assert Partner.objects.count() == 2
    assert Partner.objects.get(name_key="universitas sriwijaya").address.startswith("Jl.")
    semen = Partner.objects.get(name="PT Semen Baturaja")
    assert semen.category == PartnerCategory.PRIVATE
    assert semen.country == "Indonesia"


REPORT_HEADERS = ["Kode Kerja Sama", "Perangkat Daerah", "Tahun", "Semester", "Kegiatan"]


def test_reports_by_agreement_unit_year_and_semester(db, tmp_path):
    bappeda = make_unit("BAPPEDA")
    agreement = make_agreement(number="5/PKS/2020", units=[bappeda])
    rows = [
        [*REPORT_HEADERS, "Anggaran (Rp)", "Status"],
        [agreement.code, "bappeda", 2020, 1, "Rapat", "Rp 25.000.000", "Diajukan"],
        ["5/PKS/2020", "BAPPEDA", "2020", "2", "Pelatihan", "1.000.000,50", None],
    ]
    run_import(write_file(tmp_path, "r.xlsx", xlsx_bytes(rows)), "reports.resources.ReportResource")

    first, second = Report.objects.order_by("semester")
    assert (first.year, first.semester, first.budget) == (2020, 1, Decimal("25000000"))
    assert first.status == "SUBMITTED"
    assert first.submitted_at is not None  # handed in, as through the form
    assert second.budget == Decimal("1000000.50")
    assert second.status == "DRAFT"
    assert second.submitted_at is None


def test_a_report_verified_by_import_records_the_clerk_as_verifier(db, client, media_root):
    unit = make_unit("BAPPEDA")
    report = make_report(make_agreement(units=[unit]), unit, year=2020, semester=1)
    clerk = make_user("clerk", role=PENGELOLA)
    client.force_login(clerk)
    rows = [
        [*REPORT_HEADERS, "Status"],
        [report.agreement.code, "BAPPEDA", 2020, 1, report.activities, "Diverifikasi"],
    ]

    preview = admin_upload(client, xlsx_bytes(rows), "r.xlsx", model="reports/report")
    admin_confirm(client, preview, model="reports/report")

    report.refresh_from_db()
    assert report.status == "VERIFIED"
    assert report.verified_by == clerk
    assert report.verified_at is not None


def test_an_operator_imports_only_their_own_units_reports(db, client, media_root):
    bappeda, dinkes = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement(units=[bappeda, dinkes])
    operator = make_user(role=OPERATOR, unit=bappeda)
    client.force_login(operator)
    rows = [
        REPORT_HEADERS,
        [agreement.code, "BAPPEDA", 2020, 1, "Rapat koordinasi"],
        [agreement.code, "DINKES", 2020, 1, "Penyuluhan"],
    ]

    response = admin_upload(client, xlsx_bytes(rows), "r.xlsx", "reports/report")

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, "Perangkat Daerah")]
    assert Report.objects.count() == 0

    response = admin_upload(client, xlsx_bytes(rows[:2]), "r.xlsx", "reports/report")
    admin_confirm(client, response, "reports/report")
    assert Report.objects.get().unit == bappeda
