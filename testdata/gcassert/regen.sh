#!/usr/bin/env bash
# Runs gcassert (github.com/jordanlewis/gcassert, built with Go 1.22.12:
#   GOTOOLCHAIN=go1.22.12 go install github.com/jordanlewis/gcassert/cmd/gcassert@<version>)
# on this fixture with the same toolchain, and keeps what it printed (gcassert.txt: one line per
# broken directive) and the compiler output it read (m2.txt: its `go build -gcflags=-m=2
# -d=ssa/check_bce/debug=1` log). GcassertCompatTest checks perfwarden's verdicts against both.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gcassert=${GCASSERT:-$(go env GOPATH)/bin/gcassert}
cd "$here"
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.22.12}
go build -a ./... # warm nothing: -a so the -m log below is complete
set +e
"$gcassert" . > gcassert.out 2>&1
status=$?
set -e
log=$(sed -n 's/^See \(.*\) for full output\.$/\1/p' gcassert.out)
grep -v '^See .* for full output\.$' gcassert.out > gcassert.txt || true
tail -n +2 "$log" > m2.txt # its first line is the go command itself
rm -f gcassert.out "$log"
echo "gcassert exit $status; $(wc -l < gcassert.txt) violations"
