#!/usr/bin/env bash
# A/B inside one SIP2 run: PostgreSQL settings A and B take turns at each of the driver's report windows, so
# that the machine's slow spells fall on both sides alike (2026-12-03: its memory-bound speed swung by a third
# within minutes, more than most changes measured). Each window's line is printed with the side it ran and
# PostgreSQL's CPU in it; at the end both settings are reset.
# Usage: [BENCH_* as for sip2.sh] bash bench/sip2-ab.sh RATE SECONDS "SQL for A" "SQL for B" [RESET_SQL]
#   the SQL of each side is statements separated by ';', each run alone (ALTER SYSTEM cannot share one), e.g.
#   bash bench/sip2-ab.sh 1200 300 "alter system set commit_delay = 200;alter system set commit_siblings = 1" \
#     "alter system reset commit_delay;alter system reset commit_siblings"
# RESET_SQL (by default the B side) is applied at the end: leave the bench's database as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=$1; seconds=$2; side_a=$3; side_b=$4; reset=${5:-$4}
log=$(mktemp)
trap '[ -z "${watcher:-}" ] || { pkill -P "$watcher" || true; kill "$watcher" 2>/dev/null || true; }
      pkill -f "tail -n +1 -F $log" || true; rm -f "$log"' EXIT

. bench/postgres.sh
apply() { # apply SQL: each statement on its own (psql_ runs each -c alone), then a reload
  local IFS=';' args=() statement
  for statement in $1; do args+=(-c "$statement"); done
  psql_ "${args[@]}" -c "select pg_reload_conf()" >/dev/null
}

(
  side=A
  tail -n +1 -F "$log" 2>/dev/null | while read -r line; do
    case "$line" in
      connected*)
        pg_port=$(pgrep -a postgres | grep -o -- '-p [0-9]*' | head -n 1 | cut -d' ' -f2)
        pg_master=$(pg_master_pid)
        apply "$side_a"; cpu=$(pg_cpu_seconds "$pg_master"); echo "A/B: A from the kiosks' connection on" ;;
      t=*)
        now=$(pg_cpu_seconds "$pg_master")
        echo "A/B: $side ran the window ending ${line%%msg*}(PostgreSQL $(echo "$now - $cpu" | bc) s of CPU): $line"
        cpu=$now
        if [ "$side" = A ]; then apply "$side_b"; side=B; else apply "$side_a"; side=A; fi ;;
      "== "*" kiosks, "*" s: "*)
        apply "$reset"; echo "A/B: reset"; exit 0 ;;
    esac
  done
) &
watcher=$!
bash bench/sip2.sh 1000 "$rate" "$seconds" > "$log" 2>&1 || true
sleep 2
cat "$log"
