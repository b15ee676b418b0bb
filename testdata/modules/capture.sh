#!/usr/bin/env bash
#
# testdata/modules/capture.sh — capture real Go toolchain output from a published Go module, for
# the real-module tests (RealModuleTest) and the judged lists.
#
# Usage: testdata/modules/capture.sh NAME MODULE@VERSION [BENCHTIME [BENCH [PACKAGES]]]
#   NAME            folder under testdata/modules/ (murmur3, bitset, chi, uuid, xsync, fastjson)
#   MODULE@VERSION  a fixed version, fetched with `go mod download` (module proxy)
#   BENCHTIME       -test.benchtime for the profiled runs (default 300ms)
#   BENCH           -test.bench for the profiled runs (default ., every benchmark)
#   PACKAGES        root (default): only the root package gets the diagnostic flags and is dumped; all: every
#                   package of the module the test binary links (MODULE/...: lz4's hot code is in internal/lz4block),
#                   whose .go files (not tests) are kept under src/ at their paths (src/internal/lz4block/block.go)
#
# Uses the machine's Go (the captures here were made with Go 1.26.8, linux/amd64). The module's
# root package is copied from the module cache to /tmp/perfwarden-capture/src/NAME and built there
# (GOFLAGS=-mod=mod GOPROXY=off GOWORK=off CGO_ENABLED=0 GOAMD64=v1, a private GOCACHE so the
# compiler really runs). Everything is the package's TEST build (`go test -c`), so facts about
# *_test.go files exist and the scope filter is exercised. Files written to testdata/modules/NAME/:
#
#   src/            the root package's .go files (tests included) and the module's LICENSE, go.mod
#   m2.txt          stderr of go test -c -gcflags='MODULE=-m=2'
#   json/           the tree of go test -c -gcflags='MODULE=-json=0,file:///tmp/perfwarden-capture/json'
#   bce.txt         stderr of go test -c -gcflags='MODULE=-d=ssa/check_bce/debug=1'
#   objdump.txt     go tool objdump -s '^MODULE\.' of the test binary (built with -trimpath)
#   bench.txt       the CPU-profiled run's benchmark output
#   cpu.pprof       NAME.test -test.bench=BENCH -test.cpuprofile   (its own run)
#   mem.pprof       NAME.test -test.bench=BENCH -test.memprofile -test.memprofilerate=512   (a separate run:
#                   sampling every 512 bytes in the CPU run would skew it with runtime.profilealloc)
#   capture.json    go version, environment, the exact commands
# Only the module's own package is compiled with the diagnostic flags and dumped: the standard
# library's output would be thousands of lines nobody reads here. trim.sh then drops what no test
# reads (Test*/Example* functions, test files without benchmarks; see there).
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 2; }
NAME=$1 MODV=$2 BENCHTIME=${3:-300ms} BENCH=${4:-.} PACKAGES=${5:-root}
MOD=${MODV%@*}
PAT=$MOD
[[ $PACKAGES == all ]] && PAT="$MOD/..."
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/testdata/modules/$NAME"
CAP=/tmp/perfwarden-capture
# $CAP's paths end up in the captures, so it cannot be private to a run: two runs at once (two checkouts, two
# people) would overwrite each other's binaries and profiles. The second waits for the first.
if command -v flock >/dev/null 2>&1 && [ -z "${PERFWARDEN_CAPTURE_LOCKED:-}" ]; then
  exec 9>"$CAP.lock"
  flock -n 9 || { echo "waiting for $CAP.lock (another capture run)..." >&2; flock 9; }
  export PERFWARDEN_CAPTURE_LOCKED=1
