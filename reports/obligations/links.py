"""Where an obligation leads in the admin: its report, or a new one already filled in."""

from urllib.parse import urlencode

from django.urls import reverse


def new_report_url(agreement_id, unit_id, year, semester):
    """The add form of a report with the agreement, unit, year and semester filled in
    (the admin takes initial values from the query string)."""
    query = urlencode(
        {"agreement": agreement_id, "unit": unit_id, "year": year, "semester": semester}
    )
    return f"{reverse('admin:reports_report_add')}?{query}"


def report_url(report_id):
    return reverse("admin:reports_report_change", args=[report_id])
