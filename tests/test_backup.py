"""``manage.py backup`` / ``restore``: the whole register and its files come back alike,
on the same database engine and across SQLite and PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from agreements.partner_groups import GROUPS
from reports.models import ReportTally
from reports.obligations import tally
from tests.backup_snapshot import add_documents, snapshot
from tests.factories import make_report
from tests.test_partner_groups import expected as expected_groups
from tests.test_partner_groups import stored as stored_groups
from tests.test_report_tally import counted as counted_tallies

BASE_DIR = Path(__file__).resolve().parent.parent


def tallies():
    return dict(ReportTally.objects.values_list("link_id", "handed_in"))


# Emptying the database (flush) inside a test's transaction is refused by PostgreSQL
# ("pending trigger events"): these tests commit, and the migrations' rows (lookup lists,
# roles) are put back afterwards for the tests that follow.
round_trip = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_register(media_root):
    call_command("load_demo", "--with-superuser", verbosity=0)
    add_documents()


def empty_the_database_and_media(media_root):
    """What a new server looks like: migrated (lookup lists and roles filled), no data."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


@round_trip
def test_backup_then_restore_on_an_empty_database_gives_every_row_and_file_back(
    demo_register, media_root, tmp_path
):
    # Moments under a millisecond, which Django's own JSON format would cut away.
    history = Agreement.history.order_by("history_id")
    first, second = history[0], history[1]
    moment = first.history_date.replace(microsecond=400)
    history.filter(pk=first.pk).update(history_date=moment)
    history.filter(pk=second.pk).update(history_date=moment.replace(microsecond=401))
    before = snapshot()
    archive = tmp_path / "cadangan.zip"

    call_command("backup", "-o", str(archive), verbosity=0)
    empty_the_database_and_media(media_root)
    assert not Agreement.objects.exists()
    call_command("restore", str(archive), verbosity=0)

    after = snapshot()
    assert Agreement.history.get(pk=first.pk).history_date == moment
    assert after["files"] == before["files"] and len(before["files"]) == 1
    assert after["rows"].keys() == before["rows"].keys()
    for label, rows in before["rows"].items():
        assert after["rows"][label] == rows, label
    # The demo's register, history, users and roles are all there.
    for label in ("agreements.Agreement", "agreements.HistoricalAgreement", "auth.User"):
        assert before["rows"][label]
    assert {row["fields"]["name"] for row in after["rows"]["auth.Group"]} >= {"Pengelola"}
    # The report tallies and partner groups are derived from the rows, not carried in
    # the archive.
    assert "reports.ReportTally" not in before["rows"]
    assert "agreements.AgreementGroup" not in before["rows"]
    assert tallies() == counted_tallies() and sum(tallies().values()) > 0
    assert stored_groups() == expected_groups() and stored_groups()


@round_trip
def test_a_restore_counts_the_tallies_and_groups_afresh(demo_register, media_root, tmp_path):
    archive = tmp_path / "cadangan.zip"
    call_command("backup", "-o", str(archive), verbosity=0)
    empty_the_database_and_media(media_root)
    tally.TALLIES.uninstall()  # as a failed migrate leaves them
    GROUPS.uninstall()
    call_command("restore", str(archive), verbosity=0)
    assert tallies() == counted_tallies() and sum(tallies().values()) > 0
    assert stored_groups() == expected_groups() and stored_groups()
    # The restore put the triggers back: the next writes are counted.
    agreement = Agreement.objects.filter(partners__isnull=False).first()
    agreement.partners.clear()
    link = agreement.agreement_units.first()
    make_report(agreement, link.unit, 2031, 1)
    assert tallies() == counted_tallies()
    assert stored_groups() == expected_groups()


@round_trip
def test_the_restored_register_works_and_its_clerks_can_sign_in(
    demo_register, media_root, tmp_path, client
):
    archive = tmp_path / "cadangan.zip"
    call_command("backup", "-o", str(archive), verbosity=0)
    empty_the_database_and_media(media_root)
    call_command("restore", str(archive), verbosity=0)

    response = client.post(
        "/admin/login/",
        {"username": "operator", "password": "kerjasama-demo", "next": "/admin/"},
    )
    assert response.status_code == 302
    page = client.get("/admin/agreements/agreement/")
    assert page.status_code == 200
    # A new agreement gets the next id, not one of the restored ones.
    assert Agreement.objects.create(title="Baru").pk > max(
        Agreement.objects.exclude(title="Baru").values_list("pk", flat=True)
    )


@round_trip
def test_restore_refuses_a_register_that_has_data(demo_register, tmp_path):
    archive = tmp_path / "cadangan.zip"
    call_command("backup", "-o", str(archive), verbosity=0)
    before = snapshot()

    with pytest.raises(CommandError, match="Register sudah berisi data"):
        call_command("restore", str(archive), verbosity=0)

    assert snapshot() == before


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    not_a_backup = tmp_path / "laporan.zip"
    import zipfile

    with zipfile.ZipFile(not_a_backup, "w") as archive:
        archive.writestr("laporan.txt", "isi")

    with pytest.raises(CommandError, match="bukan cadangan"):
        call_command("restore", str(not_a_backup), verbosity=0)


def run_on_sqlite(step, directory):
    """A step of tests/backup_snapshot.py in a fresh interpreter on its own SQLite file."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{directory / (step + '.sqlite3')}",
        MEDIA_ROOT=str(directory / f"media-{step}"),
        DJANGO_SETTINGS_MODULE="tests.settings",
    )
    result = subprocess.run(
        [sys.executable, "tests/backup_snapshot.py", step, str(directory)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads((directory / f"{step}.json").read_text())


def test_a_sqlite_backup_restores_here_and_this_database_restores_on_sqlite(
    db, media_root, tmp_path
):
    """Under `make test-postgres` this is SQLite → PostgreSQL → SQLite."""
    source = run_on_sqlite("source", tmp_path)

    call_command("restore", str(tmp_path / "backup.zip"), verbosity=0)
    here = snapshot()
    (tmp_path / "backup.zip").unlink()
    call_command("backup", "-o", str(tmp_path / "backup.zip"), verbosity=0)
    back_on_sqlite = run_on_sqlite("restore", tmp_path)

    assert here["files"] == source["files"] and len(source["files"]) == 1
    assert back_on_sqlite["files"] == source["files"]
    for label, rows in source["rows"].items():
        assert here["rows"][label] == rows, label
        assert back_on_sqlite["rows"][label] == rows, label
