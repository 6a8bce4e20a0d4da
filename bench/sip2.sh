#!/usr/bin/env bash
# SIP2 under load: CONNECTIONS kiosk connections (default 1,000) held open at once on the circulation data
# set (1,000,000 records, 2,000,000 items, 500,000 readers; see circulation.sh), each running a
# reader's sessions (patron information, two checkouts, end session; then two checkins of the same
# books) with pauses set so that all kiosks together offer RATE messages per second (default 2,000),
# for SECONDS (default 300). One machine account per lending unit. The server's live heap is measured
# after a full collection at the start and at the end of the measured time, and its resident memory
# every minute.
# Usage: ./mvnw -DskipTests package && [BENCH_DATA=/tmp/bench/d1m] [SIP2_WARMUP=90] [SIP2_REPORT=30] bash bench/sip2.sh [CONNECTIONS] [RATE] [SECONDS] [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-1000}"
rate="${2:-2000}"
seconds="${3:-300}"
records="${4:-1000000}"
warmup="${SIP2_WARMUP:-90}"
port=18486
sip2_port=16001
work="$(mktemp -d)"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dshuxiang.sip2.port=$sip2_port"
. bench/common.sh
circulation_data "$records"

echo "== one SIP2 machine account per lending unit"
cut -f3 "$work/pairs.tsv" | sort -u > "$work/units"
: > "$work/accounts.tsv"
while read -r unit; do
  login="bench-$unit"
  curl -fsS -u demo-admin:shuxiang-demo -H 'Content-Type: application/json' \
    -d "{\"login\":\"$login\",\"password\":\"bench-secret\",\"unitCode\":\"$unit\"}" \
    "http://127.0.0.1:$port/api/v1/sip2-accounts" >/dev/null
  printf '%s\t%s\t%s\n' "$login" bench-secret "$unit" >> "$work/accounts.tsv"
done < "$work/units"
echo "$(wc -l < "$work/accounts.tsv") accounts"

# the heap in use, in KiB: the sum of the heap's parts (one for ZGC and G1; young and old for the parallel and
# serial collectors), not the metaspace. JDK 17 prints it in K; later JDKs' ZGC in M.
heap_used() {
  jcmd_ "$app_pid" GC.heap_info | grep -vE 'Metaspace|class space' | grep -oE 'used [0-9]+[KM]' |
    awk '{ n = substr($2, 1, length($2) - 1); s += (substr($2, length($2)) == "M") ? n * 1024 : n } END { print s }'
}
rss() { ps -o rss= -p "$app_pid" | tr -d ' '; }
# During the measured time the heap is read from the server's own metrics, not with jcmd: jcmd is a JVM of its
# own, and starting one took a core for a second or more, which showed as a stall of every kiosk (2026-12-03).
# The live heap there is the collector's own figure, what the old generation held after its last collection
# (for ZGC, what the last cycle left); a jcmd-forced full collection is only done before and after.
metrics_token=$(api_key "sip2-metrics-$RANDOM" METRICS_READ)
live_after_gc() {
  curl -fsS -H "Authorization: Bearer $metrics_token" "http://127.0.0.1:$port/actuator/prometheus" |
    awk '/^jvm_gc_live_data_size_bytes/ { printf "%d", $NF / 1024 }'
}

machine_speed
echo "== $connections kiosks, $rate messages/s offered, ${warmup}s warm-up, ${seconds}s measured"
java -Xss256k -Xmx512m bench/Sip2Driver.java --port "$sip2_port" --pairs "$work/pairs.tsv" \
  --accounts "$work/accounts.tsv" --connections "$connections" --rate "$rate" --seconds "$seconds" \
  --warmup "$warmup" --report "${SIP2_REPORT:-30}" &
driver=$!
also_stop=$driver
started=$SECONDS
# sleep_until T: until T seconds after the driver started (whatever the readings in between took)
sleep_until() { local left=$(($1 - (SECONDS - started))); [ "$left" -le 0 ] || sleep "$left"; }
# halfway through the warm-up, so that the kiosks have caught up with the pause before the measured time
sleep_until $((warmup / 2))
jcmd_ "$app_pid" GC.run >/dev/null
start_heap=$(heap_used)
echo "server: live heap after a full collection ${start_heap} KiB, resident $(rss) KiB"
sleep_until "$warmup"
pg_master=$(pg_master_pid)
pg_pids="$pg_master $(pgrep -P "$pg_master" | tr '\n' ' ')"
cpu_app0=$(cpu_seconds "$app_pid"); cpu_pg0=$(cpu_seconds $pg_pids); cpu_driver0=$(cpu_seconds "$driver")
# CPU is read over the measured time but its last 10 s, so that the driver (which starts its warm-up once its
# kiosks are connected) is still running at the second reading
measured=$((seconds - 10))
for minute in $(seq 60 60 "$measured"); do
  sleep_until $((warmup + minute))
  echo "server: resident $(rss) KiB, live heap after the last collection $(live_after_gc) KiB"
done
sleep_until $((warmup + measured))
cpu_app1=$(cpu_seconds "$app_pid"); cpu_pg1=$(cpu_seconds $pg_pids)
# a driver that already ended has no CPU to read
if [ -d "/proc/$driver" ]; then driver_cpu=$(echo "$(cpu_seconds "$driver") - $cpu_driver0" | bc); else driver_cpu="not read (it had ended)"; fi
wait "$driver"
jcmd_ "$app_pid" GC.run >/dev/null
end_heap=$(heap_used)
echo "server: live heap after a full collection ${end_heap} KiB (at the start ${start_heap} KiB), resident $(rss) KiB"
echo "CPU seconds used over ${measured}s of the measured time: server $(echo "$cpu_app1 - $cpu_app0" | bc), PostgreSQL $(echo "$cpu_pg1 - $cpu_pg0" | bc), driver $driver_cpu"
echo "SIP2 failures logged by the server: $(grep -c 'SIP2 message .* failed' "$work/app.log" || true)"
machine_speed
