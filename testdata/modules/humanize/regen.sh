#!/bin/sh
# Re-capture this module (session 15: Go 1.26.8, linux/amd64). The profiles differ run to run: judged.txt quotes these.
exec "$(dirname "$0")/../capture.sh" humanize github.com/dustin/go-humanize@v1.1.0 300ms
