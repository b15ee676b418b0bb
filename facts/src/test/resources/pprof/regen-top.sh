#!/usr/bin/env bash
#
# facts/src/test/resources/pprof/regen-top.sh — ground truth for the pprof tests.
#
# Writes, with the real `go tool pprof` of the machine's Go, the tables the tests compare
# HotTable with:
#   pprof-top.txt                 go tool pprof -top -nodecount=40 PROFILE
#   pprof-top-cum.txt             go tool pprof -top -cum -nodecount=40 PROFILE
#   pprof-top-SI.txt              go tool pprof -top -nodecount=40 -sample_index=SI mem.pprof
#   pprof-top-cum-SI.txt          go tool pprof -top -cum -nodecount=40 -sample_index=SI mem.pprof
# in every folder below go<version>/ (next to its profiles: cpu.pprof and mem.pprof, or one
# mutex.pprof / block.pprof), and in corpus/go1.19/t3 and corpus/go1.23/t3 for the profiles of the
# shared corpus in testdata/corpus/<ver>/t3.
#
# Usage: regen-top.sh [--profiles]
#   --profiles  first record new profiles: build src/ (a small program with recursion, inlined
#               calls, pprof labels, allocations, a contended mutex) with -trimpath in /tmp and run
#               it for 2s, writing go<version>/{prof,mutex,block}/*.pprof for the machine's Go.
# Needs: go.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
ver=$(go env GOVERSION)

if [[ "${1:-}" == "--profiles" ]]; then
  work=/tmp/perfwarden-pprof-src
  rm -rf "$work" && mkdir -p "$work" && cp "$here/src/go.mod" "$here/src/main.go" "$work/"
  (cd "$work" && GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0 go build -trimpath -o prof .)
  out="$here/$ver"
  mkdir -p "$out/prof" "$out/mutex" "$out/block"
  (cd "$work" && ./prof -d 2s -cpu "$out/prof/cpu.pprof" -mem "$out/prof/mem.pprof" \
      -mutex "$out/mutex/mutex.pprof" -block "$out/block/block.pprof" >/dev/null)
fi

top() { # top OUT PROFILE [pprof flags]
  local out=$1 prof=$2; shift 2
  go tool pprof -top -nodecount=40 "$@" "$prof" > "$out" 2>/dev/null
}

tables() { # tables OUTDIR PROFDIR
  local o=$1 p=$2 si
  if [[ -f "$p/cpu.pprof" ]]; then
    top "$o/pprof-top.txt" "$p/cpu.pprof"
    top "$o/pprof-top-cum.txt" "$p/cpu.pprof" -cum
  fi
  if [[ -f "$p/mem.pprof" ]]; then
    for si in alloc_space alloc_objects inuse_space inuse_objects; do
      top "$o/pprof-top-$si.txt" "$p/mem.pprof" -sample_index=$si
      top "$o/pprof-top-cum-$si.txt" "$p/mem.pprof" -cum -sample_index=$si
    done
  fi
  for f in "$p"/mutex.pprof "$p"/block.pprof; do
    [[ -f "$f" ]] || continue
    top "$o/pprof-top.txt" "$f"
    top "$o/pprof-top-cum.txt" "$f" -cum
  done
}

for d in "$here"/go*/*/; do
  tables "$d" "$d"
done
for v in go1.19 go1.23; do
  mkdir -p "$here/corpus/$v/t3"
  tables "$here/corpus/$v/t3" "$root/testdata/corpus/$v/t3"
done
# merge/: three CPU profiles of different test binaries read together (ProfileMergeTest, HotTableTest)
merged=("$root/testdata/captured/go1.26.8/sites/cpu.pprof" "$root/testdata/captured/go1.26.8/shapes/cpu.pprof"
        "$root/testdata/modules/uuid/cpu.pprof")
mkdir -p "$here/merge"
go tool pprof -top -nodecount=20 "${merged[@]}" > "$here/merge/pprof-top.txt" 2>/dev/null
go tool pprof -top -lines -nodecount=20 "${merged[@]}" > "$here/merge/pprof-top-lines.txt" 2>/dev/null
go tool pprof -top -cum -nodecount=20 "${merged[@]}" > "$here/merge/pprof-top-cum.txt" 2>/dev/null
echo "ground truth written with $(go version)"
