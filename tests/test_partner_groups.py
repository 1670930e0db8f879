"""Each agreement's partner group (agreements/partner_groups.py): whatever writes the
agreements' partners or the partners' categories, the kept rank equals the group the
agreement's partners give right after, and every reader (the list filter, the recap,
the export's column) sees it."""

import pytest
from django.db import connection, transaction

from agreements.choices import GROUP_PRECEDENCE, PartnerCategory, PartnerGroup
from agreements.models import Agreement, AgreementGroup, Partner
from agreements.partner_groups import GROUPS
from agreements.querysets import category_ranks, group_of_rank
from tests.factories import make_agreement, make_partner
from tests.kept_tables import rebuild_table, while_open

pytestmark = pytest.mark.django_db

Links = Agreement.partners.through


def expected():
    """``{agreement id: rank}`` of every agreement with partners, from its partners."""
    ranks = category_ranks()
    result = {}
    for agreement in Agreement.objects.prefetch_related("partners"):
        partners = list(agreement.partners.all())
        if partners:
            result[agreement.pk] = min(
                ranks.get(partner.category, len(GROUP_PRECEDENCE)) for partner in partners
            )
    return result


def stored():
    return dict(AgreementGroup.objects.values_list("agreement_id", "rank"))


def assert_groups_right():
    assert stored() == expected()


def group_of(agreement):
    return group_of_rank(stored().get(agreement.pk))


@pytest.fixture
def partners():
    return {
        "university": make_partner(category=PartnerCategory.UNIVERSITY),
        "regency": make_partner(category=PartnerCategory.REGIONAL_GOV),
        "company": make_partner(category=PartnerCategory.PRIVATE),
        "embassy": make_partner(category=PartnerCategory.FOREIGN_GOV),
    }


def test_linking_and_unlinking_partners_regroups_the_agreement(partners):
    agreement = make_agreement(partners=[partners["company"]])
    assert group_of(agreement) == PartnerGroup.ENTERPRISE

    agreement.partners.add(partners["university"])
    assert group_of(agreement) == PartnerGroup.UNIVERSITY
    agreement.partners.add(partners["regency"])
    assert group_of(agreement) == PartnerGroup.GOVERNMENT
    agreement.partners.remove(partners["regency"])
    assert group_of(agreement) == PartnerGroup.UNIVERSITY
    agreement.partners.set([partners["embassy"], partners["company"]])
    assert group_of(agreement) == PartnerGroup.FOREIGN
    assert_groups_right()

    agreement.partners.clear()
    assert agreement.pk not in stored()
    assert group_of(agreement) == PartnerGroup.OTHER  # no partners: "other"
    assert_groups_right()


def test_a_partners_category_regroups_every_agreement_it_is_in(partners):
    university = partners["university"]
    first = make_agreement(partners=[university, partners["company"]])
    second = make_agreement(partners=[university])
    untouched = make_agreement(partners=[partners["company"]])

    university.category = PartnerCategory.CENTRAL_GOV
    university.save()
    assert group_of(first) == group_of(second) == PartnerGroup.GOVERNMENT
    assert group_of(untouched) == PartnerGroup.ENTERPRISE

    Partner.objects.filter(pk=university.pk).update(category=PartnerCategory.COMMUNITY)
    assert group_of(first) == PartnerGroup.ENTERPRISE
    assert group_of(second) == PartnerGroup.OTHER
    assert_groups_right()


def test_bulk_and_raw_writes_of_the_links_regroup(partners):
    """What an import (bulk_create of links), a queryset delete and raw SQL do."""
    first = make_agreement(partners=[])
    second = make_agreement(partners=[partners["company"]])
    Links.objects.bulk_create(
        [
            Links(agreement=first, partner=partners["university"]),
            Links(agreement=first, partner=partners["embassy"]),
        ]
    )
    assert group_of(first) == PartnerGroup.FOREIGN

    link = Links.objects.get(agreement=first, partner=partners["embassy"])
    with connection.cursor() as cursor:  # a link moved to another agreement
        cursor.execute(
            f"UPDATE {Links._meta.db_table} SET agreement_id = %s WHERE id = %s",
            [second.pk, link.pk],
        )
    assert group_of(first) == PartnerGroup.UNIVERSITY
    assert group_of(second) == PartnerGroup.FOREIGN
    Links.objects.filter(partner=partners["embassy"]).delete()
    assert group_of(second) == PartnerGroup.ENTERPRISE
    assert_groups_right()


def test_deleting_an_agreement_leaves_no_stale_group(partners):
    agreement = make_agreement(partners=[partners["regency"], partners["company"]])
    gone = make_agreement(partners=[partners["university"]])

    gone.delete()
    assert gone.pk not in stored()
    assert group_of(agreement) == PartnerGroup.GOVERNMENT
    assert_groups_right()


