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


@pytest.mark.parametrize("model", [Agreement, Report, Partner])
@pytest.mark.parametrize("query", ["", "?o=-3.2", "?_popup=1&_to_field=id", "?q=air"])
def test_the_rows_are_the_ones_django_draws(model, query, superuser, superuser_client):
    from django.contrib.admin.templatetags.admin_list import results
    from django.test import RequestFactory

    from core.admin_list import direct_results

    unit, other = make_unit("DPUPR"), make_unit("DINKES")
    partner = make_partner("PT \"Air & <Tirta>\" 'Musi'")
    full = make_agreement(
        title="Air bersih \"Tirta\" & <b>jalan</b> 'desa' " + "panjang " * 12,
        partners=[partner],
        units=[unit, other],
        value=1_500_000,
    )
    bare = make_agreement(title="Air tanpa apa-apa", partners=[], value=None, end_date=None)
    make_report(full, unit, 2024, 1, budget=2_500_000)
    make_report(full, other, 2024, 2, budget=None, submitted_at=None)
    make_partner("Universitas tanpa kerja sama")
    assert bare.partners.count() == 0

    model_admin = admin.site._registry[model]
    url = admin_url(model, "changelist") + query
    request = RequestFactory().get(url)
    request.user = superuser
    request.resolver_match = resolve(admin_url(model, "changelist"))
    with translation.override("id"):
        cl = model_admin.get_changelist_instance(request)
        cl.formset = None  # as changelist_view sets it for a list with no editable column
        django_rows = ["".join(row) for row in results(cl)]
        our_rows = [row[0] for row in direct_results(cl)]
    assert our_rows == django_rows
    assert len(our_rows) >= 1

    assert ("data-popup-opener" in our_rows[0]) == ("_popup" in query)

    response = superuser_client.get(url)
    # The page draws them with core's tag, in kerjasama/templates/admin/change_list.html.
    assert any(
        t.origin.name.endswith("kerjasama/templates/admin/change_list.html")
        for t in response.templates
    )
    for row in our_rows:
        assert row in response.content.decode()
