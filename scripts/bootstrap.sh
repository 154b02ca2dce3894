#!/usr/bin/env bash
# Creates .venv from uv.lock. Idempotent: a second run only checks the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=$(scripts/python.sh)
if [ ! -x .tools/bin/uv ]; then
  "$PY" -m venv .tools
  .tools/bin/pip install --quiet "uv==0.13.9"
fi
export UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON="$PY" UV_PYTHON_DOWNLOADS=never
if [ "${1:-}" = "--prod" ]; then
  .tools/bin/uv sync --frozen --no-dev --quiet
else
  .tools/bin/uv sync --frozen --quiet
fi
