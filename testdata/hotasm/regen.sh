#!/usr/bin/env bash
#
# testdata/hotasm/regen.sh — real captures for the hot-instruction join and `hot --disasm`, and for
# the rule indirect-call-hot (rules/packs/go-perf/indirect-call-hot/captures/go<ver>: cpu.pprof,
# objdump.txt of the same test binary, capture.json; testdata/regen.sh skips that rule).
#
# The program in prog/ (module example.com/hotasm: an interface call, a kept bounds check, a
# write-barrier store, each in a benchmark loop) is copied to /tmp/perfwarden-capture/src/hotasm,
# its test binary is built with -trimpath, the benchmarks run with a CPU profile, and what
# `go tool pprof -disasm` prints for that profile and binary is kept as the yardstick. Files per
# Go version, in go<ver>/:
#
#   cpu.pprof        ./hotasm.test -test.run '^$' -test.bench . -test.cpuprofile cpu.pprof
#   objdump.txt      go tool objdump -s "$RE" hotasm.test
#   disasm.txt       go tool pprof -disasm "$RE" hotasm.test cpu.pprof   (the yardstick)
#   notes.elf        objcopy --only-section=.note.gnu.build-id --only-section=.note.go.buildid
#                    hotasm.test: the binary's build-ID notes in a 1 KiB ELF file (the binary is
#                    ~2 MB and stays in /tmp)
#   buildid.txt      the GNU build ID (readelf -n) and Go build ID (go tool buildid) of the binary
#   capture.json     go version and the commands
#   m2.txt           (indirect-call-hot only) stderr of go test -c -gcflags='<module>=-m=2' -o /dev/null .:
#                    the compiler's inlining decisions for the same package and test files, which the rule reads to
#                    tell whether a direct call would inline the call's dominant target
# with RE='example\.com/hotasm\.' (unanchored: pprof matches the regex against "ADDRESS NAME"
# strings of the sampled addresses, where '^example' finds nothing). The binary itself stays in
# /tmp/perfwarden-capture/bin/hotasm-go<ver>.test.
#
# PARTS "abi": the program in abi/ (module example.com/hotabi: an assembly function that Go also takes
# as a func value, so the binary has the assembly body sumBytes.abi0 and the compiler-made ABIInternal
# wrapper sumBytes, both named sumBytes in the profile, as lz4's decodeBlock) into abi-go<ver>/, the
# same files as above with RE='example\.com/hotabi\.'.
#
# Usage: testdata/hotasm/regen.sh   (it takes /tmp/perfwarden-capture.lock itself)
# Environment: GO_VERSIONS (default "1.26.8 1.23.5"), PARTS (default "hotasm rule"), BENCHTIME (default 2s: each
#              benchmark's -test.benchtime; on a loaded host 2s gave the rule's profile 49 samples)
# Needs: go (other versions through GOTOOLCHAIN from the module proxy), objcopy, readelf, jq.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CAP=/tmp/perfwarden-capture
# $CAP's paths end up in the captures, so it cannot be private to a run: two runs at once (two checkouts, two
# people) would overwrite each other's binaries and profiles. The second waits for the first.
if command -v flock >/dev/null 2>&1 && [ -z "${PERFWARDEN_CAPTURE_LOCKED:-}" ]; then
  exec 9>"$CAP.lock"
  flock -n 9 || { echo "waiting for $CAP.lock (another capture run)..." >&2; flock 9; }
  export PERFWARDEN_CAPTURE_LOCKED=1
fi
RE='example\.com/hotasm\.'
GO_VERSIONS=${GO_VERSIONS:-"1.26.8 1.23.5"}
PARTS=${PARTS:-"hotasm rule abi"}   # which captures: hotasm (testdata/hotasm/go<ver>), rule (indirect-call-hot), abi
BENCHTIME=${BENCHTIME:-2s}
MACHINE=$(env GOTOOLCHAIN=local GOENV=off go env GOVERSION)

die() { echo "hotasm/regen: $*" >&2; exit 1; }
for tool in go objcopy readelf jq; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done

