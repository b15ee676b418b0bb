#!/usr/bin/env bash
# Regenerates the debt module's test reports from real runs of perfwarden on the orders example:
#   orders-v1.json  scan of examples/orders
#   orders-v2.json  scan of a copy with v2-fix-debt.patch (ParseOrder preallocates, FormatOrder uses a Builder)
#   orders-v3.json  scan of v2 with v3-add-debt.patch (fmt.Sprintf in parseItem)
#   orders-captured-contract.json  analyze of the bundled captures with the orders contract
# Run from anywhere; needs go and a built perfwarden (./perfwarden builds it). scan builds in a temporary
# folder of its own, so no capture lock is needed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/orders" "$work/v1"
cp -r "$work/v1" "$work/v2" && patch -s -d "$work/v2" -p1 < "$here/v2-fix-debt.patch"
cp -r "$work/v2" "$work/v3" && patch -s -d "$work/v3" -p1 < "$here/v3-add-debt.patch"
for v in v1 v2 v3; do
  "$root/perfwarden" scan "$work/$v" --bench . --benchtime 300ms \
    --format json --fail-on none -o "$here/orders-$v.json"
done
cd "$root"
./perfwarden analyze examples/captured/orders examples/captured/orders-load examples/captured/orders-bench/head.txt \
  --contract examples/contracts/orders.yaml --base examples/captured/orders-bench/base.txt \
  --format json --fail-on none > "$here/orders-captured-contract.json"
