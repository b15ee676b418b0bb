#!/usr/bin/env bash
#
# facts/src/test/resources/pprof/benchsetup/regen.sh — profiles of benchmarks with untimed setup, for the
# tests that leave it out (UntimedSamplesTest, BenchmarkTimersTest).
#
# src/ is a tiny module: BenchmarkSum (its *testing.B named bb) builds a table before bb.ResetTimer();
# BenchmarkStopped builds one between b.StopTimer() and b.StartTimer() in its loop; BenchmarkTimed builds one in
# its timed loop. The test binary is built with -trimpath and run twice, as testdata/modules/capture.sh does:
#   GOVERSION/cpu.pprof   -test.bench=. -test.benchtime=200ms -test.cpuprofile   (bench.txt: its output)
#   GOVERSION/mem.pprof   -test.bench=. -test.benchtime=200ms -test.memprofile -test.memprofilerate=4096
# and the ground truth is taken from `go tool pprof -raw` of each (not from perfwarden):
#   GOVERSION/untimed-cpu.txt, untimed-mem.txt   per sample type: the total, and the sum and number of the samples
#       whose stack holds BenchmarkSum at rows_test.go:8-10 or BenchmarkStopped at rows_test.go:18-20 (the untimed
#       lines, read off the source by hand); and per line of rows.go the values of the samples whose innermost
#       rows.go frame is that line: all of them, and those of timed samples only; and the untimed sum per benchmark.
# Usage: regen.sh   (needs go; Go 1.26.8 made the committed files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ver=$(go env GOVERSION)
out="$here/$ver"
work=/tmp/perfwarden-benchsetup
rm -rf "$work" && mkdir -p "$work" "$out" && cp "$here"/src/* "$work/"
(cd "$work" && GOFLAGS=-mod=mod GOPROXY=off GOWORK=off CGO_ENABLED=0 go test -c -trimpath -o bs.test .)
(cd "$work" && ./bs.test -test.run='^$' -test.bench=. -test.benchmem -test.benchtime=200ms \
    -test.cpuprofile "$out/cpu.pprof" > "$out/bench.txt")
(cd "$work" && ./bs.test -test.run='^$' -test.bench=. -test.benchtime=200ms \
    -test.memprofile "$out/mem.pprof" -test.memprofilerate=4096 > /dev/null)

ground() { # ground PROFILE: the sums described above, from go tool pprof -raw
  go tool pprof -raw "$1" 2>/dev/null | awk '
    /^Samples:/ { sec = "s"; getline; ntypes = split($0, types, " "); next }
    /^Locations/ { sec = "l"; next }
    /^Mappings/ { sec = "m"; next }
    sec == "s" && /:/ && $1 ~ /^[0-9-]+$/ {
      n++; split($0, sp, ":"); split(sp[1], v, " "); stacks[n] = sp[2]
      for (t = 1; t <= ntypes; t++) val[n, t] = v[t]
      next }
    sec == "l" && $1 ~ /^[0-9]+:$/ { id = $1; sub(":", "", id); frames[id] = $4 " " $5; next }
    sec == "l" && NF >= 2 && $1 !~ /:$/ { frames[id] = frames[id] "|" $1 " " $2 }
    END {
      for (s = 1; s <= n; s++) {
        k = split(stacks[s], ids, " "); untimed = 0; leaf = ""
        for (i = 1; i <= k; i++) {
          m = split(frames[ids[i]], fr, "|")
          for (j = 1; j <= m; j++) {
            split(fr[j], f, " "); split(f[2], fl, ":")
            if (leaf == "" && fl[1] ~ /rows\.go$/) leaf = fl[2]
            if (f[1] ~ /\.BenchmarkSum$/ && fl[2] >= 8 && fl[2] <= 10) untimed = "BenchmarkSum"
            if (f[1] ~ /\.BenchmarkStopped$/ && fl[2] >= 18 && fl[2] <= 20) untimed = "BenchmarkStopped"
          }
        }
        for (t = 1; t <= ntypes; t++) {
          total[t] += val[s, t]
          if (untimed) { out[t] += val[s, t]; part[untimed, t] += val[s, t]; parts[untimed] = 1 }
          if (leaf != "") { all[leaf, t] += val[s, t]; if (!untimed) timed[leaf, t] += val[s, t]; lines[leaf] = 1 }
        }
        if (untimed) samples++
      }
      for (t = 1; t <= ntypes; t++) {
        ty = types[t]; sub(/\/.*/, "", ty)
        printf "%s total %.0f untimed %.0f untimed-samples %d\n", ty, total[t], out[t], samples
        for (p in parts) printf "%s untimed %s %.0f\n", ty, p, part[p, t]
        for (l in lines) printf "%s rows.go:%s all %.0f timed %.0f\n", ty, l, all[l, t], timed[l, t]
      }
    }' | sort
}
ground "$out/cpu.pprof" > "$out/untimed-cpu.txt"
ground "$out/mem.pprof" > "$out/untimed-mem.txt"
echo "benchsetup: $out" >&2
