"""The import preview as a clerk reads it: the counts first, then the rows that change
the register (new and changed ones) before the unchanged ones, changed cells marked."""

from dataclasses import dataclass

from import_export.results import RowResult

from .importing import FIRST_DATA_ROW

# New and changed rows first: a clerk checks those, not the 50 unchanged ones.
ROW_ORDER = {
    RowResult.IMPORT_TYPE_NEW: 0,
    RowResult.IMPORT_TYPE_UPDATE: 1,
    RowResult.IMPORT_TYPE_DELETE: 2,
    RowResult.IMPORT_TYPE_SKIP: 3,
}


@dataclass
class PreviewRow:
    number: int  # the row in the spreadsheet (the header is row 1)
    import_type: str
    cells: list  # (html of the cell's diff, whether it changed)


def preview_counts(result):
    totals = result.totals
    return {
        "new": totals.get(RowResult.IMPORT_TYPE_NEW, 0),
        "changed": totals.get(RowResult.IMPORT_TYPE_UPDATE, 0),
        "unchanged": totals.get(RowResult.IMPORT_TYPE_SKIP, 0),
        "errors": totals.get(RowResult.IMPORT_TYPE_ERROR, 0)
        + totals.get(RowResult.IMPORT_TYPE_INVALID, 0),
    }


def preview_rows(result):
    rows = []
    for index, row in enumerate(result.rows):
        if row.import_type not in RowResult.valid_import_types:
            continue
        changed = row.import_type == RowResult.IMPORT_TYPE_UPDATE
        cells = [(cell, changed and _is_changed(cell)) for cell in row.diff or []]
        rows.append(PreviewRow(index + FIRST_DATA_ROW, row.import_type, cells))
    rows.sort(key=lambda row: (ROW_ORDER.get(row.import_type, 9), row.number or 0))
    return rows


def _is_changed(cell):
    # django-import-export's html diff marks changed text with <ins> and <del>.
    return "<ins" in str(cell) or "<del" in str(cell)
