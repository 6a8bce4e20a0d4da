# Shared by the benchmarks: generate and import a catalogue, start the server on it, talk to its database.
# Expects $work (a scratch folder) and $port; sets $data, $app_pid and $pg_port, and stops the server and
# removes $work on exit.

# BENCH_DATA names a data folder kept between runs (set up once, reused after); by default it is in $work.
data="${BENCH_DATA:-$work/data}"
# The server runs from a copy of the jar (BENCH_JAR, by default the one built), so that a build during a run
# does not pull it from under it, and so that two builds can be measured in turn on the same data.
cp "${BENCH_JAR:-target/shuxiang.jar}" "$work/shuxiang.jar"
jar="$work/shuxiang.jar"
# psql_, cpu_seconds, pg_cpu_seconds: reading the bench's database and its CPU
. bench/postgres.sh

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

# start_server: the packaged jar on that data with a 1 GiB heap and ZGC, as README runs a server (ADR 0017; set
# BENCH_GC=-XX:+UseG1GC to measure the JVM's default collector), waiting until it is healthy. BENCH_JAVA names
# another JVM to run the server on (the driver stays on the default one).
# BENCH_HUGE_PAGES=N reserves N huge pages of 2 MB for the run (as root) and gives back the machine's earlier
# reservation at the end (ADR 0020): PostgreSQL takes them for its shared memory by itself, the JVM for its heap
# with BENCH_JAVA_OPTS=-XX:+UseLargePages. The run prints which of the two run in huge pages.
start_server() {
  if [ -n "${BENCH_HUGE_PAGES:-}" ]; then
    huge_pages_before=$(cat /proc/sys/vm/nr_hugepages)
    echo "$BENCH_HUGE_PAGES" > /proc/sys/vm/nr_hugepages
  fi
  SHUXIANG_DATA_DIR="$data" "${BENCH_JAVA:-java}" -Xmx1g ${BENCH_GC:--XX:+UseZGC} ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$port" --logging.level.root=warn \
    --logging.level.org.shuxiang=info >"$work/app.log" 2>&1 &
  app_pid=$!
  # BENCH_KEEP_LOG names a file to keep the server's log in (the scratch folder goes at the end)
  # also_stop: processes of the benchmark's own (its driver) that must not outlive it when it fails
  trap 'kill ${also_stop:-} $app_pid 2>/dev/null || true; wait $app_pid 2>/dev/null || true
        [ -z "${huge_pages_before:-}" ] || echo "$huge_pages_before" > /proc/sys/vm/nr_hugepages
        [ -z "${BENCH_KEEP_LOG:-}" ] || cp "$work/app.log" "$BENCH_KEEP_LOG"; rm -rf "$work"' EXIT
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  pg_port=$(grep -o "ready on 127.0.0.1:[0-9]*" "$work/app.log" | tail -n 1 | cut -d: -f2)
  echo "huge pages: PostgreSQL's shared memory $(psql_ -c 'show huge_pages_status'), the JVM's heap" \
    "$(jcmd_ "$app_pid" VM.flags | grep -q -- '+UseLargePages' && echo on || echo off)," \
    "reserved on the machine $(awk '/HugePages_Total/ { t = $2 } /HugePages_Free/ { f = $2 } END { print t ", free " f }' /proc/meminfo)"
  # an index of an older layout is rebuilt at start: measure after that
  if grep -q "older layout; rebuilding" "$work/app.log"; then
    echo "== the search index is being rebuilt to the current layout; waiting"
    until grep -q "Rebuilt the search index" "$work/app.log"; do sleep 5; done
  fi
}

# jcmd_ PID COMMAND: jcmd of the JVM the server runs on (one JDK's jcmd cannot attach to another's JVM).
jcmd_() { "$(dirname "$(command -v "${BENCH_JAVA:-java}")")/jcmd" "$@"; }

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

# circulation_data RECORDS: the circulation data set, made once per data folder and reused after:
# RECORDS generated records, 2,000,000 items, 500,000 readers on credit, 400,000 open loans (one for each
# copy on loan), and $work/pairs.tsv of "card<TAB>barcode<TAB>unit" lines (a reader and a book on the shelf
# at a lending unit). Starts the server; the loans earlier runs left open are returned, so that every run
# starts as the first did.
circulation_data() {
  local ready="$data/.circulation-ready"
  [ -f "$ready" ] || import_catalogue "$1"
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
    echo "== the search index rebuilt, now that the records have copies"
    curl -fsS -u demo-admin:shuxiang-demo -X POST "http://127.0.0.1:$port/api/v1/catalog/search-index/rebuild"; echo
    touch "$ready"
  fi
  if [ ! -f "$data/.background-loans" ]; then
    # Every copy the data set says is on loan gets its open loan, as in a library that has been lending for a
    # while: 400,000 loans, at most one per reader, checked out 1 to 25 days ago. Without them the reset below
    # left no loan open, and statistics taken then made the open-loan indexes look empty to the planner
    # until the next automatic analyze.
    echo "== an open loan for each copy on loan"
    psql_ -c "set session_replication_role = replica" -c "
      insert into loan (item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on, request_id)
      select i.id, c.reader_id, c.card_number, i.current_unit, r.id, now() - make_interval(days => 1 + (i.id % 25)::int),
             (now() - make_interval(days => 1 + (i.id % 25)::int))::date + 30, 'bench-background-' || i.id
      from (select id, current_unit, row_number() over (order by id) n from item
            where status = 'ON_LOAN' and barcode like 'BX%') i
      join (select reader_id, card_number, row_number() over (order by card_number) n from reader_card
            where card_number like 'BR%') c on c.n = 1 + (i.n - 1) % 500000
      cross join (select min(id) id from loan_rule) r"
    rm -f "$data/.vacuumed"
    touch "$data/.background-loans"
  fi
  if [ ! -f "$data/.vacuumed" ]; then
    echo "== vacuum and analyze, so that runs start on a settled database"
    psql_ -c "vacuum analyze"
    touch "$data/.vacuumed"
  fi
  cp "$data/pairs.tsv" "$work/pairs.tsv"
  psql_ -c "
    with closed as (update loan set returned_at = now(), return_unit = lending_unit
                    where card_number like 'BR%' and returned_at is null
                      and (request_id is null or request_id not like 'bench-background-%') returning item_id)
    update item set status = 'AVAILABLE', current_unit = owning_unit where id in (select item_id from closed)"
  # the busy tables vacuumed after that reset and earlier runs' rows, so that no run measures an autovacuum of
  # them that the one before it left due
  psql_ -c "vacuum (analyze) loan, item, bib_record_activity, audit_event, reader, fee, hold, transit"
}

# machine_speed: how fast the machine is right now (bench/CpuProbe.java), printed beside a run's figures: on a
# host whose speed swings, runs are compared at like speeds.
machine_speed() { java -Xmx512m bench/CpuProbe.java; }
