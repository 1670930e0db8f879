"""Seed the government affairs of UU 23/2014 and the regency's stated objectives.

Both lists stay editable in the admin; this only fills an empty register.
"""

from django.db import migrations

SECTORS = [
    # Urusan wajib, pelayanan dasar
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum dan Penataan Ruang",
    "Perumahan Rakyat dan Kawasan Permukiman",
    "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
    "Sosial",
    # Urusan wajib, non pelayanan dasar
    "Tenaga Kerja",
    "Pemberdayaan Perempuan dan Pelindungan Anak",
    "Pangan",
    "Pertanahan",
    "Lingkungan Hidup",
    "Administrasi Kependudukan dan Pencatatan Sipil",
    "Pemberdayaan Masyarakat dan Desa",
    "Pengendalian Penduduk dan Keluarga Berencana",
    "Perhubungan",
    "Komunikasi dan Informatika",
    "Koperasi, Usaha Kecil, dan Menengah",
    "Penanaman Modal",
    "Kepemudaan dan Olahraga",
    "Statistik",
    "Persandian",
    "Kebudayaan",
    "Perpustakaan",
    "Kearsipan",
    # Urusan pilihan
    "Kelautan dan Perikanan",
    "Pariwisata",
    "Pertanian",
    "Kehutanan",
    "Energi dan Sumber Daya Mineral",
    "Perdagangan",
    "Perindustrian",
    "Transmigrasi",
]

OBJECTIVES = [
    "Efisiensi",
    "Efektivitas",
    "Saling menguntungkan",
    "Menumbuhkan perekonomian daerah",
    "Meningkatkan investasi",
    "Meningkatkan pendapatan daerah",
    "Kesejahteraan masyarakat",
    "Percepatan pelayanan publik",
]


def seed(apps, schema_editor):
    Sector = apps.get_model("agreements", "Sector")
    Objective = apps.get_model("agreements", "Objective")
    for name in SECTORS:
        Sector.objects.get_or_create(name=name)
    for name in OBJECTIVES:
        Objective.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
