#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
exec "$(dirname "$0")/../capture.sh" murmur3 github.com/spaolacci/murmur3@v1.1.0 300ms
