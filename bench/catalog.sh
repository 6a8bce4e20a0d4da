#!/usr/bin/env bash
# The catalogue at scale: generates RECORDS synthetic CNMARC records (default 1,000,000), imports them
# with the command-line import into a fresh embedded database holding the demo network (index included),
# adds ITEMS copies (default 2,000,000) in SQL, rebuilds the index, then drives the search API with
# CLIENTS concurrent clients (default 20) and a mix of Chinese words, pinyin, ISBNs and facet filters.
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
  insert into item (barcode, record_id, owning_unit, current_unit, item_type, status, call_number)
  select 'BX' || lpad(g::text, 10, '0'), r.id, u.code, u.code,
         case when g % 7 = 0 then 'CHILDRENS_BOOK' else 'BOOK' end,
         case when g % 5 = 0 then 'ON_LOAN' when g % 53 = 0 then 'IN_TRANSIT' else 'AVAILABLE' end,
         r.clc_number || '/' || (g % 997)
  from generate_series(1, $items) g
  join lateral (select id, clc_number from bib_record where id = 1 + (g * 7919) % (select max(id) from bib_record)) r on true
  join lateral (select code from org_unit where lends order by code offset (g % 198) limit 1) u on true"
psql_ -c "select count(*) || ' records, ' || (select count(*) from item) || ' copies' from bib_record"
token=$(curl -fsS -u demo-admin:shuxiang-demo -H 'Content-Type: application/json' \
  -d '{"name":"bench","kind":"INTEGRATION","permissions":["NETWORK_READ"]}' \
  "http://127.0.0.1:$port/api/v1/api-keys" | sed -E 's/.*"token":"([^"]+)".*/\1/')
echo "== rebuilding the index with the copies"
start=$(date +%s)
curl -fsS -X POST -u demo-admin:shuxiang-demo "http://127.0.0.1:$port/api/v1/catalog/search-index/rebuild"; echo
echo "rebuild took $(( $(date +%s) - start )) s"

urls="$work/urls.txt"
base="http://127.0.0.1:$port/api/v1/catalog/search?q="
for q in 中国 历史 文学 儿童 科学 经济 管理 教育 研究 故事 小说 诗歌 文化 艺术 技术 计算机 世界 生活 三体 活着 \
         中国历史 儿童文学 长篇小说 铜陵 安徽; do
  echo "$base$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$q")" >> "$urls"
done
for q in zhongguo lishi wenxue ertong kexue jingji jiaoyu gushi xiaoshuo shige santi huozhe zg ls wx et; do
  echo "$base$q" >> "$urls"
done
psql_ -c "select isbns[1] from bib_record where cardinality(isbns) > 0 order by id desc limit 20" | while read -r isbn; do
  echo "$base$isbn" >> "$urls"
done
for filter in "&clcClass=I" "&availableWithin=YAQ" "&itemType=CHILDRENS_BOOK" "&yearFrom=2010" "&sort=newest"; do
  echo "${base}$(python3 -c "import urllib.parse; print(urllib.parse.quote('中国'))")$filter" >> "$urls"
  echo "${base}wenxue$filter" >> "$urls"
done
echo "== searching: $(wc -l < "$urls") queries in the mix, $clients clients"
if command -v wrk >/dev/null 2>&1; then
  # wrk (Debian's package) drives the load in C, leaving the two cores to the server
  sed -e "s#^http://127.0.0.1:$port##" "$urls" > "$work/paths.txt"
  export WRK_PATHS="$work/paths.txt" WRK_AUTH="Bearer $token"
  wrk -t 2 -c "$clients" -d 10s -s bench/search-mix.lua "http://127.0.0.1:$port" > /dev/null
  wrk -t 2 -c "$clients" -d 30s -s bench/search-mix.lua "http://127.0.0.1:$port" | tail -n 2
else
  java bench/LoadDriver.java --urls "$urls" --header "Authorization: Bearer $token" --requests 20000 \
    --concurrency "$clients" --warmup 2000
fi
echo "== heap of the server after the run"
jcmd "$app_pid" GC.heap_info | head -n 4 || true
jcmd "$app_pid" GC.run >/dev/null 2>&1 || true
jcmd "$app_pid" GC.heap_info | head -n 4 || true
