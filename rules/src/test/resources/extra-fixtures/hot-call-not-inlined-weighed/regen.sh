#!/usr/bin/env bash
#
# rules/src/test/resources/extra-fixtures/hot-call-not-inlined-weighed/regen.sh — real captures for hot-call-not-inlined's
# weighing by the call's own instructions (RulePackTest's extra fixtures): the package in fixture/ (example.com/hotcall:
# a small leaf over the budget called once per byte, a leaf whose divisions dwarf the call) is copied to
# /tmp/perfwarden-capture/src/hotcall and its test binary built and run, so that objdump and the CPU profile are of one
# binary (HotInstruction), as in a module's capture; the rule's own fixture profiles the test binary but disassembles
# the go build binary, which the profile cannot be joined to.
# Built as testdata/modules/capture.sh builds a module (GOAMD64=v1, a private GOCACHE). Files in captures/go<ver>/:
#
#   m2.txt        stderr of go test -c -gcflags='example.com/hotcall=-m=2'
#   objdump.txt   go tool objdump -s '^example\.com/hotcall\.' of the test binary (built with -trimpath)
#   bench.txt     the CPU-profiled run's output
#   cpu.pprof     hotcall.test -test.bench=. -test.benchtime=$BENCHTIME -test.cpuprofile   (its own run)
#   capture.json  go version and the commands
#
# The profiles differ run to run; the annotations (fixture/hotcall.go) hold for the committed files (Go 1.26.8).
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
OUT="$HERE/captures/$VER" SRC="$CAP/src/hotcall" CACHE="$CAP/cache/hotcall" BIN="$CAP/bin/hotcall.test"
rm -rf "$SRC" "$CACHE" "$OUT" && mkdir -p "$SRC" "$CACHE" "$OUT" "$CAP/bin" "$CAP/gopath"
cp "$HERE"/fixture/*.go "$HERE"/fixture/go.mod "$SRC"/
declare -a CMDS=()
run() { CMDS+=("$*"); (cd "$SRC" && env -i PATH="$(dirname "$(command -v go)"):/usr/bin:/bin" HOME="$CAP" TMPDIR=/tmp \
  GOPATH="$CAP/gopath" GOCACHE="$CACHE" GOENV=off GOTOOLCHAIN=local GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off \
  GOSUMDB=off CGO_ENABLED=0 GOWORK=off GOAMD64=v1 "$@"); }
run go test -c -gcflags='example.com/hotcall=-m=2' -o "$BIN" . 2> "$OUT/m2.txt"
run go test -c -trimpath -o "$BIN" .
run go tool objdump -s '^example\.com/hotcall\.' "$BIN" > "$OUT/objdump.txt"
awk '/^TEXT /{skip = ($2 ~ /\.(Test|Example|Fuzz)[A-Z0-9_(]/)} !skip' "$OUT/objdump.txt" > "$OUT/objdump.tmp" && mv "$OUT/objdump.tmp" "$OUT/objdump.txt"
run "$BIN" -test.run='^$' -test.bench=. -test.benchmem -test.benchtime="$BENCHTIME" -test.cpuprofile "$CAP/hotcall-cpu.pprof" > "$OUT/bench.txt"
cp "$CAP/hotcall-cpu.pprof" "$OUT/cpu.pprof"
jq -n --arg gv "$(go version)" --arg wd "$SRC" --argjson cmds "$(printf '%s\n' "${CMDS[@]}" | jq -R . | jq -s .)" \
   '{program:"hotcall", goVersion:$gv, workdir:$wd, env:["GOENV=off","GOTOOLCHAIN=local","GOFLAGS=-mod=mod -buildvcs=false","GOPROXY=off","CGO_ENABLED=0","GOWORK=off","GOAMD64=v1"], commands:$cmds}' \
   > "$OUT/capture.json"
echo "hotcall: $OUT ($(du -sh "$OUT" | cut -f1))" >&2
