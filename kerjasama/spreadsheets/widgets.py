"""What clerks type in a spreadsheet cell, read into clean values, and written back.

Every resource reads its cells through these widgets (SPEC §4): dates in the forms
clerks write ("29/10/2019", "29 Okt 2019", real Excel dates), Rupiah ("Rp 1.500.000",
"1.500.000,00"), choice labels or codes in any case and spacing, Ya/Tidak, and lists
of names separated by ``;`` or new lines. ``render()`` gives clean values back: real
dates and numbers for the writers (``force_native_type``), text for the preview.

A cell that cannot be read raises ``ValueError`` with a message for the clerk; the
resource turns it into an error on that row and column.
"""

import difflib
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from import_export import widgets
from openpyxl.utils.datetime import from_excel

from agreements.naming import clean_spaces, normalize_name

# The values of a yes/no column (SPEC §4): a contract, like the headers.
YES = "Ya"
NO = "Tidak"
TRUE_WORDS = {"ya", "y", "1", "true", "benar", "yes"}
FALSE_WORDS = {"tidak", "t", "0", "false", "salah", "no", "n"}

# Text that a spreadsheet would run as a formula; exports put an apostrophe before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LIST_SEPARATORS = re.compile(r"\s*(?:;|\r\n|\n|\r)\s*")
LIST_JOINER = "; "

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


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value):
    """A cell as text: numbers without a spurious ``.0``, dates as ISO, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def strip_formula_guard(text):
    """Remove the apostrophe that exports put before formula-like text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def closest(value, candidates):
    """The candidate most like ``value`` (compared case- and space-insensitively)."""
    by_key = {normalize_name(candidate): candidate for candidate in candidates}
    match = difflib.get_close_matches(normalize_name(value), list(by_key), n=1, cutoff=0.6)
    return by_key[match[0]] if match else None


def unknown_message(kind, value, suggestion):
    if suggestion:
        return _("Unknown %(kind)s “%(value)s”. Did you mean “%(suggestion)s”?") % {
            "kind": kind,
            "value": value,
            "suggestion": suggestion,
        }
    return _("Unknown %(kind)s “%(value)s”.") % {"kind": kind, "value": value}


class TextWidget(widgets.CharWidget):
    """Text trimmed, with the export's formula apostrophe removed again.

    ``fold_spaces`` folds inner runs of spaces (names, codes); ``upper`` capitalises
    (unit codes), so that a cell that only differs in spacing or case is unchanged.
    """

    def __init__(self, fold_spaces=False, upper=False, **kwargs):
        self.fold_spaces = fold_spaces
        self.upper = upper
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = strip_formula_guard(cell_text(value)).strip()
        if self.fold_spaces:
            text = clean_spaces(text)
        if self.upper:
            text = text.upper()
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


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
        text = strip_formula_guard(original.strip())
        text = re.sub(r"^(?:rp\.?|idr)\s*", "", text, flags=re.IGNORECASE)
        text = re.sub(r"[\s\u00a0]", "", text)
        text = re.sub(r",-$", "", text)  # "Rp 1.500.000,-"
        sign = ""
        if text.startswith("-"):
            sign, text = "-", text[1:]
        if not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
            raise ValueError(self._not_an_amount(original))
        text = self._decimal_point(text)
        try:
            return Decimal(sign + text)
        except InvalidOperation:
            raise ValueError(self._not_an_amount(original)) from None

    @staticmethod
    def _decimal_point(text):
        """Rewrite Indonesian or English separators as a plain ``1500000.50``."""
        dots, commas = text.count("."), text.count(",")
        if dots and commas:
            # Whichever comes last separates the decimals.
            decimal = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal == "," else ","
            return text.replace(thousands, "").replace(decimal, ".")
        if commas:
            # "1,500,000" (English thousands) or "1500,50" (Indonesian decimals).
            return text.replace(",", "") if commas > 1 else text.replace(",", ".")
        if dots > 1 or (dots == 1 and re.fullmatch(r"\d{1,3}\.\d{3}", text)):
            return text.replace(".", "")  # "1.500.000", "1.500"
        return text

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


class ChoiceWidget(widgets.Widget):
    """A choice by its label (in any language of the site) or its code, in any case and
    spacing. A label "Long name (SHORT)" is also found by "Long name" and by "SHORT".

    Renders the label in the active language, or the code with ``render_code``.
    """

    def __init__(self, choices, render_code=False, **kwargs):
        self.choices = choices
        self.render_code = render_code
        self._lookup = None
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        # Resources deep-copy their fields; the choices class must stay the same object.
        return type(self)(self.choices, render_code=self.render_code)

    @staticmethod
    def key(text):
        """Letters and digits only: "Kerjasama", "kerja  sama" and "Kerja-Sama" are one."""
        return re.sub(r"[\W_]+", "", normalize_name(text))

    def lookup(self):
        if self._lookup is None:
            names, ambiguous = {}, set()

            def add(name, code):
                key = self.key(name)
                if not key:
                    return
                if names.get(key, code) != code:
                    ambiguous.add(key)
                names[key] = code

            for code, label in self.choices.choices:
                add(code, code)
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        text = str(label)
                    add(text, code)
                    outer = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
                    if outer:
                        add(outer[1], code)
                        add(outer[2], code)
            self._lookup = {key: code for key, code in names.items() if key not in ambiguous}
        return self._lookup

    @property
    def empty_value(self):
        # A blank text choice is "" (the model decides whether blank is allowed).
        return None if issubclass(self.choices, models.IntegerChoices) else ""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.empty_value
        text = strip_formula_guard(cell_text(value))
        code = self.lookup().get(self.key(text))
        if code is None:
            labels = [str(label) for label in self.choices.labels]
            suggestion = closest(text, labels)
            if suggestion:
                raise ValueError(
                    _("“%(value)s” is not one of: %(choices)s. Did you mean “%(suggestion)s”?")
                    % {"value": text, "choices": ", ".join(labels), "suggestion": suggestion}
                )
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(labels)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        if value is None or value == "":
            return None if kwargs.get("force_native_type") else ""
        if self.render_code:
            return value if kwargs.get("force_native_type") else str(value)
        try:
            return str(self.choices(value).label)
        except ValueError:
            return str(value)


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


