#!/bin/sh
# Regenerates the Go 1.26 machine-code/SSA captures next to this script (needs Go on PATH).
# Programs: t1..t4 are the corpus programs of testdata/corpus/go1.23, t5 (loops.go, here) has loops.
# Usage: ./capture.sh [WORKDIR]   (builds in WORKDIR/src/tN, default /home/gopher)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../../../../.." && pwd)
work=${1:-/home/gopher}
export GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0
for t in t1 t2 t3 t4 t5; do
  src=$work/src/$t
  rm -rf "$src"; mkdir -p "$src"
  if [ "$t" = t5 ]; then cp "$here/t5/loops.go" "$here/t5/go.mod" "$src/"; else cp "$root"/testdata/corpus/go1.23/$t/*.go "$root"/testdata/corpus/go1.23/$t/go.mod "$src/"; fi
  out=$here/$t; mkdir -p "$out"
  cd "$src"
  if [ "$t" = t3 ]; then go test -c -o bin . ; pat='main\.|^example.com/'; else go build -o bin . ; pat='main\.'; fi
  go tool objdump -s "$pat" bin > "$out/objdump.txt"
  go tool objdump -gnu -s "$pat" bin > "$out/objdump-gnu.txt"
  go build -a -gcflags=-S -o /dev/null . 2> "$out/S.txt"
  go build -a -gcflags=-d=ssa/check_bce/debug=1 -o /dev/null . 2> "$out/bce.txt"
  go version > "$out/go-version.txt"
done
cd "$work/src/t2"
GOSSAFUNC='sum+' go build -a -o /dev/null . > "$here/t2/ssa-sum.txt" 2>&1; mv ssa.html "$here/t2/ssa-sum.html"
go build -a -gcflags='-d=ssa/prove/dump=sum' -o /dev/null . && mv sum_01__prove.dump "$here/t2/"
go tool objdump -S -s 'main\.(link|sum|main)$' bin > "$here/t2/objdump-S.txt"
cd "$work/src/t5"
GOSSAFUNC='sumLoop+' go build -a -o /dev/null . > "$here/t5/ssa-sumLoop.txt" 2>&1; mv ssa.html "$here/t5/ssa-sumLoop.html"
go build -a -gcflags='-d=ssa/prove/dump=sumLoop' -o /dev/null . && mv sumLoop_01__prove.dump "$here/t5/"
go build -a -gcflags='-d=ssa/prove/debug=1' -o /dev/null . 2> "$here/t5/prove.txt"
go tool objdump -S -s 'main\.(sumLoop|closureLoop)$' bin > "$here/t5/objdump-S.txt"
