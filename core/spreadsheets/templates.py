"""Blank import templates: one xlsx per resource, ready for a clerk to fill in.

A template has the import headers of the README (not the read-only export columns), one
example row in grey italics, a frozen header row, column widths that fit, drop-down
lists on the choice and yes/no columns, a sheet listing the allowed values (and the
names of the small lookups: units, government affairs, objectives) and a sheet of
instructions. The example row and the lookups listed in full are declared by each
resource (``template_example``, ``listed_lookups``).

The drop-downs offer exactly what an export writes for each choice (the resource's own
widget renders them), so a value picked from a list always imports.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .writing import DATE_FORMAT, column_widths, native_value, number_format, sheet_title

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_LAST_ROW = 1_048_576

EXAMPLE_FONT = Font(italic=True, color="808080")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# Required columns stand out (the header text itself must stay as SPEC §4 names it).
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")


def import_fields(resource):
    """The columns a clerk fills in: the resource's import fields (the computed columns
    an export adds are not among them)."""
    return list(resource.get_import_fields())


def _model_field(resource, field):
    attribute = (field.attribute or "").split("__")[0]
    try:
        return resource._meta.model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None


def _render(field, value):
    return native_value(field.widget.render(value, force_native_type=True))


def allowed_values(resource, field):
    """What a drop-down offers for a column, or None for a free column."""
    model_field = _model_field(resource, field)
    if model_field is None or model_field.is_relation:
        return None
    if model_field.choices:
        return [_render(field, value) for value, _label in model_field.flatchoices if value != ""]
    if isinstance(model_field, models.BooleanField):
        return [_render(field, True), _render(field, False)]
    return None


def reference_values(resource, field):
    """The names a multi-valued or related column may take, for the small lookups."""
    related = getattr(field.widget, "model", None)
    if related is None or related not in resource.listed_lookups:
        return None
    name_attribute = getattr(field.widget, "field", None) or "name"
    return [str(getattr(obj, name_attribute, obj)) for obj in related.objects.order_by("pk")]


def example_row(resource, fields):
    examples = resource.template_example
    row = []
    for field in fields:
        value = examples.get(field.column_name)
        if allowed_values(resource, field) is not None:
            value = _render(field, value)
        row.append(native_value(value))
    return row


def build_template(resource, stream):
    """Write the blank xlsx template of ``resource`` (an instance) to ``stream``."""
    fields = import_fields(resource)
    header = [field.column_name for field in fields]
    example = example_row(resource, fields)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(resource._meta.model._meta.verbose_name_plural)
    sheet.append(header)
    required = set(getattr(resource, "required_headers", ()))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if cell.value in required else HEADER_FILL
        if cell.value in required:
            cell.comment = Comment(_("Required column."), "Kerja Sama")
    for column, value in enumerate(example, start=1):
        cell = sheet.cell(row=2, column=column, value=value)
        cell.font = EXAMPLE_FONT
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, Decimal):
            cell.number_format = number_format(value)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(column_widths(header, [example]), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    lists = workbook.create_sheet(sheet_title(_("Allowed values")))
    lists_column = 0
    for column, field in enumerate(fields, start=1):
        choices = allowed_values(resource, field)
        values = choices if choices is not None else reference_values(resource, field)
        if not values:
            continue
        lists_column += 1
        letter = get_column_letter(lists_column)
        lists.cell(row=1, column=lists_column, value=field.column_name).font = HEADER_FONT
        for row, value in enumerate(values, start=2):
            cell = lists.cell(row=row, column=lists_column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a label is never a formula
        lists.column_dimensions[letter].width = column_widths(
            [field.column_name], [[v] for v in values]
        )[0]
        if choices is not None:
            _add_drop_down(sheet, column, lists, letter, len(values))
    lists.freeze_panes = "A2"

    _add_instructions(workbook, [name for name in header if name in required])
    workbook.save(stream)


def _add_drop_down(sheet, column, lists, letter, count):
    source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${count + 1}"
    validation = DataValidation(
        type="list",
        formula1=f"={source}",
        allow_blank=True,
        showDropDown=False,  # openpyxl's name is inverted: False shows the arrow
        showErrorMessage=True,
        # A warning, not a stop: the import also takes codes and any case ("pks").
        errorStyle="warning",
        errorTitle=_("Value not in the list"),
        error=_("Pick a value from the list; the import also accepts the codes."),
    )
    sheet.add_data_validation(validation)
    letter_in_sheet = get_column_letter(column)
    validation.add(f"{letter_in_sheet}2:{letter_in_sheet}{EXCEL_LAST_ROW}")


def _add_instructions(workbook, required):
    sheet = workbook.create_sheet(sheet_title(_("Instructions")))
    lines = [
        _("Required columns (orange headers): %(columns)s.") % {"columns": ", ".join(required)},
        _("Row 2 of the first sheet is an example: replace it or delete it."),
        _("Keep the header row as it is; columns may be reordered or left out when optional."),
        _(
            "Several values in one cell (partners, units, affairs, objectives): separate them "
            "with “;” or a new line. The first unit listed leads."
        ),
        _("Dates: a real Excel date, 2019-10-29, 29/10/2019 or 29 Oktober 2019."),
        _("Amounts in Rupiah: a number, Rp 1.500.000 or 1.500.000,00."),
        _("Choices: pick from the list, or type the label or the code in any case."),
        _(
            "An import is all or nothing: any error is listed with its row and column, and "
            "nothing is saved until every row is valid."
        ),
    ]
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110
