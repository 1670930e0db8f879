"""The registers the benchmark measures, written straight into the tables.

A national register is not typed in through forms: rows are generated with a fixed
seed and inserted with one ``executemany`` per table (the ORM's ``bulk_create`` is
several times slower at 500,000 rows and would measure nothing of interest). Shapes
follow what the regency's register holds: most agreements signed, spread over 25
years, 1–3 partners, 1–2 responsible units (one leads), 1–2 affairs and objectives,
about five reports each.
"""

import datetime
import random
from decimal import Decimal

from django.db import connection, transaction

SIZES = {
    "small": {"agreements": 1_000, "partners": 200, "units": 60, "reports": 5_000},
    "large": {"agreements": 100_000, "partners": 5_000, "units": 60, "reports": 500_000},
}
QUICK_SIZES = {
    "small": SIZES["small"],
    "large": {"agreements": 10_000, "partners": 1_000, "units": 60, "reports": 50_000},
}

FIRST_YEAR, LAST_YEAR = 2000, 2025
CATEGORIES = [
    ("REGIONAL_GOV", 30),
    ("CENTRAL_GOV", 10),
    ("UNIVERSITY", 15),
    ("BUMN", 10),
    ("BUMD", 8),
    ("PRIVATE", 15),
    ("COMMUNITY", 6),
    ("FOREIGN_GOV", 2),
    ("FOREIGN_ORG", 2),
    ("OTHER", 2),
]
KINDS = ["KB", "NK", "MOU", "PKS", "PT", "ADD", "LOI"]
SCHEMES = ["KSDD", "KSDPK", "SINERGI", "KSDPL", "KSDLL"]
FUNDINGS = ["APBD", "APBN", "PARTNER", "SHARED", "NONE", ""]
STAGES = [("SIGNED", 85), ("EXPLORATION", 5), ("DRAFTING", 5), ("TERMINATED", 3), ("CANCELLED", 2)]
REPORT_STATUSES = [("VERIFIED", 50), ("SUBMITTED", 25), ("DRAFT", 15), ("RETURNED", 10)]
SUBJECTS = [
    "pengembangan sumber daya manusia",
    "penyediaan air bersih",
    "pembangunan jalan desa",
    "pelayanan kesehatan ibu dan anak",
    "beasiswa pendidikan",
    "promosi pariwisata daerah",
    "peningkatan produksi pertanian",
    "penanaman modal",
    "pengelolaan sampah",
    "transformasi digital pelayanan publik",
]
PLACES = ["Muara Enim", "Lahat", "Palembang", "Prabumulih", "Banyuasin", "Ogan Ilir", "Jakarta"]


def weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def partner_name(index):
    return f"{PLACES[index % len(PLACES)]} Mitra {index:05d}"


def unit_code(index):
    return f"OPD{index:03d}"


class Inserter:
    """One ``executemany`` per batch, values already adapted for the database."""

    BATCH = 5_000

    def __init__(self):
        self.ops = connection.ops
        self._dates = {}

    def date(self, value):
        if value is None:
            return None
        adapted = self._dates.get(value)
        if adapted is None:
            adapted = self._dates[value] = self.ops.adapt_datefield_value(value)
        return adapted

    def datetime(self, value):
        return self.ops.adapt_datetimefield_value(value)

    def decimal(self, value):
        return None if value is None else self.ops.adapt_decimalfield_value(value, 18, 2)

    def insert(self, model, columns, rows):
        # Columns not written here that have a default (a version number, a flag) take
        # it, so that a new field with a default does not break the benchmark.
        defaults = [
            field
            for field in model._meta.concrete_fields
            if field.attname not in columns and field.has_default() and not field.primary_key
        ]
        if defaults:
            columns = [*columns, *(field.attname for field in defaults)]
            extra = tuple(
                field.get_db_prep_save(field.get_default(), connection) for field in defaults
            )
            rows = [row + extra for row in rows]
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.BATCH):
                cursor.executemany(sql, rows[start : start + self.BATCH])

    def reset_sequences(self, *models):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def no_style():
    from django.core.management.color import no_style as style

    return style()


