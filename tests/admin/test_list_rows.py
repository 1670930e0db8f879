"""List rows drawn directly (core/admin_list.py) give the HTML Django's widgets give."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.utils import translation

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
