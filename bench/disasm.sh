#!/usr/bin/env bash
#
# bench/disasm.sh — `perfwarden hot --disasm` next to `go tool pprof -disasm`, same profile and binary,
# in one run.
#
#   perfwarden hot cpu.pprof --disasm RE --binary BIN            (runs go tool objdump -s RE BIN itself)
#   perfwarden hot cpu.pprof --disasm RE --objdump objdump.txt    (the committed objdump text)
#   go tool pprof -disasm RE BIN cpu.pprof                        (the yardstick)
#
# on testdata/hotasm/go1.26.8 (RE='example\.com/hotasm\.'). BIN is the test binary that
# testdata/hotasm/regen.sh leaves in /tmp/perfwarden-capture/bin (run it first when it is missing; its
# build ID must equal the profile's). Each command runs --runs times (default 5) under /usr/bin/time
# through the ./perfwarden launcher; prints median wall and CPU (user+sys: the fair figure on a shared
# machine) and peak RSS, and the CPU ratios.
#
# Usage: bench/disasm.sh [--runs N]
# Needs: java 17, go, /usr/bin/time, bc.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
[[ "${1:-}" == "--runs" ]] && runs=$2
cap="$root/testdata/hotasm/go1.26.8"
bin=/tmp/perfwarden-capture/bin/hotasm-go1.26.8.test
re='example\.com/hotasm\.'
[[ -x "$bin" ]] || { echo "bench/disasm.sh: $bin missing: run testdata/hotasm/regen.sh first" >&2; exit 2; }
work=$(mktemp -d /tmp/perfwarden-bench-disasm.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$root"
./perfwarden --version >/dev/null   # builds the jar if needed

measure() { # measure LABEL command… : runs it $runs times; appends "wall cpu rss_kb" lines
  local label=$1; shift
  : > "$work/$label"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >"$work/$label.out" 2>/dev/null || { echo "failed: $*" >&2; exit 1; }
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >> "$work/$label"
  done
}
median() { sort -n -k"$2" "$work/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'; }
row() { printf '%-60s %9s s %9s s %7d MiB\n' "$2" "$(median "$1" 1)" "$(median "$1" 2)" $(( $(median "$1" 3) / 1024 )); }

measure binary ./perfwarden hot "$cap/cpu.pprof" --disasm "$re" --binary "$bin"
measure objdump ./perfwarden hot "$cap/cpu.pprof" --disasm "$re" --objdump "$cap/objdump.txt"
measure pprof go tool pprof -disasm "$re" "$bin" "$cap/cpu.pprof"
# the same figures: every sampled line equal (see HotDisasmCliTest for the one deliberate difference)
diff <(grep -v '^         \.          \. ' "$work/binary.out") <(grep -v '^         \.          \. ' "$work/pprof.out") >/dev/null \
  && same=yes || same=NO

echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1)"
echo "runs:    $runs each; sampled lines equal to pprof's: $same"
echo
printf '%-60s %11s %11s %11s\n' "command" "med. wall" "med. CPU" "peak RSS"
row binary "perfwarden hot --disasm --binary BIN (runs go tool objdump)"
row objdump "perfwarden hot --disasm --objdump objdump.txt"
row pprof "go tool pprof -disasm RE BIN cpu.pprof"
echo
ratio() { echo "scale=1; $(median "$1" 2) / $(median "$2" 2)" | bc; }
echo "CPU ratios: --binary/pprof $(ratio binary pprof) x, --objdump/pprof $(ratio objdump pprof) x"
