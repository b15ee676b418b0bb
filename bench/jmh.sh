#!/usr/bin/env bash
#
# bench/jmh.sh — the JMH benchmarks (module bench/jmh, Maven profile "bench"; not part of mvn -B verify):
# one per parser on a real capture of the bundled example (ParserBench), and the harness (AnalysisBench:
# reading the whole example, running the go-perf pack, building its precompiled KieBase). Prints JMH's
# table, then each parser's MB/s (file size / time per parse) next to `grep -c .` of the same file (the
# speed of merely reading its lines).
#
# Usage: bench/jmh.sh [JMH options, e.g. -f 1 -wi 1 -i 3 ParserBench]
# Needs: java 17, mvn.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -Pbench -pl bench/jmh -am -Dmaven.test.skip=true package >&2
out=$(mktemp /tmp/perfwarden-jmh.XXXXXX.json)
java -Dperfwarden.root="$root" -jar bench/jmh/target/benchmarks.jar -rf json -rff "$out" "$@"
echo
echo "parser throughput on examples/captured/orders (JMH average time per parse):"
python3 - "$out" "$root" <<'PY'
import json, os, subprocess, sys, time
res, root = json.load(open(sys.argv[1])), sys.argv[2]
for r in res:
    if not r["benchmark"].endswith("ParserBench.parse"):
        continue
    kind, name = r["params"]["input"].split(":", 1)
    path = os.path.join(root, "examples/captured/orders", name)
    files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs] if os.path.isdir(path) else [path]
    size = sum(os.path.getsize(f) for f in files)
    us = r["primaryMetric"]["score"]
    t0 = time.perf_counter()
    for _ in range(20):
        subprocess.run(["grep", "-c", "", *files], stdout=subprocess.DEVNULL)
    grep = (time.perf_counter() - t0) / 20
    print(f"  {kind:12} {name:12} {size/1e3:9.1f} kB {us:10.1f} us/parse {size/us:8.1f} MB/s"
          f"   (grep -c: {size/1e6/grep:8.1f} MB/s incl. process start)")
PY
