#!/usr/bin/env bash
#
# bench/pprof.sh — how fast perfwarden builds its hot table (`perfwarden hot`), next to
# `go tool pprof -top`, on one large real profile.
#
# Without --profile it makes one: a small Go program, written to /tmp (not part of the repository),
# whose goroutines run 256 generated functions calling each other through a table to random
# depths (so nearly every sample has its own stack, as in large services). --kind heap (default)
# records every allocation (runtime.MemProfileRate = 1) of --allocs leaf calls and writes the
# allocs profile: a large profile in seconds. --kind cpu profiles it for --seconds at --hz
# (runtime.SetCPUProfileRate); how large that gets depends on the CPU time the machine gives it.
# Then, --runs times each:
#   go tool pprof -top -nodecount=20 PROFILE
#   java … dev.perfwarden.facts.profile.HotMain PROFILE --top 20           (default heap)
#   java -Xmx${XMX} … HotMain PROFILE --top 20                               (bounded heap)
# under /usr/bin/time (wall seconds, CPU seconds, peak RSS), and prints the best and median of
# each, the profile's size, and whether both tables are the same (same top 20 functions, same
# printed flat/cum values; pprof's "(inline)" labels aside).
#
# Usage: bench/pprof.sh [--profile FILE] [--kind heap|cpu] [--allocs N] [--seconds N] [--hz N]
#                       [--runs N] [--xmx SIZE] [--no-build]
# Needs: go, java 17, mvn (unless --no-build and the facts jar is built), /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=/tmp/perfwarden-bench-pprof
profile=""
kind=heap
allocs=400000
seconds=20
hz=4000
runs=3
xmx=256m
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    --kind) kind=$2; shift 2 ;;
    --allocs) allocs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --hz) hz=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/pprof.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"

# ---- our classpath -------------------------------------------------------------------------------
if [[ $build == 1 ]]; then
  (cd "$root" && (mvn -B -q -o package -pl facts -DskipTests || mvn -B -q package -pl facts -DskipTests)) >&2
fi
jar="$root/facts/target/perfwarden-facts-0.1.0.jar"
[[ -f "$jar" ]] || { echo "no $jar; build facts first" >&2; exit 2; }
cp "$jar" "$work/facts.jar"   # a private copy: concurrent builds may rewrite target/
(cd "$root" && (mvn -B -q -o dependency:build-classpath -pl facts -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$work/deps.txt" || mvn -B -q dependency:build-classpath -pl facts \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/deps.txt")) >/dev/null
cp_ours="$work/facts.jar:$(cat "$work/deps.txt")"

# ---- a large real profile ------------------------------------------------------------------------
if [[ -z "$profile" ]]; then
  gen="$work/gen"
  rm -rf "$gen" && mkdir -p "$gen"
  cat > "$gen/go.mod" <<'GOMOD'
module example.com/deepstacks

go 1.21
GOMOD
  {
    echo 'package main'
    echo
    echo 'import ("flag"; "os"; "runtime"; "runtime/pprof"; "sync"; "sync/atomic"; "time")'
    echo
    echo 'const n = 256'
    echo 'var table [n]func(uint64, int) uint64'
    echo 'var sink uint64'
    echo 'var heap = false'
    echo 'var left atomic.Int64'
    echo 'var keep []byte'
    echo
    echo '//go:noinline'
    echo 'func spin(s uint64) uint64 { if heap { keep = make([]byte, 16+s%64); left.Add(-1) }; for i := 0; i < 200; i++ { s ^= s << 13; s ^= s >> 7; s ^= s << 17 }; return s }'
    for i in $(seq 0 255); do
      echo "//go:noinline"
      echo "func f$i(s uint64, d int) uint64 { if d == 0 { return spin(s) }; s = s*6364136223846793005 + $((i * 2 + 1)); r := table[(s>>33)%n](s, d-1); if s&3 == 0 { r += table[(s>>40)%n](s, d/2) }; return r + 1 }"
    done
    echo 'func init() {'
    for i in $(seq 0 255); do echo "  table[$i] = f$i"; done
    echo '}'
    cat <<'GOMAIN'
func main() {
	out := flag.String("o", "cpu.pprof", "profile")
	secs := flag.Int("s", 20, "seconds")
	hz := flag.Int("hz", 4000, "sampling rate")
	allocs := flag.Int64("allocs", 0, "heap mode: profile this many allocations")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		panic(err)
	}
	stop := time.Now().Add(time.Duration(*secs) * time.Second)
	if *allocs > 0 {
		heap = true
		runtime.MemProfileRate = 1
		left.Store(*allocs)
	} else {
		runtime.SetCPUProfileRate(*hz) // before StartCPUProfile, which then keeps this rate
		if err := pprof.StartCPUProfile(f); err != nil {
			panic(err)
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			for (heap && left.Load() > 0) || (!heap && time.Now().Before(stop)) {
				seed = seed*2862933555777941757 + 3037000493
				sink += table[seed%n](seed, 8+int(seed>>58))
			}
		}(uint64(w) + 1)
	}
	wg.Wait()
	if heap {
		runtime.MemProfileRate = 0
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			panic(err)
		}
	} else {
		pprof.StopCPUProfile()
	}
	f.Close()
}
GOMAIN
  } > "$gen/main.go"
  (cd "$gen" && GOFLAGS=-mod=mod GOPROXY=off CGO_ENABLED=0 go build -o deepstacks .)
  if [[ $kind == cpu ]]; then
    profile="$work/cpu.pprof"
    echo "recording a ${seconds}s CPU profile at ${hz} Hz ..." >&2
    (cd "$gen" && ./deepstacks -o "$profile" -s "$seconds" -hz "$hz" 2>/dev/null)
  else
    profile="$work/allocs.pprof"
    echo "recording an allocs profile of $allocs allocations ..." >&2
    (cd "$gen" && ./deepstacks -o "$profile" -allocs "$allocs")
  fi
