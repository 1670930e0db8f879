"""The report tallies (``reports.models.ReportTally``), kept by the database itself.

A tally is how many reports one responsible unit has handed in (submitted or verified)
for one agreement, for semesters within the agreement's dates (from the semester of its
start date to that of its end date, or on without one; none without a start date).
Whatever writes (a form, an admin action, an import, a history revert,
``QuerySet.update()``, raw SQL), triggers recount the tallies it touches, in the same
transaction:

- a report inserted or deleted, or changed in its agreement, unit, year, semester or
  status: the tally of its agreement and unit, before and after the change;
- an agreement's start or end date changed: the tallies of its responsible units;
- a responsible unit added, moved to another agreement or unit, or removed: its tally
  is added, recounted or deleted.

On PostgreSQL every write that changes an agreement's tallies first locks that
agreement's row (``core.kept_tables.row_lock_sql``, to the end of its transaction),
then counts in a fresh snapshot (READ COMMITTED): two transactions writing reports,
responsible units or dates of the same agreement at once are counted one after the
other, each seeing what the other committed.

``TALLIES`` is the kept table (``core.kept_tables``, connected by ``ReportsConfig``):
its triggers are dropped before each ``migrate`` and installed again after it, every
tally then recounted, and a restored backup is recounted too.
``tests/test_report_tally.py`` holds the tallies to a count by the ORM after writes of
every kind.
"""

from core.date_functions import semester_number_sql
from core.kept_tables import KeptTable, postgresql_trigger, row_lock_sql, sqlite_trigger
from reports.choices import REPORTED_STATUSES

TALLY = "reports_reporttally"
LINK = "agreements_agreementunit"
AGREEMENT = "agreements_agreement"
REPORT = "reports_report"

# A report's semester as one number (reports.obligations.Period.number); the
# agreement's dates are numbered by core.date_functions.semester_number_sql, as the
# ORM's SemesterNumber numbers them.
_REPORT_NUMBER = "(r.year * 2 + r.semester - 1)"


def _count(vendor, agreement, unit):
    """SQL: the handed-in reports of ``unit`` for ``agreement`` (two SQL expressions)
    within the agreement's dates."""
    statuses = ", ".join(f"'{status}'" for status in sorted(REPORTED_STATUSES))
    start = semester_number_sql("a.start_date", sqlite=vendor == "sqlite")
    end = semester_number_sql("a.end_date", sqlite=vendor == "sqlite")
    return (
        f"(SELECT COUNT(*) FROM {REPORT} r JOIN {AGREEMENT} a ON a.id = r.agreement_id"
        f" WHERE r.agreement_id = {agreement} AND r.unit_id = {unit}"
        f" AND r.status IN ({statuses})"
        f" AND {_REPORT_NUMBER} >= {start}"
        f" AND (a.end_date IS NULL OR {_REPORT_NUMBER} <= {end}))"
    )


_REPORT_CHANGED = (
    "OLD.agreement_id IS DISTINCT FROM NEW.agreement_id OR OLD.unit_id IS DISTINCT FROM"
    " NEW.unit_id OR OLD.year IS DISTINCT FROM NEW.year OR OLD.semester IS DISTINCT FROM"
    " NEW.semester OR OLD.status IS DISTINCT FROM NEW.status"
)
_DATES_CHANGED = (
    "OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.end_date IS DISTINCT FROM NEW.end_date"
)
_LINK_MOVED = (
    "OLD.agreement_id IS DISTINCT FROM NEW.agreement_id OR OLD.unit_id IS DISTINCT FROM NEW.unit_id"
)


def _sqlite_statements():
    # A tally's own count: its columns named with the table's, or inside the subquery
    # they would be the report's.
    own_count = _count("sqlite", f"{TALLY}.agreement_id", f"{TALLY}.unit_id")

    def recount(agreement, unit):
        return (
            f"UPDATE {TALLY} SET handed_in = {own_count}"
            f" WHERE agreement_id = {agreement} AND unit_id = {unit};"
        )

    link_count = _count("sqlite", "NEW.agreement_id", "NEW.unit_id")
    return [
        *sqlite_trigger(
            "reports_tally_report_insert",
            f"AFTER INSERT ON {REPORT}",
            recount("NEW.agreement_id", "NEW.unit_id"),
        ),
        *sqlite_trigger(
            "reports_tally_report_delete",
            f"AFTER DELETE ON {REPORT}",
            recount("OLD.agreement_id", "OLD.unit_id"),
        ),
        *sqlite_trigger(
            "reports_tally_report_update",
            f"AFTER UPDATE ON {REPORT}",
            recount("OLD.agreement_id", "OLD.unit_id") + recount("NEW.agreement_id", "NEW.unit_id"),
            when=_REPORT_CHANGED,
        ),
        *sqlite_trigger(
            "reports_tally_agreement_dates",
            f"AFTER UPDATE ON {AGREEMENT}",
            f"UPDATE {TALLY} SET handed_in = {own_count} WHERE agreement_id = NEW.id;",
            when=_DATES_CHANGED,
        ),
        *sqlite_trigger(
            "reports_tally_link_insert",
            f"AFTER INSERT ON {LINK}",
            f"INSERT INTO {TALLY} (link_id, agreement_id, unit_id, handed_in)"
            f" VALUES (NEW.id, NEW.agreement_id, NEW.unit_id, {link_count});",
        ),
        *sqlite_trigger(
            "reports_tally_link_update",
            f"AFTER UPDATE ON {LINK}",
            f"UPDATE {TALLY} SET agreement_id = NEW.agreement_id, unit_id = NEW.unit_id,"
            f" handed_in = {link_count} WHERE link_id = NEW.id;",
            when=_LINK_MOVED,
        ),
        *sqlite_trigger(
            "reports_tally_link_delete",
            f"AFTER DELETE ON {LINK}",
            f"DELETE FROM {TALLY} WHERE link_id = OLD.id;",
        ),
    ]


