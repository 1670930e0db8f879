"""A substring index of a table's text columns, kept by SQLite itself, for the admin's
search (``core.admin_search``).

A search asks whether a word is contained in each of the searched columns: no B-tree
index answers that, so every search read the whole table (at 100,000 agreements,
about 35 ms on SQLite for one word in four columns). A trigram index holds every three
characters of the columns and finds the rows containing a word of three or more
characters from them (on SQLite about 4 ms for a word in one title out of ten, well
under 1 ms for a number or a code).

- **SQLite**: an FTS5 table with its ``trigram`` tokenizer over the columns
  (``content=`` the table itself, so the text is not stored twice), kept by triggers
  on every insert, delete and update of those columns, whatever writes them (a
  ``core.kept_tables.KeptTable``). It is not a model: after each ``migrate`` and each
  restore it is made afresh and every row indexed (about 2 s at 100,000 agreements),
  so it always indexes the columns the code names. It exists when the SQLite library
  has FTS5 and its trigram tokenizer (SQLite 3.34 or later built with FTS5, as
  Debian's is); otherwise the search reads the table as before.
- **PostgreSQL** has none: its search reads the table. Tried and not kept: GIN
  ``gin_trgm_ops`` indexes (``pg_trgm``) on ``UPPER(column::text)``, asked in one
  subquery. A code or number was found in 17 ms instead of 161, but PostgreSQL
  underestimates how many rows a word like "sama" matches and then reads the indexes
  instead of the table: the searched list's SQL went from 0.27 to 1.3 s for "sama" and
  from 42 to 105 ms for the benchmark's search (docs/performance.md).

What is found is what ``icontains`` finds (``tests/test_text_index.py``): the same
rows for every word of three characters or more; a shorter word, or one found in more
than ``MOST_FOUND`` rows, is looked for in the table. One difference, in the clerk's
favour: the index folds the case of every letter, SQLite's ``LIKE`` only of ASCII
ones, so "école" also finds "École" (when the index is asked).
"""

import contextlib
import functools
import sqlite3

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

from core.kept_tables import KeptTable, sqlite_trigger

# A trigram index finds nothing for fewer characters (FTS5) or reads all of itself.
SHORTEST_WORD = 3
# More rows than this found in SQLite's index: the search reads the table (``serves``).
MOST_FOUND = 10_000


@functools.cache
def sqlite_has_trigram_index():
    """Whether this process's SQLite library has FTS5 and its trigram tokenizer."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


class TextIndex(KeptTable):
    """The FTS5 table ``name`` over ``columns`` of ``table`` (keyed by its ``id``)."""

    def __init__(self, name, table, columns):
        self.name, self.source, self.columns = name, table, list(columns)
        names = [f"{name}_insert", f"{name}_delete", f"{name}_update"]
        super().__init__(name, {"sqlite": self._sqlite_statements}, {table: names}, self._rebuild)

    def install(self, using="default"):
        """The FTS5 table made afresh (so that it always indexes the columns this code
        names), its triggers, and every row indexed; nothing where the database cannot
        have it (there the search reads the table)."""
        connection = connections[using]
        if connection.vendor != "sqlite" or not sqlite_has_trigram_index():
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
            if self.source not in connection.introspection.table_names(cursor):
                return  # migrated back before the table it indexes existed
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.name} USING fts5({', '.join(self.columns)},"
                f" content='{self.source}', content_rowid='id', tokenize='trigram')"
            )
        super().install(using)

    # --- Kept by triggers ----------------------------------------------------------

    def _values(self, row):
        return ", ".join(f"{row}.{column}" for column in self.columns)

    def _sqlite_statements(self):
        columns = ", ".join(self.columns)
        add = f"INSERT INTO {self.name} (rowid, {columns}) VALUES (NEW.id, {self._values('NEW')});"
        # An external-content index forgets a row by being told the values it indexed.
        forget = (
            f"INSERT INTO {self.name} ({self.name}, rowid, {columns})"
            f" VALUES ('delete', OLD.id, {self._values('OLD')});"
        )
        changed = " OR ".join(
            f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in self.columns
        )
        return [
            *sqlite_trigger(f"{self.name}_insert", f"AFTER INSERT ON {self.source}", add),
            *sqlite_trigger(f"{self.name}_delete", f"AFTER DELETE ON {self.source}", forget),
            *sqlite_trigger(
                f"{self.name}_update",
                f"AFTER UPDATE ON {self.source}",
                forget + add,
                when=f"OLD.id IS DISTINCT FROM NEW.id OR {changed}",
            ),
        ]

    def _rebuild(self, vendor):
        return [f"INSERT INTO {self.name} ({self.name}) VALUES ('rebuild')"]

    # --- Searching -----------------------------------------------------------------

    def serves(self, using, word):
        """Whether ``word`` is looked for through the index on database ``using``.

        Not when the index finds it in more than ``MOST_FOUND`` rows (it counts that
        many at most, in a few milliseconds): the index collects every match before the
        query goes on (26 ms for a word in each of 100,000 titles, per query of the
        page), where reading the table stops at the first full page."""
        connection = connections[using]
        if (
            len(word) < SHORTEST_WORD
            or connection.vendor != "sqlite"
            or not sqlite_has_trigram_index()
        ):
            return False
        with connection.cursor() as cursor:
            # A database migrated where SQLite had no trigram tokenizer has no index.
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [self.name])
            if cursor.fetchone() is None:
                return False
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.name} WHERE {self.name} MATCH %s"
                f" LIMIT {MOST_FOUND + 1})",
                [self._phrase(word)],
            )
            return cursor.fetchone()[0] <= MOST_FOUND

    def containing(self, word):
        """A condition on the indexed table's model: ``word`` is in one of the columns."""
        sql = f"SELECT rowid FROM {self.name} WHERE {self.name} MATCH %s"
        return Q(pk__in=RawSQL(sql, [self._phrase(word)]))

    @staticmethod
    def _phrase(word):
        return '"' + word.replace('"', '""') + '"'
