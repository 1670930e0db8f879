"""Reading a cell as text (blanks, numbers typed as text, the formula guard, lists),
and the closest existing name to suggest when a cell names something unknown."""

import difflib
import re
from datetime import date, datetime

from django.utils.translation import gettext as _
from import_export import widgets

from core.naming import clean_spaces, normalize_name

# The values of a yes/no column (README, "Spreadsheets"): a contract, like the headers.
YES = "Ya"
NO = "Tidak"
TRUE_WORDS = {"ya", "y", "1", "true", "benar", "yes"}
FALSE_WORDS = {"tidak", "t", "0", "false", "salah", "no", "n"}

# Text that a spreadsheet would run as a formula; exports put an apostrophe before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

LIST_SEPARATORS = re.compile(r"\s*(?:;|\r\n|\n|\r)\s*")
LIST_JOINER = "; "


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

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as a function of the value alone
        (exports call it for every cell; see ``core.spreadsheets.exporting``)."""
        return lambda value: value if type(value) is str else "" if value is None else str(value)
