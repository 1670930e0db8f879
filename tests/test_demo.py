"""``manage.py load_demo``: the README's demo figures, and a second run that changes nothing."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.db.models import Count

from agreements.choices import AgreementKind, ParticipantInstitution, PartnerGroup, Status
from agreements.models import Agreement, ForeignVisit
from agreements.roles import OPERATOR, PIMPINAN
from reports.choices import ReportStatus
from reports.demo import DEMO_PASSWORD
from reports.models import Evaluation, Report

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def dump_register():
    """Every row of the register's apps, history tables included, as JSON text."""
    models = [
        model
        for label in ("agreements", "reports")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in models
    }


@pytest.fixture
def demo(today):
    today(date(2024, 7, 1))
    load_demo()


def test_counts_by_signing_year_and_partner_group_are_those_of_spec(demo):
    signed = Agreement.objects.with_partner_group()

    assert signed.filter(signed_on__year__in=[2017, 2018]).count() == 28
    in_2019 = signed.filter(signed_on__year=2019)
    assert in_2019.count() == 20
    by_group = dict(in_2019.values_list("partner_group").annotate(n=Count("pk")))
    assert by_group == {
        PartnerGroup.GOVERNMENT: 7,
        PartnerGroup.UNIVERSITY: 5,
        PartnerGroup.ENTERPRISE: 8,
    }


def test_agreements_in_preparation_are_not_counted_in_any_year(demo):
    statuses = Agreement.objects.with_status()
    preparing = statuses.filter(status__in=[Status.EXPLORATION, Status.DRAFTING])

    assert preparing.filter(status=Status.EXPLORATION).exists()
    assert preparing.filter(status=Status.DRAFTING).exists()
    assert not preparing.exclude(signed_on=None).exists()
    assert Agreement.objects.count() == 48 + preparing.count()


@pytest.mark.parametrize("day", [date(2024, 7, 1), date(2031, 2, 1)])
def test_some_agreements_always_expire_soon_and_some_have_expired(today, day):
    today(day)
    load_demo()

    by_status = dict(Agreement.objects.with_status().values_list("status").annotate(n=Count("pk")))
    assert by_status.get(Status.EXPIRING, 0) >= 3
    assert by_status.get(Status.EXPIRED, 0) >= 10
    assert by_status.get(Status.ACTIVE, 0) >= 3


def test_codes_follow_the_signing_year(demo):
    agreement = Agreement.objects.get(number="180/001/KB/Setda/2017")

    assert agreement.code.startswith("KS-2017-")
    assert all(
        code.startswith(f"KS-{year}-")
        for code, year in Agreement.objects.exclude(signed_on=None).values_list(
            "code", "signed_on__year"
        )
    )


def test_signed_agreements_have_partners_a_lead_unit_sectors_and_objectives(demo):
    for agreement in Agreement.objects.prefetch_related("agreement_units__unit", "partners"):
        assert agreement.partners.exists(), agreement
        assert agreement.lead_unit is not None, agreement
        assert agreement.objectives.exists(), agreement
    assert Agreement.objects.filter(sectors__name="Pendidikan").exists()


def test_framework_agreements_have_pks_children(demo):
    children = Agreement.objects.filter(
        kind=AgreementKind.PKS, parent__kind__in=[AgreementKind.KB, AgreementKind.NK]
    )

    assert children.count() >= 5
    assert children.filter(parent__partners__name="Universitas Sriwijaya").exists()


def test_reports_of_every_status_and_an_evaluation_exist(demo):
    statuses = set(Report.objects.values_list("status", flat=True))

    assert statuses == set(ReportStatus.values)
    returned = Report.objects.get(status=ReportStatus.RETURNED)
    assert returned.verifier_note
    assert Evaluation.objects.filter(overall_score__gt=0).exists()


def test_foreign_visit_of_regent_dprd_and_civil_servants(demo):
    visit = ForeignVisit.objects.get()
    positions = list(visit.participants.values_list("position", "institution"))

    assert ("Bupati Muara Enim", ParticipantInstitution.REGENCY) in positions
    assert ("Ketua DPRD Kabupaten Muara Enim", ParticipantInstitution.DPRD) in positions
    assert visit.agreement is not None


def test_second_run_changes_nothing_and_writes_no_history(demo):
    before = dump_register()

    load_demo()

    after = dump_register()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label


def test_each_demo_agreement_has_one_history_entry_with_its_links(demo):
    for agreement in Agreement.objects.prefetch_related("partners", "units"):
        entries = list(agreement.history.all())
        assert [entry.history_type for entry in entries] == ["+"], agreement.code
        assert {link.partner_id for link in entries[0].partners.all()} == {
            partner.pk for partner in agreement.partners.all()
        }
        assert {link.unit_id for link in entries[0].units.all()} == {
            unit.pk for unit in agreement.units.all()
        }


def test_without_option_no_user_is_created(demo):
    assert get_user_model().objects.count() == 0


def test_with_superuser_creates_demo_accounts_and_prints_them(demo, client):
    output = load_demo("--with-superuser")

    for username in ("admin", "operator", "pimpinan"):
        assert username in output
    assert DEMO_PASSWORD in output
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    operator = User.objects.get(username="operator")
    assert operator.groups.filter(name=OPERATOR).exists()
    assert operator.unit_membership.unit.code == "DPUPR"
    assert User.objects.get(username="pimpinan").groups.filter(name=PIMPINAN).exists()

    assert client.login(username="admin", password=DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_demo_accounts_are_stable_on_a_second_run(demo):
    load_demo("--with-superuser")
    User = get_user_model()
    before = list(User.objects.order_by("pk").values_list("username", "password"))

    load_demo("--with-superuser")

    assert list(User.objects.order_by("pk").values_list("username", "password")) == before
    assert User.objects.count() == 3
