#!/usr/bin/env bash
# Makes the real base/head benchmark pair under examples/captured/orders-bench/:
#   base.txt  go test -bench of examples/orders as it is
#   head.txt  the same after head-alloc-in-loop.patch (pricing allocates a slice per order line)
#   benchstat.txt, benchstat.csv  what golang.org/x/perf/cmd/benchstat says of the pair (the yardstick
#             the bench compare tests check perfwarden against)
# Needs Go and benchstat (go install golang.org/x/perf/cmd/benchstat@latest). Both runs use the same
# flags; -count 10 gives benchstat enough samples for its Mann-Whitney U test.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/examples/captured/orders-bench"
benchstat=${BENCHSTAT:-$(go env GOPATH)/bin/benchstat}
count=${COUNT:-10}
benchtime=${BENCHTIME:-100ms}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
for side in base head; do
  cp -r "$root/examples/orders" "$tmp/$side"
  if [ "$side" = head ]; then
    patch -s -d "$tmp/head" -p1 < "$here/head-alloc-in-loop.patch"
  fi
done
# interleave base and head runs so that machine load hits both alike
: > "$tmp/base.txt"; : > "$tmp/head.txt"
for i in $(seq "$count"); do
  for side in base head; do
    (cd "$tmp/$side" && go test -run '^$' -bench . -benchmem -count 1 -benchtime "$benchtime" ./...) > "$tmp/run.txt"
    cat "$tmp/run.txt" >> "$tmp/$side.txt" # whole output: each run repeats its pkg: config lines
  done
done
cp "$tmp/base.txt" "$out/base.txt"
cp "$tmp/head.txt" "$out/head.txt"
(cd "$out" && "$benchstat" base.txt head.txt > benchstat.txt && "$benchstat" -format csv base.txt head.txt > benchstat.csv)
echo "wrote $out"
