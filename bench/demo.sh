#!/usr/bin/env bash
# Times `make demo` from a fresh clone until Haven answers, then reports the server's memory.
#   bench/demo.sh [REPO]     (default: this checkout)
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d /tmp/haven-demo.XXXXXX)
git clone -q "$repo" "$work/haven"
cd "$work/haven"
# Empty package caches, so packages are downloaded as on a new machine.
export UV_CACHE_DIR="$work/uv-cache" PIP_NO_CACHE_DIR=1
start=$(date +%s.%N)
setsid make demo >"$work/demo.log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs -o /dev/null http://127.0.0.1:8000/healthz; do
  kill -0 $pid 2>/dev/null || { cat "$work/demo.log"; exit 1; }
  sleep 1
done
end=$(date +%s.%N)
printf 'make demo, fresh clone to serving: %.0f s\n' "$(echo "$end - $start" | bc)"
# Sign in as the social worker and use a few pages, then read the serving process's memory.
jar="$work/cookies"
curl -fsS -c "$jar" -o /dev/null http://127.0.0.1:8000/accounts/sign-in/
token=$(awk '$6 == "csrftoken" {print $7}' "$jar")
curl -fsS -b "$jar" -c "$jar" -o /dev/null -e http://127.0.0.1:8000/accounts/sign-in/ \
  -d "csrfmiddlewaretoken=$token&username=social.worker&password=Haven-demo-2026!" \
  http://127.0.0.1:8000/accounts/sign-in/
token=$(awk '$6 == "csrftoken" {print $7}' "$jar")
curl -fsS -b "$jar" -o /dev/null -e http://127.0.0.1:8000/people/ \
  -d "csrfmiddlewaretoken=$token&name=smith" http://127.0.0.1:8000/people/
for page in /work/ /people/ /work/; do
  status=$(curl -sS -b "$jar" -o /dev/null -w '%{http_code}' "http://127.0.0.1:8000$page")
  [ "$status" = 200 ] || { echo "GET $page answered $status (sign-in failed?)" >&2; exit 1; }
done
server=$(pgrep -f "haven runserver 127.0.0.1:8000" | head -n 1)
printf 'server resident memory: %s MiB\n' "$(( $(ps -o rss= -p "$server") / 1024 ))"
