#!/usr/bin/env bash
#
# testdata/regen.sh — capture real Go toolchain output from the Go programs of this repository.
#
# Programs (every directory below that holds a go.mod):
#   rules/packs/*/*/fixture   rule fixtures      -> rules/packs/<pack>/<rule>/captures/go<ver>/
#   testdata/go/*             parser programs    -> testdata/captured/go<ver>/<program>/
#   examples/orders           README demo        -> examples/captured/orders/   (machine Go only)
# and, once per run, the ground-truth `go tool pprof -top` tables of the shared corpus profiles
#   testdata/corpus/go1.19/t3, testdata/corpus/go1.23/t3 -> testdata/captured/corpus-pprof/<ver>/t3/
#
# For each Go version in GO_VERSIONS (default "1.26.8 1.23.5"; the machine's own `go` is used for
# its version, any other version is taken from `GOTOOLCHAIN=go<ver> go env GOROOT` — the Go module
# cache or the Go module proxy — and copied to /tmp/perfwarden-capture/toolchains/go<ver>, so that
# no capture carries a path below /root; a version that cannot be had is skipped with a warning),
# each program is copied to the neutral directory /tmp/perfwarden-capture/src/<program> and built
# there with GOTOOLCHAIN=local GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off CGO_ENABLED=0
# GOWORK=off GOENV=off and a private GOCACHE. The files written per program and version:
#
#   capture.json        go version, GOOS/GOARCH, work directory, environment, the exact commands
#   m1.txt, m2.txt      stderr of go build -gcflags='<mod>/...=-m' / '-m=2'
#   m3.txt, m4.txt      stderr of go build -gcflags='<mod>/...=-m=3' / '-m=4' (IR dumps, escape trace)
#   json/               the tree written by -gcflags='<mod>/...=-json=0,file:///tmp/perfwarden-capture/json'
#   S.txt               stderr of -gcflags='<mod>/...=-S'
#   bce.txt             stderr of -gcflags='<mod>/...=-d=ssa/check_bce/debug=1'
#   objdump.txt         go tool objdump -s '^main\.' BIN       (BIN built with -trimpath; for a module
#   objdump-gnu.txt     go tool objdump -gnu -s '^main\.' BIN   with more packages: '^(main\.|<mod>/)')
#   ssa-<fn>.txt/.html  GOSSAFUNC='main.<fn>+' go build: the dump (which the go command prints on
#                       stderr) and ssa.html (only where SSA_FUNCS below names functions)
#   bench.txt           go test -run='^$' -bench=. -benchmem -count=3 ./...   (only with benchmarks)
#   cpu.pprof           go test -run='^$' -bench=. -cpuprofile cpu.pprof .
#   mem.pprof           go test -run='^$' -bench=. -memprofile mem.pprof -memprofilerate=512 .
#                       (two runs; PROFILE_MODE=combined takes both from one run, but then the
#                       memory-profile stack walks show up as 25-50% of the CPU profile)
#   pprof-top.txt       go tool pprof -top -nodecount=40 cpu.pprof
#   pprof-top-cum.txt   go tool pprof -top -cum -nodecount=40 cpu.pprof
#   pprof-top-alloc_space.txt  go tool pprof -top -nodecount=40 -sample_index=alloc_space mem.pprof
#
# The compiler really runs for every capture: each program starts from a fresh copy of a cache that
# only holds the standard library (warmed once per version), so no -m output is replayed and the
# -json tree is always written. Output is deterministic for a given toolchain except the profiles,
# bench.txt and the pprof tables (timings). Test binaries and build outputs stay in /tmp.
#
# Usage: testdata/regen.sh [--only REGEX] [--no-corpus] [--keep] [--m3-only] [--ir-only] [--help]
#   --only REGEX  capture only programs whose repository-relative directory matches REGEX (grep -E)
#   --no-corpus   skip the corpus pprof tables
#   --keep        keep the per-program build caches (/tmp/perfwarden-capture/cache/go<ver>/<program>);
#                 the copied sources in /tmp/perfwarden-capture/src are always kept
#   --m3-only     add (or replace) only m3.txt and m4.txt in existing capture folders, leaving
#                 every other file as it was (for captures made before m3/m4 were captured)
#   --ir-only     write only capture.json, m3.txt and m4.txt, to testdata/captured/go<ver>/<program>
#                 for every program (a rule fixture under its rule id): the IR captures of a Go version
#                 whose other output no test reads (GO_VERSIONS=1.19.13, the corpus' version)
#   --help        this text
# Environment: GO_VERSIONS (space-separated, e.g. "1.26.8 1.23.5"; the first should be the machine's)
#              PROFILE_MODE (split, the default, or combined; see cpu.pprof above)
# Needs: bash 4, go, jq, cp, find, sed, grep.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

