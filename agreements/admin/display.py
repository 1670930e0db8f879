"""How values look in the clerks' lists: coloured badges, Rupiah, short titles, links."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.formatting import format_rupiah
from core.formatting import shorten as shorten_text

TITLE_LENGTH = 80


def badge(label, colour):
    """A coloured pill around a status label."""
    return format_html(
        '<span class="badge" style="background:{};color:#fff;padding:2px 8px;'
        'border-radius:10px;white-space:nowrap;font-size:0.85em">{}</span>',
        colour,
        label,
    )


def choice_badge(value, choices, colours):
    """The badge of a choice value (``Status``, ``ReportStatus`` …), or None when unset."""
    if not value:
        return None
    member = choices(value)
    return badge(member.label, colours.get(member, "#6c757d"))


EMPTY = "—"


def rupiah(value):
    """A Rupiah amount for a list column or a read-only page; "—" when there is none."""
    return format_rupiah(value, empty=EMPTY)


def shorten(text, length=TITLE_LENGTH):
    """A title as a list shows it (``core.formatting.shorten``)."""
    return shorten_text(text, length)


def download_label(file):
    """ "Download (PDF)": stored names are random, so they tell a clerk nothing."""
    extension = file.name.rsplit(".", 1)[-1].upper() if "." in file.name else ""
    return f"{_('Download')} ({extension})" if extension else str(_("Download"))


def download_link(document):
    """A link to the permission-checked download view (never the storage's own URL)."""
    if not document.pk or not document.file:
        return None
    return format_html(
        '<a href="{}">{}</a>', document.get_absolute_url(), download_label(document.file)
    )