fi

size=$(stat -c %s "$profile")
raw=$( (gzip -dc "$profile" 2>/dev/null || cat "$profile") | wc -c)

# ---- timing --------------------------------------------------------------------------------------
go tool pprof -top -nodecount=20 "$profile" > "$work/pprof.txt" 2>/dev/null   # warm the tool cache

measure() { # measure LABEL OUT command… ; appends "wall rss_kb user sys" lines to $work/LABEL.times
  local label=$1 out=$2; shift 2
  : > "$work/$label.times"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time.tmp" "$@" > "$out" 2>/dev/null
    cat "$work/time.tmp" >> "$work/$label.times"
  done
}
measure pprof "$work/pprof.txt" go tool pprof -top -nodecount=20 "$profile"
measure ours "$work/ours.txt" java -cp "$cp_ours" dev.perfwarden.facts.profile.HotMain "$profile" --top 20
measure ours-xmx "$work/ours-xmx.txt" java -Xmx"$xmx" -cp "$cp_ours" dev.perfwarden.facts.profile.HotMain \
    "$profile" --top 20

stats() { # best and median wall, median CPU (user+sys), max RSS (MB) of a .times file
  local f="$work/$1.times" wall cpu rss
  wall=$(sort -n "$f" | awk '{w[NR]=$1} END {printf "%8.2f s %8.2f s", w[1], w[int((NR+1)/2)]}')
  cpu=$(awk '{print $3+$4}' "$f" | sort -n | awk '{c[NR]=$1} END {printf "%8.2f s", c[int((NR+1)/2)]}')
  rss=$(awk '{if ($2>r) r=$2} END {printf "%8.0f MB", r/1024}' "$f")
  echo "$wall $cpu $rss"
}

rows() { sed -n '/^ *flat  flat%/,$p' "$1" | sed 's/ (\(partial-\)\{0,1\}inline)$//'; }
same="no"
if diff <(rows "$work/pprof.txt") <(rows "$work/ours.txt") >/dev/null; then same="yes"; fi

echo
echo "profile:   $profile"
echo "size:      $((size / 1024)) KiB gzipped, $((raw / 1024)) KiB of profile.proto"
sed -n 's/^\(Duration: .*\)$/           \1/p' "$work/pprof.txt"
echo "machine:   $(nproc) CPUs, $(go version | cut -d' ' -f3), $(java -version 2>&1 | head -1)"
echo "runs:      $runs each"
echo
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; wall times grow with it, CPU times much less)"
echo
printf '%-44s %10s %10s %10s %11s\n' "tool" "best wall" "med. wall" "med. CPU" "peak RSS"
printf '%-44s %s\n' "go tool pprof -top -nodecount=20" "$(stats pprof)"
printf '%-44s %s\n' "perfwarden HotTable (java, default heap)" "$(stats ours)"
printf '%-44s %s\n' "perfwarden HotTable (java -Xmx$xmx)" "$(stats ours-xmx)"
echo
echo "same top-20 table as go tool pprof: $same"