def test_the_readers_see_the_kept_group(partners):
    """The list's filter, the annotation of the export and catalogue, and the recap's
    ranks all read the kept row, the moment after a change."""
    agreement = make_agreement(partners=[partners["company"]])
    bare = make_agreement(partners=[])

    def annotated(pk):
        return Agreement.objects.with_partner_group().get(pk=pk).partner_group

    assert annotated(agreement.pk) == PartnerGroup.ENTERPRISE
    assert annotated(bare.pk) == PartnerGroup.OTHER
    assert set(Agreement.objects.in_partner_group(PartnerGroup.OTHER)) == {bare}
    agreement.partners.add(partners["university"])
    assert annotated(agreement.pk) == PartnerGroup.UNIVERSITY
    assert list(Agreement.objects.in_partner_group(PartnerGroup.UNIVERSITY)) == [agreement]
    assert not Agreement.objects.in_partner_group(PartnerGroup.ENTERPRISE).exists()
    ranks = dict(Agreement.objects.partner_group_ranks().values_list("pk", "partner_group_rank"))
    assert group_of_rank(ranks[agreement.pk]) == PartnerGroup.UNIVERSITY
    assert group_of_rank(ranks[bare.pk]) == PartnerGroup.OTHER


def test_installing_again_rebuilds_every_row(partners):
    agreement = make_agreement(partners=[partners["regency"]])
    make_agreement(partners=[partners["university"]])
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AgreementGroup._meta.db_table} SET rank = 4")
        cursor.execute(
            f"DELETE FROM {AgreementGroup._meta.db_table} WHERE agreement_id = %s", [agreement.pk]
        )
    assert stored() != expected()

    GROUPS.install()
    GROUPS.install()  # as often as migrate runs
    assert_groups_right()
    agreement.partners.add(partners["embassy"])
    assert_groups_right()  # the triggers are there, once each


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_restores_lost_triggers_and_migrating_back_drops_them(partners):
    from django.core.management import call_command

    agreement = make_agreement(partners=[partners["company"]])
    GROUPS.uninstall()  # as a rebuilt table would have lost them
    agreement.partners.add(partners["regency"])
    assert stored() != expected()

    call_command("migrate", verbosity=0)
    assert_groups_right()

    call_command("migrate", "agreements", "0008", verbosity=0)
    try:
        agreement.partners.add(partners["embassy"])  # no trigger writing to a lost table
        Partner.objects.filter(pk=partners["company"].pk).update(category=PartnerCategory.BUMN)
    finally:
        call_command("migrate", verbosity=0)
    assert_groups_right()
    assert group_of(agreement) == PartnerGroup.FOREIGN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_migration_that_rebuilds_the_partners_table_keeps_the_groups(partners):
    """SQLite refuses to rebuild a table while a trigger names another one in between:
    ``migrate`` drops the triggers first and puts them back after, regrouping."""
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
    from django.db import DatabaseError

    if connection.vendor == "sqlite":
        # Refused with the triggers in place (tried before any link names a partner:
        # Django checks the foreign keys before it rolls a failed rebuild back).
        with pytest.raises(DatabaseError, match="agreements_group"):
            rebuild_table(Partner, "notes")
    agreement = make_agreement(partners=[partners["company"]])
    emit_pre_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    rebuild_table(Partner, "notes")
    agreement.partners.add(partners["university"])  # while the triggers are away
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert_groups_right()
    Partner.objects.filter(pk=partners["university"].pk).update(category=PartnerCategory.BUMD)
    assert_groups_right()
    assert group_of(agreement) == PartnerGroup.ENTERPRISE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_partners_linked_at_once_in_two_transactions_are_both_grouped(partners):
    """Two transactions link partners to one agreement (PostgreSQL only: SQLite lets one
    writer in at a time). The second waits for the first's lock, then sees its
    partner: without the lock it would fail on the first's uncommitted row, or write a
    group that misses the first's partner."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    agreement = make_agreement(partners=[partners["company"]])

    def link_embassy_then_unlink_company():
        with transaction.atomic():
            agreement.partners.add(partners["embassy"])
            agreement.partners.remove(partners["company"])

    while_open(
        lambda: agreement.partners.add(partners["university"]), link_embassy_then_unlink_company
    )
    assert_groups_right()
    assert group_of(agreement) == PartnerGroup.FOREIGN
    agreement.partners.remove(partners["embassy"])
    assert group_of(agreement) == PartnerGroup.UNIVERSITY  # the first's partner was seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_category_changed_while_the_partner_is_linked_regroups_the_agreement(partners):
    """A partner's category changes in one transaction while another links the partner
    to an agreement (PostgreSQL only). The link waits for the change (it locks the
    partner), then reads the new category; without that, it would read the old one,
    and the change, not seeing the uncommitted link, would leave the agreement alone."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    university = partners["university"]
    agreement = make_agreement(partners=[partners["company"]])

    def change_category():
        Partner.objects.filter(pk=university.pk).update(category=PartnerCategory.REGIONAL_GOV)

    while_open(change_category, lambda: agreement.partners.add(university))
    assert_groups_right()
    assert group_of(agreement) == PartnerGroup.GOVERNMENT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_transaction_writes_a_national_register():
    """An import or a restore writes thousands of agreements in one transaction; the
    kept tables lock each agreement's row, which a transaction may do any number of
    times (PostgreSQL's advisory locks failed past about 12,000 with default settings:
    "out of shared memory")."""
    from benchmarks.registers import build

    if connection.vendor != "postgresql":
        pytest.skip("the lock table is PostgreSQL's")
    build({"agreements": 20_000, "partners": 200, "units": 20, "reports": 20_000})
    assert Agreement.objects.count() == 20_000
    assert_groups_right()
