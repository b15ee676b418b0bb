#!/usr/bin/env bash
# Writes the findings of `perfwarden analyze --format json` on every checked-in capture to OUTDIR (one
# file per capture: the JSON report without "tool" and "packs", whose version and hashes any pack edit
# changes), so that a refactoring can be checked to change no finding: run it before
# and after, then
#   diff -r BEFORE AFTER        (must print nothing)
# Usage: bench/analyze-snapshot.sh OUTDIR [JAR]   (JAR default: cli/target/perfwarden.jar)
# Captures: examples/captured/*, testdata/modules/*, testdata/corpus/go*/t*, testdata/captured/** (each
# version's sites/naming with testdata/go/<program> as --source), testdata/hotasm/go*, testdata/gcassert,
# and every rule's captures/go*/ (with its fixture as --source). All run in one JVM
# (bench/snapshot/AnalyzeSnapshot.java). Run from the repository root; paths in the JSON are relative to it.
set -euo pipefail
out="${1:?usage: bench/analyze-snapshot.sh OUTDIR [JAR]}"
jar="${2:-cli/target/perfwarden.jar}"
mkdir -p "$out"
jobs="$(mktemp)"
trap 'rm -f "$jobs"' EXIT
job() { # name, args...
  local name="$1"; shift
  local line="$name"$'\t'analyze$'\t'--no-config$'\t'--fail-on$'\t'none$'\t'--format$'\t'json
  for x in "$@"; do line+=$'\t'"$x"; done
  echo "$line" >>"$jobs"
}
for d in examples/captured/*/ testdata/modules/*/ testdata/corpus/go*/t*/ testdata/captured/corpus-pprof/go*/t*/ \
         testdata/captured/legacy-heap/go*/ testdata/hotasm/go*/ testdata/gcassert/; do
  [ -d "$d" ] || continue
  src=()
  case "$d" in
    examples/captured/orders*) src=(--source examples/orders) ;;
    # a real module's own sources, as RealModuleTest analyses it (without them its files are outside the module)
    testdata/modules/*) src=(--source "${d}src") ;;
  esac
  job "$(echo "${d%/}" | tr / _)" "$d" "${src[@]}"
done
for d in testdata/captured/go*/*/; do
  [ -d "$d" ] || continue
  prog="testdata/go/$(basename "$d")"
  src=(); [ -d "$prog" ] && src=(--source "$prog")
  job "$(echo "${d%/}" | tr / _)" "$d" "${src[@]}"
done
for d in rules/packs/*/*/captures/go*/; do
  rule="$(dirname "$(dirname "$d")")"
  job "$(echo "${d%/}" | tr / _)" "$d" --source "$rule/fixture"
done
java -XX:+UseSerialGC -Xss4m -cp "$jar" bench/snapshot/AnalyzeSnapshot.java "$out" "$jobs"
for f in "$out"/*.json; do
  if [ -s "$f" ]; then jq -S 'del(.tool, .packs)' "$f" >"$f.tmp" && mv "$f.tmp" "$f"; fi
done
echo "$(ls "$out"/*.json | wc -l) captures, $(cat "$out"/*.json | jq -s 'map(.findings // [] | length) | add') findings in $out"
