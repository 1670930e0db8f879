"""The search index of the agreements' own text (core/text_index.py,
agreements/search_index.py): a word found through it is found in exactly the agreements
``icontains`` finds, right after any write, and the admin's search asks it. SQLite's
(FTS5 with its trigram tokenizer); PostgreSQL has none and its search reads the table."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from agreements.search_index import AGREEMENT_TEXT
from core.text_index import TextIndex, sqlite_has_trigram_index
from tests.factories import make_agreement
from tests.kept_tables import rebuild_table
from tests.pages import admin_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite" or not sqlite_has_trigram_index(),
        reason="SQLite's index (FTS5 with its trigram tokenizer)",
    ),
]

TITLES = [
    "Pengelolaan Air Bersih Desa",
    "AIR MINUM perkotaan",
    "Penyediaan sarana air_bersih 100% gratis",
    'Kerja sama "Tirta Musi" & <PDAM>',
    "Beasiswa pendidikan dokter",
    "École de santé publique",
    "Pelatihan aparatur desa (tahap II)",
]
WORDS = [
    "air",
    "AIR",
    "Air Bersih",
    "air_",
    "100%",
    '"Tirta',
    "<PDAM>",
    "KS-20",
    "/BAPP",
    "didik",
    "tahap II)",
    "desa",
    "tidak ada",
    "0001",
    "MITRA-3",
]


@pytest.fixture
def register():
    return [
        make_agreement(
            title=title,
            number=f"{index + 1:03d}/PKS/BAPPEDA/2024" if index % 3 else "",
            partner_number=f"MITRA-{index}/2024" if index % 2 else "",
        )
        for index, title in enumerate(TITLES)
    ]


def found_in_index(word):
    assert AGREEMENT_TEXT.serves(connection.alias, word)
    condition = AGREEMENT_TEXT.containing(word)
    return set(Agreement.objects.filter(condition).values_list("pk", flat=True))


def found_by_reading(word):
    condition = Q()
    for column in AGREEMENT_TEXT.columns:
        condition |= Q(**{f"{column}__icontains": word})
    return set(Agreement.objects.filter(condition).values_list("pk", flat=True))


def assert_index_right():
    for word in WORDS:
        assert found_in_index(word) == found_by_reading(word), word


def test_a_word_is_found_in_the_agreements_icontains_finds(register):
    assert_index_right()
    assert len(found_in_index("air")) == 3 and found_in_index("tidak ada") == set()


def test_the_index_folds_every_letters_case(register):
    # SQLite's LIKE folds ASCII letters only; the index finds "École" for "école" too.
    assert found_in_index("école") == {register[5].pk}
    assert found_by_reading("école") == set()


def test_every_write_is_indexed_at_once(register):
    first, second = register[0], register[1]
    first.title = "Penanganan sampah"
    first.save()
    Agreement.objects.filter(pk=second.pk).update(number="999/AIR/2025")
    Agreement.objects.filter(pk=register[2].pk).update(notes="changes no searched column")
    register[3].delete()
    Agreement.objects.bulk_create(
        [Agreement(title="Air tanah", kind="MOU", code="KS-2030-0001", version=1)]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE agreements_agreement SET partner_number = 'SAMPAH-1' WHERE id = %s",
            [register[4].pk],
        )
    assert found_in_index("sampah") == {first.pk, register[4].pk}
    assert second.pk in found_in_index("999/AIR")
    assert_index_right()


def test_installing_again_indexes_every_row(register):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AGREEMENT_TEXT.name} ({AGREEMENT_TEXT.name}) VALUES ('delete-all')"
        )
    assert found_in_index("air") == set()

    AGREEMENT_TEXT.install()
    AGREEMENT_TEXT.install()  # as often as migrate runs
    assert_index_right()
    make_agreement(title="Air baku")
    assert_index_right()  # the triggers are there, once each


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_migration_that_rebuilds_the_agreements_table_keeps_the_index(register):
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal

    emit_pre_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    rebuild_table(Agreement, "notes")
    Agreement.objects.filter(pk=register[0].pk).update(title="Jalan desa")  # triggers away
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert_index_right()
    Agreement.objects.filter(pk=register[1].pk).update(title="Jembatan")
    assert_index_right()


def search_page(client, term):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(admin_url(Agreement, "changelist"), {"q": term})
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return page.context["cl"].result_list, sql


def test_the_admins_search_asks_the_index_for_words_of_three_letters(register, superuser_client):
    results, sql = search_page(superuser_client, "AIR bersih")
    assert {agreement.pk for agreement in results} == {register[0].pk, register[2].pk}
    assert f"{AGREEMENT_TEXT.name} MATCH" in sql
    assert '"agreements_agreement"."title" LIKE' not in sql

    # Two letters are looked for in the table (the index holds three at a time).
    results, sql = search_page(superuser_client, "II")
    assert {agreement.pk for agreement in results} == {register[6].pk}
    assert "MATCH" not in sql

    # A partner's name is still found through the agreement's links.
    results, _sql = search_page(superuser_client, register[0].partners.first().name)
    assert register[0].pk in {agreement.pk for agreement in results}


def test_a_word_in_more_rows_than_the_index_serves_is_searched_in_the_table(
    register, superuser_client, monkeypatch
):
    monkeypatch.setattr("core.text_index.MOST_FOUND", 2)
    assert not AGREEMENT_TEXT.serves(connection.alias, "air")  # in three titles
    assert AGREEMENT_TEXT.serves(connection.alias, "air minum")

    results, sql = search_page(superuser_client, "air")

    assert {agreement.pk for agreement in results} == found_by_reading("air")
    assert '"agreements_agreement"."title" LIKE' in sql
    assert f"FROM {AGREEMENT_TEXT.name} WHERE" in sql  # the index was asked how many


def test_an_index_of_a_missing_table_is_neither_made_nor_asked():
    # Migrated back before the agreements' table existed, or never migrated where the
    # SQLite library has the trigram tokenizer: no index, and the search reads the table.
    gone = TextIndex("test_missing_text", "no_such_table", ["title"])
    gone.install()
    assert "test_missing_text" not in connection.introspection.table_names()
    never_made = TextIndex("test_never_made_text", "agreements_agreement", ["title"])
    assert not never_made.serves(connection.alias, "air")


def test_the_index_is_asked_only_when_all_its_columns_are_searched(register):
    from django.contrib import admin

    model_admin = admin.site._registry[Agreement]
    queryset = Agreement.objects.all()
    every = model_admin._word_found(queryset, model_admin.search_fields, "air")
    fewer = model_admin._word_found(queryset, ["code", "title"], "air")

    assert "MATCH" in str(Agreement.objects.filter(every).query)
    assert "MATCH" not in str(Agreement.objects.filter(fewer).query)
    assert set(Agreement.objects.filter(fewer).values_list("pk", flat=True)) == {
        agreement.pk for agreement in register if "air" in agreement.title.lower()
    }
