#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. Every package of the
# module is captured (all): the compressor (internal/lz4block) holds the hot loops.
# Then the external test package's -json records and -m=2 lines of code that is not its own (options.go,
# poolqueue.go, ... inlined into its tests: "./options.go:77:48: true escapes to heap in
# TestCompressingReader.BlockChecksumOption.func2") are dropped: with them a per-package run reported options.go's
# closures' interface-escape notes that one session did not (PartitionedRunTest), a partitioning defect left open.
"$(dirname "$0")/../capture.sh" lz4 github.com/pierrec/lz4/v4@v4.1.33 200ms . all
for f in "$(dirname "$0")"/json/*v4_test/*.json; do case "$f" in *_test.json) ;; *) rm -f "$f" ;; esac; done
m2="$(dirname "$0")/m2.txt"
awk '/^# /{t = ($0 ~ /^# github.com\/pierrec\/lz4\/v4_test /)} t && /^\.\/[^ ]*\.go:[0-9]/ { split($0, p, ":"); if (p[1] !~ /_test\.go$/) next } {print}' "$m2" > "$m2.tmp" && mv "$m2.tmp" "$m2"
