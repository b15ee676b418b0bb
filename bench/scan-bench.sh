#!/usr/bin/env bash
#
# bench/scan-bench.sh — `perfwarden scan --bench` next to its yardstick, a plain
# `go test -run '^$' -bench REGEX -benchmem -benchtime T ./...` of the same module, with a warm build cache.
#
# The yardstick runs each package's benchmarks once; scan builds the module once with -m=2/-json/check_bce,
# builds each test binary once (objdump), runs its benchmarks once with a CPU profile (same -benchtime as the
# yardstick) and once with a heap profile (-memprofilerate=512; -test.benchtime: scan's --heap-benchtime,
# by default half of --benchtime), then analyses. Both use the caller's GOCACHE, warmed by one untimed round
# of each first (std, the dependencies and the test binaries' compiles come from the cache; scan's -m=2 build of
# the module's own packages is never cached: its -json folder is new each time).
# For each of --runs rounds (default 3): the yardstick, then scan, under bash's time; prints the median wall
# and CPU (user+sys, children included) of each and their ratio.
#
# Usage: bench/scan-bench.sh [MODULE_DIR | MODULE@VERSION] [--runs N] [--bench REGEX] [--benchtime T]
#                            [--heap-benchtime T]
#   defaults: examples/orders, 3 runs, --bench ., --benchtime 1s, scan's default heap benchtime.
#   MODULE@VERSION (e.g. github.com/pierrec/lz4/v4@v4.1.33) is fetched with `go mod download` and copied to a
#   writable temporary folder first. --heap-benchtime 1s with --benchtime 1s is scan before the heap run was
#   shortened (the same commands).
# Needs: go, java 17, bc; the launcher builds the jar on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/examples/orders"
runs=3; bench=.; benchtime=1s; heap=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --bench) bench=$2; shift 2 ;;
    --benchtime) benchtime=$2; shift 2 ;;
    --heap-benchtime) heap=(--heap-benchtime "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/scan-bench.sh: unknown argument $1" >&2; exit 2 ;;
    *@*) fetch=$1; shift ;;
    *) module=$(cd "$1" && pwd); shift ;;
  esac
done
work=$(mktemp -d /tmp/perfwarden-bench-scanbench.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
if [[ -n "${fetch:-}" ]]; then
  dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$fetch" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n "$dir" ]] || { echo "bench/scan-bench.sh: go mod download $fetch failed" >&2; exit 1; }
  cp -r "$dir" "$work/module" && chmod -R u+w "$work/module"
  module="$work/module"
fi
"$root/perfwarden" --version >/dev/null   # build the jar (and its CDS archive) outside the measurement

yardstick() { (cd "$module" && go test -run '^$' -bench "$bench" -benchmem -benchtime "$1" ./... >"$work/ys-out" 2>&1) \
    || { tail -20 "$work/ys-out" >&2; exit 1; }; }
scan() { "$root/perfwarden" scan "$module" --bench "$bench" --benchtime "$1" "${heap[@]}" --fail-on none \
    --keep "$work/keep" >/dev/null 2>"$work/scan-err" || { cat "$work/scan-err" >&2; exit 1; }; }
yardstick 1x; scan 1x   # warm the build cache (untimed)
TIMEFORMAT='%R %U %S'   # bash's time: wall, user and system seconds of the commands and their children

: > "$work/ys"; : > "$work/scan"
for i in $(seq 1 "$runs"); do
  { time yardstick "$benchtime"; } 2> "$work/t"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >> "$work/ys"
  { time scan "$benchtime"; } 2> "$work/t"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >> "$work/scan"
done
median() { sort -n -k"$2" "$work/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'; }
heapt=$(grep -o 'heap profile (-test.benchtime=[^)]*)' "$work/scan-err" | head -1 | sed 's/.*=//; s/)//')

echo "module:  ${fetch:-$module} ($(cd "$module" && go list ./... | wc -l) packages), -bench '$bench'"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3)"
echo "runs:    $runs, warm GOCACHE; -benchtime $benchtime (scan's heap run: -test.benchtime=${heapt:-?})"
echo
printf '%-56s %11s %11s\n' "command" "med. wall" "med. CPU"
printf '%-56s %9s s %9s s\n' "go test -run '^\$' -bench -benchmem ./... (yardstick)" "$(median ys 1)" "$(median ys 2)"
printf '%-56s %9s s %9s s\n' "perfwarden scan --bench" "$(median scan 1)" "$(median scan 2)"
echo
# the benchmark steps of the last scan, from its progress lines ("perfwarden: 1m05s STEP"): each step lasts until
# the next one starts
awk '/^perfwarden: [0-9]+(m[0-9]+)?s / {
       t = $2; s = 0; if (t ~ /m/) { split(t, p, "m"); s = p[1] * 60; t = p[2] } sub(/s$/, "", t); s += t
       if (kind != "") d[kind] += s - prev
       kind = $0 ~ /benchmarks with a CPU profile/ ? "cpu" : $0 ~ /benchmarks with a heap profile/ ? "heap" : "other"
       prev = s }
     END { printf "last scan, wall: benchmark runs with the CPU profile %d s, with the heap profile %d s (progress lines)\n", d["cpu"], d["heap"] }' \
    "$work/scan-err"
echo "ratio scan --bench / yardstick: wall $(echo "scale=2; $(median scan 1) / $(median ys 1)" | bc) x, CPU $(echo "scale=2; $(median scan 2) / $(median ys 2)" | bc) x"
