"""Dates, Rupiah amounts, whole numbers and yes/no, as clerks type them."""

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from import_export import widgets
from openpyxl.utils.datetime import from_excel

from core.formatting import parse_rupiah
from core.naming import normalize_name

from .cells import FALSE_WORDS, NO, TRUE_WORDS, YES, cell_text, is_blank, strip_formula_guard

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_FIRST_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})[\s\-]+([^\W\d_]+)\.?[\s\-]+(\d{4})$")
# Excel's serial day numbers that make sense for this register (1900 to 9999).
_EXCEL_SERIALS = (1, 2958465)


class DateWidget(widgets.DateWidget):
    """Real Excel dates and serials, ISO, day-first numbers and Indonesian month names."""

    def __init__(self, **kwargs):
        super().__init__(coerce_to_string=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return self._from_serial(value)
        return self._from_text(strip_formula_guard(str(value).strip()))

    def _from_serial(self, value):
        if not _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            raise ValueError(self._not_a_date(value))
        return from_excel(float(value)).date()

    def _from_text(self, text):
        for pattern, order in ((_ISO_DATE, "ymd"), (_DAY_FIRST_DATE, "dmy"), (_WORDED_DATE, "dMy")):
            match = pattern.match(text)
            if not match:
                continue
            parts = dict(zip(order, match.groups(), strict=True))
            if "M" in parts:
                month = MONTHS.get(parts["M"].casefold())
                if month is None:
                    raise ValueError(self._not_a_date(text))
            else:
                month = int(parts["m"])
            year = int(parts["y"])
            if len(parts["y"]) == 2:
                year += 2000 if year < 70 else 1900
            try:
                return date(year, month, int(parts["d"]))
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a real date (there is no such day).") % {"value": text}
                ) from None
        raise ValueError(self._not_a_date(text))

    @staticmethod
    def _not_a_date(value):
        return _(
            "“%(value)s” is not a date. Write it as 29/10/2019, 2019-10-29 or 29 Oktober 2019."
        ) % {"value": value}

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        if kwargs.get("force_native_type"):
            return value
        return date_format(value, "SHORT_DATE_FORMAT")

    def native_renderer(self):
        """``render(value, force_native_type=True)``: the date itself (or None)."""
        return _itself


class MoneyWidget(widgets.DecimalWidget):
    """Rupiah as numbers, "Rp 1.500.000", "1.500.000,00" or "1500000"."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError(self._not_an_amount(value))
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        return self._from_text(str(value))

    def _from_text(self, original):
        try:
            return parse_rupiah(strip_formula_guard(original.strip()))
        except ValueError:
            raise ValueError(self._not_an_amount(original)) from None

    @staticmethod
    def _not_an_amount(value):
        return _("“%(value)s” is not an amount. Write it as 1500000 or Rp 1.500.000.") % {
            "value": value
        }

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        if kwargs.get("force_native_type"):
            return value
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return str(value)

    def native_renderer(self):
        """``render(value, force_native_type=True)``: the amount itself (or None)."""
        return _itself


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number such as a year: ``2019``, ``2019.0`` or ``"2019"``."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError(self._not_a_number(value))
        if isinstance(value, int):
            return value
        if isinstance(value, float | Decimal) and value == int(value):
            return int(value)
        text = strip_formula_guard(str(value).strip())
        if re.fullmatch(r"\d+", text):
            return int(text)
        raise ValueError(self._not_a_number(value))

    @staticmethod
    def _not_a_number(value):
        return _("“%(value)s” is not a whole number.") % {"value": value}

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return value if kwargs.get("force_native_type") else str(value)

    def native_renderer(self):
        """``render(value, force_native_type=True)``: the number itself (or None)."""
        return _itself


class BooleanWidget(widgets.BooleanWidget):
    """``Ya/Tidak``, ``Y/T``, ``1/0``, ``TRUE/FALSE`` (and real booleans); written as Ya/Tidak."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            return value
        word = normalize_name(cell_text(value))
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(_("“%(value)s” is not Ya or Tidak.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return YES if value else NO

    def native_renderer(self):
        """``render(value, force_native_type=True)``: Ya, Tidak or None."""
        return lambda value: None if value is None else YES if value else NO


def _itself(value):
    return value