# A GOROOT for go<ver> outside /root and /work (the toolchain is copied once, as testdata/regen.sh does).
goroot_of() {
  local ver=$1 dest="$CAP/toolchains/go$1" root
  if [[ "go$ver" == "$MACHINE" ]]; then env GOTOOLCHAIN=local GOENV=off go env GOROOT; return; fi
  if [[ -x "$dest/bin/go" ]]; then echo "$dest"; return; fi
  root=$(env GOTOOLCHAIN="go$ver" go env GOROOT) || return 1
  cp -a "$root" "$dest.tmp" && chmod -R u+w "$dest.tmp" && mv "$dest.tmp" "$dest" && echo "$dest"
}

# capture VER GOROOT NAME SRC OUT RE FULL [M2PKG]: build NAME's test binary, profile its benchmarks, objdump it;
# FULL=1 adds the pprof -disasm yardstick and the build-ID files; M2PKG, the -m=2 decisions of that package (m2.txt).
capture() {
  local ver=$1 goroot=$2 name=$3 srcdir=$4 out=$5 re=$6 full=$7 m2pkg=${8:-}
  local src="$CAP/src/$name" bin="$CAP/bin/$name-go$ver.test"
  rm -rf "$src" "$out" && mkdir -p "$src" "$out" "$CAP/bin" && cp "$srcdir"/* "$src/"
  run() {
    (cd "$src" && env -i PATH="$goroot/bin:/usr/bin:/bin" HOME="$CAP" TMPDIR=/tmp GOENV=off GOTOOLCHAIN=local \
        GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off CGO_ENABLED=0 GOWORK=off GOAMD64=v1 \
        GOCACHE="$CAP/cache/$name-go$ver" GOPATH="$CAP/gopath" "$@")
  }
  run go test -c -trimpath -o "$bin" .
  run "$bin" -test.run '^$' -test.bench . -test.benchtime "$BENCHTIME" -test.cpuprofile "$out/cpu.pprof" >/dev/null
  run go tool objdump -s "$re" "$bin" > "$out/objdump.txt"
  local cmds=("go test -c -trimpath -o $bin ." "$bin -test.run ^$ -test.bench . -test.benchtime $BENCHTIME -test.cpuprofile cpu.pprof"
              "go tool objdump -s $re $bin > objdump.txt")
  if [[ -n $m2pkg ]]; then
    run go test -c -gcflags="$m2pkg=-m=2" -o /dev/null . 2> "$out/m2.txt"
    cmds+=("go test -c -gcflags=$m2pkg=-m=2 -o /dev/null . 2> m2.txt")
  fi
  if [[ $full == 1 ]]; then
    run go tool pprof -disasm "$re" "$bin" "$out/cpu.pprof" > "$out/disasm.txt"
    objcopy --only-section=.note.gnu.build-id --only-section=.note.go.buildid "$bin" "$out/notes.elf"
    { echo "gnu $(readelf -n "$bin" | sed -n 's/.*Build ID: //p')"
      echo "go $(run go tool buildid "$bin")"; } > "$out/buildid.txt"
    cmds+=("go tool pprof -disasm $re $bin cpu.pprof > disasm.txt")
  fi
  printf '%s\n' "${cmds[@]}" | jq -R . | jq -s --arg v "go$ver" --arg bin "$bin" '{go: $v, binary: $bin, commands: .}' \
      > "$out/capture.json"
  echo "hotasm/regen: go$ver -> $out" >&2
}

RULE="$HERE/../../rules/packs/go-perf/indirect-call-hot"
for ver in $GO_VERSIONS; do
  goroot=$(goroot_of "$ver") || die "Go $ver cannot be had"
  [[ " $PARTS " == *" hotasm "* ]] && capture "$ver" "$goroot" hotasm "$HERE/prog" "$HERE/go$ver" "$RE" 1
  [[ " $PARTS " == *" abi "* ]] && capture "$ver" "$goroot" hotabi "$HERE/abi" "$HERE/abi-go$ver" 'example\.com/hotabi\.' 1
  [[ " $PARTS " == *" rule "* ]] && capture "$ver" "$goroot" indirect-call-hot "$RULE/fixture" "$RULE/captures/go$ver" 'indirect-call-hot\.' 0 \
      example.com/fixture/indirect-call-hot
done
