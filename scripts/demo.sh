#!/usr/bin/env bash
# Migrate, generate a synthetic council (once), and serve Haven on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
export HAVEN_DEBUG=${HAVEN_DEBUG:-1}
H=.venv/bin/haven
$H migrate --noinput -v 0
if ! $H generate --status >/dev/null 2>&1; then
  $H generate --scale demo --seed 1
fi
$H generate --logins
echo "Serving Haven on http://127.0.0.1:8000  (Ctrl-C to stop)"
exec $H runserver 127.0.0.1:8000 --noreload
