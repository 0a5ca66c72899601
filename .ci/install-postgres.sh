#!/usr/bin/env bash
# Install Debian's PostgreSQL server so tests/test_db.py runs its PostgreSQL tests against a
# real server (tests/pg_server.py starts a throwaway cluster from these binaries).
# Idempotent: does nothing when initdb is already present, or when not root (those tests
# then skip and say why).
set -euo pipefail

if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1; then
    echo "install-postgres: initdb already present, nothing to do"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-postgres: not root, not installing (the PostgreSQL tests will skip)" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres: no apt-get (not Debian), not installing (the PostgreSQL tests will skip)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends postgresql
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "install-postgres: postgresql installed but no /usr/lib/postgresql/*/bin/initdb" >&2
    exit 1
fi
echo "install-postgres: installed PostgreSQL server binaries"
