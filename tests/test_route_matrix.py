"""Every registered admin × every role × every route that writes.

The admins come from ``admin.site._registry``: a model registered tomorrow fails
``test_every_registered_admin_has_samples`` until it is given samples here, and is then
walked like the others. For each sample object and role the test posts to every route
that can write — add, change, delete, each bulk action, the history "revert" page, the
import's preview and confirmation, inline deletes on the change page — and a download,
and checks the answer and that the database (every registered table and every
history table) is unchanged wherever the role is refused.
"""

from io import BytesIO
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from agreements.models import (
    Agreement,
    AgreementDocument,
    Objective,
    Sector,
    UnitMembership,
    VisitDocument,
    VisitParticipant,
)
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from reports.choices import ReportStatus
from reports.models import ReportAttachment
from tests.admin.forms import page_data
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
from tests.sheets import xlsx_bytes

pytestmark = pytest.mark.django_db

NO_ROLE = "staff without a role"
ROLES = [PENGELOLA, OPERATOR, PIMPINAN, NO_ROLE]


def build_world():
    """Unit A (the operator's) and unit B, with one of everything."""
    w = SimpleNamespace()
    w.unit_a = make_unit("UNITA", "Dinas A")
    w.unit_b = make_unit("UNITB", "Dinas B")
    w.partner = make_partner("Universitas Matriks")
    w.agreement_a = make_agreement(partners=[w.partner], units=[w.unit_a])
    w.agreement_b = make_agreement(partners=[w.partner], units=[w.unit_b])
    w.agreement_shared = make_agreement(partners=[w.partner], units=[w.unit_a, w.unit_b])
    w.document_a = make_document(w.agreement_a)
    w.document_b = make_document(w.agreement_b)
    w.link_a = w.agreement_a.agreement_units.get()
    w.draft_a = make_report(w.agreement_a, w.unit_a, status=ReportStatus.DRAFT)
    w.submitted_a = make_report(w.agreement_a, w.unit_a, semester=2)
    w.verified_a = make_report(w.agreement_a, w.unit_a, year=2021, status=ReportStatus.VERIFIED)
    w.draft_b = make_report(w.agreement_b, w.unit_b, status=ReportStatus.DRAFT)
    w.draft_b_shared = make_report(w.agreement_shared, w.unit_b, status=ReportStatus.DRAFT)
    w.attachment_open = ReportAttachment.objects.create(
        report=w.draft_a, title="Foto", file=SimpleUploadedFile("a.pdf", PDF_BYTES)
    )
    w.attachment_closed = ReportAttachment.objects.create(
        report=w.verified_a, title="Berita acara", file=SimpleUploadedFile("b.pdf", PDF_BYTES)
    )
    w.attachment_b = ReportAttachment.objects.create(
        report=w.draft_b_shared, title="Foto B", file=SimpleUploadedFile("c.pdf", PDF_BYTES)
    )
    w.evaluation = make_evaluation(w.agreement_a)
    w.visit = make_visit(agreement=w.agreement_a)
    w.participant = VisitParticipant.objects.create(
        visit=w.visit, name="Bupati", position="Bupati", institution="REGENCY"
    )
    w.visit_document = VisitDocument.objects.create(
        visit=w.visit, title="Izin", file=SimpleUploadedFile("izin.pdf", PDF_BYTES)
    )
    w.sector = Sector.objects.first()
    w.objective = Objective.objects.first()
    w.member_b = UnitMembership.objects.create(
        user=make_user("anggota_b", role=OPERATOR), unit=w.unit_b
    )
    w.group = Group.objects.get(name=PIMPINAN)
    w.superuser = make_user("matriks_admin", superuser=True)
    login = {"username": "clerk", "ip_address": "10.0.0.1", "path_info": "/admin/login/"}
    w.access_attempt = AccessAttempt.objects.create(failures_since_start=5, **login)
    w.access_log = AccessLog.objects.create(**login)
    w.access_failure = AccessFailureLog.objects.create(**login)
    return w


