#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#
#   scripts/with-postgres.sh .venv/bin/python -m pytest -q
#
# Creates a cluster in a temporary folder, starts it on a free port of 127.0.0.1 (its
# unix socket inside that folder), creates the role and database "kerjasama" (the role
# may create databases, as pytest-django needs for its test_ database), runs the command
# with DATABASE_URL pointing there, then stops the cluster and removes the folder, even
# when the command fails. Exits with the command's status.
#
# initdb refuses to run as root: as root, the cluster belongs to the user named in
# PG_CLUSTER_USER (default "nobody"). PostgreSQL is installed with apt-get when none
# of /usr/lib/postgresql/*/bin exists and we are root.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

say() { echo "[with-postgres] $*" >&2; }

find_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    fi
}

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL server binaries not found; install the 'postgresql' package."
        exit 1
    fi
    say "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
    BINDIR=$(find_bindir)
    if [ -z "$BINDIR" ]; then
        say "PostgreSQL installed, but no /usr/lib/postgresql/*/bin/initdb found."
        exit 1
    fi
fi

PYTHON=${PYTHON:-python3}
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/kerjasama-pg.XXXXXX")
DATA="$WORKDIR/data"
LOG="$WORKDIR/postgres.log"

if [ "$(id -u)" -eq 0 ]; then
    OWNER=${PG_CLUSTER_USER:-nobody}
    chown "$OWNER" "$WORKDIR"
    # From inside the work folder: the owner may not be allowed into the current one.
    as_owner() { (cd "$WORKDIR" && runuser -u "$OWNER" -- "$@"); }
else
    as_owner() { "$@"; }
fi

cleanup() {
    local status=$?
    if [ -f "$DATA/postmaster.pid" ]; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORKDIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "cluster in $WORKDIR ($("$BINDIR/postgres" --version)), port $PORT"
as_owner "$BINDIR/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$WORKDIR/initdb.log" 2>&1 || {
    cat "$WORKDIR/initdb.log" >&2
    exit 1
}
# A throwaway cluster: durability is not worth the fsyncs.
as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || {
    cat "$LOG" >&2
    exit 1
}

as_owner "$BINDIR/psql" -h "$WORKDIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE kerjasama LOGIN CREATEDB PASSWORD 'kerjasama'" \
    -c "CREATE DATABASE kerjasama OWNER kerjasama"

export DATABASE_URL="postgres://kerjasama:kerjasama@127.0.0.1:$PORT/kerjasama"
say "DATABASE_URL=$DATABASE_URL"
say "running: $*"
set +e
"$@"
status=$?
set -e
say "command exited with $status"
exit "$status"
