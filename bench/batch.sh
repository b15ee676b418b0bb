#!/usr/bin/env bash
#
# bench/batch.sh — throughput and memory of 'perfwarden batch' on a real corpus (bench/batch-corpus.sh),
# next to a yardstick that only reads the same bundles (grep over every capture file).
#
# Runs, each under /usr/bin/time (wall seconds, user+sys CPU seconds, peak RSS), with the 1-minute load
# average before and after it (the machine may be shared):
#   grep -c . over every file of the first N bundles                     (yardstick: reading them)
#   perfwarden batch (local) --jobs 1  on N bundles
#   perfwarden batch (local) --jobs 2  on N bundles
#   perfwarden batch (local) --jobs 2  on M bundles, for peak RSS (M > the corpus: the corpus is repeated
#                                      in manifest order under new ids <id>-r<k>; the inputs are the same files)
#   perfwarden batch --engine beam --runner DirectRunner  on N bundles   (unless --no-beam)
#   perfwarden batch --engine beam --runner FlinkRunner   on N bundles   (embedded local cluster)
# and prints bundles per minute, the 2-worker speed-up (wall, and CPU seconds of 2 workers over 1), peak
# RSS at N and M and their ratio, and each Beam run's wall time over the local batch's with the same
# --jobs. findings.jsonl of every run on the N bundles is compared with the 1-worker run's.
# Under load, wall times depend on the other processes: CPU seconds tell how much work was done.
#
# Usage: bench/batch.sh [--corpus DIR] [--n N] [--m M] [--no-beam] [--no-build]
#   full (the issue's figures):  bench/batch.sh                      N=200, M=1000 (hours at load, ~1 h quiet)
#   short (a few minutes quiet): bench/batch.sh --n 20 --m 60
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
manifest "$n" "$work/n.yaml"
manifest "$m" "$work/m.yaml"

declare -A wall cpu rss
load() { cut -d' ' -f1 /proc/loadavg; }
run() { # run NAME MANIFEST ARGS...
  local name="$1" man="$2" l0; shift 2
  l0=$(load)
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" \
    java -XX:+UseSerialGC -Xmx768m -Xss4m -jar "$jar" batch "$man" --out-dir "$work/out-$name" \
      --include-external --progress none "$@" > "$work/$name.log" 2>&1 || true
  read -r e u s k < <(tail -1 "$work/$name.time")
  wall[$name]=$e; cpu[$name]=$(echo "$u + $s" | bc); rss[$name]=$((k / 1024))
  printf '%-12s %8.1fs wall %8.1fs cpu %6d MiB peak RSS  load %s->%s  %s\n' "$name" "$e" "${cpu[$name]}" \
    "${rss[$name]}" "$l0" "$(load)" "$(tail -1 "$work/out-$name/summary.txt" 2>/dev/null | cut -c1-70)"
}

echo "bench/batch.sh: N=$n, M=$m bundles of $corpus ($(grep -c '^  - id:' "$corpus/repos.yaml") in the corpus), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
files=$(awk '/captures:/{print $2}' "$work/n.yaml" | tr '\n' ' ')
l0=$(load)
/usr/bin/time -f "%e %U %S %M" -o "$work/grep.time" sh -c "find $files -type f -exec grep -c . {} + > /dev/null"
read -r e u s k < <(tail -1 "$work/grep.time")
printf '%-12s %8.1fs wall %8.1fs cpu %6d MiB peak RSS  load %s->%s\n' "grep-read" "$e" "$(echo "$u + $s" | bc)" \
  $((k / 1024)) "$l0" "$(load)"

run local-j1 "$work/n.yaml" --jobs 1
run local-j2 "$work/n.yaml" --jobs 2
run local-j2-m "$work/m.yaml" --jobs 2
if [ "$beam" = 1 ]; then
  run beam-direct "$work/n.yaml" --jobs 2 --engine beam --runner DirectRunner
  run beam-flink "$work/n.yaml" --jobs 2 --engine beam --runner FlinkRunner
fi

echo
per_min() { echo "scale=1; $1 * 60 / ${wall[$2]}" | bc; }
ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
echo "bundles/min (N=$n): 1 worker $(per_min "$n" local-j1), 2 workers $(per_min "$n" local-j2)" \
  "(CPU s per bundle: $(ratio "${cpu[local-j1]}" "$n"), $(ratio "${cpu[local-j2]}" "$n"))"
echo "speed-up 2 vs 1 worker: wall $(ratio "${wall[local-j1]}" "${wall[local-j2]}")x (goal >= 1.8 on 2 idle cores);" \
  "CPU seconds of 2 workers / 1 worker: $(ratio "${cpu[local-j2]}" "${cpu[local-j1]}")"
echo "peak RSS (2 workers): N=$n ${rss[local-j2]} MiB, M=$m ${rss[local-j2-m]} MiB," \
  "M/N $(ratio "${rss[local-j2-m]}" "${rss[local-j2]}") (goal: flat, <= 1024 MiB)"
for r in local-j2 beam-direct beam-flink; do
  [ -f "$work/out-$r/findings.jsonl" ] || continue
  if cmp -s "$work/out-local-j1/findings.jsonl" "$work/out-$r/findings.jsonl"; then same=same; else same=DIFFERENT; fi
  if [ "$r" = local-j2 ]; then echo "local-j2: findings.jsonl $same as local-j1's"; continue; fi
  echo "$r: findings.jsonl $same as local-j1's; wall $(ratio "${wall[$r]}" "${wall[local-j2]}")x," \
    "CPU $(ratio "${cpu[$r]}" "${cpu[local-j2]}")x of local-j2 (same --jobs 2)"
done
