#!/usr/bin/env bash
# Makes a corpus of real capture bundles for the batch benchmark: each standard-library package built on its
# own with the machine's Go ('go build -gcflags="-m=2 -json=0,file://DIR" PKG'), as if each were a repository,
# and each command under cmd/ the same way plus 'go tool objdump' of its binary. Writes
#   OUT/bundles/<id>/{m2.txt,json/,objdump.txt}   one bundle per package
#   OUT/repos.yaml                                 a manifest: captures: + source: (the package's GOROOT folder)
# Usage: bench/batch-corpus.sh [OUT_DIR] [MAX_PACKAGES]   (default: target/batch-corpus, all of std)
# Not committed: about 250 bundles, ~1 GB of -json output. Takes a few minutes (parallel by the cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$here/target/batch-corpus}" && cd "${1:-$here/target/batch-corpus}" && pwd)"
max="${2:-100000}"
command -v go >/dev/null || { echo "batch-corpus: go is needed on the PATH" >&2; exit 2; }
goroot="$(go env GOROOT)"
mkdir -p "$out/bundles"
# std packages (no vendor; internal ones included: they are real code), and the commands under cmd/ (main
# packages: they have a binary to objdump)
{ go list -f '{{.ImportPath}} {{.Name}}' std | grep -v '^vendor/'
  go list -f '{{.ImportPath}} {{.Name}}' cmd | grep ' main$'; } | head -n "$max" > "$out/packages.txt"
one() {
  pkg="$1"; name="$2"; out="$3"
  id="$(echo "$pkg" | tr '/' '_')"
  b="$out/bundles/$id"
  [ -f "$b/.done" ] && return 0
  rm -rf "$b"; mkdir -p "$b/json"
  if ! go build -o /dev/null -gcflags="-m=2 -json=0,file://$b/json" "$pkg" 2>"$b/m2.txt"; then
    echo "batch-corpus: $pkg does not build on its own; skipped" >&2; rm -rf "$b"; return 0
  fi
  if [ "$name" = main ]; then
    go build -o "$b/bin" "$pkg" && go tool objdump -s '^main\.' "$b/bin" > "$b/objdump.txt"; rm -f "$b/bin"
  fi
  touch "$b/.done"
}
export -f one
awk '{print $1, $2}' "$out/packages.txt" | xargs -P "$(nproc)" -n 2 bash -c 'one "$0" "$1" '"'$out'"
{
  echo "# $(go version): each std package built on its own (bench/batch-corpus.sh)"
  echo "repos:"
  while read -r pkg name; do
    id="$(echo "$pkg" | tr '/' '_')"
    [ -f "$out/bundles/$id/.done" ] || continue
    echo "  - id: $id"
    echo "    captures: bundles/$id"
    echo "    source: $goroot/src/$pkg"
  done < "$out/packages.txt"
} > "$out/repos.yaml"
echo "batch-corpus: $(grep -c '  - id:' "$out/repos.yaml") bundles in $out ($(du -sh "$out/bundles" | cut -f1))"