def build(size, seed=12):
    """Fill an empty, migrated database with a register of ``size`` (see SIZES)."""
    from django.contrib.auth import get_user_model

    from agreements.models import (
        Agreement,
        AgreementCodeCounter,
        AgreementUnit,
        Objective,
        Partner,
        Sector,
        Unit,
    )
    from reports.models import Report

    rng = random.Random(seed)
    db = Inserter()
    now = db.datetime(datetime.datetime.now(datetime.UTC))
    with transaction.atomic():
        get_user_model().objects.create_superuser("bench", "bench@example.invalid", "bench")
        db.insert(
            Unit,
            ["id", "code", "name", "email", "is_active"],
            [
                (i, unit_code(i), f"Dinas Daerah Nomor {i:03d}", f"opd{i}@muaraenim.example", True)
                for i in range(1, size["units"] + 1)
            ],
        )
        db.insert(
            Partner,
            ["id", "name", "name_key", "category", "country", "address", "contact_person"]
            + ["email", "phone", "notes"],
            [
                (i, partner_name(i), partner_name(i).casefold(), weighted(rng, CATEGORIES))
                + ("Indonesia", "", "", "", "", "")
                for i in range(1, size["partners"] + 1)
            ],
        )
        sectors = list(Sector.objects.values_list("pk", flat=True))
        objectives = list(Objective.objects.values_list("pk", flat=True))

        agreements, partner_links, unit_links, sector_links, objective_links = [], [], [], [], []
        reports, counters = [], {}
        report_id = 0
        for pk in range(1, size["agreements"] + 1):
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
            stage = weighted(rng, STAGES)
            signed = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            has_dates = stage in ("SIGNED", "TERMINATED")
            start = signed + datetime.timedelta(days=rng.randint(0, 30))
            end = (
                start + datetime.timedelta(days=365 * rng.randint(1, 5))
                if rng.random() < 0.9
                else None
            )
            counters[year] = counters.get(year, 0) + 1
            code = f"KS-{year}-{counters[year]:04d}"
            number = f"{pk}/KS/{year}" if rng.random() < 0.9 else ""
            subject = rng.choice(SUBJECTS)
            value = Decimal(rng.randint(1, 5000) * 1_000_000) if rng.random() < 0.6 else None
            agreements.append(
                (
                    pk,
                    code,
                    number,
                    f"PKS/{pk}" if number else "",
                    f"Kerja sama {subject} dengan {partner_name(pk % size['partners'] + 1)}",
                    f"Ruang lingkup: {subject}.",
                    "",
                    rng.choice(KINDS),
                    rng.choice(SCHEMES),
                    stage,
                    db.date(signed if has_dates else None),
                    db.date(start if has_dates else None),
                    db.date(end if has_dates else None),
                    rng.choice(FUNDINGS),
                    db.decimal(value),
                    False,
                    rng.random() < 0.3,
                    now,
                    now,
                )
            )
            for partner in rng.sample(range(1, size["partners"] + 1), rng.choice([1, 1, 2, 3])):
                partner_links.append((pk, partner))
            units = rng.sample(range(1, size["units"] + 1), rng.choice([1, 1, 2]))
            for position, unit in enumerate(units):
                unit_links.append((pk, unit, position == 0))
            for sector in rng.sample(sectors, rng.choice([1, 2])):
                sector_links.append((pk, sector))
            for objective in rng.sample(objectives, rng.choice([0, 1, 2])):
                objective_links.append((pk, objective))
            # About reports/agreements reports each, spread over the units and semesters.
            count = round(size["reports"] * pk / size["agreements"]) - report_id
            first = max(year, 2019) * 2
            for index in range(count):
                report_id += 1
                semester_index = first + index // len(units)
                status = weighted(rng, REPORT_STATUSES)
                reports.append(
                    (
                        report_id,
                        pk,
                        units[index % len(units)],
                        semester_index // 2,
                        semester_index % 2 + 1,
                        f"Kegiatan {subject} semester {semester_index % 2 + 1}.",
                        "",
                        "",
                        "",
                        "",
                        status,
                        "Lengkapi lampiran." if status == "RETURNED" else "",
                        now,
                        now,
                    )
                )
        db.insert(
            Agreement,
            ["id", "code", "number", "partner_number", "title", "scope", "notes", "kind"]
            + ["scheme", "stage", "signed_on", "start_date", "end_date", "funding", "value"]
            + ["needs_dprd_approval", "is_public", "created_at", "updated_at"],
            agreements,
        )
        db.insert(Agreement.partners.through, ["agreement_id", "partner_id"], partner_links)
        db.insert(AgreementUnit, ["agreement_id", "unit_id", "is_lead"], unit_links)
        db.insert(Agreement.sectors.through, ["agreement_id", "sector_id"], sector_links)
        db.insert(Agreement.objectives.through, ["agreement_id", "objective_id"], objective_links)
        db.insert(
            Report,
            ["id", "agreement_id", "unit_id", "year", "semester", "activities", "outputs"]
            + [
                "benefits",
                "obstacles",
                "follow_up",
                "status",
                "verifier_note",
                "created_at",
                "updated_at",
            ],
            reports,
        )
        AgreementCodeCounter.objects.bulk_create(
            AgreementCodeCounter(year=year, last_number=last) for year, last in counters.items()
        )
        db.reset_sequences(Unit, Partner, Agreement, Report)
    # Fresh statistics, as a register that has lived for years would have.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "agreements": len(agreements),
        "partners": size["partners"],
        "units": size["units"],
        "reports": len(reports),
        "partner_links": len(partner_links),
        "unit_links": len(unit_links),
    }
