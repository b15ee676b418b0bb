#!/usr/bin/env bash
# Writes `perfwarden analyze --format json` of every checked-in capture to OUTDIR (one file per capture),
# so that a refactoring can be checked to change no finding: run it before and after, then
#   diff -r BEFORE AFTER        (must print nothing)
# Usage: bench/analyze-snapshot.sh OUTDIR [JAR]   (JAR default: cli/target/perfwarden.jar)
# Captures: testdata/corpus/go*/t*, testdata/captured/**, and every rule's captures/go*/ (with its fixture
# as --source). Run from the repository root; paths in the JSON are relative to it.
set -euo pipefail
out="${1:?usage: bench/analyze-snapshot.sh OUTDIR [JAR]}"
jar="${2:-cli/target/perfwarden.jar}"
mkdir -p "$out"
run() { # name, args...
  local name="$1"; shift
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m -jar "$jar" analyze --no-config --fail-on none \
      --format json "$@" >"$out/$name.json" 2>"$out/$name.err" || echo "exit $?" >>"$out/$name.err"
}
for d in testdata/corpus/go*/t* testdata/captured/corpus-pprof/go*/t* testdata/captured/go*/*/; do
  [ -d "$d" ] || continue
  run "$(echo "${d%/}" | tr / _)" "$d"
done
for d in rules/packs/*/*/captures/go*/; do
  rule="$(dirname "$(dirname "$d")")"
  run "$(echo "${d%/}" | tr / _)" "$d" --source "$rule/fixture"
done
ls "$out"/*.json | wc -l