def _postgresql_statements():
    count = _count("postgresql", "p_agreement", "p_unit")

    return [
        # VOLATILE: each call counts in a snapshot of its own, taken after the locks.
        f"""CREATE OR REPLACE FUNCTION reports_handed_in(p_agreement bigint, p_unit bigint)
        RETURNS integer LANGUAGE sql VOLATILE AS $$ SELECT CAST({count} AS integer) $$""",
        # Every write that changes an agreement's tallies first locks that agreement's
        # row (two agreements: in the order of their ids), so a report, a responsible
        # unit and the agreement's dates written at once are counted one after the
        # other, each in a snapshot that sees the others committed.
        f"""CREATE OR REPLACE FUNCTION reports_tally_lock(p_first bigint, p_second bigint)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            {row_lock_sql(AGREEMENT, "p_first", "p_second")};
        END $$""",
        f"""CREATE OR REPLACE FUNCTION reports_tally_recount(p_agreement bigint, p_unit bigint)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {TALLY} SET handed_in = reports_handed_in(agreement_id, unit_id)
                WHERE agreement_id = p_agreement AND (p_unit IS NULL OR unit_id = p_unit);
        END $$""",
        """CREATE OR REPLACE FUNCTION reports_tally_on_report() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                PERFORM reports_tally_lock(NEW.agreement_id, NEW.agreement_id);
            ELSIF TG_OP = 'DELETE' THEN
                PERFORM reports_tally_lock(OLD.agreement_id, OLD.agreement_id);
            ELSE
                PERFORM reports_tally_lock(OLD.agreement_id, NEW.agreement_id);
            END IF;
            IF TG_OP <> 'INSERT' THEN
                PERFORM reports_tally_recount(OLD.agreement_id, OLD.unit_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                PERFORM reports_tally_recount(NEW.agreement_id, NEW.unit_id);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE OR REPLACE FUNCTION reports_tally_on_agreement() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM reports_tally_lock(NEW.id, NEW.id);
            PERFORM reports_tally_recount(NEW.id, NULL);
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION reports_tally_on_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {TALLY} WHERE link_id = OLD.id;
            ELSIF TG_OP = 'INSERT' THEN
                PERFORM reports_tally_lock(NEW.agreement_id, NEW.agreement_id);
                INSERT INTO {TALLY} (link_id, agreement_id, unit_id, handed_in) VALUES
                    (NEW.id, NEW.agreement_id, NEW.unit_id,
                     reports_handed_in(NEW.agreement_id, NEW.unit_id));
            ELSE
                PERFORM reports_tally_lock(OLD.agreement_id, NEW.agreement_id);
                UPDATE {TALLY} SET agreement_id = NEW.agreement_id, unit_id = NEW.unit_id,
                    handed_in = reports_handed_in(NEW.agreement_id, NEW.unit_id)
                    WHERE link_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$""",
        *postgresql_trigger(
            "reports_tally_report_write",
            f"AFTER INSERT OR DELETE ON {REPORT}",
            "reports_tally_on_report",
        ),
        *postgresql_trigger(
            "reports_tally_report_update",
            f"AFTER UPDATE ON {REPORT}",
            "reports_tally_on_report",
            when=_REPORT_CHANGED,
        ),
        *postgresql_trigger(
            "reports_tally_agreement_dates",
            f"AFTER UPDATE ON {AGREEMENT}",
            "reports_tally_on_agreement",
            when=_DATES_CHANGED,
        ),
        *postgresql_trigger(
            "reports_tally_link_write",
            f"AFTER INSERT OR DELETE ON {LINK}",
            "reports_tally_on_link",
        ),
        *postgresql_trigger(
            "reports_tally_link_update",
            f"AFTER UPDATE ON {LINK}",
            "reports_tally_on_link",
            when=_LINK_MOVED,
        ),
    ]


STATEMENTS = {"sqlite": _sqlite_statements, "postgresql": _postgresql_statements}

TRIGGERS = {
    REPORT: [
        "reports_tally_report_insert",
        "reports_tally_report_delete",
        "reports_tally_report_write",
        "reports_tally_report_update",
    ],
    AGREEMENT: ["reports_tally_agreement_dates"],
    LINK: [
        "reports_tally_link_insert",
        "reports_tally_link_update",
        "reports_tally_link_delete",
        "reports_tally_link_write",
    ],
}
FUNCTIONS = [
    "reports_tally_on_report()",
    "reports_tally_lock(bigint, bigint)",
    "reports_tally_on_agreement()",
    "reports_tally_on_link()",
    "reports_tally_recount(bigint, bigint)",
    "reports_handed_in(bigint, bigint)",
]


def recount_all_sql(vendor):
    """Every tally rebuilt from the links and reports as they are."""
    return [
        f"DELETE FROM {TALLY}",
        f"INSERT INTO {TALLY} (link_id, agreement_id, unit_id, handed_in)"
        f" SELECT l.id, l.agreement_id, l.unit_id,"
        f" {_count(vendor, 'l.agreement_id', 'l.unit_id')} FROM {LINK} l",
    ]


TALLIES = KeptTable(TALLY, STATEMENTS, TRIGGERS, recount_all_sql, FUNCTIONS)
