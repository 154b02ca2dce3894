#!/usr/bin/env bash
# Benchmarks: search, record-page and worklist latency over a large generated council on PostgreSQL.
#   scripts/bench.sh            # throwaway PostgreSQL cluster, large council (seed 1)
#   BENCH_SCALE=demo scripts/bench.sh
#   DATABASE_URL=postgres://… scripts/bench.sh   # an existing database with a council in it
# `bench/demo.sh` measures `make demo` from a fresh clone and the server's memory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
V=.venv/bin
scale=${BENCH_SCALE:-large}
if [ -z "${DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/haven-bench-pg.XXXXXX)
  trap 'scripts/pg.sh stop "$pgdir"' EXIT
  port=$($V/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DATABASE_URL=$(scripts/pg.sh start "$pgdir" "$port")
  export DATABASE_URL
  $V/haven migrate --noinput -v 0
  start=$(date +%s)
  $V/haven generate --scale "$scale" --seed 1
  echo "generate --scale $scale: $(( $(date +%s) - start )) s"
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
fi
# Pages are measured as in production: DEBUG off, hashed static files.
HAVEN_STATIC_ROOT=$(mktemp -d /tmp/haven-bench-static.XXXXXX)
export HAVEN_STATIC_ROOT
$V/haven collectstatic --noinput -v 0
$V/python bench/web.py --samples "${BENCH_SAMPLES:-300}"
$V/python bench/frontdoor.py --open 500 --samples 100
$V/python bench/api.py --samples 200
$V/python bench/recommend.py --runs 30 --seeds 5
$V/python bench/caseloads.py --samples 100
$V/python bench/worklist.py --samples 200 --users 10
$V/python bench/care.py --samples 200
$V/python bench/outside_home.py --samples 200
rm -rf "$HAVEN_STATIC_ROOT"
