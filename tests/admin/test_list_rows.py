"""List rows drawn directly (core/admin_list.py) give the HTML Django's widgets give,
and their links the filters Django adds."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.urls import resolve
from django.utils import translation
from django.utils.html import escape

from agreements.models import Agreement, Partner
from reports.models import Report
from tests.factories import make_agreement, make_partner, make_report, make_unit
from tests.pages import admin_url

pytestmark = pytest.mark.django_db


def test_the_row_checkbox_is_the_one_django_draws():
    unit = make_unit("DPUPR")
    partner = make_partner("PT \"Air & <Tirta>\" 'Musi'")
    agreement = make_agreement(
        title="Air bersih \"Tirta\" & <b>jalan</b> 'desa'", partners=[partner], units=[unit]
    )
    report = make_report(agreement, unit, 2024, 1)
    for language in ("id", "en"):
        with translation.override(language):
            for obj in (agreement, report, partner):
                model_admin = admin.site._registry[type(obj)]
                ours = model_admin.action_checkbox(obj)
                assert ours == ModelAdmin.action_checkbox(model_admin, obj)
                assert "<b>" not in ours and "<Tirta>" not in ours
                assert ("&amp;" in ours) == ("&" in str(obj))


def test_the_lists_show_a_checkbox_per_row(superuser_client):
    unit = make_unit("DPUPR")
    agreements = [make_agreement(units=[unit]) for _ in range(3)]
    make_report(agreements[0], unit, 2024, 1)
    for model, rows in ((Agreement, 3), (Report, 1), (Partner, 3)):
        page = superuser_client.get(admin_url(model, "changelist")).content.decode()
        assert page.count('class="action-select"') == rows
        assert 'name="_selected_action"' in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?kind__exact=PKS&q=air+%22jalan+desa%22",
        "?o=-2.1&kind__exact=PKS&p=1",
    ],
)
def test_each_rows_link_keeps_the_lists_filters_as_django_adds_them(superuser_client, query):
    from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
    from django.test import RequestFactory

    unit = make_unit("DPUPR")
    agreements = [
        make_agreement(title=f"Air bersih jalan desa {index}", kind="PKS", units=[unit])
        for index in range(3)
    ]
    url = admin_url(Agreement, "changelist") + query

    page = superuser_client.get(url).content.decode()

    model_admin = admin.site._registry[Agreement]
    request = RequestFactory().get(url)
    request.resolver_match = resolve(admin_url(Agreement, "changelist"))
    django_filters = model_admin.get_preserved_filters(request)
    for agreement in agreements:
        change = admin_url(Agreement, "change", agreement.pk)
        expected = add_preserved_filters(
            {"preserved_filters": django_filters, "opts": Agreement._meta}, change
        )
        assert f'<a href="{escape(expected)}">{agreement.code}</a>' in page
        assert ("_changelist_filters" in expected) == bool(query)
