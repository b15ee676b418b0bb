#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
exec "$(dirname "$0")/../capture.sh" uuid github.com/google/uuid@v1.6.0 300ms
