#!/usr/bin/env bash
#
# bench/scan.sh — `perfwarden scan` (without --bench) next to a plain `go build ./...` of the same module,
# both with a cold build cache, in one run.
#
# For each of --runs rounds (default 3), each with a fresh, empty GOCACHE (std and the module's
# dependencies are compiled again, as on a CI runner without a cache):
#   GOCACHE=<empty> go build ./...                       (the yardstick)
#   GOCACHE=<empty> perfwarden scan MODULE --fail-on none  (one -m=2/-json/check_bce build, test binaries,
#                                                          objdump, analysis)
# under /usr/bin/time; prints the median wall and CPU (user+sys, children included) of each and the ratio.
# Target: scan <= 2x go build.
#
# Usage: bench/scan.sh [MODULE_DIR | MODULE@VERSION] [--runs N]      (default: examples/orders)
#   MODULE@VERSION (e.g. github.com/cespare/xxhash/v2@v2.3.0) is fetched with `go mod download` and copied
#   to a writable temporary folder first.
# Needs: go, java 17, /usr/bin/time; the launcher builds the jar on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/examples/orders"
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/scan.sh: unknown argument $1" >&2; exit 2 ;;
    *@*) fetch=$1; shift ;;
    *) module=$(cd "$1" && pwd); shift ;;
  esac
done
work=$(mktemp -d /tmp/perfwarden-bench-scan.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
if [[ -n "${fetch:-}" ]]; then
  dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$fetch" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n "$dir" ]] || { echo "bench/scan.sh: go mod download $fetch failed" >&2; exit 1; }
  cp -r "$dir" "$work/module" && chmod -R u+w "$work/module"
  module="$work/module"
fi
"$root/perfwarden" --version >/dev/null   # build the jar (and its CDS archive) outside the measurement

: > "$work/build"; : > "$work/scan"
for i in $(seq 1 "$runs"); do
  (cd "$module" && GOCACHE="$work/cache-b$i" /usr/bin/time -f '%e %U %S' -o "$work/t" go build ./... >/dev/null 2>&1)
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >> "$work/build"
  GOCACHE="$work/cache-s$i" /usr/bin/time -f '%e %U %S' -o "$work/t" \
      "$root/perfwarden" scan "$module" --fail-on none --keep "$work/keep$i" >/dev/null 2>"$work/scan-err" \
      || { cat "$work/scan-err" >&2; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t" >> "$work/scan"
  chmod -R u+w "$work/cache-b$i" "$work/cache-s$i"; rm -rf "$work/cache-b$i" "$work/cache-s$i"
done
median() { sort -n -k"$2" "$work/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'; }

echo "module:  ${fetch:-$module} ($(cd "$module" && go list ./... | wc -l) packages)"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3)"
echo "runs:    $runs, each with an empty GOCACHE"
echo
printf '%-40s %11s %11s\n' "command" "med. wall" "med. CPU"
printf '%-40s %9s s %9s s\n' "go build ./... (cold cache)" "$(median build 1)" "$(median build 2)"
printf '%-40s %9s s %9s s\n' "perfwarden scan (cold cache)" "$(median scan 1)" "$(median scan 2)"
echo
echo "ratio scan/go build: wall $(echo "scale=2; $(median scan 1) / $(median build 1)" | bc) x, CPU $(echo "scale=2; $(median scan 2) / $(median build 2)" | bc) x (target <= 2 x)"
echo "captures of the last run: $(ls "$work/keep$runs" | tr '\n' ' ')"
