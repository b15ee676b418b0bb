#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
exec "$(dirname "$0")/../capture.sh" chi github.com/go-chi/chi/v5@v5.1.0 200ms
