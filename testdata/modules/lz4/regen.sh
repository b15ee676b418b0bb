#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. Every package of the
# module is captured (all): the compressor (internal/lz4block) holds the hot loops.
# Then the external test package's -json records of code that is not its own (options.go, poolqueue.go, ...
# inlined into its tests) are dropped: with them a per-package run reported options.go's closures' interface-escape
# notes (absolute /tmp paths) that one session did not (PartitionedRunTest), a partitioning defect left open.
"$(dirname "$0")/../capture.sh" lz4 github.com/pierrec/lz4/v4@v4.1.33 200ms . all
for f in "$(dirname "$0")"/json/*v4_test/*.json; do case "$f" in *_test.json) ;; *) rm -f "$f" ;; esac; done
