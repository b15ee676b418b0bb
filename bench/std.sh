#!/usr/bin/env bash
# Benchmark: Go's standard library at scale, perfwarden next to the build that produced its input.
#
#   bench/std.sh [WORKDIR]      (default WORKDIR: /tmp/perfwarden-bench-std)
#
# In one run:
# 1. the yardstick: `go build -a -gcflags="all=-m=2 -json=0,file://WORKDIR/json" std` with an empty build
#    cache, timed (wall, CPU, peak RSS); its stderr is the -m=2 text, WORKDIR/json the -json tree;
#    REUSE=1 keeps an earlier capture and its timing (say so when you quote the figures);
# 2. parse only: MB/s of the -m=2 text parser, per core (CPU time of the parsing thread) and wall, with the JVM's
#    default JIT, with the launcher's options (C1 only) on `java`, and as `analyze` runs it: the launcher's options on
#    the Java it chose for analyze, with its class archive (JDK 25: the AOT cache; what the issue's target means);
# 3. perfwarden analyze of the text alone, then of the text and the tree together, through the launcher
#    (its default heap), timed the same way, and of a valid -m=2 file repeated to 160 MB (must not run out of memory);
# 4. ratios perfwarden / build for wall and CPU, with the load average at the start and the end (the
#    machine may be shared: CPU seconds are the fair figure);
# 5. (COMPARE=1, the default) the text + tree again with one rule session over all facts instead of one per
#    package, and whether the findings are identical;
# 6. (BASE_JAR=JAR) the text + tree with another build of perfwarden (e.g. main's jar, built in a temporary
#    checkout) and the launcher's options, timed, and whether its findings are identical to this one's.
# Targets (issue 17): peak RSS <= 1 GiB, wall <= 0.2 x the build, parse >= 150 MB/s per core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/perfwarden-bench-std}"
mkdir -p "$work"
jar="$here/cli/target/perfwarden.jar"
"$here/perfwarden" --version >/dev/null   # builds the jar on first use (mvn package, never install)
# and one analyze before any timing: after a build the launcher's first analyze also makes its AOT cache (JDK 25) or
# class-data archive (JDK 17), a training run of its own that would otherwise be counted in the first figure below
"$here/perfwarden" analyze "$here/examples/captured/orders/" --fail-on none >/dev/null 2>&1 || true
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
field() { awk -F': ' -v k="$2" '$0 ~ k {print $2}' "$1"; }
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }
cpu() { echo "$(field "$1" 'User time') + $(field "$1" 'System time')" | bc; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc); go $(go env GOVERSION)"

if [ "${REUSE:-0}" != 1 ] || [ ! -s "$work/std-m2.txt" ]; then
  rm -rf "$work/json" "$work/gocache"; mkdir -p "$work/json"
  echo "yardstick: go build -a -gcflags=\"all=-m=2 -json=0,file://$work/json\" std (minutes)..."
  GOCACHE="$work/gocache" /usr/bin/time -v -o "$work/build-time.txt" \
    go build -a -gcflags="all=-m=2 -json=0,file://$work/json" std 2> "$work/std-m2.txt"
  rm -rf "$work/gocache"
else
  echo "REUSE=1: the capture and build timing of an earlier run"
fi
bw=$(field "$work/build-time.txt" 'Elapsed \(wall clock\)' | secs); bc_=$(cpu "$work/build-time.txt")
size=$(stat -c %s "$work/std-m2.txt"); jsize=$(du -sb "$work/json" | cut -f1); jfiles=$(find "$work/json" -type f | wc -l)
echo "input: -m=2 text $((size / 1000000)) MB; -json tree $jfiles files, $((jsize / 1000000)) MB"
echo "build: wall ${bw} s, cpu ${bc_} s, peak RSS $(( $(field "$work/build-time.txt" 'Maximum resident') / 1024 )) MiB"

echo "parse only (-m=2 text, one thread, the JVM's default JIT):"
java -Xmx768m -cp "$jar" dev.perfwarden.facts.input.ParseBench "$work/std-m2.txt" | sed 's/^/  /'
# what the issue's target means: the parser as users run it, under the launcher's JVM options (C1 only); three
# passes in one JVM: the first is cold, as in an analyze run, the later ones warm
echo "parse only under the launcher's JVM options (first pass cold, then two warm):"
# shellcheck disable=SC2046
java $(sed -n 's/^opts=(${PERFWARDEN_JAVA_OPTS:-\(.*\)})$/\1/p' "$here/perfwarden") -cp "$jar" \
  dev.perfwarden.facts.input.ParseBench "$work/std-m2.txt" "$work/std-m2.txt" "$work/std-m2.txt" | sed 's/^/  /'