# label → [(sample name, object in the world, open to its unit)]; "open to its unit":
# a report (or its attachment) that unit A's operator may still change. Samples whose
# name ends in "unit B" are outside the operator's part of the register.
SAMPLES = {
    "agreements.Unit": [("unit A", "unit_a", False)],
    "agreements.Sector": [("sector", "sector", False)],
    "agreements.Objective": [("objective", "objective", False)],
    "agreements.Partner": [("partner", "partner", False)],
    "agreements.Agreement": [
        ("agreement of unit A", "agreement_a", False),
        ("agreement of unit B", "agreement_b", False),
    ],
    "agreements.AgreementDocument": [
        ("document of unit A", "document_a", False),
        ("document of unit B", "document_b", False),
    ],
    "agreements.AgreementUnit": [("unit link of unit A", "link_a", False)],
    "agreements.UnitMembership": [("membership in unit B", "member_b", False)],
    "agreements.ForeignVisit": [("visit", "visit", False)],
    "agreements.VisitParticipant": [("participant", "participant", False)],
    "agreements.VisitDocument": [("visit document", "visit_document", False)],
    "auth.User": [("user", "superuser", False)],
    "auth.Group": [("group", "group", False)],
    "reports.Report": [
        ("draft of unit A", "draft_a", True),
        ("submitted of unit A", "submitted_a", False),
        ("verified of unit A", "verified_a", False),
        ("draft of unit B", "draft_b", False),
        ("draft on an agreement shared with unit A, of unit B", "draft_b_shared", False),
    ],
    "reports.ReportAttachment": [
        ("attachment of a draft of unit A", "attachment_open", True),
        ("attachment of a verified report of unit A", "attachment_closed", False),
        ("attachment of a draft of unit B", "attachment_b", False),
    ],
    "reports.Evaluation": [("evaluation", "evaluation", False)],
    "axes.AccessAttempt": [("login lockout", "access_attempt", False)],
    "axes.AccessLog": [("login record", "access_log", False)],
    "axes.AccessFailureLog": [("failed login record", "access_failure", False)],
}

# What unit A's operator may write; every other right is the office's alone.
OPERATOR_WRITES = {
    "reports.Report": {"add", "change", "import"},
    "reports.ReportAttachment": {"add", "change", "delete"},
}
OFFICE_LABEL_PREFIXES = ("agreements.", "reports.")
# django-axes' login records are written by logins only; the office lifts a lockout by
# deleting its attempt.
OFFICE_LOGIN_RECORD_WRITES = {"axes.AccessAttempt": {"delete"}}


def may(role, label, action, sample_open):
    if role == PENGELOLA:
        return label.startswith(OFFICE_LABEL_PREFIXES) or (
            action in OFFICE_LOGIN_RECORD_WRITES.get(label, ())
        )
    if role == OPERATOR:
        return action in OPERATOR_WRITES.get(label, ()) and (action == "add" or sample_open)
    return False


# Who may download a sample's file: label → roles (the operator: of unit A only).
DOWNLOADERS = {
    "agreements.AgreementDocument": {PENGELOLA, PIMPINAN, OPERATOR},
    "agreements.VisitDocument": {PENGELOLA, PIMPINAN},
    "reports.ReportAttachment": {PENGELOLA, PIMPINAN, OPERATOR},
}


def may_download(role, label, sample):
    if role == OPERATOR and sample.endswith("unit B"):
        return False
    return role in DOWNLOADERS.get(label, ())


# The spreadsheet column an import edits, per importing admin.
IMPORT_EDITS = {
    "agreements.Unit": ("Nama", "Nama dari berkas"),
    "agreements.Partner": ("Alamat", "Alamat dari berkas"),
    "agreements.Agreement": ("Judul", "Judul dari berkas"),
    "reports.Report": ("Kegiatan", "Kegiatan dari berkas"),
}

