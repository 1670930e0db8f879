"""Real spreadsheet files built in tests, and a snapshot of the register to compare.

The import tests build .xlsx (openpyxl) and .csv files exactly as Excel writes them and
prove "nothing changed" by comparing full table dumps and history counts.
"""

import csv
import io

from openpyxl import Workbook

from agreements.models import Agreement, AgreementUnit, Objective, Partner, Sector, Unit
from reports.models import Report


def xlsx_bytes(rows):
    """An .xlsx workbook whose first sheet holds ``rows`` (the header first)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, delimiter=";", bom=True, encoding="utf-8"):
    """A .csv file; by default as Indonesian-locale Excel saves it (``;``, UTF-8 BOM)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_file(directory, name, data):
    path = directory / name
    path.write_bytes(data)
    return str(path)


REGISTER_MODELS = [Unit, Partner, Sector, Objective, Agreement, AgreementUnit, Report]


def register_dump():
    """Every row of the register and of its history, to prove an import wrote nothing."""
    dump = {}
    for model in REGISTER_MODELS:
        dump[model.__name__] = list(model.objects.order_by("pk").values())
        history = getattr(model, "history", None)
        if history is not None:
            dump[f"{model.__name__} history"] = history.count()
    dump["Agreement partners"] = sorted(
        Agreement.partners.through.objects.values_list("agreement_id", "partner_id")
    )
    dump["Agreement sectors"] = sorted(
        Agreement.sectors.through.objects.values_list("agreement_id", "sector_id")
    )
    dump["Agreement objectives"] = sorted(
        Agreement.objectives.through.objects.values_list("agreement_id", "objective_id")
    )
    return dump
