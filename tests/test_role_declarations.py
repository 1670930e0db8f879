"""Each app declares its own part of the roles (agreements/roles.py, reports/roles.py);
together they give exactly the permissions the roles had when one table held them."""

import pytest
from django.contrib.auth.models import Group

from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from core import roles

pytestmark = pytest.mark.django_db

EXPECTED = {
    OPERATOR: {
        "agreements.view_agreement",
        "agreements.view_agreementdocument",
        "agreements.view_agreementunit",
        "agreements.view_objective",
        "agreements.view_partner",
        "agreements.view_sector",
        "agreements.view_unit",
        "reports.add_report",
        "reports.add_reportattachment",
        "reports.change_report",
        "reports.change_reportattachment",
        "reports.delete_reportattachment",
        "reports.export_report",
        "reports.import_report",
        "reports.view_report",
        "reports.view_reportattachment",
    },
    PENGELOLA: {
        "agreements.add_agreement",
        "agreements.add_agreementdocument",
        "agreements.add_agreementunit",
        "agreements.add_foreignvisit",
        "agreements.add_objective",
        "agreements.add_partner",
        "agreements.add_sector",
        "agreements.add_unit",
        "agreements.add_unitmembership",
        "agreements.add_visitdocument",
        "agreements.add_visitparticipant",
        "agreements.change_agreement",
        "agreements.change_agreementdocument",
        "agreements.change_agreementunit",
        "agreements.change_foreignvisit",
        "agreements.change_objective",
        "agreements.change_partner",
        "agreements.change_sector",
        "agreements.change_unit",
        "agreements.change_unitmembership",
        "agreements.change_visitdocument",
        "agreements.change_visitparticipant",
        "agreements.delete_agreement",
        "agreements.delete_agreementdocument",
        "agreements.delete_agreementunit",
        "agreements.delete_foreignvisit",
        "agreements.delete_objective",
        "agreements.delete_partner",
        "agreements.delete_sector",
        "agreements.delete_unit",
        "agreements.delete_unitmembership",
        "agreements.delete_visitdocument",
        "agreements.delete_visitparticipant",
        "agreements.export_agreement",
        "agreements.export_partner",
        "agreements.export_unit",
        "agreements.import_agreement",
        "agreements.import_partner",
        "agreements.import_unit",
        "agreements.view_agreement",
        "agreements.view_agreementdocument",
        "agreements.view_agreementunit",
        "agreements.view_foreignvisit",
        "agreements.view_objective",
        "agreements.view_partner",
        "agreements.view_sector",
        "agreements.view_unit",
        "agreements.view_unitmembership",
        "agreements.view_visitdocument",
        "agreements.view_visitparticipant",
        "reports.add_evaluation",
        "reports.add_report",
        "reports.add_reportattachment",
        "reports.change_evaluation",
        "reports.change_report",
        "reports.change_reportattachment",
        "reports.delete_evaluation",
        "reports.delete_report",
        "reports.delete_reportattachment",
        "reports.export_report",
        "reports.import_report",
        "reports.verify_report",
        "reports.view_evaluation",
        "reports.view_report",
        "reports.view_reportattachment",
        # The login lockouts, which the office lifts (declared by kerjasama/apps.py).
        "axes.delete_accessattempt",
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
    },
    PIMPINAN: {
        "agreements.export_agreement",
        "agreements.export_partner",
        "agreements.export_unit",
        "agreements.view_agreement",
        "agreements.view_agreementdocument",
        "agreements.view_agreementunit",
        "agreements.view_foreignvisit",
        "agreements.view_objective",
        "agreements.view_partner",
        "agreements.view_sector",
        "agreements.view_unit",
        "agreements.view_unitmembership",
        "agreements.view_visitdocument",
        "agreements.view_visitparticipant",
        "reports.export_report",
        "reports.view_evaluation",
        "reports.view_report",
        "reports.view_reportattachment",
    },
}


def permissions_of(role):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_declarations_give_each_role_its_permissions(role):
    assert permissions_of(role) == EXPECTED[role]


def test_both_apps_declare_their_part():
    # …and the project declares the office's part of django-axes' login records.
    assert set(roles.declared_apps()) == {"agreements", "reports", "axes"}
