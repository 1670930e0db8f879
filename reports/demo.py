"""The demo register of ``manage.py load_demo``: Kabupaten Muara Enim's cooperation.

It reproduces the README's figures: 28 documents signed in 2017–2018; 20 signed in 2019, of which 7
with other governments, 5 with universities and 8 with BUMN/BUMS/BUMD; a few more in
exploration or drafting; a trip abroad of the regent, the DPRD leadership and civil
servants. Names of officials are invented. Each row has a natural key (unit code,
partner name, document number — or the title while a document has no number yet) so
that loading twice changes nothing.

End dates given as ``FromToday(days)`` are counted from ``clock.today()`` when the demo
is loaded, so the register always has agreements that are about to expire.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from agreements.choices import (
    AgreementKind,
    Funding,
    ParticipantInstitution,
    PartnerCategory,
    Stage,
)
from reports.choices import Recommendation, ReportStatus

DEMO_PASSWORD = "kerjasama-demo"


@dataclass(frozen=True)
class FromToday:
    """A date ``days`` after the day the demo is loaded."""

    days: int


@dataclass(frozen=True)
class DemoAgreement:
    number: str
    kind: str
    title: str
    partners: list
    units: list  # the first one leads
    sectors: list = field(default_factory=list)
    objectives: list = field(default_factory=list)
    signed_on: date | None = None
    end_date: date | FromToday | None = None
    stage: str = Stage.SIGNED
    funding: str = Funding.SHARED
    value: Decimal | None = None
    parent: str = ""  # the parent's number
    scope: str = ""
    notes: str = ""
    needs_dprd_approval: bool = False
    dprd_approved_on: date | None = None
    is_public: bool = False


@dataclass(frozen=True)
class DemoReport:
    agreement: str  # the agreement's number
    unit: str
    year: int
    semester: int
    status: str
    activities: str
    outputs: str = ""
    benefits: str = ""
    budget: Decimal | None = None
    spending: Decimal | None = None
    obstacles: str = ""
    follow_up: str = ""
    verifier_note: str = ""


def rp(amount):
    return Decimal(amount)


UNITS = [
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "bappeda"),
    ("SETDA-KS", "Bagian Kerja Sama Sekretariat Daerah", "kerjasama"),
    ("DISDIK", "Dinas Pendidikan", "disdik"),
    ("DINKES", "Dinas Kesehatan", "dinkes"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dpupr"),
    ("DISPERKIM", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "disperkim"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dpmptsp"),
    ("DISTAN", "Dinas Pertanian", "distan"),
    ("DISPAR", "Dinas Pariwisata", "dispar"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "dpmd"),
    ("DISHUB", "Dinas Perhubungan", "dishub"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "diskominfo"),
    ("DLH", "Dinas Lingkungan Hidup", "dlh"),
    ("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "diskopukm"),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "disnakertrans"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
    ("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "dppkb"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "bpkad"),
    ("BAPENDA", "Badan Pendapatan Daerah", "bapenda"),
]
# Reserved for examples (RFC 2606): demo reminders must never reach a real mailbox.
UNIT_EMAIL_DOMAIN = "muaraenim.example"

_R, _C, _U = (
    PartnerCategory.REGIONAL_GOV,
    PartnerCategory.CENTRAL_GOV,
    PartnerCategory.UNIVERSITY,
)
_N, _D, _P = PartnerCategory.BUMN, PartnerCategory.BUMD, PartnerCategory.PRIVATE

# (name, category, country, address)
PARTNERS = [
    ("Pemerintah Provinsi Sumatera Selatan", _R, "Indonesia", "Jl. Kapten A. Rivai, Palembang"),
    ("Pemerintah Kota Palembang", _R, "Indonesia", "Jl. Merdeka No. 1, Palembang"),
    ("Pemerintah Kota Prabumulih", _R, "Indonesia", "Jl. Jenderal Sudirman, Prabumulih"),
    ("Pemerintah Kota Pagar Alam", _R, "Indonesia", "Jl. Laskar Wanita, Pagar Alam"),
    ("Pemerintah Kabupaten Lahat", _R, "Indonesia", "Jl. Kolonel H. Barlian, Lahat"),
    ("Pemerintah Kabupaten Ogan Komering Ulu", _R, "Indonesia", "Jl. Jenderal A. Yani, Baturaja"),
    ("Pemerintah Kabupaten Penukal Abab Lematang Ilir", _R, "Indonesia", "Talang Ubi"),
    (
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        _C,
        "Indonesia",
        "Jl. TMP Kalibata No. 17, Jakarta Selatan",
    ),
    ("Kementerian Pertanian", _C, "Indonesia", "Jl. Harsono RM No. 3, Jakarta Selatan"),
    (
        "Kementerian Pekerjaan Umum dan Perumahan Rakyat",
        _C,
        "Indonesia",
        "Jl. Pattimura No. 20, Jakarta Selatan",
    ),
    ("Badan Pusat Statistik", _C, "Indonesia", "Jl. Dr. Sutomo No. 6-8, Jakarta Pusat"),
    (
        "Badan Kependudukan dan Keluarga Berencana Nasional",
        _C,
        "Indonesia",
        "Jl. Permata No. 1, Jakarta Timur",
    ),
    (
        "Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
        _C,
        "Indonesia",
        "Jl. Medan Merdeka Utara No. 7, Jakarta Pusat",
    ),
    ("Universitas Sriwijaya", _U, "Indonesia", "Jl. Raya Palembang–Prabumulih KM 32, Indralaya"),
    ("Universitas Muhammadiyah Palembang", _U, "Indonesia", "Jl. Jenderal A. Yani, Palembang"),
    ("Politeknik Negeri Sriwijaya", _U, "Indonesia", "Jl. Srijaya Negara, Palembang"),
    ("Universitas PGRI Palembang", _U, "Indonesia", "Jl. Jenderal A. Yani, Palembang"),
    (
        "Universitas Islam Negeri Raden Fatah Palembang",
        _U,
        "Indonesia",
        "Jl. Prof. K.H. Zainal Abidin Fikri, Palembang",
    ),
    ("Institut Pertanian Bogor", _U, "Indonesia", "Jl. Raya Dramaga, Bogor"),
    ("Universitas Gadjah Mada", _U, "Indonesia", "Bulaksumur, Yogyakarta"),
    ("PT Bukit Asam Tbk", _N, "Indonesia", "Jl. Parigi No. 1, Tanjung Enim"),
    ("PT Pertamina EP", _N, "Indonesia", "Field Prabumulih, Prabumulih"),
    ("PT PLN (Persero)", _N, "Indonesia", "Jl. Kapten A. Rivai No. 37, Palembang"),
    ("PT Bank Rakyat Indonesia (Persero) Tbk", _N, "Indonesia", "Kantor Cabang Muara Enim"),
    ("PT Telkom Indonesia (Persero) Tbk", _N, "Indonesia", "Witel Sumatera Selatan, Palembang"),
    ("PT Pupuk Sriwidjaja Palembang", _N, "Indonesia", "Jl. Mayor Zen, Palembang"),
    ("PT Pos Indonesia (Persero)", _N, "Indonesia", "Kantor Pos Muara Enim"),
    ("Bank Sumsel Babel", _D, "Indonesia", "Kantor Cabang Muara Enim"),
    ("Perumda Air Minum Lematang Enim", _D, "Indonesia", "Muara Enim"),
    ("PT Jamkrida Sumsel", _D, "Indonesia", "Palembang"),
    ("PT Medco E&P Indonesia", _P, "Indonesia", "South Sumatra Block, Muara Enim"),
    ("PT Supreme Energy Rantau Dedap", _P, "Indonesia", "Semende Darat Ulu, Muara Enim"),
    (
        "Palang Merah Indonesia Kabupaten Muara Enim",
        PartnerCategory.COMMUNITY,
        "Indonesia",
        "Muara Enim",
    ),
    ("Pemerintah Kota Kitakyushu", PartnerCategory.FOREIGN_GOV, "Jepang", "Kitakyushu, Fukuoka"),
    (
        "Japan International Cooperation Agency (JICA)",
        PartnerCategory.FOREIGN_ORG,
        "Jepang",
        "Kantor Perwakilan Indonesia, Jakarta",
    ),
]

_KB, _NK, _PKS, _LOI = AgreementKind.KB, AgreementKind.NK, AgreementKind.PKS, AgreementKind.LOI
UNSRI, PTBA = "Universitas Sriwijaya", "PT Bukit Asam Tbk"
KEMENDES = "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi"
SUMSEL = "Pemerintah Provinsi Sumatera Selatan"
PALEMBANG = "Pemerintah Kota Palembang"

# Objectives, as seeded by the migration.
EFFICIENCY = "Efisiensi"
EFFECTIVENESS = "Efektivitas"
MUTUAL = "Saling menguntungkan"
ECONOMY = "Menumbuhkan perekonomian daerah"
INVESTMENT = "Meningkatkan investasi"
REVENUE = "Meningkatkan pendapatan daerah"
WELFARE = "Kesejahteraan masyarakat"
SERVICE = "Percepatan pelayanan publik"

_A = DemoAgreement

# One row per document, packed like a register table rather than one argument a line.
# fmt: off
AGREEMENTS_2017 = [
    _A("180/001/KB/Setda/2017", _KB,
       "Pengembangan pendidikan, penelitian dan pengabdian kepada masyarakat", [UNSRI],
       ["BAPPEDA", "DISDIK"], ["Pendidikan"], [MUTUAL, WELFARE], date(2017, 2, 14),
       date(2022, 2, 13), is_public=True,
       scope="Tridharma perguruan tinggi untuk pembangunan daerah."),
    _A("180/002/PKS/Setda/2017", _PKS, "Kuliah Kerja Nyata tematik Desa Membangun", [UNSRI],
       ["DPMD"], ["Pemberdayaan Masyarakat dan Desa"], [WELFARE], date(2017, 3, 20),
       date(2019, 3, 19), funding=Funding.APBD, value=rp(250_000_000),
       parent="180/001/KB/Setda/2017"),
    _A("180/003/KB/Setda/2017", _KB, "Program tanggung jawab sosial dan lingkungan perusahaan",
       [PTBA], ["BAPPEDA", "DLH"], ["Lingkungan Hidup", "Pemberdayaan Masyarakat dan Desa"],
       [WELFARE, MUTUAL], date(2017, 4, 10), None, funding=Funding.PARTNER, is_public=True),
    _A("180/004/PKS/Setda/2017", _PKS,
       "Beasiswa pendidikan siswa berprestasi di sekitar wilayah tambang", [PTBA], ["DISDIK"],
       ["Pendidikan"], [WELFARE], date(2017, 7, 3), date(2020, 7, 2), funding=Funding.PARTNER,
       value=rp(1_200_000_000), parent="180/003/KB/Setda/2017"),
    _A("180/005/KB/Setda/2017", _KB, "Pembangunan wilayah perbatasan",
       ["Pemerintah Kabupaten Lahat"], ["DPUPR", "BAPPEDA"],
       ["Pekerjaan Umum dan Penataan Ruang", "Perhubungan"], [EFFICIENCY, MUTUAL],
       date(2017, 5, 8), date(2022, 5, 7)),
    _A("180/006/NK/Setda/2017", _NK, "Percepatan pembangunan desa dan kawasan perdesaan",
       [KEMENDES], ["DPMD"], ["Pemberdayaan Masyarakat dan Desa"], [WELFARE], date(2017, 6, 12),
       date(2020, 6, 11), funding=Funding.APBN),
    _A("180/007/PKS/Setda/2017", _PKS,
       "Pengelolaan rekening kas umum daerah dan layanan perbankan", ["Bank Sumsel Babel"],
       ["BPKAD"], [], [EFFICIENCY], date(2017, 1, 16), date(2020, 1, 15), funding=Funding.NONE),
    _A("180/008/PKS/Setda/2017", _PKS, "Penerangan jalan umum dan listrik desa",
       ["PT PLN (Persero)"], ["DISHUB", "DPUPR"],
       ["Perhubungan", "Energi dan Sumber Daya Mineral"], [SERVICE], date(2017, 8, 21),
       date(2020, 8, 20), value=rp(3_500_000_000)),
    _A("180/009/KB/Setda/2017", _KB, "Peningkatan kapasitas aparatur dan kajian kebijakan daerah",
       ["Universitas Muhammadiyah Palembang"], ["BAPPEDA"], ["Pendidikan"], [EFFECTIVENESS],
       date(2017, 9, 11), date(2020, 9, 10)),
    _A("180/010/PKS/Setda/2017", _PKS, "Pengembangan desa mandiri energi", ["PT Pertamina EP"],
       ["DPMD", "DLH"], ["Energi dan Sumber Daya Mineral", "Pemberdayaan Masyarakat dan Desa"],
       [WELFARE], date(2017, 10, 2), date(2019, 10, 1), funding=Funding.PARTNER,
       value=rp(850_000_000)),
    _A("180/011/KB/Setda/2017", _KB, "Pengelolaan sampah regional dan penyediaan air bersih",
       ["Pemerintah Kota Prabumulih"], ["DLH", "DPUPR"], ["Lingkungan Hidup"],
       [EFFICIENCY, SERVICE], date(2017, 10, 30), date(2022, 10, 29)),
    _A("180/012/PKS/Setda/2017", _PKS, "Pelayanan donor darah dan kesiapsiagaan bencana",
       ["Palang Merah Indonesia Kabupaten Muara Enim"], ["DINKES"], ["Kesehatan"], [SERVICE],
       date(2017, 11, 13), date(2019, 11, 12), funding=Funding.APBD, value=rp(150_000_000)),
    _A("180/013/PKS/Setda/2017", _PKS, "Penyediaan jaringan internet kantor pemerintahan",
       ["PT Telkom Indonesia (Persero) Tbk"], ["DISKOMINFO"], ["Komunikasi dan Informatika"],
       [EFFICIENCY], date(2017, 12, 4), date(2022, 12, 3), stage=Stage.TERMINATED,
       funding=Funding.APBD, value=rp(600_000_000),
       notes="Dihentikan pada 2019: layanan dialihkan ke jaringan pita lebar provinsi."),
]

AGREEMENTS_2018 = [
    _A("180/001/KB/Setda/2018", _KB, "Sinergi pembangunan jalan provinsi di wilayah kabupaten",
       [SUMSEL], ["DPUPR"], ["Pekerjaan Umum dan Penataan Ruang"], [EFFECTIVENESS],
       date(2018, 1, 22), date(2023, 1, 21), is_public=True),
    _A("180/002/PKS/Setda/2018", _PKS, "Pendampingan penyusunan RPJMD 2018–2023", [UNSRI],
       ["BAPPEDA"], [], [EFFECTIVENESS], date(2018, 2, 19), date(2019, 2, 18),
       funding=Funding.APBD, value=rp(475_000_000), parent="180/001/KB/Setda/2017"),
    _A("180/003/PKS/Setda/2018", _PKS, "Pelatihan tenaga kesehatan puskesmas", [UNSRI], ["DINKES"],
       ["Kesehatan"], [SERVICE], date(2018, 3, 12), date(2021, 3, 11), funding=Funding.APBD,
       value=rp(320_000_000), parent="180/001/KB/Setda/2017"),
    _A("180/004/NK/Setda/2018", _NK, "Pengembangan kawasan pertanian padi dan kopi Semendo",
       ["Kementerian Pertanian"], ["DISTAN"], ["Pertanian"], [ECONOMY, WELFARE], date(2018, 4, 2),
       date(2023, 4, 1), funding=Funding.APBN, is_public=True),
    _A("180/005/PKS/Setda/2018", _PKS, "Pengembangan varietas kopi robusta Semendo",
       ["Institut Pertanian Bogor"], ["DISTAN"], ["Pertanian"], [ECONOMY], date(2018, 4, 23),
       date(2021, 4, 22), value=rp(600_000_000)),
    _A("180/006/PKS/Setda/2018", _PKS, "Penyaluran Kredit Usaha Rakyat bagi pelaku UMKM",
       ["PT Bank Rakyat Indonesia (Persero) Tbk"], ["DISKOPUKM"],
       ["Koperasi, Usaha Kecil, dan Menengah"], [ECONOMY], date(2018, 5, 14), date(2021, 5, 13),
       funding=Funding.NONE),
    _A("180/007/KB/Setda/2018", _KB, "Pengembangan pariwisata dan ekonomi kreatif", [PALEMBANG],
       ["DISPAR"], ["Pariwisata"], [ECONOMY, MUTUAL], date(2018, 6, 4), date(2023, 6, 3),
       is_public=True),
    _A("180/008/PKS/Setda/2018", _PKS, "Penyediaan pupuk bersubsidi dan demplot pertanian",
       ["PT Pupuk Sriwidjaja Palembang"], ["DISTAN"], ["Pertanian"], [WELFARE], date(2018, 7, 9),
       date(2020, 7, 8), funding=Funding.PARTNER, value=rp(400_000_000)),
    _A("180/009/PKS/Setda/2018", _PKS, "Penyediaan data statistik sektoral",
       ["Badan Pusat Statistik"], ["DISKOMINFO", "BAPPEDA"], ["Statistik"], [EFFECTIVENESS],
       date(2018, 7, 30), date(2021, 7, 29), funding=Funding.APBD, value=rp(200_000_000)),
    _A("180/010/PKS/Setda/2018", _PKS, "Penyertaan modal dan perluasan jaringan air minum",
       ["Perumda Air Minum Lematang Enim"], ["DPUPR"], ["Perumahan Rakyat dan Kawasan Permukiman"],
       [SERVICE, REVENUE], date(2018, 8, 20), date(2023, 8, 19), funding=Funding.APBD,
       value=rp(5_000_000_000), needs_dprd_approval=True, dprd_approved_on=date(2018, 8, 6)),
    _A("180/011/KB/Setda/2018", _KB, "Pengembangan sumber daya manusia vokasi",
       ["Politeknik Negeri Sriwijaya"], ["DISNAKERTRANS"], ["Tenaga Kerja"], [WELFARE],
       date(2018, 9, 10), date(2023, 9, 9)),
    _A("180/012/PKS/Setda/2018", _PKS, "Kesehatan ibu dan anak di desa sekitar wilayah operasi",
       ["PT Medco E&P Indonesia"], ["DINKES"], ["Kesehatan"], [WELFARE], date(2018, 10, 1),
       date(2020, 9, 30), funding=Funding.PARTNER, value=rp(750_000_000)),
    _A("180/013/PKS/Setda/2018", _PKS, "Pemanfaatan data kependudukan untuk pelayanan publik",
       ["Direktorat Jenderal Kependudukan dan Pencatatan Sipil"], ["DISDUKCAPIL"],
       ["Administrasi Kependudukan dan Pencatatan Sipil"], [SERVICE], date(2018, 10, 22),
       date(2023, 10, 21), funding=Funding.NONE),
    _A("180/014/KB/Setda/2018", _KB, "Pemanfaatan bersama sarana pelayanan kesehatan rujukan",
       ["Pemerintah Kabupaten Penukal Abab Lematang Ilir"], ["DINKES"], ["Kesehatan"],
       [EFFICIENCY, SERVICE], date(2018, 11, 19), date(2023, 11, 18)),
    _A("180/015/PKS/Setda/2018", _PKS,
       "Pengembangan masyarakat sekitar proyek panas bumi Rantau Dedap",
       ["PT Supreme Energy Rantau Dedap"], ["DPMD", "DLH"], ["Energi dan Sumber Daya Mineral"],
       [WELFARE, INVESTMENT], date(2018, 12, 10), date(2021, 12, 9), funding=Funding.PARTNER),
]

# 2019: 7 with governments, 5 with universities, 8 with BUMN/BUMS/BUMD.
AGREEMENTS_2019 = [
    # Governments
    _A("180/001/NK/Setda/2019", _NK, "Pengembangan Badan Usaha Milik Desa dan desa wisata",
       [KEMENDES], ["DPMD", "DISPAR"], ["Pemberdayaan Masyarakat dan Desa", "Pariwisata"],
       [ECONOMY, WELFARE], date(2019, 1, 21), date(2024, 1, 20), funding=Funding.APBN,
       is_public=True),
    _A("180/002/PKS/Setda/2019", _PKS, "Promosi bersama destinasi wisata Sumatera Selatan",
       [PALEMBANG], ["DISPAR"], ["Pariwisata"], [ECONOMY], date(2019, 2, 11), FromToday(25),
       value=rp(300_000_000), parent="180/007/KB/Setda/2018", is_public=True),
    _A("180/003/KB/Setda/2019", _KB, "Penanganan jalan poros antarkabupaten",
       ["Pemerintah Kabupaten Ogan Komering Ulu"], ["DPUPR", "DISHUB"],
       ["Pekerjaan Umum dan Penataan Ruang", "Perhubungan"], [EFFICIENCY, MUTUAL],
       date(2019, 3, 4), None, is_public=True),
    _A("180/004/NK/Setda/2019", _NK,
       "Penyediaan rumah layak huni bagi masyarakat berpenghasilan rendah",
       ["Kementerian Pekerjaan Umum dan Perumahan Rakyat"], ["DISPERKIM"],
       ["Perumahan Rakyat dan Kawasan Permukiman"], [WELFARE], date(2019, 4, 15), FromToday(60),
       funding=Funding.APBN),
    _A("180/005/PKS/Setda/2019", _PKS, "Agrowisata kopi kawasan Semendo–Pagar Alam",
       ["Pemerintah Kota Pagar Alam"], ["DISPAR", "DISTAN"], ["Pariwisata", "Pertanian"],
       [ECONOMY, MUTUAL], date(2019, 5, 6), date(2022, 5, 5)),
    _A("180/006/PKS/Setda/2019", _PKS, "Kampung KB dan pengendalian penduduk",
       ["Badan Kependudukan dan Keluarga Berencana Nasional"], ["DPPKB"],
       ["Pengendalian Penduduk dan Keluarga Berencana"], [WELFARE], date(2019, 7, 8),
       FromToday(700), funding=Funding.APBN),
    _A("180/007/KB/Setda/2019", _KB, "Pelayanan terpadu satu pintu dan kemudahan berusaha",
       [SUMSEL], ["DPMPTSP"], ["Penanaman Modal"], [INVESTMENT, SERVICE], date(2019, 8, 19), None,
       is_public=True),
    # Universities
    _A("180/008/KB/Setda/2019", _KB, "Tridharma perguruan tinggi dan pembangunan daerah", [UNSRI],
       ["BAPPEDA", "DISDIK"], ["Pendidikan"], [MUTUAL, WELFARE], date(2019, 2, 25), FromToday(800),
       is_public=True),
    _A("180/009/PKS/Setda/2019", _PKS, "Kajian potensi investasi Kabupaten Muara Enim", [UNSRI],
       ["DPMPTSP", "BAPPEDA"], ["Penanaman Modal"], [INVESTMENT], date(2019, 6, 17),
       date(2020, 6, 16), funding=Funding.APBD, value=rp(350_000_000),
       parent="180/008/KB/Setda/2019"),
    _A("180/010/PKS/Setda/2019", _PKS, "Peningkatan kompetensi guru sekolah dasar",
       ["Universitas PGRI Palembang"], ["DISDIK"], ["Pendidikan"], [SERVICE], date(2019, 7, 22),
       FromToday(80), funding=Funding.APBD, value=rp(180_000_000)),
    _A("180/011/PKS/Setda/2019", _PKS, "Penyusunan rencana induk pembangunan pariwisata daerah",
       ["Universitas Gadjah Mada"], ["DISPAR"], ["Pariwisata"], [EFFECTIVENESS], date(2019, 9, 9),
       date(2020, 9, 8), funding=Funding.APBD, value=rp(425_000_000)),
    _A("180/012/KB/Setda/2019", _KB, "Penguatan pendidikan karakter generasi muda",
       ["Universitas Islam Negeri Raden Fatah Palembang"], ["DISDIK"], ["Pendidikan"], [WELFARE],
       date(2019, 10, 14), None),
    # BUMN/BUMS/BUMD
    _A("180/013/PKS/Setda/2019", _PKS, "Reklamasi dan revegetasi lahan bekas tambang", [PTBA],
       ["DLH"], ["Lingkungan Hidup"], [WELFARE], date(2019, 1, 28), FromToday(45),
       funding=Funding.PARTNER, value=rp(2_750_000_000), parent="180/003/KB/Setda/2017",
       is_public=True),
    _A("180/014/PKS/Setda/2019", _PKS, "Kelompok tani hutan dan pencegahan kebakaran lahan",
       ["PT Pertamina EP"], ["DLH", "DISTAN"], ["Kehutanan", "Lingkungan Hidup"], [WELFARE],
       date(2019, 3, 18), date(2022, 3, 17), funding=Funding.PARTNER, value=rp(500_000_000)),
    _A("180/015/PKS/Setda/2019", _PKS, "Pembayaran pajak daerah dan retribusi secara elektronik",
       ["Bank Sumsel Babel"], ["BAPENDA", "BPKAD"], [], [REVENUE, SERVICE], date(2019, 4, 29),
       None, funding=Funding.NONE),
    _A("180/016/PKS/Setda/2019", _PKS, "Penyambungan listrik bagi rumah tangga miskin",
       ["PT PLN (Persero)"], ["DISPERKIM"], ["Energi dan Sumber Daya Mineral"], [WELFARE],
       date(2019, 5, 27), date(2021, 5, 26), value=rp(1_100_000_000)),
    _A("180/017/PKS/Setda/2019", _PKS, "Penjaminan kredit usaha mikro dan kecil",
       ["PT Jamkrida Sumsel"], ["DISKOPUKM"], ["Koperasi, Usaha Kecil, dan Menengah"], [ECONOMY],
       date(2019, 7, 29), FromToday(15), funding=Funding.APBD, value=rp(1_000_000_000),
       needs_dprd_approval=True, dprd_approved_on=date(2019, 7, 15)),
    _A("180/018/PKS/Setda/2019", _PKS, "Pelatihan kerja dan penempatan tenaga kerja lokal",
       ["PT Medco E&P Indonesia"], ["DISNAKERTRANS"], ["Tenaga Kerja"], [WELFARE],
       date(2019, 8, 26), None, funding=Funding.PARTNER),
    _A("180/019/PKS/Setda/2019", _PKS, "Kabupaten cerdas dan layanan internet desa",
       ["PT Telkom Indonesia (Persero) Tbk"], ["DISKOMINFO"], ["Komunikasi dan Informatika"],
       [SERVICE, EFFICIENCY], date(2019, 10, 7), FromToday(300), funding=Funding.APBD,
       value=rp(2_400_000_000)),
    _A("180/020/PKS/Setda/2019", _PKS, "Layanan antar dokumen kependudukan ke rumah warga",
       ["PT Pos Indonesia (Persero)"], ["DISDUKCAPIL"],
       ["Administrasi Kependudukan dan Pencatatan Sipil"], [SERVICE], date(2019, 11, 25),
       date(2024, 11, 24), funding=Funding.APBD, value=rp(90_000_000)),
]

# Not signed: no number yet, so the title is their natural key.
AGREEMENTS_UNSIGNED = [
    _A("", _LOI, "Penjajakan pengelolaan sampah rendah emisi", ["Pemerintah Kota Kitakyushu"],
       ["DLH", "SETDA-KS"], ["Lingkungan Hidup"], [EFFICIENCY], stage=Stage.EXPLORATION,
       funding=Funding.NONE),
    _A("", AgreementKind.MOU, "Penjajakan bantuan teknis irigasi dan pertanian terpadu",
       ["Japan International Cooperation Agency (JICA)"], ["DISTAN", "BAPPEDA"], ["Pertanian"],
       [WELFARE], stage=Stage.EXPLORATION, funding=Funding.NONE),
    _A("", _PKS, "Pengembangan sistem informasi desa", [UNSRI], ["DPMD", "DISKOMINFO"],
       ["Pemberdayaan Masyarakat dan Desa", "Komunikasi dan Informatika"], [SERVICE],
       stage=Stage.DRAFTING, parent="180/008/KB/Setda/2019"),
    _A("", _KB, "Pembangunan rumah sakit daerah di Tanjung Enim", [PTBA], ["DINKES"],
       ["Kesehatan"], [SERVICE, WELFARE], stage=Stage.DRAFTING, needs_dprd_approval=True),
]

# fmt: on

AGREEMENTS = AGREEMENTS_2017 + AGREEMENTS_2018 + AGREEMENTS_2019 + AGREEMENTS_UNSIGNED

_S, _V = ReportStatus.SUBMITTED, ReportStatus.VERIFIED

# fmt: off
REPORTS = [
    DemoReport("180/003/KB/Setda/2017", "BAPPEDA", 2019, 1, _V,
               "Rapat koordinasi program CSR dan penetapan desa sasaran.",
               "Daftar 12 desa sasaran.", "Program CSR tepat sasaran."),
    DemoReport("180/003/KB/Setda/2019", "DPUPR", 2019, 2, _V,
               "Survei bersama ruas jalan poros dan penyusunan DED.", "Dokumen DED 14 km.",
               budget=rp(400_000_000), spending=rp(385_000_000)),
    DemoReport("180/003/KB/Setda/2019", "DPUPR", 2020, 1, _V,
               "Pengaspalan ruas Gelumbang–Baturaja tahap I.", "6 km jalan hotmix.",
               "Waktu tempuh berkurang 40 menit.", rp(12_000_000_000), rp(11_250_000_000)),
    DemoReport("180/003/KB/Setda/2019", "DPUPR", 2020, 2, _S,
               "Pengaspalan tahap II dan pemasangan rambu.", "4 km jalan hotmix.",
               budget=rp(8_000_000_000), spending=rp(7_100_000_000),
               obstacles="Curah hujan tinggi pada November."),
    DemoReport("180/007/KB/Setda/2019", "DPMPTSP", 2020, 1, _S,
               "Integrasi perizinan daring dengan sistem OSS provinsi.",
               "Perizinan selesai rata-rata 3 hari."),
    DemoReport("180/007/KB/Setda/2019", "DPMPTSP", 2020, 2, ReportStatus.RETURNED,
               "Sosialisasi kemudahan berusaha.",
               verifier_note="Lampirkan daftar hadir dan jumlah izin yang terbit per bulan."),
    DemoReport("180/008/KB/Setda/2019", "BAPPEDA", 2019, 2, _V,
               "Penyusunan agenda riset daerah bersama LPPM.", "Agenda riset 2020–2022."),
    DemoReport("180/008/KB/Setda/2019", "DISDIK", 2019, 2, ReportStatus.DRAFT,
               "Pendampingan sekolah penggerak oleh dosen FKIP."),
    DemoReport("180/013/PKS/Setda/2019", "DLH", 2019, 1, _V,
               "Penanaman 5.000 bibit di lahan bekas tambang Air Laya.",
               "12 ha lahan direvegetasi.", "Mengurangi erosi dan sedimentasi sungai.",
               obstacles="Musim kemarau panjang.", follow_up="Penyiraman rutin dan penyulaman."),
    DemoReport("180/013/PKS/Setda/2019", "DLH", 2019, 2, _S,
               "Penyulaman bibit dan pemantauan kualitas air.", "Tingkat hidup bibit 85%."),
    DemoReport("180/015/PKS/Setda/2019", "BAPENDA", 2019, 2, _S,
               "Peluncuran pembayaran PBB-P2 melalui kanal elektronik Bank Sumsel Babel.",
               "31% PBB-P2 dibayar elektronik.", "Penerimaan lebih cepat tercatat.",
               follow_up="Perluasan ke pajak restoran."),
]

EVALUATIONS = [
    # (agreement number, year, ratings in RATING_FIELDS order, recommendation, notes)
    ("180/013/PKS/Setda/2019", 2020, (4, 3, 5, 4, 3, 4), Recommendation.CONTINUE,
     "Revegetasi berjalan; perlu indikator kualitas air."),
    ("180/005/PKS/Setda/2019", 2021, (2, 2, 3, 2, 2, 3), Recommendation.REVISE,
     "Kegiatan belum berjalan sejak pandemi; rencana kerja perlu diperbarui."),
]
EVALUATOR = "Tim Monev Kerja Sama Daerah Kabupaten Muara Enim"

_REGENCY, _DPRD = ParticipantInstitution.REGENCY, ParticipantInstitution.DPRD

VISIT = {
    "permit_number": "099/4471/KLN/Setda/2019",
    "purpose": "Studi banding pengelolaan sampah dan penjajakan kerja sama kota hijau",
    "country": "Jepang",
    "city": "Kitakyushu",
    "departure": date(2019, 10, 20),
    "return_date": date(2019, 10, 26),
    "agreement": "Penjajakan pengelolaan sampah rendah emisi",  # its title: not yet numbered
    "outcome": "Kesepakatan menyusun Letter of Intent pengelolaan sampah rendah emisi.",
}
VISIT_PARTICIPANTS = [
    # (name, position, institution, institution name)
    ("H. Syamsul Rizal, S.H., M.M.", "Bupati Muara Enim", _REGENCY, ""),
    ("Ir. Darmawan Saputra", "Ketua DPRD Kabupaten Muara Enim", _DPRD, ""),
    ("Hj. Nurhasanah, S.E.", "Wakil Ketua DPRD Kabupaten Muara Enim", _DPRD, ""),
    ("Dr. Rudi Hartono, M.Si.", "Kepala Bappeda", _REGENCY, ""),
    ("Andi Firmansyah, S.T., M.T.", "Kepala Dinas Lingkungan Hidup", _REGENCY, ""),
    ("Sari Wulandari, S.IP.", "Kepala Bagian Kerja Sama Setda", _REGENCY, ""),
    ("Kenji Watanabe", "Koordinator Program", ParticipantInstitution.OTHER,
     "Pemerintah Kota Kitakyushu"),
]
# fmt: on

# Demo accounts of ``load_demo --with-superuser``: (username, role group, unit code).
DEMO_USERS = [
    ("operator", "Operator OPD", "DPUPR"),
    ("pimpinan", "Pimpinan", None),
]
