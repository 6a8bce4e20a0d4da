#!/usr/bin/env bash
# The catalogue at scale: generates RECORDS synthetic CNMARC records (default 1,000,000), imports them
# with the command-line import into a fresh embedded database holding the demo network (index included),
# adds ITEMS copies (default 2,000,000) in SQL, rebuilds the index, then drives the search API with
# CLIENTS concurrent clients (default 20) and a realistic mix (bench/search-mix.py): popular searches and a
# long tail of title words, authors, ISBNs, pinyin and facet filters. Needs python3; wrk for the search figures.
# The server runs with a 1 GiB heap. Usage: ./mvnw -DskipTests package && bash bench/catalog.sh [RECORDS] [ITEMS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
items="${2:-2000000}"
clients="${3:-20}"
port=18484
work="$(mktemp -d)"
data="$work/data"
echo "== generating $records records"
java bench/CatalogGenerator.java "$work/catalogue.mrc" "$records" 42
ls -l "$work/catalogue.mrc"
echo "== importing (index included)"
SHUXIANG_DATA_DIR="$data" java -Xmx1g -jar target/shuxiang.jar import "$work/catalogue.mrc" --demo \
  --logging.level.root=warn --logging.level.org.shuxiang.catalog.ImportCommand=info 2>&1 | grep -E "Import|ERROR" || true

SHUXIANG_DATA_DIR="$data" java -Xmx1g -jar target/shuxiang.jar --server.port="$port" --logging.level.root=warn \
  --logging.level.org.shuxiang=info >"$work/app.log" 2>&1 &
app_pid=$!
trap 'kill $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
pg_port=$(grep -o "ready on 127.0.0.1:[0-9]*" "$work/app.log" | tail -n 1 | cut -d: -f2)
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d shuxiang -Atq "$@"; }
echo "== adding $items copies over the lending units"
psql_ -c "set session_replication_role = replica" -c "
  with units as (select array_agg(code order by code) as codes from org_unit where lends),
       m as (select max(id) as top from bib_record)
  insert into item (barcode, record_id, owning_unit, current_unit, item_type, status, call_number)
  select 'BX' || lpad(g::text, 10, '0'), r.id, u.codes[1 + g % cardinality(u.codes)],
         u.codes[1 + g % cardinality(u.codes)],
         case when g % 7 = 0 then 'CHILDRENS_BOOK' else 'BOOK' end,
         case when g % 5 = 0 then 'ON_LOAN' when g % 53 = 0 then 'IN_TRANSIT' else 'AVAILABLE' end,
         r.clc_number || '/' || (g % 997)
  from generate_series(1, $items) g cross join units u cross join m
  join bib_record r on r.id = 1 + (g::bigint * 7919) % m.top"
psql_ -c "select count(*) || ' records, ' || (select count(*) from item) || ' copies' from bib_record"
token=$(curl -fsS -u demo-admin:shuxiang-demo -H 'Content-Type: application/json' \
  -d '{"name":"bench","kind":"INTEGRATION","permissions":["NETWORK_READ"]}' \
  "http://127.0.0.1:$port/api/v1/api-keys" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "== rebuilding the index with the copies (the service keeps answering meanwhile)"
start=$(date +%s)
curl -fsS -X POST -u demo-admin:shuxiang-demo "http://127.0.0.1:$port/api/v1/catalog/search-index/rebuild"; echo
echo "rebuild took $(( $(date +%s) - start )) s"

echo "== the search mix: 30,000 searches drawn from 5,000 sampled records and the popular searches"
psql_ -F $'\t' -c "select title, coalesce(responsibility, ''), coalesce(isbns[1], '')
                    from bib_record tablesample system (1) repeatable (42) limit 5000" > "$work/samples.tsv"
python3 bench/search-mix.py 30000 42 < "$work/samples.tsv" > "$work/paths.txt"
echo "$(sort -u "$work/paths.txt" | wc -l) different searches"
if command -v wrk >/dev/null 2>&1; then
  # wrk (Debian's package) drives the load in C, leaving the two cores to the server
  export WRK_PATHS="$work/paths.txt" WRK_AUTH="Bearer $token"
  WRK_PAUSE_MS=0 wrk -t 2 -c "$clients" -d 20s -s bench/search-mix.lua "http://127.0.0.1:$port" > /dev/null
  echo "-- $clients clients, each pausing 0-200 ms between searches"
  WRK_PAUSE_MS=200 wrk -t 2 -c "$clients" -d 30s -s bench/search-mix.lua "http://127.0.0.1:$port" | tail -n 2
  echo "-- $clients clients without pause (saturation)"
  WRK_PAUSE_MS=0 wrk -t 2 -c "$clients" -d 30s -s bench/search-mix.lua "http://127.0.0.1:$port" | tail -n 2
else
  sed -e "s#^#http://127.0.0.1:$port#" "$work/paths.txt" > "$work/urls.txt"
  java bench/LoadDriver.java --urls "$work/urls.txt" --header "Authorization: Bearer $token" --requests 20000 \
    --concurrency "$clients" --warmup 2000
fi
echo "== heap of the server after the run"
jcmd "$app_pid" GC.heap_info | head -n 4 || true
jcmd "$app_pid" GC.run >/dev/null 2>&1 || true
jcmd "$app_pid" GC.heap_info | head -n 4 || true
