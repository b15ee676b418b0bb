#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. The module has one
# benchmark, BenchmarkIteratorCreationAlloc (btreeg_test.go:1902: Iter + Seek + Release on a 1-item tree, with and
# without reusing the iterator); 1s per sub-benchmark.
exec "$(dirname "$0")/../capture.sh" btree github.com/tidwall/btree@v1.8.2 1s
