"""The three roles (README, "Roles") (groups made by ``migrate``) and who sees which rows."""

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import AnonymousUser, Group, Permission

from agreements.models import Agreement
from agreements.roles import OPERATOR, PENGELOLA, PIMPINAN
from core import roles
from kerjasama.login_protection import LOCKOUT_PERMISSIONS
from reports.models import Report
from tests.factories import make_agreement, make_report, make_unit, make_user

pytestmark = pytest.mark.django_db

ROLES = [PENGELOLA, OPERATOR, PIMPINAN]


def permissions_of(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_migrate_creates_the_three_roles():
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        (
            PENGELOLA,
            [
                "agreements.view_agreement",
                "agreements.add_agreement",
                "agreements.change_agreement",
                "agreements.delete_agreement",
                "agreements.import_agreement",
                "agreements.export_agreement",
                "agreements.add_partner",
                "agreements.import_partner",
                "agreements.import_unit",
                "agreements.add_foreignvisit",
                "agreements.add_agreementdocument",
                "reports.change_report",
                "reports.verify_report",
                "reports.import_report",
                "reports.export_report",
                "reports.add_evaluation",
            ],
            [],
        ),
        (
            PIMPINAN,
            [
                "agreements.view_agreement",
                "agreements.view_partner",
                "agreements.view_unit",
                "agreements.view_foreignvisit",
                "agreements.export_agreement",
                "agreements.export_partner",
                "agreements.export_unit",
                "reports.view_report",
                "reports.view_evaluation",
                "reports.export_report",
            ],
            [
                "agreements.add_agreement",
                "agreements.change_agreement",
                "agreements.delete_agreement",
                "agreements.import_agreement",
                "agreements.import_partner",
                "agreements.change_partner",
                "reports.change_report",
                "reports.import_report",
                "reports.verify_report",
                "reports.change_evaluation",
            ],
        ),
        (
            OPERATOR,
            [
                "agreements.view_agreement",
                "agreements.view_agreementdocument",
                "agreements.view_partner",
                "reports.view_report",
                "reports.add_report",
                "reports.change_report",
                "reports.add_reportattachment",
                "reports.import_report",
                "reports.export_report",
            ],
            [
                "agreements.add_agreement",
                "agreements.change_agreement",
                "agreements.delete_agreement",
                "agreements.import_agreement",
                "agreements.export_agreement",
                "agreements.change_partner",
                "agreements.change_unit",
                "agreements.add_agreementdocument",
                "reports.verify_report",
                "reports.delete_report",
                "reports.change_evaluation",
            ],
        ),
    ],
)
def test_what_each_role_may_do(role, allowed, refused):
    user = make_user(role=role)
    assert {perm for perm in allowed if not user.has_perm(perm)} == set()
    assert {perm for perm in refused if user.has_perm(perm)} == set()


def test_pimpinan_only_views_and_exports():
    codenames = [perm.split(".", 1)[1] for perm in permissions_of(PIMPINAN)]
    assert {codename.split("_", 1)[0] for codename in codenames} == {"view", "export"}


@pytest.mark.parametrize("role", ROLES)
def test_no_role_may_touch_history_or_the_code_counter(role):
    group = Group.objects.get(name=role)
    internal = group.permissions.filter(content_type__model__startswith="historical")
    assert list(internal) == []
    assert not group.permissions.filter(content_type__model="agreementcodecounter").exists()
    user = make_user(role=role)
    assert not user.has_perm("agreements.view_historicalagreement")
    assert not user.has_perm("agreements.change_agreementcodecounter")


def test_pengelola_has_every_register_permission_but_the_internal_ones():
    register = Permission.objects.filter(
        content_type__app_label__in=["agreements", "reports"]
    ).exclude(content_type__model__startswith="historical")
    register = register.exclude(
        content_type__model__in=[
            "agreementcodecounter",
            "agreementgroup",
            "sentreminder",
            "reporttally",
        ]
    )
    expected = {f"{p.content_type.app_label}.{p.codename}" for p in register}
    # …and the login lockouts, which the office lifts.
    lockouts = {f"axes.{codename}" for codename in LOCKOUT_PERMISSIONS}
    assert permissions_of(PENGELOLA) == expected | lockouts


def test_sync_roles_is_idempotent_and_restores_the_table():
    before = {role: permissions_of(role) for role in ROLES}
    roles.sync_roles(global_apps)
    roles.sync_roles(global_apps)
    assert {role: permissions_of(role) for role in ROLES} == before
    assert Group.objects.filter(name__in=ROLES).count() == 3

    # A permission handed out by hand is taken back, a deleted role comes back.
    Group.objects.get(name=PIMPINAN).permissions.add(
        Permission.objects.get(codename="change_agreement")
    )
    Group.objects.filter(name=OPERATOR).delete()
    roles.sync_roles(global_apps)
    assert {role: permissions_of(role) for role in ROLES} == before