fi
SRC="$CAP/src/$NAME" CACHE="$CAP/cache/modules/$NAME" BIN="$CAP/bin/$NAME.test"
dir=$(go mod download -json "$MODV" | jq -r .Dir)
[[ -d "$dir" ]] || { echo "capture: go mod download $MODV failed" >&2; exit 1; }
mkdir -p "$CAP/bin" "$CAP/gopath"
# only what this script writes: judged.txt, expected.txt, known-failures.txt, shapes.txt and regen.sh are kept
rm -rf "$SRC" "$CACHE" "$OUT/src" "$OUT/json"
rm -f "$OUT"/{m2.txt,bce.txt,objdump.txt,bench.txt,cpu.pprof,mem.pprof,capture.json} "$OUT"/LICENSE*
mkdir -p "$SRC" "$CACHE" "$OUT/src"
# The whole module is built from (its subpackages, which the root package may import, and testdata/, which
# benchmarks may read); only the root package's files are kept under testdata/modules/NAME/src.
cp -r "$dir"/. "$SRC"/
# A module published before modules (no go.mod) gets a minimal one, as `go mod init` would write.
if [[ -f "$dir/go.mod" ]]; then cp "$dir/go.mod" "$SRC"/; else printf 'module %s\n\ngo 1.16\n' "$MOD" > "$SRC/go.mod"; fi
chmod -R u+w "$SRC"
cp "$SRC"/*.go "$SRC"/go.mod "$OUT/src/"; cp "$dir"/LICENSE* "$OUT/"
declare -a CMDS=()
run() { CMDS+=("$*"); (cd "$SRC" && env -i PATH="$(dirname "$(command -v go)"):/usr/bin:/bin" HOME="$CAP" TMPDIR=/tmp \
  GOPATH="$CAP/gopath" GOMODCACHE="$(go env GOMODCACHE)" GOCACHE="$CACHE" GOENV=off GOTOOLCHAIN=local \
  GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off GOSUMDB=off CGO_ENABLED=0 GOWORK=off GOAMD64=v1 "$@"); }
run go test -c -gcflags="$PAT=-m=2" -o "$BIN" . 2> "$OUT/m2.txt"
rm -rf "$CAP/json"
run go test -c -gcflags="$PAT=-json=0,file://$CAP/json" -o "$BIN" .
cp -a "$CAP/json" "$OUT/json"
run go test -c -gcflags="$PAT=-d=ssa/check_bce/debug=1" -o "$BIN" . 2> "$OUT/bce.txt"
run go test -c -trimpath -o "$BIN" .
re="^$(printf '%s' "$MOD" | sed 's/[.]/\\./g')\\."
if [[ $PACKAGES == all ]]; then
  re="^$(printf '%s' "$MOD" | sed 's/[.]/\\./g')[./]"
  # the module's other packages that the test binary links: their non-test .go files, at their paths
  for p in $(run go list -deps -f '{{.ImportPath}}' . | grep "^$MOD/"); do
    rel=${p#"$MOD"/}; mkdir -p "$OUT/src/$rel"
    for f in $(run go list -f '{{join .GoFiles " "}}' "$p"); do cp "$SRC/$rel/$f" "$OUT/src/$rel/"; done
  done
fi
run go tool objdump -s "$re" "$BIN" > "$OUT/objdump.txt"
run "$BIN" -test.run='^$' -test.bench="$BENCH" -test.benchmem -test.benchtime="$BENCHTIME" -test.cpuprofile "$CAP/$NAME-cpu.pprof" > "$OUT/bench.txt"
run "$BIN" -test.run='^$' -test.bench="$BENCH" -test.benchtime="$BENCHTIME" -test.memprofile "$CAP/$NAME-mem.pprof" -test.memprofilerate=512 > /dev/null
cp "$CAP/$NAME-cpu.pprof" "$OUT/cpu.pprof"; cp "$CAP/$NAME-mem.pprof" "$OUT/mem.pprof"
jq -n --arg gv "$(go version)" --arg mod "$MODV" --arg wd "$SRC" \
   --argjson cmds "$(printf '%s\n' "${CMDS[@]}" | jq -R . | jq -s .)" \
   '{module:$mod, goVersion:$gv, workdir:$wd, env:["GOENV=off","GOTOOLCHAIN=local","GOFLAGS=-mod=mod -buildvcs=false","GOPROXY=off","CGO_ENABLED=0","GOWORK=off","GOAMD64=v1"], commands:$cmds}' \
   > "$OUT/capture.json"
"$(dirname "${BASH_SOURCE[0]}")/trim.sh" "$NAME"
echo "capture: $NAME ($MODV) -> testdata/modules/$NAME ($(du -sh "$OUT" | cut -f1))" >&2
