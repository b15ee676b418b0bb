#!/usr/bin/env bash
# Figures for perfwarden debt: record N runs of the real orders reports, then show and board over them,
# in-process (no JVM start in the figures), on SQLite; on PostgreSQL too when PERFWARDEN_BENCH_PG is a JDBC URL.
# Yardstick: sqlite3 inserting the same number of finding rows in one transaction per run.
# Usage: bench/debt.sh [N]   (default 200)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-200}"
cd "$root"
./perfwarden --version >/dev/null   # builds the jar when sources changed
reports=(debt/src/test/resources/reports/orders-v1.json debt/src/test/resources/reports/orders-v2.json
         debt/src/test/resources/reports/orders-v3.json)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java -cp cli/target/perfwarden.jar bench/debt/DebtBench.java "$tmp/debt.db" "$n" "${reports[@]}"
if [ -n "${PERFWARDEN_BENCH_PG:-}" ]; then
  java -cp cli/target/perfwarden.jar bench/debt/DebtBench.java "$PERFWARDEN_BENCH_PG" "$n" "${reports[@]}"
fi
if command -v sqlite3 >/dev/null; then
  # the same rows (86 findings a run on average) through the sqlite3 shell, one transaction per run
  {
    echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    echo "CREATE TABLE findings (run_id INTEGER, fingerprint TEXT, rule TEXT, pack TEXT, severity TEXT, symbol TEXT, pkg TEXT, file TEXT, line INTEGER, cpu_share REAL, alloc_share REAL, message TEXT);"
    for ((i = 0; i < n; i++)); do
      echo "BEGIN IMMEDIATE;"
      for ((j = 0; j < 86; j++)); do
        echo "INSERT INTO findings VALUES ($i, '$(printf %064d $j)', 'interface-escape', 'go-perf@1.0.0', 'warning', 'main.Receipt', 'main', 'report.go', 54, 0.02, 0.05, 'x escapes to heap');"
      done
      echo "COMMIT;"
    done
  } > "$tmp/yard.sql"
  s=$(date +%s%N)
  sqlite3 "$tmp/yard.db" < "$tmp/yard.sql" >/dev/null
  e=$(date +%s%N)
  echo "yardstick sqlite3: $n transactions of 86 rows $(( (e - s) / 1000000 )) ms = $(( (e - s) / 1000 / n )) us/run"
fi
