#!/usr/bin/env bash
# Circulation under load: a catalogue of RECORDS generated records (default 1,000,000) with 2,000,000 items
# and 500,000 readers on credit, then a mix of checkouts (50%), checkins (40%) and renewals (10%) over HTTP
# with an API key: 64 clients back to back (peak), then an open model at RATE transactions/s (default 100),
# and pgbench's TPC-B on the same PostgreSQL for the ratio. The server runs with a 1 GiB heap.
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
echo "== peak: 64 clients back to back"
java bench/CirculationDriver.java --base "http://127.0.0.1:$port" --token "$token" --pairs "$work/pairs.tsv" \
  --clients 64 --seconds 20 --warmup 40
echo "== open model: $rate transactions/s"
java bench/CirculationDriver.java --base "http://127.0.0.1:$port" --token "$token" --pairs "$work/pairs.tsv" \
  --rate "$rate" --seconds 20 --warmup 5
echo "== pgbench TPC-B on the same PostgreSQL (scale 10, 64 clients)"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "drop database if exists pgbench" -c "create database pgbench"
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -c 64 -j 2 -T 20 pgbench 2>/dev/null | grep -E "^tps|latency average"
