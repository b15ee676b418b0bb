#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. google/btree's
# own benchmarks (btree_test.go: BTree over the Item interface; btree_generic_test.go: BTreeG[int]), 300ms each.
exec "$(dirname "$0")/../capture.sh" gbtree github.com/google/btree@v1.1.3 300ms
# Then bench.txt's first line is removed: the seed btree_test.go's init prints (fmt.Println(seed), e.g. 1796660624).
# perfwarden's bench parser counts a line that is no benchmark, config, unit or go test line as unparsed (benchstat
# ignores it); the capture keeps every other line as go test printed it.
