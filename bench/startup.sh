#!/usr/bin/env bash
#
# bench/startup.sh — what a start of perfwarden costs, next to its yardsticks, in one run.
#
#   perfwarden analyze examples/captured/orders/m2.txt      vs  go vet ./... (examples/orders, warm cache)
#   perfwarden hot examples/captured/orders/cpu.pprof       vs  go tool pprof -top (same profile)
#   perfwarden explain interface-escape, packs list         (no yardstick: targets in README)
#
# Each command runs --runs times (default 7) under /usr/bin/time through the ./perfwarden launcher (so with
# its JVM options and Class Data Sharing archive); prints the median wall time and the median CPU time
# (user+sys; the fair figure on a shared machine: other processes stretch wall time, not CPU time),
# peak RSS, and perfwarden / yardstick ratios. --jar FILE measures another build of the jar the same way
# (e.g. one from before a change), with the launcher's options, and with the CDS archive FILE.jsa beside it
# when there is one (else without).
#
# Usage: bench/startup.sh [--runs N] [--jar FILE]
# Needs: java 17, go, /usr/bin/time; the launcher builds the jar on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=7
jar=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/perfwarden-bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$root"
./perfwarden --version >/dev/null   # builds the jar and the CDS archive if needed
if [[ -n "$jar" ]]; then
  pw=(java -XX:+UseSerialGC -Xmx768m -Xss4m -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3)
  jsa_of_jar="${jar%.jar}.jsa"   # a CDS archive beside the jar (made by a run with -XX:ArchiveClassesAtExit)
  [[ -f "$jsa_of_jar" ]] && pw+=(-XX:SharedArchiveFile="$jsa_of_jar" -Xlog:cds=off -Xlog:cds+dynamic=off)
  pw+=(-jar "$jar")
else
  pw=(./perfwarden)
fi
(cd examples/orders && go vet ./... >/dev/null 2>&1 || true)   # warm go's caches

measure() { # measure LABEL command… : runs it $runs times; appends "wall cpu rss_kb" lines
  local label=$1; shift
  : > "$work/$label"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >> "$work/$label"
  done
}
median() { # median of column $2 of file $1
  sort -n -k"$2" "$work/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}
row() { printf '%-52s %9s s %9s s %7d MiB\n' "$2" "$(median "$1" 1)" "$(median "$1" 2)" $(( $(median "$1" 3) / 1024 )); }

measure analyze "${pw[@]}" analyze examples/captured/orders/m2.txt --fail-on none
measure vet bash -c 'cd examples/orders && go vet ./...'
measure hot "${pw[@]}" hot examples/captured/orders/cpu.pprof
measure pprof go tool pprof -top examples/captured/orders/cpu.pprof
measure explain "${pw[@]}" explain interface-escape
measure packs "${pw[@]}" packs list

echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1)"
echo "runs:    $runs each; ${jar:-./perfwarden launcher}"
echo
printf '%-52s %11s %11s %11s\n' "command" "med. wall" "med. CPU" "peak RSS"
row analyze "perfwarden analyze orders/m2.txt (1,000 lines)"
row vet "go vet ./... (examples/orders, warm)"
row hot "perfwarden hot orders/cpu.pprof"
row pprof "go tool pprof -top orders/cpu.pprof"
row explain "perfwarden explain interface-escape"
row packs "perfwarden packs list"
echo
ratio() { echo "scale=1; $(median "$1" 2) / $(median "$2" 2)" | bc; }
echo "CPU ratios: analyze/go vet $(ratio analyze vet) x, hot/pprof $(ratio hot pprof) x"
echo "targets:    analyze <= 1.0 s CPU; explain, hot <= 0.5 s wall"
