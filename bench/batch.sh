#!/usr/bin/env bash
#
# bench/batch.sh — throughput and memory of 'perfwarden batch' on a real corpus (bench/batch-corpus.sh),
# next to a yardstick that only reads the same bundles (grep over every capture file).
#
# Runs, each under /usr/bin/time (wall seconds, user+sys CPU seconds, peak RSS), with the 1-minute load
# average before and after it (the machine may be shared), each local run with a GC log (GC CPU seconds):
#   grep -c . over every file of the first N bundles                     (yardstick: reading them)
#   perfwarden batch (local) --jobs 1  on 1 bundle                       (start-up: JVM, rule set, GOROOT's index)
#   perfwarden batch (local) --jobs 1  on N bundles                      (with a JFR recording)
#   perfwarden batch (local) --jobs 2  on N bundles                      (with a JFR recording)
#   perfwarden batch (local) --jobs 1  on N bundles, on 1 core (taskset -c 0; the speed-up's baseline)
#   perfwarden batch (local) --jobs 2  on M bundles, for peak RSS (M > the corpus: the corpus is repeated
#                                      in manifest order under new ids <id>-r<k>; the inputs are the same files),
#                                      with the live heap (jcmd GC.class_histogram) at M/5, M/2 and 9M/10 done
#   perfwarden batch --engine beam --runner DirectRunner  on N bundles   (unless --no-beam)
#   perfwarden batch --engine beam --runner FlinkRunner   on N bundles   (embedded local cluster)
# and prints bundles per minute, CPU seconds per bundle (all of it, and after start-up: the 1-bundle run
# subtracted), the 2-worker speed-up (wall) and its CPU ratio, GC CPU seconds, how long the 2 workers waited
# on each other (JFR: monitor enters and lock parks of 10 ms or more, hand-offs to a run's own helper
# threads left out), peak RSS at N and M, the live heap during the M run, and each Beam run against the
# local batch with the same --jobs. findings.jsonl of every run on the N bundles is compared with the
# 1-worker run's. Under load, wall times depend on the other processes: CPU seconds tell how much work
# was done, and the speed-up needs a quiet machine.
#
# Usage: bench/batch.sh [--corpus DIR] [--n N] [--m M] [--no-beam] [--no-build]
#   full (the issue's figures):  bench/batch.sh                      N=200, M=1000 (~1 h at load 25, less quiet)
#   short (a few minutes quiet): bench/batch.sh --n 20 --m 60        (--m 0: no M run)
#   (default corpus: target/batch-corpus; run bench/batch-corpus.sh first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/target/batch-corpus"
n=200
m=1000
beam=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --m) m="$2"; shift 2 ;;
    --no-beam) beam=0; shift ;;
    --no-build) build=0; shift ;;
    *) echo "bench/batch.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$corpus/repos.yaml" ] || { echo "bench/batch.sh: no $corpus/repos.yaml; run bench/batch-corpus.sh first" >&2; exit 2; }
if [ "$build" = 1 ]; then
  (cd "$root" && mvn -B -q -Dmaven.test.skip=true -pl cli -am package)
  [ "$beam" = 1 ] && (cd "$root" && mvn -B -q -DskipTests -pl batch-beam -am package)
fi
jar="${PERFWARDEN_JAR:-$root/cli/target/perfwarden.jar}"
work=/tmp/perfwarden-bench-batch
rm -rf "$work"; mkdir -p "$work"

# manifests: the first N entries; M entries by repeating the corpus under new ids
entries() { awk '/^  - id:/{n++} n>0' "$corpus/repos.yaml"; }
manifest() { # manifest COUNT FILE
  local count="$1" file="$2" total rep=0
  total=$(entries | grep -c '^  - id:')
  { echo "repos:"
    while [ "$(grep -c '^  - id:' "$file.body" 2>/dev/null || echo 0)" -lt "$count" ]; do
      entries | sed "s/^  - id: \(.*\)/  - id: \1-r$rep/; s#captures: bundles/#captures: $corpus/bundles/#" >> "$file.body"
      rep=$((rep + 1))
    done
    awk -v c="$count" '/^  - id:/{k++} k<=c' "$file.body"; } > "$file"
  rm -f "$file.body"
  [ "$total" -ge 1 ]
}
manifest 1 "$work/one.yaml"
manifest "$n" "$work/n.yaml"
[ "$m" -gt 0 ] && manifest "$m" "$work/m.yaml"

