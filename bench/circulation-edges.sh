#!/usr/bin/env bash
# The two edge cases of the circulation targets, on the data bench/circulation.sh leaves in BENCH_DATA:
#  1. one reader who already has 500 loans (a group card; the group rule's limit raised to 1,000 in the
#     bench database), every transaction theirs: checkouts, checkins of their loans and renewals;
#  2. checkins of copies whose titles each have 1,000 holds queued (30 titles, 30,000 holds; 10 copies
#     of each title on loan, checked in one after another, each one filling the first hold of the queue).
# Both in the open model at RATE transactions/s (default 20), latency from each intended start.
# Usage: BENCH_DATA=/tmp/bench/d1m bash bench/circulation.sh && BENCH_DATA=/tmp/bench/d1m bash bench/circulation-edges.sh [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-20}"
port=18486
work="$(mktemp -d)"
: "${BENCH_DATA:?set BENCH_DATA to the data folder bench/circulation.sh prepared}"
. bench/common.sh
start_server
token=$(api_key circulation-edges-$RANDOM CIRCULATE)
echo "== warming the server up: 30 s of the usual mix (not measured)"
java bench/CirculationDriver.java --base "http://127.0.0.1:$port" --token "$token" --pairs "$data/pairs.tsv" \
  --clients 16 --seconds 1 --warmup 30 >/dev/null

echo "== one reader with 500 loans"
# the product caps a rule at 500 loans; the bench lifts the cap for this one reader's rule, and puts it back
psql_ -c "alter table loan_rule drop constraint if exists loan_rule_max_loans_check" \
  -c "update loan_rule set max_loans = 1000 where card_type = 'GROUP' and item_type is null and unit_code is null"
reader=$(psql_ -c "select reader_id from reader_card where card_number = 'BG00000001'")
if [ -z "$reader" ]; then
  reader=$(psql_ -c "
    insert into reader (name, identity_hash, home_unit, card_type, expires_on, registered_by, borrowing_basis)
    values ('集体读者（基准）', 'bench-group-1', 'TLLIB', 'GROUP', current_date + 1000, 'bench', 'CREDIT') returning id" | head -n 1)
  psql_ -c "insert into reader_card (card_number, reader_id) values ('BG00000001', $reader)"
fi
# bring the reader to exactly 500 open loans (earlier runs may have left more or fewer)
psql_ -c "
  with open as (select l.id, l.item_id from loan l where l.reader_id = $reader and l.returned_at is null
                order by l.id offset 500),
       closed as (update loan set returned_at = now(), return_unit = lending_unit where id in (select id from open)
                  returning item_id)
  update item set status = 'AVAILABLE' where id in (select item_id from closed)"
psql_ -c "
  with wanted as (select 500 - count(*) as n from loan where reader_id = $reader and returned_at is null),
       chosen as (select i.id, i.current_unit from item i
                  where i.status = 'AVAILABLE' and i.item_type = 'BOOK' and i.barcode like 'BX%'
                    and not exists (select 1 from loan l where l.item_id = i.id and l.returned_at is null)
                  order by i.id desc limit (select greatest(n, 0) from wanted)),
       lent as (insert into loan (item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on)
                select c.id, $reader, 'BG00000001', c.current_unit,
                       (select id from loan_rule where card_type = 'GROUP' and item_type is null and unit_code is null),
                       now(), current_date + 60 from chosen c returning item_id)
  update item set status = 'ON_LOAN' where id in (select item_id from lent)"
echo "open loans: $(psql_ -c "select count(*) from loan where reader_id = $reader and returned_at is null")"
psql_ -F $'\t' -c "
  select 'BG00000001', barcode, current_unit from item
  where status = 'AVAILABLE' and item_type = 'BOOK' and barcode like 'BX%' order by id desc offset 2000 limit 3000" \
  > "$work/group.tsv"
sleep 6 # the policy matrix is re-read within 5 s
java bench/CirculationDriver.java --base "http://127.0.0.1:$port" --token "$token" --pairs "$work/group.tsv" \
  --rate "$rate" --seconds 20 --warmup 5
echo "open loans after: $(psql_ -c "select count(*) from loan where reader_id = $reader and returned_at is null")"
psql_ -c "update loan_rule set max_loans = 50 where card_type = 'GROUP' and item_type is null and unit_code is null" \
  -c "alter table loan_rule add constraint loan_rule_max_loans_check check (max_loans between 0 and 500)"

echo "== checkins of titles with 1,000 holds queued"
# 30 titles, each with 1,000 waiting holds of different readers and 10 copies on loan
psql_ -c "
  create temporary table queued as
    select record_id, row_number() over (order by record_id) as n
    from (select id as record_id from bib_record order by id desc limit 30) last;
  insert into item (barcode, record_id, owning_unit, current_unit, item_type, status, call_number)
    select 'BH' || lpad(q.n::text, 3, '0') || '-' || c, q.record_id, u.code, u.code, 'BOOK', 'ON_LOAN', 'BENCH/' || c
    from queued q cross join generate_series(1, 10) c
    cross join lateral (select code from org_unit where lends and accepts_returns order by md5(q.n || '-' || c) limit 1) u;
  insert into loan (item_id, reader_id, card_number, lending_unit, checked_out_at, due_on)
    select i.id, 1000 + i.id % 400000, 'BR' || lpad((1000 + i.id % 400000)::text, 8, '0'), i.owning_unit, now(),
           current_date + 30
    from item i join queued q on q.record_id = i.record_id where i.barcode like 'BH%';
  insert into hold (reader_id, record_id, pickup_unit, status, placed_at, placed_by)
    select r.id, q.record_id, p.codes[1 + (r.id % cardinality(p.codes))::int], 'WAITING',
           now() - interval '1 day' + make_interval(secs => g), 'bench'
    from queued q cross join generate_series(1, 1000) g
    cross join (select array_agg(code order by code) codes from org_unit where pickup_point) p
    join reader r on r.id = 2000 + q.n * 1000 + g;"
echo "holds queued per title: $(psql_ -c "select min(c) || '..' || max(c) from (select count(*) c from hold h
  join item i on i.record_id = h.record_id and i.barcode like 'BH%' where h.status = 'WAITING' group by i.id) x")"
psql_ -F $'\t' -c "select barcode, owning_unit from item where barcode like 'BH%' order by md5(barcode)" > "$work/checkins.tsv"
java bench/CirculationDriver.java --base "http://127.0.0.1:$port" --token "$token" --checkins "$work/checkins.tsv" \
  --rate "$rate" --seconds 10 --warmup 5
# leave the data as it was: the copies, their loans, holds and transits go
psql_ -c "
  delete from transit where item_id in (select id from item where barcode like 'BH%');
  delete from hold where placed_by = 'bench';
  delete from loan where item_id in (select id from item where barcode like 'BH%');
  delete from item where barcode like 'BH%';"
