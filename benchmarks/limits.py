"""The physical limit of each job on this machine, to measure the product against.

- Export: XlsxWriter in ``constant_memory`` mode writing cell values already in memory
  (no database, no formatting decisions beyond what XlsxWriter itself does per type).
- Import: openpyxl in read-only mode reading the file, then ``bulk_create`` of the bare
  rows and their links (names looked up in dictionaries built by one query each; no
  validation, no history, no diff).
"""

import datetime
from decimal import Decimal

import openpyxl
import xlsxwriter
from django.db import transaction

from agreements.models import (
    Agreement,
    AgreementCodeCounter,
    AgreementUnit,
    Objective,
    Partner,
    Sector,
    Unit,
)
from core.naming import normalize_name


def write_values(rows, path):
    """Write ``rows`` (lists of values, the header first) as an xlsx file."""
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(index, column, value, date_format)
            elif value is not None:
                sheet.write(index, column, value)
    workbook.close()


def _split(value):
    return [part.strip() for part in str(value or "").replace("\n", ";").split(";") if part.strip()]


def _date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def import_bare(path):
    """Read the file and bulk-create its agreements and their links; the row count."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = workbook.active.iter_rows(values_only=True)
    header = [str(title) for title in next(rows)]
    partners = dict(Partner.objects.values_list("name_key", "pk"))
    units = dict(Unit.objects.values_list("code", "pk"))
    sectors = {normalize_name(name): pk for name, pk in Sector.objects.values_list("name", "pk")}
    objectives = {
        normalize_name(name): pk for name, pk in Objective.objects.values_list("name", "pk")
    }
    counters = dict(AgreementCodeCounter.objects.values_list("year", "last_number"))
    agreements, links = [], []
    for values in rows:
        cell = dict(zip(header, values, strict=False))
        if not any(values):
            continue
        signed_on = _date(cell.get("Tanggal Tanda Tangan"))
        year = signed_on.year if signed_on else datetime.date.today().year
        counters[year] = counters.get(year, 0) + 1
        agreements.append(
            Agreement(
                code=Agreement.format_code(year, counters[year]),
                number=cell.get("Nomor") or "",
                partner_number=cell.get("Nomor Mitra") or "",
                title=cell["Judul"],
                kind=cell["Jenis Dokumen"],
                scheme=cell["Skema"],
                stage=cell["Tahap"],
                signed_on=signed_on,
                start_date=_date(cell.get("Tanggal Mulai")),
                end_date=_date(cell.get("Tanggal Berakhir")),
                funding=cell.get("Pembiayaan") or "",
                value=Decimal(str(cell["Nilai (Rp)"])) if cell.get("Nilai (Rp)") else None,
                scope=cell.get("Ruang Lingkup") or "",
                notes=cell.get("Keterangan") or "",
                is_public=bool(cell.get("Publik")),
            )
        )
        links.append(
            (
                [partners[normalize_name(name)] for name in _split(cell.get("Mitra"))],
                [units[code.upper()] for code in _split(cell.get("Perangkat Daerah"))],
                [sectors[normalize_name(name)] for name in _split(cell.get("Bidang"))],
                [objectives[normalize_name(name)] for name in _split(cell.get("Tujuan"))],
            )
        )
    workbook.close()
    with transaction.atomic():
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        if not agreements or agreements[0].pk is None:
            # SQLite before RETURNING: read the keys back by code.
            keys = dict(
                Agreement.objects.filter(
                    code__in=[agreement.code for agreement in agreements]
                ).values_list("code", "pk")
            )
            for agreement in agreements:
                agreement.pk = keys[agreement.code]
        partner_links, unit_links, sector_links, objective_links = [], [], [], []
        for agreement, (partner_ids, unit_ids, sector_ids, objective_ids) in zip(
            agreements, links, strict=True
        ):
            partner_links += [
                Agreement.partners.through(agreement_id=agreement.pk, partner_id=pk)
                for pk in partner_ids
            ]
            unit_links += [
                AgreementUnit(agreement_id=agreement.pk, unit_id=pk, is_lead=index == 0)
                for index, pk in enumerate(unit_ids)
            ]
            sector_links += [
                Agreement.sectors.through(agreement_id=agreement.pk, sector_id=pk)
                for pk in sector_ids
            ]
            objective_links += [
                Agreement.objectives.through(agreement_id=agreement.pk, objective_id=pk)
                for pk in objective_ids
            ]
        for links_of_kind in (partner_links, unit_links, sector_links, objective_links):
            if links_of_kind:
                type(links_of_kind[0]).objects.bulk_create(links_of_kind, batch_size=5000)
    return len(agreements)
