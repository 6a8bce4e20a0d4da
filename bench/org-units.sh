#!/usr/bin/env bash
# Reads of the network through the REST API, as a machine with an API key does them:
# starts the packaged jar with the demo network on a fresh embedded PostgreSQL, issues a key,
# drives GET /api/v1/org-units/{code} and /api/v1/org-units/{code}/calendar, and stops.
# Usage: ./mvnw -DskipTests package && bash bench/org-units.sh [requests] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-20000}"
concurrency="${2:-4}"
port=18181
data_dir="$(mktemp -d)"
SHUXIANG_DATA_DIR="$data_dir" java -jar target/shuxiang.jar --demo --server.port="$port" \
  --logging.level.root=warn >"$data_dir/app.log" 2>&1 &
app_pid=$!
trap 'kill $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true; rm -rf "$data_dir"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/api/v1/org-units/TLLIB" -u demo-admin:shuxiang-demo >/dev/null 2>&1 && break
  sleep 1
done
token=$(curl -fsS -u demo-admin:shuxiang-demo -H 'Content-Type: application/json' \
  -d '{"name":"bench","kind":"INTEGRATION","permissions":["NETWORK_READ"]}' \
  "http://127.0.0.1:$port/api/v1/api-keys" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "units: $(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/org-units" | grep -o '"code"' | wc -l)"
for path in /api/v1/org-units/YAQ-B01 "/api/v1/org-units/YAQ-B01/calendar?at=2026-12-01T02:00:00Z&from=2026-11-30"; do
  java bench/LoadDriver.java --url "http://127.0.0.1:$port$path" --header "Authorization: Bearer $token" \
    --requests "$requests" --concurrency "$concurrency" --warmup 3000
done
