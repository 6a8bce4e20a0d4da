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
. bench/common.sh
import_catalogue "$records"
start_server
echo "== adding $items copies over the lending units"
add_items "$items"
psql_ -c "select count(*) || ' records, ' || (select count(*) from item) || ' copies' from bib_record"
token=$(api_key bench NETWORK_READ)
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
jcmd_ "$app_pid" GC.heap_info | head -n 4 || true
jcmd_ "$app_pid" GC.run >/dev/null 2>&1 || true
jcmd_ "$app_pid" GC.heap_info | head -n 4 || true
