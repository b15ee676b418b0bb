#!/usr/bin/env bash
#
# rules/src/test/resources/extra-fixtures/interface-escape-weighed/regen.sh — real captures for interface-escape's
# weighing (RulePackTest's extra fixtures): the package in fixture/ (example.com/boxing: a loop that only boxes, a Sprintf whose boxing is a small part of its work, a benchmark
# that allocates without boxing) is copied to /tmp/perfwarden-capture/src/boxing and its test binary built and run
# there as testdata/modules/capture.sh builds a module's (GOAMD64=v1, a private GOCACHE). Files in captures/go<ver>/:
#
#   m2.txt        stderr of go test -c -gcflags='example.com/boxing=-m=2'
#   objdump.txt   go tool objdump -s '^example\.com/boxing\.' of the test binary (built with -trimpath)
#   bench.txt     the CPU-profiled run's output
#   cpu.pprof     boxing.test -test.bench=. -test.benchtime=$BENCHTIME -test.cpuprofile   (its own run)
#   mem.pprof     boxing.test -test.bench=. -test.benchtime=$BENCHTIME -test.memprofile -test.memprofilerate=512
#   capture.json  go version and the commands
#
# The profiles differ run to run; the annotations (fixture/boxing.go) hold for the committed files (Go 1.26.8).
# Usage: regen.sh   (BENCHTIME, default 2s: ~600 CPU samples)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CAP=/tmp/perfwarden-capture
if command -v flock >/dev/null 2>&1 && [ -z "${PERFWARDEN_CAPTURE_LOCKED:-}" ]; then
  exec 9>"$CAP.lock"
  flock -n 9 || { echo "waiting for $CAP.lock (another capture run)..." >&2; flock 9; }
  export PERFWARDEN_CAPTURE_LOCKED=1
fi
BENCHTIME=${BENCHTIME:-2s}
VER=$(env GOTOOLCHAIN=local GOENV=off go env GOVERSION)
OUT="$HERE/captures/$VER" SRC="$CAP/src/boxing" CACHE="$CAP/cache/boxing" BIN="$CAP/bin/boxing.test"
rm -rf "$SRC" "$CACHE" "$OUT" && mkdir -p "$SRC" "$CACHE" "$OUT" "$CAP/bin" "$CAP/gopath"
cp "$HERE"/fixture/*.go "$HERE"/fixture/go.mod "$SRC"/
declare -a CMDS=()
run() { CMDS+=("$*"); (cd "$SRC" && env -i PATH="$(dirname "$(command -v go)"):/usr/bin:/bin" HOME="$CAP" TMPDIR=/tmp \
  GOPATH="$CAP/gopath" GOCACHE="$CACHE" GOENV=off GOTOOLCHAIN=local GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off \
  GOSUMDB=off CGO_ENABLED=0 GOWORK=off GOAMD64=v1 "$@"); }
run go test -c -gcflags='example.com/boxing=-m=2' -o "$BIN" . 2> "$OUT/m2.txt"
run go test -c -trimpath -o "$BIN" .
run go tool objdump -s '^example\.com/boxing\.' "$BIN" > "$OUT/objdump.txt"
awk '/^TEXT /{skip = ($2 ~ /\.(Test|Example|Fuzz)[A-Z0-9_(]/)} !skip' "$OUT/objdump.txt" > "$OUT/objdump.tmp" && mv "$OUT/objdump.tmp" "$OUT/objdump.txt"
run "$BIN" -test.run='^$' -test.bench=. -test.benchmem -test.benchtime="$BENCHTIME" -test.cpuprofile "$CAP/boxing-cpu.pprof" > "$OUT/bench.txt"
run "$BIN" -test.run='^$' -test.bench=. -test.benchtime="$BENCHTIME" -test.memprofile "$CAP/boxing-mem.pprof" -test.memprofilerate=512 > /dev/null
cp "$CAP/boxing-cpu.pprof" "$OUT/cpu.pprof"; cp "$CAP/boxing-mem.pprof" "$OUT/mem.pprof"
jq -n --arg gv "$(go version)" --arg wd "$SRC" --argjson cmds "$(printf '%s\n' "${CMDS[@]}" | jq -R . | jq -s .)" \
   '{program:"boxing", goVersion:$gv, workdir:$wd, env:["GOENV=off","GOTOOLCHAIN=local","GOFLAGS=-mod=mod -buildvcs=false","GOPROXY=off","CGO_ENABLED=0","GOWORK=off","GOAMD64=v1"], commands:$cmds}' \
   > "$OUT/capture.json"
echo "boxing: $OUT ($(du -sh "$OUT" | cut -f1))" >&2
