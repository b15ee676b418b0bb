#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
exec "$(dirname "$0")/../capture.sh" bitset github.com/bits-and-blooms/bitset@v1.14.3 2s
