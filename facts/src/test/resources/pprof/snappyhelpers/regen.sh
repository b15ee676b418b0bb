#!/usr/bin/env bash
#
# facts/src/test/resources/pprof/snappyhelpers/regen.sh — github.com/golang/snappy@v1.0.0's heap profile, whose
# benchmarks build their inputs in helpers that call b.ResetTimer() themselves (benchDecode, benchEncode, and
# benchFile/benchWords that call them), for HelperSetupTest.
#
# src/snappy_test.go and src/LICENSE are the module's, unchanged (the helpers' lines must match the profile's).
# GOVERSION/mem.pprof is the heap profile of review3's capture (session 13, `perfwarden capture` of the module,
# /tmp/r3/keep-snappy2/mem-1.pprof): the test binary built by `go test -c` and run as
#   bin1.test -test.run=^$ -test.bench=. -test.benchtime=150ms -test.benchmem -test.count=1 \
#       -test.memprofile=mem-1.pprof -test.memprofilerate=512
# with the benchmark files in testdata/bench (benchFile downloads them when missing). To capture again, do the same
# in a copy of the module (go mod download -json github.com/golang/snappy@v1.0.0 gives its folder) and copy the
# profile here; then run this script, which writes the ground truth:
#   GOVERSION/pprof-list.txt   `go tool pprof -sample_index=alloc_space -unit=B -list` of the benchmarks, their
#       helpers and Encode: the bytes (flat, cum) of each of their lines (not from perfwarden). HelperSetupTest adds
#       up the lines that are setup, read off the source by hand.
# Usage: regen.sh   (needs go; Go 1.26.8 made the committed files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ver=$(go env GOVERSION)
go tool pprof -sample_index=alloc_space -unit=B \
    -list 'snappy\.(bench(Encode|Decode|File|Words)|Benchmark.*|Encode)$' "$here/$ver/mem.pprof" 2>/dev/null \
  | grep -E '^(Total|ROUTINE)|^ +[0-9]+B +[0-9]+B +[0-9]+:|^ +\. +[0-9]+B +[0-9]+:' > "$here/$ver/pprof-list.txt"
