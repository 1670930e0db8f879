"""Throwaway databases for the benchmark: SQLite files under a temporary folder by
default, PostgreSQL databases on the server of ``DATABASE_URL`` when it names one."""

import os
import shutil
import tempfile
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent


class Databases:
    """Creates, copies and drops the benchmark's databases; ``name(key)`` is what a
    child process gets as ``BENCH_DATABASE``."""

    def __init__(self):
        url = os.environ.get("DATABASE_URL", "")
        self.config = environ.Env.db_url_config(url) if url else None
        self.is_postgres = bool(self.config) and "postgresql" in self.config["ENGINE"]
        self.created = []
        # Scratch space for SQLite files, spreadsheets and uploads; removed at the end.
        (BASE_DIR / "var").mkdir(exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="bench-", dir=BASE_DIR / "var"))

    @property
    def vendor(self):
        return "postgresql" if self.is_postgres else "sqlite"

    def name(self, key):
        if self.is_postgres:
            return f"{self.config['NAME']}_bench_{key}"
        return str(self.folder / f"{key}.sqlite3")

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(
            dbname=self.config["NAME"],
            user=self.config.get("USER") or None,
            password=self.config.get("PASSWORD") or None,
            host=self.config.get("HOST") or None,
            port=self.config.get("PORT") or None,
            autocommit=True,
        )

    def create(self, key):
        """An empty database (the child's ``migrate`` fills in the schema)."""
        if self.is_postgres:
            with self._admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name(key)}"')
                connection.execute(f'CREATE DATABASE "{self.name(key)}"')
        self.created.append(key)

    def copy(self, source, key):
        """A copy of another benchmark database (to import into without touching it)."""
        if self.is_postgres:
            with self._admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name(key)}"')
                connection.execute(
                    f'CREATE DATABASE "{self.name(key)}" TEMPLATE "{self.name(source)}"'
                )
        else:
            shutil.copyfile(self.name(source), self.name(key))
        self.created.append(key)

    def drop_all(self):
        if self.is_postgres:
            with self._admin_connection() as connection:
                for key in self.created:
                    connection.execute(f'DROP DATABASE IF EXISTS "{self.name(key)}"')
        shutil.rmtree(self.folder, ignore_errors=True)
        self.created = []