ONLY=""
DO_CORPUS=1
KEEP=0
M3_ONLY=0
IR_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --only) ONLY="${2:?--only needs a regex}"; shift 2 ;;
    --no-corpus) DO_CORPUS=0; shift ;;
    --keep) KEEP=1; shift ;;
    --m3-only) M3_ONLY=1; DO_CORPUS=0; shift ;;
    --ir-only) IR_ONLY=1; DO_CORPUS=0; shift ;;
    *) echo "regen.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAP=/tmp/perfwarden-capture
# $CAP's paths end up in the captures, so it cannot be private to a run: two runs at once (two checkouts, two
# people) would overwrite each other's binaries and profiles. The second waits for the first.
if command -v flock >/dev/null 2>&1 && [ -z "${PERFWARDEN_CAPTURE_LOCKED:-}" ]; then
  exec 9>"$CAP.lock"
  flock -n 9 || { echo "waiting for $CAP.lock (another capture run)..." >&2; flock 9; }
  export PERFWARDEN_CAPTURE_LOCKED=1
fi
GO_VERSIONS=${GO_VERSIONS:-"1.26.8 1.23.5"}
PROFILE_MODE=${PROFILE_MODE:-split}

# Functions to dump with GOSSAFUNC, per program (rule id or program name).
declare -A SSA_FUNCS=(
  [bounds-check-hot]="sumEveryOther sumPairs sumRange"
  [growslice-in-loop]="collect collectSized"
)

log()  { echo "regen: $*" >&2; }
warn() { echo "regen: WARNING: $*" >&2; }
die()  { echo "regen: ERROR: $*" >&2; exit 1; }
# A command that fails under `set -e` names itself, also inside functions and $(...): otherwise a go command
# that refuses a module (e.g. `go list -m` under an older toolchain) ends the run with only go's own message.
set -E
trap 'rc=$?; echo "regen: ERROR: stopped (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' ERR

[[ "$PROFILE_MODE" == split || "$PROFILE_MODE" == combined ]] || die "PROFILE_MODE must be split or combined"
command -v go >/dev/null || die "go not found on PATH"
command -v jq >/dev/null || die "jq not found on PATH"

# A clean, reproducible environment for every go command (the user's go env file is ignored).
base_env=(GOENV=off GOTOOLCHAIN=local "GOFLAGS=-mod=mod -buildvcs=false" GOPROXY=off
          CGO_ENABLED=0 GOWORK=off GOSUMDB=off GONOSUMDB= GOPRIVATE= GOEXPERIMENT=
          GOAMD64=v1 GODEBUG= GOMAXPROCS=)
MACHINE_VERSION=$(env GOTOOLCHAIN=local GOENV=off go env GOVERSION)   # e.g. go1.26.8

mkdir -p "$CAP"/{src,bin,toolchains,cache,prof,gopath}

