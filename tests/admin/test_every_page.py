"""Every registered admin page: it opens in Indonesian, refuses without permission,
and its list's queries do not grow with the rows."""

import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
from reports.models import Evaluation, Report, ReportAttachment
from tests.admin.samples import pdf, sample_agreement, sample_report, sample_visit
from tests.factories import (
    make_document,
    make_evaluation,
    make_partner,
    make_unit,
    make_user,
    make_visit,
)
from tests.pages import admin_url

User = get_user_model()
_seq = itertools.count(1)


# --- A sample object for every registered model --------------------------------------


def login_record():
    return {"username": f"uji{next(_seq)}", "ip_address": "10.0.0.1", "path_info": "/admin/login/"}


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
    # django-axes' login records: written by logins, deleted by the office to unlock.
    AccessAttempt: lambda: AccessAttempt.objects.create(failures_since_start=5, **login_record()),
    AccessLog: lambda: AccessLog.objects.create(**login_record()),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(**login_record()),
}
# Written by logins only: no add page, and read-only.
LOGIN_RECORDS = (AccessAttempt, AccessLog, AccessFailureLog)

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
        # Bookkeeping: the code counter, the reminders sent, and the rows the database
        # derives and keeps (report tallies, partner groups).
        and model.__name__ not in ("AgreementCodeCounter", "SentReminder")
        and not getattr(model, "derived_rows", False)
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

    written_by_hand = model not in LOGIN_RECORDS
    for response in (changelist, add, change, history):
        if response is add and not written_by_hand:
            assert response.status_code == 403
            continue
        assert response.status_code == 200
        assert 'lang="id"' in response.text
    assert change_url in changelist.text
    if written_by_hand:
        assert 'value="Simpan"' in add.text
        assert 'value="Simpan"' in change.text
    assert "Riwayat" in change.text
    # Past versions of objects with a history are read-only ("Lihat riwayat").
    assert "Riwayat perubahan" in history.text or "Lihat riwayat" in history.text


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_is_refused_without_permission(client, db, media_root, model):
    obj = FACTORIES[model]()
    client.force_login(make_user())  # staff, in no role

    for view, args in [("changelist", ()), ("add", ()), ("change", (obj.pk,))]:
        assert client.get(admin_url(model, view, *args)).status_code == 403
    history = client.get(admin_url(model, "history", obj.pk))
    # Rows outside the user's visible_to() do not exist for them: not found.
    assert history.status_code in (403, 404)


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