# Serialized like every transactional test here: one that is not ends by flushing with
# post_migrate, which makes the content types anew under new keys, and the next test
# that reloads the serialized database then meets them (a unique violation).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_brings_the_roles_up_to_date():
    """``migrate`` itself restores the table: a model added later reaches its roles."""
    from django.core.management import call_command

    # A transactional test before this one may have flushed the groups away.
    roles.sync_roles(global_apps)
    before = {role: permissions_of(role) for role in ROLES}
    Group.objects.get(name=PENGELOLA).permissions.clear()
    Group.objects.filter(name=OPERATOR).delete()
    call_command("migrate", verbosity=0)
    assert {role: permissions_of(role) for role in ROLES} == before


# --- Row-level visibility ----------------------------------------------------------


@pytest.fixture
def units_with_their_rows():
    """Two units, each responsible for its own agreement, plus a shared one."""
    bappeda, dinkes = make_unit("BAPPEDA"), make_unit("DINKES")
    own = make_agreement(units=[bappeda])
    other = make_agreement(units=[dinkes])
    shared = make_agreement(units=[dinkes, bappeda])
    unassigned = make_agreement()
    reports = {
        "own": make_report(own, bappeda),
        "other": make_report(other, dinkes),
        "shared_by_bappeda": make_report(shared, bappeda),
        "shared_by_dinkes": make_report(shared, dinkes),
    }
    return {
        "bappeda": bappeda,
        "dinkes": dinkes,
        "agreements": {"own": own, "other": other, "shared": shared, "unassigned": unassigned},
        "reports": reports,
    }


@pytest.mark.parametrize("role", [None, PENGELOLA, PIMPINAN])
def test_the_office_and_the_leaders_see_everything(units_with_their_rows, role):
    user = make_user(role=role, superuser=role is None)
    assert set(Agreement.objects.visible_to(user)) == set(
        units_with_their_rows["agreements"].values()
    )
    assert set(Report.objects.visible_to(user)) == set(units_with_their_rows["reports"].values())


def test_an_operator_sees_their_units_agreements_and_reports_only(units_with_their_rows):
    operator = make_user(role=OPERATOR, unit=units_with_their_rows["bappeda"])
    agreements, reports = units_with_their_rows["agreements"], units_with_their_rows["reports"]

    visible = Agreement.objects.visible_to(operator)
    assert set(visible) == {agreements["own"], agreements["shared"]}
    assert visible.count() == 2  # the shared agreement is listed once
    assert set(Report.objects.visible_to(operator)) == {
        reports["own"],
        reports["shared_by_bappeda"],
    }


def test_a_unit_membership_without_a_role_still_limits_to_the_unit(units_with_their_rows):
    user = make_user(unit=units_with_their_rows["dinkes"])
    agreements = units_with_their_rows["agreements"]
    assert set(Agreement.objects.visible_to(user)) == {agreements["other"], agreements["shared"]}
    assert (
        Report.objects.visible_to(user).filter(unit=units_with_their_rows["bappeda"]).count() == 0
    )


def test_an_operator_without_a_unit_sees_nothing(units_with_their_rows):
    operator = make_user(role=OPERATOR)
    assert list(Agreement.objects.visible_to(operator)) == []
    assert list(Report.objects.visible_to(operator)) == []


def test_an_inactive_user_sees_nothing(units_with_their_rows):
    for user in [
        make_user(role=PENGELOLA),
        make_user(superuser=True),
        make_user(role=OPERATOR, unit=units_with_their_rows["bappeda"]),
    ]:
        user.is_active = False
        user.save()
        assert list(Agreement.objects.visible_to(user)) == []
        assert list(Report.objects.visible_to(user)) == []


def test_an_anonymous_visitor_sees_nothing(units_with_their_rows):
    assert list(Agreement.objects.visible_to(AnonymousUser())) == []
    assert list(Report.objects.visible_to(AnonymousUser())) == []


def test_visibility_combines_with_the_status_annotation(units_with_their_rows, today):
    operator = make_user(role=OPERATOR, unit=units_with_their_rows["bappeda"])
    rows = Agreement.objects.with_status().with_partner_group().visible_to(operator)
    assert {row.pk for row in rows} == {
        units_with_their_rows["agreements"]["own"].pk,
        units_with_their_rows["agreements"]["shared"].pk,
    }
    assert all(row.status and row.partner_group for row in rows)
