"""Rupiah amounts in the admin's forms: typed and shown with thousand dots.

A model lists its amounts in ``money_fields`` (a tuple of field names). Their form
fields accept what the spreadsheet import accepts ("95.000.000", "Rp 95.000.000",
"95000000") through the same parser, ``core.formatting.parse_rupiah``, and show
the stored value back as "95.000.000"; read-only pages show "Rp 95.000.000".
"""

from decimal import Decimal

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.formatting import group_thousands, parse_rupiah


def money_fields_of(model):
    return tuple(getattr(model, "money_fields", ()))


def is_money_field(field):
    model = getattr(field, "model", None)
    return model is not None and field.name in money_fields_of(model)


class MoneyInput(forms.TextInput):
    """A text box showing "2.750.000.000" (a number box cannot hold the dots)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | Decimal):
            return group_thousands(value)
        return super().format_value(value)


class MoneyFormField(forms.DecimalField):
    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Write an amount in Rupiah, such as 95.000.000 or Rp 95.000.000,50."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal):
            return Decimal(value)
        try:
            return parse_rupiah(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        # The number box's min, max and step do not apply to a text box.
        return {}


class MoneyAdminMixin:
    """For admins of models with ``money_fields``: typed with thousand dots in forms;
    on read-only pages the admin's ``<name>_rupiah`` display method ("Rp 95.000.000")
    stands in for the field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_money_field(db_field):
            kwargs.pop("widget", None)
            return db_field.formfield(form_class=MoneyFormField, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def shows_money_read_only(self, request, obj):
        """A read-only page: no change permission, or a past version (core/history_admin)."""
        if obj is None:
            return False
        past = getattr(request, "showing_past_version", False)
        return past or not self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.shows_money_read_only(request, obj):
            return fieldsets
        return [
            (title, {**options, "fields": _renamed(options["fields"], self._money_displays())})
            for title, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not self.shows_money_read_only(request, obj):
            return readonly
        return (*readonly, *self._money_displays().values())

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form itself knows the fields, not their display methods.
        fields = kwargs.get("fields")
        if fields is None:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        fields_of = {display: name for name, display in self._money_displays().items()}
        kwargs["fields"] = [fields_of.get(name, name) for name in fields]
        return super().get_form(request, obj, change=change, **kwargs)

    def _money_displays(self):
        return {name: f"{name}_rupiah" for name in money_fields_of(self.model)}


def _renamed(fields, swap):
    return [
        _renamed(name, swap) if isinstance(name, list | tuple) else swap.get(name, name)
        for name in fields
    ]
