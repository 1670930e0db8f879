"""The import preview as a clerk reads it: the counts first, then the rows that change
the register (new and changed ones) before the unchanged ones, changed cells marked."""

from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export.results import RowResult

from .importing import FIRST_DATA_ROW

# New and changed rows first: a clerk checks those, not the 50 unchanged ones.
ROW_ORDER = {
    RowResult.IMPORT_TYPE_NEW: 0,
    RowResult.IMPORT_TYPE_UPDATE: 1,
    RowResult.IMPORT_TYPE_DELETE: 2,
    RowResult.IMPORT_TYPE_SKIP: 3,
}

TYPE_LABELS = {
    RowResult.IMPORT_TYPE_NEW: _("New"),
    RowResult.IMPORT_TYPE_UPDATE: _("Changed"),
    RowResult.IMPORT_TYPE_SKIP: _("Unchanged"),
    RowResult.IMPORT_TYPE_DELETE: _("Delete"),
}


@dataclass
class PreviewRow:
    number: int  # the row in the spreadsheet (the header is row 1)
    import_type: str
    cells: list  # (html of the cell's diff, whether it changed)

    @property
    def label(self):
        return TYPE_LABELS.get(self.import_type, "")

    def cells_html(self):
        """The row's cells, changed ones marked. Written here rather than by a loop in
        the template: a file of 2,000 rows has 40,000 cells, and the template engine
        took longer to draw them than the import took to read them."""
        changed = format_html('<td class="changed" title="{}">', _("Changed"))
        return mark_safe(
            "".join(
                f"{changed if mark else '<td>'}{conditional_escape(cell)}</td>"
                for cell, mark in self.cells
            )
        )


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