CASES = [
    pytest.param(model, sample, attribute, sample_open, id=f"{label}-{sample}")
    for model in admin.site._registry
    for label in [model._meta.label]
    for sample, attribute, sample_open in SAMPLES.get(label, [])
]


def test_every_registered_admin_has_samples():
    missing = [m._meta.label for m in admin.site._registry if m._meta.label not in SAMPLES]
    assert missing == [], "give these models samples and rules in tests/test_route_matrix.py"


def snapshot():
    """Every row of every registered table and every history table."""
    dump = {}
    for model in admin.site._registry:
        dump[model._meta.label] = list(model._default_manager.order_by("pk").values())
        history = getattr(model, "history", None)
        if history is not None:
            dump[f"{model._meta.label} history"] = history.count()
    dump["agreements.Agreement partners"] = sorted(
        Agreement.partners.through.objects.values_list("agreement_id", "partner_id")
    )
    return dump


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def user_in(role, world):
    if role == NO_ROLE:
        return make_user()
    return make_user(role=role, unit=world.unit_a if role == OPERATOR else None)


def urls_of(model, pk=None):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return base, (f"{base}{pk}/" if pk is not None else None)


class Matrix:
    """Runs one route, checking the answer and, where refused, the database."""

    def __init__(self, role, label, obj):
        self.role, self.label, self.obj = role, label, obj
        self.failures = []

    def refused(self, route, response, before):
        location = response.get("Location", "")
        # Outside the user's part of the register the admin answers as for a missing
        # object: back to the index.
        refused = response.status_code in (403, 404) or (
            response.status_code == 302 and location.rstrip("/").endswith("/admin")
        )
        if not refused:
            self.failures.append(f"{route}: answered {response.status_code} {location}")
        if snapshot() != before:
            self.failures.append(f"{route}: the database changed")

    def unchanged(self, route, before):
        if snapshot() != before:
            self.failures.append(f"{route}: the database changed")

    def expect(self, route, response, *statuses):
        if response.status_code not in statuses:
            self.failures.append(f"{route}: answered {response.status_code}, not {statuses}")


def import_upload(model_admin, request, obj, label):
    header, value = IMPORT_EDITS[label]
    resource = model_admin.get_import_resource_classes(request)[0]()
    dataset = resource.export(queryset=type(obj)._default_manager.filter(pk=obj.pk))
    row = list(dataset[0])
    row[dataset.headers.index(header)] = value
    upload = BytesIO(xlsx_bytes([dataset.headers, row]))
    upload.name = "matriks.xlsx"
    return {"resource": "0", "format": "0", "import_file": upload}


@pytest.mark.parametrize(("model", "sample", "attribute", "sample_open"), CASES)
def test_every_writing_route_answers_as_each_role_allows(
    media_root, rf, model, sample, attribute, sample_open
):
    world = build_world()
    obj = getattr(world, attribute)
    boss = logged_in(world.superuser)
    request = rf.get("/")
    request.user = world.superuser
    failures = []
    # The office last: its allowed saves change the sample the others are refused.
    for role in [NO_ROLE, PIMPINAN, OPERATOR, PENGELOLA]:
        obj.refresh_from_db()
        check = Matrix(role, model._meta.label, obj)
        client = logged_in(user_in(role, world))
        walk_routes(check, boss, client, request, model, sample, sample_open)
        failures += [f"{role}: {failure}" for failure in check.failures]
    assert failures == []


