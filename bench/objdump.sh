#!/usr/bin/env bash
#
# bench/objdump.sh — how fast and in how much memory perfwarden's ObjdumpParser reads the objdump
# of a whole Go binary, and whether it reads all of it.
#
# By default it disassembles the machine's own compiler, $(go env GOROOT)/pkg/tool/GOOS_GOARCH/compile
# (about 170 MB of objdump text with Go 1.26), into /tmp/perfwarden-bench-objdump/objdump.txt (not part
# of the repository; reused on later runs unless --fresh), then runs
#   java … dev.perfwarden.facts.objdump.ObjdumpBench objdump.txt --runs N              (default heap)
#   java -Xmx$XMX … ObjdumpBench objdump.txt --runs N                                    (bounded heap)
# under /usr/bin/time, and checks the parser against independent grep counts:
#   TEXT blocks        = grep -c '^TEXT'
#   instruction lines  = grep -cP '^  [^\t]*:-?\d+\t+0x[0-9a-f]+\t'
#   runtime calls      = grep -cP '\tCALL (runtime|internal/runtime/[\w/]+)\.[^\t]*\(SB\)'
#   unparsed lines     = 0
# Only derived facts are emitted (AsmInstruction facts are off, as by default); the sink counts them.
# The machine may be shared: "parser thread cpu" is the figure to compare, wall time is also shown.
#
# Usage: bench/objdump.sh [--binary FILE] [--runs N] [--xmx SIZE] [--fresh] [--no-build]
# Needs: go, java 17, mvn (unless --no-build and the facts jar is built), /usr/bin/time (optional).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=/tmp/perfwarden-bench-objdump
binary="$(go env GOROOT)/pkg/tool/$(go env GOOS)_$(go env GOARCH)/compile"
runs=3
xmx=128m
fresh=0
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/objdump.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"

# ---- our classpath -------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
  (cd "$root" && (mvn -B -q -o package -pl facts -DskipTests || mvn -B -q package -pl facts -DskipTests)) >&2
fi
jar="$root/facts/target/perfwarden-facts-0.1.0.jar"
[[ -f "$jar" ]] || { echo "no $jar; build facts first" >&2; exit 2; }
cp "$jar" "$work/facts.jar"   # a private copy: concurrent builds may rewrite target/
(cd "$root" && (mvn -B -q -o dependency:build-classpath -pl facts -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$work/deps.txt" || mvn -B -q dependency:build-classpath -pl facts \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/deps.txt")) >/dev/null
cp_ours="$work/facts.jar:$(cat "$work/deps.txt")"

# ---- the objdump -----------------------------------------------------------------------------------
dump="$work/objdump.txt"
objdump_secs="(reused)"
if [[ $fresh == 1 || ! -s "$dump" || "$binary" -nt "$dump" || "$(cat "$work/binary.txt" 2>/dev/null)" != "$binary" ]]; then
  echo "disassembling $binary ..." >&2
  start=$(date +%s.%N)
  go tool objdump "$binary" > "$dump"
  objdump_secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$binary" > "$work/binary.txt"
fi
bytes=$(stat -c %s "$dump")
grep_text=$(grep -c '^TEXT' "$dump" || true)
grep_insn=$(grep -cP '^  [^\t]*:-?\d+\t+0x[0-9a-f]+\t' "$dump" || true)
grep_rtcall=$(grep -cP '\tCALL (runtime|internal/runtime/[\w/]+)\.[^\t]*\(SB\)' "$dump" || true)

# ---- runs ----------------------------------------------------------------------------------------------
run() { # run LABEL [java options…]
  local label=$1; shift
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f 'time: %e %U %S %M' -o "$work/$label.time" \
        java "$@" -cp "$cp_ours" dev.perfwarden.facts.objdump.ObjdumpBench "$dump" --runs "$runs" > "$work/$label.out"
    cat "$work/$label.time" >> "$work/$label.out"
  else
    java "$@" -cp "$cp_ours" dev.perfwarden.facts.objdump.ObjdumpBench "$dump" --runs "$runs" > "$work/$label.out"
  fi
}
run default
run bounded -Xmx"$xmx"

val() { sed -n "s/^$2: //p" "$work/$1.out" | tail -1; }
best() { # best parser-thread MB/s and best wall MB/s over the runs
  awk '/^run /{ gsub(/[()]/,""); for (i=1;i<=NF;i++) { if ($i=="wall") w=$(i+3); if ($i=="cpu" && $(i-1)=="thread") c=$(i+3) }
        if (w>bw) bw=w; if (c>bc) bc=c } END { printf "%7.1f MB/s cpu %7.1f MB/s wall", bc, bw }' "$work/$1.out"
}
rss() { # peak RSS in MB: /usr/bin/time's maxrss if present, else the JVM's VmHWM
  local t; t=$(awk '/^time: /{print $5}' "$work/$1.out")
  [[ -n "$t" ]] || t=$(val "$1" peak-rss-kb)
  echo $(( t / 1024 ))
}
fail=0
check() { # check NAME OURS GREP
  if [[ "$2" == "$3" ]]; then echo "  $1: $2 = $3 ok"; else echo "  $1: parser $2 != grep $3 MISMATCH"; fail=1; fi
}

echo
echo "binary:     $binary ($(( $(stat -c %s "$binary") / 1048576 )) MiB)"
echo "objdump:    $dump: $(( bytes / 1048576 )) MiB, $(val default lines) lines; go tool objdump took ${objdump_secs} s"
echo "machine:    $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1)"
echo "runs:       $runs per JVM (the first includes JIT warm-up)"
echo
echo "checks (bounded-heap JVM):"
check "TEXT blocks (AsmFunction facts)" "$(val bounded text-blocks)" "$grep_text"
check "instruction lines" "$(val bounded instructions)" "$grep_insn"
check "runtime calls (RuntimeCall facts)" "$(val bounded facts.RuntimeCall)" "$grep_rtcall"
check "unparsed lines" "$(val bounded unparsed)" "0"
echo
echo "derived facts: $(grep '^facts\.' "$work/bounded.out" | sed 's/^facts\.//' | tr '\n' ' ')"
echo
printf '%-26s %-40s %10s %12s\n' "JVM" "best throughput" "peak RSS" "total wall"
printf '%-26s %-40s %7s MB %10s s\n' "default heap" "$(best default)" "$(rss default)" "$(awk '/^time: /{print $2}' "$work/default.out")"
printf '%-26s %-40s %7s MB %10s s\n' "-Xmx$xmx" "$(best bounded)" "$(rss bounded)" "$(awk '/^time: /{print $2}' "$work/bounded.out")"
echo
echo "per run (bounded heap):"
grep '^run ' "$work/bounded.out" | sed 's/^/  /'
exit $fail
