"""Nothing that other records depend on disappears: deletes are refused, and the admin
says so (Django's "cannot delete" page) instead of failing or silently unlinking."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from agreements.choices import AgreementKind
from agreements.models import Agreement, Objective, Partner, Sector
from tests.factories import make_agreement, make_partner, make_report, make_unit
from tests.pages import admin_url

pytestmark = pytest.mark.django_db


def test_deleting_an_agreement_with_reports_is_refused_on_its_page(superuser_client):
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit)
    url = admin_url(Agreement, "delete", agreement.pk)

    page = superuser_client.get(url)
    posted = superuser_client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert "Tidak dapat menghapus" in page.text
    assert posted.status_code == 200
    assert "Tidak dapat menghapus" in posted.text
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_bulk_deleting_agreements_with_children_is_refused(superuser_client):
    framework = make_agreement(kind=AgreementKind.KB)
    make_agreement(parent=framework)
    lonely = make_agreement()
    url = admin_url(Agreement, "changelist")
    selection = {"action": "delete_selected", "_selected_action": [framework.pk, lonely.pk]}

    page = superuser_client.post(url, selection)
    confirmed = superuser_client.post(url, {**selection, "post": "yes"})

    assert page.status_code == 200
    assert "Tidak dapat menghapus" in page.text
    assert confirmed.status_code == 200
    assert Agreement.objects.filter(pk__in=[framework.pk, lonely.pk]).count() == 2


@pytest.mark.parametrize("model", [Partner, Sector, Objective])
def test_a_partner_affair_or_objective_in_use_cannot_be_deleted(model):
    agreement = make_agreement()
    if model is Partner:
        referred = agreement.partners.get()
    else:
        referred = model.objects.first()
        getattr(agreement, f"{model._meta.model_name}s").add(referred)

    with pytest.raises(ProtectedError), transaction.atomic():
        referred.delete()

    assert model.objects.filter(pk=referred.pk).exists()
    assert referred in getattr(agreement, f"{model._meta.model_name}s").all()


def test_a_partner_without_agreements_deletes():
    partner = make_partner()
    partner.delete()
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_deleting_a_partner_in_use_is_refused_on_its_page_and_names_the_agreement(
    superuser_client,
):
    partner = make_partner(name="PT Bukit Asam Tbk")
    agreement = make_agreement(partners=[partner], number="119/PKS/2019")
    url = admin_url(Partner, "delete", partner.pk)

    page = superuser_client.get(url)
    posted = superuser_client.post(url, {"post": "yes"})

    assert "Tidak dapat menghapus" in page.text
    assert agreement.code in page.text
    assert posted.status_code == 200
    assert "Tidak dapat menghapus" in posted.text
    assert list(agreement.partners.all()) == [partner]


def test_bulk_deleting_sectors_in_use_is_refused(superuser_client):
    used, unused = Sector.objects.all()[:2]
    make_agreement().sectors.add(used)
    url = admin_url(Sector, "changelist")
    selection = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}

    confirmed = superuser_client.post(url, {**selection, "post": "yes"})

    assert "Tidak dapat menghapus" in confirmed.text
    assert Sector.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2
