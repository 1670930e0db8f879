"""The recap group of each agreement (``agreements.models.AgreementGroup``), kept by the
database itself.

An agreement is counted in the group of its partner that comes first in
``GROUP_PRECEDENCE`` (docs/definitions.md); its row holds that position, the smallest
``category_ranks`` rank of its partners, and an agreement without partners has none.
Whatever writes (the agreement form, an import, a history revert, a partner's form,
``QuerySet.update()``, raw SQL), triggers write the rows it touches again, in the same
transaction:

- a partner linked to an agreement, unlinked, or a link moved: the agreement's row
  (both agreements' for a move);
- a partner's category changed: the row of every agreement it is a partner of.

On PostgreSQL each agreement's group is written under a lock of the agreement's row
(``core.kept_tables.row_lock_sql``, held to the end of its transaction), in a fresh
snapshot (READ COMMITTED): two transactions linking partners to the same agreement at
once are grouped one after the other, the second seeing the first's partners. A
partner being linked is locked too (shared), so a change of its category waits for
that link to be committed, or the link for the change: either way the category change
regroups the agreement, or the link reads the new category. Two transactions that each
hold what the other waits for (one changing a partner's category, the other having
already written that agreement and now linking the partner) are a deadlock, which
PostgreSQL ends by failing one of them.

``GROUPS`` is the kept table (``core.kept_tables``, connected by ``AgreementsConfig``):
its triggers are dropped before each ``migrate`` and installed again after it, every
row then rebuilt, and a restored backup is rebuilt too.
``tests/test_partner_groups.py`` holds the rows to the groups of the agreements'
partners after writes of every kind.
"""

from agreements.querysets import partner_group_rank_sql
from core.kept_tables import KeptTable, postgresql_trigger, row_lock_sql, sqlite_trigger

GROUPED = "agreements_agreementgroup"
LINK = "agreements_agreement_partners"
PARTNER = "agreements_partner"
AGREEMENT = "agreements_agreement"

_LINK_MOVED = (
    "OLD.agreement_id IS DISTINCT FROM NEW.agreement_id"
    " OR OLD.partner_id IS DISTINCT FROM NEW.partner_id"
)
_CATEGORY_CHANGED = "OLD.category IS DISTINCT FROM NEW.category"


def _grouped(agreements=None):
    """SQL: ``(agreement_id, rank)`` of the agreements with partners among
    ``agreements`` (what an SQL ``IN (…)`` holds: ids or a subquery; all without)."""
    rank = partner_group_rank_sql("p.category")
    among = f" WHERE l.agreement_id IN ({agreements})" if agreements else ""
    return (
        f"SELECT l.agreement_id, MIN({rank}) FROM {LINK} l"
        f" JOIN {PARTNER} p ON p.id = l.partner_id{among} GROUP BY l.agreement_id"
    )


def _regroup(agreements):
    """SQL statements: the rows of ``agreements`` (as in ``_grouped``) written again."""
    return [
        f"DELETE FROM {GROUPED} WHERE agreement_id IN ({agreements})",
        f"INSERT INTO {GROUPED} (agreement_id, rank) {_grouped(agreements)}",
    ]


def _body(statements):
    """A SQLite trigger's body of these statements."""
    return "".join(f"{statement};" for statement in statements)


def _sqlite_statements():
    partners_of = f"SELECT agreement_id FROM {LINK} WHERE partner_id = NEW.id"
    return [
        *sqlite_trigger(
            "agreements_group_link_insert",
            f"AFTER INSERT ON {LINK}",
            _body(_regroup("NEW.agreement_id")),
        ),
        *sqlite_trigger(
            "agreements_group_link_delete",
            f"AFTER DELETE ON {LINK}",
            _body(_regroup("OLD.agreement_id")),
        ),
        *sqlite_trigger(
            "agreements_group_link_update",
            f"AFTER UPDATE ON {LINK}",
            _body(_regroup("OLD.agreement_id, NEW.agreement_id")),
            when=_LINK_MOVED,
        ),
        *sqlite_trigger(
            "agreements_group_partner_category",
            f"AFTER UPDATE ON {PARTNER}",
            _body(_regroup(partners_of)),
            when=_CATEGORY_CHANGED,
        ),
    ]


def _postgresql_statements():
    regroup = ";\n".join(_regroup("p_agreement"))
    return [
        # Each statement of a PL/pgSQL function (VOLATILE) runs in a snapshot of its
        # own: taken after the lock, it sees what the transaction that held the lock
        # committed.
        f"""CREATE OR REPLACE FUNCTION agreements_regroup(p_agreement bigint)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            {row_lock_sql(AGREEMENT, "p_agreement")};
            {regroup};
        END $$""",
        # A moved link: the two agreements in the order of their ids, so that two
        # moves of links between the same agreements cannot wait for each other.
        f"""CREATE OR REPLACE FUNCTION agreements_group_on_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'DELETE' THEN
                -- Shared: a change of its category waits, or is waited for.
                PERFORM 1 FROM {PARTNER} WHERE id = NEW.partner_id FOR SHARE;
            END IF;
            IF TG_OP = 'INSERT' THEN
                PERFORM agreements_regroup(NEW.agreement_id);
            ELSIF TG_OP = 'DELETE' THEN
                PERFORM agreements_regroup(OLD.agreement_id);
            ELSE
                PERFORM agreements_regroup(LEAST(OLD.agreement_id, NEW.agreement_id));
                PERFORM agreements_regroup(GREATEST(OLD.agreement_id, NEW.agreement_id));
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION agreements_group_on_partner() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            v_agreement bigint;
        BEGIN
            FOR v_agreement IN SELECT DISTINCT agreement_id FROM {LINK}
                WHERE partner_id = NEW.id ORDER BY agreement_id
            LOOP
                PERFORM agreements_regroup(v_agreement);
            END LOOP;
            RETURN NULL;
        END $$""",
        *postgresql_trigger(
            "agreements_group_link_write",
            f"AFTER INSERT OR DELETE ON {LINK}",
            "agreements_group_on_link",
        ),
        *postgresql_trigger(
            "agreements_group_link_update",
            f"AFTER UPDATE ON {LINK}",
            "agreements_group_on_link",
            when=_LINK_MOVED,
        ),
        *postgresql_trigger(
            "agreements_group_partner_category",
            f"AFTER UPDATE ON {PARTNER}",
            "agreements_group_on_partner",
            when=_CATEGORY_CHANGED,
        ),
    ]


def rebuild_sql(vendor):
    """Every row written afresh from the agreements' partners as they are."""
    return [
        f"DELETE FROM {GROUPED}",
        f"INSERT INTO {GROUPED} (agreement_id, rank) {_grouped()}",
    ]


GROUPS = KeptTable(
    GROUPED,
    {"sqlite": _sqlite_statements, "postgresql": _postgresql_statements},
    {
        LINK: [
            "agreements_group_link_insert",
            "agreements_group_link_delete",
            "agreements_group_link_update",
            "agreements_group_link_write",
        ],
        PARTNER: ["agreements_group_partner_category"],
    },
    rebuild_sql,
    functions=[
        "agreements_regroup(bigint)",
        "agreements_group_on_link()",
        "agreements_group_on_partner()",
    ],
)
