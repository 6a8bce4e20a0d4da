# Shared by the benchmarks: generate and import a catalogue, start the server on it, talk to its database.
# Expects $work (a scratch folder) and $port; sets $data, $app_pid and $pg_port, and stops the server and
# removes $work on exit.

# BENCH_DATA names a data folder kept between runs (set up once, reused after); by default it is in $work.
data="${BENCH_DATA:-$work/data}"
# The server runs from a copy of the jar, so that a build during a run does not pull it from under it.
cp target/shuxiang.jar "$work/shuxiang.jar"
jar="$work/shuxiang.jar"

# import_catalogue RECORDS: generates RECORDS synthetic CNMARC records and imports them, index included,
# into a fresh embedded database holding the demo network.
import_catalogue() {
  echo "== generating $1 records"
  java bench/CatalogGenerator.java "$work/catalogue.mrc" "$1" 42
  ls -l "$work/catalogue.mrc"
  echo "== importing (index included)"
  SHUXIANG_DATA_DIR="$data" java -Xmx1g -jar "$jar" import "$work/catalogue.mrc" --demo \
    --logging.level.root=warn --logging.level.org.shuxiang.catalog.ImportCommand=info 2>&1 | grep -E "Import|ERROR" || true
}

# start_server: the packaged jar on that data with a 1 GiB heap, waiting until it is healthy.
start_server() {
  SHUXIANG_DATA_DIR="$data" java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$port" --logging.level.root=warn \
    --logging.level.org.shuxiang=info >"$work/app.log" 2>&1 &
  app_pid=$!
  trap 'kill $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  pg_port=$(grep -o "ready on 127.0.0.1:[0-9]*" "$work/app.log" | tail -n 1 | cut -d: -f2)
}

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d shuxiang -Atq "$@"; }

# api_key NAME PERMISSION: a new API key for the whole network, made by the demo administrator.
api_key() {
  curl -fsS -u demo-admin:shuxiang-demo -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"kind\":\"INTEGRATION\",\"permissions\":[\"$2\"]}" \
    "http://127.0.0.1:$port/api/v1/api-keys" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# add_items COUNT: COUNT copies spread over the records and the lending units, in SQL (the index is not told).
add_items() {
  psql_ -c "set session_replication_role = replica" -c "
    with units as (select array_agg(code order by code) as codes from org_unit where lends),
         m as (select max(id) as top from bib_record)
    insert into item (barcode, record_id, owning_unit, current_unit, item_type, status, call_number)
    select 'BX' || lpad(g::text, 10, '0'), r.id, u.codes[1 + g % cardinality(u.codes)],
           u.codes[1 + g % cardinality(u.codes)],
           case when g % 7 = 0 then 'CHILDRENS_BOOK' else 'BOOK' end,
           case when g % 5 = 0 then 'ON_LOAN' when g % 53 = 0 then 'IN_TRANSIT' else 'AVAILABLE' end,
           r.clc_number || '/' || (g % 997)
    from generate_series(1, $1) g cross join units u cross join m
    join bib_record r on r.id = 1 + (g::bigint * 7919) % m.top"
}