declare -A wall cpu rss gc
load() { cut -d' ' -f1 /proc/loadavg; }
run() { # run NAME MANIFEST ARGS...   (BENCH_JVM: extra JVM options)
  local name="$1" man="$2" l0; shift 2
  l0=$(load)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" \
    ${PIN:-} java -XX:+UseSerialGC -Xmx768m -Xss4m ${BENCH_JVM:-} -jar "$jar" batch "$man" --out-dir "$work/out-$name" \
      --include-external --progress none "$@" > "$work/$name.log" 2>&1 || true
  read -r e u s k < <(tail -1 "$work/$name.time")
  wall[$name]=$e; cpu[$name]=$(echo "$u + $s" | bc); rss[$name]=$((k / 1024))
  gc[$name]=$(gclog "$work/$name.gc.log")
  printf '%-12s %8.1fs wall %8.1fs cpu (GC %s) %6d MiB peak RSS  load %s->%s  %s\n' "$name" "$e" "${cpu[$name]}" \
    "${gc[$name]}" "${rss[$name]}" "$l0" "$(load)" "$(tail -1 "$work/out-$name/summary.txt" 2>/dev/null | cut -c1-70)"
}
# GC CPU seconds (user+sys) from a -Xlog:gc+cpu file; "-" without one
gclog() { [ -f "$1" ] && awk '/gc,cpu/ { for (i = 1; i <= NF; i++) if ($i ~ /^(User|Sys)=/) { v = $i; sub(/^[A-Za-z]+=/, "", v);
  sub(/s$/, "", v); t += v } } END { printf "%.1fs", t }' "$1" || echo -; }
local_run() { # local_run NAME MANIFEST JOBS [JFR]
  local jvm="-Xlog:gc,gc+cpu:file=$work/$1.gc.log"
  [ "${4:-}" = jfr ] && jvm="$jvm -XX:StartFlightRecording=filename=$work/$1.jfr,settings=profile"
  BENCH_JVM="$jvm" run "$1" "$2" --jobs "$3"
}
# live heap (a full GC's survivors) of the batch writing to out-NAME when COUNT rows are done, for each COUNT
live_heap() { # live_heap NAME COUNT...
  local name="$1" pid at n; shift
  for at in "$@"; do
    while :; do
      pid=$(pgrep -f "^java .*--out-dir $work/out-$name " | head -1 || true)
      n=$(find "$work/out-$name/.batch" -maxdepth 1 -name '*.row.json' 2>/dev/null | wc -l)
      [ -n "$pid" ] || return 0
      [ "$n" -ge "$at" ] && break
      sleep 2
    done
    printf '  %s: %5d done: live heap %s MiB, RSS %s MiB\n' "$name" "$n" \
      "$(jcmd "$pid" GC.class_histogram 2>/dev/null | awk '/^Total/ { printf "%.1f", $3 / 1048576 }')" \
      "$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)" >> "$work/$name.heap"
  done
}
# what the workers of a JFR recording waited on each other: monitor enters and parks (>= 10 ms, the profile
# settings' threshold) outside hand-offs to a thread's own helpers (a worker waiting for its job thread, a
# job for its parse or rule-session thread, an idle pool thread)
waits() { # waits FILE.jfr
  [ -f "$1" ] || { echo "no recording"; return; }
  jfr print --json --stack-depth 64 --events jdk.JavaMonitorEnter,jdk.ThreadPark "$1" | python3 -c '
import json, re, sys, collections
HANDOFF = ("java.util.concurrent.FutureTask.awaitDone", "java.util.concurrent.ThreadPoolExecutor.getTask",
           "java.lang.Thread.join", "java.util.concurrent.ForkJoinPool.awaitWork")
total, sites = 0.0, collections.Counter()
for e in json.load(sys.stdin)["recording"]["events"]:
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in (e["values"].get("stackTrace") or {}).get("frames", [])]
    if any(f.startswith(HANDOFF) for f in frames):
        continue
    d = e["values"]["duration"]  # ISO-8601, e.g. PT0.0226S
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", d)
    s = int(m[1] or 0) * 3600 + int(m[2] or 0) * 60 + float(m[3] or 0) if m else 0.0
    total += s
    own = next((f for f in frames if f.startswith("dev.perfwarden")), frames[0] if frames else "?")
    sites[e["type"].split(".")[-1] + " in " + own] += s
top = "; ".join("%.2fs %s" % (v, k) for k, v in sites.most_common(3))
print("%.2fs in %d site(s)%s" % (total, len(sites), ": " + top if top else ""))'
}

echo "bench/batch.sh: N=$n, M=$m bundles of $corpus ($(grep -c '^  - id:' "$corpus/repos.yaml") in the corpus), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
files=$(awk '/captures:/{print $2}' "$work/n.yaml" | tr '\n' ' ')
l0=$(load)
/usr/bin/time -f "%e %U %S %M" -o "$work/grep.time" sh -c "find $files -type f -exec grep -c . {} + > /dev/null"
read -r e u s k < <(tail -1 "$work/grep.time")
printf '%-12s %8.1fs wall %8.1fs cpu %6d MiB peak RSS  load %s->%s\n' "grep-read" "$e" "$(echo "$u + $s" | bc)" \
  $((k / 1024)) "$l0" "$(load)"

