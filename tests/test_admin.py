"""The clerks' workspace: every registered admin, its lists, forms and rules."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.choices import AgreementKind, PartnerCategory, Scheme, Stage, Status
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementUnit,
    ForeignVisit,
    Objective,
    Partner,
    Sector,
    Unit,
    UnitMembership,
    VisitDocument,
    VisitParticipant,
)
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from core.formatting import format_rupiah
from reports.choices import ReportStatus
from reports.models import Evaluation, Report, ReportAttachment
from tests.factories import (
    PDF_BYTES,
    make_agreement,
    make_document,
    make_evaluation,
    make_partner,
    make_report,
    make_unit,
    make_user,
    make_visit,
)

User = get_user_model()
_seq = itertools.count(1)


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


# --- A sample object for every registered model --------------------------------------


def sample_agreement():
    """A row with everything a list column shows: two partners, two units, a value."""
    agreement = make_agreement(
        partners=[make_partner(), make_partner(category=PartnerCategory.CENTRAL_GOV)],
        units=[make_unit(), make_unit()],
        value=Decimal("1500000"),
    )
    agreement.sectors.set([Sector.objects.first()])
    agreement.objectives.set([Objective.objects.first()])
    return agreement


def sample_report():
    agreement = sample_agreement()
    return make_report(
        agreement, agreement.lead_unit, budget=Decimal("2500000"), spending=Decimal("1250000.5")
    )


def sample_visit():
    visit = make_visit()
    VisitParticipant.objects.create(visit=visit, name="Drs. H. Uji", position="Bupati")
    VisitParticipant.objects.create(visit=visit, name="Ketua DPRD Uji")
    return visit


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# A model registered in the admin without an entry here makes the tests below fail:
# every admin page is walked the day the model is registered.
FACTORIES = {
    User: lambda: make_user(unit=make_unit()),
    Group: lambda: Group.objects.create(name=f"Kelompok uji {next(_seq)}"),
    Unit: make_unit,
    UnitMembership: lambda: make_user(unit=make_unit()).unit_membership,
    Sector: lambda: Sector.objects.create(name=f"Urusan uji {next(_seq)}"),
    Objective: lambda: Objective.objects.create(name=f"Tujuan uji {next(_seq)}"),
    Partner: make_partner,
    Agreement: sample_agreement,
    AgreementUnit: lambda: sample_agreement().agreement_units.first(),
    AgreementDocument: lambda: make_document(sample_agreement()),
    ForeignVisit: sample_visit,
    VisitParticipant: lambda: sample_visit().participants.first(),
    VisitDocument: lambda: VisitDocument.objects.create(visit=make_visit(), file=pdf()),
    Report: sample_report,
    ReportAttachment: lambda: ReportAttachment.objects.create(report=sample_report(), file=pdf()),
    Evaluation: lambda: make_evaluation(sample_agreement()),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def test_every_registered_model_has_a_sample_factory():
    missing = [model._meta.label for model in REGISTERED if model not in FACTORIES]
    assert not missing, f"Add a sample factory to FACTORIES for: {missing}"


def test_everything_but_history_and_the_code_counter_is_registered():
    from django.apps import apps

    unregistered = [
        model._meta.label
        for app_label in ("agreements", "reports")
        for model in apps.get_app_config(app_label).get_models()
        if model not in admin.site._registry
        and not model.__name__.startswith("Historical")
        and model.__name__ != "AgreementCodeCounter"
    ]
    assert unregistered == []


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_opens_in_indonesian(superuser_client, media_root, model):
    assert model in FACTORIES, f"{model._meta.label} is registered but has no sample factory"
    obj = FACTORIES[model]()
    change_url = admin_url(model, "change", obj.pk)

    changelist = superuser_client.get(admin_url(model, "changelist"))
    add = superuser_client.get(admin_url(model, "add"))
    change = superuser_client.get(change_url)
    history = superuser_client.get(admin_url(model, "history", obj.pk))

    for response in (changelist, add, change, history):
        assert response.status_code == 200
        assert 'lang="id"' in response.text
    assert change_url in changelist.text
    assert 'value="Simpan"' in add.text
    assert 'value="Simpan"' in change.text
    assert "Riwayat" in change.text
    assert "Ubah riwayat" in history.text


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_is_refused_without_permission(client, db, media_root, model):
    obj = FACTORIES[model]()
    client.force_login(make_user())  # staff, in no role

    for view, args in [("changelist", ()), ("add", ()), ("change", (obj.pk,))]:
        assert client.get(admin_url(model, view, *args)).status_code == 403
    history = client.get(admin_url(model, "history", obj.pk))
    # Rows outside the user's visible_to() do not exist for them: back to the index.
    assert history.status_code == 403 or history["Location"] == reverse("admin:index")


def _count_changelist_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_list_page_queries_do_not_grow_with_rows(superuser_client, media_root, model):
    url = admin_url(model, "changelist")
    for _ in range(5):
        FACTORIES[model]()
    superuser_client.get(url)  # session and content types are loaded once per process

    queries_at_5, rows_at_5 = _count_changelist_queries(superuser_client, url)
    for _ in range(45):
        FACTORIES[model]()
    queries_at_50, rows_at_50 = _count_changelist_queries(superuser_client, url)

    assert rows_at_5 >= 5
    assert rows_at_50 >= 50
    assert queries_at_50 == queries_at_5


# --- How the agreement list reads ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1500000"), "Rp 1.500.000"),
        (Decimal("1500000.50"), "Rp 1.500.000,50"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (None, ""),
    ],
)
def test_format_rupiah(value, text):
    assert format_rupiah(value) == text


def test_agreement_list_shows_dates_money_partners_and_lead_unit(superuser_client, today):
    lead = make_unit(name="Bappeda Uji")
    agreement = make_agreement(
        partners=[make_partner("Universitas Sriwijaya")],
        units=[lead, make_unit()],
        signed_on=date(2019, 10, 29),
        value=Decimal("1500000"),
    )

    page = superuser_client.get(admin_url(Agreement, "changelist")).text

    assert agreement.code in page
    assert "29 Oktober 2019" in page
    assert "Rp 1.500.000" in page
    assert "Universitas Sriwijaya" in page
    assert "Bappeda Uji" in page
    assert "#198754" in page  # the in-force badge colour


def test_agreement_list_sorts_by_status(superuser_client, today):
    ended = make_agreement(end_date=date(2020, 1, 1))
    exploring = make_agreement(stage=Stage.EXPLORATION, signed_on=None, start_date=None)
    url = admin_url(Agreement, "changelist")
    status_column = AgreementAdminColumns.index("status_badge")

    response = superuser_client.get(url, {"o": str(status_column + 1)})

    rows = list(response.context["cl"].result_list)
    assert [row.status for row in rows] == sorted(row.status for row in rows)
    assert {ended.pk, exploring.pk} <= {row.pk for row in rows}


AgreementAdminColumns = admin.site._registry[Agreement].list_display


def _listed(client, **params):
    response = client.get(admin_url(Agreement, "changelist"), params)
    assert response.status_code == 200
    return {agreement.pk for agreement in response.context["cl"].result_list}


def test_status_filter(superuser_client, today):
    today(date(2024, 7, 1))
    active = make_agreement(end_date=date(2026, 1, 1))
    expiring = make_agreement(end_date=date(2024, 8, 1))
    expired = make_agreement(end_date=date(2023, 1, 1))
    drafting = make_agreement(stage=Stage.DRAFTING, signed_on=None, start_date=None)

    assert _listed(superuser_client, status=Status.ACTIVE) == {active.pk}
    assert _listed(superuser_client, status=Status.EXPIRING) == {expiring.pk}
    assert _listed(superuser_client, status=Status.EXPIRED) == {expired.pk}
    assert _listed(superuser_client, status=Status.DRAFTING) == {drafting.pk}


def test_partner_group_filter_counts_each_agreement_in_one_group(superuser_client):
    ministry = make_partner("Kementerian Uji", category=PartnerCategory.CENTRAL_GOV)
    university = make_partner("Universitas Uji", category=PartnerCategory.UNIVERSITY)
    company = make_partner("PT Uji", category=PartnerCategory.BUMN)
    joint = make_agreement(partners=[ministry, university])
    campus = make_agreement(partners=[university])
    enterprise = make_agreement(partners=[company])

    assert _listed(superuser_client, partner_group="GOVERNMENT") == {joint.pk}
    assert _listed(superuser_client, partner_group="UNIVERSITY") == {campus.pk}
    assert _listed(superuser_client, partner_group="ENTERPRISE") == {enterprise.pk}


def test_search_by_partner_name_lists_each_agreement_once(superuser_client):
    unsri = make_partner("Universitas Sriwijaya")
    unsri_faculty = make_partner("Fakultas Kedokteran Universitas Sriwijaya")
    both = make_agreement(partners=[unsri, unsri_faculty])
    one = make_agreement(partners=[unsri])
    make_agreement(partners=[make_partner("Universitas Indonesia")])

    response = superuser_client.get(admin_url(Agreement, "changelist"), {"q": "sriwijaya"})

    rows = [agreement.pk for agreement in response.context["cl"].result_list]
    assert sorted(rows) == sorted([both.pk, one.pk])


def test_signing_year_filter_offers_the_years_present(superuser_client):
    old = make_agreement(signed_on=date(2017, 3, 1), start_date=date(2017, 3, 1))
    make_agreement(signed_on=date(2019, 10, 29))

    response = superuser_client.get(admin_url(Agreement, "changelist"))
    page = response.text

    assert "signed_year=2017" in page
    assert "signed_year=2019" in page
    assert "signed_year=2018" not in page
    assert _listed(superuser_client, signed_year="2017") == {old.pk}


# --- The agreement form ----------------------------------------------------------------


def agreement_form_data(partners, units=(), leads=(), documents=(), **fields):
    """The POST of the agreement add form, as the browser sends it."""
    data = {
        "title": "Pengembangan sumber daya manusia",
        "kind": AgreementKind.PKS,
        "scheme": Scheme.KSDPK,
        "stage": Stage.SIGNED,
        "signed_on": "29-10-2019",
        "start_date": "29-10-2019",
        "end_date": "28-10-2024",
        "partners": [partner.pk for partner in partners],
        "number": "",
        "partner_number": "",
        "parent": "",
        "funding": "",
        "value": "",
        "dprd_approved_on": "",
        "scope": "",
        "notes": "",
        "agreement_units-TOTAL_FORMS": str(len(units)),
        "agreement_units-INITIAL_FORMS": "0",
        "agreement_units-MIN_NUM_FORMS": "0",
        "agreement_units-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    for index, unit in enumerate(units):
        data[f"agreement_units-{index}-unit"] = unit.pk
        if unit in leads:
            data[f"agreement_units-{index}-is_lead"] = "on"
    for index, upload in enumerate(documents):
        data[f"documents-{index}-kind"] = "SIGNED"
        data[f"documents-{index}-title"] = ""
        data[f"documents-{index}-file"] = upload
    data.update(fields)
    return data


def _unit_formset_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is AgreementUnit:
            return inline.formset.non_form_errors()
    raise AssertionError("no unit inline on the page")


@pytest.mark.parametrize("lead_count", [0, 2])
def test_units_without_exactly_one_lead_are_refused(superuser_client, lead_count):
    first, second = make_unit(), make_unit()
    data = agreement_form_data(
        [make_partner()], units=[first, second], leads=[first, second][:lead_count]
    )

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    errors = _unit_formset_errors(response)
    assert len(errors) == 1
    assert str(errors[0]) in response.text
    assert not Agreement.objects.exists()


def test_one_lead_unit_is_saved_and_recorded_in_the_history(superuser_client, superuser):
    first, second = make_unit(), make_unit()
    data = agreement_form_data([make_partner()], units=[first, second], leads=[second])

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.lead_unit == second
    assert set(agreement.units.all()) == {first, second}
    history = superuser_client.get(admin_url(Agreement, "history", agreement.pk))
    assert superuser.username in history.text


def test_an_agreement_without_units_may_be_saved(superuser_client):
    response = superuser_client.post(
        admin_url(Agreement, "add"), agreement_form_data([make_partner()])
    )

    assert response.status_code == 302
    assert Agreement.objects.get().units.count() == 0


def _messages(response):
    return [(message.level, str(message)) for message in response.context["messages"]]


def test_a_scheme_the_partners_do_not_suggest_is_saved_with_a_warning(superuser_client):
    university = make_partner(category=PartnerCategory.UNIVERSITY)
    data = agreement_form_data([university], scheme=Scheme.KSDD)

    response = superuser_client.post(admin_url(Agreement, "add"), data, follow=True)

    agreement = Agreement.objects.get()
    assert agreement.scheme == Scheme.KSDD
    warnings = [text for level, text in _messages(response) if level == messages.WARNING]
    assert warnings == [agreement.scheme_warning()]


def test_a_matching_scheme_gives_no_warning(superuser_client):
    data = agreement_form_data([make_partner()], scheme=Scheme.KSDPK)

    response = superuser_client.post(admin_url(Agreement, "add"), data, follow=True)

    assert Agreement.objects.count() == 1
    assert all(level != messages.WARNING for level, _text in _messages(response))


@pytest.mark.parametrize(
    ("category", "scheme"),
    [
        (PartnerCategory.REGIONAL_GOV, Scheme.KSDD),
        (PartnerCategory.CENTRAL_GOV, Scheme.SINERGI),
        (PartnerCategory.UNIVERSITY, Scheme.KSDPK),
        (PartnerCategory.FOREIGN_ORG, Scheme.KSDLL),
    ],
)
def test_a_scheme_left_empty_is_taken_from_the_partners(superuser_client, category, scheme):
    data = agreement_form_data([make_partner(category=category)], scheme="")

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 302
    assert Agreement.objects.get().scheme == scheme


def test_no_scheme_and_no_partner_is_refused(superuser_client):
    data = agreement_form_data([], scheme="")

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    assert "partners" in response.context["adminform"].form.errors
    assert not Agreement.objects.exists()


def test_change_page_shows_code_status_suggested_scheme_children_and_download_links(
    superuser_client, media_root, today
):
    framework = make_agreement(
        kind=AgreementKind.KB,
        partners=[make_partner(category=PartnerCategory.REGIONAL_GOV)],
        scheme=Scheme.KSDPK,
    )
    child = make_agreement(kind=AgreementKind.PKS, parent=framework)
    document = make_document(framework)

    page = superuser_client.get(admin_url(Agreement, "change", framework.pk)).text

    assert framework.code in page
    assert str(Scheme.KSDD.label) in page  # suggested by the regional-government partner
    assert admin_url(Agreement, "change", child.pk) in page
    assert child.code in page
    assert document.get_absolute_url() in page
    assert document.file.url not in page


def test_an_upload_that_is_not_a_pdf_jpeg_or_png_is_refused_in_the_agreement_form(
    superuser_client, media_root
):
    fake = SimpleUploadedFile("scan.pdf", b"just some text, not a PDF", "application/pdf")
    data = agreement_form_data([make_partner()], documents=[fake])

    response = superuser_client.post(admin_url(Agreement, "add"), data)

    assert response.status_code == 200
    document_forms = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is AgreementDocument
    ][0]
    file_errors = document_forms.forms[0].errors["file"]
    assert str(file_errors[0]) in response.text
    assert not Agreement.objects.exists()
    assert not AgreementDocument.objects.exists()


# --- Roles -----------------------------------------------------------------------------


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
    assert other.status_code == 302  # "does not exist", back to the index
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
