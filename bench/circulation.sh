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
ready="$data/.circulation-ready"
[ -f "$ready" ] || import_catalogue "$records"
start_server
if [ ! -f "$ready" ]; then
echo "== 2,000,000 items and 500,000 readers"
add_items 2000000
psql_ -c "
  insert into reader (name, identity_hash, home_unit, card_type, expires_on, registered_by, borrowing_basis)
  select '读者' || g, 'bench-' || g, u.codes[1 + g % cardinality(u.codes)], 'ADULT', current_date + 1000, 'bench', 'CREDIT'
  from generate_series(1, 500000) g cross join (select array_agg(code order by code) codes from org_unit where lends) u" \
  -c "insert into reader_card (card_number, reader_id)
      select 'BR' || lpad(id::text, 8, '0'), id from reader where identity_hash like 'bench-%'"
psql_ -F $'\t' -c "
  with items as (select barcode, current_unit, row_number() over (order by md5(barcode)) n
                 from item where status = 'AVAILABLE' and item_type = 'BOOK' and barcode like 'BX%' limit 300000),
       readers as (select card_number, row_number() over (order by md5(card_number)) n
                   from reader_card where card_number like 'BR%')
  select r.card_number, i.barcode, i.current_unit from items i join readers r on r.n = 1 + (i.n * 7) % 500000" \
  > "$data/pairs.tsv"
touch "$ready"
fi
cp "$data/pairs.tsv" "$work/pairs.tsv"
# a kept data folder starts each run as the first did: the loans earlier runs left open are returned
psql_ -c "
  with closed as (update loan set returned_at = now(), return_unit = lending_unit
                  where card_number like 'BR%' and returned_at is null returning item_id)
  update item set status = 'AVAILABLE', current_unit = owning_unit where id in (select item_id from closed)"
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