# resolve_goroot VER -> prints a GOROOT for go<VER> at a path free of /work and /root, or fails.
resolve_goroot() {
  local ver=$1 root dest
  if [[ "go$ver" == "$MACHINE_VERSION" ]]; then
    env GOTOOLCHAIN=local GOENV=off go env GOROOT
    return
  fi
  dest="$CAP/toolchains/go$ver"
  if [[ -x "$dest/bin/go" ]] && [[ "$(env -i PATH=/usr/bin:/bin HOME="$CAP" GOTOOLCHAIN=local GOENV=off "$dest/bin/go" env GOVERSION 2>/dev/null)" == "go$ver" ]]; then
    echo "$dest"; return
  fi
  root=$(env GOTOOLCHAIN="go$ver" go env GOROOT 2>/dev/null) || return 1
  [[ -x "$root/bin/go" ]] || return 1
  rm -rf "$dest.tmp"
  cp -a "$root" "$dest.tmp"
  chmod -R u+w "$dest.tmp"
  rm -rf "$dest"
  mv "$dest.tmp" "$dest"
  echo "$dest"
}

# gorun GOROOT GOCACHE CMD... : run a command in the clean environment of that toolchain.
gorun() {
  local goroot=$1 gocache=$2; shift 2
  env -i PATH="$goroot/bin:/usr/local/bin:/usr/bin:/bin" HOME="$CAP" TMPDIR=/tmp \
      GOPATH="$CAP/gopath" GOMODCACHE="$CAP/gopath/pkg/mod" GOCACHE="$gocache" \
      "${base_env[@]}" "$@"
}

# warm_cache VER GOROOT: a GOCACHE holding only the standard library, built once per toolchain.
warm_cache() {
  local ver=$1 goroot=$2 base="$CAP/cache/go$1/base" w="$CAP/warm"
  if [[ -f "$base/.warm" ]]; then return; fi
  log "go$ver: warming the standard-library build cache"
  rm -rf "$base" "$w"; mkdir -p "$base" "$w"
  printf 'module example.com/warm\n\ngo 1.21\n' > "$w/go.mod"
  cat > "$w/main.go" <<'EOF'
package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	var b bytes.Buffer
	var mu sync.Mutex
	mu.Lock()
	b.WriteString(strings.Repeat("x", 2) + strconv.Itoa(len(os.Args)))
	mu.Unlock()
	s := []int{3, 1}
	sort.Ints(s)
	fmt.Println(b.String(), s, math.Sqrt(2), errors.New("e"), time.Duration(1))
}
EOF
  cat > "$w/main_test.go" <<'EOF'
package main

import "testing"

func BenchmarkWarm(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = i
	}
}
EOF
  (cd "$w" && gorun "$goroot" "$base" go vet ./... \
     && gorun "$goroot" "$base" go build -o "$CAP/bin/warm" . \
     && gorun "$goroot" "$base" go build -trimpath -o "$CAP/bin/warm" . \
     && gorun "$goroot" "$base" go test -run='^$' -bench=. -benchtime=1x -benchmem -count=1 ./... >/dev/null \
     && gorun "$goroot" "$base" go test -c -o "$CAP/bin/warm.test" .) \
    || die "go$ver: could not warm the build cache"
  touch "$base/.warm"
}

# Record of the commands run for one capture (for capture.json).
declare -a CMDS=()
rec() { CMDS+=("$*"); }

