#!/bin/sh
# Regenerates the machine-code/SSA captures: by default Go 1.26 (the go on PATH) next to this script;
# with GOVERSION (e.g. 1.24.13, run with GOTOOLCHAIN=go<GOVERSION>) into ../go<GOVERSION>/.
# Programs: t1..t4 are the corpus programs of testdata/corpus/go1.23, t5 (loops.go, here) has loops.
# Usage: ./capture.sh [WORKDIR [GOVERSION]]   (builds in WORKDIR/src/tN, default /home/gopher; the
#   Go 1.24.13 and 1.25.14 captures were built in /tmp/perfwarden-capture/asm)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../../../../.." && pwd)
work=${1:-/home/gopher}
dest=$here
if [ -n "${2:-}" ]; then export GOTOOLCHAIN=go$2; dest=$here/../go$2; mkdir -p "$dest"; dest=$(cd "$dest" && pwd); fi
export GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0
for t in t1 t2 t3 t4 t5; do
  src=$work/src/$t
  rm -rf "$src"; mkdir -p "$src"
  if [ "$t" = t5 ]; then cp "$here/t5/loops.go" "$here/t5/go.mod" "$src/"; else cp "$root"/testdata/corpus/go1.23/$t/*.go "$root"/testdata/corpus/go1.23/$t/go.mod "$src/"; fi
  out=$dest/$t; mkdir -p "$out"
  cd "$src"
  if [ "$t" = t3 ]; then go test -c -o bin . ; pat='main\.|^example.com/'; else go build -o bin . ; pat='main\.'; fi
  go tool objdump -s "$pat" bin > "$out/objdump.txt"
  go tool objdump -gnu -s "$pat" bin > "$out/objdump-gnu.txt"
  go build -a -gcflags=-S -o /dev/null . 2> "$out/S.txt"
  go build -a -gcflags=-d=ssa/check_bce/debug=1 -o /dev/null . 2> "$out/bce.txt"
  go version > "$out/go-version.txt"
done
cd "$work/src/t2"
GOSSAFUNC='sum+' go build -a -o /dev/null . > "$dest/t2/ssa-sum.txt" 2>&1; mv ssa.html "$dest/t2/ssa-sum.html"
go build -a -gcflags='-d=ssa/prove/dump=sum' -o /dev/null . && mv sum_01__prove.dump "$dest/t2/"
go tool objdump -S -s 'main\.(link|sum|main)$' bin > "$dest/t2/objdump-S.txt"
cd "$work/src/t5"
GOSSAFUNC='sumLoop+' go build -a -o /dev/null . > "$dest/t5/ssa-sumLoop.txt" 2>&1; mv ssa.html "$dest/t5/ssa-sumLoop.html"
go build -a -gcflags='-d=ssa/prove/dump=sumLoop' -o /dev/null . && mv sumLoop_01__prove.dump "$dest/t5/"
go build -a -gcflags='-d=ssa/prove/debug=1' -o /dev/null . 2> "$dest/t5/prove.txt"
go tool objdump -S -s 'main\.(sumLoop|closureLoop)$' bin > "$dest/t5/objdump-S.txt"
