#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
exec "$(dirname "$0")/../capture.sh" ksuid github.com/segmentio/ksuid@v1.0.4 300ms
