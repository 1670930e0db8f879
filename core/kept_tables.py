"""Tables of figures the database itself keeps, by triggers, whatever writes the rows
they derive from (a form, an admin action, an import, a history revert,
``QuerySet.update()``, raw SQL).

An app describes its table as a ``KeptTable``: the SQL statements that create its
triggers (and PostgreSQL's functions) for each database, the names to drop them by,
and the statements that rebuild every row from the rows it derives from. Then
``KeptTable.connect(app_config)`` in its ``ready()``:

- before each ``migrate`` the triggers are dropped (``pre_migrate``), and installed
  again after it, every row then rebuilt (``post_migrate``): Django alters a SQLite
  table by building a new one and renaming it over the old, which SQLite refuses while
  a trigger names a table in between. A migrate that fails half-way leaves the table
  without triggers until the next one succeeds, and that one rebuilds it;
- a restore drops the triggers before it loads the backup's rows, then installs them
  again and rebuilds every row (``core.backup.rows_restoring`` / ``rows_restored``):
  backups leave such tables out (their models say ``derived_rows = True``), and a
  trigger per loaded row would only cost time (on PostgreSQL, a row lock and a
  recount per report).

The model of a kept table is Django's for reading only; nothing in Python writes it.
"""

from django.db import connections, models, transaction
from django.db.models.signals import post_migrate, pre_migrate

from core.backup import rows_restored, rows_restoring


def sqlite_trigger(name, event, body, when=None):
    """SQLite: the statements that (re)create the row trigger ``name``. ``event`` as in
    ``AFTER UPDATE ON <table>``, ``body`` its statements (each ending in ``;``),
    ``when`` a condition written as for PostgreSQL (``IS DISTINCT FROM``, which SQLite
    spells ``IS NOT``)."""
    condition = f" WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')}" if when else ""
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} BEGIN {body} END",
    ]


def postgresql_trigger(name, event, function, when=None):
    """PostgreSQL: the statements that (re)create the row trigger ``name`` calling
    ``function()`` (``event`` and ``when`` as for ``sqlite_trigger``)."""
    condition = f" WHEN ({when})" if when else ""
    table = event.rsplit(" ", 1)[-1]
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} EXECUTE FUNCTION {function}()",
    ]


def row_lock_sql(table, *keys):
    """PL/pgSQL: lock the rows of ``table`` with these keys (SQL expressions), in the
    order of their keys, to the end of the transaction, as an ``UPDATE`` of them would
    (``FOR NO KEY UPDATE``: a foreign key pointing at them is still free to insert).

    What a kept table's functions take before they read and write: two transactions
    writing rows derived from the same row take turns, the second then reading, in a
    fresh snapshot, what the first committed. A row lock lives in the row itself, so a
    transaction may take any number of them (an import of 100,000 agreements, a
    restore); PostgreSQL's shared lock table, which advisory locks fill, holds about
    ``max_locks_per_transaction × max_connections`` (6,400 by default: a transaction
    taking 20,000 advisory locks failed with "out of shared memory")."""
    return f"PERFORM 1 FROM {table} WHERE id IN ({', '.join(keys)}) ORDER BY id FOR NO KEY UPDATE"


class KeptTable:
    """A table kept by triggers (see the module).

    ``statements``: ``{vendor: function returning the SQL statements that (re)create
    the triggers and functions}``; ``triggers``: ``{table: [trigger names]}``;
    ``functions``: PostgreSQL's function signatures, dropped with the triggers;
    ``rebuild``: a function of the vendor returning the statements that write every
    row afresh."""

    def __init__(self, table, statements, triggers, rebuild, functions=()):
        self.table = table
        self.statements = statements
        self.triggers = triggers
        self.rebuild_sql = rebuild
        self.functions = list(functions)

    def install(self, using="default"):
        """(Re)create the triggers and rebuild every row."""
        connection = connections[using]
        if self.table not in connection.introspection.table_names():
            return  # migrated back before the table existed
        with connection.cursor() as cursor:
            for statement in self.statements[connection.vendor]():
                cursor.execute(statement)
        self.rebuild(using)

    def uninstall(self, using="default"):
        """Drop the triggers (and PostgreSQL's functions): before the table goes, when
        migrating back past the migration that made it, or every write of the rows it
        derives from would fail."""
        connection = connections[using]
        postgresql = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            for table, names in self.triggers.items():
                for name in names:
                    cursor.execute(
                        f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else "")
                    )
            if postgresql:
                for function in self.functions:
                    cursor.execute(f"DROP FUNCTION IF EXISTS {function}")

    def rebuild(self, using="default"):
        """Every row written afresh from the rows it derives from, as they are."""
        connection = connections[using]
        with connection.cursor() as cursor:
            for statement in self.rebuild_sql(connection.vendor):
                cursor.execute(statement)

    def connect(self, app_config):
        """Keep the triggers across migrations and restores (``app_config.ready()``)."""
        uid = f"kept-table-{self.table}"
        pre_migrate.connect(self._before_migrate, sender=app_config, dispatch_uid=uid)
        post_migrate.connect(self._after_migrate, sender=app_config, dispatch_uid=uid)
        rows_restoring.connect(self._before_restore, dispatch_uid=uid)
        rows_restored.connect(self._after_restore, dispatch_uid=uid)

    def _before_migrate(self, sender, using="default", **kwargs):
        self.uninstall(using)

    def _after_migrate(self, sender, using="default", **kwargs):
        with transaction.atomic(using=using):
            self.install(using)

    def _before_restore(self, sender, using="default", **kwargs):
        self.uninstall(using)

    def _after_restore(self, sender, using="default", **kwargs):
        self.install(using)


class KeptRowKey(models.OneToOneField):
    """The primary key of a kept table: the row each of its rows derives from.

    Stored as ``integer`` on SQLite, where an integer primary key is the row's own id
    (its rowid), so a row is found by its key alone. Django would declare it
    ``bigint``, the type of the keys it points at, which SQLite finds through a
    separate index and then reads the row (the recap's table by year and partner group:
    0.16 against 0.08 s at 100,000 agreements). Other databases keep Django's type."""

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)
