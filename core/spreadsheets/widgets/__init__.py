"""What clerks type in a spreadsheet cell, read into clean values, and written back.

Every resource reads its cells through these widgets (README, "Spreadsheets"): dates in the forms
clerks write ("29/10/2019", "29 Okt 2019", real Excel dates), Rupiah ("Rp 1.500.000",
"1.500.000,00"), choice labels or codes in any case and spacing, Ya/Tidak, and lists
of names separated by ``;`` or new lines. ``render()`` gives clean values back: real
dates and numbers for the writers (``force_native_type``), text for the preview.

A cell that cannot be read raises ``ValueError`` with a message for the clerk; the
resource turns it into an error on that row and column.
"""

from .cells import (
    FALSE_WORDS,
    FORMULA_STARTS,
    LIST_JOINER,
    LIST_SEPARATORS,
    NO,
    TRUE_WORDS,
    YES,
    TextWidget,
    cell_text,
    closest,
    is_blank,
    strip_formula_guard,
    unknown_message,
)
from .choices import ChoiceWidget
from .references import (
    LeadFirstUnitsWidget,
    NamedForeignKeyWidget,
    NamedListWidget,
    NameIndex,
    NewObjects,
    ReferenceWidget,
)
from .values import BooleanWidget, DateWidget, MoneyWidget, WholeNumberWidget

__all__ = [
    "FALSE_WORDS",
    "FORMULA_STARTS",
    "LIST_JOINER",
    "LIST_SEPARATORS",
    "NO",
    "TRUE_WORDS",
    "YES",
    "BooleanWidget",
    "ChoiceWidget",
    "DateWidget",
    "LeadFirstUnitsWidget",
    "MoneyWidget",
    "NameIndex",
    "NewObjects",
    "NamedForeignKeyWidget",
    "NamedListWidget",
    "ReferenceWidget",
    "TextWidget",
    "WholeNumberWidget",
    "cell_text",
    "closest",
    "is_blank",
    "strip_formula_guard",
    "unknown_message",
]
