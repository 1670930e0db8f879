"""What each role sees and may do in the admin: reports, verification, actions."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from agreements.choices import PartnerCategory
from agreements.models import (
    Agreement,
    ForeignVisit,
    Partner,
    Unit,
    UnitMembership,
)
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.choices import ReportStatus
from reports.models import Evaluation, Report
from tests.admin.forms import agreement_form_data
from tests.admin.samples import sample_visit
from tests.factories import (
    make_agreement,
    make_evaluation,
    make_partner,
    make_report,
    make_unit,
    make_user,
)
from tests.pages import admin_url

User = get_user_model()


@pytest.fixture
def two_units_with_reports(db):
    own, other = make_unit(name="Dinas Pendidikan"), make_unit(name="Dinas Kesehatan")
    own_agreement = make_agreement(units=[own])
    other_agreement = make_agreement(units=[other])
    return {
        "own": own,
        "other": other,
        "own_agreement": own_agreement,
        "other_agreement": other_agreement,
        "own_report": make_report(own_agreement, own),
        "other_report": make_report(other_agreement, other),
    }


def report_form_data(agreement, unit, **fields):
    data = {
        "agreement": agreement.pk,
        "unit": unit.pk,
        "year": "2021",
        "semester": "1",
        "activities": "Pelatihan guru",
        "outputs": "",
        "benefits": "",
        "budget": "",
        "spending": "",
        "obstacles": "",
        "follow_up": "",
        "status": ReportStatus.DRAFT,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_operator_sees_only_their_units_reports(client, two_units_with_reports):
    data = two_units_with_reports
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))

    listed = client.get(admin_url(Report, "changelist"))
    other = client.get(admin_url(Report, "change", data["other_report"].pk))

    assert list(listed.context["cl"].result_list) == [data["own_report"]]
    assert other.status_code == 404  # "not found", as on every route
    assert Report.objects.get(pk=data["other_report"].pk).activities


def test_operator_can_only_pick_their_own_unit_and_agreements(client, two_units_with_reports):
    data = two_units_with_reports
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))
    url = admin_url(Report, "add")

    form = client.get(url).context["adminform"].form
    other_unit = client.post(url, report_form_data(data["own_agreement"], data["other"]))
    other_agreement = client.post(url, report_form_data(data["other_agreement"], data["own"]))
    own = client.post(url, report_form_data(data["own_agreement"], data["own"]))

    assert list(form.fields["unit"].queryset) == [data["own"]]
    assert list(form.fields["agreement"].queryset) == [data["own_agreement"]]
    assert "unit" in other_unit.context["adminform"].form.errors
    assert "agreement" in other_agreement.context["adminform"].form.errors
    assert own.status_code == 302
    assert Report.objects.filter(unit=data["own"], year=2021).count() == 1
    assert not Report.objects.filter(unit=data["other"], year=2021).exists()


def test_operator_submitting_a_report_stamps_it(client, two_units_with_reports):
    data = two_units_with_reports
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))
    post = report_form_data(data["own_agreement"], data["own"], status=ReportStatus.SUBMITTED)

    client.post(admin_url(Report, "add"), post)

    report = Report.objects.get(unit=data["own"], year=2021)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None


def test_operator_cannot_mark_a_report_verified(client, two_units_with_reports):
    data = two_units_with_reports
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))
    post = report_form_data(data["own_agreement"], data["own"], status=ReportStatus.VERIFIED)

    response = client.post(admin_url(Report, "add"), post)

    assert "status" in response.context["adminform"].form.errors
    assert not Report.objects.filter(status=ReportStatus.VERIFIED).exists()


def test_pimpinan_sees_but_cannot_change(client, db):
    agreement = make_agreement(title="Kerja sama asli")
    client.force_login(make_user(role=PIMPINAN))
    url = admin_url(Agreement, "change", agreement.pk)

    listed = client.get(admin_url(Agreement, "changelist"))
    page = client.get(url)
    posted = client.post(url, agreement_form_data(list(agreement.partners.all()), title="Diubah"))

    assert agreement.code in listed.text
    assert page.status_code == 200
    assert agreement.title in page.text
    assert 'name="_save"' not in page.text
    assert posted.status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "Kerja sama asli"


def _action_names(response):
    action_form = response.context["action_form"]  # None when no action is left at all
    if action_form is None:
        return set()
    return {name for name, _label in action_form.fields["action"].choices}


def test_verify_action_is_hidden_without_the_permission(client, two_units_with_reports):
    data = two_units_with_reports
    submitted = data["own_report"]
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))

    response = client.get(admin_url(Report, "changelist"))
    forced = client.post(
        admin_url(Report, "changelist"), {"action": "verify", "_selected_action": [submitted.pk]}
    )

    assert "verify" not in _action_names(response)
    assert 'value="verify"' not in response.text
    assert forced.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_the_office_verifies_submitted_reports(client, two_units_with_reports):
    data = two_units_with_reports
    draft = make_report(data["own_agreement"], data["own"], year=2021, status=ReportStatus.DRAFT)
    clerk = make_user(role=PENGELOLA)
    client.force_login(clerk)

    listed = client.get(admin_url(Report, "changelist"))
    client.post(
        admin_url(Report, "changelist"),
        {"action": "verify", "_selected_action": [data["own_report"].pk, draft.pk]},
    )

    assert "verify" in _action_names(listed)
    verified = Report.objects.get(pk=data["own_report"].pk)
    assert verified.status == ReportStatus.VERIFIED
    assert verified.verified_by == clerk
    assert verified.verified_at is not None
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT
    assert verified.history.first().history_user == clerk


def test_report_list_shows_rupiah_and_badge(superuser_client):
    agreement = make_agreement(units=[make_unit()])
    make_report(
        agreement,
        agreement.lead_unit,
        budget=Decimal("2500000"),
        spending=Decimal("1250000.50"),
        status=ReportStatus.VERIFIED,
        year=2020,
    )

    page = superuser_client.get(admin_url(Report, "changelist")).text

    assert agreement.code in page
    assert '<td class="field-year">2020</td>' in page  # a year, not "2.020"
    assert "Rp 2.500.000" in page
    assert "Rp 1.250.000,50" in page
    assert "#198754" in page  # the verified badge colour


def test_evaluation_overall_score_is_computed_and_read_only(superuser_client):
    evaluation = make_evaluation(make_agreement(), conformity=5, timeliness=3)

    page = superuser_client.get(admin_url(Evaluation, "change", evaluation.pk)).text

    assert evaluation.overall_score == Decimal("4.00")
    assert 'name="overall_score"' not in page
    assert "4,00" in page


def test_user_page_attaches_an_operator_to_a_unit(superuser_client):
    unit = make_unit()
    operator = make_user(role=OPERATOR)
    page = superuser_client.get(admin_url(User, "change", operator.pk))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name not in {"groups", "password"}
    }
    data.update(
        {
            "groups": [group.pk for group in operator.groups.all()],
            "user_permissions": [],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "29-10-2019",
            "date_joined_1": "08.00",
            "unit_membership-TOTAL_FORMS": "1",
            "unit_membership-INITIAL_FORMS": "0",
            "unit_membership-MIN_NUM_FORMS": "0",
            "unit_membership-MAX_NUM_FORMS": "1",
            "unit_membership-0-unit": unit.pk,
        }
    )
    for flag in ("is_active", "is_staff"):
        data[flag] = "on"
    data.pop("is_superuser", None)

    response = superuser_client.post(admin_url(User, "change", operator.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert UnitMembership.objects.get(user=operator).unit == unit


def test_partner_list_counts_agreements_and_filters_by_group(superuser_client):
    ministry = make_partner("Kementerian Uji", category=PartnerCategory.CENTRAL_GOV)
    make_partner("Universitas Uji", category=PartnerCategory.UNIVERSITY)
    make_agreement(partners=[ministry])
    make_agreement(partners=[ministry])

    response = superuser_client.get(admin_url(Partner, "changelist"), {"group": "GOVERNMENT"})

    rows = list(response.context["cl"].result_list)
    assert rows == [ministry]
    assert rows[0].agreement_count == 2


def test_visit_list_counts_participants(superuser_client):
    visit = sample_visit()

    response = superuser_client.get(admin_url(ForeignVisit, "changelist"))

    assert [row.participant_count for row in response.context["cl"].result_list] == [2]
    assert visit.country in response.text
    assert "2 September 2019" in response.text


def test_unit_list_counts_agreements(superuser_client):
    unit = make_unit()
    make_agreement(units=[unit])

    response = superuser_client.get(admin_url(Unit, "changelist"), {"q": unit.code})

    assert [row.agreement_count for row in response.context["cl"].result_list] == [1]


def test_a_verified_report_is_closed_for_its_unit(client, two_units_with_reports):
    data = two_units_with_reports
    report = data["own_report"]
    report.status = ReportStatus.VERIFIED
    report.save()
    client.force_login(make_user(role=OPERATOR, unit=data["own"]))
    url = admin_url(Report, "change", report.pk)

    page = client.get(url)
    posted = client.post(
        url, report_form_data(data["own_agreement"], data["own"], activities="Diubah")
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert posted.status_code == 403
    report.refresh_from_db()
    assert report.activities != "Diubah"
