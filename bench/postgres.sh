# The benchmarks' functions for the embedded PostgreSQL of a run, with no side effect when sourced (common.sh
# and sip2-ab.sh take them). Expect $pg_port, the port the server logged at start.

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d shuxiang -Atq "$@"; }

# pg_master_pid: the process id of the postmaster listening on $pg_port.
pg_master_pid() { pgrep -f -- "-p $pg_port" | head -n 1; }

# cpu_seconds PID...: user+system CPU seconds the processes used so far (with their children's threads).
cpu_seconds() {
  local total=0 p t
  for p in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "scale=1; $total / $(getconf CLK_TCK)" | bc
}

# pg_cpu_seconds MASTER_PID: CPU seconds PostgreSQL used so far: the postmaster, its live backends, and the
# backends and workers that have ended (counted in the postmaster's children's time), so that a difference
# between two readings is exact even when autovacuum workers come and go in between.
pg_cpu_seconds() {
  local master=$1 live
  live=$(cpu_seconds $(pgrep -P "$master" | tr '\n' ' '))
  echo "scale=1; $live + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat") / $(getconf CLK_TCK)" | bc
}