local_run local-j1-1 "$work/one.yaml" 1
local_run local-j1 "$work/n.yaml" 1 jfr
local_run local-j2 "$work/n.yaml" 2 jfr
# one worker on one core: one analysis already runs its parsers and per-package rule sessions in parallel (the
# unpinned 1-worker run keeps more than one core busy), so the speed-up on 2 cores is measured against 1 core
pinned=0
if command -v taskset > /dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  PIN="taskset -c 0" BENCH_JVM="-XX:ActiveProcessorCount=1" run local-1core "$work/n.yaml" --jobs 1
  pinned=1
fi
if [ "$m" -gt 0 ]; then
  live_heap local-j2-m $((m / 5)) $((m / 2)) $((m * 9 / 10)) &
  local_run local-j2-m "$work/m.yaml" 2
  wait
fi
if [ "$beam" = 1 ]; then
  run beam-direct "$work/n.yaml" --jobs 2 --engine beam --runner DirectRunner
  run beam-flink "$work/n.yaml" --jobs 2 --engine beam --runner FlinkRunner
fi

echo
per_min() { echo "scale=1; $1 * 60 / ${wall[$2]}" | bc; }
ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
marginal() { ratio "$(echo "${cpu[$1]} - ${cpu[local-j1-1]}" | bc)" $((n - 1)); } # CPU s a bundle after start-up
echo "bundles/min (N=$n): 1 worker $(per_min "$n" local-j1), 2 workers $(per_min "$n" local-j2)"
echo "CPU s per bundle (N=$n): 1 worker $(ratio "${cpu[local-j1]}" "$n"), 2 workers $(ratio "${cpu[local-j2]}" "$n");" \
  "after start-up (the 1-bundle run's ${cpu[local-j1-1]}s subtracted): $(marginal local-j1), $(marginal local-j2)"
echo "speed-up 2 vs 1 worker: wall $(ratio "${wall[local-j1]}" "${wall[local-j2]}")x (goal >= 1.8 on 2 idle cores);" \
  "CPU seconds of 2 workers / 1 worker: $(ratio "${cpu[local-j2]}" "${cpu[local-j1]}")," \
  "after start-up $(ratio "$(marginal local-j2)" "$(marginal local-j1)"); GC CPU ${gc[local-j1]} / ${gc[local-j2]}"
if [ "$pinned" = 1 ]; then
  echo "speed-up 2 workers on 2 cores vs 1 worker on 1 core (taskset): wall $(ratio "${wall[local-1core]}" "${wall[local-j2]}")x" \
    "(goal >= 1.8); the unpinned 1-worker run kept $(ratio "${cpu[local-j1]}" "${wall[local-j1]}") cores busy by itself"
fi
echo "cores busy during the 2-worker run (CPU s / wall s): $(ratio "${cpu[local-j2]}" "${wall[local-j2]}")" \
  "(2.00 is both cores all the time; a shared machine gives less)"
echo "waits between workers (2 workers, JFR): $(waits "$work/local-j2.jfr")"
if [ "$m" -gt 0 ]; then
  echo "peak RSS (2 workers): N=$n ${rss[local-j2]} MiB, M=$m ${rss[local-j2-m]} MiB," \
    "M/N $(ratio "${rss[local-j2-m]}" "${rss[local-j2]}") (goal: flat, <= 1024 MiB); during the M run:"
  cat "$work/local-j2-m.heap" 2>/dev/null || true
else
  echo "peak RSS (2 workers): N=$n ${rss[local-j2]} MiB (goal <= 1024 MiB)"
fi
for r in local-j2 local-1core beam-direct beam-flink; do
  [ -f "$work/out-$r/findings.jsonl" ] || continue
  if cmp -s "$work/out-local-j1/findings.jsonl" "$work/out-$r/findings.jsonl"; then same=same; else same=DIFFERENT; fi
  if [ "$r" = local-j2 ] || [ "$r" = local-1core ]; then echo "$r: findings.jsonl $same as local-j1's"; continue; fi
  echo "$r: findings.jsonl $same as local-j1's; wall $(ratio "${wall[$r]}" "${wall[local-j2]}")x," \
    "CPU $(ratio "${cpu[$r]}" "${cpu[local-j2]}")x, peak RSS ${rss[$r]} MiB vs ${rss[local-j2]} MiB of local-j2 (same --jobs 2)"
done
