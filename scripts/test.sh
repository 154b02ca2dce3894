#!/usr/bin/env bash
# Every check Haven holds itself to: lint, types, import contracts, migrations, and the
# whole test suite on PostgreSQL (a throwaway cluster) and on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
V=.venv/bin

echo "== ruff";          $V/ruff check . && $V/ruff format --check .
echo "== mypy";          $V/mypy
echo "== import-linter"; $V/lint-imports
echo "== migrations";    HAVEN_VAR_DIR=$(mktemp -d) $V/haven makemigrations --check --dry-run >/dev/null

pgdir=$(mktemp -d /tmp/haven-pg.XXXXXX)
trap 'scripts/pg.sh stop "$pgdir"' EXIT
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pg_url=$(scripts/pg.sh start "$pgdir" "$port")

echo "== tests on PostgreSQL"
DATABASE_URL=$pg_url $V/pytest -q "$@"
echo "== tests on SQLite"
DATABASE_URL=sqlite:///$(mktemp -d)/haven.sqlite3 $V/pytest -q "$@"
