#!/usr/bin/env bash
# fuzz/parsers.sh — the long fuzz run of every input parser (the suite's ParserFuzzTest runs a
# fixed seed and 400 tries; this runs ParserFuzzLongRun with random seeds).
#
# Usage: fuzz/parsers.sh [TRIES]     (default 20000; 3,000 tries took 232 s on a loaded 2-core machine)
# A failure prints jqwik's seed and sample (seed index into ParserFuzz.SEEDS, mutation seed);
# jqwik re-runs the failing sample first next time (its database is facts/target/jqwik-database).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tries="${1:-20000}"
cd "$here"
exec mvn -B -q -pl facts -am test -Dtest=ParserFuzzLongRun -Dsurefire.failIfNoSpecifiedTests=false \
  -Dperfwarden.fuzz.exclude=none -Djqwik.tries.default="$tries"
