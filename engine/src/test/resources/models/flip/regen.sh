#!/usr/bin/env bash
# Remakes the captures of this test pack with the machine's Go (Go 1.26.8 at /usr/local/go made the committed ones).
set -euo pipefail
cd "$(dirname "$0")"
for id in overflow-neg audit-clean; do
  v=$(go env GOVERSION); mkdir -p $id/captures/$v
  (cd $id/fixture && go build -gcflags=-m=2 . 2> ../captures/$v/m2.txt)
done
