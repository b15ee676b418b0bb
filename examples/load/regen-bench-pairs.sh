#!/usr/bin/env bash
# Makes real base/head benchmark pairs under examples/captured/bench-pairs/<pair>/ for the
# benchstat-equality test (BenchstatPairsTest): each pair runs the same standard-library benchmarks
# with the base toolchain (go1.25.14, from the module proxy) and the head toolchain (the go on PATH),
# so the package's code and compiler really differ between the two sides. benchstat.csv is what
# golang.org/x/perf/cmd/benchstat prints for the pair (the yardstick). One pair runs -count 3 (too few
# runs for a verdict); -benchmem gives B/op and allocs/op rows whose samples are all equal (ties).
# Custom b.ReportMetric units are in examples/captured/orders-bench (regen-bench.sh).
# Needs Go and benchstat (go install golang.org/x/perf/cmd/benchstat@<version>).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/examples/captured/bench-pairs"
benchstat=${BENCHSTAT:-$(go env GOPATH)/bin/benchstat}
base_go=${BASE_GO:-go1.25.14}
benchtime=${BENCHTIME:-20ms}
# name ; package ; -bench regex ; count
pairs='
strconv;strconv;^Benchmark(Atoi|FormatInt|Quote)$;10
utf8;unicode/utf8;^Benchmark(RuneCountTenASCIIChars|ValidTenASCIIChars|DecodeASCIIRune)$;10
hex;encoding/hex;^Benchmark(Encode|Decode)$;10
base64;encoding/base64;^Benchmark(EncodeToString|DecodeString)$;10
crc32;hash/crc32;^BenchmarkCRC32$;10
bits;math/bits;^Benchmark(LeadingZeros|OnesCount64|Reverse)$;10
html;html;^Benchmark(Escape|Unescape)$;10
path;path;^Benchmark(Join)$;10
bytes;bytes;^Benchmark(IndexByte|Fields)$;10
strings-few;strings;^Benchmark(Repeat|Fields)$;3
'
mkdir -p "$out"
echo "$pairs" | while IFS=";" read -r name pkg re count; do
  [ -z "$name" ] && continue
  mkdir -p "$out/$name"
  for side in base head; do
    tc=local; [ "$side" = base ] && tc=$base_go
    GOTOOLCHAIN=$tc go test -run '^$' -bench "$re" -benchmem -count "$count" -benchtime "$benchtime" "$pkg" \
      > "$out/$name/$side.txt"
  done
  (cd "$out/$name" && "$benchstat" -format csv base.txt head.txt > benchstat.csv)
  echo "wrote $out/$name"
done