def walk_routes(check, boss, client, request, model, sample, sample_open):
    role, label, obj = check.role, check.label, check.obj
    model_admin = admin.site._registry[model]
    base, object_url = urls_of(model, obj.pk)

    # Add.
    add_page = boss.get(f"{base}add/")
    if may(role, label, "add", sample_open):
        check.expect("add page", client.get(f"{base}add/"), 200)
    else:
        before = snapshot()
        # Models nobody adds by hand (login records) have no add page to copy.
        add_data = page_data(add_page) if add_page.status_code == 200 else {}
        check.refused("add", client.post(f"{base}add/", add_data), before)

    # Change (with the inline rows as they are).
    change_data = page_data(boss.get(f"{object_url}change/"))
    if may(role, label, "change", sample_open):
        own_page = client.get(f"{object_url}change/")
        check.expect("change", client.post(f"{object_url}change/", page_data(own_page)), 302)
    else:
        before = snapshot()
        check.refused("change", client.post(f"{object_url}change/", change_data), before)
        # Inline deletes on the same page.
        deletes = {
            key.replace("-id", "-DELETE"): "on"
            for key, value in change_data.items()
            if key.endswith("-0-id") and value
        }
        if deletes:
            response = client.post(f"{object_url}change/", {**change_data, **deletes})
            check.refused("inline delete", response, before)

    # Delete.
    if may(role, label, "delete", sample_open):
        check.expect("delete page", client.get(f"{object_url}delete/"), 200)
    else:
        before = snapshot()
        check.refused("delete", client.post(f"{object_url}delete/", {"post": "yes"}), before)

    # Bulk actions: a refused one writes nothing, whatever the page answers.
    for action in model_admin.get_actions(request):
        allowed = (action == "delete_selected" and may(role, label, "delete", sample_open)) or (
            action == "verify" and role == PENGELOLA
        )
        if allowed:
            continue
        before = snapshot()
        client.post(
            base, {"action": action, "_selected_action": [obj.pk], "index": "0", "post": "yes"}
        )
        check.unchanged(f"action {action}", before)

    # History "revert": refused for everybody.
    history = getattr(model, "history", None)
    if history is not None and hasattr(model_admin, "history_form_view"):
        version = history.filter(**{model._meta.pk.attname: obj.pk}).first()
        before = snapshot()
        response = client.post(f"{object_url}history/{version.history_id}/", change_data)
        check.refused("history revert", response, before)
        check.expect("history revert (403)", response, 403)

    # Import: preview and confirmation.
    if label in IMPORT_EDITS and hasattr(model_admin, "import_action"):
        boss_preview = boss.post(f"{base}import/", import_upload(model_admin, request, obj, label))
        confirm_form = boss_preview.context["confirm_form"]
        confirm_data = {name: confirm_form.initial[name] for name in confirm_form.fields}
        before = snapshot()
        preview = client.post(f"{base}import/", import_upload(model_admin, request, obj, label))
        if may(role, label, "import", sample_open):
            check.expect("import preview", preview, 200)
            check.unchanged("import preview", before)
            if preview.status_code == 200 and not preview.context.get("confirm_form"):
                check.failures.append("import preview: no confirmation offered")
        else:
            refused_preview = preview.status_code == 403 or (
                preview.status_code == 200 and not preview.context.get("confirm_form")
            )
            if not refused_preview:
                check.failures.append(f"import preview: answered {preview.status_code}")
            check.unchanged("import preview", before)
            response = client.post(f"{base}process_import/", confirm_data)
            if role != OPERATOR or label != "reports.Report":
                check.refused("import confirm", response, before)
            else:
                # The operator may import reports, but not this one: rows refused.
                check.unchanged("import confirm", before)

    # Download.
    if "file" in {field.name for field in model._meta.fields}:
        response = client.get(obj.get_absolute_url())
        if may_download(role, label, sample):
            check.expect("download", response, 200)
        else:
            check.expect("download", response, 404)


def test_the_sample_download_models_are_those_with_files():
    with_files = {
        model._meta.label
        for model in admin.site._registry
        if "file" in {field.name for field in model._meta.fields}
    }
    assert with_files == set(DOWNLOADERS)
    assert {AgreementDocument, VisitDocument, ReportAttachment} <= set(admin.site._registry)
    assert get_user_model() in admin.site._registry