capture_program() {
  local ver=$1 goroot=$2 dir=$3 prog=$4 out=$5
  local src="$CAP/src/$prog" cache="$CAP/cache/go$ver/$prog" bin="$CAP/bin/$prog-go$ver"
  local modpath gcpat objre
  log "go$ver: $prog  ($dir -> ${out#"$ROOT"/})"
  CMDS=()

  rm -rf "$src" "$cache"
  mkdir -p "$src"
  # Copy the module's sources (never captures, binaries or SSA dumps) to the neutral directory.
  tar -C "$ROOT/$dir" --exclude=./captures --exclude='ssa.html' --exclude='*.pprof' \
      --exclude='*.test' -cf - . | tar -C "$src" -xf -
  cp -a "$CAP/cache/go$ver/base" "$cache"

  modpath=$(cd "$src" && gorun "$goroot" "$cache" go list -m)
  gcpat="$modpath/..."
  if [[ $(cd "$src" && gorun "$goroot" "$cache" go list ./... | wc -l) -gt 1 ]]; then
    objre="^(main\\.|$(printf '%s' "$modpath" | sed 's/[.]/\\./g')/)"
  else
    objre='^main\.'
  fi

  local run=(gorun "$goroot" "$cache")
  if [[ $M3_ONLY == 1 ]]; then
    [[ -f "$out/capture.json" ]] || die "$prog: --m3-only needs an existing capture in $out"
    cd "$src"
    "${run[@]}" go build -gcflags="$gcpat=-m=3" -o "$bin" . 2> "$out/m3.txt"
    "${run[@]}" go build -gcflags="$gcpat=-m=4" -o "$bin" . 2> "$out/m4.txt"
    cd "$ROOT"
    jq --arg a "go build -gcflags='$gcpat=-m=3' -o $bin .   # added later with --m3-only" \
       --arg b "go build -gcflags='$gcpat=-m=4' -o $bin .   # added later with --m3-only" \
       '.commands += [$a, $b]' "$out/capture.json" > "$out/capture.json.tmp"
    mv "$out/capture.json.tmp" "$out/capture.json"
    [[ $KEEP == 1 ]] || rm -rf "$cache"
    return
  fi
  rm -rf "$out"; mkdir -p "$out"
  cd "$src"

  if [[ $IR_ONLY == 0 ]]; then
  rec "go vet ./..."
  "${run[@]}" go vet ./... || die "$prog: go vet failed with go$ver"

  rec "go build -gcflags='$gcpat=-m' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-m" -o "$bin" . 2> "$out/m1.txt"
  rec "go build -gcflags='$gcpat=-m=2' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-m=2" -o "$bin" . 2> "$out/m2.txt"
  fi
  rec "go build -gcflags='$gcpat=-m=3' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-m=3" -o "$bin" . 2> "$out/m3.txt"
  rec "go build -gcflags='$gcpat=-m=4' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-m=4" -o "$bin" . 2> "$out/m4.txt"
  if [[ $IR_ONLY == 0 ]]; then

  rm -rf "$CAP/json"
  rec "go build -gcflags='$gcpat=-json=0,file://$CAP/json' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-json=0,file://$CAP/json" -o "$bin" .
  [[ -d "$CAP/json" ]] || die "$prog: the compiler wrote no -json tree (was the build replayed from a cache?)"
  cp -a "$CAP/json" "$out/json"

  rec "go build -gcflags='$gcpat=-S' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-S" -o "$bin" . 2> "$out/S.txt"
  rec "go build -gcflags='$gcpat=-d=ssa/check_bce/debug=1' -o $bin ."
  "${run[@]}" go build -gcflags="$gcpat=-d=ssa/check_bce/debug=1" -o "$bin" . 2> "$out/bce.txt"

  rec "go build -trimpath -o $bin ."
  "${run[@]}" go build -trimpath -o "$bin" .
  rec "go tool objdump -s '$objre' $bin"
  "${run[@]}" go tool objdump -s "$objre" "$bin" > "$out/objdump.txt"
  rec "go tool objdump -gnu -s '$objre' $bin"
  "${run[@]}" go tool objdump -gnu -s "$objre" "$bin" > "$out/objdump-gnu.txt"

  local fn
  for fn in ${SSA_FUNCS[$prog]:-}; do
    rm -f "$src/ssa.html"
    # The compiler prints the dump on its stdout; the go command relays it on stderr after a
    # '# <import path>' line.
    rec "GOSSAFUNC='main.$fn+' go build -o $bin .   # stderr -> ssa-$fn.txt, ssa.html -> ssa-$fn.html"
    "${run[@]}" GOSSAFUNC="main.$fn+" go build -o "$bin" . > /dev/null 2> "$out/ssa-$fn.txt" \
      || { cat "$out/ssa-$fn.txt" >&2; die "$prog: GOSSAFUNC build failed"; }
    [[ -f "$src/ssa.html" ]] || die "$prog: GOSSAFUNC=main.$fn wrote no ssa.html"
    mv "$src/ssa.html" "$out/ssa-$fn.html"
    grep -q "^generating SSA for $fn\$\|^dumped SSA for $fn" "$out/ssa-$fn.txt" \
      || warn "$prog: ssa-$fn.txt has no 'generating SSA for $fn' line"
  done

  if grep -rqs --include='*_test.go' '^func Benchmark' .; then
    rec "go test -run='^\$' -bench=. -benchmem -count=3 ./..."
    "${run[@]}" go test -run='^$' -bench=. -benchmem -count=3 ./... > "$out/bench.txt"
    rm -rf "$CAP/prof"; mkdir -p "$CAP/prof"
    if [[ "$PROFILE_MODE" == combined ]]; then
      rec "go test -run='^\$' -bench=. -o $CAP/prof/$prog.test -cpuprofile $CAP/prof/cpu.pprof -memprofile $CAP/prof/mem.pprof -memprofilerate=512 ."
      "${run[@]}" go test -run='^$' -bench=. -o "$CAP/prof/$prog.test" \
          -cpuprofile "$CAP/prof/cpu.pprof" -memprofile "$CAP/prof/mem.pprof" -memprofilerate=512 . >/dev/null
    else
      # Two runs: with -memprofilerate=512 the allocator samples nearly every object, and the
      # stack walks of those samples (runtime.profilealloc -> runtime.tracebackPCs) would take
      # 25-50% of a CPU profile taken in the same run.
      rec "go test -run='^\$' -bench=. -o $CAP/prof/$prog.test -cpuprofile $CAP/prof/cpu.pprof ."
      "${run[@]}" go test -run='^$' -bench=. -o "$CAP/prof/$prog.test" -cpuprofile "$CAP/prof/cpu.pprof" . >/dev/null
      rec "go test -run='^\$' -bench=. -o $CAP/prof/$prog.test -memprofile $CAP/prof/mem.pprof -memprofilerate=512 ."
      "${run[@]}" go test -run='^$' -bench=. -o "$CAP/prof/$prog.test" -memprofile "$CAP/prof/mem.pprof" -memprofilerate=512 . >/dev/null
    fi
    cp "$CAP/prof/cpu.pprof" "$CAP/prof/mem.pprof" "$out/"
    pprof_tables "$goroot" "$cache" "$out" "$out"
    rec "go tool pprof -top -nodecount=40 cpu.pprof"
    rec "go tool pprof -top -cum -nodecount=40 cpu.pprof"
    rec "go tool pprof -top -nodecount=40 -sample_index=alloc_space mem.pprof"
  fi
  fi   # IR_ONLY
  cd "$ROOT"

  local goos goarch
  goos=$(gorun "$goroot" "$cache" go env GOOS)
  goarch=$(gorun "$goroot" "$cache" go env GOARCH)
  jq -n --arg gv "$(gorun "$goroot" "$cache" go version)" --arg goos "$goos" --arg goarch "$goarch" \
        --arg prog "$prog" --arg mod "$modpath" --arg dir "$dir" --arg wd "$src" \
        --arg goroot "$goroot" --arg cache "$CAP/cache/go$ver/$prog" \
        --argjson env "$(printf '%s\n' "${base_env[@]}" | jq -R . | jq -s .)" \
        --argjson cmds "$(printf '%s\n' "${CMDS[@]}" | jq -R . | jq -s .)" \
    '{program:$prog, module:$mod, source:$dir, goVersion:$gv, goos:$goos, goarch:$goarch,
      workdir:$wd, goroot:$goroot, gocache:$cache, env:$env, commands:$cmds}' > "$out/capture.json"

  # Captures must not leak local repository or home paths.
  if grep -rlE '/work/|/root/' "$out" >/dev/null 2>&1; then
    warn "$prog go$ver: captures mention /work or /root:"; grep -rlE '/work/|/root/' "$out" >&2 || true
  fi
  [[ $KEEP == 1 ]] || rm -rf "$cache"
}

