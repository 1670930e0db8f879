"""The recap workbook downloaded from the dashboard, for a range of signing years."""

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from agreements.visibility import unit_scope

from .figures import Recap
from .workbook import write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request, name):
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() else None


def recap_workbook(request):
    """The workbook of what the user may see (an operator: their unit's part)."""
    if unit_scope(request.user) is None:
        raise PermissionDenied
    from_year, to_year = _year(request, "from_year"), _year(request, "to_year")
    if from_year is not None and to_year is not None and from_year > to_year:
        from_year, to_year = to_year, from_year
    stream = io.BytesIO()
    write_workbook(Recap(user=request.user, from_year=from_year, to_year=to_year), stream)
    years = "-".join(str(year) for year in (from_year, to_year) if year is not None)
    name = f"rekap-kerja-sama-{years}.xlsx" if years else "rekap-kerja-sama.xlsx"
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
