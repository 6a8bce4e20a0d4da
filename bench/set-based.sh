#!/usr/bin/env bash
# What writing several kiosks' checkouts and returns together would save PostgreSQL (issue 5, SIP2 twelfth
# round). On the circulation data set (see circulation.sh), pgbench with 2 clients runs, in turn:
#   set-based/single.sql: one book lent and returned, each in its own transaction, with the statements a
#                         checkout and a return send today (the holder and item locked, the standing, the loan,
#                         the item and its record's mark, the audit row);
#   set-based/batch.sql:  eight books lent and returned, eight readers at once, one transaction each way, with
#                         one statement per step for all eight (arrays in, unnest).
# and prints PostgreSQL's CPU per book lent and returned. Every book goes back to the shelf, so the data set
# is as it was.
# Usage: ./mvnw -DskipTests package && [BENCH_DATA=/tmp/bench/d1m] bash bench/set-based.sh [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
rounds="${2:-3}"
port=18486
work="$(mktemp -d)"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dshuxiang.sip2.port=16001"
. bench/common.sh
circulation_data 1000000
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
pg_master=$(pg_master_pid)

echo "== pairs of a reader and a book on the shelf, numbered (2 clients take a half each)"
psql_ <<SQL
drop table if exists bench_pair;
create temp table pair_read (card text, barcode text, unit text);
\copy pair_read from '$work/pairs.tsv'
create table bench_pair as
select row_number() over () as n, p.card, p.barcode, p.unit, c.reader_id, i.id as item_id, i.record_id
from (select * from pair_read limit 80000) p
join reader_card c on c.card_number = p.card
join item i on upper(i.barcode) = upper(p.barcode)
where i.status = 'AVAILABLE'
  and not exists (select 1 from loan l where l.item_id = i.id and l.returned_at is null);
create unique index on bench_pair (n);
analyze bench_pair;
SQL
pairs=$(psql_ -c "select count(*) from bench_pair")
[ "$pairs" -ge 78000 ] || { echo "only $pairs pairs; the scripts take 78,000"; exit 1; }

for round in $(seq 1 "$rounds"); do
  for script in single batch; do
    books=$([ "$script" = batch ] && echo 8 || echo 1)
    before=$(pg_cpu_seconds "$pg_master")
    out=$("$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 2 -j 1 -T "$seconds" \
      -f "bench/set-based/$script.sql" shuxiang 2>&1)
    sleep 1
    after=$(pg_cpu_seconds "$pg_master")
    runs=$(echo "$out" | grep -o "transactions actually processed: [0-9]*" | grep -o "[0-9]*$")
    echo "round $round, $script: $((runs * books)) books lent and returned in ${seconds}s," \
      "PostgreSQL $(echo "$after - $before" | bc) s of CPU:" \
      "$(printf "%.3f" "$(echo "scale=3; ($after - $before) * 1000 / ($runs * $books)" | bc)") ms a book"
  done
done
psql_ -c "drop table bench_pair"
