"""On SQLite, a long import does not make another user's login or save fail.

WAL, a busy timeout and immediate write transactions (kerjasama/settings.py; README,
"SQLite"): the second writer waits for the import instead of answering 500 "database is
locked". The scenario runs in its own interpreter on a file-based database.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def test_a_login_and_a_save_during_a_long_import_both_succeed(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'register.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_SETTINGS_MODULE="tests.settings",
    )
    result = subprocess.run(
        [sys.executable, "tests/sqlite_concurrency_scenario.py", "150"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])

    assert outcome["journal_mode"] == "wal"
    assert "import_error" not in outcome, outcome["import_error"]
    assert "clerk_error" not in outcome, outcome["clerk_error"]
    assert outcome["import_ok"]
    # The clerk started while the import was writing, and was answered, not refused.
    assert outcome["clerk_started_at"] < outcome["import_finished_at"]
    assert outcome["login_status"] == 302
    assert outcome["save_status"] == 302
    assert outcome["saved_name"].endswith("(diubah)")
