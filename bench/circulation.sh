#!/usr/bin/env bash
# Circulation under load: a catalogue of RECORDS generated records (default 1,000,000) with 2,000,000 items
# and 500,000 readers on credit, then a mix of checkouts (50%), checkins (40%) and renewals (10%) over HTTP
# with an API key: 64 clients back to back (peak, after a 120 s warm-up: on two busy cores the JIT is still
# compiling at 40 s), then an open model at RATE transactions/s (default 100; 30 s of warm-up at that rate, in
# which the driver's own JIT and the peak's after-effects settle, then 60 s measured: OPEN_WARMUP and
# OPEN_SECONDS), and pgbench's TPC-B on the same PostgreSQL for the ratio. Each run prints the CPU seconds the
# server, PostgreSQL and the driver used in it. The server runs with a 1 GiB heap.
# Usage: ./mvnw -DskipTests package && [BENCH_DATA=/tmp/bench/d1m] bash bench/circulation.sh [RECORDS] [RATE]
# With BENCH_DATA the generated data is kept there and reused by the next run (its loans move on between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
rate="${2:-100}"
port=18485
work="$(mktemp -d)"
. bench/common.sh
circulation_data "$records"
token=$(api_key circulation-bench CIRCULATE)
pg_master=$(pg_master_pid)
# measured DRIVER_ARGS...: a driver run, with the CPU seconds the server, PostgreSQL and the driver used in it
measured() {
  local app0 pg0
  app0=$(cpu_seconds "$app_pid"); pg0=$(pg_cpu_seconds "$pg_master")
  /usr/bin/time -f "%U %S" -o "$work/driver.time" java bench/CirculationDriver.java --base "http://127.0.0.1:$port" \
    --token "$token" --pairs "$work/pairs.tsv" "$@"
  echo "CPU seconds in the run (warm-up included): server $(echo "$(cpu_seconds "$app_pid") - $app0" | bc)," \
    "PostgreSQL $(echo "$(pg_cpu_seconds "$pg_master") - $pg0" | bc), driver $(awk '{print $1 + $2}' "$work/driver.time")"
}
machine_speed
echo "== peak: 64 clients back to back"
measured --clients 64 --seconds 20 --warmup 120
echo "== open model: $rate transactions/s"
measured --rate "$rate" --seconds "${OPEN_SECONDS:-60}" --warmup "${OPEN_WARMUP:-30}"
echo "== pgbench TPC-B on the same PostgreSQL (scale 10, 64 clients)"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "drop database if exists pgbench" -c "create database pgbench"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -c 64 -j 2 -T 20 pgbench 2>/dev/null | grep -E "^tps|latency average"
machine_speed
