#!/usr/bin/env bash
#
# facts/src/test/resources/bench/regen-bench.sh — real `go test -bench` output for the bench tests.
#
# Runs the benchmarks of src/ (custom metric widgets/op, b.Log, sub-benchmarks with SetBytes,
# b.Loop, b.Skip, b.Fatal) with the machine's Go in /tmp and writes go<version>/:
#   bench.txt       go test -run='^$' -bench=. -benchmem -count=2 -benchtime=20ms -cpu=1,2 .
#   bench-v.txt     go test -run='^$' -bench=. -benchmem -benchtime=20ms -v .
#   bench-json.txt  go test -run='^$' -bench=. -benchmem -benchtime=20ms -json .
# (BenchmarkFail fails on purpose, so each run ends with FAIL.) Needs: go.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ver=$(go env GOVERSION)
work=/tmp/perfwarden-bench-src
rm -rf "$work" && mkdir -p "$work" && cp "$here/src/go.mod" "$here/src/b_test.go" "$work/"
out="$here/$ver"
mkdir -p "$out"
cd "$work"
export GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0
go test -run='^$' -bench=. -benchmem -count=2 -benchtime=20ms -cpu=1,2 . > "$out/bench.txt" 2>&1
go test -run='^$' -bench=. -benchmem -benchtime=20ms -v . > "$out/bench-v.txt" 2>&1
go test -run='^$' -bench=. -benchmem -benchtime=20ms -json . > "$out/bench-json.txt" 2>&1
echo "bench output written with $(go version)"
