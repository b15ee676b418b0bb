#!/usr/bin/env bash
# Makes the real load-test captures under examples/captured/orders-load/:
#   k6-summary-export.json   k6 run --summary-export
#   k6-handle-summary.json   the same run's handleSummary(data) JSON
#   scrape-NN.txt            /metrics scrapes of the server every $SCRAPE_EVERY s; the first line is a
#                            "# scraped-at: <RFC 3339 time>" comment written by this script
#   gctrace.log              the server's stderr under GODEBUG=gctrace=1
#   prom-*.json              Prometheus query_range answers (Debian's prometheus scraping the server)
# and examples/captured/orders-batch/gctrace.log: the batch mode (orders -n 300000, which keeps every
# order) under GODEBUG=gctrace=1: a growing heap and a GC CPU share above 5 %, the capture that breaks
# the memory and gc clauses the server meets.
# Everything listens on 127.0.0.1 only; k6 is bounded (orders.js: 4 + up to 2 VUs, $DURATION).
# Needs Go, k6 (go install go.k6.io/k6@latest), prometheus (apt-get install prometheus), curl.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/examples/captured/orders-load"
k6=${K6:-$(go env GOPATH)/bin/k6}
prometheus=${PROMETHEUS:-prometheus}
duration=${DURATION:-40s}
every=${SCRAPE_EVERY:-5}
port=18080
pport=19090
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$out"
rm -f "$out"/scrape-*.txt "$out"/prom-*.json

(cd "$root/examples/orders" && go build -o "$tmp/orders" .)
GODEBUG=gctrace=1 "$tmp/orders" serve -addr "127.0.0.1:$port" 2> "$tmp/gctrace.log" &
pids+=($!)
cat > "$tmp/prometheus.yml" <<YML
global:
  scrape_interval: 2s
scrape_configs:
  - job_name: orders
    static_configs:
      - targets: ["127.0.0.1:$port"]
YML
"$prometheus" --config.file "$tmp/prometheus.yml" --storage.tsdb.path "$tmp/tsdb" \
  --web.listen-address "127.0.0.1:$pport" > "$tmp/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/metrics" > /dev/null && break; sleep 0.2; done

scrape() { # $1: file
  { echo "# scraped-at: $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"; curl -sf "http://127.0.0.1:$port/metrics"; } > "$1"
}
start=$(date +%s)
scrape "$out/scrape-00.txt"
(
  i=1
  while sleep "$every"; do scrape "$out/$(printf 'scrape-%02d.txt' "$i")" || break; i=$((i + 1)); done
) &
scraper=$!
pids+=($scraper)
(cd "$out" && ORDERS_URL="http://127.0.0.1:$port" DURATION="$duration" SUMMARY_JSON=k6-handle-summary.json \
  "$k6" run --quiet --no-usage-report --summary-export k6-summary-export.json "$here/orders.js" > /dev/null 2> "$tmp/k6.log") \
  || { cat "$tmp/k6.log" >&2; exit 1; }
kill "$scraper" 2>/dev/null || true
n=$(ls "$out"/scrape-*.txt | wc -l)
scrape "$out/$(printf 'scrape-%02d.txt' "$n")"
end=$(date +%s)
sleep 3 # one more Prometheus scrape
q() { # $1 file, $2 query
  curl -sf -G "http://127.0.0.1:$pport/api/v1/query_range" --data-urlencode "query=$2" \
    --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode "step=2" > "$out/$1"
}
q prom-p95-by-route.json 'histogram_quantile(0.95, sum by (le, route) (rate(orders_http_request_duration_seconds_bucket[10s])))'
q prom-heap-alloc.json 'go_memstats_heap_alloc_bytes'
q prom-gc-per-min.json 'rate(go_gc_duration_seconds_count[20s]) * 60'
cp "$tmp/gctrace.log" "$out/gctrace.log"
mkdir -p "$root/examples/captured/orders-batch"
GODEBUG=gctrace=1 "$tmp/orders" -n 300000 > /dev/null 2> "$root/examples/captured/orders-batch/gctrace.log"
echo "wrote $out ($((n + 1)) scrapes)"
