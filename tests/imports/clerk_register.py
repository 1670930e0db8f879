"""The clerk-made register the import tests use: ~50 rows in every value form clerks
type, what each row must become, and the bad inputs that must be refused."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.management import call_command

from agreements.choices import AgreementKind, PartnerCategory, Scheme, Stage
from agreements.models import Agreement, Partner, Unit

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


def spelled(name, index):
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
            "Mitra": separator.join(spelled(name, i) for name in partners),
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


def csv_cell(value):
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def replace_cell(rows, row_number, header, value):
    rows = [list(row) for row in rows]
    rows[row_number - 1][HEADERS.index(header)] = value
    return rows


def bad_cases(existing):
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