class NameIndex:
    """Objects of a model found by any of ``keys`` (fields), case- and space-insensitively.

    Built once per import with one query; a name shared by several objects is
    ambiguous rather than silently resolved to one of them.
    """

    def __init__(self, queryset, keys):
        self.objects, ambiguous = {}, set()
        self.names = []
        for obj in queryset:
            for key_field in keys:
                name = getattr(obj, key_field)
                key = normalize_name(name)
                if not key:
                    continue
                self.names.append(name)
                if self.objects.get(key, obj) != obj:
                    ambiguous.add(key)
                self.objects[key] = obj
        self.ambiguous = ambiguous

    def find(self, name, kind):
        key = normalize_name(name)
        if key in self.ambiguous:
            raise ValueError(
                _("Several %(kind)s are called “%(value)s”; write the code instead.")
                % {"kind": kind, "value": name}
            )
        obj = self.objects.get(key)
        if obj is None:
            raise ValueError(unknown_message(kind, name, closest(name, self.names)))
        return obj


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """One related object by its name or code (``keys``), with a suggestion when unknown."""

    def __init__(self, model, keys=("name",), render_field=None, **kwargs):
        self.keys = tuple(keys)
        self.render_field = render_field or self.keys[0]
        self._index = None
        super().__init__(model, field=self.render_field, **kwargs)

    def __deepcopy__(self, memo):
        return type(self)(self.model, keys=self.keys, render_field=self.render_field)

    @property
    def kind(self):
        return self.model._meta.verbose_name

    def index(self):
        if self._index is None:
            self._index = NameIndex(self.model._default_manager.all(), self.keys)
        return self._index

    def clean(self, value, row=None, **kwargs):
        text = strip_formula_guard(cell_text(value))
        if not text:
            return None
        return self.index().find(text, self.kind)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return getattr(value, self.render_field)


class NamedListWidget(widgets.ManyToManyWidget):
    """Several related objects by name or code, separated by ``;`` or new lines.

    ``clean()`` gives the objects in the order written (the first unit listed leads),
    without repeats; every unknown name is listed with the closest existing one.
    """

    def __init__(self, model, keys=("name",), render_field=None, **kwargs):
        self.keys = tuple(keys)
        self.render_field = render_field or self.keys[0]
        self._index = None
        super().__init__(model, separator=LIST_JOINER, field=self.render_field, **kwargs)

    def __deepcopy__(self, memo):
        return type(self)(self.model, keys=self.keys, render_field=self.render_field)

    @property
    def kind(self):
        return self.model._meta.verbose_name

    def index(self):
        if self._index is None:
            self._index = NameIndex(self.model._default_manager.all(), self.keys)
        return self._index

    @staticmethod
    def split(value):
        text = strip_formula_guard(cell_text(value))
        return [part for part in LIST_SEPARATORS.split(text) if part.strip()]

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for name in self.split(value):
            try:
                obj = self.index().find(name, self.kind)
            except ValueError as error:
                problems.append(str(error))
                continue
            if obj not in found:
                found.append(obj)
        if problems:
            raise ValueError(" ".join(problems))
        return found

    def names(self, objects):
        return [str(getattr(obj, self.render_field)) for obj in objects]

    @staticmethod
    def related(value):
        """The objects of a related manager (none yet for an unsaved object)."""
        if value is None:
            return []
        if not hasattr(value, "all"):
            return value
        instance = getattr(value, "instance", None)
        if instance is not None and instance.pk is None:
            return []
        return value.all()

    def render(self, value, obj=None, **kwargs):
        return LIST_JOINER.join(self.names(self.related(value)))


class LeadFirstUnitsWidget(NamedListWidget):
    """An agreement's responsible units, the lead unit first.

    Rendered from the agreement's ``agreement_units`` links (prefetched by exports);
    cleaned like any list of units.
    """

    def render(self, value, obj=None, **kwargs):
        ordered = sorted(self.related(value), key=lambda link: (not link.is_lead, link.unit.code))
        return LIST_JOINER.join(self.names(link.unit for link in ordered))


class ReferenceWidget(widgets.ForeignKeyWidget):
    """One object by any of its unique references (an agreement by Kode or Nomor).

    Looked up in the database for every cell, so that a row may refer to an object
    created by an earlier row of the same file (its parent, say).
    """

    def __init__(self, model, keys=("code", "number"), **kwargs):
        self.keys = tuple(keys)
        super().__init__(model, field=self.keys[0], **kwargs)

    def __deepcopy__(self, memo):
        return type(self)(self.model, keys=self.keys)

    def clean(self, value, row=None, **kwargs):
        text = clean_spaces(strip_formula_guard(cell_text(value)))
        if not text:
            return None
        manager = self.model._default_manager
        for key in self.keys:
            found = manager.filter(**{f"{key}__iexact": text}).first()
            if found is not None:
                return found
        candidates = [
            reference
            for key in self.keys
            for reference in manager.exclude(**{key: ""}).values_list(key, flat=True)
        ]
        raise ValueError(
            unknown_message(self.model._meta.verbose_name, text, closest(text, candidates))
        )

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return getattr(value, self.keys[0])