# and as `analyze` really runs it: the Java the launcher chose for analyze (cli/target/perfwarden.java: a JDK 25 when
# the machine has one) with its class archive (JDK 25: the AOT cache of a training run, whose loaded and linked
# classes and resolved lambda and record call sites a cold parse otherwise makes itself; JDK 17: the CDS archive)
read -r amajor ajava < "$here/cli/target/perfwarden.java" 2>/dev/null || { amajor=0; ajava=java; }
# shellcheck disable=SC2046
aopts=($(sed -n 's/^opts=(${PERFWARDEN_JAVA_OPTS:-\(.*\)})$/\1/p' "$here/perfwarden"))
if [ "${amajor:-0}" -ge 25 ] && [ -f "$here/cli/target/perfwarden.aot" ]; then
  aopts+=(-XX:AOTCache="$here/cli/target/perfwarden.aot" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
          -Xlog:aot*=off -Xlog:cds*=off --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
elif [ -f "$here/cli/target/perfwarden.jsa" ]; then
  ajava=java
  aopts+=(-XX:SharedArchiveFile="$here/cli/target/perfwarden.jsa" -XX:+UnlockDiagnosticVMOptions
          -XX:ArchiveRelocationMode=0 -Xlog:cds=off)
else
  ajava=java
fi
echo "parse only as analyze runs it ($ajava, its class archive; first pass cold, then two warm):"
"$ajava" "${aopts[@]}" -cp "$jar" dev.perfwarden.facts.input.ParseBench "$work/std-m2.txt" "$work/std-m2.txt" \
  "$work/std-m2.txt" | sed 's/^/  /'

run() { # run NAME ARGS...: perfwarden through the launcher (LAUNCH: another command), timed
  local name="$1"; shift
  local rc=0 launch=("$here/perfwarden")
  [ -z "${LAUNCH:-}" ] || read -ra launch <<< "$LAUNCH"
  /usr/bin/time -v -o "$work/$name-time.txt" "${launch[@]}" analyze "$@" --format json --fail-on none \
    --out "$work/$name.json" 2> "$work/$name.err" >/dev/null || rc=$?
  local w c r
  w=$(field "$work/$name-time.txt" 'Elapsed \(wall clock\)' | secs); c=$(cpu "$work/$name-time.txt")
  r=$(( $(field "$work/$name-time.txt" 'Maximum resident') / 1024 ))
  echo "perfwarden analyze $name: exit $rc, wall $w s, cpu $c s, peak RSS $r MiB"
  if grep -q '^perfwarden: building' "$work/$name.err"; then # the launcher rebuilt the jar inside the timing
    echo "  NOT A FIGURE: sources changed during the benchmark and the launcher rebuilt the jar in this run"
  fi
  [ "$rc" = 0 ] || sed 's/^/  /' "$work/$name.err" | head -5
  if [ "$name" = std-text ] || [ "$name" = std ]; then
    echo "ratio wall analyze/build: $(echo "scale=3; $w / $bw" | bc) (target <= 0.2); ratio cpu: $(echo "scale=3; $c / $bc_" | bc)"
    echo "peak RSS target 1024 MiB: $([ "$r" -le 1024 ] && echo met || echo MISSED)"
  fi
  [ "$rc" = 0 ] && python3 -c "import json; d=json.load(open('$work/$name.json')); print('  findings:', d['summary']['findings'], 'inputs:', len(d['inputs']), 'unparsed lines:', sum(i.get('unparsed', 0) for i in d['inputs']))" || true
}
same_findings() { # same_findings NAME_A A.json NAME_B B.json: whether two reports have the same findings
  python3 - "$@" <<'PY' || true
import json, sys
na, a, nb, b = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], json.load(open(sys.argv[4]))
fa, fb = a.get("findings", []), b.get("findings", [])
same = fa == fb and a.get("summary") == b.get("summary")
print(f"findings {na} vs {nb}: {len(fa)} vs {len(fb)}, identical (order, text, evidence, hidden counts): {same}")
if not same:
    ka = {(f.get("fingerprint"), f.get("rule")) for f in fa}
    kb = {(f.get("fingerprint"), f.get("rule")) for f in fb}
    print(f"  only {na}:", sorted(ka - kb)[:10], f"only {nb}:", sorted(kb - ka)[:10])
    diff = next((i for i, (x, y) in enumerate(zip(fa, fb)) if x != y), None)
    if diff is not None:
        x, y = fa[diff], fb[diff]
        print("  first difference at", diff, ":", {k: (x.get(k), y.get(k)) for k in x if x.get(k) != y.get(k)})
PY
}
run std-text "$work/std-m2.txt"
run std "$work/std-m2.txt" "$work/json"

# The findings of one rule session per package (the default on inputs this large) against one session over
# all facts (perfwarden.partitionFacts above any count; a raised heap: a comparison, not a figure). COMPARE=0 skips it.
if [ "${COMPARE:-1}" = 1 ]; then
  PERFWARDEN_JAVA_OPTS="-XX:+UseSerialGC -Xmx6g -Xss4m -Dperfwarden.partitionFacts=2147483647" \
    run std-one-session "$work/std-m2.txt" "$work/json"
  same_findings "per package" "$work/std.json" "one session" "$work/std-one-session.json"
fi
if [ -n "${BASE_JAR:-}" ]; then
  # the launcher's own options, read from it, so both jars run alike
  opts=$(sed -n 's/^opts=(${PERFWARDEN_JAVA_OPTS:-\(.*\)})$/\1/p' "$here/perfwarden")
  LAUNCH="java $opts -jar $BASE_JAR" run std-base "$work/std-m2.txt" "$work/json"
  same_findings "this build" "$work/std.json" "BASE_JAR" "$work/std-base.json"
fi

rep="$work/repeated-160mb.txt"
if [ ! -s "$rep" ]; then
  while [ "$(stat -c %s "$rep" 2>/dev/null || echo 0)" -lt 160000000 ]; do cat "$here/examples/captured/orders/m2.txt" >> "$rep"; done
fi
run repeated "$rep"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
