#!/usr/bin/env bash
#
# bench/startup.sh — what a start of perfwarden costs, next to its yardsticks, in one run.
#
#   perfwarden analyze examples/captured/orders/m2.txt      vs  go vet ./... (examples/orders, warm cache)
#   perfwarden hot examples/captured/orders/cpu.pprof       vs  go tool pprof -top (same profile)
#   perfwarden explain interface-escape, packs list         (no yardstick: targets in README)
#
# Each command runs --runs times (default 7) under /usr/bin/time through the ./perfwarden launcher (so with
# its JVM, JVM options and AOT cache or Class Data Sharing archive); prints the median wall time and the median CPU time
# (user+sys; the fair figure on a shared machine: other processes stretch wall time, not CPU time),
# peak RSS, and perfwarden / yardstick ratios. --jar FILE measures another build of the jar the same way
# (e.g. one from before a change), with the launcher's options, and with the CDS archive FILE.jsa beside it
# when there is one (else without). --against LAUNCHER measures another checkout's launcher (its jar, archive and
# JVM options; e.g. main's, built in a temporary folder) in the same run, each of its runs right after the same
# run of this one, and prints its rows and the CPU ratios this / other: old and new under the same load.
#
# Usage: bench/startup.sh [--runs N] [--jar FILE] [--against LAUNCHER]
# Needs: java 17, go, /usr/bin/time; the launcher builds the jar on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=7
jar=""
against=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --against) against=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/perfwarden-bench-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$root"
./perfwarden --version >/dev/null   # builds the jar and the CDS archive if needed
./perfwarden analyze examples/captured/orders/m2.txt --fail-on none >/dev/null || true   # analyze's AOT cache (JDK 25+)
if [[ -n "$jar" ]]; then
  # the launcher's JVM options, read from it
  pw=(java $(sed -n 's/^opts=(\${PERFWARDEN_JAVA_OPTS:-\(.*\)})$/\1/p' perfwarden))
  jsa_of_jar="${jar%.jar}.jsa"   # a CDS archive beside the jar (made as the launcher makes its own)
  [[ -f "$jsa_of_jar" ]] && pw+=(-XX:SharedArchiveFile="$jsa_of_jar" -XX:+UnlockDiagnosticVMOptions
                                 -XX:ArchiveRelocationMode=0 -Xlog:cds=off -Xlog:cds+dynamic=off)
  pw+=(-jar "$jar")
else
  pw=(./perfwarden)
fi
if [[ -n "$against" ]]; then
  "$against" --version >/dev/null   # its jar and archive, if needed
  "$against" analyze examples/captured/orders/m2.txt --fail-on none >/dev/null || true
fi
(cd examples/orders && go vet ./... >/dev/null 2>&1 || true)   # warm go's caches

once() { # once LABEL command… : one timed run, appended to $work/LABEL as "wall cpu rss_kb"
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >> "$work/$label"
}
measure() { # measure LABEL perfwarden-args… | LABEL -- command… : $runs runs (perfwarden: also --against's, interleaved)
  local label=$1; shift
  : > "$work/$label"; : > "$work/$label.old"
  for _ in $(seq 1 "$runs"); do
    if [[ $1 == -- ]]; then
      once "$label" "${@:2}"
    else
      once "$label" "${pw[@]}" "$@"
      [[ -z "$against" ]] || once "$label.old" "$against" "$@"
    fi
  done
}
median() { # median of column $2 of file $1
  sort -n -k"$2" "$work/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}
row() { printf '%-52s %9s s %9s s %7d MiB\n' "$2" "$(median "$1" 1)" "$(median "$1" 2)" $(( $(median "$1" 3) / 1024 )); }

measure analyze analyze examples/captured/orders/m2.txt --fail-on none
measure vet -- bash -c 'cd examples/orders && go vet ./...'
measure hot hot examples/captured/orders/cpu.pprof
measure pprof -- go tool pprof -top examples/captured/orders/cpu.pprof
measure explain explain interface-escape
measure packs packs list

launcher_jvm=$(cut -d' ' -f2- cli/target/perfwarden.java 2>/dev/null || echo java)   # the launcher's choice for analyze (JDK 25+ if any)
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), java: $(java -version 2>&1 | head -1)"
echo "launcher's JVM for analyze and scan: $("$launcher_jvm" -version 2>&1 | head -1) ($launcher_jvm); other commands: java"
echo "runs:    $runs each; ${jar:-./perfwarden launcher}${against:+; against $against (interleaved)}"
echo
printf '%-52s %11s %11s %11s\n' "command" "med. wall" "med. CPU" "peak RSS"
row analyze "perfwarden analyze orders/m2.txt (1,000 lines)"
row vet "go vet ./... (examples/orders, warm)"
row hot "perfwarden hot orders/cpu.pprof"
row pprof "go tool pprof -top orders/cpu.pprof"
row explain "perfwarden explain interface-escape"
row packs "perfwarden packs list"
if [[ -n "$against" ]]; then
  row analyze.old "against: analyze orders/m2.txt"
  row hot.old "against: hot orders/cpu.pprof"
  row explain.old "against: explain interface-escape"
  row packs.old "against: packs list"
fi
echo
ratio() { echo "scale=1; $(median "$1" 2) / $(median "$2" 2)" | bc; }
echo "CPU ratios: analyze/go vet $(ratio analyze vet) x, hot/pprof $(ratio hot pprof) x"
if [[ -n "$against" ]]; then
  ratio2() { echo "scale=2; $(median "$1" 2) / $(median "$1.old" 2)" | bc; }
  echo "this/against (CPU): analyze $(ratio2 analyze), hot $(ratio2 hot), explain $(ratio2 explain), packs list $(ratio2 packs)"
fi
echo "targets:    analyze <= 1.0 s CPU; explain, hot <= 0.5 s wall"
