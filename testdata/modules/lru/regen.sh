#!/bin/sh
# Re-capture this module: golang-lru/v2 has three packages with tests (root, expirable, simplelru), so it is
# captured as `perfwarden scan --bench` captures one (one test binary per package: cpu-N.pprof, mem-N.pprof,
# objdump-N.txt, bench-N.txt for binary N; capture.sh makes one binary only). Go 1.26.8, linux/amd64 made the
# committed files (review3's capture, /tmp/r3/keep-lru); then, as trim.sh does: the Test*/Example*/Fuzz*
# functions dropped from objdump-N.txt, json/main removed, src/ = the module without README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(go mod download -json github.com/hashicorp/golang-lru/v2@v2.0.7 | jq -r .Dir)
rm -rf /tmp/perfwarden-capture/src/lru && mkdir -p /tmp/perfwarden-capture/src && cp -r "$dir" /tmp/perfwarden-capture/src/lru
chmod -R u+w /tmp/perfwarden-capture/src/lru
keep=$(mktemp -d)
"$here/../../../perfwarden" scan --bench . --benchtime 300ms --keep "$keep" --format json -o /dev/null /tmp/perfwarden-capture/src/lru || true
for f in bce.txt bench-1.txt bench-2.txt capture.json cpu-1.pprof cpu-2.pprof mem-1.pprof mem-2.pprof m2.txt; do cp "$keep/$f" "$here/"; done
rm -rf "$here/json" && cp -r "$keep/json" "$here/json" && rm -rf "$here/json/main"
for f in "$keep"/objdump-*.txt; do
  awk '/^TEXT /{skip = ($2 ~ /\.(Test|Example|Fuzz)[A-Z0-9_(]/)} !skip' "$f" > "$here/$(basename "$f")"
done