# pprof_tables GOROOT GOCACHE PROFDIR OUTDIR
pprof_tables() {
  local goroot=$1 cache=$2 p=$3 o=$4
  mkdir -p "$o"
  gorun "$goroot" "$cache" go tool pprof -top -nodecount=40 "$p/cpu.pprof" > "$o/pprof-top.txt" 2>/dev/null
  gorun "$goroot" "$cache" go tool pprof -top -cum -nodecount=40 "$p/cpu.pprof" > "$o/pprof-top-cum.txt" 2>/dev/null
  gorun "$goroot" "$cache" go tool pprof -top -nodecount=40 -sample_index=alloc_space "$p/mem.pprof" \
      > "$o/pprof-top-alloc_space.txt" 2>/dev/null
  local f
  for f in "$o"/pprof-top*.txt; do
    grep -qE '^ +[0-9.]+[a-zA-Zµ]* +[0-9.]+% .*[A-Za-z_]\.[A-Za-z_(]' "$f" \
      || warn "$f does not look symbolized"
  done
}

# ---- program list --------------------------------------------------------------------------------
cd "$ROOT"
declare -a PROGS=()
for d in rules/packs/*/*/fixture testdata/go/* examples/orders; do
  [[ -f "$d/go.mod" ]] || continue
  [[ -f "$d/../CAPTURES.md" ]] && continue   # captured by its own script (see that file)
  if [[ -n "$ONLY" ]] && ! grep -qE -- "$ONLY" <<<"$d"; then continue; fi
  PROGS+=("$d")
done

first=1
for ver in $GO_VERSIONS; do
  is_machine=0; [[ "go$ver" == "$MACHINE_VERSION" ]] && is_machine=1
  if [[ $first == 1 && $is_machine == 0 ]]; then
    warn "the first GO_VERSIONS entry ($ver) is not the machine's Go ($MACHINE_VERSION)"
  fi
  if ! goroot=$(resolve_goroot "$ver"); then
    warn "Go $ver cannot be had (GOTOOLCHAIN=go$ver go env GOROOT failed): skipped"
    first=0; continue
  fi
  log "go$ver: GOROOT $goroot"
  warm_cache "$ver" "$goroot"
  for d in "${PROGS[@]}"; do
    case "$d" in
      rules/packs/*/*/fixture)
        rule=$(basename "$(dirname "$d")")
        if [[ $IR_ONLY == 1 ]]; then
          capture_program "$ver" "$goroot" "$d" "$rule" "$ROOT/testdata/captured/go$ver/$rule"
        else
          capture_program "$ver" "$goroot" "$d" "$rule" "$ROOT/$(dirname "$d")/captures/go$ver"
        fi ;;
      testdata/go/*)
        p=$(basename "$d")
        capture_program "$ver" "$goroot" "$d" "$p" "$ROOT/testdata/captured/go$ver/$p" ;;
      examples/*)
        if [[ $is_machine == 1 && $IR_ONLY == 0 ]]; then
          p=$(basename "$d")
          capture_program "$ver" "$goroot" "$d" "$p" "$ROOT/examples/captured/$p"
        fi ;;
    esac
  done
  if [[ $is_machine == 1 && $DO_CORPUS == 1 && -z "$ONLY" ]]; then
    for cv in go1.19 go1.23; do
      c="testdata/corpus/$cv/t3"
      if [[ -f "$c/cpu.pprof" && -f "$c/mem.pprof" ]]; then
        log "corpus pprof tables: $c"
        pprof_tables "$goroot" "$CAP/cache/go$ver/base" "$ROOT/$c" "$ROOT/testdata/captured/corpus-pprof/$cv/t3"
      else
        warn "$c has no cpu.pprof/mem.pprof"
      fi
    done
  fi
  first=0
done
log "done"
