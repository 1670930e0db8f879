"""The public catalogue's pages: the filtered list, and its download as xlsx or csv."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.spreadsheets.admin_export import file_response
from core.spreadsheets.writing import get_writer

from .columns import PUBLIC_COLUMNS, public_agreements, public_rows
from .filters import CatalogueFilter

PER_PAGE = 20
DOWNLOAD_FORMATS = ("xlsx", "csv")


def _shown(value):
    """A value as the page shows it: "29 Oktober 2019", "—" for nothing."""
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return value if value not in (None, "") else "—"


def public_entry(agreement):
    """(title, [(header, text) …]) of one agreement: the public columns only."""
    (_title_header, title), *fields = [
        (header, value(agreement)) for header, value in PUBLIC_COLUMNS
    ]
    return title, [(header, _shown(value)) for header, value in fields]


def _filtered(request):
    if not settings.PUBLIC_CATALOGUE:
        raise Http404
    return CatalogueFilter(request.GET or None, queryset=public_agreements())


def catalogue(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/catalogue/list.html",
        {
            "filter": filterset,
            "page": page,
            "entries": [public_entry(agreement) for agreement in page],
            "query": query.urlencode(),
            "formats": DOWNLOAD_FORMATS,
        },
    )


def catalogue_download(request, format):
    """The filtered list (every page) in the public columns only, formula-safe."""
    if format not in DOWNLOAD_FORMATS:
        raise Http404
    filterset = _filtered(request)
    writer = get_writer(format, title=_("Cooperation catalogue"))
    return file_response(
        lambda stream: writer.write(public_rows(filterset.qs), stream),
        f"katalog-kerja-sama.{writer.extension}",
        writer.content_type,
    )
