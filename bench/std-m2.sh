#!/usr/bin/env bash
# Benchmark: analyse the -m=2 output of the whole standard library.
#
#   bench/std-m2.sh [WORKDIR]      (default WORKDIR: /tmp/perfwarden-bench)
#
# 1. Captures `go build -a -gcflags=all=-m=2 std` (stderr) with the machine's Go, once, timing the
#    build (reused on later runs; delete WORKDIR/std-m2.txt to redo it).
# 2. Counts message kinds with grep -c (the independent reference and a speed baseline).
# 3. Parse only: MB/s of the escape-text parser (ParseBench, no rules).
# 4. End to end: `perfwarden analyze std-m2.txt --format json` wall time and peak RSS.
# Prints the figures; targets: analyze <= 0.2 x the build's wall time, peak RSS <= 1 GiB.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/perfwarden-bench}"
mkdir -p "$work"
jar="$here/cli/target/perfwarden.jar"
"$here/perfwarden" --version >/dev/null   # builds the jar on first use (mvn package, never install)
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

in="$work/std-m2.txt"
if [ ! -s "$in" ]; then
  echo "capturing: go build -a -gcflags=all=-m=2 std (takes minutes)..."
  GOCACHE="$work/gocache" /usr/bin/time -v -o "$work/build-time.txt" go build -a -gcflags=all=-m=2 std 2> "$in"
fi
build_wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/build-time.txt" 2>/dev/null || echo "?")
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }

size=$(stat -c %s "$in")
echo "input: $in, $((size / 1000000)) MB, $(wc -l < "$in") lines; go $(go env GOVERSION)"
echo "go build -a -gcflags=all=-m=2 std: wall $build_wall"

t0=$(date +%s.%N)
echo "grep -c: can inline=$(grep -c ': can inline ' "$in") inlining call=$(grep -c ': inlining call to ' "$in") \
escapes=$(grep -c ' escapes to heap$' "$in") moved=$(grep -c ': moved to heap: ' "$in") \
flow=$(grep -c ':   flow: ' "$in") from=$(grep -c ':     from ' "$in")"
t1=$(date +%s.%N)
echo "grep -c (6 passes): $(echo "$t1 - $t0" | bc) s"

java -Xmx1g -cp "$jar" dev.perfwarden.facts.input.ParseBench "$in"

/usr/bin/time -v -o "$work/analyze-time.txt" java ${PERFWARDEN_JAVA_OPTS:--XX:+UseSerialGC -Xmx768m -Xss4m} -jar "$jar" analyze "$in" --format json --fail-on none \
  --out "$work/analyze.json" || true
aw=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/analyze-time.txt")
rss=$(awk -F': ' '/Maximum resident/{print $2}' "$work/analyze-time.txt")
echo "perfwarden analyze (end to end, json): wall $aw, peak RSS $((rss / 1024)) MiB"
if [ "$build_wall" != "?" ]; then
  echo "ratio analyze/build: $(echo "scale=3; $(echo "$aw" | secs) / $(echo "$build_wall" | secs)" | bc)"
fi
python3 -c "import json,sys; d=json.load(open('$work/analyze.json')); print('findings:', d['summary']['findings'], 'inputs unparsed:', sum(i['unparsed'] for i in d['inputs']))"
