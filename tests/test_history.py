"""Every change to the register is kept: who, when, and which fields changed."""

from datetime import date

import pytest
from django.forms import CheckboxInput, FileField
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from simple_history.middleware import HistoryRequestMiddleware

from agreements.choices import PartnerCategory, Stage
from agreements.models import AgreementUnit
from agreements.roles import OPERATOR, PENGELOLA
from reports.choices import Recommendation, ReportStatus
from tests.factories import (
    make_agreement,
    make_evaluation,
    make_partner,
    make_report,
    make_unit,
    make_user,
    make_visit,
)

pytestmark = pytest.mark.django_db


def as_user(user, change):
    """Run ``change`` inside a request by ``user``, through the history middleware."""
    request = RequestFactory().post("/admin/")
    request.user = user

    def view(request):
        change()
        return HttpResponse()

    HistoryRequestMiddleware(view)(request)


def last_change(obj):
    """The newest history row and the list of fields it changed against the one before."""
    newest, previous = obj.history.all()[:2]
    delta = newest.diff_against(previous)
    return newest, {change.field: (change.old, change.new) for change in delta.changes}


# (maker, field to edit, new value, expected (old, new) as the history shows it)
EDITS = {
    "agreement": (
        lambda: make_agreement(title="Kerja sama pendidikan"),
        "title",
        "Kerja sama pendidikan vokasi",
    ),
    "partner": (lambda: make_partner("Universitas Sriwijaya"), "phone", "0711-580069"),
    "unit": (lambda: make_unit("DINKES", "Dinas Kesehatan"), "email", "dinkes@muaraenim.go.id"),
    "report": (
        lambda: make_report(make_agreement(), make_unit(), status=ReportStatus.DRAFT),
        "status",
        ReportStatus.SUBMITTED,
    ),
    "evaluation": (
        lambda: make_evaluation(make_agreement()),
        "recommendation",
        Recommendation.EXPAND,
    ),
    "visit": (make_visit, "outcome", "Nota kesepahaman pengelolaan sampah"),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_creating_and_editing_leave_history_with_the_changed_field(kind):
    make, field, new_value = EDITS[kind]
    obj = make()
    old_value = getattr(obj, field)
    # Creating an agreement also records the partners it was given (a second row).
    assert obj.history.last().history_type == "+"
    rows_before = obj.history.count()

    setattr(obj, field, new_value)
    obj.save()

    newest, changes = last_change(obj)
    assert newest.history_type == "~"
    assert changes == {field: (old_value, new_value)}
    assert obj.history.count() == rows_before + 1


@pytest.mark.parametrize("kind", list(EDITS))
def test_the_user_of_the_request_is_recorded(kind):
    make, field, new_value = EDITS[kind]
    clerk = make_user("pengelola1")
    boxed = []
    as_user(clerk, lambda: boxed.append(make()))
    obj = boxed[0]
    editor = make_user("pengelola2")

    setattr(obj, field, new_value)
    as_user(editor, obj.save)

    newest, *created = obj.history.all()
    assert newest.history_user == editor
    assert {row.history_user for row in created} == {clerk}


def test_a_change_outside_a_request_has_no_user():
    partner = make_partner()
    assert partner.history.get().history_user is None


def test_the_history_keeps_the_values_of_the_day():
    agreement = make_agreement(stage=Stage.DRAFTING, signed_on=None, start_date=None, end_date=None)
    agreement.stage = Stage.SIGNED
    agreement.signed_on = date(2019, 10, 29)
    agreement.start_date = date(2019, 11, 1)
    agreement.save()
    agreement.stage = Stage.TERMINATED
    agreement.save()

    stages = [row.stage for row in agreement.history.order_by("history_date", "history_id")]
    assert stages[-3:] == [Stage.DRAFTING, Stage.SIGNED, Stage.TERMINATED]
    _newest, changes = last_change(agreement)
    assert changes == {"stage": (Stage.SIGNED, Stage.TERMINATED)}


def test_partner_changes_of_an_agreement_are_recorded():
    first = make_partner("Universitas Sriwijaya")
    second = make_partner("PT Bukit Asam", category=PartnerCategory.BUMN)
    agreement = make_agreement(partners=[first])
    editor = make_user()

    as_user(editor, lambda: agreement.partners.add(second))
    newest, changes = last_change(agreement)
    assert newest.history_user == editor
    old, new = changes["partners"]
    assert {row["partner"] for row in old} == {first.pk}
    assert {row["partner"] for row in new} == {first.pk, second.pk}

    agreement.partners.remove(first)
    _newest, changes = last_change(agreement)
    old, new = changes["partners"]
    assert {row["partner"] for row in new} == {second.pk}
    # The snapshot of each history row lists the partners of that moment.
    snapshots = [
        {link.partner_id for link in row.partners.all()}
        for row in agreement.history.order_by("history_date", "history_id")
    ]
    assert snapshots[-2:] == [{first.pk, second.pk}, {second.pk}]


def test_an_unchanged_field_is_not_reported_as_changed():
    partner = make_partner("Universitas Sriwijaya")
    partner.notes = "Mitra sejak 2017"
    partner.save()
    _newest, changes = last_change(partner)
    assert set(changes) == {"notes"}


def test_a_deleted_partner_leaves_its_history():
    partner = make_partner("Universitas Sriwijaya")
    pk = partner.pk
    partner.delete()
    history = type(partner).history.filter(id=pk)
    assert [row.history_type for row in history] == ["-", "+"]
    assert history.first().name == "Universitas Sriwijaya"


def test_responsible_unit_changes_made_row_by_row_are_recorded():
    # The admin edits responsible units inline, one AgreementUnit row at a time.
    lead, member = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement()
    editor = make_user()

    as_user(
        editor, lambda: AgreementUnit.objects.create(agreement=agreement, unit=lead, is_lead=True)
    )
    newest, changes = last_change(agreement)
    assert newest.history_user == editor
    assert [(row["unit"], row["is_lead"]) for row in changes["units"][1]] == [(lead.pk, True)]

    # The lead passes to another unit.
    lead_link = AgreementUnit.objects.get(unit=lead)
    lead_link.is_lead = False
    lead_link.save()
    AgreementUnit.objects.create(agreement=agreement, unit=member, is_lead=True)
    _newest, changes = last_change(agreement)
    assert {(row["unit"], row["is_lead"]) for row in changes["units"][1]} == {
        (lead.pk, False),
        (member.pk, True),
    }

    rows_before = agreement.history.count()
    AgreementUnit.objects.get(unit=lead).delete()
    _newest, changes = last_change(agreement)
    assert [row["unit"] for row in changes["units"][1]] == [member.pk]
    assert agreement.history.count() == rows_before + 1


def test_deleting_an_agreement_records_the_delete_once():
    agreement = make_agreement(units=[make_unit()])
    rows_before = agreement.history.count()
    pk = agreement.pk
    agreement.delete()
    history = type(agreement).history.filter(id=pk)
    assert history.count() == rows_before + 1
    assert history.first().history_type == "-"


# --- Through the admin: the clerk who saved the form is recorded ----------------------


def change_form_data(response):
    """The values of an admin change page, as the browser would post them back."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(field, FileField) or value is None:
                continue
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data


def post_change(client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    errors = response.context and response.context["adminform"].form.errors
    assert response.status_code == 302, errors
    return response


ADMIN_EDITS = {
    "agreement": (lambda: make_agreement(title="Kerja sama pendidikan"), "title", "Vokasi"),
    "partner": (lambda: make_partner("Universitas Sriwijaya"), "phone", "0711-580069"),
    "unit": (lambda: make_unit("DINKES", "Dinas Kesehatan"), "email", "dinkes@muaraenim.go.id"),
    "report": (
        lambda: make_report(make_agreement(), make_unit(), status=ReportStatus.DRAFT),
        "activities",
        "Pelatihan tenaga kesehatan",
    ),
    "evaluation": (lambda: make_evaluation(make_agreement()), "notes", "Perlu diperluas"),
    "visit": (make_visit, "outcome", "Nota kesepahaman pengelolaan sampah"),
}


@pytest.mark.parametrize("kind", list(ADMIN_EDITS))
def test_an_admin_edit_records_the_clerk_and_the_changed_field(superuser_client, superuser, kind):
    make, field, new_value = ADMIN_EDITS[kind]
    obj = make()
    old_value = getattr(obj, field)

    post_change(superuser_client, obj, **{field: new_value})

    newest, changes = last_change(obj)
    assert newest.history_user == superuser
    assert changes == {field: (old_value, new_value)}


def test_an_admin_edit_of_the_partners_and_units_is_recorded(superuser_client, superuser):
    first, second = make_partner("Universitas Sriwijaya"), make_partner("PT Bukit Asam")
    lead, member = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement(partners=[first], units=[lead])
    rows_before = agreement.history.count()

    post_change(
        superuser_client,
        agreement,
        partners=[str(first.pk), str(second.pk)],
        **{"agreement_units-1-unit": str(member.pk)},
    )

    new_rows = list(agreement.history.all()[: agreement.history.count() - rows_before])
    # One save of the form is one entry, with the links as they were saved.
    assert [row.history_type for row in new_rows] == ["~"]
    assert {row.history_user for row in new_rows} == {superuser}
    latest = agreement.history.first()
    assert {link.partner_id for link in latest.partners.all()} == {first.pk, second.pk}
    assert {link.unit_id for link in latest.units.all()} == {lead.pk, member.pk}
    before = agreement.history.all()[len(new_rows)]
    changed = {change.field for change in latest.diff_against(before).changes}
    assert changed == {"partners", "units"}


def test_adding_an_agreement_in_the_admin_is_one_entry_with_its_links(superuser_client):
    partner, unit = make_partner("Universitas Sriwijaya"), make_unit("BAPPEDA")
    response = superuser_client.post(
        reverse("admin:agreements_agreement_add"),
        {
            "title": "Pengembangan sumber daya manusia",
            "kind": "KB",
            "scheme": "KSDPK",
            "stage": "SIGNED",
            "signed_on": "29-10-2019",
            "start_date": "29-10-2019",
            "partners": [str(partner.pk)],
            "agreement_units-TOTAL_FORMS": "1",
            "agreement_units-INITIAL_FORMS": "0",
            "agreement_units-0-unit": str(unit.pk),
            "agreement_units-0-is_lead": "on",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]

    agreement = AgreementUnit.objects.get(unit=unit).agreement
    entries = list(agreement.history.all())
    assert [entry.history_type for entry in entries] == ["+"]
    assert [link.partner_id for link in entries[0].partners.all()] == [partner.pk]
    assert [(link.unit_id, link.is_lead) for link in entries[0].units.all()] == [(unit.pk, True)]


def test_saving_an_agreement_form_unchanged_leaves_no_entry(superuser_client):
    agreement = make_agreement(units=[make_unit("BAPPEDA")])
    entries = agreement.history.count()

    post_change(superuser_client, agreement)

    assert agreement.history.count() == entries


def test_moving_only_the_lead_unit_in_the_form_is_an_entry(superuser_client):
    first, second = make_unit("BAPPEDA"), make_unit("DINKES")
    agreement = make_agreement(units=[first, second])
    entries = agreement.history.count()

    post_change(
        superuser_client,
        agreement,
        **{"agreement_units-0-is_lead": "", "agreement_units-1-is_lead": "on"},
    )

    assert agreement.lead_unit == second
    assert agreement.history.count() == entries + 1
    leads = [link.unit_id for link in agreement.history.first().units.all() if link.is_lead]
    assert leads == [second.pk]


# --- Who may read a history -------------------------------------------------------------


@pytest.fixture
def operator_of_one_unit(client):
    own, other = make_unit("DINKES"), make_unit("DISDIK")
    own_report = make_report(make_agreement(units=[own]), own, status=ReportStatus.DRAFT)
    other_report = make_report(make_agreement(units=[other]), other, status=ReportStatus.DRAFT)
    client.force_login(make_user("operator", role=OPERATOR, unit=own))
    return client, own_report, other_report


def history_urls(obj):
    opts = obj._meta
    version = obj.history.first().history_id
    return [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version]),
    ]


def test_an_operator_reads_the_history_of_their_own_units_report(operator_of_one_unit):
    client, own_report, _other = operator_of_one_unit
    for url in history_urls(own_report):
        response = client.get(url)
        assert response.status_code == 200, url
        assert own_report.agreement.code in response.text


def test_an_operator_cannot_read_another_units_history_by_its_url(operator_of_one_unit):
    client, own_report, other_report = operator_of_one_unit
    for obj in (other_report, other_report.agreement):
        for url in history_urls(obj):
            response = client.get(url)
            assert response.status_code == 404, url
            assert other_report.activities not in response.text


def test_the_history_of_a_deleted_report_is_for_the_office_only(operator_of_one_unit, db):
    client, own_report, _other = operator_of_one_unit
    urls = history_urls(own_report)
    own_report.delete()

    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(make_user("clerk", role=PENGELOLA))
    pages = [client.get(url) for url in urls]
    assert [page.status_code for page in pages] == [200, 200]
    assert all(own_report.agreement.code in page.text for page in pages)
