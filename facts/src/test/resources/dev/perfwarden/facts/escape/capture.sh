#!/usr/bin/env bash
# Captures the -m, -m=2 and -json output these tests read, with a real Go toolchain.
#   corpus programs t1..t4 (sources in testdata/corpus/go1.23/<t>)  -> <goversion>/<t>/
#   the naming program of this folder (nm/: package main + sub-package, closures, methods,
#   generics, range-over-func, init-order global closures)          -> <goversion>/nm/
# Each program is copied to /tmp/perfwarden-capture/escape/<t> (a neutral path that ends up in
# the captures) and built there with a cold cache so the compiler really runs.
# Usage: capture.sh [GOVERSION]   (default: the machine's go; e.g. 1.23.5 uses GOTOOLCHAIN=go1.23.5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../../../../.." && pwd)
ver=${1:-$(go env GOVERSION | sed 's/^go//')}
if [ "go$ver" = "$(go env GOVERSION)" ]; then export GOTOOLCHAIN=local; else export GOTOOLCHAIN=go$ver; fi
export GOFLAGS='-mod=mod -buildvcs=false' GOPROXY=off CGO_ENABLED=0 GOWORK=off
work=/tmp/perfwarden-capture/escape
out=$here/go$ver
mkdir -p "$out"
for prog in t1 t2 t3 t4 nm; do
  rm -rf "$work/$prog"; mkdir -p "$work/$prog"
  if [ "$prog" = nm ]; then cp -r "$here/nm/." "$work/$prog/"; else cp "$repo/testdata/corpus/go1.23/$prog/"*.go "$repo/testdata/corpus/go1.23/$prog/go.mod" "$work/$prog/"; fi
  mod=$(sed -n 's/^module //p' "$work/$prog/go.mod")
  export GOCACHE="$work/cache-$prog"; rm -rf "$GOCACHE"
  rm -rf "$out/$prog"; mkdir -p "$out/$prog"
  ( cd "$work/$prog"
    go version > "$out/$prog/go-version.txt"
    go build -gcflags="$mod/...=-m" -o /dev/null ./... 2> "$out/$prog/m1.txt" || true
    go build -a -gcflags="$mod/...=-m=2" -o /dev/null ./... 2> "$out/$prog/m2.txt" || true
    rm -rf "$work/json-$prog"
    go build -a -gcflags="$mod/...=-json=0,file://$work/json-$prog" -o /dev/null ./... 2>/dev/null || true
    cp -r "$work/json-$prog" "$out/$prog/json" )
done
