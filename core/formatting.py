"""Money as clerks write it: "Rp 1.500.000", with cents only when there are any.

Rupiah amounts are always written the Indonesian way, whatever the interface language,
so this does not go through Django's number localisation.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def format_rupiah(value, empty=""):
    """``1500000`` → ``"Rp 1.500.000"``; ``1500000.5`` → ``"Rp 1.500.000,50"``.

    ``None`` (and a blank string) give ``empty``.
    """
    if value is None or value == "":
        return empty
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 1)
    text = f"{int(whole):,}".replace(",", ".")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return f"{sign}Rp {text}"
