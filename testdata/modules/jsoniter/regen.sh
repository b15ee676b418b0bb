#!/bin/sh
# Re-capture this module: json-iterator/go v1.1.12 keeps its library in the root package and its benchmarks in
# test-only packages (benchmarks/, skip_tests/, misc_tests/), so it is captured as `perfwarden scan --bench`
# captures one (one test binary per package with tests: cpu-N.pprof, mem-N.pprof, objdump-N.txt, bench-N.txt).
# To keep the capture small, the copy that is scanned holds the root package's library files and the two
# benchmark packages whose benchmarks run the code review4 (/work/wt/reports/review4.md) measured:
# benchmarks/ (bin1: WriteString, Parse from a file, loadMore, ReadObjectCB) and skip_tests/ (bin2: skipObject,
# ReadString). Left out: the test-only packages without benchmarks (any_tests, api_tests, extension_tests,
# type_tests, value_tests), misc_tests (encoding/json, strconv and small jsoniter comparisons), extra/ (an add-on
# package no benchmark imports) and the root package's tests (no benchmarks). Go 1.26.8, linux/amd64 made the
# committed files; then, as trim.sh does: Test*/Example*/Fuzz* functions dropped from objdump-N.txt, json/main
# removed, and of the *_test.go files' m2.txt lines and json/ records only those inside Benchmark functions kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(go mod download -json github.com/json-iterator/go@v1.1.12 | jq -r .Dir)
src=/tmp/perfwarden-capture/src/jsoniter
rm -rf "$src" && mkdir -p /tmp/perfwarden-capture/src && cp -r "$dir" "$src" && chmod -R u+w "$src"
(cd "$src" && rm -rf any_tests api_tests extension_tests type_tests value_tests misc_tests extra && rm -f ./*_test.go)
keep=$(mktemp -d)
"$here/../../../perfwarden" scan --bench . --benchtime 1s --keep "$keep" --format json -o "$keep/report.json" "$src" || true
for f in bce.txt bench-1.txt bench-2.txt capture.json cpu-1.pprof cpu-2.pprof mem-1.pprof mem-2.pprof m2.txt; do
  cp "$keep/$f" "$here/"
done
rm -rf "$here/json" && cp -r "$keep/json" "$here/json" && rm -rf "$here/json/main"
for f in "$keep"/objdump-*.txt; do
  awk '/^TEXT /{skip = ($2 ~ /\.(Test|Example|Fuzz)[A-Z0-9_(]/)} !skip' "$f" > "$here/$(basename "$f")"
done
rm -rf "$here/src" && mkdir -p "$here/src" && cp -r "$src"/. "$here/src/" && rm -f "$here/src/README.md"
# The two test-only packages compile their own copies of the standard library's generic code (internal/sync's
# hashtriemap, sync/atomic's Pointer[T], ...): external code the report hides, printed again for each package.
# Their m2.txt lines and json/ files are dropped (1.9 MB); the root package's copies stay.
GOROOT=$(go env GOROOT)
awk -v g="$GOROOT/" '/^# /{test = ($2 ~ /\/(benchmarks|skip_tests)$/)} !(test && index($0, g) == 1)' "$here/m2.txt" > "$here/m2.txt.tmp"
mv "$here/m2.txt.tmp" "$here/m2.txt"
for j in "$here"/json/*%2Fbenchmarks/*.json "$here"/json/*%2Fskip_tests/*.json; do
  head -n 1 "$j" | grep -q "\"file\":\"$GOROOT/" && rm -f "$j"
done
true
