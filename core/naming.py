"""How names are compared: whatever the case and the spacing.

"Universitas  Sriwijaya " and "universitas sriwijaya" are the same partner, in the
admin's uniqueness check and in spreadsheet look-ups alike.
"""

import re

_SPACES = re.compile(r"\s+")


def normalize_name(value):
    """The comparison key of a name: spaces folded, case folded."""
    return _SPACES.sub(" ", str(value or "")).strip().casefold()


def clean_spaces(value):
    """A name as it should be stored: trimmed, inner runs of spaces folded to one."""
    return _SPACES.sub(" ", str(value or "")).strip()
