"""Money as clerks write it: "Rp 1.500.000", with cents only when there are any; and
long text shortened for a list or a picker (``shorten``).

Rupiah amounts are always written the Indonesian way, whatever the interface language,
so this does not go through Django's number localisation. The one parser of typed
amounts (``parse_rupiah``) serves both the spreadsheet widgets and the admin's forms.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.text import Truncator

CENT = Decimal("0.01")


def format_rupiah(value, empty=""):
    """``1500000`` → ``"Rp 1.500.000"``; ``1500000.5`` → ``"Rp 1.500.000,50"``.

    ``None`` (and a blank string) give ``empty``.
    """
    if value is None or value == "":
        return empty
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {group_thousands(abs(amount))}"


def group_thousands(amount):
    """``Decimal("1500000.50")`` → ``"1.500.000,50"``; no cents when there are none."""
    amount = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(amount), 1)
    text = f"{int(whole):,}".replace(",", ".")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return ("-" if amount < 0 else "") + text


def parse_rupiah(text):
    """An amount as typed: ``"Rp 1.500.000"``, ``"1.500.000,00"``, ``"1,500,000"``,
    ``"1500000.5"`` → ``Decimal``. Raises ``ValueError`` on anything else."""
    original = text
    text = re.sub(r"^(?:rp\.?|idr)\s*", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[\s\u00a0]", "", text)
    text = re.sub(r",-$", "", text)  # "Rp 1.500.000,-"
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    if not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
        raise ValueError(original)
    try:
        return Decimal(sign + _plain_decimal_point(text))
    except InvalidOperation:
        raise ValueError(original) from None


def _plain_decimal_point(text):
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


def shorten(text, length):
    """``text`` cut to ``length`` characters with an ellipsis, as Django's ``Truncator``
    cuts it. Most titles fit: they are returned as they are, without ``Truncator``
    normalising and measuring every character (every row of a list, every picker)."""
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)
